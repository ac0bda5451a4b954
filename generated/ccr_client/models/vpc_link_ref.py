from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="VpcLinkRef")


@_attrs_define
class VpcLinkRef:
    """Names one VPC link by its VPC and subnet.

    Attributes:
        vpc_id (str): VPC id.
        subnet_id (str): Subnet id.
    """

    vpc_id: str
    subnet_id: str

    def to_dict(self) -> dict[str, Any]:
        vpc_id = self.vpc_id

        subnet_id = self.subnet_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "vpcID": vpc_id,
                "subnetID": subnet_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        vpc_id = d.pop("vpcID")

        subnet_id = d.pop("subnetID")

        vpc_link_ref = cls(
            vpc_id=vpc_id,
            subnet_id=subnet_id,
        )

        return vpc_link_ref
