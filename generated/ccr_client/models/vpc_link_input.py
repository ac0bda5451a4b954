from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.vpc_link_input_ip_type import VpcLinkInputIpType
from ..types import UNSET, Unset

T = TypeVar("T", bound="VpcLinkInput")


@_attrs_define
class VpcLinkInput:
    """A VPC subnet to link. `ipAddress` is required when `ipType` is `manual` (an IPv4 address
    of the subnet); with `auto` it is ignored and may be left out or empty.

        Attributes:
            vpc_id (str): VPC id, e.g. `vpc-4a5b6c7d8e9f`.
            subnet_id (str): Subnet id in that VPC, e.g. `sbn-1a2b3c4d5e6f`.
            ip_type (VpcLinkInputIpType): `auto`: the server picks a free IP of the subnet; `manual`: the caller gives
                `ipAddress`.
            auto_dns_resolve (bool): Whether the instance's private domain resolves automatically inside the VPC.
            ip_address (str | Unset): IPv4 address for the link inside the subnet; required, non-empty, when `ipType` is
                `manual`.
    """

    vpc_id: str
    subnet_id: str
    ip_type: VpcLinkInputIpType
    auto_dns_resolve: bool
    ip_address: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        vpc_id = self.vpc_id

        subnet_id = self.subnet_id

        ip_type = self.ip_type.value

        auto_dns_resolve = self.auto_dns_resolve

        ip_address = self.ip_address

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "vpcID": vpc_id,
                "subnetID": subnet_id,
                "ipType": ip_type,
                "autoDnsResolve": auto_dns_resolve,
            }
        )
        if ip_address is not UNSET:
            field_dict["ipAddress"] = ip_address

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        vpc_id = d.pop("vpcID")

        subnet_id = d.pop("subnetID")

        ip_type = VpcLinkInputIpType(d.pop("ipType"))

        auto_dns_resolve = d.pop("autoDnsResolve")

        ip_address = d.pop("ipAddress", UNSET)

        vpc_link_input = cls(
            vpc_id=vpc_id,
            subnet_id=subnet_id,
            ip_type=ip_type,
            auto_dns_resolve=auto_dns_resolve,
            ip_address=ip_address,
        )

        return vpc_link_input
