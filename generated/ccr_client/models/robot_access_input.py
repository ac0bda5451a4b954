from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.robot_access_input_action import RobotAccessInputAction
from ..models.robot_access_input_resource import RobotAccessInputResource
from ..types import UNSET, Unset

T = TypeVar("T", bound="RobotAccessInput")


@_attrs_define
class RobotAccessInput:
    """One permission on the repositories of a namespace.

    Attributes:
        resource (RobotAccessInputResource | Unset): Always `repository`.
        action (RobotAccessInputAction | Unset): `pull` to pull images, `push` to push them.
    """

    resource: RobotAccessInputResource | Unset = UNSET
    action: RobotAccessInputAction | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        resource: str | Unset = UNSET
        if not isinstance(self.resource, Unset):
            resource = self.resource.value

        action: str | Unset = UNSET
        if not isinstance(self.action, Unset):
            action = self.action.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if resource is not UNSET:
            field_dict["resource"] = resource
        if action is not UNSET:
            field_dict["action"] = action

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _resource = d.pop("resource", UNSET)
        resource: RobotAccessInputResource | Unset
        if isinstance(_resource, Unset):
            resource = UNSET
        else:
            resource = RobotAccessInputResource(_resource)

        _action = d.pop("action", UNSET)
        action: RobotAccessInputAction | Unset
        if isinstance(_action, Unset):
            action = UNSET
        else:
            action = RobotAccessInputAction(_action)

        robot_access_input = cls(
            resource=resource,
            action=action,
        )

        return robot_access_input
