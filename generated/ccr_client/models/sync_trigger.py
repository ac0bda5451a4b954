from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sync_trigger_type import SyncTriggerType

T = TypeVar("T", bound="SyncTrigger")


@_attrs_define
class SyncTrigger:
    """When a synchronization policy runs, as returned.

    Attributes:
        type_ (SyncTriggerType): `manual` or `event_based` for policies created through this API;
            baiducloud-python-sdk-ccr's answer model also names `scheduled` (ERRATA E69).
    """

    type_: SyncTriggerType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = SyncTriggerType(d.pop("type"))

        sync_trigger = cls(
            type_=type_,
        )

        sync_trigger.additional_properties = d
        return sync_trigger

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
