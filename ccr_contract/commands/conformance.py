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
    parser.add_argument("--seed", type=int, default=0, help="seed for hypothesis and schemathesis (default 0)")
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

        parts = urlsplit(args.base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise UsageError(f"--base-url must be an absolute http(s) URL: {args.base_url!r}")
        if not ak or not sk:
            raise UsageError("--base-url needs --ak and --sk (or env CCR_AK and CCR_SK)")
    elif args.ak or args.sk:
        raise UsageError("--ak/--sk only make sense with --base-url")
    return ak, sk


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
    _print_summary(suite, where)
    if args.report:
        from ccr_conformance.report import write_reports

        try:
            paths = write_reports(suite, Path(args.report))
        except OSError as exc:
            raise CommandFailed(f"could not write the report to {args.report}: {exc}") from None
        print(f"reports: {', '.join(str(p) for p in paths)}")
    return 0 if suite.ok else 1


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
