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
from ccr_conformance.contract import Contract
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


def names_an_id(run: ActiveRun, case: Any) -> bool:
    """Whether a case names an item that may not exist (so 404/409 can be a correct answer): a path
    id, a query parameter whose value must name an item (a declared filter ``exists``: the Personal
    ``policyId``), or a body field that names one (the ``updateKey`` of an update or a health check,
    a declared reference such as ``srcRegistry``)."""
    if case.path_parameters:
        return True
    op = run.contract.op_by_label(str(case.operation.method), case.operation.path)
    res = run.contract.model.owner_of(op.operation_id) if op is not None else None
    if res is None:
        return False
    if any(f.exists and f.param in (case.query or {}) for f in res.filters):
        return True
    body = case.body
    naming = set(res.references) | ({res.update_key} if res.update_key else set())
    return isinstance(body, dict) and any(name in body for name in naming)


# ---------------------------------------------------------------------- the guard


def guard_case(run: ActiveRun, case: Any) -> None:
    """Rewrite a case in place so it only writes under the run prefix and only touches owned ids: a
    write reaches only this run's items (under the run's instance; instance-level writes only the
    embedded server's instance); every other id becomes one that cannot exist (:meth:`Estate.guard`,
    :meth:`Estate.guard_body`)."""
    from ccr_conformance.contract import PARAM_RE

    ws = run.workspace
    if ws.target is None and run.connect is not None:
        base = str(getattr(case.operation, "base_url", "") or "")
        if base:
            ws.target = run.connect(base.rstrip("/"))
    op = run.contract.op_by_label(str(case.operation.method), case.operation.path)
    if op is None or run.contract.is_read(op):
        return
    res = run.contract.model.owner_of(op.operation_id)
    if res is None:
        return
    estate = ws.estate
    params = PARAM_RE.findall(op.path)
    current = dict(case.path_parameters or {})
    safe, _ = estate.guard(op, res, run.contract.model.chain(res.name), params, current)
    if case.path_parameters is not None:
        case.path_parameters.update({k: v for k, v in safe.items() if k in current})
    body = case.body
    estate.guard_body(op, body)
    if isinstance(body, (dict, list)):
        run.contract.fill_write_only(body, ws.password())
        ws.own_urls(body)


def adopt_from_response(run: ActiveRun, case: Any, response: Any) -> None:
    """Ids this run now owns: what its creates answered, and what a list shows of the run's own
    (items named with the run prefix, items listed under a declared reference to an owned item:
    executions of the run's policy)."""
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
    try:
        data = response.json()
    except Exception:
        data = None
    estate = ws.estate
    path_ids = dict(case.path_parameters or {})
    if estate.record_write_answer(op, path_ids, case.body, response.status_code, data) is not None:
        return
    res = contract.model.owner_of(op.operation_id)
    listing = res.operation("list") if res is not None else None
    if listing is None or listing.operation_id != op.operation_id or res.key is None:
        return
    items = data.get(res.list_key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return
    named = [(res.references[n], v) for n, v in (case.query or {}).items() if n in res.references]
    under_owned = bool(named) and all(any(estate.owns(r, v) for r in ref.resources) for ref, v in named)
    for item in items:
        if not isinstance(item, dict) or item.get(res.key) in (None, ""):
            continue
        if under_owned or str(item.get("name", "")).startswith(ws.prefix):
            estate.adopt(res.name, item[res.key])


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
