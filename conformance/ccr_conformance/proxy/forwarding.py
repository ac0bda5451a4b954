"""The proxy as one ASGI app: read -> inspect -> (refuse | re-sign | pass) -> stream the answer -> judge.

Why raw ASGI and not a Starlette route: every request goes to one upstream unchanged, so there is
nothing to route, and each layer Starlette adds costs time on every request (the targets are 1 ms
added latency and half the direct throughput, benchmarks/proxy.py).  The app talks to the upstream
only, through :class:`~ccr_conformance.proxy.upstream.UpstreamPool` (keep-alive connections to that
one origin; see its module for why it is not httpx): it reads no proxy settings from the
environment, follows no redirects and adds no headers of its own.

Request bodies are read whole (the reference server's 1 MiB limit bounds them; they must be
validated, and signed digests cover them).  Answers are streamed chunk by chunk as they arrive (a
chart package or a task log is never held whole); only their first :data:`KEEP_BYTES` are kept to
judge them.  Nothing about an answer is changed but the hop-by-hop headers.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from ccr_conformance.proxy import rules
from ccr_conformance.proxy.inspector import Inspector, RequestVerdict, signed_names
from ccr_conformance.proxy.recorder import Recorder
from ccr_conformance.proxy.upstream import UpstreamPool
from ccr_conformance.results import Exchange
from ccr_conformance.target import describe_transport_error
from ccr_contract.server.errors import REQUEST_ID_HEADER, new_request_id
from ccr_contract.server.http_limits import HttpLimits
from ccr_contract.server.validation import MAX_BODY_BYTES
from ccr_contract.signing import parse_authorization, sign_request

#: Bytes of an answer kept for judging: the largest JSON answer (a page of 100 items) is far below.
KEEP_BYTES = 5 * 1024 * 1024
#: Headers of one connection, never forwarded (RFC 9110 §7.6.1), plus the framing the proxy redoes.
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-connection",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "content-length",
        # uvicorn already answered a client's 100-continue; the body is read whole before forwarding.
        "expect",
    }
)
_HOP_BY_HOP_BYTES = frozenset(name.encode("ascii") for name in HOP_BY_HOP)
#: BCE code of the proxy's own 502 (no answer from the upstream) and of ``--errors`` refusals.
UPSTREAM_FAILED = "ProxyUpstreamFailed"


@dataclass(frozen=True)
class ProxySettings:
    """How one proxy behaves (see ``ccr-contract proxy --help``)."""

    upstream: str
    key_pair: tuple[str, str] | None = None
    errors: bool = False
    limits: HttpLimits = field(default_factory=HttpLimits)

    def __repr__(self) -> str:  # never show the secret key
        return f"ProxySettings({self.upstream!r}, keys={'yes' if self.key_pair else 'no'}, errors={self.errors})"


def bce_answer(status: int, code: str, message: str) -> tuple[list[tuple[bytes, bytes]], bytes]:
    """Headers and body of a BCE error answer written by the proxy itself."""
    request_id = new_request_id()
    body = json.dumps({"requestId": request_id, "code": code, "message": message}).encode("utf-8")
    headers = [
        (b"content-type", b"application/json;charset=UTF-8"),
        (b"content-length", str(len(body)).encode("ascii")),
        (REQUEST_ID_HEADER.encode("ascii"), request_id.encode("ascii")),
    ]
    return headers, body


class ProxyApp:
    """The ASGI callable; ``client`` is made on first use, in the serving loop."""

    def __init__(
        self, settings: ProxySettings, inspector: Inspector, recorder: Recorder, say: Callable[[str], None]
    ) -> None:
        self.settings = settings
        self.inspector = inspector
        self.recorder = recorder
        self._say = say
        parts = urlsplit(settings.upstream)
        self._scheme = parts.scheme
        self._host = parts.hostname or ""
        self._port = parts.port or (443 if parts.scheme == "https" else 80)
        self._netloc = parts.netloc.rpartition("@")[2]
        self._base_path = parts.path.rstrip("/")
        self.base_url = f"{parts.scheme}://{self._netloc}{self._base_path}"
        self.client: UpstreamPool | None = None
        self._host_hint_given = False

    def _pool(self) -> UpstreamPool:
        """The one connection pool to the upstream, made in the serving loop on first use."""
        if self.client is None:
            self.client = UpstreamPool(self._scheme, self._host, self._port, self.settings.limits.request_timeout)
        return self.client

    async def aclose(self) -> None:
        if self.client is not None:
            await self.client.aclose()

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await self.aclose()  # in the loop the client was made in
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] != "http":
            return
        started = time.perf_counter()
        method: str = scope["method"]
        raw_path: bytes = scope.get("raw_path") or scope["path"].encode("utf-8")
        raw_path = raw_path.split(b"?", 1)[0]
        raw_query: bytes = scope.get("query_string", b"")
        wire_path, query = _wire_text(raw_path), _wire_text(raw_query)
        pairs = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope.get("headers", ())]
        body = await _read_body(receive, pairs)
        if body is False:
            return  # the client went away
        verdict, headers = self.inspector.inspect_request(
            method,
            wire_path,
            query,
            pairs,
            body if isinstance(body, bytes) else None,
            on_secret=self.recorder.redactor.add,
        )
        sent_body = body if isinstance(body, bytes) else b""
        target_path = self._base_path.encode("latin-1") + raw_path + (b"?" + raw_query if raw_query else b"")
        url = self.base_url + wire_path + (f"?{query}" if query else "")
        exchange = Exchange(
            method,
            url,
            # As sent upstream: with the key pair, Host is the upstream's (the URL's) and not listed.
            {
                name: value
                for name, value in pairs
                if name.lower() not in HOP_BY_HOP and not (self.settings.key_pair and name.lower() == "host")
            },
            sent_body or None,
            operation=verdict.operation.operation_id if verdict.operation else "(run)",
            signed_by_caller=verdict.well_formed_signature,
        )
        request_verdicts = [(p.rule, p.message) for p in verdict.problems]
        broken = {p.rule for p in verdict.problems}
        request_verdicts += [(rule, None) for rule in self._judged_request_rules(verdict) if rule not in broken]
        if verdict.too_large or (self.settings.errors and verdict.problems):
            # A body over the limit was never read, so it cannot be forwarded: 413 in any mode.
            problem = next(p for p in verdict.problems if p.status == 413) if verdict.too_large else verdict.problems[0]
            message = f"ccr-contract proxy: {problem.rule}: {problem.message}"
            answer_headers, answer = bce_answer(problem.status, problem.code, message)
            await _send_whole(send, problem.status, answer_headers, answer)
            exchange.status, exchange.response_body = problem.status, answer
            exchange.response_headers = {k.decode(): v.decode() for k, v in answer_headers}
            exchange.elapsed = time.perf_counter() - started
            self.recorder.record(
                exchange.operation if verdict.operation else None, problem.status, request_verdicts, exchange
            )
            return
        forward = self._forward_headers(method, target_path.decode("latin-1"), pairs, headers, verdict)
        head = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in forward]
        if sent_body or "content-length" in headers or "transfer-encoding" in headers:
            head.append((b"Content-Length", str(len(sent_body)).encode("ascii")))  # the body read, whole
        if "host" not in headers and not self.settings.key_pair:
            head.insert(0, (b"Host", self._netloc.encode("latin-1")))
        try:
            response = await self._pool().request(method, target_path, head, sent_body)
        except (httpx.TransportError, OSError) as exc:
            reason = describe_transport_error(_as_httpx(exc), self.settings.limits.request_timeout)
            answer_headers, answer = bce_answer(
                502, UPSTREAM_FAILED, f"ccr-contract proxy: no answer from the upstream: {reason}"
            )
            await _send_whole(send, 502, answer_headers, answer)
            exchange.error = reason
            exchange.elapsed = time.perf_counter() - started
            verdicts = [*request_verdicts, ("SCHEMA-002", f"no answer from the upstream: {reason}")]
            self.recorder.record(exchange.operation if verdict.operation else None, None, verdicts, exchange)
            return
        kept = bytearray()
        complete = True
        broke_off: str | None = None
        try:
            out_headers = [(k, v) for k, v in response.headers if k.lower() not in _HOP_BY_HOP_BYTES]
            length = next((v for k, v in response.headers if k.lower() == b"content-length"), None)
            if length is not None and length.isdigit():
                out_headers.append((b"content-length", length))
            await send({"type": "http.response.start", "status": response.status, "headers": out_headers})
            try:
                async for chunk in response.chunks():
                    if complete:
                        if len(kept) + len(chunk) <= KEEP_BYTES:
                            kept += chunk
                        else:
                            complete = False
                    await send({"type": "http.response.body", "body": chunk, "more_body": True})
            except (httpx.TransportError, OSError) as exc:
                # Half an answer is out: nothing honest can follow it, so the connection is dropped
                # (uvicorn closes it when the app returns with the answer incomplete).
                broke_off = describe_transport_error(_as_httpx(exc), self.settings.limits.request_timeout)
            if broke_off is None:
                await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            await response.aclose()
            exchange.status = response.status
            exchange.response_headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in response.headers}
            exchange.response_body = bytes(kept)
            exchange.truncated = not complete
            exchange.elapsed = time.perf_counter() - started
            answer_verdicts = self.inspector.judge_answer(
                verdict,
                method,
                response.status,
                exchange.response_headers,
                exchange.response_body,
                complete and broke_off is None and exchange.header("content-encoding") in (None, "identity"),
            )
            self.inspector.remember(verdict)
            if broke_off is not None:
                exchange.error = broke_off
                answer_verdicts.append(("SCHEMA-002", f"the answer broke off: {broke_off}"))
            self.recorder.record(
                exchange.operation if verdict.operation else None,
                response.status,
                request_verdicts + answer_verdicts,
                exchange,
            )
            if response.status == 403 and not self.settings.key_pair:
                self._hint_host(headers)

    def _judged_request_rules(self, verdict: RequestVerdict) -> list[str]:
        """The request rules this request was judged by (a pass each when not broken)."""
        judged = [rules.HEADERS, rules.ROUTE]
        if verdict.operation is not None:
            judged += [rules.PARAMETERS, rules.BODY]
            if verdict.auth != "none":
                judged.append(rules.AUTH_FORM)
                if self.settings.key_pair is not None and verdict.auth != "unchecked":
                    judged.append(rules.SIGNATURE)
        return judged

    def _forward_headers(
        self,
        method: str,
        target: str,
        pairs: list[tuple[str, str]],
        headers: dict[str, str],
        verdict: RequestVerdict,
    ) -> list[tuple[str, str]]:
        """The client's headers minus hop-by-hop ones.

        With the key pair, Host names the upstream (the proxy is the client's endpoint, as a
        gateway would be) and a signature whose HMAC is right is made again for it, with the
        client's timestamp, expiration and signed header set, so the upstream judges the same
        request (an expired one stays expired); any other Authorization passes unchanged and fails
        upstream as it failed here.  Without the key pair, Host and Authorization pass unchanged:
        the signature covers the Host the client sent, so the upstream can still verify it."""
        forward = [(k, v) for k, v in pairs if k.lower() not in HOP_BY_HOP]
        key_pair = self.settings.key_pair
        if key_pair is None:
            return forward
        forward = [(k, v) for k, v in forward if k.lower() != "host"]
        if verdict.verified is None:
            return [("Host", self._netloc), *forward]
        forward = [(k, v) for k, v in forward if k.lower() != "authorization"]
        parsed = parse_authorization(headers.get("authorization"))
        names = signed_names(headers, verdict.verified)
        unsigned = {k.lower(): v for k, v in forward}
        unsigned["host"] = self._netloc
        signed = sign_request(
            method,
            target,
            unsigned,
            key_pair[0],
            key_pair[1],
            timestamp=parsed.timestamp_text,
            expiration=parsed.expiration,
            signed_headers=names,
        )
        return [("Host", self._netloc), *forward, ("Authorization", signed.authorization)]

    def _hint_host(self, headers: dict[str, str]) -> None:
        """Without the key pair a 403 most likely means the client signed the proxy's Host."""
        host = headers.get("host", "")
        if self._host_hint_given or not host or host == self._netloc:
            return
        self._host_hint_given = True
        self._say(
            f"note: the upstream refused a signature made for Host {host!r}; a real endpoint verifies the "
            f"Host it serves ({self._netloc!r}): sign for it (send 'Host: {self._netloc}'), or give the proxy "
            "the key pair (--ak/--sk or CCR_AK/CCR_SK) to verify and re-sign (docs: proxy.md)"
        )


def _as_httpx(exc: Exception) -> Exception:
    """A transport failure as an httpx exception (what the suite's
    :func:`~ccr_conformance.target.describe_transport_error` words), keeping the cause."""
    if isinstance(exc, httpx.TransportError):
        return exc
    mapped = httpx.ReadError(str(exc) or type(exc).__name__)
    mapped.__cause__ = exc
    return mapped


def _wire_text(raw: bytes) -> str:
    """Path or query bytes as the signer reads them: UTF-8 when valid, else Latin-1 (every byte kept)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


async def _read_body(receive: Callable, pairs: list[tuple[str, str]]) -> bytes | bool | None:
    """The whole body; None when it is (or is declared) larger than the reference server's limit
    (the rest is left to the HTTP layer's bounded drain); False when the client disconnected."""
    for name, value in pairs:
        if name.lower() == "content-length" and value.strip().isdigit() and int(value) > MAX_BODY_BYTES:
            return None
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return False
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


async def _send_whole(send: Callable, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})
