"""STS temporary credentials: ``x-bce-security-token`` is signed whenever it is sent (ERRATA E88).

bce-sdk-go ``auth/signer.go`` puts the session token in ``x-bce-security-token`` before signing and
signs every ``x-bce-*`` header; the contract states the rule in ``x-bce-auth.signedWhenPresent``,
the signer adds the header to what it signs, and the verifier refuses a request that carries a
token its signature does not cover (the status the spec's ``errors.malformed`` names).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime

import pytest
from starlette.testclient import TestClient

from ccr_contract import signing
from ccr_contract.server import create_app
from ccr_contract.spec import AuthRules

AK, SK = "sts-temporary-ak", "sts-temporary-sk"
TOKEN = "c3RzLXNlc3Npb24tdG9rZW4tZm9yLXRlc3Rz"
HOST = "ccr.example.test"
URL = f"https://{HOST}/v1/ccr/registries?pageNo=1"


def _verify(headers: dict[str, str], *, strict: bool = False) -> signing.Verified:
    policy = AuthRules.from_spec().verify_policy()
    policy.accept_variants = not strict
    return signing.verify_request("GET", "/v1/ccr/registries", "pageNo=1", headers, {AK: SK}.get, policy=policy)


def test_the_spec_names_the_token_as_signed_when_present() -> None:
    assert signing.SECURITY_TOKEN_HEADER in AuthRules.from_spec().signed_when_present


def test_a_token_is_sent_and_signed() -> None:
    signed = signing.sign_request("GET", URL, {}, AK, SK, security_token=TOKEN)
    assert signed.headers[signing.SECURITY_TOKEN_HEADER] == TOKEN
    assert signed.signed_headers == ("host", "x-bce-date", "x-bce-security-token")
    assert f"\nx-bce-security-token:{TOKEN}" in signed.canonical_request
    assert _verify(dict(signed.headers)).variant == signing.STANDARD


def test_a_token_among_the_headers_is_signed_too() -> None:
    signed = signing.sign_request("GET", URL, {"X-Bce-Security-Token": TOKEN}, AK, SK)
    assert "x-bce-security-token" in signed.signed_headers
    assert _verify({**signed.headers, "X-Bce-Security-Token": TOKEN}).access_key == AK


def test_an_unsigned_token_is_refused() -> None:
    signed = signing.sign_request("GET", URL, {}, AK, SK)  # host;x-bce-date only
    with pytest.raises(signing.MalformedAuthorization, match="x-bce-security-token"):
        _verify({**signed.headers, "x-bce-security-token": TOKEN})
    assert _verify(dict(signed.headers)).variant == signing.STANDARD  # the same request without it


def _python_sdk_style(headers: dict[str, str]) -> str:
    """bce-python-sdk with an explicit ``host;x-bce-date`` list: it signs every x-bce-* header
    (the token included) but lists only the two (``explicit-list-plus-x-bce``)."""
    stamp = headers["x-bce-date"]
    prefix = f"bce-auth-v1/{AK}/{stamp}/1800"
    key = hmac.new(SK.encode(), prefix.encode(), hashlib.sha256).hexdigest()
    lines = sorted(f"{n}:{signing.normalize(v)}" for n, v in headers.items())
    creq = "GET\n/v1/ccr/registries\npageNo=1\n" + "\n".join(lines)
    sig = hmac.new(key.encode(), creq.encode(), hashlib.sha256).hexdigest()
    return f"{prefix}/host;x-bce-date/{sig}"


def test_a_dialect_that_signs_every_x_bce_header_covers_it_without_listing_it() -> None:
    stamp = signing.format_timestamp(datetime.now(UTC))
    headers = {"host": HOST, "x-bce-date": stamp, "x-bce-security-token": TOKEN}
    authorization = _python_sdk_style(headers)
    verified = _verify({**headers, "Authorization": authorization})
    assert verified.variant == signing.VARIANT_EXPLICIT_LIST_PLUS_X_BCE
    with pytest.raises(signing.AuthError):  # a strict verifier knows no such dialect
        _verify({**headers, "Authorization": authorization}, strict=True)


def test_a_token_with_a_line_break_is_refused_by_the_signer() -> None:
    with pytest.raises(ValueError, match="security token"):
        signing.sign_request("GET", URL, {}, AK, SK, security_token="a\r\nb: c")


def test_the_server_answers_an_unsigned_token_as_the_spec_says() -> None:
    rules = AuthRules.from_spec()
    status, code = int(rules.errors["malformed"]["status"]), rules.errors["malformed"]["code"]
    with TestClient(create_app(credentials={AK: SK})) as client:
        plain = signing.sign_request("GET", "/v1/ccr/registries?pageNo=1", {"host": "testserver"}, AK, SK)
        answer = client.get("/v1/ccr/registries?pageNo=1", headers={**plain.headers, "x-bce-security-token": TOKEN})
        assert (answer.status_code, answer.json()["code"]) == (status, code), answer.text
        assert "x-bce-security-token" in answer.json()["message"]
        signed = signing.sign_request(
            "GET", "/v1/ccr/registries?pageNo=1", {"host": "testserver"}, AK, SK, security_token=TOKEN
        )
        assert client.get("/v1/ccr/registries?pageNo=1", headers=dict(signed.headers)).status_code == 200
