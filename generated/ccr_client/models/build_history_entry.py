from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BuildHistoryEntry")


@_attrs_define
class BuildHistoryEntry:
    """One build step of an image (one entry of the image configuration's `history`).

    Attributes:
        created (datetime.datetime): RFC 3339 date-time in UTC, written with a capital `Z` as seed 000's date rule asks
            (`2024-03-01T08:00:00Z`); no offset other than `Z`. Servers write whole seconds; a
            fraction is accepted because Baidu's documentation shows one (`0001-01-01T00:00:00.000Z`,
            ERRATA E71, E87).
        comment (str): Comment recorded for the step; often empty.
        created_by (str): The command that made the step.
        empty_layer (bool): True when the step added no file-system layer (e.g. `CMD`, `ENV`).
    """

    created: datetime.datetime
    comment: str
    created_by: str
    empty_layer: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created = self.created.isoformat()

        comment = self.comment

        created_by = self.created_by

        empty_layer = self.empty_layer

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created": created,
                "comment": comment,
                "createdBy": created_by,
                "emptyLayer": empty_layer,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        created = datetime.datetime.fromisoformat(d.pop("created"))

        comment = d.pop("comment")

        created_by = d.pop("createdBy")

        empty_layer = d.pop("emptyLayer")

        build_history_entry = cls(
            created=created,
            comment=comment,
            created_by=created_by,
            empty_layer=empty_layer,
        )

        build_history_entry.additional_properties = d
        return build_history_entry

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
