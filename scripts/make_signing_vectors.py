"""Generate ``spec/signing-vectors/`` (and ``docs-src/signing.md``) from Baidu's own SDKs.

Run: ``.venv/bin/python scripts/make_signing_vectors.py [--out DIR] [--docs FILE] [--no-js]``

The oracles are Baidu's official SDKs, never ``ccr_contract.signing``:

* bce-python-sdk 0.9.79 (``baidubce.auth.bce_v1_signer.sign``): its own debug log hands out the
  signing key and the exact string it signed, so every intermediate value comes from it;
* @baiducloud/sdk 1.0.7 (``node_modules``, through ``tests/js/bce_sign.js``).

Each case is a raw request as it appears on the wire.  The expected values come from the case's
oracle (the Python SDK unless the case says the JS SDK is the standard one there).  Both SDKs
then sign the request the way they naturally would; where one produces something else, the
case must name that deviation and the variant our verifier identifies it as -- otherwise this
script stops.  So the suite can never silently record an SDK bug as the standard.

The output is deterministic: running the script twice gives byte-identical files, and
``tests/test_signing_vectors.py`` checks the committed files are what this script produces.
"""

from __future__ import annotations

import argparse
import ast
import json
import logging
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote_to_bytes

REPO = Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "spec" / "signing-vectors"
DOCS_PAGE = REPO / "docs-src" / "signing.md"
JS_HELPER = REPO / "tests" / "js" / "bce_sign.js"

PYTHON_SDK = "bce-python-sdk 0.9.79"
JS_SDK = "@baiducloud/sdk 1.0.7"
#: Baidu's published example credentials (signing-notes.md); stated once in the README.
AK = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
SK = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
TIMESTAMP = "2015-04-27T08:23:49Z"
EXPIRATION = 1800
HOST = "ccr.baidubce.com"
DATE = ("x-bce-date", TIMESTAMP)
STANDARD_SIGNED = ("host", "x-bce-date")
#: Baidu's published worked example (signing-notes.md): the generator checks the oracle against it.
PUBLISHED_SIGNING_KEY = "1d5ce5f464064cbee060330d973218821825ac6952368a482a592e6615aef479"
PUBLISHED_SIGNATURE = "d74a04362e6a848f5b39b15421cb449427f419c95a480fd6b8cf9fc783e2999e"
#: The case docs-src/signing.md walks through.
WALKTHROUGH = "ccr-list-registries-walkthrough"


@dataclass(frozen=True)
class Deviation:
    """An SDK that signs this case differently from the standard, and what our verifier makes of it."""

    sdk: str
    what: str
    verifier_variant: str  # the Verified.variant ccr_contract.signing reports for the SDK's request


@dataclass(frozen=True)
class Case:
    name: str
    feature: str
    method: str
    target: str  # request-target as sent: path[?query], percent-encoded (or not, if the case says so)
    headers: tuple[tuple[str, str], ...]
    signed: tuple[str, ...] | None = STANDARD_SIGNED  # None: the SDK default set
    body: str = ""
    timestamp: str = TIMESTAMP
    expiration: int = EXPIRATION
    oracle: str = PYTHON_SDK
    deviations: tuple[Deviation, ...] = ()
    notes: str = ""
    published: bool = field(default=False)  # check against Baidu's published signing key/signature

    @property
    def path(self) -> str:
        return self.target.partition("?")[0]

    @property
    def query(self) -> str:
        return self.target.partition("?")[2]


def _h(*pairs: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    return (("Host", HOST), *pairs, DATE)


REGISTRY_BODY = '{"name":"hub","type":"docker-registry","url":"http://hub.baidubce.com"}'
PY_KEEPS_AUTH = Deviation(
    PYTHON_SDK,
    "keeps the `authorization` query parameter in the canonical query (`k.lower` is never called)",
    "keeps-authorization-query",
)

CASES: tuple[Case, ...] = (
    Case(
        "get-vanilla",
        "the simplest request: GET, no query, host and x-bce-date signed",
        "GET",
        "/v1/ccr/registries",
        _h(),
    ),
    Case(
        "get-query-unreserved",
        "unreserved characters (A-Z a-z 0-9 - . _ ~) are kept as they are in the query",
        "GET",
        "/v1/ccr/registries?keyword=AZaz09-._~&pageNo=1",
        _h(),
    ),
    Case(
        "get-query-reserved",
        "every reserved character and space in a query value is percent-encoded",
        "GET",
        "/v1/ccr/registries?keyword=a%20b%2Bc%2Fd%3Ae%3Ff%23g%5Bh%5D%40%21%24%26%27%28%29%2A%2C%3B%3D%25",
        _h(),
    ),
    Case(
        "get-query-utf8",
        "a UTF-8 query value is percent-encoded byte by byte, upper-case hex",
        "GET",
        "/v1/ccr/registries?keyword=%E9%95%9C%E5%83%8F",
        _h(),
    ),
    Case(
        "get-query-utf8-key",
        "a query key is normalized like a value (UTF-8 key percent-encoded)",
        "GET",
        "/v1/ccr/registries?%E5%90%8D%E7%A7%B0=hub&pageNo=1",
        _h(),
        deviations=(
            Deviation(JS_SDK, "does not normalize query keys: signs `名称=hub` with the raw key", "raw-query-keys"),
        ),
    ),
    Case(
        "get-query-key-without-value",
        "a query key sent without '=' is canonicalised as `key=`",
        "GET",
        "/v1/ccr/registries?keyOnly&pageNo=1",
        _h(),
        notes="Python sends such a key as `keyOnly=`, Go and Java as bare `keyOnly`: both canonicalise to `keyOnly=`.",
    ),
    Case(
        "get-query-empty-value",
        "a query key with an empty value is canonicalised as `key=`",
        "GET",
        "/v1/ccr/registries?marker=&pageNo=1",
        _h(),
    ),
    Case(
        "get-query-sort-whole-pair",
        "pairs are sorted as whole `key=value` strings, bytewise",
        "GET",
        "/v1/ccr/registries?text=c&text1=b&text10=a",
        _h(),
        notes="Byte order puts `0` (0x30) and `1` (0x31) before `=` (0x3D): `text10=a&text1=b&text=c`.",
    ),
    Case(
        "get-query-sort-case",
        "sorting is bytewise, so upper-case keys sort before lower-case ones",
        "GET",
        "/v1/ccr/registries?b=1&B=2&a=3",
        _h(),
    ),
    Case(
        "get-query-authorization-dropped",
        "an `authorization` query parameter (any case) is left out",
        "GET",
        "/v1/ccr/registries?Authorization=bce-auth-v1%2Fforged&pageNo=1",
        _h(),
        oracle=JS_SDK,
        deviations=(PY_KEEPS_AUTH,),
    ),
    Case(
        "get-query-plus-is-literal",
        "`+` in a query is a literal plus (RFC 3986), not a space: it becomes %2B",
        "GET",
        "/v1/ccr/registries?keyword=a+b",
        _h(),
        notes="No SDK sends `+` for a space; a form-encoding client that does must sign what it sends.",
    ),
    Case(
        "get-query-lowercase-percent",
        "lower-case percent-encoding on the wire is canonicalised upper-case",
        "GET",
        "/v1/ccr/registries?keyword=%e9%95%9c",
        _h(),
    ),
    Case(
        "get-query-encoded-unreserved",
        "a needlessly encoded unreserved character is decoded (%41%7E -> A~)",
        "GET",
        "/v1/ccr/registries?keyword=%41%7E",
        _h(),
    ),
    Case(
        "get-path-utf8",
        "a UTF-8 path is percent-encoded byte by byte; '/' is kept",
        "GET",
        "/v1/ccr/%E9%95%9C%E5%83%8F",
        _h(),
    ),
    Case(
        "get-path-raw-utf8",
        "a path sent with raw UTF-8 canonicalises like its percent-encoded form",
        "GET",
        "/v1/ccr/镜像",
        _h(),
        notes="Not valid HTTP; the verifier still canonicalises it like get-path-utf8 instead of failing.",
    ),
    Case(
        "get-path-reserved",
        "space, '+' and ':' in a path segment are percent-encoded",
        "GET",
        "/v1/ccr/a%20b%2Bc%3Ad",
        _h(),
    ),
    Case("get-path-double-slash", "an empty path segment (`//`) is kept", "GET", "/v1//ccr//registries", _h()),
    Case("get-path-trailing-slash", "a trailing '/' is kept", "GET", "/v1/ccr/registries/", _h()),
    Case(
        "get-path-encoded-slash",
        "an encoded '/' (%2F) is data inside a segment and stays %2F",
        "GET",
        "/v1/ccr/a%2Fb",
        _h(),
        notes="The SDKs sign the path they send verbatim; decoding %2F into a separator would change it.",
    ),
    Case(
        "get-path-lowercase-percent",
        "lower-case percent-encoding in a path is canonicalised upper-case",
        "GET",
        "/v1/ccr/%e9%95%9c%e5%83%8f",
        _h(),
    ),
    Case("get-path-root", "the root path is `/`", "GET", "/", _h()),
    Case(
        "post-json-body-not-signed",
        "the body is not part of the signature (no payload hash)",
        "POST",
        "/v1/ccr/registries",
        _h(("Content-Type", "application/json"), ("Content-Length", str(len(REGISTRY_BODY)))),
        body=REGISTRY_BODY,
    ),
    Case(
        "post-content-type-signed",
        "a signed header value is normalized ('/', ';', '=' encoded)",
        "POST",
        "/v1/ccr/registries",
        _h(("Content-Type", "application/json;charset=UTF-8")),
        signed=("content-type", "host", "x-bce-date"),
    ),
    Case(
        "header-value-trim",
        "a signed header value is trimmed of surrounding whitespace",
        "GET",
        "/v1/ccr/registries",
        _h(("Content-Type", "   text/plain \t")),
        signed=("content-type", "host", "x-bce-date"),
    ),
    Case(
        "header-value-inner-whitespace",
        "whitespace inside a header value is kept (and encoded)",
        "GET",
        "/v1/ccr/registries",
        _h(("Content-Type", "multipart/form-data;  boundary=x")),
        signed=("content-type", "host", "x-bce-date"),
    ),
    Case(
        "header-empty-value-skipped",
        "a signed header whose value is empty is left out of the canonical headers",
        "GET",
        "/v1/ccr/registries",
        _h(("Content-Md5", "")),
        signed=("content-md5", "host", "x-bce-date"),
        deviations=(
            Deviation(JS_SDK, "lists only the headers it actually signed: signedHeaders `host;x-bce-date`", "standard"),
        ),
    ),
    Case(
        "header-name-case",
        "header names are lower-cased",
        "GET",
        "/v1/ccr/registries",
        (("HOST", HOST), ("X-BCE-DATE", TIMESTAMP)),
    ),
    Case(
        "host-with-port",
        "Host is signed as sent, port included (':' -> %3A)",
        "GET",
        "/v1/ccr/registries",
        (("Host", "127.0.0.1:8080"), DATE),
    ),
    Case(
        "x-bce-date-differs-from-timestamp",
        "the x-bce-date header is signed as sent, even if it differs from the Authorization timestamp",
        "GET",
        "/v1/ccr/registries",
        (("Host", HOST), ("x-bce-date", "2015-04-27T08:23:50Z")),
        notes="The SDKs read the clock twice (header, then Authorization): the two can differ by a second.",
    ),
    Case(
        "x-bce-request-id-not-signed",
        "only the headers named in signedHeaders are signed: an unlisted x-bce-request-id is not",
        "GET",
        "/v1/ccr/registries",
        _h(("x-bce-request-id", "0f5f6a4e-1c2b-4d1e-9a55-000000000001")),
        deviations=(
            Deviation(
                PYTHON_SDK,
                "signs every x-bce-* header present although signedHeaders lists only `host;x-bce-date`",
                "explicit-list-plus-x-bce",
            ),
            Deviation(
                JS_SDK,
                "signs every x-bce-* header present and lists it: signedHeaders `host;x-bce-date;x-bce-request-id`",
                "standard",
            ),
        ),
        notes="This is what the Go SDK does (it never signs x-bce-request-id).",
    ),
    Case(
        "x-bce-security-token-signed",
        "temporary (STS) credentials: the session token travels in x-bce-security-token and is signed",
        "GET",
        "/v1/ccr/registries",
        _h(("x-bce-security-token", "ZjkyZDQ0YmQtZmFrZS1zdHMtc2Vzc2lvbi10b2tlbg")),
        signed=("host", "x-bce-date", "x-bce-security-token"),
        notes=(
            "bce-sdk-go `auth/signer.go` sets the header before signing and signs every x-bce-* header; "
            "a verifier refuses a request that sends the token without signing it (`x-bce-auth.signedWhenPresent`)."
        ),
    ),
    Case(
        "sdk-default-signed-headers",
        "with no explicit list an SDK signs host, content-md5, content-length,"
        " content-type and every x-bce-* header, and lists them",
        "POST",
        "/v1/ccr/registries",
        _h(("Content-Type", "application/json"), ("Content-Length", "2"), ("User-Agent", "curl/8")),
        signed=None,
        body="{}",
        oracle=JS_SDK,
        deviations=(
            Deviation(
                PYTHON_SDK,
                "writes an empty signedHeaders field (`.../1800//signature`) for its default set",
                "empty-signed-headers-means-defaults",
            ),
        ),
    ),
    Case(
        "expiration-300",
        "expirationPeriodInSeconds is part of the signing-key prefix",
        "GET",
        "/v1/ccr/registries",
        _h(),
        expiration=300,
    ),
    Case(
        WALKTHROUGH,
        "a typical CCR call end to end (the one docs-src/signing.md walks through)",
        "GET",
        "/v1/ccr/registries?pageSize=10&keyword=%E9%95%9C%E5%83%8F%20hub&pageNo=1&keywordType=name",
        _h(),
    ),
    Case(
        "seed-worked-example",
        'Baidu\'s published worked example ("Generate Authentication String")',
        "PUT",
        "/v1/test/myfolder/readme.txt?partNumber=9&uploadId=a44cc9bab11cbd156984767aad637851",
        (
            ("Host", "bj.bcebos.com"),
            ("Date", "Mon, 27 Apr 2015 16:23:49 +0800"),
            ("Content-Type", "text/plain"),
            ("Content-Length", "8"),
            ("Content-Md5", "NFzcPqhviddjRNnSOGo4rw=="),
            ("x-bce-date", TIMESTAMP),
        ),
        signed=("content-length", "content-md5", "content-type", "host", "x-bce-date"),
        body="Example\n",
        published=True,
        notes="Signing key and signature equal the values Baidu publishes; the generator checks them.",
    ),
)

#: Normalized-string vectors: (input, note). The seed's example first.
NORMALIZE_INPUTS: tuple[tuple[str, str], ...] = (
    ("this is an example for 测试", "the seed's example (its prose says 'testing' where the output encodes 测试)"),
    ("", "the empty string"),
    ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~", "all unreserved characters: unchanged"),
    (" !\"#$%&'()*+,/:;<=>?@[\\]^`{|}", "every ASCII punctuation character that is not unreserved"),
    ("/v1/ccr/registries", "'/' is encoded in a normalized string (only the canonical URI keeps it)"),
    ("a+b", "'+' is %2B"),
    ("100%", "'%' itself is %25"),
    ("\t\n\r\x00\x7f", "control characters"),
    ("café", "two-byte UTF-8 (é = C3 A9, NFC)"),
    ("cafe\u0301", "no Unicode normalization is applied: e + combining acute stays two code points"),
    ("镜像", "three-byte UTF-8"),
    ("😀", "four-byte UTF-8 (outside the BMP)"),
    ("2015-04-27T08:23:49Z", "an x-bce-date value (':' -> %3A)"),
    ("NFzcPqhviddjRNnSOGo4rw==", "a Content-MD5 value ('=' -> %3D)"),
)


# --------------------------------------------------------------------------- the Python oracle


def _epoch(stamp: str) -> int:
    return int(datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp())


@contextmanager
def _sdk_debug_log() -> Iterator[list[str]]:
    """Capture bce_v1_signer's debug messages (they carry the signing key and the signed string)."""
    logger = logging.getLogger("baidubce.auth.bce_v1_signer")
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    handler, old_level, old_propagate = Collect(), logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        logger.propagate = old_propagate


_SIGN_LOG = re.compile(r"sign_key=\[([0-9a-f]{64})\] sign_string=\[(\d+) bytes\]\[ (b['\"].*['\"]) \]\Z", re.S)


def _sdk_path(wire_path: str) -> str:
    """The path an SDK sends (and signs verbatim) for the resource a wire path names."""
    from baidubce import utils

    return "/".join(utils.normalize_string(unquote_to_bytes(seg)).decode() for seg in wire_path.split("/"))


def _decoded_params(raw_query: str) -> dict[str, str | None]:
    """Query pairs as an SDK takes them (decoded; '+' literal; a bare key -> None)."""
    out: dict[str, str | None] = {}
    for part in raw_query.split("&"):
        if part:
            key, sep, value = part.partition("=")
            out[unquote_to_bytes(key).decode()] = unquote_to_bytes(value).decode() if sep else None
    return out


def python_sign(case: Case, headers: dict[str, str]) -> dict[str, str]:
    """Sign with bce-python-sdk; return its Authorization and the intermediate values it logged."""
    from baidubce.auth import bce_v1_signer
    from baidubce.auth.bce_credentials import BceCredentials

    params = {k.encode(): (None if v is None else v.encode()) for k, v in _decoded_params(case.query).items()}
    to_sign = None if case.signed is None else [h.encode() for h in case.signed]
    with _sdk_debug_log() as log:
        authz = bce_v1_signer.sign(
            BceCredentials(AK, SK),
            case.method.encode(),
            _sdk_path(case.path).encode(),
            {k.encode(): v.encode() for k, v in headers.items()},
            params,
            timestamp=_epoch(case.timestamp),
            expiration_in_seconds=case.expiration,
            headers_to_sign=to_sign,
        ).decode()
    found = [m for m in (_SIGN_LOG.match(msg) for msg in log) if m]
    if len(found) != 1:
        raise SystemExit(f"{case.name}: could not read the Python SDK's debug log")
    key, length, literal = found[0].groups()
    signed_string = ast.literal_eval(literal)
    if len(signed_string) != int(length):
        raise SystemExit(f"{case.name}: the Python SDK's logged string is truncated")
    return {"authorization": authz, "signing_key": key, "canonical_request": signed_string.decode()}


# --------------------------------------------------------------------------- the JS oracle


def js_run(sign: list[dict], normalize: list[str]) -> dict:
    """Run tests/js/bce_sign.js once over all inputs."""
    payload = json.dumps({"sign": sign, "normalize": normalize})
    done = subprocess.run(
        ["node", str(JS_HELPER)], input=payload, capture_output=True, text=True, timeout=60, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"node {JS_HELPER.name} failed: {done.stderr.strip()[:500]}")
    return json.loads(done.stdout)


def js_input(case: Case, headers: dict[str, str]) -> dict:
    return {
        "ak": AK,
        "sk": SK,
        "method": case.method,
        "path": _sdk_path(case.path),
        "params": _decoded_params(case.query),
        "headers": headers,
        "timestamp": _epoch(case.timestamp),
        "expiration": case.expiration,
        "headersToSign": None if case.signed is None else list(case.signed),
    }


def js_values(result: dict) -> dict[str, str]:
    creq = "\n".join([result["method"], result["canonicalUri"], result["canonicalQuery"], result["canonicalHeaders"]])
    return {"authorization": result["authorization"], "signing_key": result["signingKey"], "canonical_request": creq}


# --------------------------------------------------------------------------- writing the suite


def _restricted(case: Case) -> dict[str, str]:
    """The request's headers an oracle needs for the standard result: with an explicit list, only
    the listed ones (the SDKs would also sign other x-bce-* headers); otherwise all of them."""
    headers = dict(case.headers)
    if case.signed is None:
        return headers
    return {k: v for k, v in headers.items() if k.strip().lower() in case.signed}


def _raw_request(case: Case, authorization: str | None = None) -> str:
    lines = [f"{case.method} {case.target} HTTP/1.1"]
    lines += [f"{name}:{value}" for name, value in case.headers]
    if authorization is not None:
        lines.append(f"Authorization:{authorization}")
    return "\n".join(lines) + "\n\n" + case.body


def build(out_dir: Path, docs_page: Path | None, *, with_js: bool = True) -> None:
    py_standard = {c.name: python_sign(c, _restricted(c)) for c in CASES}
    py_natural = {c.name: python_sign(c, dict(c.headers)) for c in CASES}
    js_standard: dict[str, dict[str, str]] = {}
    js_natural: dict[str, dict[str, str]] = {}
    js_normalized: list[str] | None = None
    if with_js:
        inputs = [js_input(c, _restricted(c)) for c in CASES] + [js_input(c, dict(c.headers)) for c in CASES]
        ran = js_run(inputs, [text for text, _ in NORMALIZE_INPUTS])
        results = [js_values({**r, "method": c.method}) for r, c in zip(ran["sign"], CASES * 2, strict=True)]
        js_standard = {c.name: r for c, r in zip(CASES, results[: len(CASES)], strict=True)}
        js_natural = {c.name: r for c, r in zip(CASES, results[len(CASES) :], strict=True)}
        js_normalized = ran["normalize"]
    elif any(c.oracle == JS_SDK for c in CASES):
        raise SystemExit("--no-js: some cases use the JS SDK as their oracle; node is required")

    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    for case in CASES:
        expected = (py_standard if case.oracle == PYTHON_SDK else js_standard)[case.name]
        if case.published and (
            expected["signing_key"] != PUBLISHED_SIGNING_KEY
            or not expected["authorization"].endswith(PUBLISHED_SIGNATURE)
        ):
            raise SystemExit(f"{case.name}: the oracle does not reproduce Baidu's published example")
        deviating = {d.sdk: d for d in case.deviations}
        naturals = {PYTHON_SDK: py_natural[case.name]}
        if with_js:
            naturals[JS_SDK] = js_natural[case.name]
        agrees, deviations = [], []
        for sdk, natural in naturals.items():
            same = natural == expected
            if same and sdk in deviating:
                raise SystemExit(f"{case.name}: {sdk} is declared deviating but agrees; update the case")
            if not same and sdk not in deviating:
                raise SystemExit(
                    f"{case.name}: {sdk} disagrees with {case.oracle} and no deviation is declared:\n"
                    f"  expected {expected}\n  {sdk}: {natural}"
                )
            if same:
                agrees.append(sdk)
            else:
                dev = deviating[sdk]
                deviations.append(
                    {
                        "sdk": sdk,
                        "what": dev.what,
                        "authorization": natural["authorization"],
                        "verifier_variant": dev.verifier_variant,
                    }
                )
        folder = out_dir / case.name
        folder.mkdir()
        prefix = expected["authorization"].rsplit("/", 2)[0]
        files = {
            ".req": _raw_request(case),
            ".creq": expected["canonical_request"],
            ".sk": expected["signing_key"],
            ".authz": expected["authorization"],
            ".sreq": _raw_request(case, expected["authorization"]),
        }
        for suffix, text in files.items():
            (folder / f"{case.name}{suffix}").write_text(text, encoding="utf-8", newline="\n")
        meta = {
            "feature": case.feature,
            "oracle": case.oracle,
            "agrees": agrees,
            "deviations": deviations,
            "auth_string_prefix": prefix,
            "timestamp": case.timestamp,
            "expiration": case.expiration,
            "notes": case.notes,
        }
        (folder / f"{case.name}.json").write_text(_json(meta), encoding="utf-8", newline="\n")

    vectors = []
    from baidubce import utils

    for index, (text, note) in enumerate(NORMALIZE_INPUTS):
        normalized = utils.normalize_string(text).decode()
        if js_normalized is not None and js_normalized[index] != normalized:
            raise SystemExit(f"normalize({text!r}): the SDKs disagree: {normalized} vs {js_normalized[index]}")
        vectors.append({"input": text, "normalized": normalized, "note": note})
    checked = [PYTHON_SDK] + ([JS_SDK] if with_js else [])
    (out_dir / "normalized-strings.json").write_text(
        _json(
            {
                "rule": "RFC 3986 unreserved characters kept, every other UTF-8 byte %XX upper-case",
                "oracles": checked,
                "vectors": vectors,
            }
        ),
        encoding="utf-8",
        newline="\n",
    )
    (out_dir / "README.md").write_text(readme(), encoding="utf-8", newline="\n")
    if docs_page is not None:
        docs_page.parent.mkdir(parents=True, exist_ok=True)
        docs_page.write_text(walkthrough(out_dir / WALKTHROUGH), encoding="utf-8", newline="\n")


def _json(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- prose


def readme() -> str:
    rows = []
    for case in CASES:
        devs = "; ".join(f"{d.sdk.split(' ')[0]} -> `{d.verifier_variant}`" for d in case.deviations) or "–"
        oracle = "Python" if case.oracle == PYTHON_SDK else "JS"
        rows.append(f"| [`{case.name}`]({case.name}/) | {case.feature} | {oracle} | {devs} |")
    table = "\n".join(rows)
    return README_TEMPLATE.format(
        ak=AK, sk=SK, timestamp=TIMESTAMP, expiration=EXPIRATION, table=table, py=PYTHON_SDK, js=JS_SDK
    )


README_TEMPLATE = """\
# bce-auth-v1 signing test vectors

<!-- Generated by scripts/make_signing_vectors.py: edit the script, not this file. -->

Test vectors for Baidu AI Cloud's `bce-auth-v1` request signing, modelled on AWS's
aws-sig-v4-test-suite: one folder per case, each named for the one feature it tests. The
expected values come from Baidu's own SDKs (**{py}** from PyPI and **{js}** from npm), not
from this project's signer; `tests/test_signing_vectors.py` checks `ccr_contract.signing`
against every file and that re-running the generator reproduces them byte for byte.

## Fixed inputs

Every case is signed with Baidu's published example credentials, at one instant:

| | |
|---|---|
| access key id | `{ak}` |
| secret access key | `{sk}` |
| timestamp | `{timestamp}` (unless the case's `.json` says otherwise) |
| expirationPeriodInSeconds | `{expiration}` (unless the case's `.json` says otherwise) |

## Layout

`normalized-strings.json` holds normalized-string vectors (`input` -> `normalized`), the seed's
own example first, checked against both SDKs. Each case folder `<case>/` holds:

| file | content |
|---|---|
| `<case>.req` | the raw request as sent: request line (path and query exactly as on the wire), `Name:value` header lines, a blank line, the body |
| `<case>.creq` | the canonical request: method, canonical URI, canonical query, canonical headers, joined by `\\n` (no trailing newline) |
| `<case>.sk` | the signing key: hex HMAC-SHA256(secret key, `bce-auth-v1/{{ak}}/{{timestamp}}/{{expiration}}`) |
| `<case>.authz` | the `Authorization` header value |
| `<case>.sreq` | the signed request: `.req` plus the `Authorization` header |
| `<case>.json` | the feature tested, the oracle, which SDKs agree, each SDK deviation (with the SDK's own Authorization value and the verifier variant it is accepted as), the prefix, timestamp and expiration |

To use a case: parse `.req`, sign it with the credentials above and the signed headers named in
`.authz` (the fifth `/`-separated field), and compare with `.creq`, `.sk` and `.authz`.

## How the expected values are produced

For each case the generator gives the case's oracle (the Python SDK unless the table says JS)
the request as an SDK would send it -- the path it sends (an SDK signs its path verbatim, so a
wire path no SDK would send, such as raw UTF-8 or lower-case `%e9`, is given as the normalized
path of the same resource), the decoded query parameters (`+` is a literal plus) and, when a
signed-header list is explicit, only the listed headers. The Python SDK's own debug log supplies
the signing key and the exact canonical request it signed. Then both SDKs sign the request the
way they naturally would (all headers). Where an SDK's result differs from the oracle's, the case
must declare the deviation and the variant our verifier accepts it as, or generation stops.

## Cases

| case | feature | oracle | SDK deviations -> verifier variant |
|---|---|---|---|
{table}

## Where the SDKs disagree, and what the verifier accepts

`ccr_contract.signing.sign_request` always produces the standard form. `verify_request` tries the
standard form first and then, unless the policy is strict (`VerifyPolicy(accept_variants=False)`),
the named variants below; `Verified.variant` tells a server which one matched. Variants combine
with `+` (e.g. `empty-signed-headers-means-defaults+keeps-authorization-query` is the Python SDK's
default signing of a request that carries an `authorization` query parameter).

| SDK behaviour | SDKs | standard? | verifier |
|---|---|---|---|
| `authorization` query parameter kept in the canonical query (`k.lower` is never called) | Python 0.9.79 | no: Go, JS and Java drop it, case-insensitively | `keeps-authorization-query`, tried only when such a parameter is present |
| query keys not normalized (raw key, values normalized) | JS 1.0.7 | no: the seed normalizes keys like values | `raw-query-keys`, tried only when a key needs encoding and no decoded key contains `=`, `&`, `%` or a line break (those would make the raw form ambiguous: `x%3D1%26y=2` would canonicalise like `x=1&y=2`, and `a%2520b` like `a%20b`) |
| empty signedHeaders field when signing the SDK default set | Python 0.9.79, Java | no: the seed lists the signed headers | `empty-signed-headers-means-defaults`: host, content-md5, content-length, content-type and every `x-bce-*` header present. A strict verifier takes an empty field literally (nothing signed) and so rejects it, as `host` must be signed |
| every `x-bce-*` header signed even with an explicit list that omits it | Python 0.9.79 | no: JS signs them too but lists them (standard); Java signs only the list | `explicit-list-plus-x-bce` |
| `x-bce-request-id` never signed | Go (read, not run) | yes: Go lists what it signs | standard form: only the listed headers are signed (`x-bce-request-id-not-signed`) |
| signedHeaders lists only headers with a non-empty value | JS 1.0.7 | yes (equivalent: empty values are skipped anyway) | standard form (`header-empty-value-skipped`) |
| a query key without value sent as `k=` vs bare `k` | Python vs Go, Java | both: same canonical form `k=` | standard form |
| header names trimmed before lower-casing | Python, Java (Go, JS do not) | irrelevant on the wire: HTTP header names carry no whitespace | standard form |

Decisions that are ours, stated in `spec/ccr.openapi.yaml`'s `x-bce-auth` and tested here:

- **Canonical URI**: each `/`-separated segment of the wire path is percent-decoded and
  normalized; `/` separators, `//` and a trailing `/` are kept, `%2F` stays `%2F`. A path an SDK
  sends is already normalized and is therefore its own canonical URI.
- **Query**: `+` is a literal plus; a bare key and `key=` are the same; duplicates are kept and
  sorted with the rest.
- **Header values** are trimmed of ASCII whitespace (space, tab, CR, LF, VT, FF).
- **Time window**: a signature is valid from `timestamp - clockSkewSeconds` to
  `timestamp + expirationPeriodInSeconds + clockSkewSeconds` inclusive (clock skew 300 s, from
  the spec). Earlier is `RequestNotYetValid`, later `RequestExpired`.
- **Required signed header**: `host` must be named by signedHeaders and present in the request,
  or the request is malformed.
"""  # noqa: E501 (markdown table rows)


def walkthrough(folder: Path) -> str:
    """docs-src/signing.md: one vector, step by step, every intermediate value from the files."""
    name = folder.name
    meta = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    req = (folder / f"{name}.req").read_text(encoding="utf-8")
    creq = (folder / f"{name}.creq").read_text(encoding="utf-8")
    key = (folder / f"{name}.sk").read_text(encoding="utf-8")
    authz = (folder / f"{name}.authz").read_text(encoding="utf-8")
    method, uri, query, headers = creq.split("\n", 3)
    signed = authz.split("/")[4]
    signature = authz.split("/")[5]
    target = req.split("\n", 1)[0].split(" ")[1]
    raw_query = target.partition("?")[2]
    return WALKTHROUGH_TEMPLATE.format(
        name=name,
        req=req.rstrip("\n"),
        ak=AK,
        sk=SK,
        prefix=meta["auth_string_prefix"],
        key=key,
        method=method,
        path=target.partition("?")[0],
        uri=uri,
        raw_query=raw_query,
        query=query,
        pairs="\n".join(raw_query.split("&")),
        sorted_pairs="\n".join(query.split("&")),
        headers=headers,
        signed=signed,
        creq=creq,
        signature=signature,
        authz=authz,
        cli=walkthrough_command(folder),
    )


def walkthrough_command(folder: Path) -> str:
    """The ``ccr-contract sign`` command line that reproduces a case signed with host;x-bce-date."""
    meta = json.loads((folder / f"{folder.name}.json").read_text(encoding="utf-8"))
    req = (folder / f"{folder.name}.req").read_text(encoding="utf-8")
    target = req.split("\n", 1)[0].split(" ")[1]
    host = next(line.split(":", 1)[1] for line in req.split("\n") if line.lower().startswith("host:"))
    return f"ccr-contract sign 'https://{host}{target}' --ak {AK} --sk {SK} --timestamp {meta['timestamp']} --json"


WALKTHROUGH_TEMPLATE = """\
# How a request is signed (bce-auth-v1), step by step

<!-- Generated by scripts/make_signing_vectors.py from spec/signing-vectors/{name}/; a test keeps it in sync. -->

Every CCR API request carries an `Authorization` header computed with Baidu's `bce-auth-v1`
algorithm. This page signs one real request from the test-vector suite
([`spec/signing-vectors/{name}`](../spec/signing-vectors/{name}/{name}.creq)) and shows every intermediate
value. The same values, as JSON:

```sh
{cli}
```

## The request

```http
{req}
```

Credentials (Baidu's published example pair): access key id `{ak}`, secret access key `{sk}`.

## 1. Auth string prefix

`bce-auth-v1/{{accessKeyId}}/{{timestamp}}/{{expirationPeriodInSeconds}}`, the timestamp in UTC as
`YYYY-MM-DDThh:mm:ssZ`:

```
{prefix}
```

## 2. Signing key

Lower-case hex of HMAC-SHA256 with the secret access key as the key and the prefix as the message:

```
{key}
```

## 3. Canonical URI

The path as sent, `{path}`, segment by segment percent-decoded and normalized (RFC 3986
unreserved characters `A-Z a-z 0-9 - . _ ~` kept, every other UTF-8 byte as `%XX` upper-case),
`/` kept:

```
{uri}
```

## 4. Canonical query string

The query as sent, `{raw_query}`, split into pairs:

```
{pairs}
```

Each key and value decoded and normalized (an `authorization` parameter would be dropped), then
sorted bytewise as whole `key=value` strings and joined with `&`:

```
{sorted_pairs}
```

```
{query}
```

## 5. Canonical headers

The headers named in signedHeaders (`{signed}`): names lower-cased, values trimmed, both
normalized, `name:value` lines sorted and joined with `\\n` (headers with an empty value skipped):

```
{headers}
```

## 6. Canonical request

Method, canonical URI, canonical query and canonical headers joined by `\\n` (no body hash, no
trailing newline):

```
{creq}
```

## 7. Signature

Lower-case hex of HMAC-SHA256 with the signing key (its 64 hex characters, as text) as the key
and the canonical request as the message:

```
{signature}
```

## 8. Authorization header

`{{prefix}}/{{signedHeaders}}/{{signature}}`:

```
Authorization: {authz}
```

The server repeats steps 1-7 with its copy of the secret key and compares signatures in constant
time; it also checks the timestamp window and that `host` is signed. See
[`spec/signing-vectors/README.md`](../spec/signing-vectors/README.md) for the edge cases and where
Baidu's SDKs disagree.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help=f"output directory (default {OUT_DIR})")
    parser.add_argument("--docs", type=Path, default=DOCS_PAGE, help=f"walkthrough page (default {DOCS_PAGE})")
    parser.add_argument("--no-js", action="store_true", help="skip the JS SDK (fails if a case needs it)")
    args = parser.parse_args(argv)
    # Write into a temporary directory first so a failed run leaves the committed suite untouched.
    with tempfile.TemporaryDirectory() as tmp:
        staging = Path(tmp) / "signing-vectors"
        docs = Path(tmp) / "signing.md"
        build(staging, docs, with_js=not args.no_js)
        if args.out.exists():
            shutil.rmtree(args.out)
        shutil.copytree(staging, args.out)
        args.docs.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(docs, args.docs)
    print(f"wrote {len(CASES)} cases and {len(NORMALIZE_INPUTS)} normalized strings to {args.out}; {args.docs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
