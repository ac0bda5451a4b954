from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.trigger_event_type import TriggerEventType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.trigger_filter_input import TriggerFilterInput
    from ..models.trigger_target_input import TriggerTargetInput


T = TypeVar("T", bound="TriggerPolicyInput")


@_attrs_define
class TriggerPolicyInput:
    """A trigger policy as written by CreateTrigger and UpdateTrigger.

    Attributes:
        name (str): Policy name, unique in the instance.
        event_types (list[TriggerEventType]): Events that fire the trigger.
        description (str | Unset): Free text.
        filters (list[TriggerFilterInput] | Unset): Filters, all of which an event's artifact must match; none means
            every artifact of the instance.
        targets (list[TriggerTargetInput] | Unset): Addresses called when the trigger fires.
    """

    name: str
    event_types: list[TriggerEventType]
    description: str | Unset = UNSET
    filters: list[TriggerFilterInput] | Unset = UNSET
    targets: list[TriggerTargetInput] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        event_types = []
        for event_types_item_data in self.event_types:
            event_types_item = event_types_item_data.value
            event_types.append(event_types_item)

        description = self.description

        filters: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.filters, Unset):
            filters = []
            for filters_item_data in self.filters:
                filters_item = filters_item_data.to_dict()
                filters.append(filters_item)

        targets: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.targets, Unset):
            targets = []
            for targets_item_data in self.targets:
                targets_item = targets_item_data.to_dict()
                targets.append(targets_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "eventTypes": event_types,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if filters is not UNSET:
            field_dict["filters"] = filters
        if targets is not UNSET:
            field_dict["targets"] = targets

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.trigger_filter_input import TriggerFilterInput
        from ..models.trigger_target_input import TriggerTargetInput

        d = dict(src_dict)
        name = d.pop("name")

        event_types = []
        _event_types = d.pop("eventTypes")
        for event_types_item_data in _event_types:
            event_types_item = TriggerEventType(event_types_item_data)

            event_types.append(event_types_item)

        description = d.pop("description", UNSET)

        _filters = d.pop("filters", UNSET)
        filters: list[TriggerFilterInput] | Unset = UNSET
        if _filters is not UNSET:
            filters = []
            for filters_item_data in _filters:
                filters_item = TriggerFilterInput.from_dict(filters_item_data)

                filters.append(filters_item)

        _targets = d.pop("targets", UNSET)
        targets: list[TriggerTargetInput] | Unset = UNSET
        if _targets is not UNSET:
            targets = []
            for targets_item_data in _targets:
                targets_item = TriggerTargetInput.from_dict(targets_item_data)

                targets.append(targets_item)

        trigger_policy_input = cls(
            name=name,
            event_types=event_types,
            description=description,
            filters=filters,
            targets=targets,
        )

        return trigger_policy_input
