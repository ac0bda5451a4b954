"""The reference CCR server as one ASGI app: route -> authenticate -> validate -> handle -> answer.

Everything the server knows about the API comes from the loaded spec: the route table from its
``paths``, validation from its schemas, the signing policy and auth error codes from
``x-bce-auth``, and each answer's ``action`` from the operation's ``x-bce-action``.  Starlette
provides the app shell (lifespan, middleware stack); one catch-all ASGI endpoint dispatches every
method on every path so that unknown paths and methods also get BCE error bodies.
"""

from __future__ import annotations

import contextlib
import logging
import math
from collections.abc import AsyncIterator, Mapping
from typing import Any

from starlette.applications import Starlette
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from ccr_contract.schemas import SpecSchemas
from ccr_contract.server.codes import check_spec_enums
from ccr_contract.server.errors import (
    ApiError,
    bad_request,
    conflict,
    error_response,
    internal_error_response,
    json_response,
    new_request_id,
    not_found,
)
from ccr_contract.server.lifecycle import Lifecycle
from ccr_contract.server.resources import Call, Resources
from ccr_contract.server.routes import RouteTable
from ccr_contract.server.store import Conflict, Missing, Store
from ccr_contract.server.validation import MAX_BODY_BYTES, RequestValidator, check_content_type
from ccr_contract.signing import AuthError, verify_request
from ccr_contract.spec import AuthRules, Operation, load_spec

log = logging.getLogger("ccr_contract.server")

#: The documented demo key pair ``ccr-contract mock`` accepts by default.  Public on purpose:
#: it only ever unlocks a local mock.
DEMO_ACCESS_KEY = "ccrdemoaccesskey0000000000000001"
DEMO_SECRET_KEY = "ccrdemosecretkey0000000000000001"


def _action_of(op: Operation) -> str | None:
    """First value of the 200 answer's ``x-bce-action`` (None for list operations)."""
    actions = op.responses.get("200", {}).get("x-bce-action")
    return str(actions[0]) if actions else None


def _needs_auth(op: Operation, spec: dict[str, Any]) -> bool:
    requirements = op.definition.get("security", spec.get("security", []))
    return bool(requirements) and {} not in requirements


#: How much of an oversized body is still read (and thrown away) before the 400 is sent.  An answer
#: sent mid-upload makes the server close a socket with unread data, and the client then sees a
#: connection reset instead of the 400; beyond this bound the reset is the lesser evil.
DRAIN_LIMIT_BYTES = 4 << 20


async def _read_body(receive: Receive) -> bytes:
    """The request body, refused beyond ``MAX_BODY_BYTES`` without buffering the rest."""
    chunks: list[bytes] = []
    size = 0
    more = True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            break  # client went away; whatever we answer is dropped
        chunk = message.get("body", b"")
        size += len(chunk)
        more = bool(message.get("more_body", False))
        if size > MAX_BODY_BYTES:
            while more and size <= DRAIN_LIMIT_BYTES:  # discard, so the client gets to read the answer
                message = await receive()
                size += len(message.get("body", b""))
                more = message["type"] == "http.request" and bool(message.get("more_body", False))
            raise bad_request(f"body: the request body is larger than {MAX_BODY_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _wire_text(raw: bytes) -> str:
    """Path or query bytes as text for the signer: UTF-8 when valid (clients that send raw UTF-8
    signed it as UTF-8), else Latin-1, which maps every byte and so can only fail the signature."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _headers(scope: Scope) -> dict[str, str]:
    """Request headers by lower-case name; the first occurrence of a repeated header wins."""
    out: dict[str, str] = {}
    for name, value in scope.get("headers", []):
        out.setdefault(name.decode("latin-1").lower(), value.decode("latin-1"))
    return out


class CcrServer:
    """The catch-all ASGI endpoint.  ``internal_errors`` counts answers of the catch-all (tests expect 0)."""

    def __init__(
        self, spec: dict[str, Any], credentials: Mapping[str, str], store: Store, probe_timeout: float
    ) -> None:
        check_spec_enums(spec)  # the statuses this server writes must be values the spec allows
        self.spec = spec
        self.routes = RouteTable(spec)
        self.validator = RequestValidator(spec, SpecSchemas(spec), self.routes.operations)
        self.auth_rules = AuthRules.from_spec(spec)
        self.verify_policy = self.auth_rules.verify_policy()
        self._credentials = dict(credentials)
        self.store = store
        self.resources = Resources(store, probe_timeout)
        self.internal_errors = 0
        missing = [op.operation_id for op in self.routes.operations if op.operation_id not in self.resources.handlers]
        if missing:
            raise ValueError(f"the spec has operations this server does not implement: {', '.join(missing)}")
        self._actions = {op.operation_id: _action_of(op) for op in self.routes.operations}
        self._auth = {op.operation_id: _needs_auth(op, spec) for op in self.routes.operations}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request_id = new_request_id()
        try:
            response = await self.handle(scope, receive, request_id)
        except ApiError as exc:
            response = error_response(exc, request_id)
        except Missing as exc:
            response = error_response(not_found(str(exc)), request_id)
        except Conflict as exc:
            response = error_response(conflict(str(exc)), request_id)
        except Exception:  # a bug: answer a BCE body, never a bare 500 page; bodies are never logged
            self.internal_errors += 1
            log.exception("internal error answering request %s", request_id)
            response = internal_error_response(request_id)
        await response(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive, request_id: str) -> Response:
        method = scope["method"]
        # Verify and route on the path exactly as sent (ASGI servers decode scope["path"]).
        raw_path: bytes = scope.get("raw_path") or scope["path"].encode("utf-8")
        wire_path = _wire_text(raw_path.split(b"?", 1)[0])  # some test transports leave the query on
        raw_query = _wire_text(scope.get("query_string", b""))
        match = self.routes.match(method, wire_path)
        op = match.operation
        headers = _headers(scope)
        if self._auth[op.operation_id]:
            self.authenticate(method, wire_path, raw_query, headers)
        params = self.validator.parameters(op, match.path_params, raw_query)
        body = None
        if self.validator.has_body(op):
            raw_body = await _read_body(receive)
            if raw_body.strip():
                check_content_type(headers.get("content-type"))
            body = self.validator.body(op, raw_body)
        handler = self.resources.handlers[op.operation_id]
        result = await handler(self.resources, Call(params, body))
        action = self._actions[op.operation_id]
        if action is not None:
            result = {"action": action, "targetName": result}
        return json_response(200, result, request_id)

    def authenticate(self, method: str, wire_path: str, raw_query: str, headers: dict[str, str]) -> None:
        try:
            verify_request(method, wire_path, raw_query, headers, self._credentials.get, policy=self.verify_policy)
        except AuthError as exc:
            status, code = self.auth_rules.error_for(exc)
            raise ApiError(status, code, exc.message) from None


def create_app(
    *,
    credentials: dict[str, str] | None = None,
    db_path: str | None = None,
    execution_seconds: float = 5.0,
    probe_timeout: float = 3.0,
) -> Starlette:
    """The reference server.  ``credentials`` maps AK -> SK (default: the demo pair); state lives in
    memory unless ``db_path`` names a SQLite file; an execution stays ``InProgress`` for
    ``execution_seconds`` (see :mod:`ccr_contract.server.lifecycle`); health probes give up after
    ``probe_timeout`` seconds.  Raises ``ValueError`` for bad arguments and
    :class:`~ccr_contract.server.store.StoreOpenError` for an unusable database."""
    creds = {DEMO_ACCESS_KEY: DEMO_SECRET_KEY} if credentials is None else dict(credentials)
    if not creds or not all(isinstance(k, str) and k and isinstance(v, str) and v for k, v in creds.items()):
        raise ValueError("credentials must map non-empty access keys to non-empty secret keys")
    if not (isinstance(probe_timeout, int | float) and math.isfinite(probe_timeout) and probe_timeout > 0):
        raise ValueError("probe_timeout must be a positive number of seconds")
    if not math.isfinite(execution_seconds):
        raise ValueError("execution_seconds must be a finite number of seconds")
    store = Store(db_path, lifecycle=Lifecycle(float(execution_seconds)))
    server = CcrServer(load_spec(), creds, store, float(probe_timeout))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        store.checkpoint()

    # Every request goes to the server's own spec-driven router.  It is installed as the router's
    # default rather than as ``Route("/{path:path}")``: that route's regex does not match a path
    # holding a percent-decoded newline (``/a%0Ab``), which then got Starlette's plain-text 404.
    app = Starlette(routes=[], lifespan=lifespan)
    app.router.default = server
    app.state.server = server
    app.state.store = store
    return app
