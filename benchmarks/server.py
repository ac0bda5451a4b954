"""Signed list throughput under wrk: the reference server vs a bare Starlette endpoint vs Prism.

Run: ``.venv/bin/python benchmarks/server.py [--quick] [--rounds N] [--seconds S]``.
Exit status (``benchmarks/_guard.py``): 0 when every target is met, 1 when one is missed, 3 when
nothing valid was measured (wrk missing, a server answered non-200, a server did not start).

The load generator is wrk (Debian package ``wrk``; ``scripts/install.sh`` installs it when run as
root), one thread, keep-alive, at 16 and at 64 connections.  Every server is its own process on
loopback:

* **ours** -- ``ccr-contract mock`` (demo data, in memory), and again with ``--db FILE`` (SQLite in
  WAL mode, the store's calls on its worker thread);
* **bare** -- a Starlette app with one route that JSON-encodes the very payload ours answers, served
  with the same uvicorn settings as ``ccr-contract mock``: httptools through
  ``ccr_contract.server.http_limits.protocol_class``, uvloop, one worker, no access log.  It does no
  authentication, validation or storage: an idiomatic Starlette endpoint (``JSONResponse``, the
  standard json module), not the stack's absolute ceiling (pre-encoded bytes would be a little faster);
* **prism** -- ``prism mock spec/ccr.openapi.yaml`` from node_modules (answers examples; it checks
  that an ``Authorization`` header is present, never the signature).

Each request is ``GET /v1/instances/ccr-4a5b6c7d/projects?pageNo=1&pageSize=10`` (an Enterprise
list), signed once before timing with bce-auth-v1 for the target's ``Host`` and an expiry of
604800 s (the spec's ``x-bce-auth.maxExpirationSeconds``), so every request is fully verified by
ours.  Before timing, every server must answer it 200; wrk's count of non-2xx answers and socket
errors must be zero in every run, else the run is invalid (exit 3): a benchmark of error answers
would be meaningless.  The full run also measures the Personal Edition list
``GET /v1/ccr/registries?pageNo=1&pageSize=10`` (printed as info, no target).

With two or more cores and ``taskset`` (util-linux), every server runs on core 0 and wrk on core 1,
so a server never competes with its load generator.  The server's CPU time (user + system, from
``/proc``, every process of its group) is read around each run, and a run waits until the server is
idle again (Node goes on collecting garbage after a load ends).

Runs are interleaved: each round runs every server alone once at each connection count, in an
order that rotates from round to round; then ours and bare Starlette once more *at the same time*
(a "paired" run: two wrk processes, both servers sharing core 0 for the same seconds).  The guarded
ratios are medians of per-round ratios (their spread is printed).  Targets, per connection count:

* ours >= 0.5x bare Starlette, in memory: bare's CPU per request / ours, in the paired runs;
* ours >= 3x Prism in memory and >= 2x Prism with ``--db``: req/s, one server at a time.

Why the bare-Starlette figure is CPU per request of paired runs: on this shared 2-core VM the
same server's req/s swings by up to 2x from one second to the next (the machine's speed, not the
server's), so a ratio of two runs made seconds apart swung from 0.38x to 0.92x for the same code.
In a paired run both servers see the same machine at the same moment: the per-round ratio then
varies by a few per cent.  For a saturated single-worker server req/s is 1 / CPU per request, so
the two figures measure the same thing (the one-at-a-time req/s ratio is printed beside it, and
agrees within its noise).

``--quick`` (CI): three rounds of 1 s per run, the Enterprise list only (about 45 s in all).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _guard import Guard, spread

from ccr_contract.liveserver import free_port
from ccr_contract.paths import NODE_BIN, REPO_ROOT, SPEC_PATH
from ccr_contract.server import DEMO_ACCESS_KEY, DEMO_SECRET_KEY
from ccr_contract.signing import MAX_EXPIRATION, sign_request

ENTERPRISE = "/v1/instances/ccr-4a5b6c7d/projects?pageNo=1&pageSize=10"
PERSONAL = "/v1/ccr/registries?pageNo=1&pageSize=10"
CONNECTIONS = (16, 64)
TARGET_BARE, TARGET_PRISM, TARGET_PRISM_DB = 0.5, 3.0, 2.0
#: The names of the paired runs: ours and bare Starlette loaded at the same time (see wrk_all).
PAIRED = ("ours (pair)", "bare (pair)")
#: In a paired run both servers share core 0, so each saturated one uses about half of it; one
#: that used less was waiting (on wrk, say), and its CPU per request would not be its cost under
#: load: the run is then invalid (exit 3) rather than a flattering or unflattering figure.
MIN_PAIRED_BUSY = 0.4

#: wrk's summary as one JSON line (latencies in microseconds).
WRK_SCRIPT = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRKJSON {\"requests\":%d,\"duration_us\":%d,\"p50_us\":%d,\"p99_us\":%d,\"non2xx\":%d,\"socket_errors\":%d}\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
"""


#: ``(server cores, load generator cores)`` as taskset prefixes, or empty when not possible.
PINNED = (
    (["taskset", "-c", "0"], ["taskset", "-c", "1"])
    if shutil.which("taskset") and (os.cpu_count() or 1) >= 2
    else ([], [])
)


class Invalid(Exception):
    """The measurement cannot be trusted (exit 3, not a miss)."""


@dataclass
class Run:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    #: CPU time (user + system, every process of the server's group) spent during the run.
    cpu_seconds: float

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    @property
    def busy(self) -> float:
        """Share of one core the server used during the run."""
        return self.cpu_seconds / self.seconds

    @property
    def cpu_us(self) -> float:
        """Server CPU time per answered request, in microseconds."""
        return self.cpu_seconds / self.requests * 1e6


_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def group_cpu_seconds(pgid: int) -> float:
    """User + system CPU seconds of every live process in process group ``pgid`` (a server and its
    children, as :func:`start` puts each server in a session of its own), from ``/proc``."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended meanwhile
        # fields[0] is the state (field 3 of proc(5)): pgrp is field 5, utime 14, stime 15
        if int(fields[2]) == pgid:
            total += int(fields[11]) + int(fields[12])
    return total / _CLOCK_TICKS


# ---------------------------------------------------------------------------------------- servers


def serve_bare(port: int, body_file: str) -> None:
    """The bare Starlette endpoint (run in a child process by ``--serve-bare``)."""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    from ccr_contract.server.http_limits import HttpLimits, protocol_class

    deadline = time.monotonic() + 120
    while not Path(body_file).exists():  # written once ours has answered (started in parallel)
        if time.monotonic() > deadline:
            raise SystemExit("no body to serve")
        time.sleep(0.05)
    payloads = json.loads(Path(body_file).read_text())  # list path -> the body ours answered

    def route(path: str, payload: object) -> Route:
        async def endpoint(request):
            return JSONResponse(payload)

        return Route(path, endpoint)

    app = Starlette(routes=[route(path, payload) for path, payload in payloads.items()])
    # The settings of ``ccr-contract mock`` (commands/mock.py): loop "auto" is uvloop when installed.
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="on",
        http=protocol_class(HttpLimits()),
    )
    uvicorn.Server(config).run()


def start(cmd: list[str], **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        PINNED[0] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, **kwargs
    )


def start_ours(port: int, db: Path | None = None) -> subprocess.Popen:
    cmd = [str(Path(sys.executable).with_name("ccr-contract")), "mock", "--port", str(port)]
    return start(cmd + (["--db", str(db)] if db is not None else []))


def start_prism(port: int) -> subprocess.Popen:
    prism = NODE_BIN / "prism"
    if not prism.exists():
        raise Invalid(f"Prism is not installed ({prism}); run `npm ci` first")
    cmd = [str(prism), "mock", str(SPEC_PATH), "-h", "127.0.0.1", "-p", str(port), "--errors", "false"]
    return start(cmd, cwd=REPO_ROOT, env={**os.environ, "NO_COLOR": "1"})


def start_bare(port: int, body_file: Path) -> subprocess.Popen:
    return start([sys.executable, str(Path(__file__).resolve()), "--serve-bare", str(port), str(body_file)])


def stop(proc: subprocess.Popen) -> None:
    """Terminate a server we started, with its process group (Prism's node children)."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def wait_port(name: str, port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise Invalid(f"{name} exited early with status {proc.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise Invalid(f"{name}: nothing listening on 127.0.0.1:{port} after {timeout:.0f}s")


def prism_label() -> str:
    manifest = REPO_ROOT / "node_modules" / "@stoplight" / "prism-cli" / "package.json"
    try:
        return f"prism {json.loads(manifest.read_text())['version']}"
    except (OSError, ValueError, KeyError):
        return "prism (version unknown)"


# ---------------------------------------------------------------------------------------- requests


def signed_headers(port: int, target: str) -> dict[str, str]:
    """Headers of one pre-signed GET (valid for MAX_EXPIRATION seconds from now)."""
    host = f"127.0.0.1:{port}"
    signed = sign_request("GET", target, {"host": host}, DEMO_ACCESS_KEY, DEMO_SECRET_KEY, expiration=MAX_EXPIRATION)
    return {
        "Host": host,
        "Authorization": signed.authorization,
        "x-bce-date": signed.headers["x-bce-date"],
        "Accept": "application/json",
    }


def fetch(port: int, target: str) -> tuple[int, bytes]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{target}", headers=signed_headers(port, target))
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def unsaturated(name: str, conns: int, run: Run) -> str:
    return (
        f"paired run, {name} at {conns} connections used {run.busy:.0%} of a core (at least "
        f"{MIN_PAIRED_BUSY:.0%} expected of two servers sharing one): not a saturated comparison"
    )


def settle(server: subprocess.Popen, timeout: float = 5.0) -> None:
    """Wait until ``server`` stops using CPU after a run (up to ``timeout`` s): Node keeps collecting
    garbage and compiling for a while after a load ends, and on the shared core that time would be
    taken from the next server's run."""
    deadline = time.monotonic() + timeout
    last = group_cpu_seconds(server.pid)
    while time.monotonic() < deadline:
        time.sleep(0.1)
        now = group_cpu_seconds(server.pid)
        if now - last < 0.01:  # under 10% of a core over the last 0.1 s
            return
        last = now


def wrk_command(port: int, target: str, connections: int, seconds: float, script: Path) -> list[str]:
    cmd = [*PINNED[1], "wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "10s"]
    cmd += ["-s", str(script)]
    for name, value in signed_headers(port, target).items():
        cmd += ["-H", f"{name}: {value}"]
    return [*cmd, f"http://127.0.0.1:{port}{target}"]


def wrk_all(
    loads: list[tuple[int, subprocess.Popen]], target: str, connections: int, seconds: float, script: Path
) -> list[Run]:
    """One wrk per ``(port, server)``, all at the same time; each server's CPU time is read around
    the whole window.  With one load it is a plain run; with two (:func:`measure`'s paired runs)
    both servers share core 0 for the same seconds, so whatever the machine does meanwhile (other
    jobs, frequency, a noisy neighbour) weighs on both alike."""
    before = [group_cpu_seconds(server.pid) for _, server in loads]
    procs = [
        subprocess.Popen(
            wrk_command(port, target, connections, seconds, script),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for port, _ in loads
    ]
    outputs = [proc.communicate(timeout=seconds + 60) for proc in procs]
    cpus = [group_cpu_seconds(server.pid) - cpu for (_, server), cpu in zip(loads, before, strict=True)]
    for _, server in loads:
        settle(server)
    runs = []
    for (port, _), proc, (stdout, stderr), cpu in zip(loads, procs, outputs, cpus, strict=True):
        line = next((ln for ln in stdout.splitlines() if ln.startswith("WRKJSON ")), None)
        if proc.returncode != 0 or line is None:
            raise Invalid(f"wrk failed ({proc.returncode}): {(stderr or stdout).strip()[:200]}")
        data = json.loads(line[len("WRKJSON ") :])
        if data["non2xx"] or data["socket_errors"] or not data["requests"]:
            raise Invalid(
                f"port {port} {target}: {data['non2xx']} non-2xx answers, {data['socket_errors']} socket errors"
            )
        runs.append(Run(data["requests"], data["duration_us"] / 1e6, data["p50_us"] / 1000, data["p99_us"] / 1000, cpu))
    return runs


def wrk(port: int, target: str, connections: int, seconds: float, script: Path, server: subprocess.Popen) -> Run:
    return wrk_all([(port, server)], target, connections, seconds, script)[0]


# ---------------------------------------------------------------------------------------- main


def measure(args: argparse.Namespace, guard: Guard) -> None:
    prism_name = prism_label()
    lists = {"enterprise": ENTERPRISE} if args.quick else {"enterprise": ENTERPRISE, "personal": PERSONAL}
    with tempfile.TemporaryDirectory(prefix="ccr-bench-server-") as tmp:
        tmpdir = Path(tmp)
        script = tmpdir / "summary.lua"
        script.write_text(WRK_SCRIPT)
        ports = {"ours": free_port(), "ours --db": free_port(), "bare": free_port(), "prism": free_port()}
        body_file = tmpdir / "bodies.json"
        started = time.monotonic()
        procs = {
            "ours": start_ours(ports["ours"]),
            "ours --db": start_ours(ports["ours --db"], tmpdir / "bench.db"),
            "bare": start_bare(ports["bare"], body_file),
            "prism": start_prism(ports["prism"]),
        }
        try:
            wait_port("ccr-contract mock", ports["ours"], procs["ours"])
            # The bare endpoint answers exactly what ours answers for each list (encoded per request).
            bodies = {}
            for target in lists.values():
                status, body = fetch(ports["ours"], target)
                if status != 200:
                    raise Invalid(f"ours answered {status} to GET {target}: {body[:200]!r}")
                bodies[target.split("?")[0]] = json.loads(body)
            partial = tmpdir / "bodies.part"
            partial.write_text(json.dumps(bodies))
            partial.rename(body_file)
            for name, proc in procs.items():
                wait_port(name, ports[name], proc)
            for name, port in ports.items():
                for target in lists.values():
                    status, body = fetch(port, target)
                    if status != 200:
                        raise Invalid(f"{name} answered {status} to GET {target}: {body[:200]!r}")
            print(
                f"wrk -t1, keep-alive, {args.rounds} round(s) x {args.seconds:g} s per run; servers: "
                f"ccr-contract mock (in memory / --db), bare Starlette (same uvicorn settings), {prism_name}"
            )
            pinning = "servers on core 0, wrk on core 1" if PINNED[0] else "not pinned (needs taskset and 2 cores)"
            print(f"cores: {pinning}")
            print(f"servers up in {time.monotonic() - started:.1f} s")
            wrk(
                ports["prism"], ENTERPRISE, 16, 1, script, procs["prism"]
            )  # warm-up: Prism's JIT (ours/bare: the checks above)
            runs: dict[tuple[str, str, int], list[Run]] = {}
            names = list(ports)
            for n in range(args.rounds):
                order = names[n % len(names) :] + names[: n % len(names)]
                for kind, target in lists.items():
                    for conns in CONNECTIONS:
                        for name in order:
                            run = wrk(ports[name], target, conns, args.seconds, script, procs[name])
                            runs.setdefault((kind, name, conns), []).append(run)
                        pair = [(ports[name], procs[name]) for name in ("ours", "bare")]
                        paired = wrk_all(pair, target, conns, args.seconds, script)
                        for name, run in zip(PAIRED, paired, strict=True):
                            if run.busy < MIN_PAIRED_BUSY:
                                raise Invalid(unsaturated(name, conns, run))
                            runs.setdefault((kind, name, conns), []).append(run)
        finally:
            for proc in procs.values():
                stop(proc)

    for kind in lists:
        print(f"\n{kind} list: GET {lists[kind]}")
        print(
            f"  {'server':<12} {'conns':>5} {'req/s (median)':>15} {'p50 ms':>8} {'p99 ms':>8} {'CPU us/req':>10}"
            f" {'busy':>5}  per round: req/s; CPU us/req"
        )
        for conns in CONNECTIONS:
            for name in [*names, *PAIRED]:
                rs = runs[(kind, name, conns)]
                rates, cpu = [r.rate for r in rs], [r.cpu_us for r in rs]
                mid = sorted(rs, key=lambda r: r.rate)[len(rs) // 2]
                print(
                    f"  {name:<12} {conns:>5} {statistics.median(rates):>15.0f}"
                    f" {mid.p50_ms:>8.2f} {mid.p99_ms:>8.2f} {statistics.median(cpu):>10.0f}"
                    f" {statistics.median(r.busy for r in rs):>5.0%}"
                    f"  {', '.join(f'{r:.0f}' for r in rates)}; {', '.join(f'{c:.0f}' for c in cpu)}"
                )
        for conns in CONNECTIONS:

            def rate_ratios(a: str, b: str, conns: int = conns, kind: str = kind) -> list[float]:
                return [x.rate / y.rate for x, y in zip(runs[(kind, a, conns)], runs[(kind, b, conns)], strict=True)]

            def cpu_ratios(a: str, b: str, conns: int = conns, kind: str = kind) -> list[float]:
                """b's CPU per request / a's: how many of a's requests the CPU of one of b's buys."""
                return [
                    y.cpu_us / x.cpu_us for x, y in zip(runs[(kind, a, conns)], runs[(kind, b, conns)], strict=True)
                ]

            bare = f"in memory / bare Starlette, {conns} conns"
            guarded = [
                (cpu_ratios(*PAIRED), TARGET_BARE, f"{bare} (CPU per request, paired)"),
                (rate_ratios("ours", "prism"), TARGET_PRISM, f"in memory / Prism, {conns} conns (req/s)"),
                (rate_ratios("ours --db", "prism"), TARGET_PRISM_DB, f"--db / Prism, {conns} conns (req/s)"),
            ]
            for samples, target, label in guarded:
                if kind == "enterprise":
                    guard.info(f"  per round: {label}", spread(samples))
                    guard.check(label, statistics.median(samples), target)
                else:
                    guard.info(f"{kind}: {label}", f"{statistics.median(samples):.2f}x  {spread(samples)}")
            guard.info(f"{kind}: {bare} (req/s, one at a time)", spread(rate_ratios("ours", "bare")))
            guard.info(f"{kind}: {bare} (req/s, paired)", spread(rate_ratios(*PAIRED)))
            guard.info(
                f"{kind}: --db / bare Starlette, {conns} conns (req/s)", spread(rate_ratios("ours --db", "bare"))
            )


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--serve-bare":
        serve_bare(int(sys.argv[2]), sys.argv[3])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="CI mode: 3 rounds x 1 s per run, Enterprise list only")
    parser.add_argument("--rounds", type=int, help="interleaved rounds (default 5, quick 3)")
    parser.add_argument("--seconds", type=float, help="seconds per wrk run (default 4, quick 1)")
    args = parser.parse_args()
    args.rounds = args.rounds or (3 if args.quick else 5)
    args.seconds = args.seconds or (1.0 if args.quick else 4.0)
    if not (0 < args.rounds <= 20 and 1 <= args.seconds <= 60):
        parser.error("keep it bounded: 1..20 rounds, 1..60 seconds per run")
    guard = Guard("benchmarks/server.py" + (" --quick" if args.quick else ""))
    if shutil.which("wrk") is None:
        # One line: the verdict (exit 3, "not measured"; scripts/test.sh runs this only where wrk is).
        guard.invalid.append("wrk is not installed (apt-get install wrk, or scripts/install.sh as root): not measured")
        return guard.exit_status()
    try:
        measure(args, guard)
    except Invalid as exc:
        guard.fail_invalid(str(exc))
    return guard.exit_status()


if __name__ == "__main__":
    sys.exit(main())
