from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.trigger_event_type import TriggerEventType

if TYPE_CHECKING:
    from ..models.trigger_filter import TriggerFilter
    from ..models.trigger_target import TriggerTarget


T = TypeVar("T", bound="TriggerPolicy")


@_attrs_define
class TriggerPolicy:
    """A trigger policy as returned by ListTriggers and GetTriggerDetail.

    Attributes:
        id (int): Policy id.
        name (str):
        description (str): Free text; empty when none was given.
        enabled (bool): False while the policy is disabled (ToggleTrigger).
        event_types (list[TriggerEventType]):
        filters (list[TriggerFilter]):
        targets (list[TriggerTarget]):
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
    event_types: list[TriggerEventType]
    filters: list[TriggerFilter]
    targets: list[TriggerTarget]
    creation_time: datetime.datetime
    update_time: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        description = self.description

        enabled = self.enabled

        event_types = []
        for event_types_item_data in self.event_types:
            event_types_item = event_types_item_data.value
            event_types.append(event_types_item)

        filters = []
        for filters_item_data in self.filters:
            filters_item = filters_item_data.to_dict()
            filters.append(filters_item)

        targets = []
        for targets_item_data in self.targets:
            targets_item = targets_item_data.to_dict()
            targets.append(targets_item)

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
                "eventTypes": event_types,
                "filters": filters,
                "targets": targets,
                "creationTime": creation_time,
                "updateTime": update_time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.trigger_filter import TriggerFilter
        from ..models.trigger_target import TriggerTarget

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        description = d.pop("description")

        enabled = d.pop("enabled")

        event_types = []
        _event_types = d.pop("eventTypes")
        for event_types_item_data in _event_types:
            event_types_item = TriggerEventType(event_types_item_data)

            event_types.append(event_types_item)

        filters = []
        _filters = d.pop("filters")
        for filters_item_data in _filters:
            filters_item = TriggerFilter.from_dict(filters_item_data)

            filters.append(filters_item)

        targets = []
        _targets = d.pop("targets")
        for targets_item_data in _targets:
            targets_item = TriggerTarget.from_dict(targets_item_data)

            targets.append(targets_item)

        creation_time = datetime.datetime.fromisoformat(d.pop("creationTime"))

        update_time = datetime.datetime.fromisoformat(d.pop("updateTime"))

        trigger_policy = cls(
            id=id,
            name=name,
            description=description,
            enabled=enabled,
            event_types=event_types,
            filters=filters,
            targets=targets,
            creation_time=creation_time,
            update_time=update_time,
        )

        trigger_policy.additional_properties = d
        return trigger_policy

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
