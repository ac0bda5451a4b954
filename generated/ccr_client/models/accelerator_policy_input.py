from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.accelerator_filter_input import AcceleratorFilterInput


T = TypeVar("T", bound="AcceleratorPolicyInput")


@_attrs_define
class AcceleratorPolicyInput:
    """An on-demand loading rule as written by create and update.

    Attributes:
        name (str): Rule name, unique within the instance.
        filters (list[AcceleratorFilterInput]): The rule's filters; an image must match them to be accelerated.
        description (str | Unset): Free text.
    """

    name: str
    filters: list[AcceleratorFilterInput]
    description: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        filters = []
        for filters_item_data in self.filters:
            filters_item = filters_item_data.to_dict()
            filters.append(filters_item)

        description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "filters": filters,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.accelerator_filter_input import AcceleratorFilterInput

        d = dict(src_dict)
        name = d.pop("name")

        filters = []
        _filters = d.pop("filters")
        for filters_item_data in _filters:
            filters_item = AcceleratorFilterInput.from_dict(filters_item_data)

            filters.append(filters_item)

        description = d.pop("description", UNSET)

        accelerator_policy_input = cls(
            name=name,
            filters=filters,
            description=description,
        )

        return accelerator_policy_input
