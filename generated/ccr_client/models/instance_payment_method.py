from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="InstancePaymentMethod")


@_attrs_define
class InstancePaymentMethod:
    """A payment means for an order (e.g. a coupon), as bce-sdk-go sends it.

    Attributes:
        type_ (str | Unset): Kind of payment means.
        values (list[str] | None | Unset): Ids of the payment means of that kind.
    """

    type_: str | Unset = UNSET
    values: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        values: list[str] | None | Unset
        if isinstance(self.values, Unset):
            values = UNSET
        elif isinstance(self.values, list):
            values = self.values

        else:
            values = self.values

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if values is not UNSET:
            field_dict["values"] = values

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = d.pop("type", UNSET)

        def _parse_values(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                values_type_0 = cast(list[str], data)

                return values_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        values = _parse_values(d.pop("values", UNSET))

        instance_payment_method = cls(
            type_=type_,
            values=values,
        )

        return instance_payment_method
