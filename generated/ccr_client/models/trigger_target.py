from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.trigger_headers import TriggerHeaders


T = TypeVar("T", bound="TriggerTarget")


@_attrs_define
class TriggerTarget:
    """An address a trigger calls, as returned.

    Attributes:
        address (str): URL called when the trigger fires.
        headers (TriggerHeaders | Unset): Custom headers of a target as returned (only `Authorization` can be set).
    """

    address: str
    headers: TriggerHeaders | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        address = self.address

        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "address": address,
            }
        )
        if headers is not UNSET:
            field_dict["headers"] = headers

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.trigger_headers import TriggerHeaders

        d = dict(src_dict)
        address = d.pop("address")

        _headers = d.pop("headers", UNSET)
        headers: TriggerHeaders | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = TriggerHeaders.from_dict(_headers)

        trigger_target = cls(
            address=address,
            headers=headers,
        )

        trigger_target.additional_properties = d
        return trigger_target

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
