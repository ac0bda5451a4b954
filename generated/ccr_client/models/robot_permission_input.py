from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.robot_permission_input_kind import RobotPermissionInputKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.robot_access_input import RobotAccessInput


T = TypeVar("T", bound="RobotPermissionInput")


@_attrs_define
class RobotPermissionInput:
    """What a robot may do in one namespace (or in all of them, with `*`).

    Attributes:
        kind (RobotPermissionInputKind | Unset): Always `project`.
        namespace (str | Unset): Namespace name, or `*` for every namespace of the instance.
        access (list[RobotAccessInput] | Unset):
    """

    kind: RobotPermissionInputKind | Unset = UNSET
    namespace: str | Unset = UNSET
    access: list[RobotAccessInput] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        namespace = self.namespace

        access: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.access, Unset):
            access = []
            for access_item_data in self.access:
                access_item = access_item_data.to_dict()
                access.append(access_item)

        field_dict: dict[str, Any] = {}

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
        from ..models.robot_access_input import RobotAccessInput

        d = dict(src_dict)
        _kind = d.pop("kind", UNSET)
        kind: RobotPermissionInputKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = RobotPermissionInputKind(_kind)

        namespace = d.pop("namespace", UNSET)

        _access = d.pop("access", UNSET)
        access: list[RobotAccessInput] | Unset = UNSET
        if _access is not UNSET:
            access = []
            for access_item_data in _access:
                access_item = RobotAccessInput.from_dict(access_item_data)

                access.append(access_item)

        robot_permission_input = cls(
            kind=kind,
            namespace=namespace,
            access=access,
        )

        return robot_permission_input
