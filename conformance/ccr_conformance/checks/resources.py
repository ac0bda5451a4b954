"""RES-001..007: rules the resource model (``x-bce-resources``) states about the Enterprise collections.

Every write names only what this run created (the estate's own items); everything else is read.

* RES-001 batch limits: a batch delete naming more items than the body schema's ``maxItems`` is a 400.
* RES-002 ``total`` agrees with the items: pages never hold more than ``pageSize`` or ``total`` items,
  the last page holds ``total - (n-1)*pageSize`` and the page after it is empty.
* RES-003 a toggle (``PUT .../enable?enabled=``) is visible in the item's ``get``.
* RES-004 a secret (``secrets``) is answered by create and refresh only, never by list or get.
* RES-005 the children of a deleted parent are gone: its item and its child lists answer 404.
* RES-006 an item named under a parent that does not hold it answers 404: reads, and writes (update,
  delete, toggle, batch delete) of the run's own fresh item through another existing instance -- a
  correct server changes nothing, a broken one can only touch that run-owned item.
* RES-007 a list holds only its parent's items (the run's fresh item is not listed under another
  parent) and, with a declared filter parameter, only the items the filter selects.
"""

from __future__ import annotations

import contextlib
import math
from typing import Any

from ccr_conformance.checks import Context, family_ids
from ccr_conformance.checks.pagination import envelope_of, fetch_page
from ccr_conformance.checks.stateful import enterprise_collections, find_item, get_item, name_query
from ccr_conformance.contract import SENTINEL_ID
from ccr_conformance.results import Exchange
from ccr_conformance.target import parse_json
from ccr_conformance.workspace import FixtureError
from ccr_contract.spec import Operation, resolve_ref

CHECK_IDS = family_ids("resources")
PAGE_SIZE = 2
MAX_PAGES = 20
#: Discovered parents compared when a child is read through the wrong one.
MAX_SIBLINGS = 3


def run(ctx: Context) -> None:
    steps = (
        ("RES-001", _batch_limits),
        ("RES-002", _totals),
        ("RES-003", _toggles),
        ("RES-004", _secrets),
        ("RES-005", _orphans),
        ("RES-006", _wrong_parent),
        ("RES-007", _filters),
    )
    if ctx.wants("RES-006", "RES-007"):
        try:
            _elsewhere(ctx)
        except FixtureError as exc:
            for check_id in ("RES-006", "RES-007"):
                if ctx.wants(check_id):
                    ctx.results.failed(
                        check_id, exc.operation, f"could not make a fixture: {exc.message}", exc.exchange
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
    prop = ctx.workspace.estate.body_property(op, "items")
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
        schema = resolve_ref(ctx.contract.spec, estate.body_property(op, "items").get("items", {}))
        candidates = [
            estate.missing({"name": res.key_param or res.key or "items", "schema": schema}),
            "192.0.2.255",  # TEST-NET-1 (RFC 5737): an address key no account holds
            SENTINEL_ID,
        ]
        key = next((c for c in candidates if estate.valid(schema, c)), candidates[0])
        over = estate.send(op, parent_ids, body={"items": [key] * (limit + 1)})
        data, _ = parse_json(over)
        code = data.get("code") if isinstance(data, dict) else None
        ctx.results.expect(
            "RES-001",
            op.operation_id,
            over.status == 400 and isinstance(code, str),
            f"{limit + 1} items (maxItems {limit}) answered {over.status or over.error}, expected 400 with a BCE error",
            over,
        )
        at = estate.send(op, parent_ids, body={"items": [key] * limit})
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
    exchange, data, problem = fetch_page(ctx, op, base, 1, size, env)
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
        last, data, problem = fetch_page(ctx, op, base, page_no, size, env)
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
                answer = estate.send(op, ids, query={toggle.param: value})
                if answer.status is None or not 200 <= answer.status < 300:
                    ctx.results.failed(
                        "RES-003",
                        op.operation_id,
                        f"{toggle.param}={str(value).lower()} on created {ids} answered "
                        f"{answer.status or answer.error}",
                        answer,
                    )
                    break
                got, exchange = get_item(ctx, res, ids)
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
                answer = estate.send(refresh, ids, body={})
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
                reads.append((res.operation("get").operation_id, get_item(ctx, res, ids)[1]))
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
        gone = estate.send(delete, ids)
        if gone.status is None or not 200 <= gone.status < 300:
            ctx.results.failed(
                "RES-005", delete.operation_id, f"deleting created {ids} answered {gone.status or gone.error}", gone
            )
            continue
        for op in child_lists:
            answer = estate.send(op, ids, query={"pageNo": 1, "pageSize": 10})
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
    """Reads only (the run's own items through another instance are asked for in :func:`_elsewhere`):
    a discovered item asked for under the run's own (empty) parent, and a discovered child asked for
    through another discovered parent that does not list it (a tag through the wrong repository)."""
    estate, model = ctx.workspace.estate, ctx.contract.model
    for res in ctx.contract.enterprise_resources:
        get = res.operation("get")
        chain = model.chain(res.name)
        if get is None or len(chain) < 3 or not res.key_param:
            continue
        parent = chain[-2]
        own_parent = estate.own(parent.name) if not estate.may_create(parent.name) else None
        found = estate.discovered(res.name)
        if own_parent is not None and found is not None and found.get(res.key_param) is not None:
            ids = {**{k: v for k, v in own_parent.items() if k != "_key"}, res.key_param: found[res.key_param]}
            answer = estate.send(get, ids)
            ctx.results.expect(
                "RES-006",
                get.operation_id,
                answer.status == 404,
                f"{res.name} {found[res.key_param]!r} asked for under the run's own {parent.name[:-1]} "
                f"{own_parent.get(parent.key_param)!r}, which does not hold it, answered "
                f"{answer.status or answer.error}, expected 404",
                answer,
            )
        _through_sibling(ctx, res, get)
    if not ctx.results["RES-006"].operations:
        _na(ctx, "RES-006", "no second instance and no discovered child to ask for under the wrong parent")


def _through_sibling(ctx: Context, res: Any, get: Operation) -> None:
    """A child listed under one discovered parent and not under a sibling parent (same grandparent),
    read through the sibling: 404."""
    estate, model = ctx.workspace.estate, ctx.contract.model
    parent = model.chain(res.name)[-2]
    if not parent.key_param:
        return
    parents = [{k: v for k, v in p.items() if k != "_key"} for p in estate.existing_items(parent.name)[:MAX_SIBLINGS]]
    listed: dict[int, set[str]] = {}
    for n, ids in enumerate(parents):
        items, exchange = estate.list_items(res.name, ids)
        if exchange is not None and exchange.status == 200:
            listed[n] = {str(i.get(res.key)) for i in items if i.get(res.key) not in (None, "")}
    for a, b in ((a, b) for a in listed for b in listed if a != b):
        grand_a = {k: v for k, v in parents[a].items() if k != parent.key_param}
        grand_b = {k: v for k, v in parents[b].items() if k != parent.key_param}
        only_a = sorted(listed[a] - listed[b])
        if grand_a != grand_b or not only_a:
            continue
        ids = {**parents[b], res.key_param: only_a[0]}
        answer = estate.send(get, ids)
        noun = parent.declaration.get("noun") or parent.name
        ctx.results.expect(
            "RES-006",
            get.operation_id,
            answer.status == 404,
            f"{res.name} {only_a[0]!r}, listed under {noun} {parents[a][parent.key_param]!r} only, "
            f"asked for through {noun} {parents[b][parent.key_param]!r} answered "
            f"{answer.status or answer.error}, expected 404",
            answer,
        )
        return


# ------------------------------------------------------------------ RES-006 / RES-007: another parent


def _parent_of(ids: dict[str, Any], res: Any) -> dict[str, Any]:
    return {k: v for k, v in ids.items() if k not in (res.key_param, "_key")}


def _other_instances(ctx: Context) -> list[str]:
    """Existing instances other than the one the run works in (read once per run)."""
    with ctx.lock:
        if "other-instances" not in ctx.shared:
            estate, model = ctx.workspace.estate, ctx.contract.model
            home = estate.instance()
            key = model.resources["instances"].key
            listed = [str(i.get(key)) for i in estate.list_items("instances", {})[0]]
            ctx.shared["other-instances"] = [i for i in listed if i and i not in ("None", home)]
        return list(ctx.shared["other-instances"])


def _alternative_parent(ctx: Context, res: Any, ids: dict[str, Any]) -> dict[str, Any] | None:
    """Ids of another existing parent of the item ``ids`` names (same grandparent), or None: another
    instance for an instance's direct child, another discovered sibling (a repository) otherwise."""
    estate, model = ctx.workspace.estate, ctx.contract.model
    chain = model.chain(res.name)
    if len(chain) < 2:
        return None
    parent = chain[-2]
    own_parent = _parent_of(ids, res)
    if parent.name == "instances":
        others = _other_instances(ctx)
        return {**own_parent, "instanceId": others[0]} if others else None
    if not parent.key_param:
        return None
    for candidate in estate.existing_items(parent.name):
        alt = {k: v for k, v in candidate.items() if k != "_key"}
        same_grandparent = all(alt.get(k) == v for k, v in own_parent.items() if k != parent.key_param)
        if same_grandparent and alt.get(parent.key_param) != own_parent.get(parent.key_param):
            return {**own_parent, parent.key_param: alt[parent.key_param]}
    return None


def _same_item(res: Any, listed: dict[str, Any], item: dict[str, Any] | None, key: Any) -> bool:
    """Whether a listed item is the run's item: the same key, and (for server-numbered keys, which
    another parent may legitimately reuse) the same name."""
    if str(listed.get(res.key)) != str(key):
        return False
    if res.key_from == "body" or item is None or "name" not in item:
        return True
    return listed.get("name") == item.get("name")


def _elsewhere(ctx: Context) -> None:
    """Per collection the run may fill: a fresh item of its own, then through another existing parent
    (RES-007) its list must not show the item, and (RES-006) reading, toggling, updating, batch-deleting
    and deleting the item there answers 404 -- and the item is still there under its own parent.

    Safe on a real account: the item's key is first shown absent from the other parent (its get is 404,
    or its list lacks it), so a correct server has nothing to change there; a server that ignores the
    parent can only reach the run's own fresh item."""
    estate = ctx.workspace.estate
    for res in enterprise_collections(ctx):
        listing = res.operation("list")
        if listing is None or not res.key:
            continue
        try:
            parent_ids = estate.parent_ids(res.name)
        except FixtureError:
            continue
        other = _alternative_parent(ctx, res, {**parent_ids})
        if other is None:
            continue
        ids, _ = estate.create(res.name, "elsewhere", parent_ids=parent_ids)
        key = ids.get(res.key_param or "_key")
        mine, _, _ = find_item(ctx, res, ids)
        where = f"{res.name} {key!r} of {_describe(parent_ids)} through {_describe(other, parent_ids)}"
        theirs, listed = estate.list_items(res.name, other)
        shown = listed is not None and listed.status == 200 and any(_same_item(res, i, mine, key) for i in theirs)
        if ctx.wants("RES-007") and listed is not None and listed.status == 200:
            ctx.results.expect(
                "RES-007", listing.operation_id, not shown, f"{where}: the other parent's list shows it", listed
            )
        if not ctx.wants("RES-006"):
            continue
        wrong = {**other, **({res.key_param: key} if res.key_param else {})}
        get = res.operation("get")
        if get is not None:
            answer = estate.send(get, wrong)
            ctx.results.expect(
                "RES-006",
                get.operation_id,
                answer.status == 404,
                f"{where}: read answered {answer.status or answer.error}, expected 404",
                answer,
            )
            absent = answer.status == 404
        else:
            absent = listed is not None and listed.status == 200 and not shown
        if not absent:
            continue  # the other parent may hold such an item: write nothing there
        _wrong_parent_writes(ctx, res, ids, wrong, other, where)


def _describe(ids: dict[str, Any], base: dict[str, Any] | None = None) -> str:
    shown = {k: v for k, v in ids.items() if base is None or base.get(k) != v}
    return ", ".join(f"{k} {v}" for k, v in shown.items()) or "its parent"


def _wrong_parent_writes(
    ctx: Context, res: Any, ids: dict[str, Any], wrong: dict[str, Any], other: dict[str, Any], where: str
) -> None:
    estate = ctx.workspace.estate
    key = ids.get(res.key_param or "_key")
    writes: list[tuple[Operation, dict[str, Any] | None, Any]] = []
    for toggle in res.toggles:
        op = ctx.contract.by_id.get(toggle.operation_id)
        if op is not None:
            writes.append((op, {toggle.param: False}, None))
    update = res.operation("update")
    if update is not None:
        writes.append((update, None, _update_body(ctx, res, update, key)))
    batch = res.operation("batchDelete")
    if batch is not None:
        writes.append((batch, None, {"items": [key]}))
    delete = res.operation("delete")
    if delete is not None:
        writes.append((delete, None, None))
    for op, query, body in writes:
        target_ids = other if op is batch else wrong
        answer = estate.send(op, target_ids, query=query, body=body)
        ctx.results.expect(
            "RES-006",
            op.operation_id,
            answer.status == 404,
            f"{where}: {op.operation_id} answered {answer.status or answer.error}, expected 404",
            answer,
        )
    if writes:
        still, exchange, problem = find_item(ctx, res, ids)
        ctx.results.expect(
            "RES-006",
            writes[-1][0].operation_id,
            still is not None,
            f"{where}: after the writes through the other parent the item is gone from its own parent "
            f"({problem or 'not listed'})",
            exchange,
        )


def _update_body(ctx: Context, res: Any, op: Operation, key: Any) -> Any:
    """A valid update body naming the run's item (the spec's example, given the run's names)."""
    import copy

    examples = ctx.contract.body_examples(op)
    if not examples:
        return None
    body = copy.deepcopy(examples[0][1])
    if isinstance(body, dict):
        if isinstance(body.get("name"), str):
            body["name"] = ctx.workspace.estate.key_name(res.name, "elsewhere")
        if res.update_key and res.update_key in body:
            body[res.update_key] = key
        ctx.contract.fill_write_only(body, ctx.workspace.password())
        ctx.workspace.own_urls(body)
        with contextlib.suppress(FixtureError):  # then the example's references stay: the write is a 404 anyway
            ctx.workspace.estate.fill_references(body, res.name)
    return body


# ---------------------------------------------------------------------------------- RES-007


def _filters(ctx: Context) -> None:
    """Every declared filter of a list in the run: the listed items all match the value."""
    estate = ctx.workspace.estate
    scoped = {op.operation_id for op in ctx.contract.operations}
    owned = {res.name for res in enterprise_collections(ctx)}
    for res in ctx.contract.model.resources.values():
        listing = res.operation("list")
        if listing is None or listing.operation_id not in scoped or not res.filters:
            continue
        if res.name in owned:
            mine = estate.own(res.name)
            parent = _parent_of(mine, res) if mine else None
        else:
            found = estate.discovered(res.name) if len(ctx.contract.model.chain(res.name)) > 1 else {}
            parent = _parent_of(found, res) if found is not None else None
        if parent is None:
            continue
        sample, exchange = estate.list_items(res.name, parent)
        if exchange is None or exchange.status != 200 or not sample:
            continue
        for flt in res.filters:
            if flt.field_param:
                continue
            _one_filter(ctx, res, listing, parent, sample, flt, res.name in owned)


def _one_filter(
    ctx: Context,
    res: Any,
    listing: Operation,
    parent: dict[str, Any],
    sample: list[dict[str, Any]],
    flt: Any,
    owned: bool,
) -> None:
    estate = ctx.workspace.estate
    first = next((i for i in sample if i.get(flt.field) not in (None, "")), None)
    if flt.values:
        query_value, stored = next(iter(flt.values.items()))
    elif first is None:
        return
    elif flt.match != "equals" and owned and str(first.get(flt.field, "")).startswith(ctx.workspace.prefix):
        query_value = stored = ctx.workspace.prefix
    else:
        query_value = stored = first[flt.field]
    items, exchange = estate.list_items(res.name, parent, **{flt.param: query_value})
    if exchange is None or exchange.status != 200:
        ctx.results.failed(
            "RES-007",
            listing.operation_id,
            f"{flt.param}={query_value!r} answered {exchange.status if exchange else None}",
            exchange,
        )
        return
    wrong = [i.get(res.key) for i in items if not _matches(flt, i.get(flt.field), stored)]
    problems = [f"it lists {wrong[:5]} whose {flt.field} does not match"] if wrong else []
    expected = [
        i.get(res.key) for i in sample if _matches(flt, i.get(flt.field), stored) and i.get(res.key) is not None
    ]
    keys = {str(i.get(res.key)) for i in items}
    dropped = [k for k in expected if str(k) not in keys]
    if dropped and len(sample) < 100 and len(items) < 100:
        problems.append(f"it leaves out {dropped[:5]}, which match")
    ctx.results.expect(
        "RES-007",
        listing.operation_id,
        not problems,
        f"{flt.param}={query_value!r} ({flt.field} {flt.match}): " + "; ".join(problems),
        exchange,
    )


def _matches(flt: Any, value: Any, wanted: Any) -> bool:
    if flt.match == "equals":
        return str(value) == str(wanted) if not isinstance(wanted, bool) else value is wanted
    if not isinstance(value, str):
        return False
    if flt.match == "contains":
        return str(wanted).lower() in value.lower()
    return str(wanted) in value
