"""The httpx and requests adapters sign the final request, and send a form-encoded space as %20."""

from __future__ import annotations

import httpx
import pytest
import requests

from ccr_contract.auth_adapters import BceHttpxAuth, BceRequestsAuth, plus_to_space, wire_host
from ccr_contract.signing import verify_request

AK, SK = "adapter-ak", "adapter-sk"


def _verify(method: str, url: str, headers: dict[str, str]) -> str:
    split = requests.utils.urlparse(url)
    return verify_request(method, split.path, split.query, headers, {AK: SK}.get).access_key


def test_plus_to_space() -> None:
    assert plus_to_space("keyword=a+b&x=%2B") == "keyword=a%20b&x=%2B"


@pytest.mark.parametrize("params", [{"keyword": "a b"}, {"keyword": "a+b"}, {"keyword": "测 试", "pageNo": "1"}])
def test_httpx_adapter_signs_what_it_sends(params: dict[str, str]) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    with httpx.Client(transport=httpx.MockTransport(handler), auth=BceHttpxAuth(AK, SK)) as client:
        client.get("http://ccr.test:8080/v1/ccr/registries", params=params)
    sent = seen[0]
    assert "+" not in sent.url.query.decode()  # a space travels as %20
    assert _verify("GET", str(sent.url), dict(sent.headers)) == AK
    decoded = dict(httpx.QueryParams(sent.url.query.decode()))
    assert decoded == params  # the server reads what the caller meant


@pytest.mark.parametrize("params", [{"keyword": "a b"}, {"keyword": "a+b"}])
def test_requests_adapter_signs_what_it_sends(params: dict[str, str]) -> None:
    prepared = requests.Request("GET", "http://ccr.test/v1/ccr/registries", params=params).prepare()
    signed = BceRequestsAuth(AK, SK)(prepared)
    assert "+" not in requests.utils.urlparse(signed.url).query
    headers = {"Host": "ccr.test", **signed.headers}
    assert _verify("GET", signed.url, headers) == AK


def test_repr_never_shows_the_secret() -> None:
    assert SK not in repr(BceHttpxAuth(AK, SK)) + repr(BceRequestsAuth(AK, SK))


@pytest.mark.parametrize(
    ("scheme", "netloc", "host"),
    [("https", "h:443", "h"), ("http", "h:80", "h"), ("http", "h:8080", "h:8080"), ("https", "u:p@h", "h")],
)
def test_wire_host_matches_what_http_libraries_send(scheme: str, netloc: str, host: str) -> None:
    assert wire_host(scheme, netloc) == host


def test_requests_adapter_signs_the_host_requests_sends_for_a_default_port() -> None:
    prepared = requests.Request("GET", "https://ccr.test:443/v1/ccr/registries").prepare()
    signed = BceRequestsAuth(AK, SK)(prepared)
    # urllib3 sends "Host: ccr.test" for https on 443; the signature must cover that value
    assert _verify("GET", signed.url, {"Host": "ccr.test", **signed.headers}) == AK
