from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.accelerator_filter_input import AcceleratorFilterInput


T = TypeVar("T", bound="AcceleratorFilterTest")


@_attrs_define
class AcceleratorFilterTest:
    """Filters to try and the image repository address to try them on.

    Attributes:
        filters (list[AcceleratorFilterInput]):
        repository (str): Image repository address, `{registry host}/{namespace}/{repository}`.
    """

    filters: list[AcceleratorFilterInput]
    repository: str

    def to_dict(self) -> dict[str, Any]:
        filters = []
        for filters_item_data in self.filters:
            filters_item = filters_item_data.to_dict()
            filters.append(filters_item)

        repository = self.repository

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "filters": filters,
                "repository": repository,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.accelerator_filter_input import AcceleratorFilterInput

        d = dict(src_dict)
        filters = []
        _filters = d.pop("filters")
        for filters_item_data in _filters:
            filters_item = AcceleratorFilterInput.from_dict(filters_item_data)

            filters.append(filters_item)

        repository = d.pop("repository")

        accelerator_filter_test = cls(
            filters=filters,
            repository=repository,
        )

        return accelerator_filter_test
