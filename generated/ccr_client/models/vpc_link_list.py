from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.vpc_link import VpcLink


T = TypeVar("T", bound="VpcLinkList")


@_attrs_define
class VpcLinkList:
    """The instance's VPC links (not paged).

    Attributes:
        domain (str): The instance's private domain, resolvable inside linked VPCs.
        items (list[VpcLink]):
    """

    domain: str
    items: list[VpcLink]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        domain = self.domain

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "domain": domain,
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.vpc_link import VpcLink

        d = dict(src_dict)
        domain = d.pop("domain")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = VpcLink.from_dict(items_item_data)

            items.append(items_item)

        vpc_link_list = cls(
            domain=domain,
            items=items,
        )

        vpc_link_list.additional_properties = d
        return vpc_link_list

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
