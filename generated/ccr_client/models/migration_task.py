from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.migration_task_status import MigrationTaskStatus

T = TypeVar("T", bound="MigrationTask")


@_attrs_define
class MigrationTask:
    """One task of an execution, copying (or deleting) one artifact.

    Attributes:
        id (int):
        execution_id (int): The execution the task belongs to.
        job_id (str): Id of the background job that runs the task.
        operation (str): What the task does, `copy` or `deletion`.
        resource_type (str): Kind of artifact, e.g. `image` or `chart`.
        src_resource (str): The artifact read, `repository:[tags]`.
        dest_resource (str): The artifact written, `repository:[tags]`.
        status (MigrationTaskStatus): A task waits `Pending`, runs `InProgress` and ends `Succeed`, `Failed` or
            `Stopped` (ERRATA E72).
        start_time (datetime.datetime): RFC 3339 date-time in UTC, written with a capital `Z` as seed 000's date rule
            asks
            (`2024-03-01T08:00:00Z`); no offset other than `Z`. Servers write whole seconds; a
            fraction is accepted because Baidu's documentation shows one (`0001-01-01T00:00:00.000Z`,
            ERRATA E71, E87).
        end_time (datetime.datetime | None): When the task ended; null while it is pending or running.
    """

    id: int
    execution_id: int
    job_id: str
    operation: str
    resource_type: str
    src_resource: str
    dest_resource: str
    status: MigrationTaskStatus
    start_time: datetime.datetime
    end_time: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        execution_id = self.execution_id

        job_id = self.job_id

        operation = self.operation

        resource_type = self.resource_type

        src_resource = self.src_resource

        dest_resource = self.dest_resource

        status = self.status.value

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
                "executionId": execution_id,
                "jobId": job_id,
                "operation": operation,
                "resourceType": resource_type,
                "srcResource": src_resource,
                "destResource": dest_resource,
                "status": status,
                "startTime": start_time,
                "endTime": end_time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        execution_id = d.pop("executionId")

        job_id = d.pop("jobId")

        operation = d.pop("operation")

        resource_type = d.pop("resourceType")

        src_resource = d.pop("srcResource")

        dest_resource = d.pop("destResource")

        status = MigrationTaskStatus(d.pop("status"))

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

        migration_task = cls(
            id=id,
            execution_id=execution_id,
            job_id=job_id,
            operation=operation,
            resource_type=resource_type,
            src_resource=src_resource,
            dest_resource=dest_resource,
            status=status,
            start_time=start_time,
            end_time=end_time,
        )

        migration_task.additional_properties = d
        return migration_task

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
