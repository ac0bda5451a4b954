from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.instance_payment_method import InstancePaymentMethod
    from ..models.instance_renew_item import InstanceRenewItem


T = TypeVar("T", bound="InstanceRenewInput")


@_attrs_define
class InstanceRenewInput:
    """A renewal order (bce-sdk-go `RenewInstanceArgs`).

    Attributes:
        items (list[InstanceRenewItem] | None | Unset):
        payment_method (list[InstancePaymentMethod] | None | Unset):
    """

    items: list[InstanceRenewItem] | None | Unset = UNSET
    payment_method: list[InstancePaymentMethod] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        items: list[dict[str, Any]] | None | Unset
        if isinstance(self.items, Unset):
            items = UNSET
        elif isinstance(self.items, list):
            items = []
            for items_type_0_item_data in self.items:
                items_type_0_item = items_type_0_item_data.to_dict()
                items.append(items_type_0_item)

        else:
            items = self.items

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
        if items is not UNSET:
            field_dict["items"] = items
        if payment_method is not UNSET:
            field_dict["paymentMethod"] = payment_method

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.instance_payment_method import InstancePaymentMethod
        from ..models.instance_renew_item import InstanceRenewItem

        d = dict(src_dict)

        def _parse_items(data: object) -> list[InstanceRenewItem] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                items_type_0 = []
                _items_type_0 = data
                for items_type_0_item_data in _items_type_0:
                    items_type_0_item = InstanceRenewItem.from_dict(items_type_0_item_data)

                    items_type_0.append(items_type_0_item)

                return items_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[InstanceRenewItem] | None | Unset, data)

        items = _parse_items(d.pop("items", UNSET))

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

        instance_renew_input = cls(
            items=items,
            payment_method=payment_method,
        )

        return instance_renew_input
