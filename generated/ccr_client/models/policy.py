from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.trigger_type import TriggerType
from ..types import UNSET, Unset

T = TypeVar("T", bound="Policy")


@_attrs_define
class Policy:
    """A migration policy as returned.

    Attributes:
        id (int): Numeric resource id.
        name (str):
        dest_project_name (str):
        trigger_type (TriggerType): How a policy is triggered; only manual exists.
        override (bool):
        description (None | str | Unset):
        pull_base (bool | Unset): True when images move into CCR (always, for this API).
        src_registry (None | str | Unset): Name of the source registry (an object `{id}` on write; ERRATA E17).
        dest_registry (None | str | Unset): Destination registry (listed in the seed's table, absent from its example).
        enabled (bool | Unset):
        execution_times (int | Unset):
        creation_time (datetime.datetime | Unset): UTC date-time as `YYYY-MM-DDThh:mm:ssZ` (the seed's date rule).
        update_time (datetime.datetime | Unset): UTC date-time as `YYYY-MM-DDThh:mm:ssZ` (the seed's date rule).
    """

    id: int
    name: str
    dest_project_name: str
    trigger_type: TriggerType
    override: bool
    description: None | str | Unset = UNSET
    pull_base: bool | Unset = UNSET
    src_registry: None | str | Unset = UNSET
    dest_registry: None | str | Unset = UNSET
    enabled: bool | Unset = UNSET
    execution_times: int | Unset = UNSET
    creation_time: datetime.datetime | Unset = UNSET
    update_time: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        dest_project_name = self.dest_project_name

        trigger_type = self.trigger_type.value

        override = self.override

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        pull_base = self.pull_base

        src_registry: None | str | Unset
        if isinstance(self.src_registry, Unset):
            src_registry = UNSET
        else:
            src_registry = self.src_registry

        dest_registry: None | str | Unset
        if isinstance(self.dest_registry, Unset):
            dest_registry = UNSET
        else:
            dest_registry = self.dest_registry

        enabled = self.enabled

        execution_times = self.execution_times

        creation_time: str | Unset = UNSET
        if not isinstance(self.creation_time, Unset):
            creation_time = self.creation_time.isoformat()

        update_time: str | Unset = UNSET
        if not isinstance(self.update_time, Unset):
            update_time = self.update_time.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "destProjectName": dest_project_name,
                "triggerType": trigger_type,
                "override": override,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if pull_base is not UNSET:
            field_dict["pullBase"] = pull_base
        if src_registry is not UNSET:
            field_dict["srcRegistry"] = src_registry
        if dest_registry is not UNSET:
            field_dict["destRegistry"] = dest_registry
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if execution_times is not UNSET:
            field_dict["executionTimes"] = execution_times
        if creation_time is not UNSET:
            field_dict["creationTime"] = creation_time
        if update_time is not UNSET:
            field_dict["updateTime"] = update_time

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        dest_project_name = d.pop("destProjectName")

        trigger_type = TriggerType(d.pop("triggerType"))

        override = d.pop("override")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        pull_base = d.pop("pullBase", UNSET)

        def _parse_src_registry(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        src_registry = _parse_src_registry(d.pop("srcRegistry", UNSET))

        def _parse_dest_registry(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        dest_registry = _parse_dest_registry(d.pop("destRegistry", UNSET))

        enabled = d.pop("enabled", UNSET)

        execution_times = d.pop("executionTimes", UNSET)

        _creation_time = d.pop("creationTime", UNSET)
        creation_time: datetime.datetime | Unset
        if isinstance(_creation_time, Unset):
            creation_time = UNSET
        else:
            creation_time = datetime.datetime.fromisoformat(_creation_time)

        _update_time = d.pop("updateTime", UNSET)
        update_time: datetime.datetime | Unset
        if isinstance(_update_time, Unset):
            update_time = UNSET
        else:
            update_time = datetime.datetime.fromisoformat(_update_time)

        policy = cls(
            id=id,
            name=name,
            dest_project_name=dest_project_name,
            trigger_type=trigger_type,
            override=override,
            description=description,
            pull_base=pull_base,
            src_registry=src_registry,
            dest_registry=dest_registry,
            enabled=enabled,
            execution_times=execution_times,
            creation_time=creation_time,
            update_time=update_time,
        )

        policy.additional_properties = d
        return policy

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
