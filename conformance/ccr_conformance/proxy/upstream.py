"""The proxy's HTTP/1.1 client to its one upstream: asyncio transports and httptools' parser.

Why by hand and not httpx/httpcore.  The proxy's throughput target (>= 0.5x the direct server,
benchmarks/proxy.py) leaves it about a quarter of a millisecond of CPU per request on this machine.
httpcore's pool spent most of the proxy's time per request (measured with py-spy under wrk: the
pool's locks and cancel scopes, anyio's stream wrappers, h11's pure-Python parser), while a
client for exactly one origin needs none of that generality: one host, HTTP/1.1, keep-alive,
no redirects, no proxies from the environment, no cookies, no decoding (an answer is relayed byte
for byte).  What is written here is therefore small: a connection is an :class:`asyncio.Protocol`
fed to ``httptools.HttpResponseParser`` (the C parser uvicorn uses; it de-chunks bodies), and
idle connections wait in a LIFO stack.

Errors are raised as httpx's transport exceptions (``ConnectError``, ``ConnectTimeout``,
``ReadTimeout``, ``ReadError``, ``RemoteProtocolError``), so the suite's
:func:`~ccr_conformance.target.describe_transport_error` words them as it words its own.
"""

from __future__ import annotations

import asyncio
import ssl
from collections import deque
from collections.abc import AsyncIterator

import httptools
import httpx

#: Bytes of answer body buffered before the upstream connection stops being read (the client of
#: the proxy reads slower than the upstream writes: a chart package is relayed, never held whole).
HIGH_WATER = 256 * 1024
#: Idle keep-alive connections kept; more concurrent requests open more connections, which close
#: after use once this many are idle.
MAX_IDLE = 32
#: Methods whose request may be sent again when a reused connection turns out to be closed before
#: any byte of the answer came back (the server dropped an idle keep-alive connection just then).
IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})


class _Closed(Exception):
    """A reused connection closed before any byte of the answer: safe to retry an idempotent request."""


class UpstreamResponse:
    """One answer: ``status`` and ``headers`` (raw byte pairs, as sent), then the body through
    :meth:`chunks`; :meth:`aclose` returns the connection to the pool when the answer was read whole."""

    def __init__(self, conn: _Connection, status: int, headers: list[tuple[bytes, bytes]]) -> None:
        self.status = status
        self.headers = headers
        self._conn = conn

    async def chunks(self) -> AsyncIterator[bytes]:
        conn = self._conn
        while True:
            chunk = await conn.next_chunk()
            if chunk is None:
                return
            yield chunk

    async def aclose(self) -> None:
        self._conn.release()


class _Connection(asyncio.Protocol):
    """One keep-alive connection; one request at a time."""

    def __init__(self, pool: UpstreamPool) -> None:
        self.pool = pool
        self.loop = pool.loop
        self.transport: asyncio.Transport | None = None
        self.closed = False
        self.parser: httptools.HttpResponseParser | None = None
        self._head_only = False
        self._status = 0
        self._headers: list[tuple[bytes, bytes]] = []
        self._head: asyncio.Future[None] | None = None
        self._body: deque[bytes] = deque()
        self._buffered = 0
        self._waiter: asyncio.Future[None] | None = None
        self._complete = False
        self._got_bytes = False
        self._error: Exception | None = None
        self._paused = False
        self.keep_alive = True

    # ---------------------------------------------------------------- transport callbacks

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self.pool.forget(self)
        if self._complete or self.parser is None:
            return
        if not self._got_bytes:
            self._fail(_Closed())
        elif self._head is not None and not self._head.done():
            self._fail(httpx.RemoteProtocolError("the server closed the connection inside an answer's head"))
        elif self._until_close():
            self.on_message_complete()  # an answer delimited by the end of the connection
        else:
            self._fail(httpx.RemoteProtocolError("the server closed the connection before the answer's end"))

    def data_received(self, data: bytes) -> None:
        self._got_bytes = True
        if self.parser is None or self._complete:
            self._drop()  # bytes nobody asked for: the connection cannot be trusted any more
            return
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError as exc:
            self._fail(httpx.RemoteProtocolError(f"not a valid HTTP answer: {exc}"))
            self._drop()

    # ---------------------------------------------------------------- parser callbacks

    def on_status(self, status: bytes) -> None:
        self._status = self.parser.get_status_code()  # type: ignore[union-attr]

    def on_header(self, name: bytes, value: bytes) -> None:
        self._headers.append((name, value))

    def on_headers_complete(self) -> None:
        parser = self.parser
        assert parser is not None
        self._status = parser.get_status_code()
        if 100 <= self._status < 200:
            self._headers = []  # an interim answer (100 Continue, 103): the real one follows
            return
        self.keep_alive = parser.should_keep_alive()
        if self._head is not None and not self._head.done():
            self._head.set_result(None)
        if self._head_only:
            # llhttp cannot be told that a HEAD answer has no body: it would wait for Content-Length bytes.
            self.parser = httptools.HttpResponseParser(self)
            self.on_message_complete()

    def on_body(self, body: bytes) -> None:
        self._body.append(body)
        self._buffered += len(body)
        if self._buffered > HIGH_WATER and not self._paused and self.transport is not None:
            self._paused = True
            self.transport.pause_reading()
        self._wake()

    def on_message_complete(self) -> None:
        if 100 <= self._status < 200:
            return
        self._complete = True
        self._wake()

    # ---------------------------------------------------------------- requests

    def _until_close(self) -> bool:
        names = {name.lower() for name, _ in self._headers}
        return b"content-length" not in names and b"transfer-encoding" not in names

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def _fail(self, exc: Exception) -> None:
        self._error = exc
        if self._head is not None and not self._head.done():
            self._head.set_exception(exc)
        self._wake()

    def _drop(self) -> None:
        self.keep_alive = False
        if self.transport is not None and not self.closed:
            self.transport.close()

    async def send(self, method: str, head: bytes, body: bytes, timeout: float) -> UpstreamResponse:
        """Write one request (its head already serialised) and wait for the answer's head."""
        self.parser = httptools.HttpResponseParser(self)
        self._head_only = method == "HEAD"
        self._status, self._headers, self._body, self._buffered = 0, [], deque(), 0
        self._complete, self._got_bytes, self._error, self.keep_alive = False, False, None, True
        self._head = self.loop.create_future()
        assert self.transport is not None
        self.transport.write(head + body if len(body) < 65536 else head)
        if len(body) >= 65536:
            self.transport.write(body)
        try:
            await self._wait(self._head, timeout)
        except _Closed:
            raise
        except BaseException:
            self._drop()  # a timeout, a bad answer, a cancelled task: the connection's state is unknown
            raise
        return UpstreamResponse(self, self._status, self._headers)

    async def next_chunk(self) -> bytes | None:
        """The next piece of the body; None at its end."""
        while True:
            if self._body:
                chunk = self._body.popleft()
                self._buffered -= len(chunk)
                if self._paused and self._buffered <= HIGH_WATER // 2 and self.transport is not None:
                    self._paused = False
                    self.transport.resume_reading()
                return chunk
            if self._error is not None:
                raise self._error
            if self._complete:
                return None
            self._waiter = self.loop.create_future()
            await self._wait(self._waiter, self.pool.timeout)

    async def _wait(self, future: asyncio.Future[None], timeout: float) -> None:
        """Wait for ``future``; ReadTimeout (and a dropped connection) after ``timeout`` seconds."""
        handle = self.loop.call_later(timeout, _expire, future)
        try:
            await future
        finally:
            handle.cancel()
        if self._error is not None and future is self._head:
            raise self._error

    def release(self) -> None:
        """Back to the pool when the answer was read whole and may be followed by another; else closed."""
        if self._complete and self._error is None and self.keep_alive and not self.closed and not self._paused:
            self.parser = None
            self.pool.idle(self)
        else:
            self._drop()


def _expire(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_exception(httpx.ReadTimeout("no answer within the timeout"))


class UpstreamPool:
    """Keep-alive connections to one origin (``scheme://host:port``), made in the serving loop on first use."""

    def __init__(self, scheme: str, host: str, port: int, timeout: float) -> None:
        self.loop = asyncio.get_running_loop()
        self.host, self.port, self.timeout = host, port, timeout
        self._ssl: ssl.SSLContext | None = _tls_context() if scheme == "https" else None
        self._idle: list[_Connection] = []

    async def request(
        self, method: str, target: bytes, headers: list[tuple[bytes, bytes]], body: bytes
    ) -> UpstreamResponse:
        """Send one request; its answer's head (the body follows through the response).

        ``headers`` are sent as given, in order, after the request line (the caller decides Host and
        Content-Length).  Header values were parsed by the proxy's own HTTP server, so they hold no
        CR or LF; names and values are checked again here because a request must never be split."""
        lines = [method.encode("ascii"), b" ", target, b" HTTP/1.1\r\n"]
        for name, value in headers:
            if b"\r" in name or b"\n" in name or b"\r" in value or b"\n" in value or b":" in name:
                raise httpx.LocalProtocolError("a header cannot be forwarded: it holds CR, LF or ':'")
            lines += [name, b": ", value, b"\r\n"]
        lines.append(b"\r\n")
        head = b"".join(lines)
        while self._idle:
            conn = self._idle.pop()
            if conn.closed or conn.transport is None or conn.transport.is_closing():
                continue
            try:
                return await conn.send(method, head, body, self.timeout)
            except _Closed:
                if method not in IDEMPOTENT:
                    raise httpx.RemoteProtocolError(
                        "the server closed a kept-alive connection as the request was sent"
                    ) from None
        conn = await self._connect()
        try:
            return await conn.send(method, head, body, self.timeout)
        except _Closed:
            raise httpx.RemoteProtocolError("the server closed the connection without answering") from None

    async def _connect(self) -> _Connection:
        try:
            _, protocol = await asyncio.wait_for(
                self.loop.create_connection(
                    lambda: _Connection(self),
                    self.host,
                    self.port,
                    ssl=self._ssl,
                    server_hostname=self.host if self._ssl else None,
                ),
                self.timeout,
            )
        except TimeoutError:
            raise httpx.ConnectTimeout(f"no connection to {self.host}:{self.port} within {self.timeout:g} s") from None
        except ssl.SSLError as exc:
            raise httpx.ConnectError(f"SSL: {exc}") from exc
        except OSError as exc:
            raise httpx.ConnectError(str(exc) or type(exc).__name__) from exc
        return protocol  # type: ignore[return-value]

    def idle(self, conn: _Connection) -> None:
        if len(self._idle) < MAX_IDLE:
            self._idle.append(conn)
        else:
            conn._drop()

    def forget(self, conn: _Connection) -> None:
        if conn in self._idle:
            self._idle.remove(conn)

    async def aclose(self) -> None:
        for conn in self._idle:
            conn._drop()
        self._idle.clear()


def _tls_context() -> ssl.SSLContext:
    """Certificates verified against certifi's roots, as httpx verifies them (the proxy used httpx before)."""
    try:
        import certifi

        return ssl.create_default_context(cafile=certifi.where())
    except ImportError:  # pragma: no cover - certifi comes with httpx
        return ssl.create_default_context()
