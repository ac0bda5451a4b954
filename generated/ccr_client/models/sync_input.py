from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.sync_trigger_input import SyncTriggerInput


T = TypeVar("T", bound="SyncInput")


@_attrs_define
class SyncInput:
    """A synchronization policy as written by create and update.

    Attributes:
        name (str): Policy name, unique in the instance.
        dest_instance_id (str): The Enterprise instance images are copied to; not this instance.
        src_project_name (str): Namespace name: 2 to 65 characters, lower-case letters, digits and `._-`, starting and
            ending
            with a letter or digit, not digits only (META CreateProject), no two special characters in a
            row (a contract choice, Harbor's rule).
        override (bool): Whether images of the same name and tag at the destination are overwritten.
        trigger (SyncTriggerInput): When a synchronization policy runs.
        description (str | Unset): Free text.
        dest_project_name (str | Unset): Namespace name: 2 to 65 characters, lower-case letters, digits and `._-`,
            starting and ending
            with a letter or digit, not digits only (META CreateProject), no two special characters in a
            row (a contract choice, Harbor's rule).
        src_repository (str | Unset): Only this repository of the source namespace (all of them when omitted). Answers
            call it `srcRepositoryName`.
        src_tag (str | Unset): Only this tag (all tags when omitted). Answers call it `srcTagName`.
        sync_type (str | Unset): Kind of synchronization; Baidu documents the field but no value, and servers store it
            as sent.
    """

    name: str
    dest_instance_id: str
    src_project_name: str
    override: bool
    trigger: SyncTriggerInput
    description: str | Unset = UNSET
    dest_project_name: str | Unset = UNSET
    src_repository: str | Unset = UNSET
    src_tag: str | Unset = UNSET
    sync_type: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        dest_instance_id = self.dest_instance_id

        src_project_name = self.src_project_name

        override = self.override

        trigger = self.trigger.to_dict()

        description = self.description

        dest_project_name = self.dest_project_name

        src_repository = self.src_repository

        src_tag = self.src_tag

        sync_type = self.sync_type

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "destInstanceId": dest_instance_id,
                "srcProjectName": src_project_name,
                "override": override,
                "trigger": trigger,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if dest_project_name is not UNSET:
            field_dict["destProjectName"] = dest_project_name
        if src_repository is not UNSET:
            field_dict["srcRepository"] = src_repository
        if src_tag is not UNSET:
            field_dict["srcTag"] = src_tag
        if sync_type is not UNSET:
            field_dict["syncType"] = sync_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.sync_trigger_input import SyncTriggerInput

        d = dict(src_dict)
        name = d.pop("name")

        dest_instance_id = d.pop("destInstanceId")

        src_project_name = d.pop("srcProjectName")

        override = d.pop("override")

        trigger = SyncTriggerInput.from_dict(d.pop("trigger"))

        description = d.pop("description", UNSET)

        dest_project_name = d.pop("destProjectName", UNSET)

        src_repository = d.pop("srcRepository", UNSET)

        src_tag = d.pop("srcTag", UNSET)

        sync_type = d.pop("syncType", UNSET)

        sync_input = cls(
            name=name,
            dest_instance_id=dest_instance_id,
            src_project_name=src_project_name,
            override=override,
            trigger=trigger,
            description=description,
            dest_project_name=dest_project_name,
            src_repository=src_repository,
            src_tag=src_tag,
            sync_type=sync_type,
        )

        return sync_input
