from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.project_flag import ProjectFlag

T = TypeVar("T", bound="Project")


@_attrs_define
class Project:
    """A namespace as returned.

    Attributes:
        project_id (int): Numeric id of the namespace.
        project_name (str): Namespace name: 2 to 65 characters, lower-case letters, digits and `._-`, starting and
            ending
            with a letter or digit, not digits only (META CreateProject), no two special characters in a
            row (a contract choice, Harbor's rule).
        public (ProjectFlag): A yes/no setting, as the string `"true"` or `"false"` (never a JSON boolean).
        auto_scan (ProjectFlag): A yes/no setting, as the string `"true"` or `"false"` (never a JSON boolean).
        repo_count (int): Number of repositories in the namespace.
        chart_count (int): Number of Helm charts in the namespace.
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

    project_id: int
    project_name: str
    public: ProjectFlag
    auto_scan: ProjectFlag
    repo_count: int
    chart_count: int
    creation_time: datetime.datetime
    update_time: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        project_id = self.project_id

        project_name = self.project_name

        public = self.public.value

        auto_scan = self.auto_scan.value

        repo_count = self.repo_count

        chart_count = self.chart_count

        creation_time = self.creation_time.isoformat()

        update_time = self.update_time.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "projectId": project_id,
                "projectName": project_name,
                "public": public,
                "autoScan": auto_scan,
                "repoCount": repo_count,
                "chartCount": chart_count,
                "creationTime": creation_time,
                "updateTime": update_time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        project_id = d.pop("projectId")

        project_name = d.pop("projectName")

        public = ProjectFlag(d.pop("public"))

        auto_scan = ProjectFlag(d.pop("autoScan"))

        repo_count = d.pop("repoCount")

        chart_count = d.pop("chartCount")

        creation_time = datetime.datetime.fromisoformat(d.pop("creationTime"))

        update_time = datetime.datetime.fromisoformat(d.pop("updateTime"))

        project = cls(
            project_id=project_id,
            project_name=project_name,
            public=public,
            auto_scan=auto_scan,
            repo_count=repo_count,
            chart_count=chart_count,
            creation_time=creation_time,
            update_time=update_time,
        )

        project.additional_properties = d
        return project

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
