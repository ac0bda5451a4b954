"""PAGE-001..005: the paging envelope of every list operation (found by its pageNo/pageSize parameters).

One treatment for both editions, from the spec: the envelope is the list answer's total (its one
integer property that echoes no query parameter: ``totalCount`` or ``total``) and its items (the
resource model's list key).  A collection the run may create gets ``MIN_ITEMS`` items of its own,
narrowed to the run prefix by the resource's declared name filter; an execution list gets
``MIN_EXECUTIONS`` executions the run started, narrowed to their source; any other list
(repositories, tags, charts, jobs) is paged over what exists, with reads only, under the ids the
fixtures name (discovered or the run's).

PAGE-004 (the page echo: no ``pageNo``, and ``pageNo=0`` where the parameter allows it, answer the first
page and echo 1) and PAGE-005 (the order ``x-bce-resources`` ``sort`` declares, judged on the run's own
items, which it made one after another) use the same fixtures.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from ccr_conformance.checks import Context, family_ids
from ccr_conformance.results import Exchange
from ccr_conformance.target import parse_json
from ccr_conformance.workspace import FixtureError
from ccr_contract.resource_model import properties, response_schema
from ccr_contract.spec import Operation

CHECK_IDS = family_ids("pagination")
MIN_ITEMS = 3
#: Executions started for the order of an execution list (PAGE-005).
MIN_EXECUTIONS = 2
MAX_PAGES = 20


@dataclass(frozen=True)
class Envelope:
    """Where a list answer keeps its total and its items, and what identifies an item."""

    total: str = "totalCount"
    items: str = "result"
    key: str | None = "id"  # None: an item is identified by its whole body

    def ident(self, item: Any) -> Any:
        if self.key is None or not isinstance(item, dict):
            return json.dumps(item, sort_keys=True)
        return item.get(self.key)


def _own_list(res: Any, op: Operation) -> bool:
    """Whether ``op`` is ``res``'s own list (compared by id: the model and the run scope hold
    different Operation objects for one operation)."""
    listing = res.operation("list")
    return listing is not None and listing.operation_id == op.operation_id


def envelope_of(ctx: Context, op: Operation) -> Envelope:
    """A list answer's envelope, from its response schema: the total is its one integer property
    that echoes no query parameter (``totalCount``, ``total``), the items its one array property
    (the resource model's list key, keyed by the resource's key, for a resource's own list)."""
    props = properties(ctx.contract.spec, response_schema(ctx.contract.spec, op))
    echoed = {p["name"] for p in op.parameters if p.get("in") == "query"}
    totals = [name for name, prop in props.items() if prop.get("type") == "integer" and name not in echoed]
    total = totals[0] if len(totals) == 1 else "total"
    res = ctx.contract.model.owner_of(op.operation_id)
    if res is not None and _own_list(res, op) and res.list_key:
        return Envelope(total, res.list_key, res.key)
    arrays = [name for name, prop in props.items() if prop.get("type") == "array"]
    return Envelope(total, arrays[0] if arrays else "items", None)


def fetch_page(
    ctx: Context, op: Operation, base: dict[str, Any], page_no: int, page_size: int, env: Envelope
) -> tuple[Exchange, Any, str | None]:
    ids = {k: v for k, v in base.items() if k != "_query"}
    req = ctx.contract.build(op, ids, query={**base.get("_query", {}), "pageNo": page_no, "pageSize": page_size})
    exchange = ctx.target.send(req.method, req.path, query=req.query, operation=op.operation_id)
    data, problem = parse_json(exchange)
    if problem is None and exchange.status != 200:
        problem = f"answered {exchange.status}"
    if problem is None and not (isinstance(data, dict) and isinstance(data.get(env.items), list)):
        problem = f"the body has no {env.items} list"
    return exchange, data, problem


def _fixtures(ctx: Context, op: Operation) -> tuple[dict[str, Any], list[Any]]:
    """Ids (and a prefix filter) for a list, and the keys of the run's items it must list (in the
    order they were made).

    Raises :class:`FixtureError` with the reason when the list's parents cannot be named."""
    estate = ctx.workspace.estate
    res = ctx.contract.model.owner_of(op.operation_id)
    assert res is not None
    base: dict[str, Any] = dict(estate.ids_for(op))
    base["_query"] = {}
    why = estate.reasons.get(op.operation_id)
    if why:
        raise FixtureError(f"not applicable: {why}")
    mine: list[Any] = []
    if _own_list(res, op) and res.operation("create") is not None and not estate.may_create(res.name):
        name_filter = next(
            (
                f
                for f in res.filters
                if f.match in ("contains", "substring") and f.field in ("name", res.key) and not f.field_param
            ),
            None,
        )
        if name_filter is not None:
            base["_query"][name_filter.param] = ctx.workspace.prefix
        for n in range(MIN_ITEMS):
            ids, _ = estate.create(res.name, f"page{n}")
            mine.append(ids.get(res.key_param or "_key"))
    elif _own_list(res, op) and estate.starts(res.name) and ctx.wants("PAGE-003", "PAGE-005"):
        mine = _started_executions(ctx, res, base)
    return base, mine


def _started_executions(ctx: Context, res: Any, base: dict[str, Any]) -> list[Any]:
    """Executions of the run's own source item (a rule, a policy), started one after another (their
    list is narrowed to it); none when the run may not start any (filters, --read-only: the list is
    still paged)."""
    estate = ctx.workspace.estate
    started: list[Any] = []
    for _ in range(MIN_EXECUTIONS):
        try:
            ids, _ = estate.started_execution(res.name)
        except FixtureError as exc:
            if exc.ruled_out or not started:
                return []
            raise
        started.append(ids.get(res.key_param or "_key"))
    field, ref = estate.source_reference(res)
    name = next((n for n in ref.resources if not estate.may_create(n)), None)
    source = estate.own(name) if name is not None else None
    key = (source or {}).get(estate.model.resources[name].key_param or "_key") if name is not None else None
    owner = next((f for f in res.filters if f.match == "equals" and f.field == field), None)
    if owner is not None and key is not None:
        base["_query"][owner.param] = key
    return started


def run(ctx: Context) -> None:
    for op in ctx.contract.operations:
        if not ctx.contract.is_list(op):
            continue
        env = envelope_of(ctx, op)
        try:
            base, mine = _fixtures(ctx, op)
        except FixtureError as exc:
            if exc.ruled_out:
                for check_id in CHECK_IDS:
                    if ctx.wants(check_id):
                        ctx.results.not_applicable(check_id, exc.message, op.operation_id)
                continue
            if exc.message.startswith("not applicable: "):
                for check_id in CHECK_IDS:
                    if ctx.wants(check_id):
                        ctx.results.note(check_id, f"{op.operation_id}: {exc.message}")
                continue
            for check_id in CHECK_IDS:
                ctx.results.failed(check_id, op.operation_id, f"fixtures for paging: {exc.message}", exc.exchange)
            continue
        _honoured(ctx, op, base, env)
        _capped(ctx, op, base, env)
        _complete(ctx, op, base, set(mine), env)
        _echo(ctx, op, base, env)
        _ordered(ctx, op, base, mine, env)


def _honoured(ctx: Context, op: Operation, base: dict[str, Any], env: Envelope) -> None:
    if not ctx.wants("PAGE-001"):
        return
    for page_no, size in ((1, 1), (1, 2), (2, 2), (1, 100)):
        exchange, data, problem = fetch_page(ctx, op, base, page_no, size, env)
        if problem:
            ctx.results.failed("PAGE-001", op.operation_id, f"pageNo={page_no}&pageSize={size}: {problem}", exchange)
            continue
        total = data.get(env.total)
        got = len(data[env.items])
        expected = min(size, max(0, total - (page_no - 1) * size)) if isinstance(total, int) else None
        problems = []
        if expected is None:
            problems.append(f"{env.total} is not an integer")
        elif got != expected:
            problems.append(f"{got} items, expected {expected} ({env.total} {total})")
        if data.get("pageSize") != size:
            problems.append(f"pageSize echoed as {data.get('pageSize')!r}")
        if data.get("pageNo") != page_no:
            problems.append(f"pageNo echoed as {data.get('pageNo')!r}")
        ctx.results.expect(
            "PAGE-001",
            op.operation_id,
            not problems,
            f"pageNo={page_no}&pageSize={size}: " + "; ".join(problems),
            exchange,
        )


def page_size_cap(op: Operation) -> int:
    """The spec's ``maximum`` for the operation's ``pageSize`` (100 for every list here)."""
    param = next(p for p in op.parameters if p.get("name") == "pageSize")
    return int(param["schema"]["maximum"])


def _capped(ctx: Context, op: Operation, base: dict[str, Any], env: Envelope) -> None:
    if not ctx.wants("PAGE-002"):
        return
    cap = page_size_cap(op)
    exchange, data, problem = fetch_page(ctx, op, base, 1, cap, env)
    ok = problem is None and len(data[env.items]) <= cap and data.get("pageSize") == cap
    ctx.results.expect(
        "PAGE-002", op.operation_id, ok, f"pageSize={cap} must be accepted: {problem or data.get('pageSize')}", exchange
    )
    # Just over the cap, and far over it (a server may reject only some oversized values).
    for size in (cap + 1, cap * 10):
        exchange, data, problem = fetch_page(ctx, op, base, 1, size, env)
        body, _ = parse_json(exchange)
        code = body.get("code") if isinstance(body, dict) else None
        ok = exchange.status == 400 and isinstance(code, str)
        detail = exchange.status or exchange.error
        if exchange.status == 200 and isinstance(body, dict):
            detail = f"200 with pageSize {body.get('pageSize')!r} and {len(body.get(env.items) or [])} items"
        ctx.results.expect(
            "PAGE-002",
            op.operation_id,
            ok,
            f"pageSize={size} must be rejected with 400 and a BCE error, got {detail}",
            exchange,
        )


def _complete(ctx: Context, op: Operation, base: dict[str, Any], mine: set[Any], env: Envelope) -> None:
    if not ctx.wants("PAGE-003"):
        return
    exchange, data, problem = fetch_page(ctx, op, base, 1, 2, env)
    if problem:
        ctx.results.failed("PAGE-003", op.operation_id, f"first page: {problem}", exchange)
        return
    total = data.get(env.total)
    if not isinstance(total, int):
        ctx.results.failed("PAGE-003", op.operation_id, f"{env.total} is not an integer", exchange)
        return
    # Few items (an Enterprise list read over what exists): page one at a time.
    size = 1 if total <= 3 else 2 if total <= 2 * MAX_PAGES else 100
    pages = min(MAX_PAGES, max(1, math.ceil(total / size)))
    seen: list[Any] = []
    problems: list[str] = []
    last = exchange
    for page_no in range(1, pages + 2):  # one page past the end must be empty
        last, data, problem = fetch_page(ctx, op, base, page_no, size, env)
        if problem:
            problems.append(f"page {page_no}: {problem}")
            break
        if data.get(env.total) != total:
            problems.append(f"page {page_no}: {env.total} {data.get(env.total)!r}, page 1 said {total}")
        ids = [env.ident(i) for i in data[env.items]]
        repeated = [i for i in ids if i in seen]
        if repeated:
            problems.append(f"page {page_no} repeats ids {repeated[:5]} from earlier pages")
        seen += ids
        if page_no == pages + 1 and ids:
            problems.append(f"page {page_no}, past {env.total} {total}, still has {len(ids)} items")
    complete = total <= size * MAX_PAGES
    if complete and not problems and len(seen) != total:
        problems.append(f"the pages hold {len(seen)} items but {env.total} is {total}")
    missing = mine - set(seen)
    if complete and missing:
        problems.append(f"items created by this run are on no page: {sorted(missing)[:5]}")
    ctx.results.expect("PAGE-003", op.operation_id, not problems, "; ".join(problems), last)


# ---------------------------------------------------------------------------------- PAGE-004


def _get(
    ctx: Context, op: Operation, base: dict[str, Any], query: dict[str, Any], env: Envelope
) -> tuple[Exchange, Any, str | None]:
    """One list request with exactly ``query`` (no pageNo/pageSize added)."""
    ids = {k: v for k, v in base.items() if k != "_query"}
    req = ctx.contract.build(op, ids, query={**base.get("_query", {}), **query})
    exchange = ctx.target.send(req.method, req.path, query=req.query, operation=op.operation_id)
    data, problem = parse_json(exchange)
    if problem is None and exchange.status != 200:
        problem = f"answered {exchange.status}"
    if problem is None and not (isinstance(data, dict) and isinstance(data.get(env.items), list)):
        problem = f"the body has no {env.items} list"
    return exchange, data, problem


def _echo(ctx: Context, op: Operation, base: dict[str, Any], env: Envelope) -> None:
    """No ``pageNo`` (and ``pageNo=0`` where its schema allows it) is the first page, echoed as 1."""
    if not ctx.wants("PAGE-004"):
        return
    param = next((p for p in op.parameters if p.get("name") == "pageNo"), None)
    if param is None:
        return
    schema = param.get("schema") or {}
    first = int(schema.get("default", 1))
    echoes = "pageNo" in properties(ctx.contract.spec, response_schema(ctx.contract.spec, op))
    size = 2
    _, reference, problem = fetch_page(ctx, op, base, first, size, env)
    if problem:
        return  # PAGE-001 reports a list that cannot be paged at all
    cases: list[tuple[str, dict[str, Any]]] = [("without pageNo", {"pageSize": size})]
    minimum = schema.get("minimum")
    if isinstance(minimum, int) and minimum <= 0 < first:
        cases.append(("pageNo=0", {"pageNo": 0, "pageSize": size}))
    for label, query in cases:
        exchange, data, problem = _get(ctx, op, base, query, env)
        problems: list[str] = [problem] if problem else []
        if not problems:
            if echoes and data.get("pageNo") != first:
                problems.append(f"pageNo echoed as {data.get('pageNo')!r}, expected {first}")
            got = [env.ident(i) for i in data[env.items]]
            want = [env.ident(i) for i in reference[env.items]]
            if got != want:
                problems.append(f"items {got[:5]} are not page {first}'s {want[:5]}")
        ctx.results.expect("PAGE-004", op.operation_id, not problems, f"{label}: " + "; ".join(problems), exchange)


# ---------------------------------------------------------------------------------- PAGE-005


def declared_order(ctx: Context, op: Operation) -> tuple[str | None, str] | None:
    """``(field, asc|desc)`` the resource model declares for ``op``'s items (field None: creation
    order), or None when ``op`` is not a resource's own list."""
    res = ctx.contract.model.owner_of(op.operation_id)
    listing = res.operation("list") if res is not None else None
    if listing is None or listing.operation_id != op.operation_id:
        return None
    return res.sort


def _ordered(ctx: Context, op: Operation, base: dict[str, Any], mine: list[Any], env: Envelope) -> None:
    """The run's own items, made one after another, appear in the declared order among the listed ones."""
    if not ctx.wants("PAGE-005"):
        return
    order = declared_order(ctx, op)
    if order is None or len(mine) < 2:
        return
    field, direction = order
    cap = page_size_cap(op)
    exchange, data, problem = fetch_page(ctx, op, base, 1, cap, env)
    if problem:
        return  # PAGE-001/002 report it
    key = env.key or "id"
    listed = [i for i in data[env.items] if isinstance(i, dict)]
    position = {str(i.get(key)): n for n, i in enumerate(listed)}
    present = [m for m in mine if str(m) in position]
    if len(present) < 2:
        return  # not on the first page (a large real account): nothing to judge
    if field is None:
        shown = sorted(present, key=lambda m: position[str(m)])
        expected = present if direction == "asc" else list(reversed(present))
        what = "creation order" + (", newest first" if direction == "desc" else "")
    else:
        values = {str(i.get(key)): i.get(field) for i in listed}
        shown = sorted(present, key=lambda m: position[str(m)])
        try:
            expected = sorted(present, key=lambda m: values[str(m)], reverse=direction == "desc")
        except TypeError:
            return  # the field is missing or mixed types: SCHEMA-001 reports the item
        what = f"{field} {direction}"
    ctx.results.expect(
        "PAGE-005",
        op.operation_id,
        [str(m) for m in shown] == [str(m) for m in expected],
        f"the run's items are listed as {shown}, the spec's order ({what}) is {expected}",
        exchange,
    )
