"""``ccr-contract conformance``: check a CCR server against the contract, over HTTP.

With no ``--base-url`` it starts the reference server in-process on loopback with fresh random
credentials and tests it over HTTP (the README's main command).  Exit 0 if and only if every
selected check passes; 1 when a check fails; 2 for a usage error (one line).

Every flag can also come from a config file (``ccr_conformance.config``: ``--config FILE``,
``./ccr-contract.toml`` or ``[tool.ccr-contract]`` in ``./pyproject.toml``); the command line wins.
Operation filters are resolved against the spec here (``ccr_conformance.selection``).
``ccr-contract conformance replay REPORT_DIR --failure N`` re-sends one failure of a report
(``ccr_conformance.replay``).

Progress goes to stderr: a live line on a terminal, plain ``[i/n] phase`` lines (flushed) otherwise,
so CI logs show where a run is; ``--quiet`` turns it off.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from ccr_conformance.progress import ProgressEvent, StepStarted

from ccr_cli.main import CommandFailed, UsageError

DEFAULT_MAX_EXAMPLES = 10
DEFAULT_TIMEOUT = 10.0
#: Embedded server: executions stay InProgress long enough for STATE-005 to stop one.
EMBEDDED_EXECUTION_SECONDS = 30.0
EMBEDDED_PROBE_TIMEOUT = 0.5
#: Built-in defaults, applied after the command line and the config file (flags default to None so
#: that "not given" can be told apart from "given the default value").
DEFAULTS: dict[str, Any] = {
    "seed": "0",
    "max_examples": DEFAULT_MAX_EXAMPLES,
    "workers": 1,
    "timeout": DEFAULT_TIMEOUT,
    "read_only": False,
    "quiet": False,
    "verbose": False,
    "list": False,
    "dry_run": False,
}
#: Non-TTY progress: a schemathesis "done/total" counter is printed every this many operations.
PROGRESS_EVERY = 10
#: ... or when this many seconds passed since the last line.
PROGRESS_SECONDS = 15.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--base-url", help="server to test (default: start the reference server on loopback)")
    parser.add_argument("--ak", help="access key id for --base-url (or env CCR_AK)")
    parser.add_argument("--sk", help="secret access key for --base-url (or env CCR_SK; never printed)")
    parser.add_argument("--report", metavar="DIR", help="write JUnit XML, Markdown, HTML and failing exchanges here")
    parser.add_argument("--seed", help="seed for hypothesis and schemathesis (default 0)")
    parser.add_argument(
        "--max-examples", type=int, help=f"examples per operation and phase (default {DEFAULT_MAX_EXAMPLES})"
    )
    parser.add_argument(
        "--checks", metavar="IDS", help="comma-separated check ids, families or prefixes (default: all)"
    )
    parser.add_argument("--workers", type=int, help="schemathesis workers (default 1)")
    parser.add_argument("--timeout", type=float, help=f"per-request timeout in seconds (default {DEFAULT_TIMEOUT:g})")
    filters = parser.add_argument_group("operation filters (like schemathesis run; repeatable)")
    filters.add_argument(
        "--include-operation-id", action="append", metavar="ID", help="test this operationId (repeatable)"
    )
    filters.add_argument(
        "--exclude-operation-id", action="append", metavar="ID", help="do not test this operationId (repeatable)"
    )
    filters.add_argument("--tag", action="append", metavar="TAG", help="test operations with this tag (repeatable)")
    filters.add_argument(
        "--path",
        action="append",
        metavar="REGEX",
        help="test operations whose path template matches this regular expression whole (an exact path "
        "matches itself; repeatable)",
    )
    account = parser.add_argument_group("a real account")
    account.add_argument("--instance-id", metavar="ID", help="the Enterprise instance to work in")
    account.add_argument(
        "--read-only", action="store_true", default=None, help="send only safe methods (and the auth checks)"
    )
    account.add_argument(
        "--project", metavar="NAME", help="existing project (namespace) to read images and charts from"
    )
    account.add_argument("--repository", metavar="NAME", help="existing repository to read images and charts from")
    run_group = parser.add_argument_group("run")
    run_group.add_argument("--max-failures", type=int, metavar="N", help="stop after N failures")
    run_group.add_argument(
        "--rate-limit", type=float, metavar="R", help="send at most R requests per second to the server"
    )
    run_group.add_argument(
        "--config",
        metavar="FILE",
        help="read flags from this TOML file (default: ./ccr-contract.toml, else [tool.ccr-contract] in "
        "./pyproject.toml); the command line wins",
    )
    run_group.add_argument("--quiet", action="store_true", default=None, help="no progress on stderr")
    run_group.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=None,
        help="print each exchange on stderr as it completes (method, path, status, time; redacted)",
    )
    run_group.add_argument(
        "-H",
        "--header",
        action="append",
        metavar="NAME:VALUE",
        help="send this header with every request (repeatable; not signed; secret-looking values are redacted)",
    )
    parser.add_argument("--list", action="store_true", default=None, help="list the catalogue and exit")
    parser.add_argument(
        "--dry-run",
        action="store_true",
        default=None,
        help="print the operations and checks this run would exercise (and why any is left out); send nothing",
    )
    parser.set_defaults(_conformance_parser=parser, conformance_command=None)
    sub = parser.add_subparsers(dest="conformance_command", metavar="{replay}", parser_class=type(parser))
    replay = sub.add_parser(
        "replay",
        help="re-send one failure of a report and judge its rule again",
        description="Re-send one failing request from a --report folder (signed afresh; reports hold no "
        "secrets), print the new answer and whether the check's rule still fails. Without --failure, "
        "--check or --operation: list the report's failures. Exit 0 the rule holds, 1 it still fails, "
        "2 usage error or not replayable, 3 the answer changed but one exchange cannot decide.",
    )
    replay.add_argument("report_dir", metavar="REPORT_DIR", help="the folder given to --report (or its failures.json)")
    replay.add_argument("--failure", type=int, metavar="N", dest="replay_failure", help="failure N of failures.json")
    replay.add_argument("--check", metavar="ID", dest="replay_check", help="the first failure of this check")
    replay.add_argument("--operation", metavar="OP", dest="replay_operation", help="... on this operationId")
    replay.add_argument(
        "--base-url",
        dest="replay_base_url",
        metavar="URL",
        help="send to this server (default: the run's; embedded runs: a fresh one)",
    )
    replay.add_argument("--ak", dest="replay_ak", metavar="AK", help="access key id (or env CCR_AK)")
    replay.add_argument("--sk", dest="replay_sk", metavar="SK", help="secret access key (or env CCR_SK; never printed)")
    replay.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        dest="replay_timeout",
        metavar="S",
        help="request timeout in seconds",
    )
    replay.add_argument(
        "--allow-write", action="store_true", dest="replay_allow_write", help="send a request that changes state"
    )
    replay.add_argument(
        "-H",
        "--header",
        action="append",
        dest="replay_header",
        metavar="NAME:VALUE",
        help="send this header too, replacing a recorded one of that name (repeatable)",
    )
    replay.add_argument("--spec", metavar="PATH", default=argparse.SUPPRESS, help="OpenAPI document to use")


def _validate(args: argparse.Namespace, config_values: dict[str, Any] | None = None) -> tuple[str | None, str | None]:
    config_values = config_values or {}
    try:
        args.seed = int(args.seed)
    except (TypeError, ValueError):
        raise UsageError(f"--seed must be an integer: {args.seed!r}") from None
    if args.max_examples < 1:
        raise UsageError("--max-examples must be at least 1")
    if args.workers < 1 or args.workers > 16:
        raise UsageError("--workers must be between 1 and 16")
    if not 0 < args.timeout <= 600:
        raise UsageError("--timeout must be between 0 and 600 seconds")
    if args.max_failures is not None and args.max_failures < 1:
        raise UsageError("--max-failures must be at least 1")
    if args.rate_limit is not None and not 0 < args.rate_limit <= 10000:
        raise UsageError("--rate-limit must be between 0 and 10000 requests per second")
    for flag in ("instance_id", "project", "repository"):
        value = getattr(args, flag)
        if value is not None and not value.strip():
            raise UsageError(f"--{flag.replace('_', '-')} must not be empty")
    # Command line, then environment, then config file.
    ak = args.ak or os.environ.get("CCR_AK") or config_values.get("ak")
    sk = args.sk or os.environ.get("CCR_SK") or config_values.get("sk")
    if args.base_url:
        from urllib.parse import urlsplit

        try:
            parts = urlsplit(args.base_url)
            parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
        except ValueError as exc:
            raise UsageError(f"--base-url is not a valid URL ({exc}): {args.base_url!r}") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UsageError(f"--base-url must be an absolute http(s) URL: {args.base_url!r}")
        if not ak or not sk:
            raise UsageError("--base-url needs --ak and --sk (or env CCR_AK and CCR_SK)")
    elif args.ak or args.sk or config_values.get("ak") or config_values.get("sk"):
        raise UsageError("--ak/--sk only make sense with --base-url")
    if args.report:
        _check_writable(Path(args.report))
    args.workers = _safe_workers(args.workers)
    return ak, sk


def _check_writable(directory: Path) -> None:
    """Fail before a run of minutes, not after it, when the report cannot be written."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        probe = directory / f".ccrconf-write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise UsageError(f"--report {directory}: not a writable directory ({exc.strerror or exc})") from None


def _safe_workers(workers: int) -> int:
    """CPython 3.11.7 (gh-106905) can fail with "AST constructor recursion depth mismatch" when
    schemathesis workers compile in threads; run one worker there rather than fail half the checks."""
    if workers > 1 and sys.version_info[:3] == (3, 11, 7):
        print("ccr-contract conformance: --workers capped to 1 on Python 3.11.7 (CPython gh-106905)", file=sys.stderr)
        return 1
    return workers


class _Terminated(KeyboardInterrupt):
    """SIGTERM (how CI cancels a job) handled like Ctrl-C: cleanup runs, exit 130."""


def _raise_interrupt(signum: int, frame: object) -> None:
    raise _Terminated()


def _apply_config(args: argparse.Namespace) -> dict[str, Any]:
    """Fill what the command line did not give from the config file, then the defaults; return the
    config's values (``ak``/``sk`` there rank below the environment, so they are not merged)."""
    from ccr_conformance import config as config_module

    options = config_module.options_from_parser(args._conformance_parser)
    try:
        loaded = config_module.load(args.config, options)
    except config_module.ConfigError as exc:
        raise UsageError(str(exc)) from None
    for warning in loaded.warnings:
        print(f"ccr-contract conformance: {warning}", file=sys.stderr)
    values = dict(loaded.values)
    credentials = {key: values.pop(key) for key in ("ak", "sk") if key in values}
    spec_from_config = values.get("spec") if getattr(args, "spec", None) is None else None
    config_module.merge(args, config_module.LoadedConfig(loaded.path, loaded.origin, values), DEFAULTS)
    if spec_from_config:
        from ccr_cli.main import spec_file_problem
        from ccr_contract import paths

        problem = spec_file_problem(Path(spec_from_config))
        if problem:
            raise UsageError(f"spec (from {loaded.origin}): {problem}")
        paths.set_spec_path(Path(spec_from_config))
    return credentials


def _select_operations(args: argparse.Namespace) -> frozenset[str] | None:
    from ccr_conformance.selection import SelectionError, select_operations

    from ccr_contract.spec import SpecError

    try:
        return select_operations(args.include_operation_id, args.exclude_operation_id, args.tag, args.path)
    except (SelectionError, SpecError) as exc:
        raise UsageError(str(exc)) from None


def _extra_headers(texts: list[str] | None) -> dict[str, str]:
    from ccr_conformance.target import parse_headers

    try:
        return parse_headers(texts)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def exchange_printer(err: Any) -> Any:
    """``--verbose``: one line per exchange through the stderr console, which prints above rich's
    live progress line on a terminal and as a plain line in a log (whole lines, from any thread)."""
    import threading

    lock = threading.Lock()

    def show(line: str) -> None:
        with lock:
            err.print(line, markup=False, highlight=False, soft_wrap=True)

    return show


def run(args: argparse.Namespace) -> int:
    if getattr(args, "conformance_command", None) == "replay":
        return _run_replay(args)
    from ccr_conformance import catalogue as catalogue_module

    credentials = _apply_config(args)
    try:
        cat = catalogue_module.load()
        if args.list:
            for check in cat.checks:
                if not check.retired:
                    print(f"{check.id}\t{check.family}\t{check.title}")
            return 0
        cat.select(args.checks)
    except catalogue_module.CatalogueError as exc:
        raise UsageError(str(exc)) from None
    args.operations = _select_operations(args)
    args.extra_headers = _extra_headers(args.header)
    ak, sk = _validate(args, credentials)
    import signal
    import threading

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        return _run(args, ak, sk)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _run(args: argparse.Namespace, ak: str | None, sk: str | None) -> int:
    if args.dry_run:
        return _dry_run(args)
    if args.base_url:
        return _run_against(args, args.base_url, ak or "", sk or "")
    try:
        from ccr_contract.server import create_app
    except ImportError as exc:
        raise CommandFailed(f"the reference server is not available ({exc}); pass --base-url") from None
    import logging

    from ccr_contract.liveserver import serve_in_thread

    # uvicorn logs every malformed request the negative cases send; the suite reports what matters.
    logging.getLogger("uvicorn.error").setLevel(logging.ERROR)
    ak = "ccrconf-" + secrets.token_hex(6)
    sk = secrets.token_hex(20)
    app = create_app(
        credentials={ak: sk}, execution_seconds=EMBEDDED_EXECUTION_SECONDS, probe_timeout=EMBEDDED_PROBE_TIMEOUT
    )
    try:
        with serve_in_thread(app) as base_url:
            return _run_against(args, base_url, ak, sk, embedded=True)
    except RuntimeError as exc:
        raise CommandFailed(f"could not start the reference server: {exc}") from None


def _dry_run(args: argparse.Namespace) -> int:
    """``--dry-run``: the run's plan from the spec and the flags alone (no server is started or asked)."""
    from ccr_conformance.runner import SuiteOptions, plan_run
    from ccr_conformance.selection import SelectionError

    embedded = not args.base_url
    options = SuiteOptions(
        base_url=args.base_url or "http://127.0.0.1",
        access_key="",
        secret_key="",
        checks=args.checks,
        embedded=embedded,
        operations=args.operations,
        read_only=bool(args.read_only),
    )
    try:
        plan = plan_run(options)
    except SelectionError as exc:
        raise UsageError(str(exc)) from None
    where = "the embedded reference server" if embedded else args.base_url
    full = plan.contract.full
    print(f"dry run against {where}: nothing is sent")
    print(f"operations: {len(plan.contract.operations)} of {len(full.operations)} exercised")
    left_out: dict[str, list[str]] = {}
    for op in full.operations:
        why = plan.scope.why_not(op.operation_id)
        if why is None:
            print(f"  run  {op.operation_id:<44} {op.method:<6} {op.path}")
        else:
            left_out.setdefault(why, []).append(op.operation_id)
    for why, names in left_out.items():
        shown = ", ".join(names) if len(names) <= 12 else ", ".join(names[:12]) + f", ... ({len(names) - 12} more)"
        print(f"  left out ({why}): {shown}")
    ruled_out = sum(1 for why in plan.checks.values() if why)
    print(f"checks: {len(plan.checks) - ruled_out} of {len(plan.checks)} run")
    for check_id, why in plan.checks.items():
        print(f"  {'run ' if why is None else 'n/a '} {check_id}" + (f"  (not applicable: {why})" if why else ""))
    print(f"phases: {' -> '.join(plan.phases)}")
    if plan.scope.narrowed:
        print("a check the selection leaves nothing to exercise is reported 'not applicable', not failed")
    return 0


def _run_against(args: argparse.Namespace, base_url: str, ak: str, sk: str, embedded: bool = False) -> int:
    from ccr_conformance.runner import SuiteOptions, run_suite
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    err = Console(stderr=True)
    options = SuiteOptions(
        base_url=base_url,
        access_key=ak,
        secret_key=sk,
        checks=args.checks,
        seed=args.seed,
        max_examples=args.max_examples,
        workers=args.workers,
        timeout=args.timeout,
        embedded=embedded,
        operations=args.operations,
        instance_id=args.instance_id,
        read_only=bool(args.read_only),
        project=args.project,
        repository=args.repository,
        max_failures=args.max_failures,
        rate_limit=args.rate_limit,
        extra_headers=args.extra_headers,
        on_exchange=exchange_printer(err) if args.verbose else None,
    )
    where = "the embedded reference server" if embedded else base_url
    phases = planned_phases(args.checks)
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]conformance[/bold] {task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=args.quiet or not err.is_terminal,
    ) as progress:
        task = progress.add_task(f"against {where}")
        if args.quiet:
            printer = None
        elif err.is_terminal:
            printer = PhaseCounter(phases, lambda line: progress.update(task, description=f"{where}: {line}"))
        else:
            printer = PhaseCounter(phases, plain_lines(sys.stderr), every=PROGRESS_EVERY)
            printer.emit(f"conformance against {where}: {len(phases)} phases")
        try:
            suite = run_suite(options, progress=printer)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    if suite.fatal:
        _write_reports(args, suite)
        raise CommandFailed(suite.target.redactor.text(suite.fatal))
    _print_summary(suite, where)
    _write_reports(args, suite)
    return 0 if suite.ok else 1


def _write_reports(args: argparse.Namespace, suite) -> None:  # type: ignore[no-untyped-def]
    if not args.report:
        return
    from ccr_conformance.report import write_reports

    try:
        paths = write_reports(suite, Path(args.report))
    except OSError as exc:
        raise CommandFailed(f"could not write the report to {args.report}: {exc}") from None
    print(f"reports: {', '.join(str(p) for p in paths)}")


def _print_summary(suite, where: str) -> None:  # type: ignore[no-untyped-def]
    from ccr_conformance.report import summary_rows
    from rich.console import Console
    from rich.table import Table

    out = Console(width=None if sys.stdout.isatty() else 160)
    table = Table(title=f"CCR conformance against {where}", show_lines=False)
    table.add_column("Check", no_wrap=True)
    table.add_column("Result", no_wrap=True)
    table.add_column("Ops", justify="right")
    table.add_column("First failure (Authorization and secrets redacted)")
    for row in summary_rows(suite):
        style = {"passed": "green", "failed": "bold red", "not applicable": "dim"}.get(row["status"], "yellow")
        fail = row["failure"]
        detail = ""
        if fail:
            detail = f"{fail['operation']}: {fail['message']}"
            if fail["curl"]:
                detail += f"\n{fail['curl']}"
        elif row["note"]:
            detail = row["note"]
        table.add_row(row["id"], f"[{style}]{row['status']}[/{style}]", str(len(row["operations"])), detail)
    out.print(table)
    passed = sum(1 for r in suite.results.all() if r.status.value == "passed")
    ruled_out = sum(1 for r in suite.results.all() if r.status.value == "not applicable")
    verdict = "[green]PASS[/green]" if suite.ok else "[bold red]FAIL[/bold red]"
    failed_ids = [r.check_id for r in suite.results.all() if r.status.value not in ("passed", "not applicable")]
    out.print(
        f"{verdict}: {passed}/{len(suite.selected)} checks passed, "
        + (f"{ruled_out} not applicable, " if ruled_out else "")
        + f"{suite.request_count} requests, {suite.elapsed:.1f} s"
        + (f"; failing: {', '.join(failed_ids)}" if failed_ids else ""),
        highlight=False,
    )
    from ccr_conformance.report import metadata_line, run_metadata

    out.print(f"run: {metadata_line(run_metadata(suite))}", highlight=False, markup=False)
    for problem in suite.cleanup_problems:
        out.print(f"[yellow]cleanup:[/yellow] {suite.target.redactor.text(problem)}")


# --------------------------------------------------------------------------- progress


def planned_phases(checks: str | None) -> list[str]:
    """The phases the runner will announce for this selection, in order (the runner's own plan)."""
    from ccr_conformance import runner

    try:
        return runner.planned_phases(checks)
    except Exception:  # a bad selection is reported by the run itself; count phases as they come
        return ["preflight", "cleanup"]


def plain_lines(stream: TextIO):  # type: ignore[no-untyped-def]
    def write(line: str) -> None:
        stream.write(line + "\n")
        stream.flush()

    return write


class PhaseCounter:
    """Renders the runner's progress events as counted lines: ``[3/9] auth (+1.2 s)``.

    A :class:`~ccr_conformance.progress.PhaseStarted` is counted against the planned phases (an
    unplanned one is added before ``cleanup``); a :class:`~ccr_conformance.progress.StepStarted`
    keeps its phase's number (``[9/11] schemathesis: examples``).  A step carrying a ``done/total``
    count is shown every ``every`` units, at its end, and at least every ``PROGRESS_SECONDS``, so a
    CI log gets a line per N operations, not per request.
    """

    def __init__(self, phases: list[str], emit, every: int = 1) -> None:  # type: ignore[no-untyped-def]
        self.phases = list(phases)
        self.emit = emit
        self.every = max(1, every)
        self.current = 0
        self.started = time.monotonic()
        self._last_count: dict[tuple[str, str], int] = {}
        self._last_time = 0.0

    def __call__(self, event: ProgressEvent) -> None:
        phase = event.phase
        if phase not in self.phases:
            at = len(self.phases) - 1 if self.phases and self.phases[-1] == "cleanup" else len(self.phases)
            self.phases.insert(at, phase)
        index = self.phases.index(phase) + 1
        self.current = max(self.current, index)
        now = time.monotonic()
        if isinstance(event, StepStarted) and event.done is not None and event.total:
            key = (event.phase, event.step)
            last = self._last_count.get(key)
            due = last is None or event.done >= event.total or event.done - last >= self.every
            if not due and now - self._last_time < PROGRESS_SECONDS:
                return
            self._last_count[key] = event.done
        self._last_time = now
        self.emit(f"[{index}/{len(self.phases)}] {event} (+{now - self.started:.1f} s)")


# --------------------------------------------------------------------------- replay


def _run_replay(args: argparse.Namespace) -> int:
    from ccr_conformance.replay import ReplayError, replay

    if args.replay_timeout is not None and not 0 < args.replay_timeout <= 600:
        raise UsageError("--timeout must be between 0 and 600 seconds")
    try:
        return replay(
            args.report_dir,
            number=args.replay_failure,
            check=args.replay_check,
            operation=args.replay_operation,
            base_url=args.replay_base_url,
            access_key=args.replay_ak or os.environ.get("CCR_AK"),
            secret_key=args.replay_sk or os.environ.get("CCR_SK"),
            timeout=args.replay_timeout,
            allow_write=args.replay_allow_write,
            headers=_extra_headers(args.replay_header),
            out=lambda line: print(line, flush=True),
        )
    except ReplayError as exc:
        raise UsageError(str(exc)) from None
