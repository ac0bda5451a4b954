"""The one BCE error body, and the JSON responses every answer of the reference server uses.

Every response, success or failure, carries ``x-bce-request-id``; an error body repeats the same
value as ``requestId`` so a client can quote either.  JSON is sent as
``application/json;charset=UTF-8``, byte for byte what the seed's examples show.
"""

from __future__ import annotations

import random
import re
from typing import Any

from starlette.responses import Response

from ccr_contract.server import codes, json_codec

CONTENT_TYPE = "application/json;charset=UTF-8"
REQUEST_ID_HEADER = "x-bce-request-id"

#: Message of the catch-all answer; deliberately says nothing about the failure.
INTERNAL_MESSAGE = "We encountered an internal error. Please try again."

# Codes of answers the spec does not declare yet (see /work/drafts/hardening-notes.md); the names
# follow Baidu's BOS, which answers the same conditions.
ENTITY_TOO_LARGE = "EntityTooLarge"
BAD_DIGEST = "BadDigest"

#: ``scheme://userinfo@`` in any text: the userinfo (a password, a token) is never echoed.  Only
#: what ends an authority (``/?#``) or a word (whitespace) stops it: better to cut a little too
#: much of a message than to leave a password with a quote in it.
_URL_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^/?#\s]*@")


def without_url_credentials(text: str) -> str:
    """``text`` with the ``user:password@`` part of every URL in it removed."""
    return _URL_USERINFO.sub(r"\1", text) if "@" in text else text


class ApiError(Exception):
    """A request the server refuses: raised anywhere in a handler, answered as a BCE error body."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def bad_request(message: str, code: str = codes.INVALID_REQUEST) -> ApiError:
    return ApiError(400, code, message)


def malformed_json(message: str) -> ApiError:
    return ApiError(400, codes.MALFORMED_JSON, message)


def not_found(message: str) -> ApiError:
    return ApiError(404, codes.NOT_FOUND, message)


def conflict(message: str) -> ApiError:
    return ApiError(409, codes.STATUS_CONFLICT, message)


def too_large(message: str) -> ApiError:
    return ApiError(413, ENTITY_TOO_LARGE, message)


def bad_digest(message: str) -> ApiError:
    return ApiError(400, BAD_DIGEST, message)


def shorten(text: str, limit: int = 300) -> str:
    """``text`` cut to ``limit`` characters (with ``...``), so a message never carries a huge input."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


#: UUID4's version nibble (4) and RFC 4122 variant bits (10), and the bits they replace.
_UUID4_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))
_UUID4_SET = (0x4000 << 64) | (0x8000 << 48)
_random_bits = random.getrandbits  # reseeded in a forked child by the random module itself


def new_request_id() -> str:
    """A fresh request id (a UUID4, the form the seed's examples show).

    A request id identifies an answer in logs; it guards nothing, so it comes from ``random``
    rather than ``uuid.uuid4()``: that reads ``os.urandom`` on every request, a system call that
    also hands the GIL to the store's worker thread under ``--db`` (benchmarks/server.py profile).
    """
    h = "%032x" % ((_random_bits(128) & _UUID4_CLEAR) | _UUID4_SET)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


_CONTENT_TYPE_BYTES = CONTENT_TYPE.encode("latin-1")
_REQUEST_ID_BYTES = REQUEST_ID_HEADER.encode("latin-1")


class JsonResponse(Response):
    """A Starlette ``Response`` whose raw headers are built directly, in the order Starlette writes
    them (``x-bce-request-id`` and any extra, then ``content-length`` and ``content-type``), without
    its per-request header normalisation."""

    media_type = CONTENT_TYPE

    def __init__(self, body: bytes, status: int, request_id: str, headers: dict[str, str] | None = None) -> None:
        self.status_code = status
        self.background = None
        self.body = body
        raw = [(_REQUEST_ID_BYTES, request_id.encode("latin-1"))]
        if headers:
            raw += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
        raw.append((b"content-length", str(len(body)).encode("latin-1")))
        raw.append((b"content-type", _CONTENT_TYPE_BYTES))
        self.raw_headers = raw


def json_bytes(payload: Any) -> bytes:
    """``payload`` as compact UTF-8 JSON (:mod:`ccr_contract.server.json_codec`)."""
    return json_codec.encode(payload)


def json_response(status: int, payload: Any, request_id: str, headers: dict[str, str] | None = None) -> Response:
    """Serialise ``payload`` compactly as UTF-8 JSON with the BCE content type and request id."""
    return JsonResponse(json_codec.encode(payload), status, request_id, headers)


def error_response(error: ApiError, request_id: str) -> Response:
    """The BCE error body ``{requestId, code, message}`` for ``error``; a URL's credentials in the
    message (a validation error quoting a registry URL) are removed."""
    payload = {"requestId": request_id, "code": error.code, "message": without_url_credentials(error.message)}
    return json_response(error.status, payload, request_id, error.headers)


def internal_error_response(request_id: str) -> Response:
    """The catch-all answer for an unexpected exception (a server bug; tests prove none is reachable)."""
    return error_response(ApiError(500, codes.INTERNAL_ERROR, INTERNAL_MESSAGE), request_id)
