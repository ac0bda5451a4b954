from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="BatchNames")


@_attrs_define
class BatchNames:
    """Names to act on in one request, 1 to 100 of them.

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

        batch_names = cls(
            items=items,
        )

        return batch_names
