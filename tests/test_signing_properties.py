"""Hypothesis properties of ccr_contract.signing: normalization, sign/verify round trips, tampering,
and the typed errors of the verifier."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import quote, unquote, unquote_to_bytes

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ccr_contract.signing import (
    AuthError,
    MalformedAuthorization,
    MissingAuthorization,
    RequestExpired,
    RequestNotYetValid,
    SignatureMismatch,
    UnknownAccessKey,
    VerifyPolicy,
    canonical_query,
    canonical_query_string,
    canonical_uri,
    format_timestamp,
    normalize,
    parse_authorization,
    parse_query,
    parse_timestamp,
    sign_request,
    verify_request,
)
from ccr_contract.spec import AuthRules

AK, SK = "AKIDEXAMPLE0000000000000000000001", "secret-example-key"
STRICT = VerifyPolicy(accept_variants=False)
HYPOTHESIS = settings(max_examples=60, deadline=None)
UNRESERVED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
HEX_UPPER = set("0123456789ABCDEF")

unicode_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
#: percent-encoders that differ in which sub-delimiters they leave raw: any of them is a valid wire form
wire_safe = st.sampled_from(["", "!$'()*,;:@", "~", "!*'()", ":@"])
token = st.from_regex(r"[A-Za-z0-9!#$%&'*+.^_`|~-]{1,12}", fullmatch=True)
methods = st.one_of(st.sampled_from(["GET", "PUT", "POST", "DELETE", "HEAD", "PATCH"]), token)
header_names = token.map(str.lower).filter(lambda n: n not in {"authorization", "host", "x-bce-date"})
header_values = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x85\u2028\u2029") | st.just("\t"),
    max_size=16,
)
timestamps = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)).map(
    lambda d: d.replace(microsecond=0, tzinfo=UTC)
)


def _assert_normalized(text: str) -> None:
    i = 0
    while i < len(text):
        if text[i] == "%":
            assert set(text[i + 1 : i + 3]) <= HEX_UPPER and len(text[i + 1 : i + 3]) == 2, text
            i += 3
        else:
            assert text[i] in UNRESERVED, text
            i += 1


# --------------------------------------------------------------------------- normalized strings


@HYPOTHESIS
@given(st.text(st.characters(blacklist_categories=("Cs",))))
def test_normalized_string_is_unreserved_or_upper_hex_and_decodes_back(text: str) -> None:
    out = normalize(text)
    _assert_normalized(out)
    assert unquote(out, errors="strict") == text
    assert out == quote(text, safe="")  # the standard library's reading of the same RFC 3986 rule
    assert normalize(text.encode("utf-8")) == out


@HYPOTHESIS
@given(st.binary(max_size=24))
def test_normalize_of_arbitrary_bytes(data: bytes) -> None:
    out = normalize(data)
    _assert_normalized(out)
    assert out == quote(data, safe="")
    assert normalize(data, keep_slash=True) == quote(data, safe="/")


# --------------------------------------------------------------------------- canonical forms


@HYPOTHESIS
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40), st.booleans(), st.booleans())
def test_one_pass_query_canonicalisation_equals_parse_then_canonicalise(raw: str, drop: bool, norm: bool) -> None:
    expected = canonical_query(parse_query(raw), drop_authorization=drop, normalize_keys=norm)
    assert canonical_query_string(raw, drop_authorization=drop, normalize_keys=norm) == expected


#: text dense in percent-escapes (valid, lower-case, truncated, of unreserved bytes) to reach every fast path
escape_heavy = st.lists(
    st.integers(0, 255).map(lambda b: f"%{b:02X}")
    | st.integers(0, 255).map(lambda b: f"%{b:02x}")
    | st.sampled_from(["%", "%4", "%G1", "/", "=", "&", "+", " ", "a", "Z", "0", "-", ".", "_", "~", "镜"]),
    max_size=12,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(escape_heavy)
def test_fast_paths_agree_with_decode_then_normalize(wire: str) -> None:
    slow_uri = "/".join(normalize(unquote_to_bytes(segment)) for segment in wire.split("/")) if wire else "/"
    assert canonical_uri(wire) == slow_uri
    for drop in (True, False):
        for norm in (True, False):
            expected = canonical_query(parse_query(wire), drop_authorization=drop, normalize_keys=norm)
            assert canonical_query_string(wire, drop_authorization=drop, normalize_keys=norm) == expected


@HYPOTHESIS
@given(st.lists(unicode_text, max_size=5), wire_safe, wire_safe)
def test_canonical_uri_is_independent_of_the_wire_encoding(segments: list[str], safe1: str, safe2: str) -> None:
    wire1 = "/" + "/".join(quote(s, safe=safe1) for s in segments)
    wire2 = "/" + "/".join(quote(s, safe=safe2) for s in segments)
    canon = canonical_uri(wire1)
    assert canon == canonical_uri(wire2) == "/" + "/".join(normalize(s) for s in segments)
    assert canonical_uri(canon) == canon  # an already-normalized path is its own canonical URI
    _assert_normalized(canon.replace("/", ""))


@HYPOTHESIS
@given(st.datetimes(min_value=datetime(1000, 1, 1)))
def test_timestamp_round_trip(moment: datetime) -> None:
    text = format_timestamp(moment)
    assert len(text) == 20
    assert parse_timestamp(text) == moment.replace(microsecond=0, tzinfo=UTC)


# --------------------------------------------------------------------------- sign, then verify


@st.composite
def requests(draw: st.DrawFn) -> dict:
    """A random request as it goes on the wire, plus what to sign it with."""
    segments = draw(st.lists(unicode_text, max_size=5))
    safe = draw(wire_safe)
    wire_path = "/" + "/".join(quote(s, safe=safe) for s in segments)
    pairs = draw(st.lists(st.tuples(unicode_text, st.none() | unicode_text), max_size=5))
    raw_query = "&".join(quote(k, safe=safe) + ("" if v is None else "=" + quote(v, safe=safe)) for k, v in pairs)
    headers = draw(st.dictionaries(header_names, header_values, max_size=4))
    signed = (
        {"host", "x-bce-date"} | draw(st.sets(st.sampled_from(sorted(headers)))) if headers else {"host", "x-bce-date"}
    )
    host = draw(st.sampled_from(["ccr.baidubce.com", "127.0.0.1:8080", "[::1]:9000"]))
    return {
        "method": draw(methods),
        "wire_path": wire_path,
        "raw_query": raw_query,
        "headers": headers,
        "signed": sorted(signed),
        "host": host,
        "timestamp": draw(timestamps),
        "expiration": draw(st.integers(0, 7 * 86400)),
        "absolute": draw(st.booleans()),
    }


def _sign(req: dict) -> tuple[dict[str, str], str]:
    target = req["wire_path"] + (f"?{req['raw_query']}" if req["raw_query"] else "")
    url = f"http://{req['host']}{target}" if req["absolute"] else target
    headers = dict(req["headers"]) if req["absolute"] else {**req["headers"], "Host": req["host"]}
    signed = sign_request(
        req["method"], url, headers, AK, SK,
        timestamp=req["timestamp"], expiration=req["expiration"], signed_headers=req["signed"],
    )  # fmt: skip
    sent = {**req["headers"], **signed.headers}
    return sent, signed.authorization


def _verify(req: dict, headers: dict[str, str], **changes: object):  # type: ignore[no-untyped-def]
    args = {"method": req["method"], "wire_path": req["wire_path"], "raw_query": req["raw_query"]} | changes
    return verify_request(
        args["method"], args["wire_path"], args["raw_query"], headers, {AK: SK}.get,
        now=req["timestamp"], policy=STRICT,
    )  # fmt: skip


@HYPOTHESIS
@given(requests())
def test_sign_then_verify(req: dict) -> None:
    headers, _ = _sign(req)
    assert _verify(req, headers).variant == "standard"
    assert (
        verify_request(
            req["method"], req["wire_path"], req["raw_query"], headers, {AK: SK}.get, now=req["timestamp"]
        ).access_key
        == AK
    )


@HYPOTHESIS
@given(requests(), methods)
def test_changing_the_method_breaks_the_signature(req: dict, other: str) -> None:
    assume(other.upper() != req["method"].upper())
    headers, _ = _sign(req)
    with pytest.raises(SignatureMismatch):
        _verify(req, headers, method=other)


@HYPOTHESIS
@given(requests(), st.sampled_from(["x", "/", "%20", "%E6%B5%8B"]))
def test_changing_the_path_breaks_the_signature(req: dict, extra: str) -> None:
    headers, _ = _sign(req)
    with pytest.raises(SignatureMismatch):
        _verify(req, headers, wire_path=req["wire_path"] + extra)


def _pairs(raw_query: str) -> list[str]:
    return [p for p in raw_query.split("&") if p]


@HYPOTHESIS
@given(requests(), st.data())
def test_changing_a_query_key_or_value_breaks_the_signature(req: dict, data: st.DataObject) -> None:
    parts = _pairs(req["raw_query"])
    assume(parts)
    index = data.draw(st.integers(0, len(parts) - 1))
    key, sep, value = parts[index].partition("=")
    # change the key or the value
    changed = f"{key}k{sep}{value}" if data.draw(st.booleans()) else f"{key}={value}v"
    tampered = "&".join([*parts[:index], changed, *parts[index + 1 :]])
    headers, _ = _sign(req)
    with pytest.raises(SignatureMismatch):
        _verify(req, headers, raw_query=tampered)


@HYPOTHESIS
@given(requests(), st.data())
def test_changing_a_signed_header_breaks_the_signature(req: dict, data: st.DataObject) -> None:
    headers, _ = _sign(req)
    lowered = {k.lower(): k for k in headers}
    candidates = [h for h in req["signed"] if h in lowered and headers[lowered[h]].strip(" \t\n\r\x0b\x0c")]
    name = lowered[data.draw(st.sampled_from(candidates))]
    with pytest.raises(SignatureMismatch):
        _verify(req, {**headers, name: headers[name] + "x"})


@HYPOTHESIS
@given(requests(), header_names, header_values)
def test_an_unsigned_header_may_change(req: dict, name: str, value: str) -> None:
    assume(name not in req["signed"])
    headers, _ = _sign(req)
    assert _verify(req, {**headers, name: value}).variant == "standard"


@HYPOTHESIS
@given(requests(), st.integers(-300, 300).filter(bool))
def test_changing_the_timestamp_breaks_the_signature(req: dict, seconds: int) -> None:
    headers, authorization = _sign(req)
    parsed = parse_authorization(authorization)
    moved = format_timestamp(parsed.timestamp + timedelta(seconds=seconds))
    tampered = authorization.replace(parsed.timestamp_text, moved, 1)
    with pytest.raises(SignatureMismatch):
        _verify(req, {**headers, "Authorization": tampered})


# --------------------------------------------------------------------------- typed errors


@HYPOTHESIS
@given(requests(), st.integers(0, 900), st.integers(1, 10**6))
def test_expiry_window_is_ts_minus_skew_to_ts_plus_expiration_plus_skew(req: dict, skew: int, beyond: int) -> None:
    headers, _ = _sign(req)
    policy = VerifyPolicy(clock_skew=skew, accept_variants=False)
    ts, exp = req["timestamp"], req["expiration"]

    def at(moment: datetime):  # type: ignore[no-untyped-def]
        return verify_request(req["method"], req["wire_path"], req["raw_query"], headers, {AK: SK}.get, now=moment,
                              policy=policy)  # fmt: skip

    assert at(ts - timedelta(seconds=skew)).access_key == AK  # both ends are inclusive
    assert at(ts + timedelta(seconds=exp + skew)).access_key == AK
    with pytest.raises(RequestNotYetValid):
        at(ts - timedelta(seconds=skew + beyond))
    with pytest.raises(RequestExpired):
        at(ts + timedelta(seconds=exp + skew + beyond))


@HYPOTHESIS
@given(requests(), st.text(min_size=1, max_size=20).filter(lambda k: "/" not in k and k.strip() == k))
def test_unknown_access_key(req: dict, other_ak: str) -> None:
    assume(other_ak != AK)
    target = req["wire_path"] + (f"?{req['raw_query']}" if req["raw_query"] else "")
    signed = sign_request(req["method"], f"http://{req['host']}{target}", {}, other_ak, SK, timestamp=req["timestamp"])
    with pytest.raises(UnknownAccessKey):
        verify_request(req["method"], req["wire_path"], req["raw_query"], signed.headers, {AK: SK}.get,
                       now=req["timestamp"])  # fmt: skip


VALID = "bce-auth-v1/ak/2015-04-27T08:23:49Z/1800/host;x-bce-date/" + "0" * 64
MALFORMED = [
    "bce-auth-v1/ak/2015-04-27T08:23:49Z/1800/host;x-bce-date",  # 5 fields
    VALID + "/extra",  # 7 fields
    VALID.replace("bce-auth-v1", "bce-auth-v2"),
    VALID.replace("/ak/", "//"),  # empty access key
    VALID.replace("2015-04-27T08:23:49Z", "2015-04-27 08:23:49Z"),
    VALID.replace("2015-04-27T08:23:49Z", "2015-04-27T08:23:49+08:00"),
    VALID.replace("2015-04-27T08:23:49Z", "2015-02-30T08:23:49Z"),
    VALID.replace("2015-04-27T08:23:49Z", "２０１５-04-27T08:23:49Z"),
    VALID.replace("/1800/", "/-1/"),
    VALID.replace("/1800/", "/01800/"),
    VALID.replace("/1800/", "/１８００/"),
    VALID.replace("/1800/", "/99999999999/"),
    VALID.replace("0" * 64, "0" * 63),
    VALID.replace("0" * 64, "A" * 64),
    VALID.replace("0" * 64, "g" * 64),
    "Bearer abc",
]


@pytest.mark.parametrize("authorization", MALFORMED)
def test_malformed_authorization(authorization: str) -> None:
    with pytest.raises(MalformedAuthorization):
        verify_request("GET", "/", "", {"Host": "h", "Authorization": authorization}, {"ak": SK}.get)


@pytest.mark.parametrize("headers", [{}, {"Authorization": ""}, {"Authorization": "  "}, {"authorization": "\t"}])
def test_missing_authorization(headers: dict[str, str]) -> None:
    with pytest.raises(MissingAuthorization):
        verify_request("GET", "/", "", {"Host": "h", **headers}, {"ak": SK}.get)


@HYPOTHESIS
@given(st.text(max_size=120))
def test_any_authorization_text_fails_with_a_typed_error(text: str) -> None:
    with pytest.raises(AuthError):
        verify_request("GET", "/", "", {"Host": "h", "Authorization": text}, {"ak": SK}.get)


def test_host_must_be_signed_and_present() -> None:
    signed = sign_request("GET", "http://h/", {}, AK, SK, signed_headers=["x-bce-date"])
    with pytest.raises(MalformedAuthorization, match="host"):
        verify_request("GET", "/", "", {"Host": "h", **signed.headers}, {AK: SK}.get)
    signed = sign_request("GET", "/", {}, AK, SK)  # origin-form, no Host header: host listed but absent
    assert "Host" not in signed.headers
    with pytest.raises(MalformedAuthorization, match="missing from the request"):
        verify_request("GET", "/", "", signed.headers, {AK: SK}.get)


def test_every_error_kind_maps_to_a_bce_error_in_the_spec() -> None:
    rules = AuthRules.from_spec()
    for error in (MissingAuthorization, MalformedAuthorization, UnknownAccessKey, RequestExpired,
                  RequestNotYetValid, SignatureMismatch):  # fmt: skip
        status, code = rules.error_for(error("x"))
        assert 400 <= status < 500 and code


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("GET", "v1/relative", {}), "absolute"),
        (("GET", "http://", {}), "absolute"),
        (("G ET", "http://h/", {}), "method"),
        (("GET", "http://h/", {"Bad Name": "v"}), "header name"),
        (("GET", "http://h/", {"X-A": "a\r\nInjected: 1"}), "line break"),
    ],
)
def test_sign_request_rejects_bad_input_with_value_error(args: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        sign_request(*args, AK, SK)
    with pytest.raises(ValueError, match="timestamp"):
        sign_request("GET", "http://h/", {}, AK, SK, timestamp="2015-04-27 08:23:49")


@pytest.mark.parametrize(
    ("stamp", "expiration", "error"),
    [
        ("0001-01-01T00:00:00Z", 1800, RequestExpired),  # ts - skew underflows datetime
        ("0001-01-01T00:04:59Z", 0, RequestExpired),
        ("9999-12-31T23:59:59Z", 9999999999, RequestNotYetValid),  # ts + expiration overflows datetime
    ],
)
def test_extreme_timestamps_give_typed_errors_not_overflow(stamp: str, expiration: int, error: type) -> None:
    """Regression: the window check once did datetime arithmetic that overflowed (an unsigned 500)."""
    authorization = f"bce-auth-v1/{AK}/{stamp}/{expiration}/host/" + "0" * 64
    with pytest.raises(error):
        verify_request("GET", "/", "", {"Host": "h", "Authorization": authorization}, {AK: SK}.get)


@HYPOTHESIS
@given(st.text(min_size=1, max_size=12).filter(lambda k: normalize(k) != k), st.text(max_size=8))
def test_re_encoding_a_query_key_never_reuses_a_signature(key: str, value: str) -> None:
    """Regression: the JS raw-key dialect once let ``?a%2520b=1`` reuse the signature of ``?a%20b=1``."""
    query = f"{normalize(key)}={normalize(value)}"
    signed = sign_request("GET", f"http://h/p?{query}", {}, AK, SK)
    replayed = f"{normalize(normalize(key))}={normalize(value)}"  # the same key, percent-encoded once more
    with pytest.raises(SignatureMismatch):
        verify_request(
            "GET", "/p", replayed, signed.headers, {AK: SK}.get, now=parse_authorization(signed.authorization).timestamp
        )
