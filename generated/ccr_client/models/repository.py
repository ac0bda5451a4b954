from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Repository")


@_attrs_define
class Repository:
    """An image repository as returned.

    Attributes:
        project_name (str): Namespace name: 2 to 65 characters, lower-case letters, digits and `._-`, starting and
            ending
            with a letter or digit, not digits only (META CreateProject), no two special characters in a
            row (a contract choice, Harbor's rule).
        repository_name (str): Repository name inside the namespace, plain (may hold `/`).
        description (str): Free text; empty when none was set.
        repository_path (str): Image path on the public endpoint (`{publicURL}/{projectName}/{repositoryName}`).
        private_repository_path (str): Image path on the VPC endpoint.
        tag_count (int): Number of tags.
        pull_count (int): Number of pulls.
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

    project_name: str
    repository_name: str
    description: str
    repository_path: str
    private_repository_path: str
    tag_count: int
    pull_count: int
    creation_time: datetime.datetime
    update_time: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        project_name = self.project_name

        repository_name = self.repository_name

        description = self.description

        repository_path = self.repository_path

        private_repository_path = self.private_repository_path

        tag_count = self.tag_count

        pull_count = self.pull_count

        creation_time = self.creation_time.isoformat()

        update_time = self.update_time.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "projectName": project_name,
                "repositoryName": repository_name,
                "description": description,
                "repositoryPath": repository_path,
                "privateRepositoryPath": private_repository_path,
                "tagCount": tag_count,
                "pullCount": pull_count,
                "creationTime": creation_time,
                "updateTime": update_time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        project_name = d.pop("projectName")

        repository_name = d.pop("repositoryName")

        description = d.pop("description")

        repository_path = d.pop("repositoryPath")

        private_repository_path = d.pop("privateRepositoryPath")

        tag_count = d.pop("tagCount")

        pull_count = d.pop("pullCount")

        creation_time = datetime.datetime.fromisoformat(d.pop("creationTime"))

        update_time = datetime.datetime.fromisoformat(d.pop("updateTime"))

        repository = cls(
            project_name=project_name,
            repository_name=repository_name,
            description=description,
            repository_path=repository_path,
            private_repository_path=private_repository_path,
            tag_count=tag_count,
            pull_count=pull_count,
            creation_time=creation_time,
            update_time=update_time,
        )

        repository.additional_properties = d
        return repository

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
