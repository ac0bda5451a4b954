from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.instance import Instance


T = TypeVar("T", bound="InstancePage")


@_attrs_define
class InstancePage:
    """A page of instances.

    Attributes:
        total (int): Number of instances matching the query, over all pages.
        page_no (int):
        page_size (int):
        instances (list[Instance]):
    """

    total: int
    page_no: int
    page_size: int
    instances: list[Instance]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        page_no = self.page_no

        page_size = self.page_size

        instances = []
        for instances_item_data in self.instances:
            instances_item = instances_item_data.to_dict()
            instances.append(instances_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total": total,
                "pageNo": page_no,
                "pageSize": page_size,
                "instances": instances,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.instance import Instance

        d = dict(src_dict)
        total = d.pop("total")

        page_no = d.pop("pageNo")

        page_size = d.pop("pageSize")

        instances = []
        _instances = d.pop("instances")
        for instances_item_data in _instances:
            instances_item = Instance.from_dict(instances_item_data)

            instances.append(instances_item)

        instance_page = cls(
            total=total,
            page_no=page_no,
            page_size=page_size,
            instances=instances,
        )

        instance_page.additional_properties = d
        return instance_page

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
