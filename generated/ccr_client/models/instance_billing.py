from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.instance_billing_auto_renew_time_unit import InstanceBillingAutoRenewTimeUnit
from ..models.instance_billing_reservation_time_unit import InstanceBillingReservationTimeUnit
from ..types import UNSET, Unset

T = TypeVar("T", bound="InstanceBilling")


@_attrs_define
class InstanceBilling:
    """Prepaid term of a new instance and its automatic renewal.

    Attributes:
        reservation_time_unit (InstanceBillingReservationTimeUnit): Unit of `reservationTime`.
        reservation_time (int): Length of the first term, 1 to 9 units.
        auto_renew_time (int): Length of each automatic renewal, 1 to 9 units.
        auto_renew (bool | Unset): Whether the instance renews itself when the term ends. Default: False.
        auto_renew_time_unit (InstanceBillingAutoRenewTimeUnit | Unset): Unit of `autoRenewTime`.
    """

    reservation_time_unit: InstanceBillingReservationTimeUnit
    reservation_time: int
    auto_renew_time: int
    auto_renew: bool | Unset = False
    auto_renew_time_unit: InstanceBillingAutoRenewTimeUnit | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        reservation_time_unit = self.reservation_time_unit.value

        reservation_time = self.reservation_time

        auto_renew_time = self.auto_renew_time

        auto_renew = self.auto_renew

        auto_renew_time_unit: str | Unset = UNSET
        if not isinstance(self.auto_renew_time_unit, Unset):
            auto_renew_time_unit = self.auto_renew_time_unit.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reservationTimeUnit": reservation_time_unit,
                "reservationTime": reservation_time,
                "autoRenewTime": auto_renew_time,
            }
        )
        if auto_renew is not UNSET:
            field_dict["autoRenew"] = auto_renew
        if auto_renew_time_unit is not UNSET:
            field_dict["autoRenewTimeUnit"] = auto_renew_time_unit

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        reservation_time_unit = InstanceBillingReservationTimeUnit(d.pop("reservationTimeUnit"))

        reservation_time = d.pop("reservationTime")

        auto_renew_time = d.pop("autoRenewTime")

        auto_renew = d.pop("autoRenew", UNSET)

        _auto_renew_time_unit = d.pop("autoRenewTimeUnit", UNSET)
        auto_renew_time_unit: InstanceBillingAutoRenewTimeUnit | Unset
        if isinstance(_auto_renew_time_unit, Unset):
            auto_renew_time_unit = UNSET
        else:
            auto_renew_time_unit = InstanceBillingAutoRenewTimeUnit(_auto_renew_time_unit)

        instance_billing = cls(
            reservation_time_unit=reservation_time_unit,
            reservation_time=reservation_time,
            auto_renew_time=auto_renew_time,
            auto_renew=auto_renew,
            auto_renew_time_unit=auto_renew_time_unit,
        )

        return instance_billing
