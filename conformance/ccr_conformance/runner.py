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
    schema,
    secrets,
    signing_properties,
    stateful,
    structure,
)
from ccr_conformance.contract import Contract
from ccr_conformance.results import RUN_SCOPE, Results
from ccr_conformance.schemathesis_run import ENGINE_CHECKS, OBSERVED_CHECKS, run_schemathesis
from ccr_conformance.target import Target, parse_json
from ccr_conformance.workspace import Workspace

#: The suite's own families, in the order they run (cheap and independent first).
FAMILIES: tuple[tuple[str, ModuleType], ...] = (
    ("auth", auth),
    ("structure", structure),
    ("secrets", secrets),
    ("examples", schema),
    ("stateful", stateful),
    ("pagination", pagination),
    ("signing properties", signing_properties),
)

Progress = Callable[[str], None]


@dataclass
class SuiteOptions:
    base_url: str
    access_key: str
    secret_key: str
    checks: str | None = None
    seed: int = 0
    max_examples: int = 25
    workers: int = 1
    timeout: float = 10.0
    schemathesis_time_limit: float = 120.0
    run_id: str | None = None


@dataclass
class SuiteRun:
    options: SuiteOptions
    selected: list[str]
    results: Results
    target: Target
    workspace: Workspace
    elapsed: float = 0.0
    cleanup_problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.results.ok

    @property
    def request_count(self) -> int:
        return self.target.request_count + self.results.request_count


def _family_ids(module: ModuleType) -> tuple[str, ...]:
    return tuple(getattr(module, "CHECK_IDS", ()))


def run_suite(options: SuiteOptions, progress: Progress | None = None) -> SuiteRun:
    """Run the suite; raises only :class:`ccr_conformance.catalogue.CatalogueError` for a bad selection
    and ``ValueError`` for a bad base URL (both usage errors)."""
    say = progress or (lambda _text: None)
    selected = catalogue_module.load().select(options.checks)
    contract = Contract()
    target = Target(options.base_url, options.access_key, options.secret_key, timeout=options.timeout)
    workspace = Workspace(target, contract, options.run_id)
    target.redactor.add(workspace.marker)
    target.redactor.add_pattern(workspace.marker + r"[0-9a-f]*")
    results = Results(selected)
    settings = Settings(
        seed=options.seed, max_examples=options.max_examples, workers=options.workers, timeout=options.timeout
    )
    ctx = Context(target, contract, workspace, results, settings)
    target.observers += [lambda ex: structure.observe(ctx, ex), lambda ex: secrets.observe(ctx, ex)]
    run = SuiteRun(options, selected, results, target, workspace)
    started = time.monotonic()
    chosen = set(selected)
    try:
        say("preflight")
        if not _preflight(ctx):
            return run
        for name, module in FAMILIES:
            ids = set(_family_ids(module)) & chosen
            if module is structure:
                ids = chosen & set(structure.CHECK_IDS)
            if not ids:
                continue
            say(name)
            try:
                module.run(ctx)
            except Exception as exc:  # a suite bug: report it against the family, keep going
                where = traceback.extract_tb(exc.__traceback__)[-1]
                place = f"{where.filename.rsplit('/', 1)[-1]}:{where.lineno}"
                message = f"the suite failed while running {name}: {type(exc).__name__}: {exc} ({place})"
                for check_id in ids:
                    results.failed(check_id, RUN_SCOPE, message)
        if chosen & (ENGINE_CHECKS | OBSERVED_CHECKS):
            if target.broken_transport:
                # schemathesis reads whole bodies and waits out every timeout: do not unleash it on a
                # server that already hangs, resets or floods.
                for check_id in chosen & ENGINE_CHECKS:
                    results.failed(
                        check_id, RUN_SCOPE, f"not run: the server fails at the transport level ({target.last_failure})"
                    )
            else:
                say("schemathesis")
                run_schemathesis(ctx, chosen, time_limit=options.schemathesis_time_limit, on_event=say)
    finally:
        say("cleanup")
        try:
            run.cleanup_problems = workspace.cleanup()
        except Exception as exc:
            run.cleanup_problems = [f"cleanup failed: {type(exc).__name__}: {exc}"]
        target.close()
        run.elapsed = time.monotonic() - started
    for check_id in selected:
        if results[check_id].status.value == "not run" and not results[check_id].note:
            results.note(check_id, "no request exercised this check")
    return run


def _preflight(ctx: Context) -> bool:
    """One signed request to the first list operation; False (every check failed) if nothing answers."""
    op = next(
        (
            o
            for o in ctx.contract.operations
            if ctx.contract.is_list(o) and not any(p.get("required") for p in o.parameters)
        ),
        None,
    )
    op = op or ctx.contract.operations[0]
    req = ctx.contract.build(op)
    exchange = ctx.target.send(req.method, req.path, query=req.query, operation=op.operation_id)
    if exchange.status is not None and not exchange.error:
        return True
    if exchange.truncated:  # it answers, but floods: let the checks report it; schemathesis stays off
        ctx.target.broken_transport = True
        return True
    _, problem = parse_json(exchange)
    message = f"the server did not answer a signed {req.method} {req.path}: {exchange.error or problem}"
    for check_id in ctx.results.selected:
        ctx.results.failed(check_id, RUN_SCOPE, message, exchange)
    return False
