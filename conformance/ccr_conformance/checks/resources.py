"""RES-001..006: rules the resource model (``x-bce-resources``) states about the Enterprise collections.

Every write names only what this run created (the estate's own items); everything else is read.

* RES-001 batch limits: a batch delete naming more items than the body schema's ``maxItems`` is a 400.
* RES-002 ``total`` agrees with the items: pages never hold more than ``pageSize`` or ``total`` items,
  the last page holds ``total - (n-1)*pageSize`` and the page after it is empty.
* RES-003 a toggle (``PUT .../enable?enabled=``) is visible in the item's ``get``.
* RES-004 a secret (``secrets``) is answered by create and refresh only, never by list or get.
* RES-005 the children of a deleted parent are gone: its item and its child lists answer 404.
* RES-006 an item asked for under a parent that does not hold it answers 404.
"""

from __future__ import annotations

import math
from typing import Any

from ccr_conformance.checks import Context
from ccr_conformance.checks.pagination import _page, envelope_of
from ccr_conformance.checks.stateful import enterprise_collections, enterprise_get, name_query
from ccr_conformance.contract import SENTINEL_ID
from ccr_conformance.results import Exchange
from ccr_conformance.target import parse_json
from ccr_conformance.workspace import FixtureError
from ccr_contract.spec import Operation, resolve_ref

CHECK_IDS = ("RES-001", "RES-002", "RES-003", "RES-004", "RES-005", "RES-006")
PAGE_SIZE = 2
MAX_PAGES = 20


def run(ctx: Context) -> None:
    steps = (
        ("RES-001", _batch_limits),
        ("RES-002", _totals),
        ("RES-003", _toggles),
        ("RES-004", _secrets),
        ("RES-005", _orphans),
        ("RES-006", _wrong_parent),
    )
    for check_id, step in steps:
        if not ctx.wants(check_id):
            continue
        try:
            step(ctx)
        except FixtureError as exc:
            ctx.results.failed(check_id, exc.operation, f"could not make a fixture: {exc.message}", exc.exchange)


def _na(ctx: Context, check_id: str, why: str) -> None:
    ctx.results.not_applicable(check_id, why)


# ---------------------------------------------------------------------------------- RES-001


def _items_limit(ctx: Context, op: Operation) -> int | None:
    prop = ctx.workspace.estate._body_property(op, "items")
    return int(prop["maxItems"]) if isinstance(prop.get("maxItems"), int) else None


def _batch_limits(ctx: Context) -> None:
    """Batch deletes under the instance or an owned parent, with ``maxItems + 1`` and ``maxItems`` keys
    that name nothing (the run's ``missing`` value): the first is a 400, the second never a 400."""
    estate = ctx.workspace.estate
    for res in ctx.contract.enterprise_resources:
        op = res.operation("batchDelete")
        if op is None:
            continue
        limit = _items_limit(ctx, op)
        chain = ctx.contract.model.chain(res.name)
        parent = chain[-2].name if len(chain) > 1 else None
        if limit is None or parent is None:
            continue
        if parent == "instances":
            if estate.may_create(res.name):  # instance-level lists (the whitelist): embedded server only
                continue
            parent_ids = {"instanceId": estate.instance()}
        else:
            own = estate.own(parent)
            if own is None:
                continue  # the parent would be one this run did not create
            parent_ids = {k: v for k, v in own.items() if k != "_key"}
        schema = resolve_ref(ctx.contract.spec, estate._body_property(op, "items").get("items", {}))
        candidates = [
            estate.missing({"name": res.key_param or res.key or "items", "schema": schema}),
            "192.0.2.255",  # TEST-NET-1 (RFC 5737): an address key no account holds
            SENTINEL_ID,
        ]
        key = next((c for c in candidates if estate._valid(schema, c)), candidates[0])
        over = estate._send(op, parent_ids, body={"items": [key] * (limit + 1)})
        data, _ = parse_json(over)
        code = data.get("code") if isinstance(data, dict) else None
        ctx.results.expect(
            "RES-001",
            op.operation_id,
            over.status == 400 and isinstance(code, str),
            f"{limit + 1} items (maxItems {limit}) answered {over.status or over.error}, expected 400 with a BCE error",
            over,
        )
        at = estate._send(op, parent_ids, body={"items": [key] * limit})
        ctx.results.expect(
            "RES-001",
            op.operation_id,
            at.status is not None and at.status != 400 and at.status < 500,
            f"{limit} items (maxItems {limit}) naming nothing answered {at.status or at.error}, expected 404",
            at,
        )


# ---------------------------------------------------------------------------------- RES-002


def _totals(ctx: Context) -> None:
    """Every Enterprise list (under the ids the estate names), unfiltered and narrowed to the run."""
    estate = ctx.workspace.estate
    owned = {res.operation("list").operation_id: res for res in enterprise_collections(ctx)}
    for op in ctx.contract.operations:
        if not ctx.contract.is_list(op) or not ctx.contract.is_enterprise(op):
            continue
        ids = estate.ids_for(op)
        if estate.reasons.get(op.operation_id):
            continue
        env = envelope_of(ctx, op)
        bases: list[dict[str, Any]] = [{**ids, "_query": {}}]
        res = owned.get(op.operation_id)
        if res is not None:
            for n in range(3):
                estate.create(res.name, f"total{n}")
            narrowed = name_query(ctx, res)
            if narrowed:
                bases.append({**ids, "_query": narrowed})
        for base in bases:
            _total_consistent(ctx, op, base, env)


def _total_consistent(ctx: Context, op: Operation, base: dict[str, Any], env: Any) -> None:
    size = PAGE_SIZE
    where = f" with {base['_query']}" if base["_query"] else ""
    exchange, data, problem = _page(ctx, op, base, 1, size, env)
    if problem:
        ctx.results.failed("RES-002", op.operation_id, f"page 1{where}: {problem}", exchange)
        return
    total = data.get(env.total)
    if not isinstance(total, int) or total < 0:
        ctx.results.failed("RES-002", op.operation_id, f"{env.total}{where} is {total!r}", exchange)
        return
    pages = max(1, math.ceil(total / size))
    if pages > MAX_PAGES:
        return
    problems: list[str] = []
    last = exchange
    for page_no in range(1, pages + 2):
        last, data, problem = _page(ctx, op, base, page_no, size, env)
        if problem:
            problems.append(f"page {page_no}: {problem}")
            break
        got = len(data[env.items])
        if got > size:
            problems.append(f"page {page_no} holds {got} items, pageSize {size}")
        if got > total:
            problems.append(f"page {page_no} holds {got} items, {env.total} {total}")
        if page_no == pages and total and got != total - (pages - 1) * size:
            problems.append(
                f"last page {page_no} holds {got} items, {env.total} {total} says {total - (pages - 1) * size}"
            )
        if page_no == pages + 1 and got:
            problems.append(f"page {page_no}, after the last one {env.total} {total} allows, holds {got} items")
    ctx.results.expect(
        "RES-002", op.operation_id, not problems, f"pageSize {size}{where}: " + "; ".join(problems), last
    )


# ---------------------------------------------------------------------------------- RES-003


def _toggles(ctx: Context) -> None:
    estate = ctx.workspace.estate
    for res in ctx.contract.enterprise_resources:
        for toggle in res.toggles:
            op = ctx.contract.by_id[toggle.operation_id]
            if estate.may_create(res.name):
                _na(ctx, "RES-003", f"{toggle.operation_id}: {estate.may_create(res.name)}")
                continue
            ids, _ = estate.create(res.name, "toggle")
            for value in (False, True, False):
                answer = estate._send(op, ids, query={toggle.param: value})
                if answer.status is None or not 200 <= answer.status < 300:
                    ctx.results.failed(
                        "RES-003",
                        op.operation_id,
                        f"{toggle.param}={str(value).lower()} on created {ids} answered "
                        f"{answer.status or answer.error}",
                        answer,
                    )
                    break
                got, exchange = enterprise_get(ctx, res, ids)
                shown = got.get(toggle.field) if isinstance(got, dict) else None
                ok = shown is value
                ctx.results.expect(
                    "RES-003",
                    op.operation_id,
                    ok,
                    f"after {toggle.param}={str(value).lower()} the get shows {toggle.field} {shown!r}",
                    exchange or answer,
                )
                if not ok:
                    break


# ---------------------------------------------------------------------------------- RES-004


def _contains(exchange: Exchange | None, secret: str) -> bool:
    return exchange is not None and secret.encode() in (exchange.response_body or b"")


def _secrets(ctx: Context) -> None:
    estate = ctx.workspace.estate
    for res in ctx.contract.enterprise_resources:
        for field in res.secret_fields:
            create = res.operation("create")
            if create is None:
                continue
            if estate.may_create(res.name):
                _na(ctx, "RES-004", f"{create.operation_id}: {estate.may_create(res.name)}")
                continue
            ids, made = estate.create(res.name, "secret")
            data, _ = parse_json(made)
            first = data.get(field) if isinstance(data, dict) else None
            if not isinstance(first, str) or not first:
                ctx.results.failed("RES-004", create.operation_id, f"the create answer has no {field}", made)
                continue
            seen = [first]
            refresh_id = next((op_id for op_id, b in res.behaviours.items() if b.endswith("-secret")), None)
            if refresh_id is not None:
                refresh = ctx.contract.by_id[refresh_id]
                answer = estate._send(refresh, ids, body={})
                again, _ = parse_json(answer)
                new = again.get(field) if isinstance(again, dict) else None
                ok = isinstance(new, str) and bool(new) and new != first
                ctx.results.expect(
                    "RES-004", refresh_id, ok, f"{refresh_id} answered no new {field} ({answer.status})", answer
                )
                if isinstance(new, str) and new:
                    seen.append(new)
            reads: list[tuple[str, Exchange | None]] = []
            _, listed = estate.list_items(res.name, {k: v for k, v in ids.items() if k != res.key_param})
            reads.append((res.operation("list").operation_id if res.operation("list") else "", listed))
            if res.operation("get") is not None:
                reads.append((res.operation("get").operation_id, enterprise_get(ctx, res, ids)[1]))
            for op_id, exchange in reads:
                if exchange is None:
                    continue
                leaked = [s for s in seen if _contains(exchange, s)]
                ctx.results.expect(
                    "RES-004",
                    op_id,
                    not leaked,
                    f"{op_id} answers the {field} of {res.name} {ids} that only create/refresh may answer",
                    exchange,
                )


# ---------------------------------------------------------------------------------- RES-005


def _orphans(ctx: Context) -> None:
    """Delete an item the run created and ask for it and its child lists: each answers 404."""
    estate, model = ctx.workspace.estate, ctx.contract.model
    for res in enterprise_collections(ctx):
        delete = res.operation("delete")
        child_lists = [c.operation("list") for c in model.children(res.name) if c.operation("list") is not None]
        if delete is None or not child_lists:
            continue
        ids, _ = estate.create(res.name, "parent")
        gone = estate._send(delete, ids)
        if gone.status is None or not 200 <= gone.status < 300:
            ctx.results.failed(
                "RES-005", delete.operation_id, f"deleting created {ids} answered {gone.status or gone.error}", gone
            )
            continue
        for op in child_lists:
            answer = estate._send(op, ids, query={"pageNo": 1, "pageSize": 10})
            ctx.results.expect(
                "RES-005",
                op.operation_id,
                answer.status == 404,
                f"{op.operation_id} under deleted {res.name} {ids} answered {answer.status or answer.error}, "
                "expected 404",
                answer,
            )


# ---------------------------------------------------------------------------------- RES-006


def _wrong_parent(ctx: Context) -> None:
    """Reads only: the run's own items asked for under another existing instance, and a discovered
    item asked for under the run's own (empty) parent."""
    estate, model = ctx.workspace.estate, ctx.contract.model
    home = estate.instance()
    instances = [str(i.get(model.resources["instances"].key)) for i in estate.list_items("instances", {})[0]]
    others = [i for i in instances if i and i != home]
    checked = False
    for res in enterprise_collections(ctx):
        get = res.operation("get")
        chain = model.chain(res.name)
        if get is None or len(chain) != 2 or not others:
            continue
        ids = estate.own(res.name)
        if ids is None:
            continue
        answer = estate._send(get, {**ids, "instanceId": others[0]})
        checked = True
        ctx.results.expect(
            "RES-006",
            get.operation_id,
            answer.status == 404,
            f"{res.name} {ids} of instance {home} asked for under instance {others[0]} answered "
            f"{answer.status or answer.error}, expected 404",
            answer,
        )
    for res in ctx.contract.enterprise_resources:
        get = res.operation("get")
        chain = model.chain(res.name)
        if get is None or len(chain) < 3 or not res.key_param:
            continue
        parent = chain[-2]
        own_parent = estate.own(parent.name) if not estate.may_create(parent.name) else None
        found = estate.discovered(res.name)
        if own_parent is None or found is None or found.get(res.key_param) is None:
            continue
        ids = {**{k: v for k, v in own_parent.items() if k != "_key"}, res.key_param: found[res.key_param]}
        answer = estate._send(get, ids)
        checked = True
        ctx.results.expect(
            "RES-006",
            get.operation_id,
            answer.status == 404,
            f"{res.name} {found[res.key_param]!r} asked for under the run's own {parent.name[:-1]} "
            f"{own_parent.get(parent.key_param)!r}, which does not hold it, answered {answer.status or answer.error}, "
            "expected 404",
            answer,
        )
    if not checked:
        _na(ctx, "RES-006", "no second instance and no discovered child to ask for under the wrong parent")
