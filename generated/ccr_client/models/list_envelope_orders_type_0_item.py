from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sort_order import SortOrder
from ..types import UNSET, Unset

T = TypeVar("T", bound="ListEnvelopeOrdersType0Item")


@_attrs_define
class ListEnvelopeOrdersType0Item:
    """
    Attributes:
        order_by (str | Unset):
        order (SortOrder | Unset): Sort direction.
    """

    order_by: str | Unset = UNSET
    order: SortOrder | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        order_by = self.order_by

        order: str | Unset = UNSET
        if not isinstance(self.order, Unset):
            order = self.order.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if order_by is not UNSET:
            field_dict["orderBy"] = order_by
        if order is not UNSET:
            field_dict["order"] = order

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        order_by = d.pop("orderBy", UNSET)

        _order = d.pop("order", UNSET)
        order: SortOrder | Unset
        if isinstance(_order, Unset):
            order = UNSET
        else:
            order = SortOrder(_order)

        list_envelope_orders_type_0_item = cls(
            order_by=order_by,
            order=order,
        )

        list_envelope_orders_type_0_item.additional_properties = d
        return list_envelope_orders_type_0_item

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
