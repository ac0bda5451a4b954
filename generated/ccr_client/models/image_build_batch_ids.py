from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ImageBuildBatchIds")


@_attrs_define
class ImageBuildBatchIds:
    """Image-build task ids to delete, 1 to 100 of them, as strings of digits.

    Attributes:
        items (list[str]):
    """

    items: list[str]

    def to_dict(self) -> dict[str, Any]:
        items = self.items

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        items = cast(list[str], d.pop("items"))

        image_build_batch_ids = cls(
            items=items,
        )

        return image_build_batch_ids
