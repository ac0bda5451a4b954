"""The generated ``ccr_client`` with bce-auth-v1 signing plugged in, and BCE errors as exceptions.

Nothing under ``generated/`` is edited by hand: the generated client accepts extra httpx settings
(``httpx_args``), so signing comes from outside as :class:`ccr_contract.auth_adapters.BceHttpxAuth`,
which sees the final URL (query included) of every request. Usage::

    from ccr_client.api.registries import list_registries
    from ccr_contract.client import make_client, unwrap

    client = make_client("https://ccr.baidubce.com", access_key, secret_key)
    page = unwrap(list_registries.sync_detailed(client=client))

Errors are raised as :class:`BceApiError` by every call (``sync``, ``sync_detailed``, ``asyncio``,
``asyncio_detailed``) for every status >= 400, from an httpx response event hook that
:func:`make_client` installs. It has to happen there, before the generated ``_parse_response``
runs: that code calls ``BceError.from_dict(response.json())`` for documented error statuses and
would otherwise fail on an HTML 500, a body without ``requestId`` or a JSON array with
``JSONDecodeError``/``KeyError``/``ValueError``, and raise ``UnexpectedStatus`` (or ``ValueError``
for 599) for statuses the spec does not list. :func:`unwrap` returns the typed success model.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Mapping
from http import HTTPStatus
from typing import Any, TypeVar

import httpx
from ccr_client import AuthenticatedClient
from ccr_client.errors import UnexpectedStatus
from ccr_client.models import BceError
from ccr_client.types import Response

from ccr_contract.auth_adapters import BceHttpxAuth
from ccr_contract.signing import DEFAULT_EXPIRATION

T = TypeVar("T")

#: Response header that carries the request id (equal to ``requestId`` in an error body).
REQUEST_ID_HEADER = "x-bce-request-id"
#: Longest ``message`` taken from a body that is not a BCE error (an HTML error page, say).
MAX_MESSAGE = 200


def make_client(
    endpoint: str,
    access_key: str,
    secret_key: str,
    *,
    timeout: float = 30.0,
    expiration: int = DEFAULT_EXPIRATION,
    **kwargs: Any,
) -> AuthenticatedClient:
    """A generated client whose every request (sync or async) is signed with bce-auth-v1.

    ``endpoint`` is the service's base URL (``https://`` is assumed when no scheme is given).
    Other keyword arguments go to ``ccr_client.AuthenticatedClient`` (``headers``, ``verify_ssl``,
    ``httpx_args``...). The generated ``token`` is unused: the signer writes ``Authorization``.
    Every status >= 400 raises :class:`BceApiError` from any call (a response event hook, added
    after any ``httpx_args["event_hooks"]`` the caller passes). An undocumented success status
    raises ``ccr_client.errors.UnexpectedStatus`` unless ``raise_on_unexpected_status=False``.
    """
    if not endpoint:
        raise ValueError("endpoint is required, e.g. https://ccr.baidubce.com")
    base_url = endpoint if "://" in endpoint else f"https://{endpoint}"
    httpx_args = dict(kwargs.pop("httpx_args", None) or {})
    if "auth" in httpx_args:
        raise ValueError("httpx_args['auth'] would replace the bce-auth-v1 signer; leave it out")
    httpx_args["auth"] = BceHttpxAuth(access_key, secret_key, expiration=expiration)
    hooks = dict(httpx_args.get("event_hooks") or {})
    hooks["response"] = [*hooks.get("response", []), raise_for_bce_error]
    httpx_args["event_hooks"] = hooks
    kwargs.setdefault("raise_on_unexpected_status", True)
    return AuthenticatedClient(
        base_url=base_url.rstrip("/"),
        token="",
        prefix="",
        timeout=httpx.Timeout(timeout),
        httpx_args=httpx_args,
        **kwargs,
    )


class BceApiError(Exception):
    """A BCE error answer (``{requestId, code, message}``) raised as an exception.

    ``status`` is the HTTP status; ``code`` is the BCE code (``NotFound``, ``SignatureDoesNotMatch``...);
    ``request_id`` is what Baidu support asks for (also sent as ``x-bce-request-id``).
    """

    def __init__(self, status: int, code: str, message: str, request_id: str | None = None) -> None:
        self.status = int(status)
        self.code = code
        self.message = message
        self.request_id = request_id
        super().__init__(str(self))

    def __str__(self) -> str:
        rid = f" (requestId {self.request_id})" if self.request_id else ""
        return f"{self.status} {self.code}: {self.message}{rid}"

    def __repr__(self) -> str:
        return (
            f"BceApiError(status={self.status}, code={self.code!r}, message={self.message!r}, "
            f"request_id={self.request_id!r})"
        )

    @property
    def requestId(self) -> str | None:
        """The id under its name in the BCE error body."""
        return self.request_id

    @classmethod
    def from_http(cls, status: int, headers: Mapping[str, str] | None, content: bytes) -> BceApiError:
        """Build the error from a response's status, headers and raw body, whatever the body is.

        A full BCE error body gives ``code``/``message``/``requestId``; a partial or non-JSON body
        (HTML page, text, JSON array) falls back to the status's reason phrase as the code
        (``HTTP<status>`` for a status without one), the body text (one line, truncated) as the
        message, and ``x-bce-request-id`` as the request id. Only response data is used: request
        headers (``Authorization``) never reach the exception.
        """
        status = int(status)
        header_id = _header(headers, REQUEST_ID_HEADER)
        body = _json_object(content)
        try:
            phrase: str | None = HTTPStatus(status).phrase
        except ValueError:
            phrase = None
        code = _text(body.get("code")) or (phrase.replace(" ", "").replace("'", "") if phrase else f"HTTP{status}")
        # A BCE body that only lacks its message is better described by the phrase than by its own JSON.
        fallback = phrase if _text(body.get("code")) else (_one_line(content) or phrase)
        message = _text(body.get("message")) or fallback or f"HTTP status {status}"
        request_id = _text(body.get("requestId")) or header_id
        return cls(status, code, _truncate(message), request_id)

    @classmethod
    def from_response(cls, response: Response[Any]) -> BceApiError:
        """Build the error from a generated ``Response``; tolerate a body that is not a BCE error."""
        return cls.from_http(int(response.status_code), response.headers, response.content)


def raise_for_bce_error(response: httpx.Response) -> Awaitable[None] | None:
    """httpx response hook: raise :class:`BceApiError` for a status >= 400, before the generated parser.

    One hook serves both clients built from the same ``httpx_args``: ``httpx.Client`` calls it and
    ignores the result, ``httpx.AsyncClient`` awaits the result. A response of an async client has
    an async-only stream (its body must be read with ``aread``), so for those a coroutine is returned.
    """
    if isinstance(response.stream, httpx.AsyncByteStream) and not isinstance(response.stream, httpx.SyncByteStream):
        return _raise_for_bce_error_async(response)
    if response.status_code >= 400:
        response.read()
        raise BceApiError.from_http(response.status_code, response.headers, response.content)
    return None


async def _raise_for_bce_error_async(response: httpx.Response) -> None:
    if response.status_code >= 400:
        await response.aread()
        raise BceApiError.from_http(response.status_code, response.headers, response.content)


def unwrap(response: Response[T | BceError]) -> T:
    """The typed success model of a generated ``*.sync_detailed``/``asyncio_detailed`` response.

    With a client from :func:`make_client` an error status has already raised :class:`BceApiError`
    inside the call; for responses obtained otherwise this raises it too. A success status the
    spec does not document raises the generated ``UnexpectedStatus``.
    """
    status = int(response.status_code)
    if status >= 400 or isinstance(response.parsed, BceError):
        raise BceApiError.from_response(response)
    if response.parsed is None:
        raise UnexpectedStatus(status, response.content)
    return response.parsed  # type: ignore[return-value]  # BceError was excluded above


def _header(headers: Any, name: str) -> str | None:
    for key, value in dict(headers or {}).items():
        if key.lower() == name:
            return str(value) or None
    return None


def _text(value: Any) -> str | None:
    """A non-empty string field of an error body, else None (numbers, nulls, objects do not count)."""
    return value.strip() or None if isinstance(value, str) else None


def _one_line(content: bytes) -> str:
    return " ".join(content.decode("utf-8", errors="replace").split())


def _truncate(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 3] + "..."


def _json_object(content: bytes) -> dict[str, Any]:
    try:
        data = json.loads(content)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
