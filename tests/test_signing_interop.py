"""Interop with Baidu's official SDKs: their signatures verify with ours, and ours equal theirs
wherever their behaviour is the standard one (see spec/signing-vectors/README.md).

* bce-python-sdk 0.9.79 (PyPI): its signer directly, under hypothesis, and its HTTP client end to
  end against a loopback server that records the request as it arrived.
* @baiducloud/sdk 1.0.7 (npm): a deterministic batch of random requests through
  tests/js/bce_sign.js (one node process).
"""

from __future__ import annotations

import http.server
import json
import random
import shutil
import subprocess
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import ClassVar
from urllib.parse import quote

import pytest
from baidubce import utils as sdk_utils
from baidubce.auth import bce_v1_signer
from baidubce.auth.bce_credentials import BceCredentials
from hypothesis import given, settings
from hypothesis import strategies as st

from ccr_contract.paths import REPO_ROOT
from ccr_contract.signing import (
    MalformedAuthorization,
    SignatureMismatch,
    VerifyPolicy,
    format_timestamp,
    normalize,
    sign_request,
    verify_request,
)

AK, SK = "ccr-interop-ak", "ccr-interop-secret"
LOOKUP = {AK: SK}.get
#: what a strict verifier (standard form only) raises for an SDK variant
STRICTLY_REJECTED = (SignatureMismatch, MalformedAuthorization)
JS_HELPER = REPO_ROOT / "tests" / "js" / "bce_sign.js"
NODE_READY = (REPO_ROOT / "node_modules" / "@baiducloud" / "sdk").is_dir() and shutil.which("node") is not None
node_only = [
    pytest.mark.node,
    pytest.mark.skipif(not NODE_READY, reason="node or node_modules/@baiducloud/sdk missing"),
]

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=10)
token = st.from_regex(r"[a-z0-9!#$%&'*+.^_`|~-]{1,10}", fullmatch=True)
#: header names other than the ones the tests set themselves; no x-bce-* (the SDKs would sign those anyway)
extra_names = token.filter(lambda n: n not in {"host", "x-bce-date", "authorization"} and not n.startswith("x-bce-"))
#: header values as they can appear on the wire (visible ASCII, inner spaces and tabs, surrounding blanks)
ascii_values = st.from_regex(r"[ \t]{0,2}[\x21-\x7e]([\x20-\x7e\t]{0,12}[\x21-\x7e])?[ \t]{0,2}", fullmatch=True)
instants = st.integers(946684800, 4102444799)  # 2000 .. 2099, whole seconds


def _sdk_path(segments: list[str]) -> str:
    """The path the SDKs send (and sign verbatim): each segment normalized, '/' kept."""
    return "/" + "/".join(sdk_utils.normalize_string(s).decode() for s in segments)


@st.composite
def sdk_requests(draw: st.DrawFn) -> dict:
    segments = draw(st.lists(text, max_size=4))
    params = draw(st.dictionaries(text, st.none() | text, max_size=4))
    extra = draw(st.dictionaries(extra_names, ascii_values, max_size=3))
    signed = sorted(
        {"host", "x-bce-date"} | draw(st.sets(st.sampled_from(sorted(extra)))) if extra else {"host", "x-bce-date"}
    )
    when = draw(instants)
    return {
        "method": draw(st.sampled_from(["GET", "PUT", "POST", "DELETE", "HEAD"])),
        "segments": segments,
        "params": params,
        "headers": {"Host": draw(st.sampled_from(["ccr.baidubce.com", "127.0.0.1:8765"])),
                    "x-bce-date": format_timestamp(datetime.fromtimestamp(when, UTC)), **extra},
        "signed": signed,
        "epoch": when,
        "expiration": draw(st.integers(1, 86400)),
    }  # fmt: skip


def _python_sdk_sign(req: dict, headers_to_sign: list[str] | None) -> str:
    return bce_v1_signer.sign(
        BceCredentials(AK, SK),
        req["method"].encode(),
        _sdk_path(req["segments"]).encode(),
        {k.encode(): v.encode() for k, v in req["headers"].items()},
        {k.encode(): (None if v is None else v.encode()) for k, v in req["params"].items()},
        timestamp=req["epoch"],
        expiration_in_seconds=req["expiration"],
        headers_to_sign=None if headers_to_sign is None else [h.encode() for h in headers_to_sign],
    ).decode()


def _wire_query(params: dict[str, str | None]) -> str:
    """A wire encoding other than the SDK's own (sub-delimiters left raw, a key without value sent bare),
    to show canonicalisation decodes first.  An empty key without value is sent as ``=``, as the SDK does:
    bare, it would be no pair at all."""
    params = {k: ("" if v is None and not k else v) for k, v in params.items()}
    return "&".join(
        quote(k, safe="!*'()") + ("" if v is None else "=" + quote(v, safe="!*'():@")) for k, v in params.items()
    )


def _ours(req: dict) -> str:
    wire_path = "/" + "/".join(quote(s, safe="!$'()*,;:@") for s in req["segments"])
    query = _wire_query(req["params"])
    return sign_request(
        req["method"], wire_path + (f"?{query}" if query else ""), req["headers"], AK, SK,
        timestamp=datetime.fromtimestamp(req["epoch"], UTC), expiration=req["expiration"],
        signed_headers=req["signed"],
    ).authorization  # fmt: skip


# --------------------------------------------------------------------------- bce-python-sdk


@settings(max_examples=80, deadline=None)
@given(sdk_requests())
def test_ours_equals_python_sdk_where_it_is_standard(req: dict) -> None:
    req["params"] = {k: v for k, v in req["params"].items() if k.lower() != "authorization"}  # its one query bug
    assert _ours(req) == _python_sdk_sign(req, req["signed"])


def _expected_python_variant(req: dict, default_signing: bool) -> str:
    names = ["empty-signed-headers-means-defaults"] if default_signing else []
    unlisted_bce = [
        k for k, v in req["headers"].items()
        if k.lower().startswith("x-bce-") and k.lower() not in req["signed"] and v.strip(" \t")
    ]  # fmt: skip
    if unlisted_bce and not default_signing:
        names.append("explicit-list-plus-x-bce")
    if any(k.lower() == "authorization" for k in req["params"]):
        names.append("keeps-authorization-query")
    return "+".join(names) or "standard"


@settings(max_examples=60, deadline=None)
@given(
    sdk_requests(),
    st.booleans(),
    st.dictionaries(st.sampled_from(["x-bce-request-id", "x-bce-meta-a", "X-Bce-Acl"]), ascii_values, max_size=2),
    st.sampled_from([None, "authorization", "Authorization"]),
)
def test_python_sdk_signatures_verify_with_the_documented_variant(
    req: dict, default_signing: bool, bce_headers: dict[str, str], auth_param: str | None
) -> None:
    req["headers"].update(bce_headers)
    if auth_param:
        req["params"][auth_param] = "bce-auth-v1/forged"
    authorization = _python_sdk_sign(req, None if default_signing else req["signed"])
    headers = {**req["headers"], "Authorization": authorization}
    now = datetime.fromtimestamp(req["epoch"], UTC)
    query = sdk_utils.get_canonical_querystring(
        {k.encode(): (None if v is None else v.encode()) for k, v in req["params"].items()}, False
    ).decode()  # the query string the SDK's HTTP client sends
    verified = verify_request(req["method"], _sdk_path(req["segments"]), query, headers, LOOKUP, now=now)
    assert verified.variant == _expected_python_variant(req, default_signing)
    if verified.variant != "standard":
        with pytest.raises(STRICTLY_REJECTED):
            verify_request(req["method"], _sdk_path(req["segments"]), query, headers, LOOKUP, now=now,
                           policy=VerifyPolicy(accept_variants=False))  # fmt: skip


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Answers every request with ``{}`` and records it exactly as it arrived."""

    seen: ClassVar[list[tuple[str, str, dict[str, str]]]] = []

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.seen.append((self.command, self.path, dict(self.headers.items())))
        body = b"{}"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_PUT = do_POST = do_DELETE = _handle

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass


@pytest.fixture
def recorder() -> Iterator[tuple[str, list]]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}", _Recorder.seen
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    ("method", "path", "params", "body", "variant"),
    [
        ("GET", b"/v1/ccr/registries", {b"pageNo": b"1", b"keyword": "镜像 hub".encode()}, None,
         "empty-signed-headers-means-defaults"),
        ("POST", b"/v1/ccr/registries", {}, b'{"name":"hub"}', "empty-signed-headers-means-defaults"),
        ("PUT", b"/v1/ccr/%E9%95%9C%E5%83%8F/a%20b", {b"keyOnly": None}, b"{}",
         "empty-signed-headers-means-defaults"),
        ("GET", b"/v1/ccr/executions", {b"authorization": b"x", b"policyId": b"1"}, None,
         "empty-signed-headers-means-defaults+keeps-authorization-query"),
    ],
)  # fmt: skip
def test_python_sdk_http_client_end_to_end(recorder, method, path, params, body, variant) -> None:  # type: ignore[no-untyped-def]
    """The SDK's own HTTP client signs and sends; our verifier checks what actually arrived."""
    from baidubce import protocol
    from baidubce.bce_client_configuration import BceClientConfiguration
    from baidubce.http import bce_http_client, handler
    from baidubce.retry.retry_policy import NoRetryPolicy

    endpoint, seen = recorder
    config = BceClientConfiguration(
        credentials=BceCredentials(AK, SK), endpoint=endpoint, protocol=protocol.HTTP,
        connection_timeout_in_mills=5000, retry_policy=NoRetryPolicy(),
    )  # fmt: skip
    headers = {b"Content-Type": b"application/json"} if body else {}
    bce_http_client.send_request(
        config, bce_v1_signer.sign, [handler.parse_error, handler.parse_json], method.encode(), path, body, headers,
        params,
    )  # fmt: skip
    (got_method, target, got_headers) = seen[-1]
    wire_path, _, raw_query = target.partition("?")
    verified = verify_request(got_method, wire_path, raw_query, got_headers, LOOKUP)  # now: the real clock
    assert verified.access_key == AK
    assert verified.variant == variant


# --------------------------------------------------------------------------- @baiducloud/sdk


def _js(requests: list[dict]) -> list[dict]:
    done = subprocess.run(
        ["node", str(JS_HELPER)], input=json.dumps({"sign": requests}), capture_output=True, text=True,
        timeout=60, check=True,
    )  # fmt: skip
    return json.loads(done.stdout)["sign"]


_JS_KEY_CHARS = "abcXYZ019-._~ 名%!*'()/:+=&"


def _random_js_requests(seed: int, count: int) -> list[dict]:
    """A deterministic batch: paths, params and headers mixing unreserved, reserved and UTF-8 text."""
    rng = random.Random(seed)

    def word(chars: str, low: int = 0, high: int = 6) -> str:
        return "".join(rng.choice(chars) for _ in range(rng.randint(low, high)))

    out = []
    for i in range(count):
        segments = [word("abcXYZ09-._~ 镜像%!:@+/") for _ in range(rng.randint(0, 3))]
        params: dict[str, str | None] = {}
        for _ in range(rng.randint(0, 4)):
            key = word("abcXYZ019-._~", 1) if i % 2 else word(_JS_KEY_CHARS, 1)
            params[key] = None if rng.random() < 0.2 else word("abc019-._~ 镜%!*'()/:+=&")
        headers = {"Host": rng.choice(["ccr.baidubce.com", "127.0.0.1:8080"]), "x-bce-date": "2015-04-27T08:23:49Z"}
        if rng.random() < 0.5:
            headers["Content-Type"] = rng.choice(["application/json", " text/plain; charset=UTF-8 "])
        if rng.random() < 0.3:
            headers["x-bce-request-id"] = f"req-{i}"
        out.append({
            "ak": AK, "sk": SK, "method": rng.choice(["GET", "POST", "PUT", "DELETE"]),
            "path": "/" + "/".join(normalize(s) for s in segments), "params": params, "headers": headers,
            "timestamp": 1430123029, "expiration": rng.choice([300, 1800, 3600]),
            "headersToSign": None if rng.random() < 0.4 else ["host", "x-bce-date"],
        })  # fmt: skip
    return out


JS_BATCH = _random_js_requests(seed=20260101, count=120)
JS_NOW = datetime(2015, 4, 27, 8, 23, 49, tzinfo=UTC)


@pytest.fixture(scope="module")
def js_results() -> list[dict]:
    if not NODE_READY:
        pytest.skip("node or node_modules/@baiducloud/sdk missing")
    return _js(JS_BATCH)


def _raw_key_ambiguous(params: dict[str, str | None]) -> bool:
    return any(set(k) & {"=", "&", "%"} for k in params)


@pytest.mark.node
def test_js_sdk_signatures_verify_with_ours(js_results: list[dict]) -> None:
    variants = set()
    for req, res in zip(JS_BATCH, js_results, strict=True):
        headers = {**req["headers"], "Authorization": res["authorization"]}
        if _raw_key_ambiguous(req["params"]) and any(normalize(k) != k for k in req["params"]):
            # a raw key holding "=", "&" or "%" is ambiguous: the verifier refuses that variant on purpose
            with pytest.raises(SignatureMismatch):
                verify_request(req["method"], req["path"], res["wireQuery"], headers, LOOKUP, now=JS_NOW)
            variants.add("refused-ambiguous-raw-key")
            continue
        verified = verify_request(req["method"], req["path"], res["wireQuery"], headers, LOOKUP, now=JS_NOW)
        expected = "raw-query-keys" if any(normalize(k) != k for k in req["params"]) else "standard"
        assert verified.variant == expected, (req, res)
        variants.add(verified.variant)
    # the batch exercises every branch
    assert variants == {"standard", "raw-query-keys", "refused-ambiguous-raw-key"}


@pytest.mark.node
def test_ours_equals_js_sdk_where_it_is_standard(js_results: list[dict]) -> None:
    compared = 0
    for req, res in zip(JS_BATCH, js_results, strict=True):
        if any(normalize(k) != k for k in req["params"]):
            continue  # JS does not encode query keys (documented deviation)
        ours = sign_request(
            req["method"], req["path"] + (f"?{res['wireQuery']}" if res["wireQuery"] else ""), req["headers"], AK, SK,
            timestamp=JS_NOW, expiration=req["expiration"], signed_headers=res["signedHeaders"].split(";"),
        )  # fmt: skip
        # JS lists exactly what it signed, so signing with its list gives its Authorization byte for byte
        assert ours.authorization == res["authorization"]
        assert ours.signing_key == res["signingKey"]
        assert ours.canonical_request.split("\n", 3)[1:] == [
            res["canonicalUri"], res["canonicalQuery"], res["canonicalHeaders"]
        ]  # fmt: skip
        compared += 1
    assert compared >= 50
