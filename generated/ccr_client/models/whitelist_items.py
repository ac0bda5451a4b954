from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="WhitelistItems")


@_attrs_define
class WhitelistItems:
    """Whitelist entries to remove, 1 to 100 of them, each as listed.

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

        whitelist_items = cls(
            items=items,
        )

        return whitelist_items
