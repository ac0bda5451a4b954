"""HTTP/1.1 limits in front of the app: request-line and header size, header and body timeouts, and a
lingering close, with BCE error bodies.

Why a protocol and not ASGI middleware or uvicorn settings.  The app only runs once the whole request
head has been parsed, so nothing at the ASGI level can refuse a 100 MB header before it is read
(measured on the previous server: 245 MB of RSS, other clients stalled for 12 s).  uvicorn has no
header-size or header-read timeout for its httptools parser (``h11_max_incomplete_event_size`` only
applies to the slower h11 parser and answers a plain-text 400), and its keep-alive timeout is not
armed until a first response, so a connection that sends half a request is held forever.  So
:class:`LimitedHttpToolsProtocol` subclasses uvicorn's httptools protocol (uvicorn is pinned in
``constraints.txt``) and adds, by hand:

* **a head budget**: while a request head is incomplete, at most ``max_header_bytes`` of it are fed to
  the parser; when the head is still incomplete at the limit the answer is 431, or 414 when the
  request line alone is over ``max_request_line``.  Memory per connection is therefore bounded by
  the budget plus one socket read, whatever the client sends;
* **deadlines**: the head must be complete ``request_timeout`` seconds after the connection opened
  (or after the first byte of a later request on it), and the body ``request_timeout`` seconds after
  the head; otherwise the answer is 408 (when nothing was answered yet) and the connection closes;
* **a bounded drain and a lingering close** (RFC 9112 §9.6).  When the app answers before the body
  arrived (401, 413), the rest of the body is still parsed and thrown away, so the connection stays
  usable for the client's next request, but only up to ``linger_bytes``; beyond that, and whenever
  the server closes a connection while the client may still be sending (431, 414, 408), it
  half-closes, then reads and discards for at most ``linger_seconds`` / ``linger_bytes`` before
  closing.  Closing with unread data makes the kernel send a reset, and the client then sees
  "connection reset" instead of the answer;
* parser errors (uvicorn's plain-text 400) answered with a BCE body too.

Parsing stays httptools'; the body-size limit (413) is the app's (it knows the documented maximum and
answers before reading the body).
"""

from __future__ import annotations

import asyncio
import http
import json
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from ccr_contract.server import codes, errors


@dataclass(frozen=True)
class HttpLimits:
    """The limits of one server.  See docs-src/threat-model.md for why these values."""

    #: Longest request line (method, target, version).  8 KiB is what most servers allow (nginx's
    #: ``large_client_header_buffers`` line size); the longest valid CCR request target is < 1 KiB.
    max_request_line: int = 8 * 1024
    #: Largest request head (request line plus all header fields).  64 KiB holds any real client's
    #: headers many times over (signed requests send < 1 KiB) and bounds a connection's buffer.
    max_header_bytes: int = 64 * 1024
    #: Seconds a request head, and then its body, may take to arrive.  20 s is Apache's default
    #: header timeout; a 1 MiB body (the documented maximum) arrives in 20 s at 420 kbit/s.
    request_timeout: float = 20.0
    #: Lingering close: how long, and how many bytes, to read and discard after answering early.
    linger_seconds: float = 2.0
    linger_bytes: int = 4 << 20

    def __post_init__(self) -> None:
        for name in ("max_request_line", "max_header_bytes", "linger_bytes"):
            if not isinstance(getattr(self, name), int) or getattr(self, name) < 1:
                raise ValueError(f"{name} must be a positive number of bytes")
        for name in ("request_timeout", "linger_seconds"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or not 0 < value <= 3600:
                raise ValueError(f"{name} must be a positive number of seconds")

    def with_timeout(self, seconds: float) -> HttpLimits:
        return replace(self, request_timeout=float(seconds))


# Error codes of the answers this layer writes (not in the spec: see /work/drafts/hardening-notes.md).
URI_TOO_LONG = "RequestURITooLong"
HEADERS_TOO_LARGE = "RequestHeaderFieldsTooLarge"
REQUEST_TIMEOUT = "RequestTimeout"


class _Refused(Exception):
    """Raised inside a parser callback to stop parsing; the protocol then answers ``status``."""


def bce_error_bytes(status: int, code: str, message: str, default_headers: list[tuple[bytes, bytes]]) -> bytes:
    """A complete HTTP/1.1 response with the BCE error body, ``Connection: close``."""
    request_id = errors.new_request_id()
    body = json.dumps({"requestId": request_id, "code": code, "message": message}).encode("utf-8")
    phrase = http.HTTPStatus(status).phrase
    lines = [f"HTTP/1.1 {status} {phrase}".encode("ascii")]
    lines += [name + b": " + value for name, value in default_headers]
    lines += [
        b"content-type: " + errors.CONTENT_TYPE.encode("ascii"),
        b"content-length: " + str(len(body)).encode("ascii"),
        errors.REQUEST_ID_HEADER.encode("ascii") + b": " + request_id.encode("ascii"),
        b"connection: close",
    ]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


class _Guarded:
    """The transport uvicorn's protocol and its request cycles see: every call goes to the real
    transport except ``close``, which becomes the protocol's lingering close."""

    def __init__(self, real: asyncio.Transport, protocol: LimitedHttpToolsProtocol) -> None:
        self._real = real
        self._protocol = protocol
        # Bound once: every response goes through these, and ``__getattr__`` costs a lookup each time.
        self.write = real.write
        self.get_extra_info = real.get_extra_info
        self.resume_reading = real.resume_reading

    def close(self) -> None:
        self._protocol.close_gracefully()

    def is_closing(self) -> bool:
        return self._protocol.lingering or self._real.is_closing()

    def pause_reading(self) -> None:
        if not self._protocol.lingering:  # a lingering connection must keep draining
            self._real.pause_reading()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


class LimitedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with :class:`HttpLimits` (see the module docstring)."""

    limits: ClassVar[HttpLimits] = HttpLimits()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._real: asyncio.Transport | None = None
        self._in_head = True  # receiving a request head (else a body, or waiting for the app)
        self._head_bytes = 0
        self._url_bytes = 0
        self._heads_completed = 0
        self._refusal: tuple[int, str, str] | None = None
        self._deadline: asyncio.TimerHandle | None = None
        #: The deadline owed but not yet armed: (callback, loop time its clock started).  Timers are
        #: armed only when a read ends with the request still incomplete, so a request that arrives
        #: in one read (nearly all of them) costs no timer at all.
        self._pending: tuple[Any, float] | None = None
        self.lingering = False
        self._linger_left = 0
        #: Bytes of an already answered request's body still allowed to arrive (None: not draining).
        self._drain_left: int | None = None

    # ------------------------------------------------------------------ connection

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._real = transport
        super().connection_made(_Guarded(transport, self))  # type: ignore[arg-type]
        self._arm(self._head_timed_out)  # a connection that never sends a byte is closed too

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def eof_received(self) -> bool | None:
        if self.lingering and self._real is not None:
            self._real.close()
        return None  # asyncio then closes the transport

    def _arm(self, callback: Any, seconds: float | None = None) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds or self.limits.request_timeout, callback)

    def _owe(self, callback: Any) -> None:
        """Start a deadline's clock now; :meth:`_arm_owed` arms it if the read ends before it is met."""
        self._disarm()
        self._pending = (callback, self.loop.time())

    def _arm_owed(self) -> None:
        pending = self._pending
        if pending is None or self._deadline is not None or self.lingering:
            return
        if self._real is None or self._real.is_closing():
            return
        callback, started = pending
        self._pending = None
        left = started + self.limits.request_timeout - self.loop.time()
        self._deadline = self.loop.call_later(max(left, 0.0), callback)

    def _disarm(self) -> None:
        self._pending = None
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    # ------------------------------------------------------------------ reading

    def data_received(self, data: bytes) -> None:
        self._receive(data)
        if self._pending is not None:
            self._arm_owed()  # the read ended with a head or body still incomplete

    def _receive(self, data: bytes) -> None:
        if self.lingering:
            self._linger_left -= len(data)
            if self._linger_left <= 0 and self._real is not None:
                self._real.close()
            return
        if self._real is None or self._real.is_closing():
            return
        if not self._in_head:
            if self._drain_left is not None:  # the body of a request that was answered already
                self._drain_left -= len(data)
                if self._drain_left < 0:
                    self.close_gracefully()
                    return
            super().data_received(data)  # body bytes (the parser's callbacks flip the state)
            return
        if self._deadline is None and self._pending is None:
            self._owe(self._head_timed_out)  # bytes after an idle keep-alive gap: a new head starts
        budget = self.limits.max_header_bytes - self._head_bytes
        piece, rest = data[:budget], data[budget:]
        self._head_bytes += len(piece)
        heads_before = self._heads_completed
        super().data_received(piece)
        if self.lingering or self._real.is_closing():
            return
        if rest:
            if self._heads_completed == heads_before:  # the head did not end within the budget
                message = f"the request head is larger than {self.limits.max_header_bytes} bytes"
                self._refuse(431, HEADERS_TOO_LARGE, message)
                return
            self._receive(rest)  # a body, or the next pipelined request

    # ------------------------------------------------------------------ parser callbacks

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head = True
        self._url_bytes = 0

    def on_url(self, url: bytes) -> None:
        self._url_bytes += len(url)
        if self._url_bytes > self.limits.max_request_line:
            message = f"the request line is longer than {self.limits.max_request_line} bytes"
            self._refusal = (414, URI_TOO_LONG, message)
            raise _Refused
        super().on_url(url)

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._heads_completed += 1
        self._owe(self._body_timed_out)
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._disarm()
        self._in_head, self._head_bytes, self._url_bytes, self._drain_left = True, 0, 0, None
        super().on_message_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self._in_head:  # answered before the body arrived (401, 413): drain a bounded rest
            declared = next((value for name, value in self.headers or () if name == b"content-length"), b"")
            if declared.isdigit() and int(declared) > self.limits.linger_bytes:
                self.close_gracefully()  # more than the budget is coming: no point in keeping the connection
            else:
                self._drain_left = self.limits.linger_bytes

    # ------------------------------------------------------------------ answering

    def send_400_response(self, msg: str) -> None:
        """uvicorn's answer to a parser error (and to a limit raised in a callback): a BCE body."""
        refusal, self._refusal = self._refusal, None
        if refusal is None:
            refusal = (400, codes.INVALID_REQUEST, "the request is not valid HTTP/1.1")
        self._refuse(*refusal)

    def _refuse(self, status: int, code: str, message: str) -> None:
        """Answer ``status`` with a BCE body and close gracefully -- unless a response already went out
        for this request, or one for an earlier request is still being written: then no answer fits
        on the connection, and it is closed."""
        if self._real is None:
            return
        cycle = self.cycle
        if not self._in_head and cycle is not None:  # the request being read has a cycle of its own
            if cycle.response_complete:  # answered early (401, 413): stop draining its body
                self.close_gracefully()
                return
            if cycle.response_started:  # half an answer is out: nothing can follow it
                self._real.close()
                return
            cycle.disconnected = True  # the app, still reading the body, must not answer any more
            cycle.message_event.set()
        elif cycle is not None and not cycle.response_complete:  # a pipelined head behind a busy request
            self._real.close()
            return
        self._real.write(bce_error_bytes(status, code, message, self.server_state.default_headers))
        self.close_gracefully()

    def _head_timed_out(self) -> None:
        self._deadline = None
        if self.cycle is not None and not self.cycle.response_complete:
            self._arm(self._head_timed_out)  # a pipelined head behind a request still being answered
            return
        if self._head_bytes == 0 and self._real is not None:
            self._real.close()  # an idle connection that never started a request: nothing to answer
            return
        self._refuse(408, REQUEST_TIMEOUT, f"the request head did not arrive within {self.limits.request_timeout:g} s")

    def _body_timed_out(self) -> None:
        self._deadline = None
        self._refuse(408, REQUEST_TIMEOUT, f"the request body did not arrive within {self.limits.request_timeout:g} s")

    def close_gracefully(self) -> None:
        """Close now when the client sent nothing unanswered; otherwise half-close and discard what it
        still sends, within the linger budget, then close."""
        real = self._real
        if real is None or self.lingering or real.is_closing():
            return
        self._disarm()
        if self._in_head and self._head_bytes == 0:
            real.close()
            return
        self.lingering = True
        self._linger_left = self.limits.linger_bytes
        try:
            if not real.can_write_eof():
                real.close()
                return
            real.write_eof()
            real.resume_reading()
        except (OSError, RuntimeError, NotImplementedError):
            real.close()
            return
        self._deadline = self.loop.call_later(self.limits.linger_seconds, real.close)


def protocol_class(limits: HttpLimits | None = None) -> type[LimitedHttpToolsProtocol]:
    """A :class:`LimitedHttpToolsProtocol` subclass bound to ``limits``, for ``uvicorn.Config(http=...)``."""
    return type("LimitedHttpToolsProtocol", (LimitedHttpToolsProtocol,), {"limits": limits or HttpLimits()})
