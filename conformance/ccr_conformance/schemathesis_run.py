"""SCHEMA-001..004 and AUTH-001 (plus STRUCT/SECRET on every response): schemathesis in-process.

The schemathesis engine (the one its CLI drives) runs the examples, coverage, fuzzing and stateful
phases against the live base URL, over HTTP, signing every final request with
:class:`ccr_contract.auth_adapters.BceRequestsAuth` through ``schema.auth.set_from_requests`` and
with ``with-security-parameters = false`` (negative cases stay signed).  Its events are mapped to
catalogue ids through :data:`ccr_conformance.st_integration.CHECK_MAP`, per operationId.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from typing import Any

from ccr_conformance.checks import Context
from ccr_conformance.progress import StepStarted
from ccr_conformance.results import RUN_SCOPE, Exchange
from ccr_conformance.st_integration import CHECK_MAP, DISABLED_BUILTINS, ActiveRun, activate, deactivate, register

#: Catalogue ids only schemathesis exercises (the runner starts the engine for these).
ENGINE_CHECKS = frozenset({"SCHEMA-001", "SCHEMA-002", "SCHEMA-003", "SCHEMA-004", "AUTH-001"})
#: Ids judged on schemathesis responses as well as on the suite's own traffic.
OBSERVED_CHECKS = frozenset(CHECK_MAP.values()) - ENGINE_CHECKS
NEGATIVE_EXPECTED = ["400", "404", "405", "409", "413", "415", "422"]
POSITIVE_EXPECTED = ["2xx", "404", "409"]
#: schemathesis's description of a case whose only invalid part is an undeclared query parameter.
UNDECLARED_QUERY_ONLY = "Invalid component: in query - violates `additionalProperties`"


#: Share of ``--max-examples`` the fuzzing phase spends per operation and generation mode: the
#: examples phase already sends every spec example, the suite's own families every operation's
#: valid request, so fuzzing adds breadth, not depth (hypothesis generation is the run's main cost:
#: about 30 cases a second on two cores).
FUZZ_SHARE = 0.1


def fuzz_budget(max_examples: int) -> int:
    return max(1, round(max_examples * FUZZ_SHARE))


def _phases(selected: set[str], max_examples: int) -> dict[str, Any]:
    # The coverage phase enumerates every boundary of every parameter (hundreds of cases for 104
    # operations) and the stateful phase chains links the suite's own STATE/RES families already
    # test with real ids: both only when asked for a deep run (--max-examples above the default).
    deep = max_examples > 10
    stateful = deep and bool(selected & {"SCHEMA-001", "SCHEMA-002", "SCHEMA-004", "AUTH-001"})
    return {
        "examples": {"enabled": True},
        "coverage": {"enabled": deep},
        "fuzzing": {"enabled": True},
        "stateful": {"enabled": stateful, "max-steps": 20},
    }


def _mode(selected: set[str]) -> str:
    wants_negative = bool(selected & {"SCHEMA-001", "SCHEMA-002", "SCHEMA-003"} | (selected & OBSERVED_CHECKS))
    wants_positive = bool(
        selected & {"SCHEMA-001", "SCHEMA-002", "SCHEMA-004", "AUTH-001"} | (selected & OBSERVED_CHECKS)
    )
    if wants_negative and wants_positive:
        return "all"
    return "negative" if wants_negative else "positive"


def build_config(ctx: Context, selected: set[str]) -> Any:
    import schemathesis

    checks: dict[str, Any] = {"enabled": False}
    for name, check_id in CHECK_MAP.items():
        if check_id in selected:
            checks[name] = {"enabled": True}
    for name in DISABLED_BUILTINS:
        checks[name] = {"enabled": False}
    if "negative_data_rejection" in checks:
        checks["negative_data_rejection"]["expected-statuses"] = NEGATIVE_EXPECTED
    if "positive_data_acceptance" in checks:
        checks["positive_data_acceptance"]["expected-statuses"] = POSITIVE_EXPECTED
    settings = ctx.settings
    return schemathesis.Config.from_dict(
        {
            "seed": settings.seed,
            "color": False,
            "suppress-health-check": ["all"],
            "base-url": ctx.target.base_url,
            "request-timeout": settings.timeout,
            "workers": max(1, settings.workers),
            "tls-verify": True,
            # requests inflates gzip without a limit: ask for none (a bomb server is caught by the
            # preflight's capped read and schemathesis is then not run against it).
            "headers": {**ctx.target.extra_headers, "Accept-Encoding": "identity"},
            "generation": {
                "max-examples": fuzz_budget(settings.max_examples),
                "with-security-parameters": False,
                "mode": _mode(selected),
                "database": "none",
            },
            "checks": checks,
            "phases": _phases(selected, settings.max_examples),
            "output": {
                "sanitization": {
                    "enabled": True,
                    "keys-to-sanitize": ["authorization", "accesssecret", "x-bce-security-token"],
                }
            },
        }
    )


def _exchange(interaction: Any, operation: str) -> Exchange | None:
    if interaction is None:
        return None
    request = interaction.request
    headers = {k: (v[0] if isinstance(v, list) and v else str(v)) for k, v in request.headers.items()}
    exchange = Exchange(
        method=request.method,
        url=request.uri,
        request_headers=headers,
        request_body=request.body,
        operation=operation,
        signed_by_caller="Authorization" in headers or "authorization" in headers,
    )
    response = interaction.response
    if response is not None:
        exchange.status = response.status_code
        exchange.response_headers = {
            k: (v[0] if isinstance(v, list) and v else str(v)) for k, v in response.headers.items()
        }
        exchange.response_body = response.content or b""
        exchange.elapsed = response.elapsed
        recorded = getattr(interaction, "timestamp", None)  # when the answer was in (wall clock)
        if isinstance(recorded, int | float):
            exchange.started_at = recorded - response.elapsed
    return exchange


class _StoppableAuth:
    """Signs like :class:`ccr_contract.auth_adapters.BceRequestsAuth` until the run is halted; after
    that it refuses, so an engine thread the suite had to abandon (stuck reading a dripping body)
    can never send another request, guarded or not."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.halted = threading.Event()

    def __call__(self, request: Any) -> Any:
        if self.halted.is_set():
            raise RuntimeError("the conformance run stopped this schemathesis run")
        return self.inner(request)


def _pump(stream: Any, out: queue.Queue[Any], run: ActiveRun) -> None:
    """Runs in a daemon thread: move engine events to ``out`` (then the end marker).  With one worker
    the engine runs in this thread, so while it yields an event no request of this thread is in flight
    (one that raised never reached ``after_call``)."""
    try:
        for event in stream:
            run.call_finished()
            out.put(event)
    except BaseException as exc:  # the engine must never take the suite down
        out.put(exc)
    finally:
        out.put(_END)


_END = object()


def stall_limit(timeout: float) -> float:
    """How long one request may stay in flight before the run gives up on the engine: three request
    timeouts (requests' own timeout is per read, so a body dripping one byte a second never trips it)."""
    return 3 * timeout


def run_schemathesis(
    ctx: Context,
    selected: set[str],
    *,
    time_limit: float = 120.0,
    on_event: Callable[[StepStarted], None] | None = None,
    skip_operations: set[str] | frozenset[str] = frozenset(),
) -> int:
    """Run the engine for the selected ids; record into ``ctx.results``; return the request count.

    The event stream runs in a daemon thread; this thread enforces a total deadline (``time_limit``),
    a per-request stall limit (:func:`stall_limit`) and a no-event limit, and on any of them stops the
    engine, records a failure naming the operation in flight and returns (the caller cleans up).
    Ctrl-C (or an ``Interrupted`` event) marks the checks failed and re-raises ``KeyboardInterrupt``.
    """
    import schemathesis
    from schemathesis.engine import events, from_schema

    from ccr_contract.auth_adapters import BceRequestsAuth

    wanted = selected & frozenset(CHECK_MAP.values())
    if not wanted:
        return 0
    register()
    run = ActiveRun(ctx.contract, ctx.workspace, ctx.target.secret_key)
    activate(run)
    results = ctx.results
    label_to_op = {f"{op.method} {op.path}": op.operation_id for op in ctx.contract.operations}
    requests_sent = 0
    auth = _StoppableAuth(ctx.target.watching(BceRequestsAuth(ctx.target.access_key, ctx.target.secret_key)))
    stream: Any = None
    per_request = stall_limit(ctx.settings.timeout)
    quiet_limit = max(per_request, 60.0)

    def give_up(reason: str) -> None:
        label = run.in_flight[0] if run.in_flight else None
        where = f" while {label} was in flight" if label else ""
        operation = label_to_op.get(label or "", RUN_SCOPE)
        for check_id in wanted & ENGINE_CHECKS:
            results.failed(check_id, operation, _one_line(f"schemathesis stopped{where}: {reason}"))

    try:
        config = build_config(ctx, wanted)
        schema = schemathesis.openapi.from_dict(ctx.contract.spec, config=config)
        # Only the operations the run covers (--include/--exclude, --read-only, billed ones away from
        # the embedded server): the contract's list is already filtered by the runner.
        covered = {op.operation_id for op in ctx.contract.operations}
        leave_out = set(skip_operations) | (set(ctx.contract.full.by_id) - covered)
        if leave_out:
            schema = schema.exclude(operation_id=sorted(leave_out))
        schema.auth.set_from_requests(auth)
        stream = from_schema(schema).execute()
        inbox: queue.Queue[Any] = queue.Queue()
        threading.Thread(target=_pump, args=(stream, inbox, run), name="ccrconf-schemathesis", daemon=True).start()
        started = last_event = time.monotonic()
        while True:
            now = time.monotonic()
            if now - started > time_limit:
                give_up(f"the {time_limit:.0f} s time limit for the schemathesis phase ran out")
                break
            flight = run.in_flight
            if flight is not None and now - flight[1] > per_request:
                give_up(
                    f"one request got no complete response within {per_request:g} s "
                    "(3x the request timeout; a slow-dripping body?)"
                )
                break
            if now - last_event > quiet_limit:
                give_up(f"the engine reported nothing for {quiet_limit:g} s")
                break
            try:
                event = inbox.get(timeout=0.2)
            except queue.Empty:
                continue
            last_event = time.monotonic()
            if event is _END:
                break
            if isinstance(event, BaseException):
                raise event
            if isinstance(event, events.PhaseStarted) and on_event:
                on_event(StepStarted("schemathesis", str(event.phase.name.value)))
            elif isinstance(event, events.ScenarioFinished):
                requests_sent += _record_scenario(ctx, event, label_to_op, wanted)
            elif isinstance(event, events.Interrupted):
                raise KeyboardInterrupt
            elif isinstance(event, events.NonFatalError):
                operation = label_to_op.get(event.label, RUN_SCOPE)
                message = _one_line(
                    f"schemathesis could not test {event.label}: {event.info.title}: {event.info.message}"
                )
                for check_id in wanted & ENGINE_CHECKS:
                    results.failed(check_id, operation, message)
            elif isinstance(event, events.FatalError):
                for check_id in wanted:
                    results.failed(check_id, RUN_SCOPE, _one_line(f"schemathesis stopped: {event.exception}"))
    except KeyboardInterrupt:
        for check_id in wanted:
            results.failed(check_id, RUN_SCOPE, "interrupted (Ctrl-C or SIGTERM) during the schemathesis phase")
        raise
    except Exception as exc:  # the engine must never take the suite down
        for check_id in wanted & ENGINE_CHECKS:
            results.failed(check_id, RUN_SCOPE, _one_line(f"schemathesis run failed: {type(exc).__name__}: {exc}"))
    finally:
        auth.halted.set()
        if stream is not None:
            stream.stop()
        deactivate()
        results.count_request(requests_sent)
    return requests_sent


def _one_line(text: str, limit: int = 600) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _record_scenario(ctx: Context, event: Any, label_to_op: dict[str, str], wanted: set[str]) -> int:
    recorder = event.recorder
    results = ctx.results
    for case_id, nodes in recorder.checks.items():
        case_node = recorder.cases.get(case_id)
        label = case_node.value.operation.label if case_node is not None else recorder.label
        operation = label_to_op.get(label, RUN_SCOPE)
        for node in nodes:
            check_id = CHECK_MAP.get(node.name)
            if check_id is None or check_id not in wanted:
                continue
            if node.failure_info is None:
                results.passed(check_id, operation)
                continue
            failure = node.failure_info.failure
            message = _one_line(f"{failure.title}: {failure.message}" if failure.message else failure.title)
            if (
                check_id == "SCHEMA-004"
                and operation in ctx.contract.verdict_400
                and " 400" in _status_of(recorder.interactions.get(case_id))
            ):
                # ERRATA E74: the registry ping answers 400 for an unhealthy registry by design.
                results.passed(check_id, operation)
                continue
            if check_id == "SCHEMA-003" and UNDECLARED_QUERY_ONLY in message:
                # BCE services ignore query parameters they do not declare (so does the reference
                # server); schemathesis sometimes counts a case negated only that way as invalid.
                results.passed(check_id, operation)
                continue
            results.failed(check_id, operation, message, _exchange(recorder.interactions.get(case_id), operation))
    return len(recorder.interactions)


def _status_of(interaction: Any) -> str:
    response = getattr(interaction, "response", None)
    return f" {getattr(response, 'status_code', '')}"
