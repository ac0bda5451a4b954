"""The reference CCR server as one ASGI app: route -> authenticate -> validate -> dispatch -> answer
(:meth:`CcrServer.handle`), and with ``validate_responses`` an output stage checking each answer.

Everything the server knows about the API comes from the loaded spec: the route table from its
``paths``, validation from its schemas, the signing policy and auth error codes from
``x-bce-auth``, and each answer's ``action`` from the operation's ``x-bce-action``.  Starlette
provides the app shell (lifespan, middleware stack); one catch-all ASGI endpoint dispatches every
method on every path so that unknown paths and methods also get BCE error bodies.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
from collections.abc import AsyncIterator, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from ccr_contract.schemas import SpecSchemas
from ccr_contract.server import codes
from ccr_contract.server.auth import READ_METHODS, RequestVerifier, carries_digest
from ccr_contract.server.engine import behaviours, fixtures
from ccr_contract.server.engine.crud import Call, Engine, EngineOptions, Reply, run_sync
from ccr_contract.server.engine.items import ItemStore
from ccr_contract.server.errors import (
    REQUEST_ID_HEADER,
    ApiError,
    JsonResponse,
    bad_request,
    error_response,
    internal_error_response,
    json_bytes,
    json_response,
    new_request_id,
    too_large,
    without_url_credentials,
)
from ccr_contract.server.health import ProbePolicy, Prober, current_prober
from ccr_contract.server.http_limits import HttpLimits
from ccr_contract.server.response_check import ResponseValidator
from ccr_contract.server.routes import Match, RouteTable
from ccr_contract.server.store import Store
from ccr_contract.server.validation import MAX_BODY_BYTES, RequestValidator, check_content_type
from ccr_contract.spec import Operation, load_spec

log = logging.getLogger("ccr_contract.server")

#: The documented demo key pair ``ccr-contract mock`` accepts by default.  Public on purpose:
#: it only ever unlocks a local mock.
DEMO_ACCESS_KEY = "ccrdemoaccesskey0000000000000001"
DEMO_SECRET_KEY = "ccrdemosecretkey0000000000000001"


def _needs_auth(op: Operation, spec: dict[str, Any]) -> bool:
    requirements = op.definition.get("security", spec.get("security", []))
    return bool(requirements) and {} not in requirements


#: Headers a request may carry once only.  Each is either signed (host, x-bce-date, the body digests)
#: or decides how the request is read or authenticated; with two copies the signer and this server
#: (which reads the first) could each take a different one.
SINGLE_HEADERS = frozenset(
    {"host", "authorization", "x-bce-date", "x-bce-content-sha256", "content-md5", "content-type", "content-length"}
)
#: Most ``(method, path)`` route matches kept (a path is at most ~8 KiB: the request-line limit).
_ROUTE_CACHE_SIZE = 4096


class ClientGone(Exception):
    """The client disconnected (or the HTTP layer gave up on it) before its body arrived: nothing is
    done with a partial body and nothing is answered."""


async def _read_body(receive: Receive) -> bytes:
    """The request body; ``ClientGone`` when it never completes, 413 beyond ``MAX_BODY_BYTES``.

    Nothing more is read after the limit: the HTTP layer (:mod:`ccr_contract.server.http_limits`)
    discards the rest within its lingering-close budget, so the client still gets to read the 413.
    """
    chunks: list[bytes] = []
    size = 0
    more = True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            raise ClientGone
        chunk = message.get("body", b"")
        size += len(chunk)
        more = bool(message.get("more_body", False))
        if size > MAX_BODY_BYTES:
            raise too_large(f"body: the request body is larger than {MAX_BODY_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _declared_length(headers: Mapping[str, str]) -> int | None:
    value = headers.get("content-length")
    return int(value) if value is not None and value.strip().isdigit() else None


def _without_credentials(value: Any) -> Any:
    """An answer with the ``user:password@`` of every URL in it removed (a registry URL may carry
    one; it is stored, used by nobody, and never shown again)."""
    if isinstance(value, str):
        return without_url_credentials(value)
    if isinstance(value, dict):
        return {key: _without_credentials(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_credentials(item) for item in value]
    return value


def _wire_text(raw: bytes) -> str:
    """Path or query bytes as text for the signer: UTF-8 when valid (clients that send raw UTF-8
    signed it as UTF-8), else Latin-1, which maps every byte and so can only fail the signature."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _headers(scope: Scope) -> dict[str, str]:
    """Request headers by lower-case name; a repeated header of :data:`SINGLE_HEADERS` is a 400, of
    any other header the first occurrence wins."""
    out: dict[str, str] = {}
    for name, value in scope.get("headers", []):
        key = name.decode("latin-1").lower()
        if key in out and key in SINGLE_HEADERS:
            raise bad_request(f"the {key} header is given more than once")
        out.setdefault(key, value.decode("latin-1"))
    return out


def _json_answer(status: int, payload: Any, request_id: str) -> Response:
    """A JSON answer with the ``user:password@`` of every URL in it removed.  Encoded first: a
    credential needs an ``@``, which JSON writes as is, so an answer without one is sent as
    encoded and only the rare one with an ``@`` is walked and encoded again."""
    data = json_bytes(payload)
    if b"@" in data:
        return json_response(status, _without_credentials(payload), request_id)
    return JsonResponse(data, status, request_id)


def _reply_response(reply: Reply, request_id: str) -> Response:
    """An engine answer as HTTP: JSON, raw bytes/text with their content type, or an empty 200."""
    if isinstance(reply.body, dict | list):
        return _json_answer(reply.status, reply.body, request_id)
    headers = {REQUEST_ID_HEADER: request_id}
    if reply.body is None:
        return Response(b"", status_code=reply.status, headers=headers)
    content = reply.body.encode("utf-8") if isinstance(reply.body, str) else bytes(reply.body)
    return Response(content, status_code=reply.status, media_type=reply.content_type, headers=headers)


@dataclass(frozen=True)
class Head:
    """A request as the route stage needs it: method, headers, and path and query exactly as sent."""

    method: str
    headers: dict[str, str]
    wire_path: str
    raw_query: str


def _head(scope: Scope) -> Head:
    """The request head; 400 for a repeated single header, 413 for a declared body over the limit
    (refused before a byte of it is read).  Verification and routing use the path exactly as sent
    (ASGI servers decode ``scope["path"]``)."""
    headers = _headers(scope)
    declared = _declared_length(headers)
    if declared is not None and declared > MAX_BODY_BYTES:
        raise too_large(f"body: the request body is larger than {MAX_BODY_BYTES} bytes")
    raw_path: bytes = scope.get("raw_path") or scope["path"].encode("utf-8")
    wire_path = _wire_text(raw_path.split(b"?", 1)[0])  # some test transports leave the query on
    return Head(scope["method"], headers, wire_path, _wire_text(scope.get("query_string", b"")))


class CcrServer:
    """The catch-all ASGI endpoint.  ``internal_errors`` counts answers of the catch-all (tests expect 0);
    ``responses`` is the output-validation stage when enabled (``validate_responses``)."""

    def __init__(
        self,
        spec: dict[str, Any],
        credentials: Mapping[str, str],
        store: Store,
        probe_timeout: float,
        *,
        prober: Prober | None = None,
        require_body_signature: bool = False,
        seed: dict[str, Any] | None = None,
        execution_seconds: float = 5.0,
        validate_responses: str | None = None,
    ) -> None:
        self.spec = spec
        self.routes = RouteTable(spec)
        # Requests: JSON Schema's integers (a whole 1.0 is one; the body parser makes it 1).  Answers:
        # this server writes integers as integers, so its own output is held to the strict reading.
        self.validator = RequestValidator(spec, SpecSchemas(spec), self.routes.operations)
        self.verifier = RequestVerifier(spec, credentials, require_body_signature=require_body_signature)
        self.responses = (
            ResponseValidator(spec, SpecSchemas(spec, strict_integers=True), self.routes.operations, validate_responses)
            if validate_responses
            else None
        )
        self.store = store
        # A file database syncs to disk on every commit (synchronous=FULL): its calls run on one
        # worker thread so a slow disk never blocks the event loop.  One thread plus the store's
        # lock keep writes serial.  The in-memory store does no I/O and stays on the loop.
        self._worker = ThreadPoolExecutor(1, thread_name_prefix="ccr-store") if store.path else None
        #: Health probes of this server run here (loopback and --allow-probe-host hosts only).
        self.prober = prober or Prober()
        self.internal_errors = 0
        # Every operation is served by the generic engine, from the spec's x-bce-resources.
        self.engine = Engine(
            spec,
            ItemStore(*store.shared_connection()),
            behaviours.REGISTRY,
            clock=store.now,
            options=EngineOptions(
                execution_seconds=max(0.0, float(execution_seconds)),
                scan_seconds=max(0.0, float(execution_seconds)),
                probe_timeout=probe_timeout,
                worker=self._worker,
            ),
        )
        missing = [op.operation_id for op in self.routes.operations if op.operation_id not in self.engine.handlers]
        if missing:
            shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
            raise ValueError(f"the spec has {len(missing)} operation(s) this server does not implement: {shown}")
        if seed and not any(self.engine.items.count(r.name, "") for r in self.engine.model.resources.values()):
            fixtures.load(self.engine, seed)  # a --db file that already holds state keeps it
        self._auth = {op.operation_id: _needs_auth(op, spec) for op in self.routes.operations}
        self._has_body = {op.operation_id: self.validator.has_body(op) for op in self.routes.operations}
        #: ``(method, wire path) -> Match`` of paths already routed: the route table is fixed, so a
        #: match is a pure function of both; clients poll the same paths.  Bounded (emptied when
        #: full); only matches are kept, never 404/405 answers.
        self._routed: dict[tuple[str, str], Match] = {}
        self._store_lock = store.shared_connection()[1]

    @property
    def require_body_signature(self) -> bool:
        """Writes must sign a body digest (``ccr-contract mock --require-body-signature``)."""
        return self.verifier.require_body_signature

    def route(self, method: str, wire_path: str) -> Match:
        """``self.routes.match`` through the bounded cache of earlier matches."""
        key = (method, wire_path)
        match = self._routed.get(key)
        if match is None:
            match = self.routes.match(method, wire_path)
            if len(self._routed) >= _ROUTE_CACHE_SIZE:
                self._routed.clear()
            self._routed[key] = match
        return match

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request_id = new_request_id()
        token = current_prober.set(self.prober)  # the probe the handlers call obeys this server's policy
        routed: list[Operation] = []  # the operation, once the route stage found one
        try:
            response = await self.handle(scope, receive, request_id, routed)
        except ClientGone:
            return
        except ApiError as exc:
            response = error_response(exc, request_id)
        except Exception:  # a bug: answer a BCE body, never a bare 500 page; bodies are never logged
            self.internal_errors += 1
            log.exception("internal error answering request %s", request_id)
            response = internal_error_response(request_id)
        finally:
            current_prober.reset(token)
        if self.responses is not None:
            response = self.check_answer(routed[0] if routed else None, response, request_id)
        await response(scope, receive, send)

    async def handle(
        self, scope: Scope, receive: Receive, request_id: str, routed: list[Operation] | None = None
    ) -> Response:
        """One request through the stages: route -> authenticate -> validate -> dispatch -> answer.
        ``routed`` receives the operation once routing found it (for the output stage)."""
        head = _head(scope)
        match = self.route(head.method, head.wire_path)  # route
        op = match.operation
        if routed is not None:
            routed.append(op)
        if self._auth[op.operation_id]:  # authenticate
            self.verifier.verify(head.method, head.wire_path, head.raw_query, head.headers)
        call = await self.validate(op, match, head, receive)  # validate
        reply = await self.dispatch(op, head.method, call)  # dispatch
        return _reply_response(reply, request_id)  # answer

    async def validate(self, op: Operation, match: Match, head: Head, receive: Receive) -> Call:
        """Typed, schema-checked parameters and body.  The body is read when the operation takes
        one or a digest header is sent (a digest must match the bytes sent, whatever the method)."""
        params = self.validator.parameters(op, match.path_params, head.raw_query)
        body = None
        has_body = self._has_body[op.operation_id]
        if has_body or carries_digest(head.headers):
            raw_body = await _read_body(receive)
            self.verifier.check_body(head.headers, raw_body)
            if has_body:
                if raw_body.strip():
                    check_content_type(head.headers.get("content-type"))
                body = self.validator.body(op, raw_body)
        return Call(params, body)

    async def dispatch(self, op: Operation, method: str, call: Call) -> Reply:
        """Run the operation's handler where it belongs -- the one place that decides the thread:

        * in memory, or a behaviour awaiting real I/O (a probe, ``on_loop``): on the event loop
          (its store calls go to the worker through ``Engine.offload``);
        * a read while the file store is idle: on the loop too -- the hop to the worker thread
          (there so a write's fsync never blocks the loop) costs more than the read itself, and
          with the lock held nothing else can touch the connection meanwhile;
        * anything else with a file store: on the store's one worker thread.
        """
        handler = self.engine.handlers[op.operation_id]
        worker = self._worker
        if worker is None or getattr(handler, "on_loop", False):
            return await handler(call)
        if method in READ_METHODS and self._store_lock.acquire(blocking=False):
            try:
                return await handler(call)
            finally:
                self._store_lock.release()
        return await asyncio.get_running_loop().run_in_executor(worker, run_sync, handler(call))

    def check_answer(self, op: Operation | None, response: Response, request_id: str) -> Response:
        """The output stage: the answer checked against the spec; in ``strict`` mode a violation is
        answered as a 500 (so any client, the conformance suite included, sees it)."""
        assert self.responses is not None
        body = bytes(getattr(response, "body", b"") or b"")
        found = self.responses.check(op, response.status_code, response.headers.get("content-type"), body)
        if found and self.responses.mode == "strict":
            self.internal_errors += 1
            message = f"the answer does not match the spec: {found[0].problem}"
            return error_response(ApiError(500, codes.INTERNAL_ERROR, message), request_id)
        return response


class _ServerApp(Starlette):
    """Starlette with HTTP requests handed straight to the :class:`CcrServer`.

    The server answers every exception of its own (a BCE body, never Starlette's plain 500 page) and
    has no Starlette routes, so the error middleware, exception middleware and router that Starlette
    puts in front of it only cost time on every request (about a tenth of a signed list's); they
    still serve the lifespan, and the whole stack is kept as soon as middleware is added.
    """

    def build_middleware_stack(self) -> Any:
        stack = super().build_middleware_stack()
        server: CcrServer = self.state.server
        if self.user_middleware:
            return stack

        async def app(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] == "http":
                await server(scope, receive, send)
            else:
                await stack(scope, receive, send)

        return app


def create_app(
    *,
    credentials: dict[str, str] | None = None,
    db_path: str | None = None,
    execution_seconds: float = 5.0,
    probe_timeout: float = 3.0,
    allow_probe_hosts: Iterable[str] = (),
    require_body_signature: bool = False,
    http_limits: HttpLimits | None = None,
    seed: dict[str, Any] | str | None = "demo",
    validate_responses: str | None = None,
) -> Starlette:
    """The reference server.  ``credentials`` maps AK -> SK (default: the demo pair); state lives in
    memory unless ``db_path`` names a SQLite file; an execution stays ``InProgress`` for
    ``execution_seconds`` (see :mod:`ccr_contract.server.lifecycle`); health probes give up after
    ``probe_timeout`` seconds and connect only to loopback and ``allow_probe_hosts``;
    ``require_body_signature`` refuses writes whose signature covers no body digest; ``http_limits``
    is what :func:`ccr_contract.liveserver.serve_in_thread` and ``ccr-contract mock`` enforce in the
    HTTP layer (kept in ``app.state.http_limits``); ``seed`` is the state a new store starts with:
    ``"demo"`` (the embedded demo), a fixtures document, or None (empty); ``validate_responses``
    (``"log"`` or ``"strict"``) checks every answer against the spec
    (:mod:`ccr_contract.server.response_check`): violations are logged and kept in
    ``app.state.server.responses.violations``, and in ``strict`` mode answered as a 500.
    Raises ``ValueError`` for bad arguments and
    :class:`~ccr_contract.server.store.StoreOpenError` for an unusable database,
    :class:`~ccr_contract.spec.SpecError` for a spec the server cannot serve (a status role its
    behaviours write that ``x-bce-states`` does not name, say)."""
    creds = {DEMO_ACCESS_KEY: DEMO_SECRET_KEY} if credentials is None else dict(credentials)
    if not creds or not all(isinstance(k, str) and k and isinstance(v, str) and v for k, v in creds.items()):
        raise ValueError("credentials must map non-empty access keys to non-empty secret keys")
    if not (isinstance(probe_timeout, int | float) and math.isfinite(probe_timeout) and probe_timeout > 0):
        raise ValueError("probe_timeout must be a positive number of seconds")
    if not (math.isfinite(execution_seconds) and execution_seconds >= 0):
        raise ValueError("execution_seconds must be a finite, non-negative number of seconds")
    if isinstance(allow_probe_hosts, str):
        raise ValueError("allow_probe_hosts must be a list of host names, not one string")
    store = Store(db_path)
    prober = Prober(ProbePolicy.allowing(allow_probe_hosts))
    server = CcrServer(
        load_spec(),
        creds,
        store,
        float(probe_timeout),
        prober=prober,
        require_body_signature=require_body_signature,
        seed=fixtures.demo_fixtures() if seed == "demo" else (seed or None),  # type: ignore[arg-type]
        execution_seconds=float(execution_seconds),
        validate_responses=validate_responses,
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        await prober.aclose()
        store.checkpoint()

    # Every request goes to the server's own spec-driven router.  It is installed as the router's
    # default rather than as ``Route("/{path:path}")``: that route's regex does not match a path
    # holding a percent-decoded newline (``/a%0Ab``), which then got Starlette's plain-text 404.
    app = _ServerApp(routes=[], lifespan=lifespan)
    app.router.default = server
    app.state.server = server
    app.state.store = store
    app.state.http_limits = http_limits or HttpLimits()
    return app
