from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.migration_execution_status import MigrationExecutionStatus
from ..models.migration_execution_trigger import MigrationExecutionTrigger

T = TypeVar("T", bound="MigrationExecution")


@_attrs_define
class MigrationExecution:
    """One run of a migration rule or synchronization policy.

    Attributes:
        id (int):
        policy_id (int): The migration rule or synchronization policy that ran.
        status (MigrationExecutionStatus): `InProgress` until the execution ends `Succeed`, `Failed` (some task failed)
            or
            `Stopped`. Baidu's sources name no values; these are the Personal Edition's and those of
            the Harbor replication API the Enterprise answers mirror (ERRATA E72).
        status_text (str): Explanation of the status, mostly empty; why it failed when it did.
        trigger (MigrationExecutionTrigger): What started the execution; `event_based` occurs for synchronization
            policies.
        total (int): Tasks of the execution.
        failed (int): Tasks that failed.
        succeed (int): Tasks that succeeded.
        in_progress (int): Tasks pending or running.
        stopped (int): Tasks stopped.
        start_time (datetime.datetime): RFC 3339 date-time in UTC, written with a capital `Z` as seed 000's date rule
            asks
            (`2024-03-01T08:00:00Z`); no offset other than `Z`. Servers write whole seconds; a
            fraction is accepted because Baidu's documentation shows one (`0001-01-01T00:00:00.000Z`,
            ERRATA E71, E87).
        end_time (datetime.datetime | None): When the execution ended; null while it is `InProgress`.
    """

    id: int
    policy_id: int
    status: MigrationExecutionStatus
    status_text: str
    trigger: MigrationExecutionTrigger
    total: int
    failed: int
    succeed: int
    in_progress: int
    stopped: int
    start_time: datetime.datetime
    end_time: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        policy_id = self.policy_id

        status = self.status.value

        status_text = self.status_text

        trigger = self.trigger.value

        total = self.total

        failed = self.failed

        succeed = self.succeed

        in_progress = self.in_progress

        stopped = self.stopped

        start_time = self.start_time.isoformat()

        end_time: None | str
        if isinstance(self.end_time, datetime.datetime):
            end_time = self.end_time.isoformat()
        else:
            end_time = self.end_time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "policyId": policy_id,
                "status": status,
                "statusText": status_text,
                "trigger": trigger,
                "total": total,
                "failed": failed,
                "succeed": succeed,
                "inProgress": in_progress,
                "stopped": stopped,
                "startTime": start_time,
                "endTime": end_time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        policy_id = d.pop("policyId")

        status = MigrationExecutionStatus(d.pop("status"))

        status_text = d.pop("statusText")

        trigger = MigrationExecutionTrigger(d.pop("trigger"))

        total = d.pop("total")

        failed = d.pop("failed")

        succeed = d.pop("succeed")

        in_progress = d.pop("inProgress")

        stopped = d.pop("stopped")

        start_time = datetime.datetime.fromisoformat(d.pop("startTime"))

        def _parse_end_time(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_time_type_0 = datetime.datetime.fromisoformat(data)

                return end_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        end_time = _parse_end_time(d.pop("endTime"))

        migration_execution = cls(
            id=id,
            policy_id=policy_id,
            status=status,
            status_text=status_text,
            trigger=trigger,
            total=total,
            failed=failed,
            succeed=succeed,
            in_progress=in_progress,
            stopped=stopped,
            start_time=start_time,
            end_time=end_time,
        )

        migration_execution.additional_properties = d
        return migration_execution

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
