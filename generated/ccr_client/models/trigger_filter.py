from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.trigger_filter_type import TriggerFilterType

T = TypeVar("T", bound="TriggerFilter")


@_attrs_define
class TriggerFilter:
    """One filter of a trigger as returned.

    Attributes:
        type_ (TriggerFilterType): What a filter matches: the namespace (`project_name`), the repository
            (`repository_name`) or
            the tag (`tag`). Baidu's Chinese text names the tag filter `repository_name` too; the
            contract follows the English `tag` (ERRATA E58).
        value (str): Name, or name pattern, matched.
    """

    type_: TriggerFilterType
    value: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = TriggerFilterType(d.pop("type"))

        value = d.pop("value")

        trigger_filter = cls(
            type_=type_,
            value=value,
        )

        trigger_filter.additional_properties = d
        return trigger_filter

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
