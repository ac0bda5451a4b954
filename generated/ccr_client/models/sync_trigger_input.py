from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.sync_trigger_input_type import SyncTriggerInputType

T = TypeVar("T", bound="SyncTriggerInput")


@_attrs_define
class SyncTriggerInput:
    """When a synchronization policy runs.

    Attributes:
        type_ (SyncTriggerInputType): `manual`: on request (ExecuteInstanceSync); `event_based`: whenever a matching
            image is pushed.
    """

    type_: SyncTriggerInputType

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
        type_ = SyncTriggerInputType(d.pop("type"))

        sync_trigger_input = cls(
            type_=type_,
        )

        return sync_trigger_input
