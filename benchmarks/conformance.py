"""Benchmark: the default conformance run beside a plain ``schemathesis run`` over the same spec and server.

Both target the same embedded reference server (fresh credentials, loopback, HTTP) with the same
example budget; requests are counted on the server side by one ASGI middleware, so the two counts
are comparable.  The plain run uses the project's hooks module only for signing (without it every
request would be a 401).  Target: the full suite within 60 s on a 2-core machine.

    .venv/bin/python benchmarks/conformance.py [--max-examples N]
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

REPO = Path(__file__).resolve().parent.parent


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

    from ccr_contract.commands.conformance import DEFAULT_MAX_EXAMPLES, EMBEDDED_EXECUTION_SECONDS
    from ccr_contract.liveserver import serve_in_thread
    from ccr_contract.server import create_app

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=DEFAULT_MAX_EXAMPLES)
    args = parser.parse_args()
    ak, sk = "ccrconf-bench-" + secrets.token_hex(4), secrets.token_hex(20)

    def server() -> tuple[Counter, Any]:
        app = Counter(create_app(credentials={ak: sk}, execution_seconds=EMBEDDED_EXECUTION_SECONDS, probe_timeout=0.5))
        return app, serve_in_thread(app)

    counter, ctx = server()
    with ctx as url:
        started = time.perf_counter()
        run = run_suite(SuiteOptions(url, ak, sk, max_examples=args.max_examples))
        suite_time = time.perf_counter() - started
        suite_requests = counter.count
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
    passed = sum(1 for r in run.results.all() if r.status.value == "passed")
    print(f"max-examples {args.max_examples}, 2-core loopback, embedded reference server")
    print(
        f"ccr-contract conformance : {suite_time:6.1f} s  {suite_requests:6d} requests  "
        f"{passed}/{len(run.selected)} checks passed"
    )
    print(f"plain schemathesis run   : {plain_time:6.1f} s  {plain_requests:6d} requests  exit {proc.returncode}")
    print(
        f"ratio suite/plain        : {suite_time / plain_time:6.2f}x time  "
        f"{suite_requests / max(1, plain_requests):.2f}x requests"
    )
    print(f"60 s target              : {'met' if suite_time <= 60 else 'MISSED'}")
    return 0 if run.ok else 1


if __name__ == "__main__":
    sys.exit(main())
