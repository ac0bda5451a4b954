"""The verifier's ceiling on ``expirationPeriodInSeconds``, and the signer's fast paths kept honest.

The ceiling (``x-bce-auth.maxExpirationSeconds``) bounds how long a leaked ``Authorization``
header can be replayed; it is answered as a malformed header (400 ``InvalidHTTPAuthHeader``), not
as ``RequestExpired``, because the signature has not run out.  The fast paths (the HMAC spelled
out over SHA-256, the per-second caches) exist only for speed, so every test here compares them
with the plain computation instead of with recorded numbers.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from server_fixtures import BASE, assert_bce_error, make_client

from ccr_contract import signing
from ccr_contract.server import DEMO_ACCESS_KEY, DEMO_SECRET_KEY
from ccr_contract.signing import (
    MAX_EXPIRATION,
    ExpirationTooLong,
    MalformedAuthorization,
    RequestExpired,
    VerifyPolicy,
    hmac_sha256_hex,
    sign_request,
    verify_request,
)
from ccr_contract.spec import AuthRules, auth_extension

AK, SK = "limits-ak", "limits-sk"
NOW = datetime(2015, 4, 27, 8, 23, 49, tzinfo=UTC)


def _verify(expiration: int, policy: VerifyPolicy | None = None, *, now: datetime = NOW) -> str:
    signed = sign_request("GET", "http://h/v1/ccr/registries", {}, AK, SK, timestamp=NOW, expiration=expiration)
    return verify_request("GET", "/v1/ccr/registries", "", signed.headers, {AK: SK}.get, now=now, policy=policy).variant


# --------------------------------------------------------------------------- maximum expiration


def test_the_spec_states_the_maximum_and_the_policy_reads_it() -> None:
    rules = AuthRules.from_spec()
    assert auth_extension()["maxExpirationSeconds"] == rules.max_expiration == MAX_EXPIRATION
    assert rules.verify_policy().max_expiration == rules.max_expiration
    assert rules.default_expiration <= rules.max_expiration  # the default must be acceptable


def test_a_longer_expiration_is_refused_and_the_maximum_itself_accepted() -> None:
    policy = AuthRules.from_spec().verify_policy()
    assert _verify(policy.max_expiration, policy) == "standard"  # inclusive
    with pytest.raises(ExpirationTooLong, match=str(policy.max_expiration)):
        _verify(policy.max_expiration + 1, policy)
    with pytest.raises(ExpirationTooLong):
        _verify(9999999999, policy)  # the parser's own limit: centuries of replay


def test_too_long_is_answered_as_a_malformed_header() -> None:
    error = ExpirationTooLong("x")
    assert isinstance(error, MalformedAuthorization)
    assert AuthRules.from_spec().error_for(error) == AuthRules.from_spec().error_for(MalformedAuthorization("x"))


def test_the_ceiling_is_a_policy_choice() -> None:
    assert _verify(30 * 86400, VerifyPolicy(max_expiration=None)) == "standard"
    with pytest.raises(ExpirationTooLong):
        _verify(301, VerifyPolicy(max_expiration=300))


def test_a_stale_request_reports_its_age_whatever_expiration_it_claims() -> None:
    """The window is checked first, so an old signature is ``expired`` even when over-long too."""
    with pytest.raises(RequestExpired):
        _verify(MAX_EXPIRATION * 2, VerifyPolicy(), now=NOW + timedelta(days=30))


def test_the_reference_server_refuses_a_longer_expiration() -> None:
    client = make_client()
    rules = AuthRules.from_spec()
    status, code = rules.error_for(ExpirationTooLong("x"))
    url = BASE + "/v1/ccr/registries"
    too_long = sign_request("GET", url, {}, DEMO_ACCESS_KEY, DEMO_SECRET_KEY, expiration=rules.max_expiration + 1)
    body = assert_bce_error(client.get(url, headers=too_long.headers, auth=None), status, code)
    assert str(rules.max_expiration) in body["message"]
    longest = sign_request("GET", url, {}, DEMO_ACCESS_KEY, DEMO_SECRET_KEY, expiration=rules.max_expiration)
    assert client.get(url, headers=longest.headers, auth=None).status_code == 200


# --------------------------------------------------------------------------- fast paths


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200), st.binary(max_size=400))
def test_hmac_spelled_out_equals_the_standard_library(key: bytes, message: bytes) -> None:
    """Keys shorter than, equal to and longer than the 64-byte block (hashed first) alike."""
    assert hmac_sha256_hex(key, message) == hmac.new(key, message, hashlib.sha256).hexdigest()


@pytest.mark.parametrize("length", [0, 1, 63, 64, 65, 128, 1000])
def test_hmac_at_the_block_boundaries(length: int) -> None:
    key = bytes(range(256)) * 4
    assert hmac_sha256_hex(key[:length], b"m") == hmac.new(key[:length], b"m", "sha256").hexdigest()


def _signatures(count: int) -> list[str]:
    return [
        sign_request("GET", f"/v1/ccr/registries/{i}?pageNo=1", {"host": "h"}, AK, SK, timestamp=NOW).authorization
        for i in range(count)
    ]


def test_warm_signatures_equal_cold_ones() -> None:
    """Within one second the signing key is hashed directly once, then from cached pad states:
    every use must give what a fresh computation gives."""
    signing.clear_caches()
    warm = _signatures(5)  # first use, second use (pads built), later uses (pads copied)
    cold = []
    for i in range(5):
        signing.clear_caches()
        cold.append(_signatures(i + 1)[-1])
    assert warm == cold
    plain_key = hmac.new(SK.encode(), f"bce-auth-v1/{AK}/2015-04-27T08:23:49Z/1800".encode(), "sha256").hexdigest()
    assert signing.signing_key(SK, f"bce-auth-v1/{AK}/2015-04-27T08:23:49Z/1800") == plain_key


def test_an_equal_datetime_in_another_zone_signs_alike() -> None:
    """The remembered timestamp text is reused for *equal* datetimes only: the same instant."""
    beijing = NOW.astimezone(timezone(timedelta(hours=8)))
    naive = NOW.replace(tzinfo=None)
    stamps = [
        sign_request("GET", "/", {"host": "h"}, AK, SK, timestamp=moment).headers["x-bce-date"]
        for moment in (NOW, beijing, naive, NOW + timedelta(seconds=1))
    ]
    assert stamps == ["2015-04-27T08:23:49Z"] * 3 + ["2015-04-27T08:23:50Z"]


def test_signing_now_uses_the_current_second() -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    stamp = sign_request("GET", "/", {"host": "h"}, AK, SK).headers["x-bce-date"]
    after = datetime.now(UTC)
    assert before <= datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC) <= after
