"""The project's rules inside schemathesis: custom checks and the safety hooks.

Registered globally (schemathesis has no other way for ``before_call``), but inert unless a run is
active (:func:`activate`): importing this module in a process that runs other schemathesis tests
changes nothing for them.

* Custom checks: AUTH-001 (a positive case answered 401/403 fails: schemathesis accepts it by
  default, so a broken signer would pass silently), STRUCT-001..005 and SECRET-001/002 on every
  response schemathesis receives.
* ``before_call`` (the guard): written names get the run prefix, written passwords the run marker,
  valid registry URLs the run's own registry (so the server never probes an invented host), and a
  write operation may only name ids this run owns; any other id becomes the sentinel id, so a run
  against a real account never updates, starts, stops or deletes what it did not create.  An
  Enterprise write goes to a real parent -- the instance under test, or the run's own namespace --
  so an invalid body is judged by the code that would store it (:meth:`Estate.guard`), and its
  name keeps its validity but gains the run prefix (:meth:`Estate.guard_body`).
* ``after_call``: ids answered by create operations (and executions listed for owned policies)
  become owned; an Enterprise create a server accepted is recorded for cleanup (whose prefix sweep
  also finds one whose key the answer did not tell).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ccr_conformance.checks.secrets import scan
from ccr_conformance.checks.structure import judge
from ccr_conformance.contract import SENTINEL_ID, Contract
from ccr_conformance.workspace import Workspace

#: schemathesis check name -> catalogue id.
CHECK_MAP: dict[str, str] = {
    "status_code_conformance": "SCHEMA-001",
    "content_type_conformance": "SCHEMA-001",
    "response_headers_conformance": "SCHEMA-001",
    "response_schema_conformance": "SCHEMA-001",
    "not_a_server_error": "SCHEMA-002",
    "negative_data_rejection": "SCHEMA-003",
    "positive_data_acceptance": "SCHEMA-004",
    "ccr_positive_found_without_ids": "SCHEMA-004",
    "ccr_positive_not_unauthorized": "AUTH-001",
    "ccr_json_content_type": "STRUCT-001",
    "ccr_request_id_header": "STRUCT-002",
    "ccr_error_request_id_matches": "STRUCT-003",
    "ccr_bce_error_body": "STRUCT-004",
    "ccr_date_time_format": "STRUCT-005",
    "ccr_no_registry_password": "SECRET-001",
    "ccr_no_secret_key": "SECRET-002",
}
#: Built-in schemathesis checks the suite turns off: ignored_auth resends without auth through our
#: signer (meaningless here; AUTH-002..008 test it properly); the rest are not part of the contract.
DISABLED_BUILTINS = (
    "ignored_auth",
    "unsupported_method",
    "allow_header_conformance",
    "use_after_free",
    "ensure_resource_availability",
    "missing_required_header",
    "object_level_authorization",
)


@dataclass
class ActiveRun:
    contract: Contract
    workspace: Workspace
    secret_key: str = field(repr=False)  # never in a repr, a traceback's locals or a log
    base_urls: set[str] = field(default_factory=set)
    #: Plain schemathesis CLI (``ccr_conformance.hooks``): makes the workspace's target for the base
    #: URL of the first case, since the guard reads the target (the instance under test) before any
    #: write.  None: the suite gave the workspace its target already.
    connect: Callable[[str], Any] | None = None
    #: Requests on the wire, per engine thread: (operation label, monotonic start).  The runner's
    #: watchdog uses the oldest to spot a request stuck reading a dripping body.
    calls: dict[int, tuple[str, float]] = field(default_factory=dict)

    @property
    def in_flight(self) -> tuple[str, float] | None:
        calls = list(self.calls.values())
        return min(calls, key=lambda c: c[1]) if calls else None

    def call_started(self, case: Any) -> None:
        self.calls[threading.get_ident()] = (f"{case.operation.method.upper()} {case.operation.path}", time.monotonic())

    def call_finished(self) -> None:
        self.calls.pop(threading.get_ident(), None)


_ACTIVE: ActiveRun | None = None
_LOCK = threading.Lock()
_REGISTERED = False


def activate(run: ActiveRun) -> None:
    global _ACTIVE
    with _LOCK:
        _ACTIVE = run


def deactivate() -> None:
    global _ACTIVE
    with _LOCK:
        _ACTIVE = None


def active() -> ActiveRun | None:
    return _ACTIVE


# ---------------------------------------------------------------------- helpers


def _operation_id(run: ActiveRun, case: Any) -> str | None:
    op = run.contract.op_by_label(str(case.operation.method), case.operation.path)
    return op.operation_id if op else None


def _headers(response: Any) -> dict[str, str]:
    return {k: (v[0] if isinstance(v, list) and v else str(v)) for k, v in response.headers.items()}


def _is_positive(case: Any) -> bool:
    meta = getattr(case, "meta", None)
    if meta is None:
        return True
    try:
        return bool(meta.generation.mode.is_positive)
    except AttributeError:
        return True


def _struct(check_id: str, response: Any, case: Any) -> None:
    run = _ACTIVE
    if run is None:
        return
    for found_id, problem in judge(
        run.contract,
        _operation_id(run, case),
        response.status_code,
        _headers(response),
        response.content or b"",
        str(case.operation.method),
    ):
        if found_id == check_id and problem:
            raise AssertionError(f"{check_id}: {problem}")


def _secret(check_id: str, response: Any, case: Any = None) -> None:
    run = _ACTIVE
    if run is None:
        return
    from ccr_conformance.checks.secrets import without_once_fields

    op_id = _operation_id(run, case) if case is not None else None
    body = without_once_fields(run.contract, op_id, response.status_code, response.content or b"")
    for found_id, problem in scan(body, _headers(response), run.workspace.marker, run.secret_key):
        if found_id == check_id and problem:
            raise AssertionError(f"{check_id}: {problem}")


def _looks_like_id(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value > 0
    return isinstance(value, str) and value.strip().isdigit()


def names_an_id(run: ActiveRun, case: Any) -> bool:
    """Whether a case names an item that may not exist (so 404/409 can be a correct answer): a path
    id, an id-valued query parameter (``policyId``), a body ``id`` or a reference (``srcRegistry``)."""
    if case.path_parameters:
        return True
    if any(run.contract.kind_of_param(name) for name in (case.query or {})):
        return True
    body = case.body
    return isinstance(body, dict) and ("id" in body or any(f in body for f in run.contract.reference_fields))


# ---------------------------------------------------------------------- the guard


def guard_case(run: ActiveRun, case: Any) -> None:
    """Rewrite a case in place so it only writes under the run prefix and only touches owned ids."""
    contract, ws = run.contract, run.workspace
    if ws.target is None and run.connect is not None:
        base = str(getattr(case.operation, "base_url", "") or "")
        if base:
            ws.target = run.connect(base.rstrip("/"))
    op = contract.op_by_label(str(case.operation.method), case.operation.path)
    if op is None or contract.is_read(op):
        return
    if contract.is_enterprise(op):
        _guard_enterprise(run, op, case)
        return
    for name, value in list((case.path_parameters or {}).items()):
        kind = contract.kind_of_param(name)
        if kind and _looks_like_id(value) and not ws.owns(kind, value):
            case.path_parameters[name] = SENTINEL_ID
    body = case.body
    if not isinstance(body, dict):
        return
    collection = contract.collection_of(op)
    if collection and _looks_like_id(body.get("id")) and not ws.owns(collection, body["id"]):
        body["id"] = SENTINEL_ID
    for field_name, param in contract.reference_fields.items():
        ref = body.get(field_name)
        kind = contract.kind_of_param(param)
        if isinstance(ref, dict) and kind and _looks_like_id(ref.get("id")) and not ws.owns(kind, ref["id"]):
            ref["id"] = SENTINEL_ID
    if isinstance(body.get("name"), str) and not body["name"].startswith(ws.prefix):
        body["name"] = (ws.prefix + body["name"])[: ws.max_name]
    contract.fill_write_only(body, ws.password())
    ws.own_urls(body)


def _guard_enterprise(run: ActiveRun, op: Any, case: Any) -> None:
    """An Enterprise write reaches only this run's items under the run's instance (instance-level
    writes only the embedded server's instance); every other id becomes one that cannot exist."""
    from ccr_conformance.contract import PARAM_RE

    estate = run.workspace.estate
    res = run.contract.model.owner_of(op.operation_id)
    if res is None:
        return
    params = PARAM_RE.findall(op.path)
    current = dict(case.path_parameters or {})
    safe, _ = estate.guard(op, res, run.contract.model.chain(res.name), params, current)
    if case.path_parameters is not None:
        case.path_parameters.update({k: v for k, v in safe.items() if k in current})
    body = case.body
    estate.guard_body(op, body)
    if isinstance(body, (dict, list)):
        run.contract.fill_write_only(body, run.workspace.password())
        run.workspace.own_urls(body)


def adopt_from_response(run: ActiveRun, case: Any, response: Any) -> None:
    """Ids this run now owns: what its creates answered, executions listed for owned parents."""
    contract, ws = run.contract, run.workspace
    op = contract.op_by_label(str(case.operation.method), case.operation.path)
    if op is None or not 200 <= response.status_code < 300:
        return
    try:
        request_url = response.request.url
        parts = urlsplit(request_url)
        run.base_urls.add(f"{parts.scheme}://{parts.netloc}")
    except AttributeError:
        pass
    if contract.is_enterprise(op):
        try:
            data = response.json()
        except Exception:
            data = None
        ws.estate.record_write_answer(op, dict(case.path_parameters or {}), case.body, response.status_code, data)
        return
    collection = contract.collection_of(op)
    if collection is None:
        return
    try:
        data = response.json()
    except Exception:
        return
    if ws.record_create_answer(op, response.status_code, data) is not None:
        return
    if contract.is_list(op) and isinstance(data, dict) and isinstance(data.get("result"), list):
        scoped = [
            (name, value)
            for name, value in (case.query or {}).items()
            if contract.kind_of_param(name) and contract.kind_of_param(name) != collection
        ]
        parent_owned = scoped and all(ws.owns(contract.kind_of_param(n) or "", v) for n, v in scoped)
        for item in data["result"]:
            if not isinstance(item, dict) or not isinstance(item.get("id"), int):
                continue
            if parent_owned or str(item.get("name", "")).startswith(ws.prefix):
                ws.adopt(collection, item["id"])


# ---------------------------------------------------------------------- registration


def register() -> None:
    """Register the custom checks and hooks with schemathesis (once per process)."""
    global _REGISTERED
    with _LOCK:
        if _REGISTERED:
            return
        _REGISTERED = True
    import schemathesis

    @schemathesis.check
    def ccr_positive_not_unauthorized(ctx: Any, response: Any, case: Any) -> bool | None:
        """AUTH-001: a correctly signed valid request is never answered 401/403."""
        if _ACTIVE is None or not _is_positive(case):
            return None
        if response.status_code in (401, 403):
            code = ""
            try:
                body = response.json()
                code = f" {body.get('code')}" if isinstance(body, dict) else ""
            except Exception:
                pass
            raise AssertionError(
                f"AUTH-001: a valid request signed with the caller's key pair was answered {response.status_code}{code}"
            )
        return None

    @schemathesis.check
    def ccr_positive_found_without_ids(ctx: Any, response: Any, case: Any) -> bool | None:
        """SCHEMA-004: a valid request that names no id (a list, a registry create, a ping with a full
        body) has nothing to be missing or to conflict with: 404/409 there is a rejection."""
        run = _ACTIVE
        if run is None or not _is_positive(case) or response.status_code not in (404, 409):
            return None
        if not names_an_id(run, case):
            raise AssertionError(
                f"SCHEMA-004: a valid request naming no id was answered {response.status_code}, expected 2xx"
            )
        return None

    @schemathesis.check
    def ccr_json_content_type(ctx: Any, response: Any, case: Any) -> bool | None:
        """STRUCT-001: responses are JSON."""
        _struct("STRUCT-001", response, case)
        return None

    @schemathesis.check
    def ccr_request_id_header(ctx: Any, response: Any, case: Any) -> bool | None:
        """STRUCT-002: every response carries x-bce-request-id."""
        _struct("STRUCT-002", response, case)
        return None

    @schemathesis.check
    def ccr_error_request_id_matches(ctx: Any, response: Any, case: Any) -> bool | None:
        """STRUCT-003: the error body's requestId equals x-bce-request-id."""
        _struct("STRUCT-003", response, case)
        return None

    @schemathesis.check
    def ccr_bce_error_body(ctx: Any, response: Any, case: Any) -> bool | None:
        """STRUCT-004: errors use the BCE error body."""
        _struct("STRUCT-004", response, case)
        return None

    @schemathesis.check
    def ccr_date_time_format(ctx: Any, response: Any, case: Any) -> bool | None:
        """STRUCT-005: date-times are YYYY-MM-DDThh:mm:ssZ."""
        _struct("STRUCT-005", response, case)
        return None

    @schemathesis.check
    def ccr_no_registry_password(ctx: Any, response: Any, case: Any) -> bool | None:
        """SECRET-001: no response carries a registry password the run wrote."""
        _secret("SECRET-001", response, case)
        return None

    @schemathesis.check
    def ccr_no_secret_key(ctx: Any, response: Any, case: Any) -> bool | None:
        """SECRET-002: no response carries the caller's secret key."""
        _secret("SECRET-002", response, case)
        return None

    @schemathesis.hook
    def before_call(context: Any, case: Any, kwargs: Any) -> None:
        run = _ACTIVE
        if run is not None:
            guard_case(run, case)
            run.call_started(case)

    @schemathesis.hook
    def after_call(context: Any, case: Any, response: Any) -> None:
        run = _ACTIVE
        if run is not None:
            run.call_finished()
            adopt_from_response(run, case, response)
