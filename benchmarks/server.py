"""Signed-request throughput and latency: the reference server vs Stoplight Prism, same requests, one run.

Run: ``.venv/bin/python benchmarks/server.py [--requests N] [--concurrency C] [--rounds R]``

Both servers run as their own processes on loopback (``ccr-contract mock`` under uvicorn, and
``prism mock spec/ccr.openapi.yaml`` from node_modules), so neither shares the client's
interpreter.  The client is a small asyncio HTTP/1.1 keep-alive client over raw sockets, fast
enough that it is not the bottleneck; it sends the same request mix to both:

* ``GET /v1/ccr/registries?pageNo=1&pageSize=10``
* ``POST /v1/ccr/registries`` (the seed's body: validated, stored)
* ``GET /v1/ccr/policies?pageNo=1&pageSize=10``
* ``GET /v1/ccr/executions?policyId=1&pageNo=1&pageSize=10``

Every request is signed with bce-auth-v1 for the target's ``Host`` (signatures are made before
timing and stay valid for 30 minutes).  Our server verifies each signature, validates against
the spec and reads/writes its store; Prism accepts any ``Authorization`` value and answers
examples, so it does strictly less work per request.  Every answer must be a 200 — a benchmark
of error answers would be meaningless — and the run aborts otherwise.

Our server runs twice: with its in-memory store, and with ``--db`` (a SQLite file in WAL mode with
``synchronous=FULL``, one fsync per write, the store's calls on a worker thread).  The ``--db`` mix
writes on one request in four, so its number shows the price of durable writes.

Rounds alternate between the servers so a busy machine slows all alike; the reported numbers
are the median round.  The ratios printed are our throughput / Prism's (target: >= 2).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ccr_contract.liveserver import free_port
from ccr_contract.paths import NODE_BIN, REPO_ROOT, SPEC_PATH
from ccr_contract.server import DEMO_ACCESS_KEY, DEMO_SECRET_KEY
from ccr_contract.signing import sign_request

REGISTRY = {
    "type": "docker-registry",
    "name": "test-registry",
    "description": "test description",
    "url": "http://hub.baidubce.com",
    "credential": {"accessKey": "username", "accessSecret": "password", "type": "basic"},
    "insecure": False,
}
POLICY = {
    "trigger": {"type": "manual"},
    "name": "test-policy",
    "description": "test",
    "srcRegistry": {"id": 1},
    "destProjectName": "public",
    "override": True,
    "filters": [{"type": "name", "value": "cce/image"}],
}
MIX: list[tuple[str, str, dict | None]] = [
    ("GET", "/v1/ccr/registries?pageNo=1&pageSize=10", None),
    ("POST", "/v1/ccr/registries", REGISTRY),
    ("GET", "/v1/ccr/policies?pageNo=1&pageSize=10", None),
    ("GET", "/v1/ccr/executions?policyId=1&pageNo=1&pageSize=10", None),
]


def build_request(host: str, method: str, target: str, body: dict | None) -> bytes:
    """One signed HTTP/1.1 request, as bytes."""
    payload = b"" if body is None else json.dumps(body).encode()
    signed = sign_request(method, target, {"host": host}, DEMO_ACCESS_KEY, DEMO_SECRET_KEY)
    lines = [
        f"{method} {target} HTTP/1.1",
        f"Host: {host}",
        f"Authorization: {signed.authorization}",
        f"x-bce-date: {signed.headers['x-bce-date']}",
        "Accept: application/json",
    ]
    if body is not None:
        lines += ["Content-Type: application/json", f"Content-Length: {len(payload)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


async def read_response(reader: asyncio.StreamReader) -> int:
    """Read one response (Content-Length or chunked); return its status."""
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    headers = {}
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        headers[name.strip().lower()] = value.strip()
    if b"content-length" in headers:
        await reader.readexactly(int(headers[b"content-length"]))
    elif headers.get(b"transfer-encoding", b"").lower() == b"chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip().split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


@dataclass
class Round:
    seconds: float
    latencies: list[float]
    statuses: dict[int, int]

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds


async def load(port: int, requests: list[bytes], total: int, concurrency: int) -> Round:
    """Send ``total`` requests over ``concurrency`` keep-alive connections."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    counter = iter(range(total))

    async def worker() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for n in counter:
                started = time.perf_counter()
                writer.write(requests[n % len(requests)])
                status = await read_response(reader)
                latencies.append(time.perf_counter() - started)
                statuses[status] = statuses.get(status, 0) + 1
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.wait_for(asyncio.gather(*(worker() for _ in range(concurrency))), timeout=300)
    return Round(time.perf_counter() - started, latencies, statuses)


def wait_port(port: int, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited early with status {proc.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"nothing listening on 127.0.0.1:{port} after {timeout:.0f}s")


def prism_label() -> str:
    """``prism <version>``, read from the installed package (not hard-coded)."""
    manifest = REPO_ROOT / "node_modules" / "@stoplight" / "prism-cli" / "package.json"
    try:
        return f"prism {json.loads(manifest.read_text())['version']}"
    except (OSError, ValueError, KeyError):
        return "prism (version unknown)"


def start_ours(port: int, db: Path | None = None) -> subprocess.Popen:
    cli = Path(sys.executable).with_name("ccr-contract")
    cmd = [str(cli), "mock", "--port", str(port), "--execution-seconds", "3600"]
    if db is not None:
        cmd += ["--db", str(db)]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def start_prism(port: int) -> subprocess.Popen:
    prism = NODE_BIN / "prism"
    if not prism.exists():
        raise SystemExit(f"Prism is not installed ({prism}); run `npm ci` first")
    cmd = [str(prism), "mock", str(SPEC_PATH), "-h", "127.0.0.1", "-p", str(port), "--errors", "false"]
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.Popen(
        cmd, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True
    )


def stop(proc: subprocess.Popen, *, group: bool = False) -> None:
    """Terminate a server we started (``group``: its whole process group, for Prism's node children)."""
    if proc.poll() is None:
        try:
            if group:
                os.killpg(proc.pid, signal.SIGTERM)
            else:
                proc.terminate()
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def seed_ours(port: int) -> None:
    """Registry 1, policy 1 and one execution, so every request of the mix is a 200 on our server."""
    host = f"127.0.0.1:{port}"
    setup = [
        build_request(host, "POST", "/v1/ccr/registries", REGISTRY),
        build_request(host, "POST", "/v1/ccr/policies", POLICY),
        build_request(host, "POST", "/v1/ccr/policies/1/start", None),
    ]
    result = asyncio.run(load(port, setup, len(setup), 1))
    if set(result.statuses) != {200}:
        raise SystemExit(f"could not seed the reference server: {result.statuses}")


def summarize(rounds: list[Round]) -> dict[str, float]:
    best = sorted(rounds, key=lambda r: r.throughput)[len(rounds) // 2]  # the median round
    ordered = sorted(best.latencies)
    return {
        "throughput": best.throughput,
        "p50_ms": ordered[len(ordered) // 2] * 1000,
        "p99_ms": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
        "requests": len(ordered),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests per round and server (default 2000)")
    parser.add_argument("--concurrency", type=int, default=8, help="keep-alive connections (default 8)")
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds per server (default 3)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    if not (0 < args.requests <= 50_000 and 0 < args.concurrency <= 64 and 0 < args.rounds <= 10):
        parser.error("keep it bounded: requests <= 50000, concurrency <= 64, rounds <= 10")

    prism_name = prism_label()
    ours_port, db_port, prism_port = free_port(), free_port(), free_port()
    with tempfile.TemporaryDirectory(prefix="ccr-bench-") as tmp:
        ours, ours_db = start_ours(ours_port), start_ours(db_port, Path(tmp) / "bench.db")
        prism = start_prism(prism_port)
        try:
            for port, proc in ((ours_port, ours), (db_port, ours_db), (prism_port, prism)):
                wait_port(port, proc)
            seed_ours(ours_port)
            seed_ours(db_port)
            targets = {
                "ccr-contract mock": (ours_port, [build_request(f"127.0.0.1:{ours_port}", *m) for m in MIX]),
                "mock --db (SQLite)": (db_port, [build_request(f"127.0.0.1:{db_port}", *m) for m in MIX]),
                prism_name: (prism_port, [build_request(f"127.0.0.1:{prism_port}", *m) for m in MIX]),
            }
            rounds: dict[str, list[Round]] = {name: [] for name in targets}
            for port, requests in targets.values():  # warm-up: JIT, caches, connection setup
                asyncio.run(load(port, requests, min(500, args.requests), args.concurrency))
            for _ in range(args.rounds):
                for name, (port, requests) in targets.items():
                    result = asyncio.run(load(port, requests, args.requests, args.concurrency))
                    if set(result.statuses) != {200}:
                        raise SystemExit(f"{name} answered non-200 statuses {result.statuses}; not a fair benchmark")
                    rounds[name].append(result)
        finally:
            stop(ours)
            stop(ours_db)
            stop(prism, group=True)

    results = {name: summarize(r) for name, r in rounds.items()}
    prism_rate = results[prism_name]["throughput"]
    ratios = {name: r["throughput"] / prism_rate for name, r in results.items() if name != prism_name}
    if args.json:
        print(json.dumps({"results": results, "ratios": ratios}, indent=2))
        return 0
    print(f"{args.rounds} rounds x {args.requests} signed requests, {args.concurrency} connections, loopback")
    print(f"{'server':<20} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}")
    for name, r in results.items():
        print(f"{name:<20} {r['throughput']:>9.0f} {r['p50_ms']:>8.2f} {r['p99_ms']:>8.2f}")
    for name, ratio in ratios.items():
        verdict = "met" if ratio >= 2 else "NOT met"
        print(f"throughput ratio {name} / prism: {ratio:.2f}x (target >= 2x: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
