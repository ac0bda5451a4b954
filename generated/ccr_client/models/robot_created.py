from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.robot_permission import RobotPermission


T = TypeVar("T", bound="RobotCreated")


@_attrs_define
class RobotCreated:
    """The answer to CreateRobotAccount. `id`, `name`, `secret`, `creationTime` and `expiresAt`
    are always present (what baiducloud-python-sdk-ccr reads); bce-sdk-go also reads the
    other fields of a listed robot, which a server may add
    (ERRATA E42).

        Attributes:
            id (int): Robot account id.
            name (str): Robot account name as stored and used to log in, `ccr$` followed by the name given at creation.
            secret (str): The robot's secret (chosen or generated), shown only in this answer.
            creation_time (datetime.datetime): RFC 3339 date-time in UTC, written with a capital `Z` as seed 000's date rule
                asks
                (`2024-03-01T08:00:00Z`); no offset other than `Z`. Servers write whole seconds; a
                fraction is accepted because Baidu's documentation shows one (`0001-01-01T00:00:00.000Z`,
                ERRATA E71, E87).
            expires_at (int): Expiry as a Unix timestamp in seconds; `-1` means it never expires. At most 2^31-1
                (2038-01-19T03:14:07Z): baiducloud-go-sdk reads it into an `int32` (ERRATA E85).
            level (str | Unset): Robot level, `system` (bce-sdk-go only).
            disable (bool | Unset): Whether the account is disabled (bce-sdk-go only).
            description (str | Unset): Free text (bce-sdk-go only).
            duration (int | Unset): Validity in days; `-1` means it never expires (bce-sdk-go only).
            update_time (datetime.datetime | Unset): RFC 3339 date-time in UTC, written with a capital `Z` as seed 000's
                date rule asks
                (`2024-03-01T08:00:00Z`); no offset other than `Z`. Servers write whole seconds; a
                fraction is accepted because Baidu's documentation shows one (`0001-01-01T00:00:00.000Z`,
                ERRATA E71, E87).
            editable (bool | Unset): bce-sdk-go only.
            permissions (list[RobotPermission] | Unset): The robot's permissions (bce-sdk-go only).
    """

    id: int
    name: str
    secret: str
    creation_time: datetime.datetime
    expires_at: int
    level: str | Unset = UNSET
    disable: bool | Unset = UNSET
    description: str | Unset = UNSET
    duration: int | Unset = UNSET
    update_time: datetime.datetime | Unset = UNSET
    editable: bool | Unset = UNSET
    permissions: list[RobotPermission] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        secret = self.secret

        creation_time = self.creation_time.isoformat()

        expires_at = self.expires_at

        level = self.level

        disable = self.disable

        description = self.description

        duration = self.duration

        update_time: str | Unset = UNSET
        if not isinstance(self.update_time, Unset):
            update_time = self.update_time.isoformat()

        editable = self.editable

        permissions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.permissions, Unset):
            permissions = []
            for permissions_item_data in self.permissions:
                permissions_item = permissions_item_data.to_dict()
                permissions.append(permissions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "secret": secret,
                "creationTime": creation_time,
                "expiresAt": expires_at,
            }
        )
        if level is not UNSET:
            field_dict["level"] = level
        if disable is not UNSET:
            field_dict["disable"] = disable
        if description is not UNSET:
            field_dict["description"] = description
        if duration is not UNSET:
            field_dict["duration"] = duration
        if update_time is not UNSET:
            field_dict["updateTime"] = update_time
        if editable is not UNSET:
            field_dict["editable"] = editable
        if permissions is not UNSET:
            field_dict["permissions"] = permissions

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.robot_permission import RobotPermission

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        secret = d.pop("secret")

        creation_time = datetime.datetime.fromisoformat(d.pop("creationTime"))

        expires_at = d.pop("expiresAt")

        level = d.pop("level", UNSET)

        disable = d.pop("disable", UNSET)

        description = d.pop("description", UNSET)

        duration = d.pop("duration", UNSET)

        _update_time = d.pop("updateTime", UNSET)
        update_time: datetime.datetime | Unset
        if isinstance(_update_time, Unset):
            update_time = UNSET
        else:
            update_time = datetime.datetime.fromisoformat(_update_time)

        editable = d.pop("editable", UNSET)

        _permissions = d.pop("permissions", UNSET)
        permissions: list[RobotPermission] | Unset = UNSET
        if _permissions is not UNSET:
            permissions = []
            for permissions_item_data in _permissions:
                permissions_item = RobotPermission.from_dict(permissions_item_data)

                permissions.append(permissions_item)

        robot_created = cls(
            id=id,
            name=name,
            secret=secret,
            creation_time=creation_time,
            expires_at=expires_at,
            level=level,
            disable=disable,
            description=description,
            duration=duration,
            update_time=update_time,
            editable=editable,
            permissions=permissions,
        )

        robot_created.additional_properties = d
        return robot_created

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
