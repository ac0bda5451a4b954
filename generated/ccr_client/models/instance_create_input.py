from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.instance_create_input_payment_timing import InstanceCreateInputPaymentTiming
from ..models.instance_type import InstanceType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.instance_billing import InstanceBilling
    from ..models.instance_payment_method import InstancePaymentMethod
    from ..models.instance_tag_input import InstanceTagInput


T = TypeVar("T", bound="InstanceCreateInput")


@_attrs_define
class InstanceCreateInput:
    """An order for a new instance (bce-sdk-go `CreateInstanceArgs`).

    Attributes:
        type_ (InstanceType): Instance edition: `BASIC`, `STANDARD` or `ADVANCED`.
        name (str): Display name, 1 to 256 characters.
        payment_timing (InstanceCreateInputPaymentTiming): Only prepaid instances can be ordered.
        bucket (str | Unset): BOS bucket for the artifacts; empty lets the service create one.
        billing (InstanceBilling | Unset): Prepaid term of a new instance and its automatic renewal.
        payment_method (list[InstancePaymentMethod] | None | Unset):
        tags (list[InstanceTagInput] | None | Unset):
    """

    type_: InstanceType
    name: str
    payment_timing: InstanceCreateInputPaymentTiming
    bucket: str | Unset = UNSET
    billing: InstanceBilling | Unset = UNSET
    payment_method: list[InstancePaymentMethod] | None | Unset = UNSET
    tags: list[InstanceTagInput] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        name = self.name

        payment_timing = self.payment_timing.value

        bucket = self.bucket

        billing: dict[str, Any] | Unset = UNSET
        if not isinstance(self.billing, Unset):
            billing = self.billing.to_dict()

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

        tags: list[dict[str, Any]] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = []
            for tags_type_0_item_data in self.tags:
                tags_type_0_item = tags_type_0_item_data.to_dict()
                tags.append(tags_type_0_item)

        else:
            tags = self.tags

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "name": name,
                "paymentTiming": payment_timing,
            }
        )
        if bucket is not UNSET:
            field_dict["bucket"] = bucket
        if billing is not UNSET:
            field_dict["billing"] = billing
        if payment_method is not UNSET:
            field_dict["paymentMethod"] = payment_method
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.instance_billing import InstanceBilling
        from ..models.instance_payment_method import InstancePaymentMethod
        from ..models.instance_tag_input import InstanceTagInput

        d = dict(src_dict)
        type_ = InstanceType(d.pop("type"))

        name = d.pop("name")

        payment_timing = InstanceCreateInputPaymentTiming(d.pop("paymentTiming"))

        bucket = d.pop("bucket", UNSET)

        _billing = d.pop("billing", UNSET)
        billing: InstanceBilling | Unset
        if isinstance(_billing, Unset):
            billing = UNSET
        else:
            billing = InstanceBilling.from_dict(_billing)

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

        def _parse_tags(data: object) -> list[InstanceTagInput] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = []
                _tags_type_0 = data
                for tags_type_0_item_data in _tags_type_0:
                    tags_type_0_item = InstanceTagInput.from_dict(tags_type_0_item_data)

                    tags_type_0.append(tags_type_0_item)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[InstanceTagInput] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        instance_create_input = cls(
            type_=type_,
            name=name,
            payment_timing=payment_timing,
            bucket=bucket,
            billing=billing,
            payment_method=payment_method,
            tags=tags,
        )

        return instance_create_input
