from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.sync_trigger import SyncTrigger


T = TypeVar("T", bound="Sync")


@_attrs_define
class Sync:
    """A synchronization policy as returned.

    Attributes:
        id (int): Policy id; synchronization policies and migration rules share one id space.
        name (str):
        description (str):
        sync_type (str): As written; empty when none was given.
        src_project_name (str): Namespace of this instance images are copied from.
        src_repository_name (str): The one repository copied (written as `srcRepository`); empty for all.
        src_tag_name (str): The one tag copied (written as `srcTag`); empty for all.
        src_region (str): Region of this instance (`bj`, `gz`, ...).
        dest_instance_id (str): The instance images are copied to.
        dest_project_name (str): Namespace of the destination instance.
        dest_region (str): Region of the destination instance.
        trigger (SyncTrigger): When a synchronization policy runs, as returned.
        override (bool):
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
    sync_type: str
    src_project_name: str
    src_repository_name: str
    src_tag_name: str
    src_region: str
    dest_instance_id: str
    dest_project_name: str
    dest_region: str
    trigger: SyncTrigger
    override: bool
    creation_time: datetime.datetime
    update_time: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        description = self.description

        sync_type = self.sync_type

        src_project_name = self.src_project_name

        src_repository_name = self.src_repository_name

        src_tag_name = self.src_tag_name

        src_region = self.src_region

        dest_instance_id = self.dest_instance_id

        dest_project_name = self.dest_project_name

        dest_region = self.dest_region

        trigger = self.trigger.to_dict()

        override = self.override

        creation_time = self.creation_time.isoformat()

        update_time = self.update_time.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
                "syncType": sync_type,
                "srcProjectName": src_project_name,
                "srcRepositoryName": src_repository_name,
                "srcTagName": src_tag_name,
                "srcRegion": src_region,
                "destInstanceId": dest_instance_id,
                "destProjectName": dest_project_name,
                "destRegion": dest_region,
                "trigger": trigger,
                "override": override,
                "creationTime": creation_time,
                "updateTime": update_time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.sync_trigger import SyncTrigger

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        description = d.pop("description")

        sync_type = d.pop("syncType")

        src_project_name = d.pop("srcProjectName")

        src_repository_name = d.pop("srcRepositoryName")

        src_tag_name = d.pop("srcTagName")

        src_region = d.pop("srcRegion")

        dest_instance_id = d.pop("destInstanceId")

        dest_project_name = d.pop("destProjectName")

        dest_region = d.pop("destRegion")

        trigger = SyncTrigger.from_dict(d.pop("trigger"))

        override = d.pop("override")

        creation_time = datetime.datetime.fromisoformat(d.pop("creationTime"))

        update_time = datetime.datetime.fromisoformat(d.pop("updateTime"))

        sync = cls(
            id=id,
            name=name,
            description=description,
            sync_type=sync_type,
            src_project_name=src_project_name,
            src_repository_name=src_repository_name,
            src_tag_name=src_tag_name,
            src_region=src_region,
            dest_instance_id=dest_instance_id,
            dest_project_name=dest_project_name,
            dest_region=dest_region,
            trigger=trigger,
            override=override,
            creation_time=creation_time,
            update_time=update_time,
        )

        sync.additional_properties = d
        return sync

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
