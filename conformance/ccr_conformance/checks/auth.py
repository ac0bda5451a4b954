"""AUTH-002..010: bce-auth-v1 as the server must enforce it, one fixed request per failure kind.

(AUTH-001, "a positive case is never answered 401/403", is a schemathesis custom check in
:mod:`ccr_conformance.st_integration`; the suite's own valid requests feed it too.)

Requests that must be rejected name no real resource: path ids are the sentinel id and bodies carry
this run's prefixed names, so a server that wrongly accepts them changes nothing that matters.
The expected status and code for each failure kind come from the spec's ``x-bce-auth.errors``.
"""

from __future__ import annotations

import json
import re
import secrets as random_secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import unquote

from ccr_conformance.checks import Context, family_ids
from ccr_conformance.contract import PARAM_RE, SENTINEL_ID, Request, encode_query
from ccr_conformance.results import Exchange
from ccr_conformance.target import parse_json
from ccr_conformance.workspace import FixtureError, record_fixture_error
from ccr_contract.signing import SDK_DEFAULT_SIGNED_HEADERS
from ccr_contract.spec import Operation, resolve_ref

CHECK_IDS = family_ids("auth")

#: Query values for AUTH-009: non-ASCII, reserved characters, spaces, a lone percent, empty.
NON_ASCII_VALUES = ("测试 镜像", "a+b&c=d/é", "~._-", "%", "", "Grüße 🚀", "名前=値;x")


def rejection_problem(ctx: Context, exchange: Exchange, kind: str) -> str | None:
    """None when ``exchange`` is the spec's answer for auth failure ``kind``; else why not."""
    entry = ctx.contract.auth.errors[kind]
    want_status, want_code = int(entry["status"]), str(entry["code"])
    if exchange.status is None:
        return f"expected {want_status} {want_code}; {exchange.error}"
    data, problem = parse_json(exchange)
    code = data.get("code") if isinstance(data, dict) else None
    if exchange.status == want_status and code == want_code:
        return None
    got = f"{exchange.status} {code}" if code else f"{exchange.status} ({problem or 'no BCE error code'})"
    return f"expected {want_status} {want_code}, got {got}"


def variants(ctx: Context, op: Operation, cases: dict[str, Any]) -> dict[str, Any]:
    """Which of a check's failure variants ``op`` gets: all of them for the first operation of each
    HTTP method, one (rotating through the list) for every other operation.  The server rejects a
    malformed or tampered signature before it routes the request, so every variant is still sent
    for every method, every operation still gets one, and 104 operations cost a fifth of the
    requests (the run's time budget, issue 11)."""
    if not cases:
        return cases
    seen: dict[str, list[str]] = ctx.shared.setdefault("auth-variant-methods", {})
    ops = seen.setdefault(op.method, [])
    if op.operation_id not in ops:
        ops.append(op.operation_id)
    index = ops.index(op.operation_id)
    if index == 0:
        return cases
    key = list(cases)[index % len(cases)]
    return {key: cases[key]}


def negative_request(ctx: Context, op: Operation) -> Request:
    """A request for ``op`` that names nothing real: sentinel ids, prefixed names."""
    examples = ctx.contract.body_examples(op)
    body: Any = None
    if examples:
        body = ctx.workspace.personalise(examples[0][1], f"auth-{op.operation_id}")
        if isinstance(body, dict) and "id" in body:
            body["id"] = SENTINEL_ID
        ctx.workspace.estate.guard_body(op, body)
    return ctx.contract.build(op, {}, body=body)


#: Roles whose target is a fresh fixture in :func:`existing_request` (a wrongly accepted request
#: then deletes, starts or stops only something made for it).
DESTRUCTIVE_ROLES = ("delete", "behaviour:execution-start", "behaviour:execution-stop")


def existing_request(ctx: Context, op: Operation) -> Request | None:
    """A request for ``op`` naming this run's own fixtures, or None when ``op`` names no id.

    A server that checks signatures only when the item is missing passes every sentinel-id request;
    these catch it.  Ids come from the resource model (writes name only this run's items); reads and
    updates name the shared fixtures; a delete, start or stop names a fresh item of its own (the one
    its path names: a policy a start runs, an execution a stop ends), and a delete whose item the
    run cannot make, or a batch delete, sends none (a wrongly accepted one would remove a shared
    fixture).  Built once per operation and reused by every AUTH check (a rejected request changes
    nothing).  Raises :class:`FixtureError` when the server refused the fixture, or the run's
    settings rule it out.
    """
    cache: dict[str, Request | None] = ctx.shared.setdefault("auth-existing", {})
    if op.operation_id not in cache:
        try:
            cache[op.operation_id] = _existing_request(ctx, op)
        except FixtureError as exc:
            if not (exc.refused or exc.ruled_out):
                cache[op.operation_id] = None  # no item of its own to name here: the sentinel request only
            else:
                raise
    return cache[op.operation_id]


def _existing_request(ctx: Context, op: Operation) -> Request | None:
    contract, ws = ctx.contract, ctx.workspace
    estate = ws.estate
    res = contract.model.owner_of(op.operation_id)
    if res is None:
        return None
    params = PARAM_RE.findall(op.path)
    body = negative_request(ctx, op).json_body
    item_key = res.update_key
    for _, example in contract.body_examples(op):
        if item_key and isinstance(example, dict) and item_key in example:
            body = ws.personalise(example, f"auth-existing-{op.operation_id}")
            body[item_key] = ws.shared(res.name)  # an update (or a health check) naming its item in the body
            estate.guard_body(op, body)
            break
    names_item = isinstance(body, dict) and item_key in body
    names_query = any(
        p.get("in") == "query" and p.get("required") and p["name"] in res.references for p in op.parameters
    )
    if not params and not names_item and not names_query:
        return None
    fresh: dict[str, Any] = {}
    if params and contract.model.role_of(op.operation_id) in DESTRUCTIVE_ROLES:
        owner = estate.param_owners(res, estate.model.chain(res.name), params)[-1]
        made: dict[str, Any] | None = None
        if estate.starts(owner.name):
            made, _ = estate.started_execution(owner.name)
        elif owner.operation("create") is not None and not estate.may_create(owner.name):
            made, _ = estate.create(owner.name, f"auth-{op.operation_id}")
        if made is not None:
            fresh = {k: v for k, v in made.items() if k in params}
    if op.method == "DELETE" and not fresh:
        return None
    return contract.build(op, ws.ids_for(op, fresh), body=body)


def requests_for(
    ctx: Context, check_id: str, op: Operation, *, with_parameters: bool = False
) -> list[tuple[str, Request]]:
    """The sentinel-id request; when ``op`` names ids, the one naming this run's fixtures (a fixture
    that cannot be made is a finding of ``check_id``); with ``with_parameters``, a read also carries
    its optional parameters' examples (a server may check expiry only for bare requests)."""
    out = [("", negative_request(ctx, op))]
    try:
        existing = existing_request(ctx, op)
    except FixtureError as exc:
        if exc.ruled_out:
            ctx.results.not_applicable(check_id, f"existing ids not used: {exc.message}", op.operation_id)
        elif ctx.workspace.read_only:
            ctx.results.note(check_id, f"existing ids not used: {exc.message}")
        else:
            ctx.results.failed(check_id, op.operation_id, f"existing ids: {exc.message}", exc.exchange)
        existing = None
    if existing is not None:
        out.append(("existing ids: ", existing))
    if with_parameters and ctx.contract.is_read(op):
        base = existing or out[0][1]
        with_examples = ctx.contract.build(op, _ids_in(op, base), with_examples=True)
        if with_examples.query != base.query:
            out.append(("with parameters: ", with_examples))
    return out


def _ids_in(op: Operation, req: Request) -> dict[str, str]:
    """Path and query id values of an already built request (to rebuild it with more parameters)."""
    values: dict[str, str] = {}
    names = PARAM_RE.findall(op.path)
    pattern = re.escape(op.path)
    for name in names:
        pattern = pattern.replace(re.escape("{" + name + "}"), "([^/]+)")
    found = re.fullmatch(pattern, req.path)
    if found:
        values.update(zip(names, found.groups(), strict=True))
    for pair in req.query.split("&") if req.query else []:
        key, _, value = pair.partition("=")
        values[key] = unquote(value)
    return values


def _send(ctx: Context, op: Operation, req: Request, headers: dict[str, str] | None, **kw: Any) -> Exchange:
    return ctx.target.send(
        req.method,
        req.path,
        query=kw.pop("query", req.query),
        json_body=req.json_body,
        headers=headers,
        sign=False,
        operation=op.operation_id,
        **kw,
    )


def _for_each_op(
    ctx: Context,
    check_id: str,
    kind: str,
    make_headers: Callable[[Operation, Request, str], dict[str, str] | None],
    *,
    note: str = "",
    with_parameters: bool = False,
) -> None:
    if not ctx.wants(check_id):
        return
    for op in ctx.contract.operations:
        for label, req in requests_for(ctx, check_id, op, with_parameters=with_parameters):
            label = note + label
            url = ctx.target.wire_url(req.path, req.query)
            exchange = _send(ctx, op, req, make_headers(op, req, url))
            problem = rejection_problem(ctx, exchange, kind)
            ctx.results.expect(check_id, op.operation_id, problem is None, f"{label}{problem}", exchange)


def run(ctx: Context) -> None:
    target, rules = ctx.target, ctx.contract.auth
    now = datetime.now(UTC)

    _for_each_op(ctx, "AUTH-002", "missing", lambda op, req, url: None)

    if ctx.wants("AUTH-003"):
        for op in ctx.contract.operations:
            req = negative_request(ctx, op)
            url = target.wire_url(req.path, req.query)
            good = target.sign(req.method, url)["Authorization"]
            prefix, _, signature = good.rpartition("/")
            fields = good.split("/")
            malformed = {
                "five fields": "/".join(fields[:5]),
                "wrong version": "bce-auth-v9/" + "/".join(fields[1:]),
                "timestamp not YYYY-MM-DDThh:mm:ssZ": "/".join(
                    [fields[0], fields[1], "2020-01-01 00:00:00", *fields[3:]]
                ),
                "short signature": prefix + "/" + signature[:20],
                "not bce-auth at all": "Bearer " + signature,
            }
            for label, value in variants(ctx, op, malformed).items():
                exchange = _send(
                    ctx, op, req, {"Authorization": value, "x-bce-date": target.sign(req.method, url)["x-bce-date"]}
                )
                problem = rejection_problem(ctx, exchange, "malformed")
                ctx.results.expect("AUTH-003", op.operation_id, problem is None, f"{label}: {problem}", exchange)

    wrong_secret = "wrong-" + random_secrets.token_hex(16)
    _for_each_op(
        ctx, "AUTH-004", "mismatch", lambda op, req, url: target.sign(req.method, url, secret_key=wrong_secret)
    )
    unknown_key = "ccrconf-unknown-" + random_secrets.token_hex(8)
    _for_each_op(
        ctx,
        "AUTH-005",
        "unknownKey",
        lambda op, req, url: target.sign(req.method, url, access_key=unknown_key, secret_key=wrong_secret),
    )
    stale = now - timedelta(seconds=rules.default_expiration + rules.clock_skew + 1800)
    _for_each_op(
        ctx,
        "AUTH-006",
        "expired",
        lambda op, req, url: target.sign(req.method, url, timestamp=stale),
        with_parameters=True,
    )
    if ctx.wants("AUTH-006"):
        # expirationPeriodInSeconds 0, signed longer ago than the clock skew.
        # a read when the run has one; else any selected operation (its request names nothing real)
        reads = [o for o in ctx.contract.operations if ctx.contract.is_read(o)]
        op = (reads or ctx.contract.operations)[0]
        req = negative_request(ctx, op)
        url = target.wire_url(req.path, req.query)
        zero = now - timedelta(seconds=rules.clock_skew + 120)
        exchange = _send(ctx, op, req, target.sign(req.method, url, timestamp=zero, expiration=0))
        problem = rejection_problem(ctx, exchange, "expired")
        ctx.results.expect("AUTH-006", op.operation_id, problem is None, f"expiration 0: {problem}", exchange)
    # Just past the documented skew (a server with a wider window passes +1 h only by luck) and far ahead.
    for ahead in (rules.clock_skew + 120, rules.clock_skew + 3600):
        future = now + timedelta(seconds=ahead)
        _for_each_op(
            ctx,
            "AUTH-007",
            "notYetValid",
            lambda op, req, url, future=future: target.sign(req.method, url, timestamp=future),
            note=f"+{ahead} s: ",
            with_parameters=True,
        )

    if ctx.wants("AUTH-008"):
        _tampered(ctx)
    for check_id, family_part in (("AUTH-009", _non_ascii), ("AUTH-010", _sdk_variants)):
        if ctx.wants(check_id):
            try:
                family_part(ctx)
            except FixtureError as exc:
                record_fixture_error(ctx.results, check_id, exc)


def _tampered(ctx: Context) -> None:
    for op in ctx.contract.operations:
        for label, req in requests_for(ctx, "AUTH-008", op):
            _tampered_one(ctx, op, req, label)


def _tampered_one(ctx: Context, op: Operation, req: Request, label: str) -> None:
    target = ctx.target
    url = target.wire_url(req.path, req.query)
    cases: dict[str, tuple[dict[str, str], str, str]] = {}
    # Host: signed for another host, sent to this one.
    headers = target.sign(req.method, url, {"host": "tampered.invalid"})
    headers.pop("Host", None)
    cases["host"] = (headers, req.path, req.query)
    # Path: signed for another id (or another path), sent with this one.
    other_path = (
        re.sub(r"/\d+(?=/|$)", f"/{SENTINEL_ID - 1}", req.path) if re.search(r"/\d+(/|$)", req.path) else req.path + "x"
    )
    cases["path"] = (target.sign(req.method, target.wire_url(other_path, req.query)), req.path, req.query)
    # Query: an extra parameter added after signing, and a value changed after signing.
    extra = (req.query + "&" if req.query else "") + encode_query([("tampered", "1")])
    cases["query (extra parameter)"] = (target.sign(req.method, url), req.path, extra)
    if req.query:
        key, _, value = req.query.partition("&")[0].partition("=")
        changed = req.query.replace(f"{key}={value}", f"{key}={value}0", 1)
        cases["query (value changed)"] = (target.sign(req.method, url), req.path, changed)
    for case, (headers, path, query) in variants(ctx, op, cases).items():
        exchange = target.send(
            req.method,
            path,
            query=query,
            json_body=req.json_body,
            headers=headers,
            sign=False,
            operation=op.operation_id,
        )
        problem = rejection_problem(ctx, exchange, "mismatch")
        ctx.results.expect("AUTH-008", op.operation_id, problem is None, f"{label}tampered {case}: {problem}", exchange)


def free_text_query_params(ctx: Context, op: Operation) -> list[str]:
    """Query parameters of ``op`` that accept any string (no enum, no number)."""
    names = []
    for param in op.parameters:
        if param.get("in") != "query":
            continue
        schema = resolve_ref(ctx.contract.spec, param.get("schema", {}))
        if schema.get("type") == "string" and "enum" not in schema and "format" not in schema:
            names.append(param["name"])
    return names


def _non_ascii(ctx: Context) -> None:
    for op in ctx.contract.operations:
        if not ctx.contract.is_read(op):
            continue
        for name in free_text_query_params(ctx, op):
            param = next(p for p in op.parameters if p["name"] == name)
            schema = resolve_ref(ctx.contract.spec, param.get("schema", {}))
            for value in NON_ASCII_VALUES:
                if not ctx.contract.fits(schema, value):  # e.g. '' for a minLength 1 userId: a 400 is right
                    continue
                req = ctx.contract.build(op, ctx.workspace.ids_for(op), query={name: value})
                exchange = ctx.target.send(req.method, req.path, query=req.query, operation=op.operation_id)
                if _not_applicable(ctx, "AUTH-009", op, exchange):
                    continue
                ok = exchange.status is not None and 200 <= exchange.status < 300
                ctx.results.expect(
                    "AUTH-009",
                    op.operation_id,
                    ok,
                    f"{name}={value!r} signed over its normalized form was answered "
                    f"{exchange.status or exchange.error}, expected 2xx",
                    exchange,
                )


def _not_applicable(ctx: Context, check_id: str, op: Operation, exchange: Any) -> bool:
    """A 404 for ids the target could not supply (no such item exists there, e.g. an image build on
    an account without one) says nothing about signing: noted as not applicable, not failed."""
    why = ctx.workspace.estate.reasons.get(op.operation_id)
    if exchange.status == 404 and why:
        ctx.results.not_applicable(check_id, f"on this target ({why})", op.operation_id)
        return True
    return False


def _sdk_variants(ctx: Context) -> None:
    """Authorization values as Baidu's SDKs write them (see the shared signing notes): read operations
    and one create (whose Content-Type and Content-Length join the SDK default set)."""
    target = ctx.target
    create = (
        None
        if ctx.workspace.read_only
        else next((ctx.contract.op_for(c, "create") for c in ctx.contract.creatable()), None)
    )
    ops = [op for op in ctx.contract.operations if ctx.contract.is_read(op)] + ([create] if create else [])
    for op in ops:
        for variant in ("empty signedHeaders (SDK default set)", "explicit list 'host', x-bce-* also signed"):
            body = None
            if op is create:
                body = ctx.workspace.body_for(ctx.contract.collection_of(op) or "", "sdk-variant")
            try:
                ids = ctx.workspace.ids_for(op) if body is None else {}
            except FixtureError as exc:
                if not ctx.workspace.read_only:
                    raise
                # an item only a write could make (a Personal policy on a target without one)
                ctx.results.not_applicable("AUTH-010", exc.message, op.operation_id)
                break
            req = ctx.contract.build(op, ids, body=body)
            url = target.wire_url(req.path, req.query)
            payload = None
            present: dict[str, str] = {"host": target.netloc}
            if body is not None:
                payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
                present["content-type"] = "application/json"
                present["content-length"] = str(len(payload))
            if variant.startswith("empty"):
                # Python/Java with their default set: the field is empty; the signature covers the SDK
                # defaults that are present plus every x-bce-* header.
                covered = sorted((SDK_DEFAULT_SIGNED_HEADERS & set(present)) | {"x-bce-date"})
                field = ""
            else:
                # Python with an explicit list: the field names the list; x-bce-* is signed as well.
                covered, field = ["host", "x-bce-date"], "host"
            headers = target.sign(req.method, url, present, signed_headers=covered)
            fields = headers["Authorization"].split("/")
            fields[4] = field
            headers["Authorization"] = "/".join(fields)
            if payload is not None:
                headers["Content-Type"] = "application/json"
            exchange = target.send(
                req.method,
                req.path,
                query=req.query,
                body=payload,
                headers=headers,
                sign=False,
                operation=op.operation_id,
            )
            ctx.workspace.record_exchange(op, exchange)
            if _not_applicable(ctx, "AUTH-010", op, exchange):
                continue
            ok = exchange.status is not None and 200 <= exchange.status < 300
            ctx.results.expect(
                "AUTH-010",
                op.operation_id,
                ok,
                f"{variant}: answered {exchange.status or exchange.error}, expected 2xx",
                exchange,
            )
