"""Every error status raises ``BceApiError`` from any generated call, whatever the body looks like.

Regression tests for a review finding: the generated ``_parse_response`` parses a documented error
status with ``BceError.from_dict(response.json())`` before :func:`unwrap` sees the response, so odd
bodies escaped as ``JSONDecodeError``/``KeyError``/``ValueError``/``UnexpectedStatus``. These tests
go through the real generated ``*.sync_detailed`` / ``*.asyncio_detailed`` functions with an
``httpx.MockTransport`` passed through ``make_client``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from ccr_client import AuthenticatedClient, BceApiError, make_client, unwrap
from ccr_client.api.registries import delete_registry, list_registries

AK, SK = "errors-access-key", "errors-secret-key-not-shown"
PAGE = {"result": [], "pageNo": 1, "pageSize": 10, "totalCount": 0}

# (status, response kwargs, expected code, expected message start, expected request id)
CASES: dict[str, tuple[int, dict[str, Any], str, str, str | None]] = {
    "500-html": (
        500,
        {"text": "<html><body>Internal\n  error</body></html>", "headers": {"content-type": "text/html"}},
        "InternalServerError",
        "<html><body>Internal error</body></html>",
        None,
    ),
    "502-text-with-header-id": (
        502,
        {"text": "upstream", "headers": {"x-bce-request-id": "rid-2"}},
        "BadGateway",
        "upstream",
        "rid-2",
    ),
    "404-without-requestId": (
        404,
        {
            "json": {"code": "NotFound", "message": "registry 7 does not exist"},
            "headers": {"x-bce-request-id": "rid-3"},
        },
        "NotFound",
        "registry 7 does not exist",
        "rid-3",
    ),
    "403-json-array": (403, {"json": ["not", "an", "object"]}, "Forbidden", '["not","an","object"]', None),
    "599-unknown-status": (599, {"text": "weird"}, "HTTP599", "weird", None),
    "400-code-only": (400, {"json": {"code": "MalformedJSON"}}, "MalformedJSON", "Bad Request", None),
    "409-empty-body": (409, {"content": b""}, "Conflict", "Conflict", None),
    "401-full-bce-error": (
        401,
        {
            "json": {"requestId": "rid-body", "code": "AccessDenied", "message": "no"},
            "headers": {"x-bce-request-id": "rid-h"},
        },
        "AccessDenied",
        "no",
        "rid-body",
    ),
}


def _client(
    status: int, response_kwargs: dict[str, Any], **kwargs: Any
) -> tuple[AuthenticatedClient, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(status, **response_kwargs)

    httpx_args = dict(kwargs.pop("httpx_args", {}))
    httpx_args["transport"] = httpx.MockTransport(handler)
    return make_client("http://ccr.test", AK, SK, httpx_args=httpx_args, **kwargs), seen


def _check(err: BceApiError, status: int, code: str, message: str, request_id: str | None, sent: httpx.Request) -> None:
    assert (err.status, err.code, err.request_id) == (status, code, request_id)
    assert err.message.startswith(message)
    text = str(err) + repr(err)
    assert sent.headers["authorization"] not in text and SK not in text  # request headers never leak
    assert "\n" not in str(err)


@pytest.mark.parametrize("case", list(CASES))
def test_sync_detailed_raises_bce_api_error_for_any_error_body(case: str) -> None:
    status, kwargs, code, message, request_id = CASES[case]
    client, seen = _client(status, kwargs)
    with pytest.raises(BceApiError) as caught:
        delete_registry.sync_detailed(7, client=client)
    _check(caught.value, status, code, message, request_id, seen[0])


@pytest.mark.parametrize("case", list(CASES))
def test_asyncio_detailed_raises_bce_api_error_for_any_error_body(case: str) -> None:
    status, kwargs, code, message, request_id = CASES[case]
    client, seen = _client(status, kwargs)

    async def call() -> None:
        async with client:
            await list_registries.asyncio_detailed(client=client)

    with pytest.raises(BceApiError) as caught:
        asyncio.run(call())
    _check(caught.value, status, code, message, request_id, seen[0])


def test_sync_and_asyncio_shortcuts_raise_too() -> None:
    client, _ = _client(502, {"text": "down"})
    with pytest.raises(BceApiError, match="502 BadGateway: down"):
        list_registries.sync(client=client)
    with pytest.raises(BceApiError, match="502 BadGateway: down"):
        asyncio.run(list_registries.asyncio(client=client))


def test_long_bodies_are_truncated_in_the_message() -> None:
    client, _ = _client(500, {"text": "x" * 10_000})
    with pytest.raises(BceApiError) as caught:
        delete_registry.sync_detailed(1, client=client)
    assert 0 < len(caught.value.message) <= 200
    assert caught.value.message.endswith("...")


def test_success_still_parses_and_unwrap_still_works() -> None:
    client, _ = _client(200, {"json": PAGE})
    assert unwrap(list_registries.sync_detailed(client=client)).total_count == 0
    assert asyncio.run(list_registries.asyncio(client=client)).page_no == 1


def test_raise_on_unexpected_status_false_does_not_hide_errors() -> None:
    client, _ = _client(418, {"json": {"hello": "teapot"}}, raise_on_unexpected_status=False)
    with pytest.raises(BceApiError) as caught:
        list_registries.sync_detailed(client=client)
    assert (caught.value.status, caught.value.code) == (418, "ImaTeapot")


def test_the_callers_event_hooks_are_kept_sync() -> None:
    requests: list[str] = []
    statuses: list[int] = []
    hooks: dict[str, list[Callable[..., Any]]] = {
        "request": [lambda r: requests.append(r.method)],
        "response": [lambda r: statuses.append(r.status_code)],
    }
    client, _ = _client(404, {"json": {"code": "NotFound", "message": "m"}}, httpx_args={"event_hooks": hooks})
    with pytest.raises(BceApiError):
        delete_registry.sync_detailed(3, client=client)
    assert (requests, statuses) == (["DELETE"], [404])
    assert len(hooks["response"]) == 1, "the caller's dict must not be modified"


def test_the_callers_event_hooks_are_kept_async() -> None:
    statuses: list[int] = []

    async def record(response: httpx.Response) -> None:
        statuses.append(response.status_code)

    client, _ = _client(503, {"text": ""}, httpx_args={"event_hooks": {"response": [record]}})
    with pytest.raises(BceApiError) as caught:
        asyncio.run(list_registries.asyncio_detailed(client=client))
    assert statuses == [503]
    assert (caught.value.code, caught.value.message) == ("ServiceUnavailable", "Service Unavailable")
