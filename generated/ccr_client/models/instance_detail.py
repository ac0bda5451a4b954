from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.instance import Instance
    from ..models.instance_quota import InstanceQuota
    from ..models.instance_statistic import InstanceStatistic


T = TypeVar("T", bound="InstanceDetail")


@_attrs_define
class InstanceDetail:
    """One instance with its usage and limits.

    Attributes:
        info (Instance): An Enterprise instance, as listed and as `info` of the instance detail.
        statistic (InstanceStatistic): What the instance holds now.
        quota (InstanceQuota): The instance's limits.
        bucket (str): BOS bucket that stores the instance's artifacts.
        region (str): Region id, e.g. `bj`.
    """

    info: Instance
    statistic: InstanceStatistic
    quota: InstanceQuota
    bucket: str
    region: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        info = self.info.to_dict()

        statistic = self.statistic.to_dict()

        quota = self.quota.to_dict()

        bucket = self.bucket

        region = self.region

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "info": info,
                "statistic": statistic,
                "quota": quota,
                "bucket": bucket,
                "region": region,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.instance import Instance
        from ..models.instance_quota import InstanceQuota
        from ..models.instance_statistic import InstanceStatistic

        d = dict(src_dict)
        info = Instance.from_dict(d.pop("info"))

        statistic = InstanceStatistic.from_dict(d.pop("statistic"))

        quota = InstanceQuota.from_dict(d.pop("quota"))

        bucket = d.pop("bucket")

        region = d.pop("region")

        instance_detail = cls(
            info=info,
            statistic=statistic,
            quota=quota,
            bucket=bucket,
            region=region,
        )

        instance_detail.additional_properties = d
        return instance_detail

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
