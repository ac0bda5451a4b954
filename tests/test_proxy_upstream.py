"""The proxy's own HTTP/1.1 client (``ccr_conformance.proxy.upstream``) against scripted upstreams.

Each upstream here is a plain socket server that answers with bytes written out in the test, so
every framing an HTTP/1.1 server may use is exercised exactly: chunked, delimited by the end of
the connection, HEAD, interim 1xx answers, keep-alive and its races, broken and hanging servers,
and an answer far larger than the proxy may buffer.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator

import httpx
import pytest
from ccr_conformance.proxy import upstream as upstream_module
from ccr_conformance.proxy.forwarding import ProxySettings
from ccr_conformance.proxy.session import ProxySession
from ccr_conformance.proxy.upstream import UpstreamPool

Script = Callable[[socket.socket, int], None]


class Scripted:
    """A socket server running ``script(connection, n)`` for its n-th accepted connection."""

    def __init__(self, script: Script) -> None:
        self.script = script
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self.requests: list[bytes] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            threading.Thread(target=self._run, args=(conn, self.accepted), daemon=True).start()

    def _run(self, conn: socket.socket, n: int) -> None:
        with contextlib.suppress(OSError), conn:
            self.script(conn, n)

    def read_request(self, conn: socket.socket) -> bytes:
        """One request head (and its Content-Length body), recorded."""
        data = b""
        while b"\r\n\r\n" not in data:
            piece = conn.recv(65536)
            if not piece:
                return b""
            data += piece
        head, _, rest = data.partition(b"\r\n\r\n")
        length = next(
            (
                int(line.split(b":", 1)[1])
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length:")
            ),
            0,
        )
        while len(rest) < length:
            rest += conn.recv(65536)
        self.requests.append(head + b"\r\n\r\n" + rest)
        return head

    def close(self) -> None:
        self.sock.close()


@contextlib.contextmanager
def scripted(script: Script) -> Iterator[Scripted]:
    server = Scripted(script)
    try:
        yield server
    finally:
        server.close()


def fetch(port: int, requests: list[tuple[str, bytes]], timeout: float = 5.0) -> list[tuple[int, bytes]]:
    """Send the requests one after another through one pool; (status, body) of each."""

    async def go() -> list[tuple[int, bytes]]:
        pool = UpstreamPool("http", "127.0.0.1", port, timeout)
        out = []
        try:
            for method, body in requests:
                headers = [(b"Host", f"127.0.0.1:{port}".encode())]
                if body:
                    headers.append((b"Content-Length", str(len(body)).encode()))
                response = await pool.request(method, b"/x", headers, body)
                chunks = [chunk async for chunk in response.chunks()]
                await response.aclose()
                out.append((response.status, b"".join(chunks)))
        finally:
            await pool.aclose()
        return out

    return asyncio.run(go())


def answer(body: bytes = b"{}", extra: bytes = b"") -> bytes:
    return b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n%s\r\n%s" % (len(body), extra, body)


# --------------------------------------------------------------------------- framing


def test_keep_alive_answers_reuse_one_connection_and_requests_arrive_as_sent() -> None:
    def script(conn: socket.socket, n: int) -> None:
        while server.read_request(conn):
            conn.sendall(answer(b'{"n": 1}'))

    with scripted(script) as server:
        got = fetch(server.port, [("GET", b""), ("POST", b'{"a": 1}'), ("GET", b"")])
    assert got == [(200, b'{"n": 1}')] * 3
    assert server.accepted == 1
    assert server.requests[1].startswith(b"POST /x HTTP/1.1\r\nHost: 127.0.0.1:")
    assert server.requests[1].endswith(b'\r\n\r\n{"a": 1}')


def test_a_chunked_answer_is_relayed_as_its_bytes_without_the_chunk_framing() -> None:
    def script(conn: socket.socket, n: int) -> None:
        while server.read_request(conn):
            conn.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")

    with scripted(script) as server:
        assert fetch(server.port, [("GET", b""), ("GET", b"")]) == [(200, b"hello world")] * 2
    assert server.accepted == 1


def test_an_answer_delimited_by_the_end_of_the_connection_is_complete() -> None:
    def script(conn: socket.socket, n: int) -> None:
        server.read_request(conn)
        conn.sendall(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of it")
        conn.shutdown(socket.SHUT_WR)

    with scripted(script) as server:
        assert fetch(server.port, [("GET", b""), ("GET", b"")]) == [(200, b"all of it")] * 2
    assert server.accepted == 2  # not kept alive


def test_a_head_answer_has_no_body_whatever_its_content_length_and_the_connection_stays_usable() -> None:
    def script(conn: socket.socket, n: int) -> None:
        while head := server.read_request(conn):
            conn.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n" + (b"" if head.startswith(b"HEAD") else b"not empty")
            )

    with scripted(script) as server:
        assert fetch(server.port, [("HEAD", b""), ("GET", b"")]) == [(200, b""), (200, b"not empty")]
    assert server.accepted == 1


def test_an_interim_100_answer_is_skipped_for_the_final_one() -> None:
    def script(conn: socket.socket, n: int) -> None:
        server.read_request(conn)
        conn.sendall(b"HTTP/1.1 100 Continue\r\n\r\n" + answer(b"final"))

    with scripted(script) as server:
        assert fetch(server.port, [("PUT", b"{}")]) == [(200, b"final")]


# --------------------------------------------------------------------------- keep-alive races


def test_a_kept_connection_the_server_dropped_is_retried_for_a_get_and_never_for_a_post() -> None:
    def script(conn: socket.socket, n: int) -> None:
        server.read_request(conn)
        conn.sendall(answer(b"first"))
        server.read_request(conn)  # the second request arrives, and the server goes away silently

    with scripted(script) as server:
        assert fetch(server.port, [("GET", b""), ("GET", b"")]) == [(200, b"first"), (200, b"first")]
        assert server.accepted == 2  # the GET went again, on a fresh connection
        with pytest.raises(httpx.RemoteProtocolError, match="closed a kept-alive connection"):
            fetch(server.port, [("GET", b""), ("POST", b"{}")])


# --------------------------------------------------------------------------- failures


def test_a_server_that_answers_garbage_is_a_protocol_error() -> None:
    def script(conn: socket.socket, n: int) -> None:
        server.read_request(conn)
        conn.sendall(b"SSH-2.0-OpenSSH_9.6\r\n\r\n")

    with scripted(script) as server, pytest.raises(httpx.RemoteProtocolError, match="not a valid HTTP answer"):
        fetch(server.port, [("GET", b"")])


def test_an_answer_cut_short_is_an_error_not_a_short_body() -> None:
    def script(conn: socket.socket, n: int) -> None:
        server.read_request(conn)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this")

    with scripted(script) as server, pytest.raises(httpx.RemoteProtocolError, match="before the answer's end"):
        fetch(server.port, [("GET", b"")])


def test_a_server_that_never_answers_times_out() -> None:
    release = threading.Event()

    def script(conn: socket.socket, n: int) -> None:
        server.read_request(conn)
        release.wait(10)

    with scripted(script) as server, pytest.raises(httpx.ReadTimeout):
        fetch(server.port, [("GET", b"")], timeout=0.3)
    release.set()


def test_nothing_listening_is_a_connect_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(httpx.ConnectError):
        fetch(port, [("GET", b"")])


def test_a_header_holding_a_line_break_is_never_written() -> None:
    async def go() -> None:
        pool = UpstreamPool("http", "127.0.0.1", 9, 1.0)
        await pool.request("GET", b"/", [(b"X-A", b"1\r\nX-Injected: yes")], b"")

    with pytest.raises(httpx.LocalProtocolError):
        asyncio.run(go())


# --------------------------------------------------------------------------- streaming through the proxy


def test_the_proxy_relays_a_large_answer_while_it_is_still_being_written() -> None:
    """The upstream sends the first MiB and waits until the client has it before sending the rest: a
    proxy that held answers whole would never pass the first MiB on, and the client would time out."""
    first_seen = threading.Event()
    total = 24 * 1024 * 1024
    piece = b"x" * (1024 * 1024)

    def script(conn: socket.socket, n: int) -> None:
        server.read_request(conn)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: %d\r\n\r\n" % total)
        conn.sendall(piece)
        if not first_seen.wait(10):
            return
        for _ in range(total // len(piece) - 1):
            conn.sendall(piece)

    largest_buffer = 0
    real_on_body = upstream_module._Connection.on_body

    def watching(self, body: bytes) -> None:  # type: ignore[no-untyped-def]
        nonlocal largest_buffer
        real_on_body(self, body)
        largest_buffer = max(largest_buffer, self._buffered)

    with scripted(script) as server:
        session = ProxySession(ProxySettings(f"http://127.0.0.1:{server.port}"), say=lambda line: None)
        with pytest.MonkeyPatch.context() as patch, session.serving() as proxy_url:
            patch.setattr(upstream_module._Connection, "on_body", watching)
            received = 0
            with httpx.stream("GET", f"{proxy_url}/v1/instances/ccr-4a5b6c7d/charts/x.tgz", timeout=15) as resp:
                for chunk in resp.iter_raw():
                    received += len(chunk)
                    if received >= len(piece) and not first_seen.is_set():
                        first_seen.set()
                        time.sleep(0.5)  # a slow client: the upstream writes on meanwhile
    assert resp.status_code == 200
    assert received == total
    # Reading stops when the client falls behind: at most the high-water mark plus one socket read.
    assert largest_buffer <= upstream_module.HIGH_WATER + 1024 * 1024


def test_an_https_upstream_that_speaks_plain_http_is_a_tls_connect_error_worded_as_such() -> None:
    from ccr_conformance.target import describe_transport_error

    def script(conn: socket.socket, n: int) -> None:
        conn.recv(65536)  # the TLS ClientHello
        conn.sendall(answer(b"plain"))

    async def go(port: int) -> None:
        pool = UpstreamPool("https", "127.0.0.1", port, 5.0)
        await pool.request("GET", b"/", [(b"Host", b"x")], b"")

    with scripted(script) as server, pytest.raises(httpx.ConnectError) as caught:
        asyncio.run(go(server.port))
    assert describe_transport_error(caught.value, 5.0).startswith("TLS handshake failed")
