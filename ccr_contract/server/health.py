"""The registry health check: the Docker Registry API v2 ping, ``GET {url}/v2/`` with basic auth.

A registry is healthy when the ping answers 200 with the stored (or given) credential.  The probe
goes to the URL given and nowhere else: redirects are not followed, proxy settings from the
environment are ignored, and any userinfo in the URL is dropped (the credential is the stored one).
The password is handed to httpx's basic auth and never logged.

**Where a probe may go.**  A registry URL comes from whoever holds an access key, so without a rule
the server would open a connection to any host a client names (a spec example, a fuzzer's invention,
a host inside the operator's network).  :class:`ProbePolicy` allows loopback addresses (written as
IP literals, or ``localhost``) and the hosts the operator names (``ccr-contract mock
--allow-probe-host``); any other URL answers the documented "unreachable" result (``false``) without
a DNS lookup or a connection.  Hosts are compared as written, never resolved first: resolving a name
to decide whether it is loopback would itself be the lookup the rule exists to avoid, and numeric
tricks (``127.1``, ``2130706433``) are not IP literals, so they are refused rather than guessed at.

**One client.**  Building an ``httpx.AsyncClient`` builds a TLS context (about 0.1 s of CPU, on the
event loop, stalling every other request).  :class:`Prober` builds the two TLS contexts once, off the
loop, and keeps one client per kind (verifying / ``insecure``) per event loop.  Probes keep no
connections alive, so a client holds nothing bound to a loop that has since ended (test clients run
each request on a fresh loop).
"""

from __future__ import annotations

import asyncio
import contextvars
import ipaddress
import logging
import ssl
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from ccr_contract.server.errors import bad_request

log = logging.getLogger(__name__)

#: Host names that mean this machine's loopback without being an IP literal (RFC 6761 §6.3).
LOOPBACK_NAMES = frozenset({"localhost"})
#: Probes in flight at once per server: a burst of health checks cannot open unbounded sockets.
MAX_CONCURRENT_PROBES = 16


class UnusableUrl(ValueError):
    """A URL no client could call: unparseable, not ``http``/``https``, without a host, or with a
    port outside 0-65535.  The server answers it 400 where a request carries it."""


def parse_http_url(text: str) -> httpx.URL:
    """``text`` as an ``http``/``https`` URL with a host, or :class:`UnusableUrl`.

    Both parsers the server could meet must accept it: httpx (the probe's) and the standard
    library's ``urlsplit`` (which refuses ``http://[::1`` and ``http://[zz]/`` and a port past
    65535 that httpx lets through, and is what other tools reading a stored URL would use).  A
    bracketed host must be an IPv6 literal."""
    try:
        parts = urlsplit(text)
        port = parts.port  # ValueError for a port that is not a number in 0-65535
        url = httpx.URL(text)
        host = url.host
    except (ValueError, httpx.InvalidURL, TypeError):  # IDNA errors are UnicodeErrors (ValueErrors)
        raise UnusableUrl("not a parseable URL") from None
    if url.scheme not in ("http", "https") or parts.scheme.lower() not in ("http", "https"):
        raise UnusableUrl("the scheme must be http or https")
    if not host or not parts.hostname:
        raise UnusableUrl("the URL has no host")
    if "[" in parts.netloc.rsplit("@", 1)[-1]:
        try:
            ipaddress.IPv6Address(parts.hostname)
        except ValueError:
            raise UnusableUrl("a bracketed host must be an IPv6 address") from None
    if url.port is not None and url.port != port:  # the two parsers disagree: trust neither
        raise UnusableUrl("the port is not a number from 0 to 65535")
    return url


def required_http_url(value: object, field: str) -> httpx.URL:
    """A request's URL field parsed (:func:`parse_http_url`), or a 400 naming ``field``: every place
    the server reads a URL from a request goes through here, so none can answer 500 for one."""
    try:
        return parse_http_url(value if isinstance(value, str) else "")
    except UnusableUrl as exc:
        raise bad_request(f"{field}: must be an http or https URL with a host ({exc})") from None


def ping_url(registry_url: str) -> httpx.URL:
    """``{url}/v2/`` — the registry's base path with ``/v2/`` appended; query, fragment and any
    ``user:password@`` dropped (the probe authenticates with the stored credential only).
    :class:`UnusableUrl` when the URL cannot be parsed."""
    base = parse_http_url(registry_url)
    return base.copy_with(path=base.path.rstrip("/") + "/v2/", query=None, fragment=None, userinfo=b"")


def _normal_host(host: str) -> str:
    return host.strip().lower().rstrip(".").removeprefix("[").removesuffix("]")


def is_loopback_host(host: str) -> bool:
    """True for ``localhost`` and loopback IP literals (``127.0.0.0/8``, ``::1``, ``::ffff:127.x``)."""
    name = _normal_host(host)
    if name in LOOPBACK_NAMES:
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


@dataclass(frozen=True)
class ProbePolicy:
    """Which registry hosts a probe may connect to: loopback, plus ``allowed_hosts`` (exact host
    names or IP literals, case-insensitive, any port)."""

    allowed_hosts: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def allowing(cls, hosts: Iterable[str] = ()) -> ProbePolicy:
        return cls(frozenset(_normal_host(h) for h in hosts if h.strip()))

    def permits(self, host: str) -> bool:
        return is_loopback_host(host) or _normal_host(host) in self.allowed_hosts


_contexts: dict[bool, ssl.SSLContext] = {}
_contexts_lock = threading.Lock()


def _tls_context(insecure: bool) -> ssl.SSLContext:
    """The process-wide TLS context for verifying (or, for ``insecure`` registries, not verifying)
    probes; built once, in whatever thread asks first (never the event loop: see :meth:`Prober._client`)."""
    with _contexts_lock:
        if insecure not in _contexts:
            _contexts[insecure] = httpx.create_ssl_context(verify=not insecure, trust_env=False)
        return _contexts[insecure]


class Prober:
    """Runs health probes for one server under one :class:`ProbePolicy` with shared clients."""

    def __init__(self, policy: ProbePolicy | None = None, max_concurrent: int = MAX_CONCURRENT_PROBES) -> None:
        self.policy = policy or ProbePolicy()
        self.max_concurrent = max_concurrent
        self._loop: asyncio.AbstractEventLoop | None = None
        self._clients: dict[bool, httpx.AsyncClient] = {}
        self._slots: asyncio.Semaphore | None = None
        #: Probes refused by the policy or for an unusable URL (no DNS lookup, no connection), for
        #: tests and logs.
        self.refused = 0

    async def _client(self, insecure: bool) -> tuple[httpx.AsyncClient, asyncio.Semaphore]:
        loop = asyncio.get_running_loop()
        if loop is not self._loop:  # first probe, or a new loop (test clients): start afresh
            self._loop, self._clients, self._slots = loop, {}, asyncio.Semaphore(self.max_concurrent)
        if insecure not in self._clients:
            context = await asyncio.to_thread(_tls_context, insecure)  # ~0.1 s of CPU, once per process
            self._clients.setdefault(
                insecure,
                httpx.AsyncClient(
                    verify=context,
                    follow_redirects=False,
                    trust_env=False,
                    limits=httpx.Limits(max_connections=self.max_concurrent, max_keepalive_connections=0),
                ),
            )
        assert self._slots is not None
        return self._clients[insecure], self._slots

    async def probe(
        self, registry_url: str, username: str, password: str, *, insecure: bool = False, timeout: float = 3.0
    ) -> bool:
        """True when the registry answers its ping with 200 within ``timeout`` seconds; anything else
        (refused by the policy, unreachable, TLS failure, bad URL, another status) is False."""
        try:
            target = ping_url(registry_url)
        except UnusableUrl as exc:  # a stored URL from before the spec's pattern refused it, a non-HTTP scheme
            self.refused += 1
            log.info("registry ping refused: %s", exc)
            return False
        if target.scheme not in ("http", "https") or not self.policy.permits(target.host):
            self.refused += 1
            log.info("registry ping refused: host is neither loopback nor allowed (--allow-probe-host)")
            return False
        try:
            async with asyncio.timeout(timeout):  # a total deadline: httpx's timeouts apply per phase
                client, slots = await self._client(insecure)
                async with slots:
                    request = client.build_request("GET", target, timeout=timeout)
                    auth = httpx.BasicAuth(username, password)
                    response = await client.send(request, auth=auth, stream=True)  # the status is all we need
                    await response.aclose()
        except Exception as exc:  # unreachable, refused, TLS failure, timeout: all mean "not healthy"
            log.info("registry ping failed: %s", type(exc).__name__)
            return False
        return response.status_code == 200

    async def aclose(self) -> None:
        """Close the clients of the current loop (the server's shutdown)."""
        clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            await client.aclose()


#: The prober of the server handling the current request (set by the app for each request), so
#: :func:`probe_registry` keeps its call signature while obeying that server's policy.
current_prober: contextvars.ContextVar[Prober | None] = contextvars.ContextVar("ccr_current_prober", default=None)
#: Used when no server is active: loopback only.
_default_prober = Prober()


async def probe_registry(
    registry_url: str,
    username: str,
    password: str,
    *,
    insecure: bool = False,
    timeout: float = 3.0,
    prober: Prober | None = None,
) -> bool:
    """True when the registry answers its ping with 200 within ``timeout`` seconds; anything else is
    False.  Runs on ``prober``, else the current request's server's prober, else a loopback-only one."""
    chosen = prober or current_prober.get() or _default_prober
    return await chosen.probe(registry_url, username, password, insecure=insecure, timeout=timeout)
