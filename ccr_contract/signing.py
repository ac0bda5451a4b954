"""bce-auth-v1: the one implementation of Baidu's request signing, for both sides of the wire.

Everything in this project that signs a request (the CLI's ``sign``, the generated client's
``httpx.Auth``, the conformance suite's ``requests`` adapter) or verifies one (the reference
server) imports this module; nothing else computes an HMAC.  The functions here are pure: they
take the request as it appears on the wire (method, percent-encoded path, raw query string,
headers) so that client and server canonicalise exactly the same bytes.

The algorithm follows the CCR overview (seed 000) and Baidu's SDKs:

* ``authStringPrefix = bce-auth-v1/{ak}/{timestamp}/{expirationPeriodInSeconds}``
* ``signingKey = hex(HMAC-SHA256(SK, authStringPrefix))``
* ``canonicalRequest = METHOD \\n CanonicalURI \\n CanonicalQuery \\n CanonicalHeaders``
* ``signature = hex(HMAC-SHA256(signingKey, canonicalRequest))``

Signing always uses the standard form.  Where the SDKs disagree (see
``spec/signing-vectors/README.md``) the verifier additionally accepts a small, explicit list of
*variants*, each named, so a server can tell which dialect a client spoke; a strict
:class:`VerifyPolicy` (``accept_variants=False``) accepts the standard form only.

Signing is on the hot path of every client request.  It is built to be fast *cold* -- a new
timestamp and a new path, nothing reusable in any cache -- because that is what a client pays
whenever a second turns over: canonicalisation has fast paths for text that is already
canonical (the common case), percent-encoding is one ``str.translate``, and both HMACs are
spelled out over ``hashlib.sha256`` (see :func:`hmac_sha256_hex`).  On top of that, what stays
the same within a second (the signing key and its HMAC pad states, the timestamp text, header
lines) is remembered, which makes the warm path faster still.  ``benchmarks/signing.py``
measures both against Baidu's own Python SDK and fails when either misses its target.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property, lru_cache
from typing import Any, NamedTuple
from urllib.parse import unquote_to_bytes, urlsplit

AUTH_VERSION = "bce-auth-v1"
TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
DEFAULT_EXPIRATION = 1800
#: The longest ``expirationPeriodInSeconds`` the verifier accepts by default (7 days; the spec's
#: ``x-bce-auth.maxExpirationSeconds``).  Baidu documents no ceiling; without one a leaked
#: ``Authorization`` header could be replayed for the parser's limit of 9999999999 s (317 years).
MAX_EXPIRATION = 604800
#: Headers an SDK signs when the caller names none (plus every ``x-bce-*`` header present).
SDK_DEFAULT_SIGNED_HEADERS = frozenset({"host", "content-md5", "content-length", "content-type"})
#: The STS session token of temporary credentials (bce-sdk-go ``auth/signer.go`` sets it before
#: signing, and every SDK signs all ``x-bce-*`` headers): signed whenever it is sent, so that a
#: captured request cannot be replayed with another session's token (``x-bce-auth.signedWhenPresent``).
SECURITY_TOKEN_HEADER = "x-bce-security-token"

#: Names of the verifier's tolerated dialects (see ``spec/signing-vectors/README.md``).
STANDARD = "standard"
VARIANT_EMPTY_SIGNED_HEADERS = "empty-signed-headers-means-defaults"
VARIANT_EXPLICIT_LIST_PLUS_X_BCE = "explicit-list-plus-x-bce"
VARIANT_KEEPS_AUTHORIZATION_QUERY = "keeps-authorization-query"
VARIANT_RAW_QUERY_KEYS = "raw-query-keys"


# --------------------------------------------------------------------------- normalized strings

_UNRESERVED = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
#: ``str.translate`` tables over code points 0-255 (UTF-8 bytes read as Latin-1): each
#: non-unreserved byte -> ``%XX`` upper-case, every unreserved one -> itself; the second keeps
#: ``/``.  Lists, not dicts: ``translate`` looks every character up, and a dict that lacks the
#: unreserved ones raises and swallows a ``KeyError`` per kept character (about 3x slower).
_ESCAPE: list[str] = [chr(b) if b in _UNRESERVED else f"%{b:02X}" for b in range(256)]
_ESCAPE_KEEP_SLASH: list[str] = [*_ESCAPE[:0x2F], "/", *_ESCAPE[0x30:]]
# "Already normalized" wire text is checked in two steps -- only unreserved characters and ``%``
# (with ``/``, ``=`` and ``&`` where they separate), then every ``%`` starts an escape that
# normalizing would write itself -- because one pattern that alternates per character between a
# plain character and an escape is several times slower on the regex engine.
_component_chars = re.compile(r"[A-Za-z0-9._~%-]*+").fullmatch
_path_chars = re.compile(r"[A-Za-z0-9._~%/-]*+").fullmatch
#: The shape of a query whose pairs may already be canonical: ``key[=value]`` pairs joined by
#: single ``&`` (no empty pair or key, at most one ``=`` per pair), keys and values made of
#: unreserved characters and ``%``.
_QUERY_PAIR = r"[A-Za-z0-9._~%-]++(?:=[A-Za-z0-9._~%-]*+)?+"
_query_shape = re.compile(rf"{_QUERY_PAIR}(?:&{_QUERY_PAIR})*+").fullmatch
#: A ``%`` that does not start ``%XX`` for a byte that is *not* unreserved, in upper-case hex.
_bad_escape = re.compile(r"%(?![01][0-9A-F]|2[0-9A-CF]|3[A-F]|40|5[B-E]|60|7[B-DF]|[89A-F][0-9A-F])").search
#: What "trimmed" means for header values: ASCII whitespace (Python's ``bytes.strip``), as the
#: Python SDK does; HTTP itself only allows space and tab around a field value.
_HEADER_WHITESPACE = " \t\n\r\x0b\x0c"
_COMMON_METHODS = frozenset({"GET", "PUT", "POST", "DELETE", "HEAD", "PATCH", "OPTIONS"})
#: RFC 9110 ``token``: the only characters a header name or method may contain.
_is_token = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+").fullmatch


def normalize(value: str | bytes, *, keep_slash: bool = False) -> str:
    """Return the seed's *normalized string*: RFC 3986 unreserved characters kept, every other
    UTF-8 byte written ``%XX`` with upper-case hex.

    This is the rule ``urllib.parse.quote(value, safe="")`` implements; it is spelled as one
    ``str.translate`` over a 256-entry list because it runs several times per signature and
    ``quote`` is several times slower on short strings (a regular-expression check for "already
    unreserved" first would cost about as much as the translation it saves).  The property tests
    check it against ``quote`` and against the Python SDK's ``normalize_string``.  A ``str`` must
    be valid Unicode (a lone surrogate has no UTF-8 form and raises ``UnicodeEncodeError``, a
    ``ValueError``).
    """
    if isinstance(value, str):
        if not value.isascii():
            value = value.encode("utf-8").decode("latin-1")
    else:
        value = bytes(value).decode("latin-1")
    return value.translate(_ESCAPE_KEEP_SLASH if keep_slash else _ESCAPE)


def _canonical_component(wire_text: str) -> str:
    """Normalized form of one percent-encoded component as sent (a path segment, key or value)."""
    if _component_chars(wire_text) and ("%" not in wire_text or not _bad_escape(wire_text)):
        return wire_text
    return normalize(unquote_to_bytes(wire_text))


def canonical_uri(wire_path: str) -> str:
    """Canonical URI of a path *as sent on the wire* (percent-encoded).

    Each ``/``-separated segment is percent-decoded to bytes and normalized, so ``%E6%B5%8B``
    and a raw ``测`` canonicalise identically, lower-case ``%e6`` becomes ``%E6``, and nothing is
    double-encoded.  A literal ``/`` separates segments and is kept (``//`` and a trailing ``/``
    too); an encoded ``%2F`` is data inside a segment and stays ``%2F``.  So a path that is
    already normalized -- what every Baidu SDK sends, and what the SDKs sign verbatim -- is its
    own canonical URI.  An empty path is ``/``.
    """
    if not wire_path:
        return "/"
    if _path_chars(wire_path) and ("%" not in wire_path or not _bad_escape(wire_path)):
        return wire_path
    return "/".join([_canonical_component(segment) for segment in wire_path.split("/")])


def parse_query(raw_query: str) -> list[tuple[bytes, bytes | None]]:
    """Split a raw query string into decoded ``(key, value)`` byte pairs, keeping duplicates.

    ``+`` is taken literally (RFC 3986), not as a space: both sides must agree, and the SDKs
    never send ``+`` for a space.  A key without ``=`` gets value ``None``.
    """
    pairs: list[tuple[bytes, bytes | None]] = []
    for part in raw_query.split("&"):
        if not part:
            continue
        key, sep, value = part.partition("=")
        pairs.append((unquote_to_bytes(key), unquote_to_bytes(value) if sep else None))
    return pairs


def _sort_raw_keys(items: list[str]) -> None:
    # The JS SDK sorts its (raw, unencoded) pairs with Array.prototype.sort: UTF-16 code units.
    items.sort(key=lambda item: item.encode("utf-16-be", "surrogatepass"))


def canonical_query(
    pairs: Iterable[tuple[bytes | str, bytes | str | None]],
    *,
    drop_authorization: bool = True,
    normalize_keys: bool = True,
) -> str:
    """Canonical query string: ``normalize(k)=normalize(v)`` pairs sorted bytewise as whole strings.

    ``drop_authorization=False`` and ``normalize_keys=False`` reproduce two SDK deviations
    (Python keeps an ``authorization`` parameter; JS does not encode keys) for the verifier's
    tolerated variants; the standard form uses the defaults.
    """
    items: list[str] = []
    for key, value in pairs:
        key_b = key.encode("utf-8") if isinstance(key, str) else key
        if drop_authorization and key_b.lower() == b"authorization":
            continue
        key_s = normalize(key_b) if normalize_keys else key_b.decode("utf-8", "replace")
        items.append(f"{key_s}={'' if value is None else normalize(value)}")
    if normalize_keys:
        items.sort()  # all ASCII: code-point order is byte order
    else:
        _sort_raw_keys(items)
    return "&".join(items)


def canonical_query_string(raw_query: str, *, drop_authorization: bool = True, normalize_keys: bool = True) -> str:
    """``canonical_query(parse_query(raw_query), ...)`` in one pass, for the signing hot path.

    A query that is canonical pair by pair is only sorted; otherwise pairs whose key and value
    are already canonical are copied as they are and everything else is decoded and normalized.
    A property test keeps the two spellings equal.
    """
    if not raw_query:
        return ""
    # Already canonical pair by pair (what every SDK and the project's adapters send): only
    # sorting is left.  A key that could read "authorization" takes the general path below.
    if (
        normalize_keys
        and _query_shape(raw_query)
        and ("%" not in raw_query or not _bad_escape(raw_query))
        and (not drop_authorization or "authorization" not in raw_query.lower())
    ):
        pairs = raw_query.split("&")
        if raw_query.count("=") != len(pairs):  # a bare ``key`` is canonically ``key=``
            pairs = [pair if "=" in pair else f"{pair}=" for pair in pairs]
        pairs.sort()
        return "&".join(pairs)
    items: list[str] = []
    for part in raw_query.split("&"):
        if not part:
            continue
        key, _, value = part.partition("=")
        if _component_chars(key) and ("%" not in key or not _bad_escape(key)):
            if drop_authorization and len(key) == 13 and key.lower() == "authorization":
                continue
            # normalized keys may still hold %XX; the raw-key form needs them decoded
            if not normalize_keys and "%" in key:
                key = unquote_to_bytes(key).decode("utf-8", "replace")
        else:
            key_b = unquote_to_bytes(key)
            if drop_authorization and key_b.lower() == b"authorization":
                continue
            key = normalize(key_b) if normalize_keys else key_b.decode("utf-8", "replace")
        items.append(f"{key}={_canonical_component(value)}")
    if normalize_keys:
        items.sort()
    else:
        _sort_raw_keys(items)
    return "&".join(items)


def _trim(value: object) -> str:
    return str(value).strip(_HEADER_WHITESPACE)


def canonical_headers(headers: Mapping[str, str], signed: Iterable[str]) -> str:
    """Canonical headers: ``normalize(lower(name)):normalize(trim(value))`` lines, sorted.

    Only the headers named in ``signed`` take part; headers whose trimmed value is empty are
    skipped, as every SDK does.  Trimming removes ASCII whitespace only.
    """
    wanted = {name.strip().lower() for name in signed}
    lines = []
    for name, value in headers.items():
        lname = name.strip().lower()
        if lname not in wanted:
            continue
        trimmed = _trim(value)
        if trimmed:
            lines.append(f"{normalize(lname)}:{normalize(trimmed)}")
    lines.sort()
    return "\n".join(lines)


def _canonical_headers_lowered(lowered: Mapping[str, str], names: Iterable[str]) -> str:
    """:func:`canonical_headers` for a mapping whose keys are already stripped and lower-case."""
    lines = []
    for name in names:
        value = lowered.get(name)
        if value is not None:
            trimmed = value.strip(_HEADER_WHITESPACE)
            if trimmed:
                lines.append(_header_line(name, trimmed))
    lines.sort()
    return "\n".join(lines)


#: ``(name, trimmed value) -> canonical line``: a client repeats the same Host line on every
#: request.  A plain dict emptied when full, as :data:`_SIGNING_KEYS`: a miss (every line of a
#: fresh client) then costs one lookup rather than an ``lru_cache``'s bookkeeping.
_HEADER_LINES: dict[tuple[str, str], str] = {}
_HEADER_LINES_MAX = 512


def _header_line(name: str, trimmed: str) -> str:
    """``normalize(name):normalize(trimmed)``, remembered (see :data:`_HEADER_LINES`)."""
    line = _HEADER_LINES.get((name, trimmed))
    if line is None:
        if len(_HEADER_LINES) >= _HEADER_LINES_MAX:
            _HEADER_LINES.clear()
        head = name if name in _PLAIN_HEADER_NAMES else normalize(name)
        line = _HEADER_LINES[(name, trimmed)] = head + ":" + normalize(trimmed)
    return line


# --------------------------------------------------------------------------- timestamps

_TIMESTAMP = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z")


def format_timestamp(moment: datetime) -> str:
    """Format a datetime in the seed's ``YYYY-MM-DDThh:mm:ssZ`` UTC form (naive means UTC).

    Runs once per signed request: a UTC or naive datetime is formatted without conversion, and
    ``%`` formatting is used because it is about twice as fast as ``strftime`` or an f-string with
    format specs here.
    """
    if moment.tzinfo is not None and moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)
    return "%04d-%02d-%02dT%02d:%02d:%02dZ" % (  # noqa: UP031 -- measured faster (see docstring)
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second,
    )


#: The last datetime :func:`sign_request` formatted, and its text: requests signed in the same
#: second pass equal datetimes.  (A tuple, replaced whole, so threads never see half an update.)
_last_moment: tuple[datetime | None, str] = (None, "")
#: ``(second, stamp)`` of the last :func:`_now_stamp` call.
_last_now: tuple[int, str] = (-1, "")


def _now_stamp() -> str:
    """``format_timestamp(datetime.now(UTC))``, reformatted only when the second changes.

    A client signing many requests reads the clock for each; within one second the text is the
    same, so one remembered pair replaces building a datetime and formatting it.
    """
    global _last_now
    now = int(time.time())
    if now != _last_now[0]:
        _last_now = (now, "%04d-%02d-%02dT%02d:%02d:%02dZ" % time.gmtime(now)[:6])  # noqa: UP031
    return _last_now[1]


@lru_cache(maxsize=256)
def parse_timestamp(text: str) -> datetime:
    """Parse ``YYYY-MM-DDThh:mm:ssZ`` strictly (ASCII digits, no offsets, no fractions).

    Raises ``ValueError`` otherwise (also for impossible dates such as February 30th).
    Cached: a server sees the same few timestamps over and over within one second.
    """
    match = _TIMESTAMP.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"timestamp {text!r} is not in YYYY-MM-DDThh:mm:ssZ form")
    try:
        return datetime(*map(int, match.groups()), tzinfo=UTC)
    except ValueError:
        raise ValueError(f"timestamp {text!r} is not a valid date and time") from None


# --------------------------------------------------------------------------- signing


class SignedRequest(NamedTuple):
    """Every intermediate value of one signature, for debugging and test vectors.

    Immutable; a ``NamedTuple`` rather than a frozen dataclass because one is built per signed
    request and a frozen dataclass costs about four times as much to construct.
    """

    authorization: str
    auth_string_prefix: str
    canonical_request: str
    signing_key: str
    signature: str
    signed_headers: tuple[str, ...]
    headers: dict[str, str]

    def as_dict(self) -> dict[str, object]:
        return {
            "authorization": self.authorization,
            "auth_string_prefix": self.auth_string_prefix,
            "canonical_request": self.canonical_request,
            "signing_key": self.signing_key,
            "signature": self.signature,
            "signed_headers": ";".join(self.signed_headers),
        }


#: RFC 2104's inner and outer pads as ``bytes.translate`` tables: ``key.translate(_IPAD)`` is
#: ``key XOR 0x36`` byte by byte.
_IPAD = bytes(b ^ 0x36 for b in range(256))
_OPAD = bytes(b ^ 0x5C for b in range(256))
_SHA256_BLOCK = 64


def hmac_sha256_hex(key: bytes, message: bytes) -> str:
    """``hex(HMAC-SHA256(key, message))``, RFC 2104 spelled out over ``hashlib.sha256``.

    Equal to ``hmac.new(key, message, "sha256").hexdigest()`` (a property test checks it) but
    about twice as fast for the short keys and messages of a signature: with OpenSSL 3 each
    one-shot ``hmac.digest`` sets up a MAC context, which costs more than hashing the three
    blocks involved.  Signing needs two HMACs per request, both with a key that is new every
    second, so this is most of the cold signing time.
    """
    if len(key) > _SHA256_BLOCK:
        key = hashlib.sha256(key).digest()
    key = key.ljust(_SHA256_BLOCK, b"\0")
    inner = hashlib.sha256(key.translate(_IPAD) + message).digest()
    return hashlib.sha256(key.translate(_OPAD) + inner).hexdigest()


_Pads = tuple["hashlib._Hash", "hashlib._Hash"]


def _pads(key: bytes) -> _Pads:
    """SHA-256 states that have absorbed ``key XOR ipad`` and ``key XOR opad`` (one block each)."""
    if len(key) > _SHA256_BLOCK:
        key = hashlib.sha256(key).digest()
    key = key.ljust(_SHA256_BLOCK, b"\0")
    return hashlib.sha256(key.translate(_IPAD)), hashlib.sha256(key.translate(_OPAD))


#: ``(secret, prefix) -> [signing key hex, None | False | its pads]`` (``None``: not used yet,
#: ``False``: used once, see :func:`_sign`).  Every request signed (or verified) within the same
#: second with the same key and expiration shares its prefix.  A plain dict emptied when full
#: rather than an ``lru_cache``: with a new prefix every second, lookups in a slow trickle of
#: requests mostly miss, and a dict miss skips the LRU's list upkeep and one-by-one eviction.
_SIGNING_KEYS: dict[tuple[str, str], list[Any]] = {}
_SIGNING_KEYS_MAX = 256


def _signing_key(secret_key: str, prefix: str) -> list[Any]:
    """The :data:`_SIGNING_KEYS` entry for ``(secret_key, prefix)``, computed on a miss."""
    entry = _SIGNING_KEYS.get((secret_key, prefix))
    if entry is None:
        if len(_SIGNING_KEYS) >= _SIGNING_KEYS_MAX:
            _SIGNING_KEYS.clear()
        # One HMAC per new prefix (once per second and key): spelled out directly, since setting
        # up the secret's pad states first would cost more than it saves on a single use.
        key = secret_key.encode("utf-8")
        if len(key) > _SHA256_BLOCK:
            key = hashlib.sha256(key).digest()
        key = key.ljust(_SHA256_BLOCK, b"\0")
        inner = hashlib.sha256(key.translate(_IPAD) + prefix.encode("utf-8")).digest()
        entry = _SIGNING_KEYS[(secret_key, prefix)] = [hashlib.sha256(key.translate(_OPAD) + inner).hexdigest(), None]
    return entry


def _sign(secret_key: str, prefix: str, message: bytes) -> tuple[str, str]:
    """``(signing key, hex(HMAC-SHA256(signing key, message)))``: both HMACs of a signature.

    The first message signed with a signing key is hashed directly; from the second on, the
    key's pad states are set up once and copied.  So a key used once (a new second) costs no
    more than a plain HMAC, and a key used again (many requests in one second) saves the set-up
    every time.  One function for both HMACs because it runs once per request and a Python call
    costs about as much as one of the hash steps.
    """
    entry = _SIGNING_KEYS.get((secret_key, prefix))
    if entry is None:  # a new prefix (a new second): both HMACs spelled out, nothing to reuse
        if len(_SIGNING_KEYS) >= _SIGNING_KEYS_MAX:
            _SIGNING_KEYS.clear()
        secret = secret_key.encode("utf-8")
        if len(secret) > _SHA256_BLOCK:
            secret = hashlib.sha256(secret).digest()
        secret = secret.ljust(_SHA256_BLOCK, b"\0")
        inner = hashlib.sha256(secret.translate(_IPAD) + prefix.encode("utf-8")).digest()
        hex_key = hashlib.sha256(secret.translate(_OPAD) + inner).hexdigest()
        _SIGNING_KEYS[(secret_key, prefix)] = [hex_key, False]  # seen once
        key = hex_key.encode("ascii")  # 64 hex digits: exactly one SHA-256 block, no padding
        inner = hashlib.sha256(key.translate(_IPAD) + message).digest()
        return hex_key, hashlib.sha256(key.translate(_OPAD) + inner).hexdigest()
    pads = entry[1]
    if pads is None:
        entry[1] = False  # seen once
        return entry[0], hmac_sha256_hex(entry[0].encode("ascii"), message)
    if pads is False:
        pads = entry[1] = _pads(entry[0].encode("ascii"))
    inner = pads[0].copy()
    inner.update(message)
    outer = pads[1].copy()
    outer.update(inner.digest())
    return entry[0], outer.hexdigest()


def signing_key(secret_key: str, prefix: str) -> str:
    """``hex(HMAC-SHA256(SK, authStringPrefix))``, remembered for the rest of its second."""
    return _signing_key(secret_key, prefix)[0]


def clear_caches() -> None:
    """Forget every cached key, timestamp and header line (for benchmarks and tests of cold paths)."""
    global _last_moment, _last_now
    _SIGNING_KEYS.clear()
    _HEADER_LINES.clear()
    _last_moment = (None, "")
    _last_now = (-1, "")
    for cached in (parse_timestamp, _header_name, _signed_names):
        cached.cache_clear()


def _split_url(url: str) -> tuple[str, str, str]:
    """``(wire_path, raw_query, host)`` of an absolute URL or an origin-form ``/path?query``."""
    if url.startswith("/"):  # origin-form: split by hand so a leading "//" is not taken for a host
        path_query = url.partition("#")[0]
        wire_path, _, raw_query = path_query.partition("?")
        return wire_path, raw_query, ""
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        raise ValueError(f"URL must be absolute (scheme://host/path) or start with '/': {url!r}")
    host = parts.netloc.rpartition("@")[2]  # userinfo is never part of the Host header
    return parts.path, parts.query, host


#: Header names a client sends on nearly every request, lower-case: each is an HTTP token made of
#: unreserved characters only, so a name whose ``lower()`` is one of them needs no stripping, no
#: token check and no percent-encoding.  A constant, not a cache: a fresh client (nothing signed
#: yet, ``benchmarks/signing.py``'s cold case) gets it for free.
_PLAIN_HEADER_NAMES = frozenset(
    {
        "host",
        "x-bce-date",
        "user-agent",
        "content-type",
        "content-length",
        "content-md5",
        "x-bce-request-id",
        "x-bce-security-token",
        "x-bce-content-sha256",
        "accept",
        "accept-encoding",
        "connection",
        "authorization",
    }
)
#: The signedHeaders list this API signs (seed 000), already in its standard form.
_STANDARD_SIGNED = ("host", "x-bce-date")


@lru_cache(maxsize=256)
def _header_name(name: str) -> str:
    """A header name stripped and lower-cased, or ``ValueError`` if it is not an HTTP token."""
    lname = name.strip().lower()
    if not _is_token(lname):
        raise ValueError(f"invalid header name {name!r}")
    return lname


@lru_cache(maxsize=64)
def _signed_names(names: tuple[str, ...]) -> tuple[str, ...]:
    """The signedHeaders list in its standard form: lower-case, de-duplicated, sorted."""
    return tuple(sorted({_header_name(name) for name in names if name.strip()}))


def sign_request(
    method: str,
    url: str,
    headers: Mapping[str, str],
    access_key: str,
    secret_key: str,
    *,
    timestamp: datetime | str | None = None,
    expiration: int = DEFAULT_EXPIRATION,
    signed_headers: Iterable[str] = ("host", "x-bce-date"),
    security_token: str | None = None,
) -> SignedRequest:
    """Sign one request and return the headers to send plus every intermediate value.

    ``url`` is the final URL (or just ``path?query``) exactly as it goes on the wire.  ``Host``
    defaults to the URL's host (with port); ``x-bce-date`` defaults to the timestamp, so the
    caller only has to add the returned ``headers`` (``Authorization``, ``x-bce-date``, ``Host``,
    and ``x-bce-security-token`` when there is one).  The ``signed_headers`` named are signed and
    listed (the standard form), plus ``x-bce-security-token`` whenever the request carries one:
    ``security_token`` (an STS session token, for temporary credentials) sets that header.  Bad
    input (malformed URL or timestamp, invalid header name or method) raises ``ValueError``.
    """
    global _last_moment
    # The body is written out inline rather than as calls to the canonical_* helpers: it runs
    # once per client request, and with a new timestamp every second there is nothing to cache,
    # so function calls and intermediate strings are most of what is left (benchmarks/signing.py).
    if timestamp is None:
        stamp = _now_stamp()
    elif isinstance(timestamp, str):
        parse_timestamp(timestamp)  # validates; the text is already the canonical form
        stamp = timestamp
    elif timestamp == _last_moment[0]:
        stamp = _last_moment[1]
    else:
        if timestamp.tzinfo is UTC or timestamp.tzinfo is None:  # format_timestamp, inlined
            stamp = "%04d-%02d-%02dT%02d:%02d:%02dZ" % (  # noqa: UP031 -- see format_timestamp
                timestamp.year,
                timestamp.month,
                timestamp.day,
                timestamp.hour,
                timestamp.minute,
                timestamp.second,
            )
        else:
            stamp = format_timestamp(timestamp)
        _last_moment = (timestamp, stamp)
    if not isinstance(expiration, int) or expiration < 0:
        raise ValueError("expiration must be a non-negative number of seconds")
    if method not in _COMMON_METHODS and not _is_token(method):
        raise ValueError(f"invalid HTTP method {method!r}")
    if not access_key or "/" in access_key:
        raise ValueError("the access key id must be non-empty and contain no '/'")
    if url[:1] == "/":  # origin-form (what the HTTP adapters pass): no URL parser needed
        wire_path, _, raw_query = url.partition("#")[0].partition("?")
        netloc = ""
    else:
        wire_path, raw_query, netloc = _split_url(url)
    # Common case first, in C-level steps: every name one of the usual ones and every value a str.
    merged = {name.lower(): value for name, value in headers.items()}
    if len(merged) != len(headers) or not _PLAIN_HEADER_NAMES.issuperset(merged):
        merged = {_header_name(name): value for name, value in headers.items()}
    try:
        values = "".join(merged.values())  # one scan for all values
    except TypeError:  # a value that is not a str (an int Content-Length, say)
        merged = {name: value if type(value) is str else str(value) for name, value in merged.items()}
        values = "".join(merged.values())
    if "\n" in values or "\r" in values or "\0" in values:
        for name, value in merged.items():
            if "\n" in value or "\r" in value or "\0" in value:
                raise ValueError(f"header {name!r} has a line break or NUL in its value")
    if "host" not in merged and netloc:
        merged["host"] = netloc
    if "x-bce-date" not in merged:
        merged["x-bce-date"] = stamp
    if security_token is not None:
        if "\n" in security_token or "\r" in security_token or "\0" in security_token:
            raise ValueError("the security token has a line break or NUL in it")
        merged[SECURITY_TOKEN_HEADER] = security_token
    names = signed_headers if type(signed_headers) is tuple else tuple(signed_headers)
    if SECURITY_TOKEN_HEADER in merged:
        names = (*names, SECURITY_TOKEN_HEADER)  # signed whenever it is sent
    if names == _STANDARD_SIGNED:  # what this API signs (seed 000): host, then x-bce-date
        ordered = _STANDARD_SIGNED
        date = merged["x-bce-date"]
        # The stamp is canonical (validated or formatted above): only its ':' need encoding.
        # Spelled out because this line is new every second, so a cache would never hit.
        date_line = "x-bce-date:" + stamp.replace(":", "%3A") if date == stamp else _line("x-bce-date", date)
        host = merged.get("host")
        host_line = _line("host", host) if host is not None else ""
        headers_text = f"{host_line}\n{date_line}" if host_line and date_line else host_line or date_line
    else:
        ordered = _signed_names(names)
        headers_text = _canonical_lines(merged, ordered, stamp)
    prefix = AUTH_VERSION + "/" + access_key + "/" + stamp + "/" + str(expiration)
    creq = f"{method.upper()}\n{canonical_uri(wire_path)}\n{canonical_query_string(raw_query)}\n{headers_text}"
    key, sig = _sign(secret_key, prefix, creq.encode("utf-8"))
    authorization = f"{prefix}/{';'.join(ordered)}/{sig}"
    out = {"Authorization": authorization, "x-bce-date": merged["x-bce-date"]}
    if "host" in merged:
        out["Host"] = merged["host"]
    if security_token is not None:
        out[SECURITY_TOKEN_HEADER] = security_token
    # tuple.__new__ directly: the NamedTuple's generated __new__ adds a Python frame per request.
    return tuple.__new__(SignedRequest, (authorization, prefix, creq, key, sig, ordered, out))


def _line(name: str, value: str) -> str:
    """The canonical line of one header value as sent ("" when it is empty once trimmed)."""
    trimmed = value.strip(_HEADER_WHITESPACE)
    return _header_line(name, trimmed) if trimmed else ""


def _canonical_lines(merged: Mapping[str, str], ordered: tuple[str, ...], stamp: str) -> str:
    """Canonical headers of ``ordered`` (sorted names) from ``merged`` (the general case)."""
    lines = []
    for name in ordered:
        value = merged.get(name)
        if value is None:
            continue
        if value == stamp and name == "x-bce-date":
            # The stamp is canonical (validated or formatted above): only its ':' need encoding.
            # Spelled out because this line is new every second, so a cache would never hit.
            lines.append("x-bce-date:" + stamp.replace(":", "%3A"))
            continue
        trimmed = value.strip(_HEADER_WHITESPACE)
        if trimmed:
            lines.append(_header_line(name, trimmed))
    lines.sort()
    return "\n".join(lines)


# --------------------------------------------------------------------------- verification


class AuthError(Exception):
    """A request failed authentication.  ``kind`` selects the BCE status/code from the spec's
    ``x-bce-auth.errors`` table (see :class:`ccr_contract.spec.AuthRules`)."""

    kind = "invalid"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MissingAuthorization(AuthError):
    kind = "missing"


class MalformedAuthorization(AuthError):
    kind = "malformed"


class UnknownAccessKey(AuthError):
    kind = "unknownKey"


class RequestExpired(AuthError):
    kind = "expired"


class RequestNotYetValid(AuthError):
    kind = "notYetValid"


class SignatureMismatch(AuthError):
    kind = "mismatch"


class ExpirationTooLong(MalformedAuthorization):
    """``expirationPeriodInSeconds`` is beyond the policy's maximum.

    Answered as ``malformed`` (400 ``InvalidHTTPAuthHeader``): the header asks for something the
    server does not allow, which is a fault in the header, not a signature that has run out --
    ``RequestExpired`` would tell a client holding a fresh signature to fix its clock.  A class of
    its own so callers (and tests) can tell it from a header that does not parse.
    """


@dataclass(frozen=True)
class ParsedAuthorization:
    version: str
    access_key: str
    timestamp: datetime
    timestamp_text: str
    expiration: int
    signed_headers: tuple[str, ...]
    signature: str

    @cached_property
    def prefix(self) -> str:
        return f"{self.version}/{self.access_key}/{self.timestamp_text}/{self.expiration}"

    @cached_property
    def canonical_names(self) -> tuple[str, ...]:
        """The signed header names as the canonical request lists them: sorted, once each."""
        return tuple(sorted(set(self.signed_headers)))

    @cached_property
    def epoch(self) -> float:
        """``timestamp`` in POSIX seconds (the verifier compares seconds, see :func:`verify_request`)."""
        return self.timestamp.timestamp()


_EXPIRATION = re.compile(r"0|[1-9][0-9]{0,9}")
_SIGNATURE = re.compile(r"[0-9a-f]{64}")


#: Authorization header text -> its parse, for headers that parsed (a failure is worked out
#: again each time: its message is the answer).  A client that pre-signs a request (a signature
#: may stay valid for days, ``maxExpirationSeconds``) or polls within one second sends the same
#: header again and again; the parse (a timestamp and two patterns) is a fifth of a verification.
#: Only a cache of parsing: the time window and the HMAC are still checked on every request.
#: A plain dict emptied when full, as :data:`_SIGNING_KEYS`; only headers of at most
#: :data:`_PARSED_AUTHORIZATION_CHARS` are kept (an SDK's is about 200), so unauthenticated
#: requests with huge headers cannot fill memory with it (at most ~1 MiB in all).
_PARSED_AUTHORIZATIONS: dict[str, ParsedAuthorization] = {}
_PARSED_AUTHORIZATIONS_MAX = 1024
_PARSED_AUTHORIZATION_CHARS = 1024


def parse_authorization(value: str | None) -> ParsedAuthorization:
    """Parse ``bce-auth-v1/{ak}/{ts}/{exp}/{signedHeaders}/{signature}`` or raise a typed error.

    The expiration must be a plain decimal (ASCII digits, no leading zero) so that the prefix
    rebuilt from the parsed value is byte-for-byte the one the client signed.
    """
    parsed = _PARSED_AUTHORIZATIONS.get(value) if value is not None else None
    if parsed is None:
        parsed = _parse_authorization(value)
        if len(value) <= _PARSED_AUTHORIZATION_CHARS:  # type: ignore[arg-type]  # a str: None raised
            if len(_PARSED_AUTHORIZATIONS) >= _PARSED_AUTHORIZATIONS_MAX:
                _PARSED_AUTHORIZATIONS.clear()
            _PARSED_AUTHORIZATIONS[value] = parsed  # type: ignore[index]
    return parsed


def _parse_authorization(value: str | None) -> ParsedAuthorization:
    if value is None or not value.strip():
        raise MissingAuthorization("the Authorization header is missing")
    parts = value.strip().split("/")
    if len(parts) != 6:
        raise MalformedAuthorization("Authorization must have 6 '/'-separated fields")
    version, ak, stamp, exp, signed, sig = parts
    if version != AUTH_VERSION:
        raise MalformedAuthorization(f"unsupported auth version {version[:20]!r}; expected {AUTH_VERSION}")
    if not ak:
        raise MalformedAuthorization("the access key id field is empty")
    try:
        moment = parse_timestamp(stamp)
    except ValueError:
        raise MalformedAuthorization("the timestamp field is not YYYY-MM-DDThh:mm:ssZ") from None
    if not _EXPIRATION.fullmatch(exp):
        raise MalformedAuthorization(
            "expirationPeriodInSeconds must be a decimal integer from 0 to 9999999999 without leading zeros"
        )
    if not _SIGNATURE.fullmatch(sig):
        raise MalformedAuthorization("the signature must be 64 lower-case hex characters")
    names = tuple(h.strip().lower() for h in signed.split(";") if h.strip())
    return ParsedAuthorization(version, ak, moment, stamp, int(exp), names, sig)


@dataclass
class VerifyPolicy:
    """What the verifier requires beyond a matching HMAC (read from the spec's ``x-bce-auth``).

    ``required_signed_headers`` must be named by the signature *and* present (non-empty) in the
    request; ``signed_when_present`` must be covered by the signature whenever the request carries
    them (the STS ``x-bce-security-token``).  ``accept_variants=False`` accepts the standard form
    only.  ``max_expiration`` is the longest ``expirationPeriodInSeconds`` accepted (``None``: no
    ceiling beyond the parser's).
    """

    clock_skew: int = 300
    required_signed_headers: frozenset[str] = field(default_factory=lambda: frozenset({"host"}))
    signed_when_present: frozenset[str] = field(default_factory=lambda: frozenset({SECURITY_TOKEN_HEADER}))
    accept_variants: bool = True
    max_expiration: int | None = MAX_EXPIRATION


@dataclass(frozen=True)
class Verified:
    """Who signed the request, and which dialect (``"standard"`` or a named variant) matched;
    ``signed_headers`` is the Authorization header's own list (as parsed, before any variant)."""

    access_key: str
    variant: str
    signed_headers: tuple[str, ...] = field(default=(), compare=False)


#: Characters that would make a raw (unencoded) query key ambiguous in the canonical query.
_AMBIGUOUS_IN_RAW_KEY = re.compile(r"[=&\n%]")


def _variants(
    parsed: ParsedAuthorization, lowered: Mapping[str, str], raw_query: str, accept: bool
) -> list[tuple[str, tuple[str, ...], bool, bool]]:
    """The canonicalisations to try, standard first: (name, signed headers, drop auth, norm keys)."""
    if parsed.signed_headers:
        header_forms = [((), tuple(sorted(set(parsed.signed_headers))))]
    elif accept:
        header_forms = []  # an empty field means the SDK default set (below), never "nothing signed"
    else:
        header_forms = [((), ())]  # strict: taken literally (no headers signed)
    if accept:
        bce_headers = {h for h in lowered if h.startswith("x-bce-")}
        if parsed.signed_headers:
            with_bce = tuple(sorted(set(parsed.signed_headers) | bce_headers))
            if with_bce != header_forms[0][1]:
                header_forms.append(((VARIANT_EXPLICIT_LIST_PLUS_X_BCE,), with_bce))
        else:  # Python and Java write an empty field when they sign their default set
            defaults = tuple(sorted((SDK_DEFAULT_SIGNED_HEADERS & lowered.keys()) | bce_headers))
            header_forms.append(((VARIANT_EMPTY_SIGNED_HEADERS,), defaults))
    query_forms: list[tuple[tuple[str, ...], bool, bool]] = [((), True, True)]
    if accept and raw_query:
        pairs = parse_query(raw_query)
        if any(k.lower() == b"authorization" for k, _ in pairs):
            query_forms.append(((VARIANT_KEEPS_AUTHORIZATION_QUERY,), False, True))
        raw_keys = [k.decode("utf-8", "replace") for k, _ in pairs]
        if any(normalize(k) != k for k in raw_keys) and not any(_AMBIGUOUS_IN_RAW_KEY.search(k) for k in raw_keys):
            query_forms += [((*names, VARIANT_RAW_QUERY_KEYS), drop, False) for names, drop, _ in list(query_forms)]
    out = []
    for header_names, signed in header_forms:
        for query_names, drop, norm in query_forms:
            out.append(("+".join((*header_names, *query_names)) or STANDARD, signed, drop, norm))
    return out


#: Dialects whose signature covers every ``x-bce-*`` header present, listed or not.
_SIGNS_EVERY_X_BCE = (VARIANT_EXPLICIT_LIST_PLUS_X_BCE, VARIANT_EMPTY_SIGNED_HEADERS)


def _covers_what_it_must(verified: Verified, lowered: Mapping[str, str], policy: VerifyPolicy) -> Verified:
    """``verified`` if its signature covers each ``policy.signed_when_present`` header the request
    carries, else :class:`MalformedAuthorization` (as for a signature that leaves out ``host``).

    Checked after the HMAC matched because "covered" depends on the dialect that matched: the
    Python and Java SDKs sign every ``x-bce-*`` header without listing it.
    """
    for name in policy.signed_when_present:
        if not _trim(lowered.get(name, "")) or name in verified.signed_headers:
            continue
        if name.startswith("x-bce-") and any(v in verified.variant for v in _SIGNS_EVERY_X_BCE):
            continue
        raise MalformedAuthorization(f"the request carries {name}, so the signature must cover it")
    return verified


def verify_request(
    method: str,
    wire_path: str,
    raw_query: str,
    headers: Mapping[str, str],
    lookup_secret: Callable[[str], str | None],
    *,
    now: datetime | None = None,
    policy: VerifyPolicy | None = None,
) -> Verified:
    """Verify a request as received; return who signed it or raise an :class:`AuthError`.

    Checks, in order: header present and well-formed, the required headers (host) covered by
    the signature and present, access key known, time window ``[ts - skew, ts + expiration +
    skew]`` (inclusive), expiration at most ``policy.max_expiration``, then the HMAC
    (constant-time) over the standard form and, if the policy allows, the named variants, and
    last that a security token sent with the request is covered by the signature.  The
    ceiling comes after the window so that a stale or future-dated request is reported as such
    whatever expiration it claims.
    """
    policy = policy or VerifyPolicy()
    lowered = {k.strip().lower(): str(v) for k, v in headers.items()}
    parsed = parse_authorization(lowered.get("authorization"))
    if parsed.signed_headers:
        covered = parsed.canonical_names
    else:
        covered = tuple(SDK_DEFAULT_SIGNED_HEADERS) if policy.accept_variants else ()
    missing = policy.required_signed_headers.difference(covered)
    if missing:
        raise MalformedAuthorization(f"signedHeaders must include {', '.join(sorted(missing))}")
    absent = [h for h in policy.required_signed_headers if not _trim(lowered.get(h, ""))]
    if absent:
        raise MalformedAuthorization(f"the signed header {', '.join(sorted(absent))} is missing from the request")
    secret = lookup_secret(parsed.access_key)
    if secret is None:
        raise UnknownAccessKey("the access key id is not known to this server")
    # Compare POSIX seconds, not datetimes: ``timestamp - skew`` near year 1 (or ``+ expiration``
    # near year 9999) overflows datetime, and an unsigned header must never reach a 500.
    # (time.time() is what datetime.now(UTC).timestamp() reads, without making the datetime.)
    now_s = time.time() if now is None else (now if now.tzinfo else now.replace(tzinfo=UTC)).timestamp()
    stamp_s = parsed.epoch
    if now_s < stamp_s - policy.clock_skew:
        raise RequestNotYetValid("the signature timestamp is in the future")
    if now_s > stamp_s + parsed.expiration + policy.clock_skew:
        raise RequestExpired("the signature has expired")
    if policy.max_expiration is not None and parsed.expiration > policy.max_expiration:
        raise ExpirationTooLong(
            f"expirationPeriodInSeconds {parsed.expiration} exceeds this server's maximum of {policy.max_expiration}"
        )
    curi = canonical_uri(wire_path)
    prefix = parsed.prefix
    method = method.upper()
    variants = None
    if parsed.signed_headers or not policy.accept_variants:
        # The standard form is always tried first; most requests are in it, so the variants (which
        # parse the query and scan the headers) are only worked out when it does not match.
        signed = parsed.canonical_names
        creq = f"{method}\n{curi}\n{canonical_query_string(raw_query)}\n{_canonical_headers_lowered(lowered, signed)}"
        if hmac.compare_digest(_sign(secret, prefix, creq.encode("utf-8"))[1], parsed.signature):
            return _covers_what_it_must(Verified(parsed.access_key, STANDARD, parsed.signed_headers), lowered, policy)
        variants = _variants(parsed, lowered, raw_query, policy.accept_variants)[1:]
    if variants is None:
        variants = _variants(parsed, lowered, raw_query, policy.accept_variants)
    for name, signed, drop_auth, norm_keys in variants:
        creq = (
            f"{method}\n{curi}\n"
            f"{canonical_query_string(raw_query, drop_authorization=drop_auth, normalize_keys=norm_keys)}\n"
            f"{_canonical_headers_lowered(lowered, signed)}"
        )
        if hmac.compare_digest(_sign(secret, prefix, creq.encode("utf-8"))[1], parsed.signature):
            return _covers_what_it_must(Verified(parsed.access_key, name, parsed.signed_headers), lowered, policy)
    raise SignatureMismatch("the request signature does not match")
