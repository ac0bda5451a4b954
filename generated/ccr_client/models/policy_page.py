from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sort_order import SortOrder
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.list_envelope_orders_type_0_item import ListEnvelopeOrdersType0Item
    from ..models.policy import Policy


T = TypeVar("T", bound="PolicyPage")


@_attrs_define
class PolicyPage:
    """A page of migration policies.

    Attributes:
        page_no (int):
        page_size (int):
        total_count (int):
        result (list[Policy]):
        order_by (None | str | Unset): Field the list is sorted by.
        order (None | SortOrder | Unset): Sort direction.
        orders (list[ListEnvelopeOrdersType0Item] | None | Unset): Multi-field sort, when the server uses one.
    """

    page_no: int
    page_size: int
    total_count: int
    result: list[Policy]
    order_by: None | str | Unset = UNSET
    order: None | SortOrder | Unset = UNSET
    orders: list[ListEnvelopeOrdersType0Item] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        page_no = self.page_no

        page_size = self.page_size

        total_count = self.total_count

        result = []
        for result_item_data in self.result:
            result_item = result_item_data.to_dict()
            result.append(result_item)

        order_by: None | str | Unset
        if isinstance(self.order_by, Unset):
            order_by = UNSET
        else:
            order_by = self.order_by

        order: None | str | Unset
        if isinstance(self.order, Unset):
            order = UNSET
        elif isinstance(self.order, SortOrder):
            order = self.order.value
        else:
            order = self.order

        orders: list[dict[str, Any]] | None | Unset
        if isinstance(self.orders, Unset):
            orders = UNSET
        elif isinstance(self.orders, list):
            orders = []
            for orders_type_0_item_data in self.orders:
                orders_type_0_item = orders_type_0_item_data.to_dict()
                orders.append(orders_type_0_item)

        else:
            orders = self.orders

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pageNo": page_no,
                "pageSize": page_size,
                "totalCount": total_count,
                "result": result,
            }
        )
        if order_by is not UNSET:
            field_dict["orderBy"] = order_by
        if order is not UNSET:
            field_dict["order"] = order
        if orders is not UNSET:
            field_dict["orders"] = orders

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.list_envelope_orders_type_0_item import ListEnvelopeOrdersType0Item
        from ..models.policy import Policy

        d = dict(src_dict)
        page_no = d.pop("pageNo")

        page_size = d.pop("pageSize")

        total_count = d.pop("totalCount")

        result = []
        _result = d.pop("result")
        for result_item_data in _result:
            result_item = Policy.from_dict(result_item_data)

            result.append(result_item)

        def _parse_order_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        order_by = _parse_order_by(d.pop("orderBy", UNSET))

        def _parse_order(data: object) -> None | SortOrder | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                order_type_0 = SortOrder(data)

                return order_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SortOrder | Unset, data)

        order = _parse_order(d.pop("order", UNSET))

        def _parse_orders(data: object) -> list[ListEnvelopeOrdersType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                orders_type_0 = []
                _orders_type_0 = data
                for orders_type_0_item_data in _orders_type_0:
                    orders_type_0_item = ListEnvelopeOrdersType0Item.from_dict(orders_type_0_item_data)

                    orders_type_0.append(orders_type_0_item)

                return orders_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ListEnvelopeOrdersType0Item] | None | Unset, data)

        orders = _parse_orders(d.pop("orders", UNSET))

        policy_page = cls(
            page_no=page_no,
            page_size=page_size,
            total_count=total_count,
            result=result,
            order_by=order_by,
            order=order,
            orders=orders,
        )

        policy_page.additional_properties = d
        return policy_page

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
