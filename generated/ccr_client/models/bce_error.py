from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BceError")


@_attrs_define
class BceError:
    """The one error body of every BCE service.

    Besides the responses each operation declares, the HTTP layer may answer any request, on any
    path, with this body (and `x-bce-request-id`) when the request itself is out of bounds
    (ERRATA E83): **408** `RequestTimeout` when the request head, or its body, is not complete
    within 20 seconds (the connection is then closed); **414** `RequestURITooLong` when the
    request line is over 8 KiB; **431** `RequestHeaderFieldsTooLarge` when the request line and
    headers together are over 64 KiB; **400** `InvalidHTTPRequest` when the HTTP parser refuses
    the request. A gateway or an overloaded server may answer **502** `BadGateway` or **503**
    `ServiceUnavailable`; Baidu's SDKs retry 500, 502 (Go) and 503 and `RequestExpired`, resending
    writes, so a server answers these only when the request changed nothing (ERRATA E90).

    A request may carry `x-bce-request-id` (bce-sdk-go sends a UUID on every request, unsigned);
    the answer's `x-bce-request-id` and `requestId` are the server's own (ERRATA E89). Baidu's
    answers may also carry `X-Bce-Gateway-Region` (e.g. `BJ`), which clients must not rely on
    (ERRATA E91).

        Attributes:
            request_id (str): Same value as the `x-bce-request-id` response header.
            code (str): Machine-readable error code, e.g. `NotFound`, `MalformedJSON`, `IamSignatureInvalid`.
            message (str): Human-readable explanation; for validation errors it names the offending field.
    """

    request_id: str
    code: str
    message: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        request_id = self.request_id

        code = self.code

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "requestId": request_id,
                "code": code,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        request_id = d.pop("requestId")

        code = d.pop("code")

        message = d.pop("message")

        bce_error = cls(
            request_id=request_id,
            code=code,
            message=message,
        )

        bce_error.additional_properties = d
        return bce_error

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
