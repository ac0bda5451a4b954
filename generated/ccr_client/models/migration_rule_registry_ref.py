from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="MigrationRuleRegistryRef")


@_attrs_define
class MigrationRuleRegistryRef:
    """Names one of the instance's registries by id.

    Attributes:
        id (int): Registry id (see `ListRegistries`).
    """

    id: int

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        migration_rule_registry_ref = cls(
            id=id,
        )

        return migration_rule_registry_ref
