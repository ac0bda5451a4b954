"""An engine over an in-memory store with the embedded demo, a settable clock, and a way to call
an operation by its id with path/query parameters and a body, validating the answer against the
spec (tests/test_engine*.py)."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from typing import Any

from ccr_contract.schemas import SpecSchemas, pointer
from ccr_contract.server.engine import behaviours, fixtures
from ccr_contract.server.engine.crud import Call, Engine, EngineOptions, Reply
from ccr_contract.server.engine.items import ItemStore
from ccr_contract.server.errors import ApiError
from ccr_contract.spec import load_spec, operations, resolve_ref

DEMO = {"instanceId": "ccr-4a5b6c7d", "projectName": "library"}


class Clock:
    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class Harness:
    """One engine, its spec and a validator for its answers."""

    def __init__(self, spec: dict[str, Any] | None = None, *, demo: bool = True, seconds: float = 5.0) -> None:
        self.spec = spec or load_spec()
        self.clock = Clock()
        conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        self.items = ItemStore(conn, threading.RLock())
        self.engine = Engine(
            self.spec,
            self.items,
            behaviours.REGISTRY,
            clock=self.clock,
            options=EngineOptions(execution_seconds=seconds, scan_seconds=seconds),
        )
        self.schemas = SpecSchemas(self.spec)
        self.ops = {op.operation_id: op for op in operations(self.spec)}
        if demo:
            fixtures.load(self.engine, fixtures.demo_fixtures())

    def call(self, operation_id: str, body: Any = None, **params: Any) -> Reply:
        """Call one operation; the answer must validate against the spec's 200 schema."""
        op = self.ops[operation_id]
        path_params = {p["name"] for p in op.parameters if p.get("in") == "path"}
        typed = {**{k: v for k, v in DEMO.items() if k in path_params}, **params}
        for param in op.parameters:  # query defaults, as the app's validator applies them
            default = (resolve_ref(self.spec, param.get("schema")) or {}).get("default")
            if param.get("in") == "query" and param["name"] not in params and default is not None:
                typed[param["name"]] = default
        reply = asyncio.run(self.engine.handlers[operation_id](Call(typed, body)))
        if isinstance(reply.body, dict | list):
            ref = op.responses["200"].get("$ref")
            base = ref[2:].split("/") if ref else ["paths", op.path, op.method.lower(), "responses", "200"]
            ptr = pointer(*base, "content", "application/json", "schema")
            errors = self.schemas.errors(ptr, reply.body)
            assert not errors, f"{operation_id} answered a body the spec rejects: {errors}"
        return reply

    def status(self, operation_id: str, body: Any = None, **params: Any) -> int:
        """The HTTP status a call answers (200, or the ApiError's)."""
        try:
            self.call(operation_id, body, **params)
        except ApiError as exc:
            return exc.status
        return 200
