from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="BatchIds")


@_attrs_define
class BatchIds:
    """Numeric ids to act on in one request, 1 to 100 of them.

    Attributes:
        items (list[int]):
    """

    items: list[int]

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
        items = cast(list[int], d.pop("items"))

        batch_ids = cls(
            items=items,
        )

        return batch_ids
