from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AcceleratorFilterInput")


@_attrs_define
class AcceleratorFilterInput:
    """One filter of a rule, as written: `type` names what is matched and `value` the pattern.
    Baidu's examples use `project_name` (namespace) and `repository_name`; the sources list
    no closed set of types and mark both fields optional.

        Attributes:
            type_ (str | Unset): What the filter matches, e.g. `project_name` or `repository_name`.
            value (str | Unset): The value (pattern) the named field must match.
    """

    type_: str | Unset = UNSET
    value: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = d.pop("type", UNSET)

        value = d.pop("value", UNSET)

        accelerator_filter_input = cls(
            type_=type_,
            value=value,
        )

        return accelerator_filter_input
