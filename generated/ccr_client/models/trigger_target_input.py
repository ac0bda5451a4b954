from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.trigger_headers_input import TriggerHeadersInput


T = TypeVar("T", bound="TriggerTargetInput")


@_attrs_define
class TriggerTargetInput:
    """An address a trigger calls, as written (also the body of TestTriggerTargetAddress).

    Attributes:
        address (str): An `http://` or `https://` URL that every client can parse: an ASCII host name (an IDN host
            in its `xn--` form) or a bracketed IPv6 literal, a port from 0 to 65535, then any path, query
            and fragment. No `user:password@`: credentials travel in their own fields (a registry's
            `credential`, a trigger's `Authorization` header), never inside a URL that is stored and
            answered back. A value the pattern refuses is a 400; a value it accepts is never refused as
            unparseable.
        headers (TriggerHeadersInput | Unset): Custom HTTP headers sent with each call of a target. Only `Authorization`
            is allowed
            (spelled exactly so); any other key is rejected (400).
    """

    address: str
    headers: TriggerHeadersInput | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        address = self.address

        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "address": address,
            }
        )
        if headers is not UNSET:
            field_dict["headers"] = headers

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.trigger_headers_input import TriggerHeadersInput

        d = dict(src_dict)
        address = d.pop("address")

        _headers = d.pop("headers", UNSET)
        headers: TriggerHeadersInput | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = TriggerHeadersInput.from_dict(_headers)

        trigger_target_input = cls(
            address=address,
            headers=headers,
        )

        return trigger_target_input
