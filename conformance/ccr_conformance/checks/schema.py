"""SCHEMA-005: every example in the spec is accepted.

(SCHEMA-001..004 are schemathesis checks; see :mod:`ccr_conformance.schemathesis_run`.)

Each operation is called once per request-body example (or once with its parameter examples): the
example's ids are replaced by this run's fixtures of the right collection (a fresh one for a delete,
a fresh execution for a stop), its names get the run prefix and its passwords the run marker.
"""

from __future__ import annotations

from typing import Any

from ccr_conformance.checks import Context, family_ids
from ccr_conformance.target import parse_json
from ccr_conformance.workspace import FixtureError

CHECK_IDS = family_ids("schema")


def run(ctx: Context) -> None:
    if not ctx.wants("SCHEMA-005"):
        return
    for op in ctx.contract.operations:
        _examples(ctx, op)


def _examples(ctx: Context, op: Any) -> None:
    """An operation's examples, with ids from the resource model: creates make a new item of this
    run (prefixed key and name), deletes remove a fresh one, a stop stops a fresh execution, an
    update naming its item in the body (``updateKey``) names the run's own; an example that would
    have to name an item this run may not change is *not applicable* on this target (noted with
    the reason), never silently passed.  A fixture the server refused fails the check."""
    contract, estate = ctx.contract, ctx.workspace.estate
    res = contract.model.owner_of(op.operation_id)
    role = contract.model.role_of(op.operation_id) or ""
    examples: list[tuple[str, Any]] = contract.body_examples(op) or [("parameter examples", None)]
    for index, (name, example) in enumerate(examples):
        body = example
        try:
            fresh: dict[str, Any] = {}
            if role in ("delete", "batchDelete") and res is not None and not estate.may_create(res.name):
                made, _ = estate.create(res.name, f"ex-{role}")
                key = made.get(res.key_param or "_key")
                if role == "delete" and res.key_param:
                    fresh[res.key_param] = key
                elif isinstance(body, dict) and "items" in body:
                    body = {**body, "items": [key]}
                fresh.update({k: v for k, v in made.items() if k != res.key_param and k != "_key"})
            elif role == "behaviour:execution-stop":
                fresh, _ = estate.started_execution(res.name)
            ids = ctx.workspace.ids_for(op, fresh)
            if role == "create" and res is not None and isinstance(body, dict):
                body = estate.create_body(res.name, f"ex-{index}", ids, example=index)
            elif isinstance(body, dict):
                body = ctx.workspace.personalise(body, f"{op.operation_id}-{name}")
                estate.fill_references(body, res.name if res is not None else None)
                if res is not None and res.update_key in body:
                    body[res.update_key] = ctx.workspace.shared(res.name)
            if role == "batchDelete" and not fresh:
                estate.guard_body(op, body)
        except FixtureError as exc:
            if exc.refused:
                ctx.results.failed("SCHEMA-005", op.operation_id, f"example {name!r}: {exc.message}", exc.exchange)
            else:
                ctx.results.not_applicable("SCHEMA-005", f"on this target ({exc.message})", op.operation_id)
            continue
        why = estate.reasons.get(op.operation_id)
        query = {
            p["name"]: contract.param_example(p)
            for p in op.parameters
            if p.get("in") == "query" and p["name"] not in ids and contract.param_example(p) is not None
        }
        req = contract.build(op, ids, body=body, query=query)
        exchange = ctx.target.send(req.method, req.path, query=req.query, json_body=body, operation=op.operation_id)
        if role == "create" and res is not None and exchange.status is not None and 200 <= exchange.status < 300:
            data, _ = parse_json(exchange)
            key = estate.key_of_created(res, {k: v for k, v in ids.items()}, body, data)
            if key is not None:
                estate.record(res.name, {**ids, (res.key_param or "_key"): key})
        ok = exchange.status is not None and 200 <= exchange.status < 300
        if exchange.status == 400 and op.operation_id in contract.verdict_400:
            ok = True  # ERRATA E74: the ping's verdict on an unreachable registry
        if exchange.status == 409 and index > 0 and ctx.shared.get(("example-ok", op.operation_id)):
            why = why or "this example conflicts with the operation's previous example (ERRATA-worthy: same key)"
        if ok:
            ctx.shared[("example-ok", op.operation_id)] = True
        if why and not ok:
            ctx.results.not_applicable("SCHEMA-005", f"on this target ({why})", op.operation_id)
            continue
        ctx.results.expect(
            "SCHEMA-005",
            op.operation_id,
            ok,
            f"example {name!r} was answered {exchange.status or exchange.error}, expected 2xx",
            exchange,
        )
