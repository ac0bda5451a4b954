"""The generated ``ccr_client`` with bce-auth-v1 signing plugged in, and BCE errors as exceptions.

Nothing under ``generated/`` is edited by hand: the generated client accepts extra httpx settings
(``httpx_args``), so signing comes from outside as :class:`ccr_contract.auth_adapters.BceHttpxAuth`,
which sees the final URL (query included) of every request. Usage::

    from ccr_client.api.registries import list_registries
    from ccr_contract.client import make_client, unwrap

    client = make_client("https://ccr.baidubce.com", access_key, secret_key)
    page = unwrap(list_registries.sync_detailed(client=client))

Every error response of the spec uses the ``BceError`` schema, so the generated code already parses
it into ``ccr_client.models.BceError``; :func:`unwrap` turns that into a :class:`BceApiError`
exception and otherwise returns the typed success model.
"""

from __future__ import annotations

import json
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
    Undocumented statuses raise ``ccr_client.errors.UnexpectedStatus`` unless
    ``raise_on_unexpected_status=False`` is passed.
    """
    if not endpoint:
        raise ValueError("endpoint is required, e.g. https://ccr.baidubce.com")
    base_url = endpoint if "://" in endpoint else f"https://{endpoint}"
    httpx_args = dict(kwargs.pop("httpx_args", None) or {})
    if "auth" in httpx_args:
        raise ValueError("httpx_args['auth'] would replace the bce-auth-v1 signer; leave it out")
    httpx_args["auth"] = BceHttpxAuth(access_key, secret_key, expiration=expiration)
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
    def from_response(cls, response: Response[Any]) -> BceApiError:
        """Build the error from a generated ``Response``; tolerate a body that is not a BCE error."""
        header_id = _header(response.headers, REQUEST_ID_HEADER)
        parsed = response.parsed
        if isinstance(parsed, BceError):
            return cls(response.status_code, parsed.code, parsed.message, parsed.request_id or header_id)
        body = _json_object(response.content)
        code = body.get("code")
        message = body.get("message")
        if isinstance(code, str) and isinstance(message, str):
            request_id = body.get("requestId")
            return cls(response.status_code, code, message, request_id if isinstance(request_id, str) else header_id)
        try:
            phrase = HTTPStatus(int(response.status_code)).phrase
        except ValueError:
            phrase = "HTTP error"
        text = response.content.decode("utf-8", errors="replace").strip()
        return cls(response.status_code, phrase.replace(" ", ""), text[:200] or phrase, header_id)


def unwrap(response: Response[T | BceError]) -> T:
    """The typed success model of a generated ``*.sync_detailed``/``asyncio_detailed`` response.

    Raises :class:`BceApiError` for an error status (4xx/5xx), and the generated
    ``UnexpectedStatus`` for a success status the spec does not document.
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
            return str(value)
    return None


def _json_object(content: bytes) -> dict[str, Any]:
    try:
        data = json.loads(content)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
