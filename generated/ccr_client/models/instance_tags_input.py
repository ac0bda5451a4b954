from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.instance_tag_input import InstanceTagInput


T = TypeVar("T", bound="InstanceTagsInput")


@_attrs_define
class InstanceTagsInput:
    """The instance's complete new tag list.

    Attributes:
        tags (list[InstanceTagInput]):
    """

    tags: list[InstanceTagInput]

    def to_dict(self) -> dict[str, Any]:
        tags = []
        for tags_item_data in self.tags:
            tags_item = tags_item_data.to_dict()
            tags.append(tags_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "tags": tags,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.instance_tag_input import InstanceTagInput

        d = dict(src_dict)
        tags = []
        _tags = d.pop("tags")
        for tags_item_data in _tags:
            tags_item = InstanceTagInput.from_dict(tags_item_data)

            tags.append(tags_item)

        instance_tags_input = cls(
            tags=tags,
        )

        return instance_tags_input
