from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="MigrationRuleFilterInput")


@_attrs_define
class MigrationRuleFilterInput:
    """One filter on what a rule migrates. `name` matches repository paths (`library/ubuntu`,
    `library/**`), `tag` matches tags (`latest`, `{latest,1.0}`); patterns use `*`, `**`,
    `?` and `{a,b}`.

        Attributes:
            type_ (str): Filter kind, `name` or `tag` (Baidu lists no values; these are the ones its documents use).
            value (str): Pattern the filter kind is matched against.
    """

    type_: str
    value: str

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = d.pop("type")

        value = d.pop("value")

        migration_rule_filter_input = cls(
            type_=type_,
            value=value,
        )

        return migration_rule_filter_input
