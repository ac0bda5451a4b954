from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="WhitelistEntryInput")


@_attrs_define
class WhitelistEntryInput:
    """One whitelist entry to add.

    Attributes:
        ip_addr (str): An IPv4 address (`203.0.113.8`) or an IPv4 CIDR block (`198.51.100.0/24`, prefix 0 to 32).
        description (str): Free text; may be empty.
    """

    ip_addr: str
    description: str

    def to_dict(self) -> dict[str, Any]:
        ip_addr = self.ip_addr

        description = self.description

        field_dict: dict[str, Any] = {}

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

        whitelist_entry_input = cls(
            ip_addr=ip_addr,
            description=description,
        )

        return whitelist_entry_input
