from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="InstanceStatistic")


@_attrs_define
class InstanceStatistic:
    """What the instance holds now.

    Attributes:
        repo (int): Number of repositories.
        chart (int): Number of Helm charts.
        namespace (int): Number of namespaces.
        vpc (int): Number of VPCs linked to the instance (not known to bce-sdk-go).
        storage (int): Bytes used in the BOS bucket.
    """

    repo: int
    chart: int
    namespace: int
    vpc: int
    storage: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        repo = self.repo

        chart = self.chart

        namespace = self.namespace

        vpc = self.vpc

        storage = self.storage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "repo": repo,
                "chart": chart,
                "namespace": namespace,
                "vpc": vpc,
                "storage": storage,
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

        storage = d.pop("storage")

        instance_statistic = cls(
            repo=repo,
            chart=chart,
            namespace=namespace,
            vpc=vpc,
            storage=storage,
        )

        instance_statistic.additional_properties = d
        return instance_statistic

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
