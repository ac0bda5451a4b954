"""``ccr-contract conformance``: check a CCR server against the contract, over HTTP.

With no ``--base-url`` it starts the reference server in-process on loopback with fresh random
credentials and tests it over HTTP (the README's main command).  Exit 0 if and only if every
selected check passes; 1 when a check fails; 2 for a usage error (one line).
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path

from ccr_contract.cli import CommandFailed, UsageError

DEFAULT_MAX_EXAMPLES = 10
DEFAULT_TIMEOUT = 10.0
#: Embedded server: executions stay InProgress long enough for STATE-005 to stop one.
EMBEDDED_EXECUTION_SECONDS = 30.0
EMBEDDED_PROBE_TIMEOUT = 0.5


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--base-url", help="server to test (default: start the reference server on loopback)")
    parser.add_argument("--ak", help="access key id for --base-url (or env CCR_AK)")
    parser.add_argument("--sk", help="secret access key for --base-url (or env CCR_SK; never printed)")
    parser.add_argument("--report", metavar="DIR", help="write JUnit XML, Markdown, HTML and failing exchanges here")
    parser.add_argument("--seed", default="0", help="seed for hypothesis and schemathesis (default 0)")
    parser.add_argument(
        "--max-examples",
        type=int,
        default=DEFAULT_MAX_EXAMPLES,
        help=f"examples per operation and phase (default {DEFAULT_MAX_EXAMPLES})",
    )
    parser.add_argument(
        "--checks", metavar="IDS", help="comma-separated check ids, families or prefixes (default: all)"
    )
    parser.add_argument("--workers", type=int, default=1, help="schemathesis workers (default 1)")
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help=f"per-request timeout in seconds (default {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument("--list", action="store_true", help="list the catalogue and exit")


def _validate(args: argparse.Namespace) -> tuple[str | None, str | None]:
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
    ak = args.ak or os.environ.get("CCR_AK")
    sk = args.sk or os.environ.get("CCR_SK")
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
    elif args.ak or args.sk:
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


def run(args: argparse.Namespace) -> int:
    from ccr_conformance import catalogue as catalogue_module

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
    ak, sk = _validate(args)
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
    )
    where = "the embedded reference server" if embedded else base_url
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]conformance[/bold] {task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task(f"against {where}")
        try:
            suite = run_suite(options, progress=lambda text: progress.update(task, description=f"{where}: {text}"))
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
        style = {"passed": "green", "failed": "bold red"}.get(row["status"], "yellow")
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
    verdict = "[green]PASS[/green]" if suite.ok else "[bold red]FAIL[/bold red]"
    failed_ids = [r.check_id for r in suite.results.all() if r.status.value != "passed"]
    out.print(
        f"{verdict}: {passed}/{len(suite.selected)} checks passed, "
        f"{suite.request_count} requests, {suite.elapsed:.1f} s"
        + (f"; failing: {', '.join(failed_ids)}" if failed_ids else "")
    )
    for problem in suite.cleanup_problems:
        out.print(f"[yellow]cleanup:[/yellow] {suite.target.redactor.text(problem)}")
