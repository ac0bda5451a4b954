from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TriggerHeadersInput")


@_attrs_define
class TriggerHeadersInput:
    """Custom HTTP headers sent with each call of a target. Only `Authorization` is allowed
    (spelled exactly so); any other key is rejected (400).

        Attributes:
            authorization (str | Unset): Value of the `Authorization` header sent to the target (`Bearer ...`, `Basic ...`).
    """

    authorization: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        authorization = self.authorization

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if authorization is not UNSET:
            field_dict["Authorization"] = authorization

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        authorization = d.pop("Authorization", UNSET)

        trigger_headers_input = cls(
            authorization=authorization,
        )

        return trigger_headers_input
