"""STATE-001..006: what the write operations promise about state, checked through the list operations.

Personal Edition collections and their operations come from the spec (``x-bce-action``
create/update/delete/start/stop and the list operation of the same path); Enterprise collections from
the resource model (``x-bce-resources`` roles: create, list, get, update, delete, batchDelete) and the
execution lifecycle from ``x-bce-lifecycle`` (:meth:`Contract.lifecycle_for`).  Everything written is
created fresh under the run prefix; an Enterprise collection the run may not create on this target
(instance-level ones, items inside a repository it did not create) is left out.

STATE-006 judges the statuses of the suite's own writes: from this family on, every signed write the
suite sends (fixtures, creates, updates, deletes, toggles, starts, stops) that the server carries out
must be answered with a 2xx its operation documents -- a fixture helper only asks for "any 2xx".
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

from ccr_conformance.checks import Context, family_ids
from ccr_conformance.contract import PARAM_RE
from ccr_conformance.results import Exchange
from ccr_conformance.target import parse_json
from ccr_conformance.workspace import FixtureError
from ccr_contract.spec import Operation

CHECK_IDS = family_ids("stateful")
MAX_PAGES = 40


def list_all(
    ctx: Context, op: Operation, ids: dict[str, Any] | None = None, **query: Any
) -> tuple[list[dict[str, Any]], Exchange | None, str | None]:
    """Every item of a list operation (pageSize 100, bounded), or a problem sentence."""
    items: list[dict[str, Any]] = []
    exchange = None
    for page in range(1, MAX_PAGES + 1):
        req = ctx.contract.build(op, ids, query={**query, "pageSize": 100, "pageNo": page})
        exchange = ctx.target.send(req.method, req.path, query=req.query, operation=op.operation_id)
        data, problem = parse_json(exchange)
        if exchange.status != 200 or problem or not isinstance(data, dict) or not isinstance(data.get("result"), list):
            return (
                items,
                exchange,
                f"{op.operation_id} answered {exchange.status or exchange.error}: {problem or 'no result list'}",
            )
        items += [i for i in data["result"] if isinstance(i, dict)]
        total = data.get("totalCount")
        if not data["result"] or not isinstance(total, int) or page * 100 >= total:
            break
    return items, exchange, None


def find(
    ctx: Context, collection: str, item_id: int, name: str | None = None
) -> tuple[dict[str, Any] | None, Exchange | None, str | None]:
    op = ctx.contract.list_op(collection)
    if op is None:
        return None, None, f"no list operation for {collection}"
    query = {}
    if name and any(p["name"] == "keyword" for p in op.parameters):
        query["keyword"] = name
    items, exchange, problem = list_all(ctx, op, **query)
    match = next((i for i in items if i.get("id") == item_id), None)
    return match, exchange, problem


def written_fields(
    body: dict[str, Any],
    item: dict[str, Any],
    reference_name: Callable[[str, Any], str | None] | None = None,
    write_only: frozenset[str] = frozenset(),
) -> list[str]:
    """Differences between what was written and what is listed, recursively.

    Nested objects are compared field by field (``credential.accessKey``), or against their flattened
    listing (``trigger.type`` -> ``triggerType``); a reference written as ``{"id": N}`` and listed as a
    name (``srcRegistry``) is compared with ``reference_name(field, N)``; lists are compared whole when
    listed.  Write-only fields and fields the listing does not show are skipped.
    """
    diffs: list[str] = []
    _diff(body, item, "", diffs, reference_name, write_only)
    return diffs


def _diff(
    body: dict[str, Any],
    item: dict[str, Any],
    where: str,
    diffs: list[str],
    reference_name: Callable[[str, Any], str | None] | None,
    write_only: frozenset[str],
) -> None:
    for key, value in body.items():
        path = f"{where}{key}"
        if (key == "id" and not where) or key in write_only:
            continue
        if isinstance(value, dict):
            listed = item.get(key)
            if isinstance(listed, dict):
                _diff(value, listed, path + ".", diffs, reference_name, write_only)
            elif isinstance(listed, str) and reference_name is not None:
                expected = reference_name(key, value.get("id"))
                if expected is not None and listed != expected:
                    diffs.append(f"{path}: wrote id {value.get('id')!r} (named {expected!r}), listed {listed!r}")
            elif key not in item:
                flat = {f"{key}{sub[:1].upper()}{sub[1:]}": sub_value for sub, sub_value in value.items()}
                _diff(flat, item, where, diffs, reference_name, write_only)
            continue
        if key not in item:
            continue
        if item[key] != value:
            diffs.append(f"{path}: wrote {value!r}, listed {item[key]!r}")


def _reference_namer(ctx: Context) -> Callable[[str, Any], str | None]:
    """``(field, id) -> listed name`` of the referenced item (this run's own fixtures only)."""

    def name_of(field: str, item_id: Any) -> str | None:
        param = ctx.contract.reference_fields.get(field)
        kind = ctx.contract.kind_of_param(param) if param else None
        if kind is None or not ctx.workspace.owns(kind, item_id):
            return None
        found, _, problem = find(ctx, kind, int(item_id))
        return None if problem or found is None else found.get("name")

    return name_of


def _fail_fixture(ctx: Context, check_ids: tuple[str, ...], exc: FixtureError, operation: str) -> None:
    for check_id in check_ids:
        ctx.results.failed(check_id, operation, exc.message, exc.exchange)


def documented_success(op: Operation) -> frozenset[int]:
    """The 2xx statuses ``op`` documents (``2XX`` stands for every one of them)."""
    codes: set[int] = set()
    for key in op.definition.get("responses") or {}:
        text = str(key).upper()
        if text == "2XX":
            return frozenset(range(200, 300))
        if text.isdigit() and 200 <= int(text) < 300:
            codes.add(int(text))
    return frozenset(codes)


def judge_write_status(ctx: Context, exchange: Exchange) -> None:
    """STATE-006 for one exchange: a carried-out (2xx) signed write answered with a status its operation
    documents.  Reads, rejected requests and requests the suite deliberately mis-signs are not judged."""
    op = ctx.contract.full.by_id.get(exchange.operation)
    status = exchange.status
    if op is None or op.method.upper() in ("GET", "HEAD") or status is None or not 200 <= status < 300:
        return
    if not exchange.signed_by_caller:
        return
    documented = documented_success(op)
    if not documented:
        return
    ctx.results.expect(
        "STATE-006",
        op.operation_id,
        status in documented,
        f"{op.method.upper()} {op.operation_id} was carried out and answered {status}; the spec documents "
        f"{', '.join(str(c) for c in sorted(documented))}",
        exchange,
    )


def watch_write_statuses(ctx: Context) -> None:
    """Judge every later exchange of the suite's own for STATE-006 (once per run)."""
    with ctx.lock:
        if ctx.shared.get("state-006-watching"):
            return
        ctx.shared["state-006-watching"] = True
    ctx.target.observers.append(lambda exchange: judge_write_status(ctx, exchange))


def run(ctx: Context) -> None:
    contract, ws = ctx.contract, ctx.workspace
    if ctx.wants("STATE-006"):
        watch_write_statuses(ctx)
    for collection in contract.creatable():
        create = contract.op_for(collection, "create")
        assert create is not None
        listing = contract.list_op(collection)
        listing_id = listing.operation_id if listing else create.operation_id
        if ctx.wants("STATE-001", "STATE-002", "STATE-006"):
            body = ws.body_for(collection, "state")
            try:
                item_id, _ = ws.create(collection, "state", body)
            except FixtureError as exc:
                _fail_fixture(ctx, ("STATE-001", "STATE-002"), exc, create.operation_id)
                continue
            item, exchange, problem = find(ctx, collection, item_id, body.get("name"))
            if ctx.wants("STATE-001"):
                if problem or item is None:
                    ctx.results.failed(
                        "STATE-001",
                        create.operation_id,
                        problem or f"created id {item_id} is not in {listing_id}",
                        exchange,
                    )
                else:
                    diffs = written_fields(body, item, _reference_namer(ctx), ctx.contract.write_only)
                    ctx.results.expect(
                        "STATE-001",
                        create.operation_id,
                        not diffs,
                        f"{listing_id} shows created id {item_id} with other values: " + "; ".join(diffs),
                        exchange,
                    )
            update = contract.op_for(collection, "update")
            if ctx.wants("STATE-002", "STATE-006") and update is not None:
                changed = copy.deepcopy(body)
                changed["id"] = item_id
                changed["description"] = f"updated by {ws.prefix}"
                for key, value in list(changed.items()):
                    if isinstance(value, bool):
                        changed[key] = not value
                if isinstance(changed.get("name"), str):
                    changed["name"] = ws.name("state-updated")
                req = contract.build(update, body=changed)
                upd = ctx.target.send(
                    req.method, req.path, query=req.query, json_body=changed, operation=update.operation_id
                )
                if upd.status is None or not 200 <= upd.status < 300:
                    ctx.results.failed(
                        "STATE-002",
                        update.operation_id,
                        f"{update.operation_id} of created id {item_id} answered {upd.status or upd.error}",
                        upd,
                    )
                else:
                    item, exchange, problem = find(ctx, collection, item_id, changed.get("name"))
                    if problem or item is None:
                        ctx.results.failed(
                            "STATE-002",
                            update.operation_id,
                            problem or f"updated id {item_id} is not in {listing_id}",
                            exchange,
                        )
                    else:
                        diffs = written_fields(changed, item, _reference_namer(ctx), ctx.contract.write_only)
                        ctx.results.expect(
                            "STATE-002",
                            update.operation_id,
                            not diffs,
                            f"{listing_id} does not show the update of id {item_id}: " + "; ".join(diffs),
                            exchange,
                        )
    if ctx.wants("STATE-003", "STATE-006"):
        _deleted_is_gone(ctx)
    if ctx.wants("STATE-004", "STATE-005", "STATE-006"):
        _executions(ctx)
    run_enterprise(ctx)


def _deleted_is_gone(ctx: Context) -> None:
    contract, ws = ctx.contract, ctx.workspace
    for collection in reversed(contract.creatable()):
        delete = contract.op_for(collection, "delete")
        if delete is None:
            continue
        try:
            body = ws.body_for(collection, "doomed")
            item_id, _ = ws.create(collection, "doomed", body)
        except FixtureError as exc:
            _fail_fixture(ctx, ("STATE-003",), exc, delete.operation_id)
            continue
        first = ws.delete(collection, item_id)
        assert first is not None
        if first.status is None or not 200 <= first.status < 300:
            ctx.results.failed(
                "STATE-003",
                delete.operation_id,
                f"deleting created id {item_id} answered {first.status or first.error}",
                first,
            )
            continue
        item, exchange, problem = find(ctx, collection, item_id, body.get("name"))
        if problem:
            ctx.results.failed("STATE-003", delete.operation_id, problem, exchange)
        else:
            ctx.results.expect(
                "STATE-003", delete.operation_id, item is None, f"deleted id {item_id} is still listed", exchange
            )
        second = ws.delete(collection, item_id)
        assert second is not None
        ctx.results.expect(
            "STATE-003",
            delete.operation_id,
            second.status == 404,
            f"a second delete of id {item_id} answered {second.status or second.error}, expected 404",
            second,
        )


def _executions(ctx: Context) -> None:
    contract, ws = ctx.contract, ctx.workspace
    start = next((op for op in contract.operations if "start" in contract.actions(op)), None)
    stop = next((op for op in contract.operations if "stop" in contract.actions(op)), None)
    if start is None:
        return
    param = PARAM_RE.findall(start.path)[-1]
    parent_kind = contract.kind_of_param(param)
    stop_param = PARAM_RE.findall(stop.path)[-1] if stop else None
    runs_kind = contract.kind_of_param(stop_param) if stop_param else None
    listing = contract.list_op(runs_kind) if runs_kind else None
    if parent_kind is None or listing is None:
        return
    try:
        parent_id, _ = ws.create(parent_kind, "started")
    except FixtureError as exc:
        _fail_fixture(ctx, ("STATE-004", "STATE-005"), exc, start.operation_id)
        return
    before, exchange, problem = list_all(ctx, listing, {param: parent_id})
    req = contract.build(start, {param: parent_id})
    started = ctx.target.send(req.method, req.path, query=req.query, operation=start.operation_id)
    if started.status is None or not 200 <= started.status < 300:
        for check_id in ("STATE-004", "STATE-005"):
            ctx.results.failed(
                check_id,
                start.operation_id,
                f"starting {parent_id} answered {started.status or started.error}",
                started,
            )
        return
    after, exchange, problem = list_all(ctx, listing, {param: parent_id})
    new = [i for i in after if i.get("id") not in {b.get("id") for b in before}]
    for item in after:
        if isinstance(item.get("id"), int):
            ws.adopt(runs_kind, item["id"])
    if ctx.wants("STATE-004"):
        if problem:
            ctx.results.failed("STATE-004", start.operation_id, problem, exchange)
        elif not new:
            ctx.results.failed(
                "STATE-004",
                start.operation_id,
                f"{start.operation_id} answered 2xx but {listing.operation_id} lists no new execution for {parent_id}",
                exchange,
            )
        else:
            wrong = [i for i in new if i.get(param) != parent_id]
            ctx.results.expect(
                "STATE-004",
                start.operation_id,
                not wrong,
                f"the new execution names {param} {wrong[0].get(param) if wrong else None!r}, not {parent_id}",
                exchange,
            )
    if not ctx.wants("STATE-005", "STATE-006") or stop is None or not new or stop_param is None:
        if ctx.wants("STATE-005") and not new:
            ctx.results.failed("STATE-005", start.operation_id, "no execution to stop (see STATE-004)", exchange)
        return
    execution = max(new, key=lambda i: i.get("id", 0))
    run_id = execution["id"]
    req = contract.build(stop, {stop_param: run_id})
    stopped = ctx.target.send(req.method, req.path, query=req.query, operation=stop.operation_id)
    after_stop, exchange, problem = list_all(ctx, listing, {param: parent_id})
    now = next((i for i in after_stop if i.get("id") == run_id), None)
    status_now = now.get("status") if now else None
    if problem or now is None:
        ctx.results.failed(
            "STATE-005", stop.operation_id, problem or f"execution {run_id} vanished after stop", exchange
        )
        return
    if stopped.status is not None and 200 <= stopped.status < 300:
        ctx.results.expect(
            "STATE-005",
            stop.operation_id,
            status_now == contract.lifecycle.stopped,
            f"stop of execution {run_id} answered {stopped.status} but it is listed as {status_now!r}, "
            f"not {contract.lifecycle.stopped!r}",
            exchange,
        )
    elif (
        stopped.status is not None
        and 400 <= stopped.status < 500
        and execution.get("status") in contract.lifecycle.final
    ):
        ctx.results.passed("STATE-005", stop.operation_id)
    else:
        ctx.results.failed(
            "STATE-005",
            stop.operation_id,
            f"stop of execution {run_id} (listed {execution.get('status')!r} just before) answered "
            f"{stopped.status or stopped.error}, expected 2xx",
            stopped,
        )
        return
    # Now it has finished (Stopped): stopping again is a 4xx.
    again = ctx.target.send(req.method, req.path, query=req.query, operation=stop.operation_id)
    ctx.results.expect(
        "STATE-005",
        stop.operation_id,
        again.status is not None and 400 <= again.status < 500,
        f"stopping finished execution {run_id} ({status_now}) answered {again.status or again.error}, "
        "expected 4xx (409)",
        again,
    )


# ====================================================================== the Enterprise Edition
#
# The resource model names each collection's create/list/get/update/delete/batchDelete; the run
# writes only items it created itself (the estate's ``may_create``), under the instance it works in.


def enterprise_collections(ctx: Context) -> list[Any]:
    """Enterprise resources the run may create items of and can list (the model's order)."""
    estate = ctx.workspace.estate
    return [
        res
        for res in ctx.contract.enterprise_resources
        if res.operation("create") is not None
        and res.operation("list") is not None
        and res.key is not None
        and not estate.may_create(res.name)
    ]


def stored_view(res: Any, body: dict[str, Any]) -> dict[str, Any]:
    """A written body as the server stores and answers it: the model's ``renames``, and a string the
    stored schema's pattern prefixes with a literal (a robot ``ci-robot`` is stored ``ccr$ci-robot``)."""
    from ccr_contract.resource_model import properties

    stored = properties(res.spec, res.item_schema)
    out: dict[str, Any] = {}
    for key, value in body.items():
        name = res.renames.get(key, key)
        prefix = _literal_prefix(str(stored.get(name, {}).get("pattern", "")))
        if isinstance(value, str) and prefix and not value.startswith(prefix):
            value = prefix + value
        out[name] = value
    return out


def _literal_prefix(pattern: str) -> str:
    """The literal text a ``^...`` pattern starts with (``^ccr\\$[a-z]`` -> ``ccr$``), unescaped."""
    match = re.match(r"\^((?:[A-Za-z0-9]|\\[$.\-])+)", pattern)
    return re.sub(r"\\(.)", r"\1", match.group(1)) if match else ""


def name_query(ctx: Context, res: Any) -> dict[str, Any]:
    """The list query that narrows ``res`` to the run's own items (its name filter), if it has one."""
    for flt in res.filters:
        if flt.match == "contains" and flt.field in ("name", res.key) and not flt.field_param:
            return {flt.param: ctx.workspace.prefix}
    return {}


def enterprise_find(
    ctx: Context, res: Any, ids: dict[str, Any]
) -> tuple[dict[str, Any] | None, Exchange | None, str | None]:
    """The listed item ``ids`` names (its parents' list, narrowed to the run prefix), or a problem."""
    estate = ctx.workspace.estate
    parent = {k: v for k, v in ids.items() if k != res.key_param}
    items, exchange = estate.list_items(res.name, parent, **name_query(ctx, res))
    if exchange is None or exchange.status != 200:
        return None, exchange, f"{res.operation('list').operation_id} answered {exchange.status if exchange else None}"
    key = ids.get(res.key_param or "_key")
    return next((i for i in items if str(i.get(res.key)) == str(key)), None), exchange, None


def enterprise_get(ctx: Context, res: Any, ids: dict[str, Any]) -> tuple[Any, Exchange | None]:
    """The ``get`` answer for ``ids`` (None when the resource has no get operation)."""
    op = res.operation("get")
    if op is None:
        return None, None
    exchange = ctx.workspace.estate.send(op, ids)
    data, problem = parse_json(exchange)
    return (data if exchange.status == 200 and not problem else None), exchange


def _enterprise_fail(ctx: Context, check_ids: tuple[str, ...], exc: FixtureError, operation: str) -> None:
    for check_id in check_ids:
        if ctx.wants(check_id):
            ctx.results.failed(check_id, operation, exc.message, exc.exchange)


def run_enterprise(ctx: Context) -> None:
    for res in enterprise_collections(ctx):
        if ctx.wants("STATE-001", "STATE-002", "STATE-006"):
            _enterprise_created_and_updated(ctx, res)
        if ctx.wants("STATE-003", "STATE-006"):
            _enterprise_deleted(ctx, res)
            _enterprise_batch_deleted(ctx, res)
    if ctx.wants("STATE-004", "STATE-005", "STATE-006"):
        _enterprise_executions(ctx)


def _enterprise_created_and_updated(ctx: Context, res: Any) -> None:
    estate, write_only = ctx.workspace.estate, ctx.contract.write_only
    create = res.operation("create")
    try:
        parent_ids = estate.parent_ids(res.name)
        body = estate.create_body(res.name, "state", parent_ids)
        ids, _ = estate.create(res.name, "state", body, parent_ids)
    except FixtureError as exc:
        _enterprise_fail(ctx, ("STATE-001", "STATE-002"), exc, create.operation_id)
        return
    listing = res.operation("list").operation_id
    if ctx.wants("STATE-001"):
        item, exchange, problem = enterprise_find(ctx, res, ids)
        if problem or item is None:
            ctx.results.failed(
                "STATE-001", create.operation_id, problem or f"created {res.name} {ids} is not in {listing}", exchange
            )
        else:
            diffs = written_fields(stored_view(res, body), item, None, write_only)
            got, get_exchange = enterprise_get(ctx, res, ids)
            if isinstance(got, dict):
                diffs += [f"get: {d}" for d in written_fields(stored_view(res, body), got, None, write_only)]
            ctx.results.expect(
                "STATE-001",
                create.operation_id,
                not diffs,
                f"created {res.name} {ids} is shown with other values: " + "; ".join(diffs),
                get_exchange or exchange,
            )
    update = res.operation("update")
    if not ctx.wants("STATE-002", "STATE-006") or update is None:
        return
    examples = ctx.contract.body_examples(update)
    if not examples or not isinstance(examples[0][1], dict):
        return
    changed = copy.deepcopy(examples[0][1])
    ctx.contract.fill_write_only(changed, ctx.workspace.password())
    ctx.workspace.own_urls(changed)
    estate.fill_references(changed, res.name)
    if isinstance(changed.get("name"), str):
        changed["name"] = estate.key_name(res.name, "state-updated")
    if isinstance(changed.get("description"), str):
        changed["description"] = f"updated by {ctx.workspace.prefix}"
    upd = estate.send(update, ids, body=changed)
    if upd.status is None or not 200 <= upd.status < 300:
        ctx.results.failed(
            "STATE-002", update.operation_id, f"{update.operation_id} of {ids} answered {upd.status or upd.error}", upd
        )
        return
    got, exchange = enterprise_get(ctx, res, ids)
    where = res.operation("get").operation_id if res.operation("get") else listing
    if got is None and res.operation("get") is None:
        got, exchange, _ = enterprise_find(ctx, res, ids)
    if not isinstance(got, dict):
        ctx.results.failed("STATE-002", update.operation_id, f"{where} does not answer updated {ids}", exchange)
        return
    diffs = written_fields(stored_view(res, changed), got, None, write_only)
    ctx.results.expect(
        "STATE-002",
        update.operation_id,
        not diffs,
        f"{where} does not show the update of {res.name} {ids}: " + "; ".join(diffs),
        exchange,
    )


def _enterprise_deleted(ctx: Context, res: Any) -> None:
    estate = ctx.workspace.estate
    delete = res.operation("delete")
    if delete is None:
        return
    try:
        ids, _ = estate.create(res.name, "doomed")
    except FixtureError as exc:
        _enterprise_fail(ctx, ("STATE-003",), exc, delete.operation_id)
        return
    first = estate.send(delete, ids)
    if first.status is None or not 200 <= first.status < 300:
        ctx.results.failed(
            "STATE-003", delete.operation_id, f"deleting created {ids} answered {first.status or first.error}", first
        )
        return
    item, exchange, problem = enterprise_find(ctx, res, ids)
    if problem:
        ctx.results.failed("STATE-003", delete.operation_id, problem, exchange)
    else:
        ctx.results.expect("STATE-003", delete.operation_id, item is None, f"deleted {ids} is still listed", exchange)
    if res.operation("get") is not None:
        _, got = enterprise_get(ctx, res, ids)
        ctx.results.expect(
            "STATE-003",
            delete.operation_id,
            got is not None and got.status == 404,
            f"get of deleted {ids} answered {got.status if got else None}, expected 404",
            got,
        )
    second = estate.send(delete, ids)
    ctx.results.expect(
        "STATE-003",
        delete.operation_id,
        second.status == 404,
        f"a second delete of {ids} answered {second.status or second.error}, expected 404",
        second,
    )


def _enterprise_batch_deleted(ctx: Context, res: Any) -> None:
    estate = ctx.workspace.estate
    batch = res.operation("batchDelete")
    if batch is None:
        return
    try:
        made = [estate.create(res.name, f"batch{n}")[0] for n in range(2)]
    except FixtureError as exc:
        _enterprise_fail(ctx, ("STATE-003",), exc, batch.operation_id)
        return
    parent = {k: v for k, v in made[0].items() if k != res.key_param}
    keys = [ids[res.key_param or "_key"] for ids in made]
    answer = estate.send(batch, parent, body={"items": keys})
    if answer.status is None or not 200 <= answer.status < 300:
        ctx.results.failed(
            "STATE-003", batch.operation_id, f"batch delete of created {keys} answered {answer.status}", answer
        )
        return
    items, exchange = estate.list_items(res.name, parent, **name_query(ctx, res))
    left = [i.get(res.key) for i in items if str(i.get(res.key)) in {str(k) for k in keys}]
    ctx.results.expect(
        "STATE-003", batch.operation_id, not left, f"batch-deleted {res.name} {left} are still listed", exchange
    )


def _enterprise_executions(ctx: Context) -> None:
    from ccr_conformance.workspace import behaviour_operation

    contract, estate = ctx.contract, ctx.workspace.estate
    executions = contract.model.resources.get("executions")
    if executions is None:
        return
    try:
        start = contract.by_id[behaviour_operation(executions, "execution-start")]
        stop = contract.by_id[behaviour_operation(executions, "execution-stop")]
    except FixtureError:
        return
    lifecycle = contract.lifecycle_for(stop.operation_id)
    if start.operation_id not in contract.by_id or estate.may_create("migrationRules"):
        for check_id in ("STATE-004", "STATE-005"):
            if ctx.wants(check_id):
                ctx.results.not_applicable(check_id, f"{start.operation_id}: {estate.may_create('migrationRules')}")
        return
    try:
        ids, _ = estate.started_execution(executions.name)
    except FixtureError as exc:
        _enterprise_fail(ctx, ("STATE-004", "STATE-005"), exc, start.operation_id)
        return
    rule = estate.own("migrationRules") or {}
    items, exchange = estate.list_items("executions", {"instanceId": ids["instanceId"]}, policyId=rule.get("policyId"))
    execution = next((i for i in items if str(i.get("id")) == str(ids["executionId"])), None)
    if ctx.wants("STATE-004"):
        listed = execution.get("policyId") if execution else None
        ctx.results.expect(
            "STATE-004",
            start.operation_id,
            execution is not None and str(listed) == str(rule.get("policyId")),
            f"the new execution {ids['executionId']} names policyId {listed!r}, not {rule.get('policyId')}",
            exchange,
        )
    if not ctx.wants("STATE-005", "STATE-006") or lifecycle is None or execution is None:
        return
    stopped = estate.send(stop, ids)
    got, got_exchange = enterprise_get(ctx, executions, ids)
    status_now = got.get("status") if isinstance(got, dict) else None
    if stopped.status is not None and 200 <= stopped.status < 300:
        ctx.results.expect(
            "STATE-005",
            stop.operation_id,
            status_now == lifecycle.stopped,
            f"stop of execution {ids['executionId']} answered {stopped.status} but it is now {status_now!r}, "
            f"not {lifecycle.stopped!r}",
            got_exchange,
        )
    elif not (
        stopped.status is not None and 400 <= stopped.status < 500 and execution.get("status") in lifecycle.final
    ):
        ctx.results.failed(
            "STATE-005",
            stop.operation_id,
            f"stop of execution {ids['executionId']} (status {execution.get('status')!r}) answered "
            f"{stopped.status or stopped.error}, expected 2xx",
            stopped,
        )
        return
    again = estate.send(stop, ids)
    ctx.results.expect(
        "STATE-005",
        stop.operation_id,
        again.status is not None and 400 <= again.status < 500,
        f"stopping finished execution {ids['executionId']} ({status_now}) answered {again.status or again.error}, "
        "expected 4xx (409)",
        again,
    )
