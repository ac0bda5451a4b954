from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.trigger_filter_type import TriggerFilterType

T = TypeVar("T", bound="TriggerFilterInput")


@_attrs_define
class TriggerFilterInput:
    """One filter of a trigger as written; `value` is matched against the field named by `type`.

    Attributes:
        type_ (TriggerFilterType): What a filter matches: the namespace (`project_name`), the repository
            (`repository_name`) or
            the tag (`tag`). Baidu's Chinese text names the tag filter `repository_name` too; the
            contract follows the English `tag` (ERRATA E58).
        value (str): Name, or name pattern, to match (`library`, `ubuntu`, `latest`).
    """

    type_: TriggerFilterType
    value: str

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

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
        type_ = TriggerFilterType(d.pop("type"))

        value = d.pop("value")

        trigger_filter_input = cls(
            type_=type_,
            value=value,
        )

        return trigger_filter_input
