from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.robot_permission import RobotPermission


T = TypeVar("T", bound="Robot")


@_attrs_define
class Robot:
    """A robot account as listed. The secret is never listed.

    Attributes:
        id (int): Robot account id.
        name (str): Robot account name as stored and used to log in, `ccr$` followed by the name given at creation.
        description (str): Free text.
        level (str): Robot level; `system` for every robot made through this API.
        disable (bool): Whether the account is disabled.
        duration (int): Validity left, in days; `-1` means it never expires.
        expires_at (int): Expiry as a Unix timestamp in seconds; `-1` means it never expires. At most 2^31-1
            (2038-01-19T03:14:07Z): baiducloud-go-sdk reads it into an `int32` (ERRATA E85).
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
        permissions (list[RobotPermission]):
        editable (bool | Unset): Known from bce-sdk-go and Baidu's documentation example only; optional.
    """

    id: int
    name: str
    description: str
    level: str
    disable: bool
    duration: int
    expires_at: int
    creation_time: datetime.datetime
    update_time: datetime.datetime
    permissions: list[RobotPermission]
    editable: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        description = self.description

        level = self.level

        disable = self.disable

        duration = self.duration

        expires_at = self.expires_at

        creation_time = self.creation_time.isoformat()

        update_time = self.update_time.isoformat()

        permissions = []
        for permissions_item_data in self.permissions:
            permissions_item = permissions_item_data.to_dict()
            permissions.append(permissions_item)

        editable = self.editable

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
                "level": level,
                "disable": disable,
                "duration": duration,
                "expiresAt": expires_at,
                "creationTime": creation_time,
                "updateTime": update_time,
                "permissions": permissions,
            }
        )
        if editable is not UNSET:
            field_dict["editable"] = editable

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.robot_permission import RobotPermission

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        description = d.pop("description")

        level = d.pop("level")

        disable = d.pop("disable")

        duration = d.pop("duration")

        expires_at = d.pop("expiresAt")

        creation_time = datetime.datetime.fromisoformat(d.pop("creationTime"))

        update_time = datetime.datetime.fromisoformat(d.pop("updateTime"))

        permissions = []
        _permissions = d.pop("permissions")
        for permissions_item_data in _permissions:
            permissions_item = RobotPermission.from_dict(permissions_item_data)

            permissions.append(permissions_item)

        editable = d.pop("editable", UNSET)

        robot = cls(
            id=id,
            name=name,
            description=description,
            level=level,
            disable=disable,
            duration=duration,
            expires_at=expires_at,
            creation_time=creation_time,
            update_time=update_time,
            permissions=permissions,
            editable=editable,
        )

        robot.additional_properties = d
        return robot

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
