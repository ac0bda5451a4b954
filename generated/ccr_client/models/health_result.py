from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.health_result_target_name import HealthResultTargetName

T = TypeVar("T", bound="HealthResult")


@_attrs_define
class HealthResult:
    """Answer of the registry health check.

    Attributes:
        action (Literal['checkHealth']):
        target_name (HealthResultTargetName): `"true"` when the registry answered its ping, `"false"` otherwise.
    """

    action: Literal["checkHealth"]
    target_name: HealthResultTargetName
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        target_name = self.target_name.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "targetName": target_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        action = cast(Literal["checkHealth"], d.pop("action"))
        if action != "checkHealth":
            raise ValueError(f"action must match const 'checkHealth', got '{action}'")

        target_name = HealthResultTargetName(d.pop("targetName"))

        health_result = cls(
            action=action,
            target_name=target_name,
        )

        health_result.additional_properties = d
        return health_result

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
