from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WhitelistEntry")


@_attrs_define
class WhitelistEntry:
    """One whitelist entry, as listed.

    Attributes:
        ip_addr (str): An IPv4 address (`203.0.113.8`) or an IPv4 CIDR block (`198.51.100.0/24`, prefix 0 to 32).
        description (str): Free text; may be empty.
    """

    ip_addr: str
    description: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ip_addr = self.ip_addr

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ipAddr": ip_addr,
                "description": description,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ip_addr = d.pop("ipAddr")

        description = d.pop("description")

        whitelist_entry = cls(
            ip_addr=ip_addr,
            description=description,
        )

        whitelist_entry.additional_properties = d
        return whitelist_entry

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
