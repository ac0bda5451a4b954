"""What one signed list costs inside the server, with its memories and without them.

Run: ``.venv/bin/python benchmarks/request_cost.py [--quick]``.  Exit status from ``benchmarks/_guard.py``.

``benchmarks/server.py`` repeats one pre-signed request, so the server's memories all hit: the
store's remembered reads (kept until the next write), the parsed ``Authorization`` header and the
accepted parameters.  A client that never repeats a request pays for all of them every time.  This
script calls the reference server's ASGI app directly (no HTTP, no uvicorn) with the Enterprise list
``GET /v1/instances/ccr-4a5b6c7d/projects?pageNo=1&pageSize=10``, alternately as is and with every
memory dropped before each request, and prints both costs per request.

Target: the memories make a repeated request at least 1.5x cheaper (measured 2.6x when written): a
change that stops them from hitting fails this guard.  Process CPU time, GC paused, medians of
per-round ratios (as ``signing.py``), so the ratio holds on a busy machine.  The figures are printed
as ``info``; the HMAC, the projection onto the schema and the JSON encoding are done in both.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _guard import Guard, spread

from ccr_contract import signing
from ccr_contract.server import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, create_app

TARGET = "/v1/instances/ccr-4a5b6c7d/projects?pageNo=1&pageSize=10"
MIN_RATIO = 1.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds (CI)")
    args = parser.parse_args()
    rounds, n = (7, 300) if args.quick else (21, 1000)
    guard = Guard("benchmarks/request_cost.py" + (" --quick" if args.quick else ""))

    host = "127.0.0.1:8000"
    signed = signing.sign_request(
        "GET", TARGET, {"host": host}, DEMO_ACCESS_KEY, DEMO_SECRET_KEY, expiration=signing.MAX_EXPIRATION
    )
    path, _, query = TARGET.partition("?")
    headers = [
        (b"host", host.encode()),
        (b"authorization", signed.authorization.encode()),
        (b"x-bce-date", signed.headers["x-bce-date"].encode()),
    ]
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "headers": headers,
        "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.1", 5555),
        "root_path": "",
    }
    app = create_app()
    server = app.state.server
    statuses: list[int] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    def forget() -> None:
        """Every memory a new request would find empty (the route table's cache stays: it predates them)."""
        server.engine.items.forget_reads()
        signing._PARSED_AUTHORIZATIONS.clear()
        server.validator._accepted.clear()

    async def loop(count: int, fresh: bool) -> float:
        started = time.process_time()
        for _ in range(count):
            if fresh:
                forget()
            await app(dict(scope), receive, send)
        return (time.process_time() - started) / count

    runner = asyncio.new_event_loop()
    runner.run_until_complete(loop(50, False))
    if set(statuses) != {200}:
        guard.fail_invalid(f"the server answered {sorted(set(statuses))}, not 200: nothing valid to time")
        return guard.exit_status()
    remembered, fresh, ratios = [], [], []
    gc.disable()
    try:
        for _ in range(rounds):
            warm = runner.run_until_complete(loop(n, False))
            cold = runner.run_until_complete(loop(n, True))
            remembered.append(warm * 1e6)
            fresh.append(cold * 1e6)
            ratios.append(cold / warm)
    finally:
        gc.enable()
        runner.close()
    guard.info("as benchmarked (memories hit), us CPU per request", f"{statistics.median(remembered):.1f}")
    guard.info("every memory dropped first, us CPU per request", f"{statistics.median(fresh):.1f}")
    guard.info("per-round ratio", spread(ratios))
    guard.check("memories: dropped / as benchmarked", statistics.median(ratios), MIN_RATIO)
    return guard.exit_status()


if __name__ == "__main__":
    sys.exit(main())
