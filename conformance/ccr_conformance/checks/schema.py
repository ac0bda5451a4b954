"""SCHEMA-005: every example in the spec is accepted.

(SCHEMA-001..004 are schemathesis checks; see :mod:`ccr_conformance.schemathesis_run`.)

Each operation is called once per request-body example (or once with its parameter examples): the
example's ids are replaced by this run's fixtures of the right collection (a fresh one for a delete,
a fresh execution for a stop), its names get the run prefix and its passwords the run marker.
"""

from __future__ import annotations

from typing import Any

from ccr_conformance.checks import Context
from ccr_conformance.contract import PARAM_RE
from ccr_conformance.workspace import FixtureError

CHECK_IDS = ("SCHEMA-005",)


def run(ctx: Context) -> None:
    if not ctx.wants("SCHEMA-005"):
        return
    contract, ws = ctx.contract, ctx.workspace
    for op in contract.operations:
        examples: list[tuple[str, Any]] = contract.body_examples(op) or [("parameter examples", None)]
        action = (contract.actions(op) or [""])[0]
        for name, example in examples:
            try:
                fresh: dict[str, int] = {}
                for param in PARAM_RE.findall(op.path):
                    kind = contract.kind_of_param(param)
                    if kind and action == "delete":
                        fresh[param], _ = ws.create(kind, f"example-{op.operation_id}")
                    elif kind and action == "stop":
                        fresh[param], _ = ws.started(kind)
                ids = ws.ids_for(op, fresh)
                body = ws.personalise(example, f"{op.operation_id}-{name}") if example is not None else None
                if isinstance(body, dict) and "id" in body:
                    kind = contract.collection_of(op)
                    if kind:
                        body["id"] = ws.shared(kind)
            except FixtureError as exc:
                ctx.results.failed("SCHEMA-005", op.operation_id, f"example {name!r}: {exc.message}", exc.exchange)
                continue
            query = {}
            if body is None:
                query = {
                    p["name"]: contract.param_example(p)
                    for p in op.parameters
                    if p.get("in") == "query" and p["name"] not in ids and contract.param_example(p) is not None
                }
            req = contract.build(op, ids, body=body, query=query)
            exchange = ctx.target.send(req.method, req.path, query=req.query, json_body=body, operation=op.operation_id)
            ws.record_exchange(op, exchange)
            ok = exchange.status is not None and 200 <= exchange.status < 300
            ctx.results.expect(
                "SCHEMA-005",
                op.operation_id,
                ok,
                f"example {name!r} was answered {exchange.status or exchange.error}, expected 2xx",
                exchange,
            )
