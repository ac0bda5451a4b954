from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.migration_rule_filter import MigrationRuleFilter
    from ..models.migration_rule_registry import MigrationRuleRegistry
    from ..models.migration_rule_trigger import MigrationRuleTrigger


T = TypeVar("T", bound="MigrationRule")


@_attrs_define
class MigrationRule:
    """A migration rule as returned.

    Attributes:
        id (int): Rule id; migration rules and synchronization policies share one id space.
        name (str):
        description (str):
        src_registry (MigrationRuleRegistry): A registry as a migration rule reports it (`srcRegistry`, `destRegistry`).
            The
            destination is the instance itself, reported as the local registry: id 0, zero
            timestamps (ERRATA E71).
        dest_registry (MigrationRuleRegistry): A registry as a migration rule reports it (`srcRegistry`,
            `destRegistry`). The
            destination is the instance itself, reported as the local registry: id 0, zero
            timestamps (ERRATA E71).
        dest_project_name (str): Namespace of the instance the images go to.
        filters (list[MigrationRuleFilter]):
        trigger (MigrationRuleTrigger): How a rule runs, as returned.
        override (bool): Whether images already in the destination are overwritten.
        enabled (bool): Whether the rule may run.
        deletion (bool): Whether deletions at the source are replayed at the destination (always false for migration).
        execution_times (int): How many times the rule has run.
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
    src_registry: MigrationRuleRegistry
    dest_registry: MigrationRuleRegistry
    dest_project_name: str
    filters: list[MigrationRuleFilter]
    trigger: MigrationRuleTrigger
    override: bool
    enabled: bool
    deletion: bool
    execution_times: int
    creation_time: datetime.datetime
    update_time: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        description = self.description

        src_registry = self.src_registry.to_dict()

        dest_registry = self.dest_registry.to_dict()

        dest_project_name = self.dest_project_name

        filters = []
        for filters_item_data in self.filters:
            filters_item = filters_item_data.to_dict()
            filters.append(filters_item)

        trigger = self.trigger.to_dict()

        override = self.override

        enabled = self.enabled

        deletion = self.deletion

        execution_times = self.execution_times

        creation_time = self.creation_time.isoformat()

        update_time = self.update_time.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
                "srcRegistry": src_registry,
                "destRegistry": dest_registry,
                "destProjectName": dest_project_name,
                "filters": filters,
                "trigger": trigger,
                "override": override,
                "enabled": enabled,
                "deletion": deletion,
                "executionTimes": execution_times,
                "creationTime": creation_time,
                "updateTime": update_time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.migration_rule_filter import MigrationRuleFilter
        from ..models.migration_rule_registry import MigrationRuleRegistry
        from ..models.migration_rule_trigger import MigrationRuleTrigger

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        description = d.pop("description")

        src_registry = MigrationRuleRegistry.from_dict(d.pop("srcRegistry"))

        dest_registry = MigrationRuleRegistry.from_dict(d.pop("destRegistry"))

        dest_project_name = d.pop("destProjectName")

        filters = []
        _filters = d.pop("filters")
        for filters_item_data in _filters:
            filters_item = MigrationRuleFilter.from_dict(filters_item_data)

            filters.append(filters_item)

        trigger = MigrationRuleTrigger.from_dict(d.pop("trigger"))

        override = d.pop("override")

        enabled = d.pop("enabled")

        deletion = d.pop("deletion")

        execution_times = d.pop("executionTimes")

        creation_time = datetime.datetime.fromisoformat(d.pop("creationTime"))

        update_time = datetime.datetime.fromisoformat(d.pop("updateTime"))

        migration_rule = cls(
            id=id,
            name=name,
            description=description,
            src_registry=src_registry,
            dest_registry=dest_registry,
            dest_project_name=dest_project_name,
            filters=filters,
            trigger=trigger,
            override=override,
            enabled=enabled,
            deletion=deletion,
            execution_times=execution_times,
            creation_time=creation_time,
            update_time=update_time,
        )

        migration_rule.additional_properties = d
        return migration_rule

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
