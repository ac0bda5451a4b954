from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="VpcLink")


@_attrs_define
class VpcLink:
    """One linked VPC subnet.

    Attributes:
        vpc_id (str): VPC id.
        subnet_id (str): Subnet id.
        service_net_id (str): Id of the service network interface placed in the subnet; empty until there is one.
        ip_address (str): Private IP the instance answers on inside the subnet; empty until assigned.
        status (str): State of the link as the server reports it (Baidu's example shows `failed`; the sources list no
            closed set).
        resource_source (str | Unset): Known from bce-sdk-go only; optional.
    """

    vpc_id: str
    subnet_id: str
    service_net_id: str
    ip_address: str
    status: str
    resource_source: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        vpc_id = self.vpc_id

        subnet_id = self.subnet_id

        service_net_id = self.service_net_id

        ip_address = self.ip_address

        status = self.status

        resource_source = self.resource_source

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "vpcID": vpc_id,
                "subnetID": subnet_id,
                "serviceNetID": service_net_id,
                "ipAddress": ip_address,
                "status": status,
            }
        )
        if resource_source is not UNSET:
            field_dict["resourceSource"] = resource_source

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        vpc_id = d.pop("vpcID")

        subnet_id = d.pop("subnetID")

        service_net_id = d.pop("serviceNetID")

        ip_address = d.pop("ipAddress")

        status = d.pop("status")

        resource_source = d.pop("resourceSource", UNSET)

        vpc_link = cls(
            vpc_id=vpc_id,
            subnet_id=subnet_id,
            service_net_id=service_net_id,
            ip_address=ip_address,
            status=status,
            resource_source=resource_source,
        )

        vpc_link.additional_properties = d
        return vpc_link

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
