from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.migration_rule_filter_input import MigrationRuleFilterInput
    from ..models.migration_rule_registry_ref import MigrationRuleRegistryRef
    from ..models.migration_rule_trigger_input import MigrationRuleTriggerInput


T = TypeVar("T", bound="MigrationRuleInput")


@_attrs_define
class MigrationRuleInput:
    """A migration rule as written by create and update.

    Attributes:
        name (str): Rule name, unique in the instance.
        src_registry (MigrationRuleRegistryRef): Names one of the instance's registries by id.
        dest_project_name (str): Namespace name: 2 to 65 characters, lower-case letters, digits and `._-`, starting and
            ending
            with a letter or digit, not digits only (META CreateProject), no two special characters in a
            row (a contract choice, Harbor's rule).
        filters (list[MigrationRuleFilterInput]): Filters on what is migrated; every filter must match. An empty list
            migrates everything the registry offers.
        override (bool): Whether images already in the destination namespace are overwritten.
        trigger (MigrationRuleTriggerInput): How a migration rule runs; migration rules run on request only.
        description (str | Unset): Free text.
    """

    name: str
    src_registry: MigrationRuleRegistryRef
    dest_project_name: str
    filters: list[MigrationRuleFilterInput]
    override: bool
    trigger: MigrationRuleTriggerInput
    description: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        src_registry = self.src_registry.to_dict()

        dest_project_name = self.dest_project_name

        filters = []
        for filters_item_data in self.filters:
            filters_item = filters_item_data.to_dict()
            filters.append(filters_item)

        override = self.override

        trigger = self.trigger.to_dict()

        description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "srcRegistry": src_registry,
                "destProjectName": dest_project_name,
                "filters": filters,
                "override": override,
                "trigger": trigger,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.migration_rule_filter_input import MigrationRuleFilterInput
        from ..models.migration_rule_registry_ref import MigrationRuleRegistryRef
        from ..models.migration_rule_trigger_input import MigrationRuleTriggerInput

        d = dict(src_dict)
        name = d.pop("name")

        src_registry = MigrationRuleRegistryRef.from_dict(d.pop("srcRegistry"))

        dest_project_name = d.pop("destProjectName")

        filters = []
        _filters = d.pop("filters")
        for filters_item_data in _filters:
            filters_item = MigrationRuleFilterInput.from_dict(filters_item_data)

            filters.append(filters_item)

        override = d.pop("override")

        trigger = MigrationRuleTriggerInput.from_dict(d.pop("trigger"))

        description = d.pop("description", UNSET)

        migration_rule_input = cls(
            name=name,
            src_registry=src_registry,
            dest_project_name=dest_project_name,
            filters=filters,
            override=override,
            trigger=trigger,
            description=description,
        )

        return migration_rule_input
