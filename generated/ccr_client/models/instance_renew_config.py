from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.instance_renew_config_time_unit import InstanceRenewConfigTimeUnit
from ..models.instance_renew_config_union_expire_order_flag import InstanceRenewConfigUnionExpireOrderFlag
from ..types import UNSET, Unset

T = TypeVar("T", bound="InstanceRenewConfig")


@_attrs_define
class InstanceRenewConfig:
    """What to renew and for how long (bce-sdk-go `Config`).

    Attributes:
        duration (int | Unset): Length of the renewal, in `timeUnit`s.
        instance_id (str | Unset): Instance to renew.
        service_type (str | Unset): Product name, e.g. `CCR`.
        time_unit (InstanceRenewConfigTimeUnit | Unset): Unit of `duration`; empty (what bce-sdk-go sends when unset)
            means `month`.
        union_expire_order_flag (InstanceRenewConfigUnionExpireOrderFlag | Unset): `1` aligns the expiry with the
            account's other instances; empty means no.
        uuid (str | Unset): Order item id, may be empty.
    """

    duration: int | Unset = UNSET
    instance_id: str | Unset = UNSET
    service_type: str | Unset = UNSET
    time_unit: InstanceRenewConfigTimeUnit | Unset = UNSET
    union_expire_order_flag: InstanceRenewConfigUnionExpireOrderFlag | Unset = UNSET
    uuid: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        duration = self.duration

        instance_id = self.instance_id

        service_type = self.service_type

        time_unit: str | Unset = UNSET
        if not isinstance(self.time_unit, Unset):
            time_unit = self.time_unit.value

        union_expire_order_flag: str | Unset = UNSET
        if not isinstance(self.union_expire_order_flag, Unset):
            union_expire_order_flag = self.union_expire_order_flag.value

        uuid = self.uuid

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if duration is not UNSET:
            field_dict["duration"] = duration
        if instance_id is not UNSET:
            field_dict["instanceId"] = instance_id
        if service_type is not UNSET:
            field_dict["serviceType"] = service_type
        if time_unit is not UNSET:
            field_dict["timeUnit"] = time_unit
        if union_expire_order_flag is not UNSET:
            field_dict["unionExpireOrderFlag"] = union_expire_order_flag
        if uuid is not UNSET:
            field_dict["uuid"] = uuid

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        duration = d.pop("duration", UNSET)

        instance_id = d.pop("instanceId", UNSET)

        service_type = d.pop("serviceType", UNSET)

        _time_unit = d.pop("timeUnit", UNSET)
        time_unit: InstanceRenewConfigTimeUnit | Unset
        if isinstance(_time_unit, Unset):
            time_unit = UNSET
        else:
            time_unit = InstanceRenewConfigTimeUnit(_time_unit)

        _union_expire_order_flag = d.pop("unionExpireOrderFlag", UNSET)
        union_expire_order_flag: InstanceRenewConfigUnionExpireOrderFlag | Unset
        if isinstance(_union_expire_order_flag, Unset):
            union_expire_order_flag = UNSET
        else:
            union_expire_order_flag = InstanceRenewConfigUnionExpireOrderFlag(_union_expire_order_flag)

        uuid = d.pop("uuid", UNSET)

        instance_renew_config = cls(
            duration=duration,
            instance_id=instance_id,
            service_type=service_type,
            time_unit=time_unit,
            union_expire_order_flag=union_expire_order_flag,
            uuid=uuid,
        )

        return instance_renew_config
