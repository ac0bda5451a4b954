from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.robot_access import RobotAccess


T = TypeVar("T", bound="RobotPermission")


@_attrs_define
class RobotPermission:
    """A robot's permissions in one namespace (or all, with `*`), as returned.

    Attributes:
        kind (str | Unset): `project`.
        namespace (str | Unset): Namespace name, or `*` for every namespace.
        access (list[RobotAccess] | Unset):
    """

    kind: str | Unset = UNSET
    namespace: str | Unset = UNSET
    access: list[RobotAccess] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        namespace = self.namespace

        access: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.access, Unset):
            access = []
            for access_item_data in self.access:
                access_item = access_item_data.to_dict()
                access.append(access_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if kind is not UNSET:
            field_dict["kind"] = kind
        if namespace is not UNSET:
            field_dict["namespace"] = namespace
        if access is not UNSET:
            field_dict["access"] = access

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.robot_access import RobotAccess

        d = dict(src_dict)
        kind = d.pop("kind", UNSET)

        namespace = d.pop("namespace", UNSET)

        _access = d.pop("access", UNSET)
        access: list[RobotAccess] | Unset = UNSET
        if _access is not UNSET:
            access = []
            for access_item_data in _access:
                access_item = RobotAccess.from_dict(access_item_data)

                access.append(access_item)

        robot_permission = cls(
            kind=kind,
            namespace=namespace,
            access=access,
        )

        robot_permission.additional_properties = d
        return robot_permission

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
