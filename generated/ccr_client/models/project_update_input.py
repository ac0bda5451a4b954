from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.project_flag import ProjectFlag

T = TypeVar("T", bound="ProjectUpdateInput")


@_attrs_define
class ProjectUpdateInput:
    """The namespace's settings as written by update.

    Attributes:
        auto_scan (ProjectFlag): A yes/no setting, as the string `"true"` or `"false"` (never a JSON boolean).
        public (ProjectFlag): A yes/no setting, as the string `"true"` or `"false"` (never a JSON boolean).
    """

    auto_scan: ProjectFlag
    public: ProjectFlag

    def to_dict(self) -> dict[str, Any]:
        auto_scan = self.auto_scan.value

        public = self.public.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "autoScan": auto_scan,
                "public": public,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        auto_scan = ProjectFlag(d.pop("autoScan"))

        public = ProjectFlag(d.pop("public"))

        project_update_input = cls(
            auto_scan=auto_scan,
            public=public,
        )

        return project_update_input
