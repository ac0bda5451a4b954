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

Where the SDKs disagree (see ``spec/signing-vectors/README.md``) the verifier accepts a small,
explicit list of *variants*, each named, so a server can tell which dialect a client spoke.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import quote, unquote_to_bytes, urlsplit

AUTH_VERSION = "bce-auth-v1"
TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
DEFAULT_EXPIRATION = 1800
#: Headers an SDK signs when the caller names none (plus every ``x-bce-*`` header present).
SDK_DEFAULT_SIGNED_HEADERS = frozenset({"host", "content-md5", "content-length", "content-type"})


# --------------------------------------------------------------------------- normalized strings


def normalize(value: str | bytes, *, keep_slash: bool = False) -> str:
    """Return the seed's *normalized string*: RFC 3986 unreserved characters kept, every other
    UTF-8 byte written ``%XX`` with upper-case hex.

    ``urllib.parse.quote`` with an empty safe set is exactly that rule (its always-safe set is
    ``A-Za-z0-9-._~`` and it emits upper-case hex), so we use it rather than a hand-written table.
    """
    return quote(value, safe="/" if keep_slash else "")


def canonical_uri(wire_path: str) -> str:
    """Canonical URI of a path *as sent on the wire* (percent-encoded).

    The path is percent-decoded to bytes first, so ``%E6%B5%8B`` and a raw ``测`` canonicalise
    identically and nothing is double-encoded; ``/`` is kept, an empty path is ``/``.
    """
    if not wire_path:
        return "/"
    return normalize(unquote_to_bytes(wire_path), keep_slash=True)


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
        key_b = key.encode() if isinstance(key, str) else key
        if drop_authorization and key_b.lower() == b"authorization":
            continue
        key_s = normalize(key_b) if normalize_keys else key_b.decode("utf-8", "replace")
        val_s = "" if value is None else normalize(value)
        items.append(f"{key_s}={val_s}")
    items.sort()
    return "&".join(items)


def canonical_headers(headers: Mapping[str, str], signed: Iterable[str]) -> str:
    """Canonical headers: ``normalize(lower(name)):normalize(trim(value))`` lines, sorted.

    Only the headers named in ``signed`` take part; headers whose trimmed value is empty are
    skipped, as every SDK does.
    """
    wanted = {name.strip().lower() for name in signed}
    lines = []
    for name, value in headers.items():
        lname = name.strip().lower()
        if lname not in wanted:
            continue
        trimmed = str(value).strip()
        if not trimmed:
            continue
        lines.append(f"{normalize(lname)}:{normalize(trimmed)}")
    lines.sort()
    return "\n".join(lines)


# --------------------------------------------------------------------------- timestamps


def format_timestamp(moment: datetime) -> str:
    """Format a datetime in the seed's ``YYYY-MM-DDThh:mm:ssZ`` UTC form."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime(TIMESTAMP_FORMAT)


def parse_timestamp(text: str) -> datetime:
    """Parse ``YYYY-MM-DDThh:mm:ssZ`` strictly (no offsets, no fractions); ``ValueError`` otherwise."""
    if len(text) != 20 or not text.endswith("Z"):
        raise ValueError(f"timestamp {text!r} is not in YYYY-MM-DDThh:mm:ssZ form")
    return datetime.strptime(text, TIMESTAMP_FORMAT).replace(tzinfo=UTC)


# --------------------------------------------------------------------------- signing


@dataclass(frozen=True)
class SignedRequest:
    """Every intermediate value of one signature, for debugging and test vectors."""

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


def _hmac_hex(key: bytes, message: str) -> str:
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()


def signing_key(secret_key: str, prefix: str) -> str:
    """``hex(HMAC-SHA256(SK, authStringPrefix))``."""
    return _hmac_hex(secret_key.encode("utf-8"), prefix)


def _signature(secret_key: str, prefix: str, canonical_request: str) -> tuple[str, str]:
    key = signing_key(secret_key, prefix)
    return key, _hmac_hex(key.encode("ascii"), canonical_request)


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
) -> SignedRequest:
    """Sign one request and return the headers to send plus every intermediate value.

    ``url`` is the final URL (or just ``path?query``) exactly as it goes on the wire.  ``Host``
    defaults to the URL's netloc (with port); ``x-bce-date`` defaults to the timestamp, so the
    caller only has to add the returned ``headers`` (``Authorization``, ``x-bce-date``, ``Host``).
    """
    if isinstance(timestamp, str):
        stamp = format_timestamp(parse_timestamp(timestamp))
    else:
        stamp = format_timestamp(timestamp or datetime.now(UTC))
    if expiration < 0:
        raise ValueError("expiration must be a non-negative number of seconds")
    if url.startswith("/"):  # origin-form: split by hand so a leading "//" is not taken for a host
        wire_path, _, raw_query = url.partition("#")[0].partition("?")
        netloc = ""
    else:
        parts = urlsplit(url)
        wire_path, raw_query, netloc = parts.path, parts.query, parts.netloc
    merged = {k.strip().lower(): str(v) for k, v in headers.items()}
    if "host" not in merged and netloc:
        merged["host"] = netloc
    merged.setdefault("x-bce-date", stamp)
    names = tuple(sorted({h.strip().lower() for h in signed_headers if h.strip()}))
    prefix = f"{AUTH_VERSION}/{access_key}/{stamp}/{expiration}"
    creq = "\n".join(
        [
            method.upper(),
            canonical_uri(wire_path),
            canonical_query(parse_query(raw_query)),
            canonical_headers(merged, names),
        ]
    )
    key, sig = _signature(secret_key, prefix, creq)
    authorization = f"{prefix}/{';'.join(names)}/{sig}"
    out = {"Authorization": authorization, "x-bce-date": merged["x-bce-date"]}
    if "host" in merged:
        out["Host"] = merged["host"]
    return SignedRequest(authorization, prefix, creq, key, sig, names, out)


# --------------------------------------------------------------------------- verification


class AuthError(Exception):
    """A request failed authentication.  ``kind`` selects the BCE status/code from the spec's
    ``x-bce-auth.errors`` table (see :class:`ccr_contract.authrules.AuthRules`)."""

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


@dataclass(frozen=True)
class ParsedAuthorization:
    version: str
    access_key: str
    timestamp: datetime
    timestamp_text: str
    expiration: int
    signed_headers: tuple[str, ...]
    signature: str

    @property
    def prefix(self) -> str:
        return f"{self.version}/{self.access_key}/{self.timestamp_text}/{self.expiration}"


def parse_authorization(value: str | None) -> ParsedAuthorization:
    """Parse ``bce-auth-v1/{ak}/{ts}/{exp}/{signedHeaders}/{signature}`` or raise a typed error."""
    if value is None or not value.strip():
        raise MissingAuthorization("the Authorization header is missing")
    parts = value.strip().split("/")
    if len(parts) != 6:
        raise MalformedAuthorization("Authorization must have 6 '/'-separated fields")
    version, ak, stamp, exp, signed, sig = parts
    if version != AUTH_VERSION:
        raise MalformedAuthorization(f"unsupported auth version {version!r}; expected {AUTH_VERSION}")
    if not ak:
        raise MalformedAuthorization("the access key id field is empty")
    try:
        moment = parse_timestamp(stamp)
    except ValueError:
        raise MalformedAuthorization("the timestamp field is not YYYY-MM-DDThh:mm:ssZ") from None
    if not exp.isdigit() or len(exp) > 10:
        raise MalformedAuthorization("expirationPeriodInSeconds must be a non-negative integer")
    if len(sig) != 64 or any(c not in "0123456789abcdef" for c in sig):
        raise MalformedAuthorization("the signature must be 64 lower-case hex characters")
    names = tuple(h.strip().lower() for h in signed.split(";") if h.strip())
    return ParsedAuthorization(version, ak, moment, stamp, int(exp), names, sig)


@dataclass
class VerifyPolicy:
    """What the verifier requires beyond a matching HMAC (read from the spec's ``x-bce-auth``)."""

    clock_skew: int = 300
    required_signed_headers: frozenset[str] = field(default_factory=lambda: frozenset({"host"}))
    accept_variants: bool = True


@dataclass(frozen=True)
class Verified:
    access_key: str
    variant: str


def _variants(
    parsed: ParsedAuthorization, headers: Mapping[str, str], pairs: list[tuple[bytes, bytes | None]]
) -> list[tuple[str, tuple[str, ...], bool, bool]]:
    """The canonicalisations to try, standard first: (name, signed headers, drop auth, norm keys)."""
    present = {k.strip().lower() for k in headers}
    bce_headers = {h for h in present if h.startswith("x-bce-")}
    if parsed.signed_headers:
        standard = parsed.signed_headers
        with_bce = tuple(sorted(set(standard) | bce_headers))
    else:  # Python/Java write an empty field when they sign their default set
        standard = tuple(sorted((SDK_DEFAULT_SIGNED_HEADERS & present) | bce_headers))
        with_bce = standard
    out = [("standard", standard, True, True)]
    if with_bce != standard:
        out.append(("explicit-list-plus-x-bce", with_bce, True, True))
    if any(k.lower() == b"authorization" for k, _ in pairs):
        out += [(f"{n}+keeps-authorization-query", h, False, True) for n, h, _, _ in list(out)]
    if any(normalize(k) != k.decode("utf-8", "replace") for k, _ in pairs):
        out += [(f"{n}+raw-query-keys", h, d, False) for n, h, d, _ in list(out)]
    return out


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

    Checks, in order: header present and well-formed, host covered by the signature, access key
    known, time window ``[ts - skew, ts + expiration + skew]``, then the HMAC (constant-time).
    """
    policy = policy or VerifyPolicy()
    lowered = {k.lower(): v for k, v in headers.items()}
    parsed = parse_authorization(lowered.get("authorization"))
    covered = set(parsed.signed_headers) or SDK_DEFAULT_SIGNED_HEADERS
    missing = policy.required_signed_headers - covered
    if missing:
        raise MalformedAuthorization(f"signedHeaders must include {', '.join(sorted(missing))}")
    secret = lookup_secret(parsed.access_key)
    if secret is None:
        raise UnknownAccessKey("the access key id is not known to this server")
    moment = now or datetime.now(UTC)
    skew = timedelta(seconds=policy.clock_skew)
    if moment < parsed.timestamp - skew:
        raise RequestNotYetValid("the signature timestamp is in the future")
    if moment > parsed.timestamp + timedelta(seconds=parsed.expiration) + skew:
        raise RequestExpired("the signature has expired")
    pairs = parse_query(raw_query)
    curi = canonical_uri(wire_path)
    key = signing_key(secret, parsed.prefix).encode("ascii")
    candidates = _variants(parsed, lowered, pairs)
    if not policy.accept_variants:
        candidates = candidates[:1]
    for name, signed, drop_auth, norm_keys in candidates:
        creq = "\n".join(
            [
                method.upper(),
                curi,
                canonical_query(pairs, drop_authorization=drop_auth, normalize_keys=norm_keys),
                canonical_headers(lowered, signed),
            ]
        )
        if hmac.compare_digest(_hmac_hex(key, creq), parsed.signature):
            return Verified(parsed.access_key, name)
    raise SignatureMismatch("the request signature does not match")
