from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.robot_permission_input import RobotPermissionInput


T = TypeVar("T", bound="RobotInput")


@_attrs_define
class RobotInput:
    """A robot account as written by create.

    Attributes:
        name (str): Robot account name as written: 1 to 65 characters, lower-case letters, digits and `._-`,
            starting and ending with a letter or digit, no two special characters in a row. The
            server stores it with the prefix `ccr$`.
        duration (int): Validity in days from now, 1 to 36500 (100 years, the contract's own bound, so that `expiresAt`
            is a Unix time every client can hold); `-1` means the account never expires. `0` is not allowed.
        permissions (list[RobotPermissionInput]): The robot's permissions, one entry per namespace.
        secret (str | Unset): A secret chosen by the caller; the server generates one when it is left out. 8 to 65
            characters with upper-case and lower-case letters and at least one digit or special
            character; the special characters allowed are `!@#$%^*()` (ERRATA E60). Never returned
            as sent: the answer carries it once.
        disable (bool | Unset): Create the account disabled. Default: False.
        description (str | Unset): Free text, 0 to 1024 characters.
    """

    name: str
    duration: int
    permissions: list[RobotPermissionInput]
    secret: str | Unset = UNSET
    disable: bool | Unset = False
    description: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        duration = self.duration

        permissions = []
        for permissions_item_data in self.permissions:
            permissions_item = permissions_item_data.to_dict()
            permissions.append(permissions_item)

        secret = self.secret

        disable = self.disable

        description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "duration": duration,
                "permissions": permissions,
            }
        )
        if secret is not UNSET:
            field_dict["secret"] = secret
        if disable is not UNSET:
            field_dict["disable"] = disable
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.robot_permission_input import RobotPermissionInput

        d = dict(src_dict)
        name = d.pop("name")

        duration = d.pop("duration")

        permissions = []
        _permissions = d.pop("permissions")
        for permissions_item_data in _permissions:
            permissions_item = RobotPermissionInput.from_dict(permissions_item_data)

            permissions.append(permissions_item)

        secret = d.pop("secret", UNSET)

        disable = d.pop("disable", UNSET)

        description = d.pop("description", UNSET)

        robot_input = cls(
            name=name,
            duration=duration,
            permissions=permissions,
            secret=secret,
            disable=disable,
            description=description,
        )

        return robot_input
