"""SECRET-001/002: no response carries a registry password or the caller's secret key.

The suite writes passwords that all contain the run's marker (``ccrconfpw<runid>``), in its own
fixtures and, through the hooks, in every body schemathesis generates; so one substring search per
response finds any password the run wrote, in any field, header or error message.  The secret key is
searched literally, percent-encoded, base64- and hex-encoded; the marker also base64- and hex-encoded.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ccr_conformance.checks import Context, family_ids
from ccr_conformance.results import Exchange
from ccr_conformance.workspace import FixtureError, record_fixture_error

CHECK_IDS = family_ids("secrets")


def scan(body: bytes, headers: Mapping[str, str], marker: str, secret_key: str) -> list[tuple[str, str | None]]:
    """Verdicts ``(check_id, problem)`` for one response."""
    haystack = body + b"\n" + "\n".join(f"{k}: {v}" for k, v in headers.items()).encode("utf-8", "replace")
    verdicts: list[tuple[str, str | None]] = []
    leaked = marker.encode() in haystack
    where = "a header" if marker.encode() not in body else f"the body at {_json_path(body, marker)}"
    if not leaked and any(form in haystack for form in encoded_forms(marker)[2:]):
        leaked, where = True, "the response, base64- or hex-encoded"
    verdicts.append(("SECRET-001", f"a registry password the suite wrote appears in {where}" if leaked else None))
    leaked_sk = any(form in haystack for form in encoded_forms(secret_key) if len(form) >= 8)
    verdicts.append(("SECRET-002", "the caller's secret access key appears in the response" if leaked_sk else None))
    return verdicts


def encoded_forms(secret: str) -> list[bytes]:
    """``secret`` as a careless server might echo it: literally, percent-encoded, base64 (standard
    and URL-safe, padding dropped) and hex (both cases).  Base64 of a substring depends on its
    alignment, so the three alignments of the secret are encoded and their stable middle searched."""
    if not secret:
        return []
    raw = secret.encode("utf-8")
    forms = [raw, quote(secret, safe="").encode()]
    for shift in range(3):
        chunk = raw[shift:]
        chunk = chunk[: len(chunk) - len(chunk) % 3]
        if len(chunk) >= 6:
            forms += [base64.b64encode(chunk), base64.urlsafe_b64encode(chunk)]
    forms += [raw.hex().encode(), raw.hex().upper().encode()]
    return list(dict.fromkeys(forms))


def _json_path(body: bytes, needle: str) -> str:
    """Where in a JSON body ``needle`` occurs (``$.result[0].credential.accessSecret``), for the report."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return "(not JSON)"

    def walk(node: Any, where: str) -> str | None:
        if isinstance(node, str):
            return where if needle in node else None
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            found = walk(value, f"{where}[{key}]" if isinstance(key, int) else f"{where}.{key}")
            if found:
                return found
        return None

    return walk(data, "$") or "(a key)"


def once_fields(contract: Any, operation_id: str | None) -> tuple[str, ...]:
    """Secret fields (``x-bce-resources`` ``secrets``) this operation's answer may carry: the one
    time a secret is shown (a robot's create and refresh answers), from the resource model and the
    operation's 200 schema."""
    from ccr_contract.resource_model import properties, response_schema

    op = contract.by_id.get(operation_id or "")
    res = contract.model.owner_of(operation_id) if op is not None else None
    if res is None or not res.secret_fields:
        return ()
    declared = (
        properties(contract.spec, response_schema(contract.spec, op)) if response_schema(contract.spec, op) else {}
    )
    return tuple(f for f in res.secret_fields if f in declared)


def without_once_fields(contract: Any, operation_id: str | None, status: int | None, body: bytes) -> bytes:
    """``body`` without the secret fields the operation shows once (2xx answers only)."""
    fields = once_fields(contract, operation_id)
    if not fields or status is None or not 200 <= status < 300:
        return body
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return body
    if not isinstance(data, dict):
        return body
    for name in fields:
        data.pop(name, None)
    return json.dumps(data).encode()


def observe(ctx: Context, exchange: Exchange) -> None:
    if exchange.status is None:
        return
    body = without_once_fields(ctx.contract, exchange.operation, exchange.status, exchange.response_body)
    for check_id, problem in scan(body, exchange.response_headers, ctx.workspace.marker, ctx.target.secret_key):
        ctx.results.expect(check_id, exchange.operation, problem is None, problem or "", exchange)


def run(ctx: Context) -> None:
    """Traffic that gives a server the chance to leak: write passwords (create, update, health check
    of an uncreated registry, an invalid body carrying one), read them back (list), and provoke
    authentication errors (where a careless server might echo its expected signature or key).

    A fixture this needs and cannot get is a SECRET-001 finding (it is the check that needed the
    passwords written); the rest of the traffic still goes out."""
    try:
        _write_passwords(ctx)
    except FixtureError as exc:
        record_fixture_error(ctx.results, "SECRET-001", exc)
    _auth_failures(ctx)


def _write_passwords(ctx: Context) -> None:
    contract, ws, target = ctx.contract, ctx.workspace, ctx.target
    for collection in contract.creatable():
        op = contract.op_for(collection, "create")
        if op is None:
            continue
        body = ws.body_for(collection, "secret")
        request = contract.build(op, body=body)
        exchange = target.send(
            request.method, request.path, query=request.query, json_body=body, operation=op.operation_id
        )
        ws.record_exchange(op, exchange)
        # The same body made invalid in one field (a name over every maxLength, still carrying the run
        # prefix, so a lenient server's item is found and removed): errors must not echo the password.
        broken = dict(body)
        broken["name"] = ws.invalid_name()
        exchange = target.send(
            request.method, request.path, query=request.query, json_body=broken, operation=op.operation_id
        )
        ws.record_exchange(op, exchange)
        update = contract.op_for(collection, "update")
        if update is not None and ws.owned(collection):
            updated = ws.body_for(collection, "secret-updated")
            updated["id"] = ws.owned(collection)[-1]
            req = contract.build(update, body=updated)
            target.send(req.method, req.path, query=req.query, json_body=updated, operation=update.operation_id)
        listing = contract.list_op(collection)
        if listing is not None:
            req = contract.build(listing, query={"pageSize": 100})
            target.send(req.method, req.path, query=req.query, operation=listing.operation_id)
    for op in contract.operations:
        if "checkHealth" in contract.actions(op):
            for name, example in contract.body_examples(op):
                body = ws.personalise(example, f"secret-{name}")
                if isinstance(body, dict) and "id" in body:
                    kind = contract.collection_of(op)
                    body["id"] = ws.shared(kind) if kind else body["id"]
                req = contract.build(op, body=body)
                target.send(req.method, req.path, query=req.query, json_body=body, operation=op.operation_id)


def _auth_failures(ctx: Context) -> None:
    """Wrong-secret requests (a server must not answer with what it expected); reads name this run's
    fixtures when they exist, else the sentinel id."""
    contract, ws, target = ctx.contract, ctx.workspace, ctx.target
    for op in contract.operations:
        if contract.is_read(op):
            try:
                ids = ws.ids_for(op)
            except FixtureError:
                ids = {}
            req = contract.build(op, ids)
            url = target.wire_url(req.path, req.query)
            headers = target.sign(req.method, url, secret_key="not-the-" + target.secret_key[:4])
            target.send(req.method, req.path, query=req.query, headers=headers, sign=False, operation=op.operation_id)
