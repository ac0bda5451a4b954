"""The server's authenticate stage: bce-auth-v1 verification, what the signature covers, the body
digests and the rule that writes must sign one.

Why one module: the three decide together whether a request's bytes are the ones its owner signed.
The signature covers some headers (:class:`Covered`, returned by the verifier so nothing parses the
``Authorization`` header a second time); a body digest header, when present, must match the body
(:meth:`RequestVerifier.check_body`), which is what extends a signature over the body; and with
``require_body_signature`` a write whose signature covers no digest is refused.  Verification itself
is :func:`ccr_contract.signing.verify_request` (signing exists once); which status and code each
failure answers comes from the spec's ``x-bce-auth``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ccr_contract.server.errors import ApiError, bad_digest
from ccr_contract.signing import (
    SDK_DEFAULT_SIGNED_HEADERS,
    STANDARD,
    VARIANT_EMPTY_SIGNED_HEADERS,
    VARIANT_EXPLICIT_LIST_PLUS_X_BCE,
    AuthError,
    MalformedAuthorization,
    verify_request,
)
from ccr_contract.spec import AuthRules

#: The body digests a client may sign (bce-auth-v1 itself signs no body).
DIGEST_HEADERS = frozenset({"x-bce-content-sha256", "content-md5"})
#: Methods that change nothing: exempt from ``require_body_signature``.
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Covered:
    """What an accepted signature covers: who signed, and the header names (present, non-empty)
    the matching dialect signed."""

    access_key: str
    headers: frozenset[str]

    @property
    def body_digest(self) -> bool:
        """Whether a body digest header is among the signed ones (the body is then signed too)."""
        return not self.headers.isdisjoint(DIGEST_HEADERS)


def _covered_names(headers: Mapping[str, str], variant: str, listed: tuple[str, ...]) -> frozenset[str]:
    """The header names the accepted signature really covers (present with a non-empty value), given
    the dialect that matched: a tolerated variant may sign more than the listed names."""
    if variant == STANDARD:  # the common case: exactly the listed names
        return frozenset(name for name in listed if headers.get(name, "").strip())
    dialects = variant.split("+")
    names = set(listed)
    x_bce = {name for name in headers if name.startswith("x-bce-")}
    if VARIANT_EMPTY_SIGNED_HEADERS in dialects:
        names = (SDK_DEFAULT_SIGNED_HEADERS & headers.keys()) | x_bce
    if VARIANT_EXPLICIT_LIST_PLUS_X_BCE in dialects:
        names |= x_bce
    return frozenset(name for name in names if headers.get(name, "").strip())


def digest_problem(headers: Mapping[str, str], body: bytes) -> str | None:
    """Why the body does not match a digest header the request carries, or None."""
    sha256 = headers.get("x-bce-content-sha256", "").strip()
    if sha256 and not hmac.compare_digest(sha256.lower().encode("latin-1"), hashlib.sha256(body).hexdigest().encode()):
        return "x-bce-content-sha256 does not match the request body (hex SHA-256 of the bytes sent)"
    md5 = headers.get("content-md5", "").strip()
    if md5:
        try:
            given = base64.b64decode(md5, validate=True)
        except (binascii.Error, ValueError):
            return "Content-MD5 is not base64"
        if not hmac.compare_digest(given, hashlib.md5(body, usedforsecurity=False).digest()):
            return "Content-MD5 does not match the request body (base64 MD5 of the bytes sent)"
    return None


def carries_digest(headers: Mapping[str, str]) -> bool:
    """Whether the request sends a body digest (then its body is read and checked, even on a GET)."""
    return any(headers.get(name, "").strip() for name in DIGEST_HEADERS)


class RequestVerifier:
    """Verifies requests for one server: its key pairs, the spec's ``x-bce-auth`` policy and error
    codes, and whether writes must sign a body digest."""

    def __init__(self, spec: dict[str, Any], credentials: Mapping[str, str], *, require_body_signature: bool) -> None:
        self.rules = AuthRules.from_spec(spec)
        self.policy = self.rules.verify_policy()
        self._credentials = dict(credentials)
        self.require_body_signature = require_body_signature

    def verify(self, method: str, wire_path: str, raw_query: str, headers: Mapping[str, str]) -> Covered:
        """The request's signature checked (``ApiError`` with the spec's status and code when it
        fails, or when a write must sign a body digest and does not); what it covers."""
        try:
            verified = verify_request(method, wire_path, raw_query, headers, self._credentials.get, policy=self.policy)
        except AuthError as exc:
            raise self.error(exc) from None
        covered = Covered(verified.access_key, _covered_names(headers, verified.variant, verified.signed_headers))
        if self.require_body_signature and method not in READ_METHODS and not covered.body_digest:
            raise self.error(
                MalformedAuthorization(
                    "signedHeaders must include x-bce-content-sha256 or content-md5 "
                    "(this server requires a signed body digest on writes)"
                )
            )
        return covered

    @staticmethod
    def check_body(headers: Mapping[str, str], body: bytes) -> None:
        """A 400 ``BadDigest`` when a digest header the request carries does not match ``body``."""
        problem = digest_problem(headers, body)
        if problem is not None:
            raise bad_digest(problem)

    def error(self, exc: AuthError) -> ApiError:
        status, code = self.rules.error_for(exc)
        return ApiError(status, code, exc.message)
