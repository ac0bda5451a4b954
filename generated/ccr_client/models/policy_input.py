from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.filter_ import Filter
    from ..models.policy_input_trigger import PolicyInputTrigger
    from ..models.registry_ref import RegistryRef


T = TypeVar("T", bound="PolicyInput")


@_attrs_define
class PolicyInput:
    """A migration policy as written by create.

    Attributes:
        name (str):
        src_registry (RegistryRef): Names a registry already created.
        dest_project_name (str): CCR namespace the images go to; it must already exist.
        override (bool): Whether images already present in CCR are overwritten.
        trigger (PolicyInputTrigger):
        filters (list[Filter]): Image filters (the seed's tables call this `filter`; ERRATA E8).
        description (str | Unset):
    """

    name: str
    src_registry: RegistryRef
    dest_project_name: str
    override: bool
    trigger: PolicyInputTrigger
    filters: list[Filter]
    description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        src_registry = self.src_registry.to_dict()

        dest_project_name = self.dest_project_name

        override = self.override

        trigger = self.trigger.to_dict()

        filters = []
        for filters_item_data in self.filters:
            filters_item = filters_item_data.to_dict()
            filters.append(filters_item)

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "srcRegistry": src_registry,
                "destProjectName": dest_project_name,
                "override": override,
                "trigger": trigger,
                "filters": filters,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.filter_ import Filter
        from ..models.policy_input_trigger import PolicyInputTrigger
        from ..models.registry_ref import RegistryRef

        d = dict(src_dict)
        name = d.pop("name")

        src_registry = RegistryRef.from_dict(d.pop("srcRegistry"))

        dest_project_name = d.pop("destProjectName")

        override = d.pop("override")

        trigger = PolicyInputTrigger.from_dict(d.pop("trigger"))

        filters = []
        _filters = d.pop("filters")
        for filters_item_data in _filters:
            filters_item = Filter.from_dict(filters_item_data)

            filters.append(filters_item)

        description = d.pop("description", UNSET)

        policy_input = cls(
            name=name,
            src_registry=src_registry,
            dest_project_name=dest_project_name,
            override=override,
            trigger=trigger,
            filters=filters,
            description=description,
        )

        policy_input.additional_properties = d
        return policy_input

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
