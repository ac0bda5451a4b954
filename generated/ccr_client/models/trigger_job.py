from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.trigger_event_type import TriggerEventType

T = TypeVar("T", bound="TriggerJob")


@_attrs_define
class TriggerJob:
    """One run of a trigger (one notification of one event).

    Attributes:
        id (int): Job id.
        policy_id (int): Id of the trigger policy that ran the job.
        event_type (TriggerEventType): An event that fires a trigger: an artifact (image) pushed, pulled or deleted, or
            a Helm chart
            uploaded, downloaded or deleted.
        notify_type (str): How the target was notified (`http`).
        status (str): Outcome of the job. Baidu's sources name no values; Harbor-style job states are
            expected (`Pending`, `Running`, `Success`, `Error`, `Stopped`), so the contract does not
            restrict them.
        operator (str): User whose action fired the event.
        images (list[str]): Artifacts the event concerned (`project/repository:tag`).
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
    policy_id: int
    event_type: TriggerEventType
    notify_type: str
    status: str
    operator: str
    images: list[str]
    creation_time: datetime.datetime
    update_time: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        policy_id = self.policy_id

        event_type = self.event_type.value

        notify_type = self.notify_type

        status = self.status

        operator = self.operator

        images = self.images

        creation_time = self.creation_time.isoformat()

        update_time = self.update_time.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "policyId": policy_id,
                "eventType": event_type,
                "notifyType": notify_type,
                "status": status,
                "operator": operator,
                "images": images,
                "creationTime": creation_time,
                "updateTime": update_time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        policy_id = d.pop("policyId")

        event_type = TriggerEventType(d.pop("eventType"))

        notify_type = d.pop("notifyType")

        status = d.pop("status")

        operator = d.pop("operator")

        images = cast(list[str], d.pop("images"))

        creation_time = datetime.datetime.fromisoformat(d.pop("creationTime"))

        update_time = datetime.datetime.fromisoformat(d.pop("updateTime"))

        trigger_job = cls(
            id=id,
            policy_id=policy_id,
            event_type=event_type,
            notify_type=notify_type,
            status=status,
            operator=operator,
            images=images,
            creation_time=creation_time,
            update_time=update_time,
        )

        trigger_job.additional_properties = d
        return trigger_job

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
