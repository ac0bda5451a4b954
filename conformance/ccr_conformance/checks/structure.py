"""STRUCT-001..005: the BCE conventions every response follows.

The rules are pure functions of ``(status, headers, body)`` so the same code judges the suite's own
exchanges (as a :class:`~ccr_conformance.target.Target` observer) and schemathesis's responses (as
custom checks in :mod:`ccr_conformance.st_integration`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from ccr_conformance.checks import Context, family_ids
from ccr_conformance.contract import SENTINEL_ID, Contract
from ccr_conformance.results import Exchange
from ccr_contract.spec import resolve_ref

CHECK_IDS = family_ids("structure")
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
REQUEST_ID_HEADER = "x-bce-request-id"

#: (check id, problem or None when the rule holds, or ``...`` when it does not apply to this response)
Verdict = tuple[str, str | None]
NOT_APPLICABLE = "n/a"


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def _json(body: bytes) -> tuple[Any, bool]:
    try:
        return json.loads(body.decode("utf-8")), True
    except (UnicodeDecodeError, ValueError):
        return None, False


def judge(
    contract: Contract,
    operation_id: str | None,
    status: int,
    headers: Mapping[str, str],
    body: bytes,
    method: str = "GET",
) -> list[tuple[str, str | None]]:
    """Every STRUCT verdict for one response: ``(check_id, problem)``; problem None = holds.
    A check that does not apply to this response is absent from the list."""
    verdicts: list[tuple[str, str | None]] = []
    content_type = _header(headers, "content-type") or ""
    data, is_json = _json(body)
    # STRUCT-001: JSON with a JSON content type (or, for a 2xx, the media type the operation
    # documents instead: a migration task's log is text/plain).
    declared = _declared_media(contract, operation_id, status)
    if method.upper() != "HEAD" and declared and "application/json" not in declared:
        media = content_type.partition(";")[0].strip().lower()
        verdicts.append(
            (
                "STRUCT-001",
                None if media in declared else f"Content-Type is {content_type!r}, not {' or '.join(declared)}",
            )
        )
    elif method.upper() != "HEAD":
        media, _, params = content_type.partition(";")
        charset = re.search(r"charset\s*=\s*\"?([\w-]+)", params, re.I)
        if media.strip().lower() != "application/json":
            verdicts.append(("STRUCT-001", f"Content-Type is {content_type!r}, not application/json"))
        elif charset and charset.group(1).lower() not in ("utf-8", "utf8"):
            verdicts.append(("STRUCT-001", f"Content-Type charset is {charset.group(1)!r}, not UTF-8"))
        elif not is_json:
            snippet = body[:60].decode("utf-8", "replace")
            verdicts.append(("STRUCT-001", f"body is not JSON although Content-Type says so: {snippet!r}"))
        else:
            verdicts.append(("STRUCT-001", None))
    # STRUCT-002: x-bce-request-id present and non-empty.
    request_id = _header(headers, REQUEST_ID_HEADER)
    if request_id is None or not request_id.strip():
        verdicts.append(("STRUCT-002", f"no {REQUEST_ID_HEADER} header on a {status} response"))
    else:
        verdicts.append(("STRUCT-002", None))
    if status >= 400:
        # STRUCT-004: the BCE error body.
        if not isinstance(data, dict):
            verdicts.append(("STRUCT-004", f"{status} body is not a JSON object"))
        else:
            bad = [k for k in ("requestId", "code", "message") if not isinstance(data.get(k), str)]
            verdicts.append(("STRUCT-004", f"{status} error body lacks string {', '.join(bad)}" if bad else None))
            # STRUCT-003: requestId equals the header (only comparable when both exist).
            if isinstance(data.get("requestId"), str) and request_id:
                same = data["requestId"] == request_id
                verdicts.append(
                    (
                        "STRUCT-003",
                        None if same else f"body requestId {data['requestId']!r} != header {request_id!r}",
                    )
                )
    elif 200 <= status < 300 and is_json and operation_id:
        # STRUCT-005: date-time fields the schema declares.
        op = contract.by_id.get(operation_id)
        pointer = contract.response_schema_pointer(op, status) if op else None
        if pointer:
            schema = resolve_ref(contract.spec, {"$ref": pointer})
            found = list(date_time_values(contract.spec, schema, data, "$"))
            bad = [(where, value) for where, value in found if not _valid_date_time(value)]
            if bad:
                where, value = bad[0]
                verdicts.append(("STRUCT-005", f"{where} = {value!r} is not YYYY-MM-DDThh:mm:ssZ"))
            elif found:
                verdicts.append(("STRUCT-005", None))
    return verdicts


def _declared_media(contract: Contract, operation_id: str | None, status: int) -> list[str]:
    """Media types the operation documents for a 2xx ``status`` (empty: JSON is expected)."""
    op = contract.by_id.get(operation_id or "")
    if op is None or not 200 <= status < 300:
        return []
    response = op.responses.get(str(status)) or op.responses.get("2XX")
    if response is None:
        return []
    return [m.lower() for m in (resolve_ref(contract.spec, response).get("content") or {})]


def _valid_date_time(value: str) -> bool:
    if not DATE_TIME.match(value):
        return False
    try:
        datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return False
    return True


def date_time_values(
    spec: dict[str, Any], schema: Any, instance: Any, where: str, depth: int = 0
) -> Iterator[tuple[str, str]]:
    """String values of ``instance`` at schema nodes declaring ``format: date-time``."""
    if depth > 30:
        return
    schema = resolve_ref(spec, schema)
    if not isinstance(schema, dict):
        return
    if schema.get("format") == "date-time" and isinstance(instance, str):
        yield where, instance
    for key in ("allOf", "oneOf", "anyOf"):
        for sub in schema.get(key, []):
            yield from date_time_values(spec, sub, instance, where, depth + 1)
    if isinstance(instance, dict):
        for name, sub in (schema.get("properties") or {}).items():
            if name in instance:
                yield from date_time_values(spec, sub, instance[name], f"{where}.{name}", depth + 1)
    if isinstance(instance, list) and "items" in schema:
        for index, item in enumerate(instance[:100]):
            yield from date_time_values(spec, schema["items"], item, f"{where}[{index}]", depth + 1)


def observe(ctx: Context, exchange: Exchange) -> None:
    """Target observer: judge every response the suite's own checks receive."""
    if exchange.status is None or exchange.truncated:
        return
    for check_id, problem in judge(
        ctx.contract,
        exchange.operation,
        exchange.status,
        exchange.response_headers,
        exchange.response_body,
        exchange.method,
    ):
        ctx.results.expect(check_id, exchange.operation, problem is None, problem or "", exchange)


def run(ctx: Context) -> None:
    """The family's own traffic: per operation a valid signed request, an unsigned one and one
    naming a missing resource or an invalid page, so every status class is seen even when run alone.
    (The observer judges them; schemathesis responses are judged too when that phase runs.)"""
    for op in ctx.contract.operations:
        try:
            ids = ctx.workspace.ids_for(op)
        except Exception:  # a fixture failure is reported by the checks that need fixtures
            ids = {}
        body = None
        examples = ctx.contract.body_examples(op)
        res = ctx.contract.model.owner_of(op.operation_id)
        if examples:
            body = ctx.workspace.personalise(examples[0][1], f"struct-{op.operation_id}")
            if isinstance(body, dict) and res is not None and res.update_key in body:
                owned = ctx.workspace.owned(res.name)  # an update naming its item in the body
                body[res.update_key] = owned[0] if owned else SENTINEL_ID
            elif isinstance(body, dict) and "id" in body:
                body["id"] = SENTINEL_ID
            ctx.workspace.estate.guard_body(op, body)
        # a delete names nothing real: the shared fixtures stay
        request = ctx.contract.build(op, {} if op.method == "DELETE" else ids, body=body)
        ctx.target.send(request.method, request.path, query=request.query, json_body=body, operation=op.operation_id)
        unsigned = ctx.contract.build(op, {}, body=body)
        ctx.target.send(
            unsigned.method, unsigned.path, query=unsigned.query, json_body=body, sign=False, operation=op.operation_id
        )
        if ctx.contract.is_list(op):
            bad = ctx.contract.build(op, ids, query={"pageSize": 0})
            ctx.target.send(bad.method, bad.path, query=bad.query, operation=op.operation_id)
        elif "{" in op.path:
            missing = ctx.contract.build(op, {}, body=body)
            ctx.target.send(
                missing.method, missing.path, query=missing.query, json_body=body, operation=op.operation_id
            )
