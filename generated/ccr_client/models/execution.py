from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.execution_status import ExecutionStatus
from ..models.trigger_type import TriggerType
from ..types import UNSET, Unset

T = TypeVar("T", bound="Execution")


@_attrs_define
class Execution:
    """One run of a migration policy.

    Attributes:
        id (int): Numeric resource id.
        policy_id (int): Numeric resource id.
        status (ExecutionStatus): InProgress until the execution ends as Succeed, Failed or Stopped.
        status_text (None | str | Unset):
        trigger (TriggerType | Unset): How a policy is triggered; only manual exists.
        total (int | Unset):
        failed (int | Unset):
        succeed (int | Unset):
        in_progress (int | Unset):
        stopped (int | Unset):
        start_time (datetime.datetime | Unset): UTC date-time as `YYYY-MM-DDThh:mm:ssZ` (the seed's date rule).
        end_time (datetime.datetime | None | Unset): Null while the execution is in progress.
    """

    id: int
    policy_id: int
    status: ExecutionStatus
    status_text: None | str | Unset = UNSET
    trigger: TriggerType | Unset = UNSET
    total: int | Unset = UNSET
    failed: int | Unset = UNSET
    succeed: int | Unset = UNSET
    in_progress: int | Unset = UNSET
    stopped: int | Unset = UNSET
    start_time: datetime.datetime | Unset = UNSET
    end_time: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        policy_id = self.policy_id

        status = self.status.value

        status_text: None | str | Unset
        if isinstance(self.status_text, Unset):
            status_text = UNSET
        else:
            status_text = self.status_text

        trigger: str | Unset = UNSET
        if not isinstance(self.trigger, Unset):
            trigger = self.trigger.value

        total = self.total

        failed = self.failed

        succeed = self.succeed

        in_progress = self.in_progress

        stopped = self.stopped

        start_time: str | Unset = UNSET
        if not isinstance(self.start_time, Unset):
            start_time = self.start_time.isoformat()

        end_time: None | str | Unset
        if isinstance(self.end_time, Unset):
            end_time = UNSET
        elif isinstance(self.end_time, datetime.datetime):
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
            }
        )
        if status_text is not UNSET:
            field_dict["statusText"] = status_text
        if trigger is not UNSET:
            field_dict["trigger"] = trigger
        if total is not UNSET:
            field_dict["total"] = total
        if failed is not UNSET:
            field_dict["failed"] = failed
        if succeed is not UNSET:
            field_dict["succeed"] = succeed
        if in_progress is not UNSET:
            field_dict["inProgress"] = in_progress
        if stopped is not UNSET:
            field_dict["stopped"] = stopped
        if start_time is not UNSET:
            field_dict["startTime"] = start_time
        if end_time is not UNSET:
            field_dict["endTime"] = end_time

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        policy_id = d.pop("policyId")

        status = ExecutionStatus(d.pop("status"))

        def _parse_status_text(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status_text = _parse_status_text(d.pop("statusText", UNSET))

        _trigger = d.pop("trigger", UNSET)
        trigger: TriggerType | Unset
        if isinstance(_trigger, Unset):
            trigger = UNSET
        else:
            trigger = TriggerType(_trigger)

        total = d.pop("total", UNSET)

        failed = d.pop("failed", UNSET)

        succeed = d.pop("succeed", UNSET)

        in_progress = d.pop("inProgress", UNSET)

        stopped = d.pop("stopped", UNSET)

        _start_time = d.pop("startTime", UNSET)
        start_time: datetime.datetime | Unset
        if isinstance(_start_time, Unset):
            start_time = UNSET
        else:
            start_time = datetime.datetime.fromisoformat(_start_time)

        def _parse_end_time(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_time_type_0 = datetime.datetime.fromisoformat(data)

                return end_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        end_time = _parse_end_time(d.pop("endTime", UNSET))

        execution = cls(
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

        execution.additional_properties = d
        return execution

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
