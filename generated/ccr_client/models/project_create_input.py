from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.project_flag import ProjectFlag

T = TypeVar("T", bound="ProjectCreateInput")


@_attrs_define
class ProjectCreateInput:
    """A namespace as written by create.

    Attributes:
        project_name (str): Namespace name: 2 to 65 characters, lower-case letters, digits and `._-`, starting and
            ending
            with a letter or digit, not digits only (META CreateProject), no two special characters in a
            row (a contract choice, Harbor's rule).
        public (ProjectFlag): A yes/no setting, as the string `"true"` or `"false"` (never a JSON boolean).
    """

    project_name: str
    public: ProjectFlag

    def to_dict(self) -> dict[str, Any]:
        project_name = self.project_name

        public = self.public.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "projectName": project_name,
                "public": public,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        project_name = d.pop("projectName")

        public = ProjectFlag(d.pop("public"))

        project_create_input = cls(
            project_name=project_name,
            public=public,
        )

        return project_create_input
