from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.instance_type import InstanceType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.instance_payment_method import InstancePaymentMethod


T = TypeVar("T", bound="InstanceUpgradeInput")


@_attrs_define
class InstanceUpgradeInput:
    """An order to change an instance's type (bce-sdk-go `UpgradeInstanceArgs`).

    Attributes:
        type_ (InstanceType): Instance edition: `BASIC`, `STANDARD` or `ADVANCED`.
        payment_method (list[InstancePaymentMethod] | None | Unset):
    """

    type_: InstanceType
    payment_method: list[InstancePaymentMethod] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        payment_method: list[dict[str, Any]] | None | Unset
        if isinstance(self.payment_method, Unset):
            payment_method = UNSET
        elif isinstance(self.payment_method, list):
            payment_method = []
            for payment_method_type_0_item_data in self.payment_method:
                payment_method_type_0_item = payment_method_type_0_item_data.to_dict()
                payment_method.append(payment_method_type_0_item)

        else:
            payment_method = self.payment_method

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )
        if payment_method is not UNSET:
            field_dict["paymentMethod"] = payment_method

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.instance_payment_method import InstancePaymentMethod

        d = dict(src_dict)
        type_ = InstanceType(d.pop("type"))

        def _parse_payment_method(data: object) -> list[InstancePaymentMethod] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                payment_method_type_0 = []
                _payment_method_type_0 = data
                for payment_method_type_0_item_data in _payment_method_type_0:
                    payment_method_type_0_item = InstancePaymentMethod.from_dict(payment_method_type_0_item_data)

                    payment_method_type_0.append(payment_method_type_0_item)

                return payment_method_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[InstancePaymentMethod] | None | Unset, data)

        payment_method = _parse_payment_method(d.pop("paymentMethod", UNSET))

        instance_upgrade_input = cls(
            type_=type_,
            payment_method=payment_method,
        )

        return instance_upgrade_input
