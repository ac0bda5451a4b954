from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="InstanceTagInput")


@_attrs_define
class InstanceTagInput:
    """One key/value tag, as written. Neither field is required by the sources.

    Attributes:
        tag_key (str | Unset): Tag key.
        tag_value (str | Unset): Tag value (may be empty).
    """

    tag_key: str | Unset = UNSET
    tag_value: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        tag_key = self.tag_key

        tag_value = self.tag_value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if tag_key is not UNSET:
            field_dict["tagKey"] = tag_key
        if tag_value is not UNSET:
            field_dict["tagValue"] = tag_value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        tag_key = d.pop("tagKey", UNSET)

        tag_value = d.pop("tagValue", UNSET)

        instance_tag_input = cls(
            tag_key=tag_key,
            tag_value=tag_value,
        )

        return instance_tag_input
