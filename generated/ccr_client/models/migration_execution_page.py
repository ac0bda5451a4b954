from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.migration_execution import MigrationExecution


T = TypeVar("T", bound="MigrationExecutionPage")


@_attrs_define
class MigrationExecutionPage:
    """A page of executions.

    Attributes:
        total (int):
        page_no (int):
        page_size (int):
        items (list[MigrationExecution]):
    """

    total: int
    page_no: int
    page_size: int
    items: list[MigrationExecution]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        page_no = self.page_no

        page_size = self.page_size

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total": total,
                "pageNo": page_no,
                "pageSize": page_size,
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.migration_execution import MigrationExecution

        d = dict(src_dict)
        total = d.pop("total")

        page_no = d.pop("pageNo")

        page_size = d.pop("pageSize")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = MigrationExecution.from_dict(items_item_data)

            items.append(items_item)

        migration_execution_page = cls(
            total=total,
            page_no=page_no,
            page_size=page_size,
            items=items,
        )

        migration_execution_page.additional_properties = d
        return migration_execution_page

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
