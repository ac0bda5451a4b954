"""bce-auth-v1 plugged into HTTP clients: ``httpx.Auth`` and ``requests.auth.AuthBase``.

Both are thin wrappers over :func:`ccr_contract.signing.sign_request`; they exist because the
generated client speaks httpx and schemathesis speaks requests, and both must sign the *final*
URL (query included) after the client has built it.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable

import httpx
import requests

from ccr_contract.signing import DEFAULT_EXPIRATION, sign_request


class BceHttpxAuth(httpx.Auth):
    """Sign every httpx request with bce-auth-v1 (``Host`` and ``x-bce-date`` by default)."""

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

    def __repr__(self) -> str:  # never show the secret
        return f"BceHttpxAuth(access_key={self.access_key!r})"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        url = request.url
        wire = url.raw_path.decode("ascii")
        headers = {"host": request.headers.get("host", url.netloc.decode("ascii"))}
        for name, value in request.headers.items():
            if name.lower().startswith("x-bce-"):
                headers[name.lower()] = value
        signed = sign_request(
            request.method,
            wire,
            headers,
            self.access_key,
            self._secret_key,
            expiration=self.expiration,
            signed_headers=self.signed_headers,
        )
        request.headers["Authorization"] = signed.authorization
        request.headers["x-bce-date"] = signed.headers["x-bce-date"]
        yield request


class BceRequestsAuth(requests.auth.AuthBase):
    """Sign every ``requests`` request (as schemathesis sends them) with bce-auth-v1."""

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
        return f"BceRequestsAuth(access_key={self.access_key!r})"

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        url = request.url or "/"
        split = requests.utils.urlparse(url)
        headers = {"host": request.headers.get("Host", split.netloc)}
        for name, value in request.headers.items():
            if name.lower().startswith("x-bce-"):
                headers[name.lower()] = value
        wire = split.path + (f"?{split.query}" if split.query else "")
        signed = sign_request(
            request.method or "GET",
            wire,
            headers,
            self.access_key,
            self._secret_key,
            expiration=self.expiration,
            signed_headers=self.signed_headers,
        )
        request.headers["Authorization"] = signed.authorization
        request.headers["x-bce-date"] = signed.headers["x-bce-date"]
        return request
