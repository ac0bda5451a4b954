"""Run the selected catalogue checks against one target and collect :class:`Results`.

Order: a preflight request (a target that does not answer fails every check at once, with the
reason), the suite's own families, then schemathesis; fixtures are removed in ``finally``.  Nothing
here raises for anything the server does; a bug in a family is recorded against that family's checks.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType

from ccr_conformance import catalogue as catalogue_module
from ccr_conformance.checks import (
    Context,
    Settings,
    auth,
    pagination,
    resources,
    schema,
    secrets,
    signing_properties,
    stateful,
    structure,
)
from ccr_conformance.contract import Contract
from ccr_conformance.plan import not_applicable
from ccr_conformance.progress import PhaseStarted, Progress
from ccr_conformance.registry_stub import RegistryStub
from ccr_conformance.results import RUN_SCOPE, Results
from ccr_conformance.schemathesis_run import ENGINE_CHECKS, OBSERVED_CHECKS, run_schemathesis
from ccr_conformance.scope import NOT_SELECTED, RunScope
from ccr_conformance.selection import SelectionError
from ccr_conformance.target import Target, parse_json
from ccr_conformance.workspace import FixtureError, FixtureSettings, Workspace, record_fixture_error
from ccr_contract.spec import Operation

#: The suite's own families, in the order they run (cheap and independent first).
FAMILIES: tuple[tuple[str, ModuleType], ...] = (
    # examples first: instance-level adds (a VPC link, a whitelist entry) must meet a clean instance.
    ("examples", schema),
    ("auth", auth),
    ("structure", structure),
    ("secrets", secrets),
    ("stateful", stateful),
    ("pagination", pagination),
    ("resources", resources),
    ("signing properties", signing_properties),
)

#: What --read-only runs: the auth checks and the GET traffic of the structure and signing families.
READ_ONLY_FAMILIES = (auth, structure, signing_properties)


@dataclass
class SuiteOptions:
    base_url: str
    access_key: str
    secret_key: str = field(repr=False)  # never in a repr, a traceback's locals or a log
    checks: str | None = None
    seed: int = 0
    max_examples: int = 25
    workers: int = 1
    timeout: float = 10.0
    schemathesis_time_limit: float = 120.0
    run_id: str | None = None
    #: Serve the run's own registry and write its URL instead of example hosts (see registry_stub).
    registry_stub: bool = True
    #: The suite started the target itself (``ccr-contract conformance`` without ``--base-url``):
    #: billed operations (x-bce-billed) may be called only then (see plan.py).
    embedded: bool = False
    #: Operation ids selected by --include/--exclude-operation-id, --tag, --path (None: all).
    operations: frozenset[str] | None = None
    #: The Enterprise instance to work in (--instance-id); None: the first one ListInstances answers.
    instance_id: str | None = None
    #: Run only safe methods (GET) and the auth checks; create, change and delete nothing (--read-only).
    read_only: bool = False
    #: Existing namespace / repository to read images and charts from (--project, --repository).
    project: str | None = None
    repository: str | None = None
    #: Stop after this many failures (--max-failures); None: never.
    max_failures: int | None = None
    #: At most this many requests per second to the target (--rate-limit); None: unlimited.
    rate_limit: float | None = None
    #: Sent with every request, schemathesis's too (-H; see Target.use_headers).
    extra_headers: dict[str, str] = field(default_factory=dict)
    #: Called with one redacted line per exchange as it completes (--verbose); None: silent.
    on_exchange: Callable[[str], None] | None = None


@dataclass
class SuiteRun:
    options: SuiteOptions
    selected: list[str]
    results: Results
    target: Target
    workspace: Workspace
    elapsed: float = 0.0
    cleanup_problems: list[str] = field(default_factory=list)
    #: Set when the preflight showed nothing else is worth running (unreachable, wrong keys, 404s).
    fatal: str | None = None
    #: The run's own registry, whose URL every registry body the run wrote carried.
    registry: RegistryStub | None = None

    @property
    def ok(self) -> bool:
        return self.results.ok

    @property
    def request_count(self) -> int:
        return self.target.request_count + self.results.request_count

    @property
    def catalogue(self) -> catalogue_module.Catalogue:
        """The catalogue the report writers read titles and rules from (a proxy run brings its own)."""
        return catalogue_module.load()


def planned_phases(checks: str | None) -> list[str]:
    """The phases :func:`run_suite` announces for a ``--checks`` selection, in order."""
    chosen = set(catalogue_module.load().select(checks))
    phases = ["preflight"]
    phases += [name for name, module in FAMILIES if chosen & set(_family_ids(module))]
    if chosen & (ENGINE_CHECKS | OBSERVED_CHECKS):
        phases.append("schemathesis")
    return [*phases, "cleanup"]


@dataclass(frozen=True)
class RunPlan:
    """What a run would exercise, decided before anything is sent (``--dry-run`` prints it)."""

    #: The run's view of the contract (``contract.full`` is the whole one).
    contract: Contract
    scope: RunScope
    #: Selected check id -> None when it will run, else why the run's settings rule it out.
    checks: dict[str, str | None]
    phases: list[str]


def plan_run(options: SuiteOptions) -> RunPlan:
    """The operations and checks a run of ``options`` exercises, with the reason for each one left
    out.  Sends nothing.  Raises :class:`SelectionError` when the selection leaves no operation."""
    catalogue = catalogue_module.load()
    selected = catalogue.select(options.checks)
    full = Contract()
    scope = RunScope.build(
        (op.operation_id for op in full.operations),
        selected=options.operations,
        ruled_out=not_applicable(full.spec, embedded=options.embedded),
        read_only=options.read_only,
        is_read={op.operation_id: full.is_read(op) for op in full.operations},
    )
    contract = full.scoped(scope)
    if not contract.operations:
        reasons = sorted({scope.excluded[op_id] for op_id in options.operations or ()} - {NOT_SELECTED})
        raise SelectionError(
            "the selected operations are all ruled out on this target: " + "; ".join(reasons or [NOT_SELECTED])
        )
    writing = {c for _, module in FAMILIES if module not in READ_ONLY_FAMILIES for c in _family_ids(module)}
    checks: dict[str, str | None] = {}
    for check_id in selected:
        if options.read_only and check_id in writing:
            checks[check_id] = "--read-only (this family creates or changes items)"
        else:
            checks[check_id] = None
    return RunPlan(contract, scope, checks, planned_phases(options.checks))


def _family_ids(module: ModuleType) -> tuple[str, ...]:
    return tuple(getattr(module, "CHECK_IDS", ()))


def run_suite(options: SuiteOptions, progress: Progress | None = None) -> SuiteRun:
    """Run the suite; raises only :class:`ccr_conformance.catalogue.CatalogueError` for a bad selection
    and ``ValueError`` for a bad base URL (both usage errors)."""
    say = progress or (lambda _event: None)
    planned = plan_run(options)
    selected, full, scope, contract = list(planned.checks), planned.contract.full, planned.scope, planned.contract
    target = Target(options.base_url, options.access_key, options.secret_key, timeout=options.timeout)
    if options.rate_limit:
        target.rate_limit = options.rate_limit
    target.use_headers(options.extra_headers)
    target.tap = options.on_exchange
    settings = FixtureSettings(
        embedded=options.embedded,
        read_only=options.read_only,
        instance_id=options.instance_id,
        project=options.project,
        repository=options.repository,
    )
    workspace = Workspace(target, full, options.run_id, scope=scope, settings=settings)
    target.redactor.add(workspace.marker)
    target.redactor.add_pattern(workspace.marker + r"[0-9a-fZ]*")
    stub = RegistryStub.for_target(options.base_url) if options.registry_stub else None
    workspace.registry_url = stub.url if stub is not None else None
    results = Results(selected)
    settings = Settings(
        seed=options.seed, max_examples=options.max_examples, workers=options.workers, timeout=options.timeout
    )
    ctx = Context(target, contract, workspace, results, settings)
    target.observers += [lambda ex: structure.observe(ctx, ex), lambda ex: secrets.observe(ctx, ex)]
    if ctx.wants("STATE-006") and not options.read_only:
        stateful.watch_write_statuses(ctx)  # every write the suite sends, from the first family on
    run = SuiteRun(options, selected, results, target, workspace, registry=stub)
    started = time.monotonic()
    chosen = set(selected)
    try:
        say(PhaseStarted("preflight"))
        run.fatal = _preflight(ctx)
        if run.fatal:
            return run
        for name, module in FAMILIES:
            if _enough_failures(options, results, chosen):
                break
            if options.read_only and module not in READ_ONLY_FAMILIES:
                for check_id in set(_family_ids(module)) & chosen:
                    results.not_applicable(check_id, "--read-only (this family creates or changes items)")
                continue
            ids = set(_family_ids(module)) & chosen
            if module is structure:
                ids = chosen & set(structure.CHECK_IDS)
            if not ids:
                continue
            say(PhaseStarted(name))
            try:
                module.run(ctx)
            except FixtureError as exc:  # not a suite bug: the server (or the run's settings) gave no fixture
                for check_id in ids:
                    record_fixture_error(results, check_id, exc)
            except Exception as exc:  # a suite bug: report it against the family, keep going
                where = traceback.extract_tb(exc.__traceback__)[-1]
                place = f"{where.filename.rsplit('/', 1)[-1]}:{where.lineno}"
                message = f"the suite failed while running {name}: {type(exc).__name__}: {exc} ({place})"
                for check_id in ids:
                    results.failed(check_id, RUN_SCOPE, message)
        if chosen & (ENGINE_CHECKS | OBSERVED_CHECKS) and not _enough_failures(options, results, chosen):
            if target.broken_transport:
                # schemathesis reads whole bodies and waits out every timeout: do not unleash it on a
                # server that already hangs, resets or floods.
                for check_id in chosen & ENGINE_CHECKS:
                    results.failed(
                        check_id, RUN_SCOPE, f"not run: the server fails at the transport level ({target.last_failure})"
                    )
            else:
                say(PhaseStarted("schemathesis"))
                skip = target.broken_operations
                for operation in sorted(skip):
                    for check_id in chosen & ENGINE_CHECKS:
                        results.failed(
                            check_id,
                            operation,
                            f"not run: this operation fails at the transport level ({target.last_failure})",
                        )
                run_schemathesis(
                    ctx, chosen, time_limit=options.schemathesis_time_limit, on_event=say, skip_operations=skip
                )
    finally:
        say(PhaseStarted("cleanup"))
        try:
            # A failed preflight created nothing; sweeping would only wait out more timeouts.
            run.cleanup_problems = workspace.cleanup() if not run.fatal or workspace.created else []
        except Exception as exc:
            run.cleanup_problems = [f"cleanup failed: {type(exc).__name__}: {exc}"]
        target.close()
        if stub is not None:
            stub.close()
        run.elapsed = time.monotonic() - started
    for check_id in selected:
        result = results[check_id]
        if result.status.value != "not run":
            continue
        if scope.narrowed and not result.findings and not run.fatal and not _stopped_early(options, results):
            # The user's filters (or --read-only) left this check nothing to exercise: that is the
            # run's choice, not a gap in the server or the suite.
            results.not_applicable(check_id, f"nothing in this run's selection exercises it ({_narrowing(options)})")
        elif not result.note:
            results.note(check_id, "no request exercised this check")
    return run


def _narrowing(options: SuiteOptions) -> str:
    parts = []
    if options.operations is not None:
        parts.append(f"{len(options.operations)} selected operation(s)")
    if options.read_only:
        parts.append("--read-only")
    return ", ".join(parts)


def _stopped_early(options: SuiteOptions, results: Results) -> bool:
    return options.max_failures is not None and results.failure_count() >= options.max_failures


def _enough_failures(options: SuiteOptions, results: Results, chosen: set[str]) -> bool:
    """``--max-failures N`` reached: the checks not run yet say why (checked between families)."""
    limit = options.max_failures
    if limit is None or results.failure_count() < limit:
        return False
    for check_id in chosen:
        if results[check_id].status.value == "not run":
            results.note(check_id, f"not run: --max-failures {limit} reached")
    return True


def preflight_operation(contract: Contract) -> Operation | None:
    """The request that shows whether a target is worth testing: a list that needs no ids, of the
    edition the run exercises (ListInstances for Enterprise operations, the Personal Edition's
    first list otherwise), read through the whole contract, so a filter that selects only
    operations with ids, or only writes, still starts with a harmless GET."""
    full = contract.full
    enterprise = any(contract.is_enterprise(op) for op in contract.operations) or not contract.operations
    candidates = [
        op
        for op in full.operations
        if full.is_list(op)
        and not any(p.get("required") or p.get("in") == "path" for p in op.parameters)
        and full.is_enterprise(op) == enterprise
    ]
    in_scope = [op for op in candidates if op.operation_id in contract.by_id]
    return (in_scope or candidates or [None])[0]


def _preflight(ctx: Context) -> str | None:
    """One signed GET of a list that needs no ids (:func:`preflight_operation`).  None when it is
    answered 2xx; otherwise one sentence saying why nothing else is worth running (every check is
    failed with it): a server that cannot be reached, rejects the key pair, or answers 404 to
    everything (a wrong base URL)."""
    op = preflight_operation(ctx.contract)
    if op is None:
        return None
    req = ctx.contract.build(op)
    exchange = ctx.target.send(req.method, req.path, query=req.query, operation=op.operation_id)
    if exchange.status is not None and 200 <= exchange.status < 300 and not exchange.error:
        return None
    if exchange.truncated:  # it answers, but floods: let the checks report it; schemathesis stays off
        ctx.target.flooded = True
        return None
    what = f"the signed preflight {req.method} {req.path}"
    if exchange.status is None:
        message = f"cannot reach {ctx.target.base_url}: {exchange.error}"
    else:
        data, problem = parse_json(exchange)
        code = data.get("code") if isinstance(data, dict) and isinstance(data.get("code"), str) else None
        shown = f"{exchange.status} {code}" if code else f"{exchange.status} ({problem or 'no BCE error code'})"
        if exchange.status in (401, 403):
            message = f"the server rejected {what}: {shown} — check --ak/--sk"
        elif exchange.status == 404:
            message = f"the server answered {what} with {shown} — is --base-url the API root?"
        else:
            message = f"the server answered {what} with {shown}, expected 2xx"
        if exchange.error:
            message += f" ({exchange.error})"
    for check_id in ctx.results.selected:
        ctx.results.failed(check_id, RUN_SCOPE, message, exchange)
    return message
