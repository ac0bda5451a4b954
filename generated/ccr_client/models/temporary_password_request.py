from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="TemporaryPasswordRequest")


@_attrs_define
class TemporaryPasswordRequest:
    """How long the temporary password stays valid.

    Attributes:
        duration (int): Validity in hours, 1 to 24.
    """

    duration: int

    def to_dict(self) -> dict[str, Any]:
        duration = self.duration

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "duration": duration,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        duration = d.pop("duration")

        temporary_password_request = cls(
            duration=duration,
        )

        return temporary_password_request
