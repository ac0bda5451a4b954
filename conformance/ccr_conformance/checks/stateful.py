"""STATE-001..006: what the write operations promise about state, checked through reads.

One treatment for both editions, from the resource model (``x-bce-resources`` roles: create, list,
get, update, delete, batchDelete; ``execution-start``/``execution-stop`` behaviours and the
reference to what an execution runs) and the execution lifecycle from ``x-bce-lifecycle``
(:meth:`Contract.lifecycle_for`).  Everything written is created fresh under the run prefix; a
collection the run may not create on this target (instance-level ones, items inside a repository
it did not create, filtered-out creates) is left out.

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
from ccr_conformance.results import Exchange
from ccr_conformance.target import parse_json
from ccr_conformance.workspace import FixtureError
from ccr_contract.spec import Operation

CHECK_IDS = family_ids("stateful")


def written_fields(
    body: dict[str, Any],
    item: dict[str, Any],
    reference_name: Callable[[str, Any], str | None] | None = None,
    write_only: frozenset[str] = frozenset(),
) -> list[str]:
    """Differences between what was written and what is listed, recursively.

    Nested objects are compared field by field (``credential.accessKey``), or against their flattened
    listing (``trigger.type`` -> ``triggerType``); a reference written as an object and listed as a
    name (``srcRegistry``) is compared with ``reference_name(field, written value)``; lists are
    compared whole when listed.  Write-only fields and fields the listing does not show are skipped.
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
                expected = reference_name(key, value)
                if expected is not None and listed != expected:
                    diffs.append(f"{path}: wrote {value!r} (named {expected!r}), listed {listed!r}")
            elif key not in item:
                flat = {f"{key}{sub[:1].upper()}{sub[1:]}": sub_value for sub, sub_value in value.items()}
                _diff(flat, item, where, diffs, reference_name, write_only)
            continue
        if key not in item:
            continue
        if item[key] != value:
            diffs.append(f"{path}: wrote {value!r}, listed {item[key]!r}")


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
    """Every resource the run may create items of, of either edition, then every execution resource."""
    if ctx.wants("STATE-006"):
        watch_write_statuses(ctx)
    for res in collections(ctx):
        if ctx.wants("STATE-001", "STATE-002", "STATE-006"):
            _created_and_updated(ctx, res)
    if ctx.wants("STATE-003", "STATE-006"):
        # referencing resources first (a policy before the registry it names): model order reversed
        for res in reversed(collections(ctx)):
            _deleted(ctx, res)
            _batch_deleted(ctx, res)
    if ctx.wants("STATE-004", "STATE-005", "STATE-006"):
        for res in ctx.contract.model.resources.values():
            if ctx.workspace.estate.starts(res.name):
                _executions(ctx, res)


# The resource model names each collection's create/list/get/update/delete/batchDelete; the run
# writes only items it created itself (the estate's ``may_create``), under the instance it works in.


def collections(ctx: Context) -> list[Any]:
    """Resources of either edition the run may create items of and can list (the model's order)."""
    estate = ctx.workspace.estate
    return [
        res
        for res in ctx.contract.model.resources.values()
        if res.operation("create") is not None
        and res.operation("list") is not None
        and res.key is not None
        and not estate.may_create(res.name)
    ]


def enterprise_collections(ctx: Context) -> list[Any]:
    """:func:`collections` of the Enterprise Edition (the RES checks' resources)."""
    enterprise = {res.name for res in ctx.contract.enterprise_resources}
    return [res for res in collections(ctx) if res.name in enterprise]


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
        if flt.match in ("contains", "substring") and flt.field in ("name", res.key) and not flt.field_param:
            return {flt.param: ctx.workspace.prefix}
    return {}


def find_item(
    ctx: Context, res: Any, ids: dict[str, Any], **query: Any
) -> tuple[dict[str, Any] | None, Exchange | None, str | None]:
    """The listed item ``ids`` names (its parents' list, narrowed to the run prefix or by ``query``),
    or a problem."""
    estate = ctx.workspace.estate
    parent = {k: v for k, v in ids.items() if k != res.key_param}
    items, exchange = estate.list_items(res.name, parent, **(query or name_query(ctx, res)))
    if exchange is None or exchange.status != 200:
        return None, exchange, f"{res.operation('list').operation_id} answered {exchange.status if exchange else None}"
    key = ids.get(res.key_param or "_key")
    return next((i for i in items if str(i.get(res.key)) == str(key)), None), exchange, None


def get_item(ctx: Context, res: Any, ids: dict[str, Any]) -> tuple[Any, Exchange | None]:
    """The ``get`` answer for ``ids`` (None when the resource has no get operation)."""
    op = res.operation("get")
    if op is None:
        return None, None
    exchange = ctx.workspace.estate.send(op, ids)
    data, problem = parse_json(exchange)
    return (data if exchange.status == 200 and not problem else None), exchange


def _reference_namer(ctx: Context, res: Any) -> Callable[[str, Any], str | None]:
    """``(field, written value) -> what the answer shows`` for a reference ``res`` declares with
    ``show`` (a Personal policy's ``srcRegistry`` is answered as the registry's name); the run's
    own referenced items only."""
    estate = ctx.workspace.estate

    def shown(field: str, value: Any) -> str | None:
        ref = res.references.get(field)
        if ref is None or ref.show is None:
            return None
        key = ref.key_of(value)
        target = estate.model.resources[ref.resources[0]]
        if not estate.owns(target.name, key):
            return None
        found, _, problem = find_item(
            ctx, target, {**estate.parent_ids(target.name), (target.key_param or "_key"): key}
        )
        return None if problem or found is None else found.get(ref.show)

    return shown


def _fail(ctx: Context, check_ids: tuple[str, ...], exc: FixtureError, operation: str) -> None:
    """A fixture the checks needed and could not get: failed, or *not applicable* when the run's own
    settings ruled it out (a policy whose registry the filters do not let the run create)."""
    for check_id in check_ids:
        if ctx.wants(check_id):
            if exc.ruled_out:
                ctx.results.not_applicable(check_id, exc.message, operation)
            else:
                ctx.results.failed(check_id, operation, exc.message, exc.exchange)


def _created_and_updated(ctx: Context, res: Any) -> None:
    estate, write_only = ctx.workspace.estate, ctx.contract.write_only
    create = res.operation("create")
    try:
        parent_ids = estate.parent_ids(res.name)
        body = estate.create_body(res.name, "state", parent_ids)
        ids, _ = estate.create(res.name, "state", body, parent_ids)
    except FixtureError as exc:
        _fail(ctx, ("STATE-001", "STATE-002"), exc, create.operation_id)
        return
    listing = res.operation("list").operation_id
    shown = _reference_namer(ctx, res)
    if ctx.wants("STATE-001"):
        item, exchange, problem = find_item(ctx, res, ids)
        if problem or item is None:
            ctx.results.failed(
                "STATE-001", create.operation_id, problem or f"created {res.name} {ids} is not in {listing}", exchange
            )
        else:
            diffs = written_fields(stored_view(res, body), item, shown, write_only)
            got, get_exchange = get_item(ctx, res, ids)
            if isinstance(got, dict):
                diffs += [f"get: {d}" for d in written_fields(stored_view(res, body), got, shown, write_only)]
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
    changed = _update_body(ctx, res, update, body, ids)
    if changed is None:
        return
    upd = estate.send(update, ids, body=changed)
    if upd.status is None or not 200 <= upd.status < 300:
        ctx.results.failed(
            "STATE-002", update.operation_id, f"{update.operation_id} of {ids} answered {upd.status or upd.error}", upd
        )
        return
    got, exchange = get_item(ctx, res, ids)
    where = res.operation("get").operation_id if res.operation("get") else listing
    if got is None and res.operation("get") is None:
        got, exchange, _ = find_item(ctx, res, ids)
    if not isinstance(got, dict):
        ctx.results.failed("STATE-002", update.operation_id, f"{where} does not answer updated {ids}", exchange)
        return
    diffs = written_fields(stored_view(res, changed), got, shown, write_only)
    ctx.results.expect(
        "STATE-002",
        update.operation_id,
        not diffs,
        f"{where} does not show the update of {res.name} {ids}: " + "; ".join(diffs),
        exchange,
    )


def _update_body(ctx: Context, res: Any, update: Operation, created: Any, ids: dict[str, Any]) -> Any:
    """An update that changes what can be seen: the spec's update example with the run's name,
    password, registry URL and references.  An update that names its item in the body
    (``updateKey``) and replaces the whole item (``update: replace``) is the created body with the
    key, a new name and description, and every flag flipped."""
    estate = ctx.workspace.estate
    if res.update_key and res.replaces and isinstance(created, dict):
        changed = copy.deepcopy(created)
        for key, value in list(changed.items()):
            if isinstance(value, bool):
                changed[key] = not value
    else:
        examples = ctx.contract.body_examples(update)
        if not examples or not isinstance(examples[0][1], dict):
            return None
        changed = copy.deepcopy(examples[0][1])
        ctx.contract.fill_write_only(changed, ctx.workspace.password())
        ctx.workspace.own_urls(changed)
        estate.fill_references(changed, res.name)
    if res.update_key:
        changed[res.update_key] = ids.get(res.key_param or "_key")
    if isinstance(changed.get("name"), str):
        changed["name"] = estate.key_name(res.name, "state-updated")
    if isinstance(changed.get("description"), str) or (res.update_key and res.replaces):
        changed["description"] = f"updated by {ctx.workspace.prefix}"
    return changed


def _deleted(ctx: Context, res: Any) -> None:
    estate = ctx.workspace.estate
    delete = res.operation("delete")
    if delete is None:
        return
    try:
        ids, _ = estate.create(res.name, "doomed")
    except FixtureError as exc:
        _fail(ctx, ("STATE-003",), exc, delete.operation_id)
        return
    first = estate.send(delete, ids)
    if first.status is None or not 200 <= first.status < 300:
        ctx.results.failed(
            "STATE-003", delete.operation_id, f"deleting created {ids} answered {first.status or first.error}", first
        )
        return
    item, exchange, problem = find_item(ctx, res, ids)
    if problem:
        ctx.results.failed("STATE-003", delete.operation_id, problem, exchange)
    else:
        ctx.results.expect("STATE-003", delete.operation_id, item is None, f"deleted {ids} is still listed", exchange)
    if res.operation("get") is not None:
        _, got = get_item(ctx, res, ids)
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


def _batch_deleted(ctx: Context, res: Any) -> None:
    estate = ctx.workspace.estate
    batch = res.operation("batchDelete")
    if batch is None:
        return
    try:
        made = [estate.create(res.name, f"batch{n}")[0] for n in range(2)]
    except FixtureError as exc:
        _fail(ctx, ("STATE-003",), exc, batch.operation_id)
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


def _executions(ctx: Context, res: Any) -> None:
    """STATE-004/005 for an execution resource: a start from the run's own source item (a rule, a
    policy) lists a new execution naming it; a stop leaves it in the lifecycle's stopped state, and
    stopping it again is a 4xx."""
    from ccr_conformance.workspace import behaviour_operation

    contract, estate = ctx.contract, ctx.workspace.estate
    try:
        start = contract.by_id[behaviour_operation(res, "execution-start")]
        stop = contract.by_id[behaviour_operation(res, "execution-stop")]
        field, ref = estate.source_reference(res)
    except (FixtureError, KeyError):
        return
    lifecycle = contract.lifecycle_for(stop.operation_id)
    source_name = next((n for n in ref.resources if not estate.may_create(n)), None)
    if source_name is None:
        why = estate.may_create(ref.resources[0])
        for check_id in ("STATE-004", "STATE-005"):
            if ctx.wants(check_id):
                ctx.results.not_applicable(check_id, f"{start.operation_id}: {why}")
        return
    try:
        ids, _ = estate.started_execution(res.name)
    except FixtureError as exc:
        _fail(ctx, ("STATE-004", "STATE-005"), exc, start.operation_id)
        return
    source = estate.model.resources[source_name]
    source_key = (estate.own(source_name) or {}).get(source.key_param or "_key")
    narrow = next((f.param for f in res.filters if f.field == field and f.match == "equals"), None)
    execution, exchange, _ = find_item(ctx, res, ids, **({narrow: source_key} if narrow else {}))
    key = ids.get(res.key_param or "_key")
    if ctx.wants("STATE-004"):
        listed = ref.key_of(execution.get(field)) if execution else None
        ctx.results.expect(
            "STATE-004",
            start.operation_id,
            execution is not None and str(listed) == str(source_key),
            f"the new execution {key} names {field} {listed!r}, not {source_key}",
            exchange,
        )
    if not ctx.wants("STATE-005", "STATE-006") or lifecycle is None or execution is None:
        return
    stopped = estate.send(stop, ids)
    if res.operation("get") is not None:
        got, got_exchange = get_item(ctx, res, ids)
    else:
        got, got_exchange, _ = find_item(ctx, res, ids, **({narrow: source_key} if narrow else {}))
    status_now = got.get("status") if isinstance(got, dict) else None
    if stopped.status is not None and 200 <= stopped.status < 300:
        ctx.results.expect(
            "STATE-005",
            stop.operation_id,
            status_now == lifecycle.stopped,
            f"stop of execution {key} answered {stopped.status} but it is now {status_now!r}, "
            f"not {lifecycle.stopped!r}",
            got_exchange,
        )
    elif not (
        stopped.status is not None and 400 <= stopped.status < 500 and execution.get("status") in lifecycle.final
    ):
        ctx.results.failed(
            "STATE-005",
            stop.operation_id,
            f"stop of execution {key} (status {execution.get('status')!r}) answered "
            f"{stopped.status or stopped.error}, expected 2xx",
            stopped,
        )
        return
    again = estate.send(stop, ids)
    ctx.results.expect(
        "STATE-005",
        stop.operation_id,
        again.status is not None and 400 <= again.status < 500,
        f"stopping finished execution {key} ({status_now}) answered {again.status or again.error}, expected 4xx (409)",
        again,
    )
