from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="InstanceQuota")


@_attrs_define
class InstanceQuota:
    """The instance's limits.

    Attributes:
        repo (int): Most repositories allowed.
        chart (int): Most Helm charts allowed.
        namespace (int): Most namespaces allowed.
        vpc (int): Most VPCs that can be linked (not known to bce-sdk-go).
    """

    repo: int
    chart: int
    namespace: int
    vpc: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        repo = self.repo

        chart = self.chart

        namespace = self.namespace

        vpc = self.vpc

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "repo": repo,
                "chart": chart,
                "namespace": namespace,
                "vpc": vpc,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        repo = d.pop("repo")

        chart = d.pop("chart")

        namespace = d.pop("namespace")

        vpc = d.pop("vpc")

        instance_quota = cls(
            repo=repo,
            chart=chart,
            namespace=namespace,
            vpc=vpc,
        )

        instance_quota.additional_properties = d
        return instance_quota

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
