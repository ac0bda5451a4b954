"""Benchmark: the default conformance run beside a plain ``schemathesis run`` over the same spec and server.

Both target the same embedded reference server (fresh credentials, loopback, HTTP) with the same
example budget; requests are counted on the server side by one ASGI middleware, so the two counts
are comparable.  The plain run uses the project's hooks module only for signing (without it every
request would be a 401).  Target: the full suite covers every operation of the spec within 60 s
on a 2-core machine (issue 11); it prints seconds and requests per operation (operations = those
SCHEMA-001 covered in the run), and exits non-zero (``benchmarks/_guard.py``) over budget, when an
operation went uncovered, or when the suite failed.

    .venv/bin/python benchmarks/conformance.py [--quick] [--max-examples N] [--no-plain]

``--quick`` (CI) is ``--no-plain``: the guarded figures only, without the plain comparison run.
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _guard import Guard

REPO = Path(__file__).resolve().parent.parent
#: The default run's budget (issue 11): every operation in at most this many seconds.
TIME_BUDGET = 60.0


class Counter:
    """ASGI middleware counting HTTP requests."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.count = 0
        self._lock = threading.Lock()

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            with self._lock:
                self.count += 1
        await self.app(scope, receive, send)


def main() -> int:
    from ccr_conformance.runner import SuiteOptions, run_suite

    from ccr_cli.commands.conformance import DEFAULT_MAX_EXAMPLES, EMBEDDED_EXECUTION_SECONDS
    from ccr_contract.liveserver import serve_in_thread
    from ccr_contract.server import create_app

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=DEFAULT_MAX_EXAMPLES)
    parser.add_argument("--no-plain", action="store_true", help="skip the plain schemathesis comparison")
    parser.add_argument("--quick", action="store_true", help="CI mode: the guarded figures only (--no-plain)")
    args = parser.parse_args()
    args.no_plain = args.no_plain or args.quick
    guard = Guard("benchmarks/conformance.py" + (" --quick" if args.quick else ""))
    ak, sk = "ccrconf-bench-" + secrets.token_hex(4), secrets.token_hex(20)

    def server() -> tuple[Counter, Any]:
        app = Counter(create_app(credentials={ak: sk}, execution_seconds=EMBEDDED_EXECUTION_SECONDS, probe_timeout=0.5))
        return app, serve_in_thread(app)

    counter, ctx = server()
    with ctx as url:
        started = time.perf_counter()
        run = run_suite(SuiteOptions(url, ak, sk, max_examples=args.max_examples, embedded=True))
        suite_time = time.perf_counter() - started
        suite_requests = counter.count
    from ccr_contract.spec import operations

    spec_ops = {op.operation_id for op in operations(run.workspace.contract.spec)}
    covered = set(run.results["SCHEMA-001"].covered) & spec_ops if "SCHEMA-001" in run.selected else set()
    n_ops = max(1, len(covered))
    passed = sum(1 for r in run.results.all() if r.status.value == "passed")
    print(f"max-examples {args.max_examples}, {os.cpu_count()}-core loopback, embedded reference server")
    print(
        f"ccr-contract conformance : {suite_time:6.1f} s  {suite_requests:6d} requests  "
        f"{passed}/{len(run.selected)} checks passed  {len(covered)}/{len(spec_ops)} operations"
    )
    guard.check("default run (s)", suite_time, TIME_BUDGET, higher_is_better=False, unit=" s")
    guard.check("operations covered by SCHEMA-001", len(covered), len(spec_ops), unit="")
    guard.check("checks passed", passed, len(run.selected), unit="")
    guard.info("seconds per operation", f"{suite_time / n_ops:.3f} s")
    guard.info("requests per operation", f"{suite_requests / n_ops:.1f}")
    if args.no_plain:
        return guard.exit_status()
    plain_counter, ctx = server()
    with ctx as url:
        env = dict(os.environ, CCR_AK=ak, CCR_SK=sk, SCHEMATHESIS_HOOKS="ccr_conformance.hooks")
        command = [
            str(Path(sys.executable).with_name("schemathesis")),
            "run",
            str(REPO / "spec" / "ccr.openapi.yaml"),
            "--url",
            url,
            "-n",
            str(args.max_examples),
            "--seed",
            "0",
            "--no-color",
        ]
        started = time.perf_counter()
        proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, cwd=REPO)
        plain_time = time.perf_counter() - started
        plain_requests = plain_counter.count
    print(f"plain schemathesis run   : {plain_time:6.1f} s  {plain_requests:6d} requests  exit {proc.returncode}")
    print(
        f"ratio suite/plain        : {suite_time / plain_time:6.2f}x time  "
        f"{suite_requests / max(1, plain_requests):.2f}x requests"
    )
    return guard.exit_status()


if __name__ == "__main__":
    sys.exit(main())
