"""The client factory and the BCE error type, without a server (httpx MockTransport captures requests).

The signature is checked with ``ccr_contract.signing.verify_request`` over what actually went on the
wire, so these tests fail if the generated client bypasses the signer or signs a different URL.
"""

from __future__ import annotations

import asyncio
import json
from http import HTTPStatus

import httpx
import pytest
from ccr_client import BceApiError, make_client, unwrap
from ccr_client.api.policies import create_policy
from ccr_client.api.registries import delete_registry, list_registries
from ccr_client.errors import UnexpectedStatus
from ccr_client.models import (
    BceError,
    Filter,
    FilterType,
    PolicyInput,
    PolicyInputTrigger,
    RegistryPage,
    RegistryRef,
    TriggerType,
)
from ccr_client.types import Response

from ccr_contract.signing import SignatureMismatch, verify_request

AK, SK = "unit-access-key", "unit-secret-key-not-shown"
PAGE = {"result": [], "pageNo": 1, "pageSize": 10, "totalCount": 0}
ERROR = {"requestId": "rid-123", "code": "NotFound", "message": "registry 42 does not exist"}


def _capturing_client(status: int = 200, body: object = PAGE, headers: dict[str, str] | None = None):
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        request.read()
        seen.append(request)
        return httpx.Response(status, json=body, headers=headers or {})

    client = make_client("http://ccr.test", AK, SK, httpx_args={"transport": httpx.MockTransport(handler)})
    return client, seen


def _verify(request: httpx.Request, secret: str = SK) -> str:
    """Verify the request as a server would receive it; return the access key that signed it."""
    raw_path = request.url.raw_path.decode("ascii")
    wire_path, _, raw_query = raw_path.partition("?")
    verified = verify_request(request.method, wire_path, raw_query, dict(request.headers), {AK: secret}.get)
    return verified.access_key


def test_every_call_is_signed_over_the_final_url_including_the_query() -> None:
    client, seen = _capturing_client()
    page = unwrap(list_registries.sync_detailed(client=client, keyword="team a/ü", page_size=5))
    assert isinstance(page, RegistryPage)
    (request,) = seen
    assert request.url.params["keyword"] == "team a/ü"
    assert request.headers["authorization"].startswith(f"bce-auth-v1/{AK}/")
    assert "x-bce-date" in request.headers
    assert _verify(request) == AK


def test_verification_fails_when_the_wire_differs_from_what_was_signed() -> None:
    client, seen = _capturing_client()
    list_registries.sync_detailed(client=client, keyword="a")
    (request,) = seen
    tampered = httpx.Request(
        request.method, str(request.url).replace("keyword=a", "keyword=b"), headers=request.headers
    )
    with pytest.raises(SignatureMismatch):
        _verify(tampered)
    with pytest.raises(SignatureMismatch):
        _verify(request, secret="another-secret")


def test_post_body_goes_out_as_json_and_signed() -> None:
    client, seen = _capturing_client(body={"action": "create", "targetName": "7"})
    body = PolicyInput(
        name="p",
        src_registry=RegistryRef(id=3),
        dest_project_name="public",
        override=True,
        trigger=PolicyInputTrigger(type_=TriggerType.MANUAL),
        filters=[Filter(type_=FilterType.NAME, value="cce/image")],
    )
    result = unwrap(create_policy.sync_detailed(client=client, body=body))
    assert result.target_name == "7"
    (request,) = seen
    assert json.loads(request.content)["srcRegistry"] == {"id": 3}
    assert _verify(request) == AK


def test_async_calls_are_signed_too() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=PAGE)

    client = make_client("http://ccr.test", AK, SK, httpx_args={"transport": httpx.MockTransport(handler)})
    page = asyncio.run(list_registries.asyncio(client=client, page_no=2))
    assert isinstance(page, RegistryPage)
    assert _verify(seen[0]) == AK


def test_error_body_is_raised_as_bce_api_error_by_the_call() -> None:
    client, _ = _capturing_client(404, ERROR, {"x-bce-request-id": "rid-123"})
    with pytest.raises(BceApiError) as caught:
        delete_registry.sync_detailed(42, client=client)
    err = caught.value
    assert (err.status, err.code, err.message, err.request_id) == (404, "NotFound", ERROR["message"], "rid-123")
    assert err.requestId == "rid-123"
    assert str(err) == "404 NotFound: registry 42 does not exist (requestId rid-123)"


def _response(status: int, content: bytes, parsed: object = None, headers: dict[str, str] | None = None):
    return Response(status_code=HTTPStatus(status), content=content, headers=headers or {}, parsed=parsed)


def test_from_response_tolerates_bodies_that_are_not_bce_errors() -> None:
    raw = _response(400, json.dumps({"code": "MalformedJSON", "message": "bad"}).encode())
    assert BceApiError.from_response(raw).code == "MalformedJSON"
    text = _response(502, b"upstream down", headers={"X-Bce-Request-Id": "rid-9"})
    err = BceApiError.from_response(text)
    assert (err.status, err.code, err.message, err.request_id) == (502, "BadGateway", "upstream down", "rid-9")
    empty = BceApiError.from_response(_response(503, b""))
    assert (empty.code, empty.message) == ("ServiceUnavailable", "Service Unavailable")


def test_unwrap_raises_for_error_responses_built_elsewhere() -> None:
    parsed = BceError(request_id="rid-5", code="NotFound", message="gone")
    with pytest.raises(BceApiError) as caught:
        unwrap(_response(404, json.dumps(ERROR).encode(), parsed=parsed))
    assert (caught.value.code, caught.value.request_id) == ("NotFound", "rid-123")


def test_unwrap_refuses_an_undocumented_success() -> None:
    with pytest.raises(UnexpectedStatus):
        unwrap(_response(204, b"", parsed=None))


def test_undocumented_success_status_raises_the_generated_error_by_default() -> None:
    client, _ = _capturing_client(201, PAGE)
    with pytest.raises(UnexpectedStatus):
        list_registries.sync_detailed(client=client)


def test_factory_guards_its_signer_and_hides_the_secret() -> None:
    with pytest.raises(ValueError, match="signer"):
        make_client("http://ccr.test", AK, SK, httpx_args={"auth": httpx.BasicAuth("a", "b")})
    with pytest.raises(ValueError, match="endpoint"):
        make_client("", AK, SK)
    client = make_client("ccr.baidubce.com", AK, SK)
    httpx_client = client.get_httpx_client()
    assert str(httpx_client.base_url) == "https://ccr.baidubce.com"
    assert SK not in repr(httpx_client.auth)
    assert SK not in repr(client)


def test_the_old_import_path_re_exports_the_clients_own_objects() -> None:
    import ccr_client
    from ccr_client import auth, bce

    from ccr_contract import client as old_path

    assert old_path.make_client is ccr_client.make_client is bce.make_client
    assert old_path.BceApiError is ccr_client.BceApiError
    assert old_path.unwrap is ccr_client.unwrap
    assert isinstance(make_client("http://ccr.test", AK, SK).get_httpx_client().auth, auth.BceAuth)
