from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.trigger_policy import TriggerPolicy


T = TypeVar("T", bound="TriggerPolicyPage")


@_attrs_define
class TriggerPolicyPage:
    """A page of trigger policies.

    Attributes:
        total (int): Number of policies matching the query, over all pages.
        page_no (int):
        page_size (int):
        policies (list[TriggerPolicy]):
    """

    total: int
    page_no: int
    page_size: int
    policies: list[TriggerPolicy]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        page_no = self.page_no

        page_size = self.page_size

        policies = []
        for policies_item_data in self.policies:
            policies_item = policies_item_data.to_dict()
            policies.append(policies_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total": total,
                "pageNo": page_no,
                "pageSize": page_size,
                "policies": policies,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.trigger_policy import TriggerPolicy

        d = dict(src_dict)
        total = d.pop("total")

        page_no = d.pop("pageNo")

        page_size = d.pop("pageSize")

        policies = []
        _policies = d.pop("policies")
        for policies_item_data in _policies:
            policies_item = TriggerPolicy.from_dict(policies_item_data)

            policies.append(policies_item)

        trigger_policy_page = cls(
            total=total,
            page_no=page_no,
            page_size=page_size,
            policies=policies,
        )

        trigger_policy_page.additional_properties = d
        return trigger_policy_page

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
