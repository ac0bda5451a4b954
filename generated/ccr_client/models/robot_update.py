from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.robot_permission_input import RobotPermissionInput


T = TypeVar("T", bound="RobotUpdate")


@_attrs_define
class RobotUpdate:
    """Changes to a robot account; a field left out keeps its value.

    Attributes:
        disable (bool | Unset): `true` disables the account, `false` enables it.
        duration (int | Unset): Validity in days from now, 1 to 36500 (100 years, the contract's own bound, so that
            `expiresAt` is a Unix time every client can hold); `-1` means the account never expires. `0` is not allowed.
        description (str | Unset): Free text, 0 to 1024 characters.
        permissions (list[RobotPermissionInput] | Unset): Replaces all of the robot's permissions.
    """

    disable: bool | Unset = UNSET
    duration: int | Unset = UNSET
    description: str | Unset = UNSET
    permissions: list[RobotPermissionInput] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        disable = self.disable

        duration = self.duration

        description = self.description

        permissions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.permissions, Unset):
            permissions = []
            for permissions_item_data in self.permissions:
                permissions_item = permissions_item_data.to_dict()
                permissions.append(permissions_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if disable is not UNSET:
            field_dict["disable"] = disable
        if duration is not UNSET:
            field_dict["duration"] = duration
        if description is not UNSET:
            field_dict["description"] = description
        if permissions is not UNSET:
            field_dict["permissions"] = permissions

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.robot_permission_input import RobotPermissionInput

        d = dict(src_dict)
        disable = d.pop("disable", UNSET)

        duration = d.pop("duration", UNSET)

        description = d.pop("description", UNSET)

        _permissions = d.pop("permissions", UNSET)
        permissions: list[RobotPermissionInput] | Unset = UNSET
        if _permissions is not UNSET:
            permissions = []
            for permissions_item_data in _permissions:
                permissions_item = RobotPermissionInput.from_dict(permissions_item_data)

                permissions.append(permissions_item)

        robot_update = cls(
            disable=disable,
            duration=duration,
            description=description,
            permissions=permissions,
        )

        return robot_update
