from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.accelerator_filter import AcceleratorFilter


T = TypeVar("T", bound="AcceleratorPolicy")


@_attrs_define
class AcceleratorPolicy:
    """An on-demand loading rule as returned.

    Attributes:
        id (int): Rule id.
        name (str): Rule name.
        description (str): Free text (empty when none was given).
        enabled (bool): Whether the rule is on.
        filters (list[AcceleratorFilter]):
        creation_time (datetime.datetime): RFC 3339 date-time in UTC, written with a capital `Z` as seed 000's date rule
            asks
            (`2024-03-01T08:00:00Z`); no offset other than `Z`. Servers write whole seconds; a
            fraction is accepted because Baidu's documentation shows one (`0001-01-01T00:00:00.000Z`,
            ERRATA E71, E87).
        update_time (datetime.datetime): RFC 3339 date-time in UTC, written with a capital `Z` as seed 000's date rule
            asks
            (`2024-03-01T08:00:00Z`); no offset other than `Z`. Servers write whole seconds; a
            fraction is accepted because Baidu's documentation shows one (`0001-01-01T00:00:00.000Z`,
            ERRATA E71, E87).
    """

    id: int
    name: str
    description: str
    enabled: bool
    filters: list[AcceleratorFilter]
    creation_time: datetime.datetime
    update_time: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        description = self.description

        enabled = self.enabled

        filters = []
        for filters_item_data in self.filters:
            filters_item = filters_item_data.to_dict()
            filters.append(filters_item)

        creation_time = self.creation_time.isoformat()

        update_time = self.update_time.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
                "enabled": enabled,
                "filters": filters,
                "creationTime": creation_time,
                "updateTime": update_time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.accelerator_filter import AcceleratorFilter

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        description = d.pop("description")

        enabled = d.pop("enabled")

        filters = []
        _filters = d.pop("filters")
        for filters_item_data in _filters:
            filters_item = AcceleratorFilter.from_dict(filters_item_data)

            filters.append(filters_item)

        creation_time = datetime.datetime.fromisoformat(d.pop("creationTime"))

        update_time = datetime.datetime.fromisoformat(d.pop("updateTime"))

        accelerator_policy = cls(
            id=id,
            name=name,
            description=description,
            enabled=enabled,
            filters=filters,
            creation_time=creation_time,
            update_time=update_time,
        )

        accelerator_policy.additional_properties = d
        return accelerator_policy

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
