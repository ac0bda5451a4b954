from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.migration_rule_trigger_input_type import MigrationRuleTriggerInputType

T = TypeVar("T", bound="MigrationRuleTriggerInput")


@_attrs_define
class MigrationRuleTriggerInput:
    """How a migration rule runs; migration rules run on request only.

    Attributes:
        type_ (MigrationRuleTriggerInputType): Only `manual` exists for migration rules (ERRATA E69).
    """

    type_: MigrationRuleTriggerInputType

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = MigrationRuleTriggerInputType(d.pop("type"))

        migration_rule_trigger_input = cls(
            type_=type_,
        )

        return migration_rule_trigger_input
