from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.public_network_status import PublicNetworkStatus

if TYPE_CHECKING:
    from ..models.whitelist_entry import WhitelistEntry


T = TypeVar("T", bound="PublicNetworkConfig")


@_attrs_define
class PublicNetworkConfig:
    """The public endpoint of an instance.

    Attributes:
        domain (str): The instance's public domain.
        status (PublicNetworkStatus): State of the public endpoint; `opening` and `closing` are transitions.
        whitelist (list[WhitelistEntry]): Addresses allowed through the public endpoint.
    """

    domain: str
    status: PublicNetworkStatus
    whitelist: list[WhitelistEntry]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        domain = self.domain

        status = self.status.value

        whitelist = []
        for whitelist_item_data in self.whitelist:
            whitelist_item = whitelist_item_data.to_dict()
            whitelist.append(whitelist_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "domain": domain,
                "status": status,
                "whitelist": whitelist,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.whitelist_entry import WhitelistEntry

        d = dict(src_dict)
        domain = d.pop("domain")

        status = PublicNetworkStatus(d.pop("status"))

        whitelist = []
        _whitelist = d.pop("whitelist")
        for whitelist_item_data in _whitelist:
            whitelist_item = WhitelistEntry.from_dict(whitelist_item_data)

            whitelist.append(whitelist_item)

        public_network_config = cls(
            domain=domain,
            status=status,
            whitelist=whitelist,
        )

        public_network_config.additional_properties = d
        return public_network_config

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
