"""bce-auth-v1 plugged into HTTP clients: ``httpx.Auth`` and ``requests.auth.AuthBase``.

Both are thin wrappers over :func:`ccr_contract.signing.sign_request`; they exist because the
generated client speaks httpx and schemathesis speaks requests, and both must sign the *final*
URL (query included) after the client has built it.

One rewrite happens before signing: httpx and requests encode a space in a query value as ``+``,
while the contract reads ``+`` in a query as a literal plus (``x-bce-auth.canonicalQuery.
plusIsLiteral``, as Baidu's SDKs do).  The adapters therefore send such a ``+`` as ``%20``, so
what the caller meant (a space) is what the server reads and what the signature covers.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Mapping

import httpx
import requests

from ccr_contract.signing import DEFAULT_EXPIRATION, sign_request


def plus_to_space(raw_query: str) -> str:
    """``a+b`` -> ``a%20b``: a form-encoded space, written the way the contract reads it."""
    return raw_query.replace("+", "%20")


def wire_host(scheme: str, netloc: str) -> str:
    """The ``Host`` header an HTTP library sends for ``netloc``: no userinfo, no default port."""
    host = netloc.rpartition("@")[2]
    default = {"http": ":80", "https": ":443"}.get(scheme.lower())
    if default and host.endswith(default):
        host = host[: -len(default)]
    return host


class _BceSigner:
    """Key pair and signing options shared by both adapters (the secret is never shown)."""

    def __init__(
        self,
        access_key: str,
        secret_key: str,
        *,
        expiration: int = DEFAULT_EXPIRATION,
        signed_headers: Iterable[str] = ("host", "x-bce-date"),
    ) -> None:
        self.access_key = access_key
        self._secret_key = secret_key
        self.expiration = expiration
        self.signed_headers = tuple(signed_headers)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(access_key={self.access_key!r})"

    def _sign(self, method: str, target: str, host: str, headers: Mapping[str, str]) -> dict[str, str]:
        """Headers to add for ``method target`` (origin-form, already rewritten) sent to ``host``."""
        signing_headers = {"host": host}
        for name, value in headers.items():
            if name.lower().startswith("x-bce-"):
                signing_headers[name.lower()] = value
        signed = sign_request(
            method,
            target,
            signing_headers,
            self.access_key,
            self._secret_key,
            expiration=self.expiration,
            signed_headers=self.signed_headers,
        )
        return {"Authorization": signed.authorization, "x-bce-date": signed.headers["x-bce-date"]}


class BceHttpxAuth(_BceSigner, httpx.Auth):
    """Sign every httpx request with bce-auth-v1 (``Host`` and ``x-bce-date`` by default)."""

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        query = request.url.query.decode("ascii")
        if "+" in query:
            request.url = request.url.copy_with(query=plus_to_space(query).encode("ascii"))
        target = request.url.raw_path.decode("ascii")
        host = request.headers.get("host", request.url.netloc.decode("ascii"))
        request.headers.update(self._sign(request.method, target, host, request.headers))
        yield request


class BceRequestsAuth(_BceSigner, requests.auth.AuthBase):
    """Sign every ``requests`` request (as schemathesis sends them) with bce-auth-v1."""

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        split = requests.utils.urlparse(request.url or "/")
        if "+" in split.query:
            split = split._replace(query=plus_to_space(split.query))
            request.url = split.geturl()
        target = (split.path or "/") + (f"?{split.query}" if split.query else "")
        host = request.headers.get("Host") or wire_host(split.scheme, split.netloc)
        request.headers.update(self._sign(request.method or "GET", target, host, request.headers))
        return request
