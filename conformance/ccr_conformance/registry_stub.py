"""A registry the suite controls, so the server under test never probes a host it did not choose.

Registry bodies (the spec's examples, the suite's fixtures, schemathesis's inventions) name registry
URLs, and a server checks registry health by connecting to them: left alone, a run made the embedded
server open about 50 connections to ``hub.baidubce.com`` and to invented hosts, and a run against a
real server would make *it* fetch whatever the fuzzer wrote.  The suite therefore replaces every
valid registry URL it sends with the URL of :class:`RegistryStub`, a Docker Registry v2 ping endpoint
of its own (``GET .../v2/`` answers 200 to a request with basic auth, 401 otherwise; anything else
404).  Values that are not valid URLs are left as they are: the server must refuse them (400) without
probing, and replacing them would turn negative cases into positive ones.

Where it listens: on loopback when the target is on loopback (the embedded server, a local mock);
otherwise on the local address this machine uses to reach the target, so a remote server can reach
it and nothing else.  It is the stdlib's threading HTTP server; it never logs what it receives (the
basic-auth password is a run password).
"""

from __future__ import annotations

import ipaddress
import re
import socket
import socketserver
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from ccr_contract.spec import resolve_ref

#: Registry-URL properties are those whose schema pattern starts like this (the spec's ``url``).
_URL_PATTERN_PREFIX = re.compile(r"^\^https\?://|^\^http\[s\]\?://")


def url_fields(spec: dict[str, Any]) -> dict[str, re.Pattern[str]]:
    """Property name -> compiled pattern, for every string property of the spec's schemas whose
    pattern demands an http(s) URL (``RegistryInput.url``).  Read from the spec, not hard-coded."""
    found: dict[str, re.Pattern[str]] = {}
    for schema in spec.get("components", {}).get("schemas", {}).values():
        for name, prop in ((schema or {}).get("properties") or {}).items() if isinstance(schema, dict) else ():
            if not isinstance(prop, dict):
                continue
            pattern = prop.get("pattern") or resolve_ref(spec, prop).get("pattern")  # a shared HttpUrl
            if isinstance(pattern, str) and _URL_PATTERN_PREFIX.match(pattern):
                found.setdefault(name, re.compile(pattern))
    return found


def replace_urls(body: Any, fields: dict[str, re.Pattern[str]], url: str) -> int:
    """Set every valid registry URL in ``body`` (in place, any depth) to ``url``; returns how many."""
    count = 0
    if isinstance(body, dict):
        for key, value in body.items():
            pattern = fields.get(key)
            if pattern is not None and isinstance(value, str):
                if pattern.search(value) and value != url:
                    body[key] = url
                    count += 1
            else:
                count += replace_urls(value, fields, url)
    elif isinstance(body, list):
        for item in body:
            count += replace_urls(item, fields, url)
    return count


def _is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def listen_address(target_base_url: str) -> str:
    """The local address to listen on: loopback for a loopback target, else the source address of
    the route to the target (a UDP ``connect`` sends nothing; it only picks the route)."""
    host = urlsplit(target_base_url).hostname or "127.0.0.1"
    if _is_loopback(host):
        return "127.0.0.1"
    try:
        family, _, _, _, address = socket.getaddrinfo(host, 9, type=socket.SOCK_DGRAM)[0]
        with socket.socket(family, socket.SOCK_DGRAM) as probe:
            probe.connect(address)
            return str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    timeout = 10  # a client that stalls is dropped (StreamRequestHandler sets it on the socket)

    def do_GET(self) -> None:
        with self.server.lock:
            self.server.requests += 1
        if not self.path.split("?", 1)[0].endswith("/v2/"):
            self._answer(404, b'{"errors":[{"code":"NOT_FOUND"}]}')
        elif (self.headers.get("Authorization") or "").startswith("Basic "):
            self._answer(200, b"{}")
        else:
            self._answer(401, b'{"errors":[{"code":"UNAUTHORIZED"}]}')

    def _answer(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Docker-Distribution-API-Version", "registry/2.0")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # never log: requests carry run passwords
        return


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int]) -> None:
        self.lock = threading.Lock()
        self.requests = 0
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        """Bind without ``HTTPServer``'s ``socket.getfqdn`` (a reverse DNS lookup: a run does none)."""
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)


class RegistryStub:
    """The suite's registry: start it, hand its :attr:`url` to the server, :meth:`close` it at the end."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self._server = _Server((host, 0))
        bound_host, port = self._server.server_address[:2]
        shown = f"[{bound_host}]" if ":" in str(bound_host) else bound_host
        self.url = f"http://{shown}:{port}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="ccrconf-registry", daemon=True)
        self._thread.start()

    @classmethod
    def for_target(cls, target_base_url: str) -> RegistryStub:
        host = listen_address(target_base_url)
        try:
            return cls(host)
        except OSError:
            return cls("127.0.0.1")

    @property
    def requests(self) -> int:
        """Pings received so far."""
        with self._server.lock:
            return self._server.requests

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
