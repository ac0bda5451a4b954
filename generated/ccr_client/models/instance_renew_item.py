from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.instance_payment_method import InstancePaymentMethod
    from ..models.instance_renew_config import InstanceRenewConfig


T = TypeVar("T", bound="InstanceRenewItem")


@_attrs_define
class InstanceRenewItem:
    """One instance to renew.

    Attributes:
        config (InstanceRenewConfig | Unset): What to renew and for how long (bce-sdk-go `Config`).
        payment_method (list[InstancePaymentMethod] | None | Unset):
    """

    config: InstanceRenewConfig | Unset = UNSET
    payment_method: list[InstancePaymentMethod] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

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

        field_dict.update({})
        if config is not UNSET:
            field_dict["config"] = config
        if payment_method is not UNSET:
            field_dict["paymentMethod"] = payment_method

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.instance_payment_method import InstancePaymentMethod
        from ..models.instance_renew_config import InstanceRenewConfig

        d = dict(src_dict)
        _config = d.pop("config", UNSET)
        config: InstanceRenewConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = InstanceRenewConfig.from_dict(_config)

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

        instance_renew_item = cls(
            config=config,
            payment_method=payment_method,
        )

        return instance_renew_item
