"""What ``ccr-contract proxy`` adds to a request on loopback: latency and throughput, proxy vs direct.

Run: ``.venv/bin/python benchmarks/proxy.py [--quick]``.  Exit status from ``benchmarks/_guard.py``.

The reference server (``ccr-contract mock``, in memory) and the proxy in front of it
(``ccr-contract proxy --upstream ...``, passing signatures through; a second proxy holding the key
pair, verifying and re-signing) each run as their own process, as users run them.  The request is
the plain Enterprise list ``GET /v1/instances/ccr-4a5b6c7d/projects?pageNo=1&pageSize=10``, signed
once per address with a 604800 s expiry, so the server verifies a real signature every time and the
proxy validates request and answer every time.  Every answer must be a 200 (else exit 3).

* **latency**: one keep-alive connection, requests one after another, direct and through the proxy
  alternately in rounds of ``n``; the figure is the p50 of the proxy's round medians minus the p50
  of the direct ones.  Target **<= 1 ms** added (both modes).
* **throughput**: ``wrk`` (one thread, 4 connections) for ``seconds`` per run, direct and through the
  proxy alternately; the figure is the median of the per-round ratios proxy / direct.  Target
  **>= 0.5x** (pass-through mode; the key-pair mode is printed as info).  Without wrk, the
  sequential rates of the latency rounds are used instead (said in the output).

Both sides share the machine's two cores; the ratio and the difference are measured side by side
in one run, so a busy machine slows both.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _guard import EXIT_INVALID, Guard, spread

from ccr_contract import signing
from ccr_contract.liveserver import free_port
from ccr_contract.server import DEMO_ACCESS_KEY, DEMO_SECRET_KEY

ROOT = Path(__file__).resolve().parent.parent
CLI = str(ROOT / ".venv" / "bin" / "ccr-contract")
TARGET = "/v1/instances/ccr-4a5b6c7d/projects?pageNo=1&pageSize=10"
MAX_ADDED_MS = 1.0
MIN_THROUGHPUT = 0.5


def start(cmd: list[str], env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        cmd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        start_new_session=True,
    )


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_ready(port: int, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"process on port {port} exited: {proc.stderr.read().decode()[-500:] if proc.stderr else ''}"
            )
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/")
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answered on port {port} within {timeout:.0f} s")


def cpu_seconds(proc: subprocess.Popen) -> float:
    """User + system CPU time of a running process so far (Linux ``/proc``; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def signed_headers(port: int) -> dict[str, str]:
    host = f"127.0.0.1:{port}"
    signed = signing.sign_request(
        "GET", TARGET, {"host": host}, DEMO_ACCESS_KEY, DEMO_SECRET_KEY, expiration=signing.MAX_EXPIRATION
    )
    return {"Host": host, "Authorization": signed.authorization, "x-bce-date": signed.headers["x-bce-date"]}


def latencies(port: int, n: int) -> list[float]:
    """``n`` sequential requests on one keep-alive connection: seconds each."""
    headers = signed_headers(port)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    out = []
    try:
        for _ in range(n):
            began = time.perf_counter()
            conn.request("GET", TARGET, headers=headers)
            response = conn.getresponse()
            response.read()
            out.append(time.perf_counter() - began)
            if response.status != 200:
                raise RuntimeError(f"port {port} answered {response.status}")
    finally:
        conn.close()
    return out


def wrk_rate(port: int, seconds: float) -> float:
    """Requests per second from wrk; RuntimeError on any non-2xx or socket error."""
    headers = signed_headers(port)
    cmd = ["wrk", "-t1", "-c4", f"-d{seconds}s", "--latency"]
    for name, value in headers.items():
        cmd += ["-H", f"{name}: {value}"]
    out = subprocess.run([*cmd, f"http://127.0.0.1:{port}{TARGET}"], capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in out or "Socket errors" in out:
        raise RuntimeError(f"wrk saw failures on port {port}: {out[-300:]}")
    match = re.search(r"Requests/sec:\s+([0-9.]+)", out)
    if not match:
        raise RuntimeError(f"wrk printed no rate: {out[-300:]}")
    return float(match.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds (CI)")
    args = parser.parse_args()
    rounds, n, seconds = (5, 200, 1) if args.quick else (11, 500, 3)
    guard = Guard("benchmarks/proxy.py" + (" --quick" if args.quick else ""))
    server_port, plain_port, keyed_port = free_port(), free_port(), free_port()
    upstream = f"http://127.0.0.1:{server_port}"
    procs = [start([CLI, "mock", "--port", str(server_port)])]
    try:
        wait_ready(server_port, procs[0])
        procs.append(start([CLI, "proxy", "--upstream", upstream, "--listen", f"127.0.0.1:{plain_port}"]))
        keys = {"CCR_AK": DEMO_ACCESS_KEY, "CCR_SK": DEMO_SECRET_KEY}
        procs.append(start([CLI, "proxy", "--upstream", upstream, "--listen", f"127.0.0.1:{keyed_port}"], env=keys))
        wait_ready(plain_port, procs[1])
        wait_ready(keyed_port, procs[2])
        ports = {"direct": server_port, "proxy": plain_port, "proxy with keys": keyed_port}
        for port in ports.values():
            latencies(port, 50)  # warm-up: caches, connections, the proxy's pool
        medians: dict[str, list[float]] = {name: [] for name in ports}
        by_port = dict(zip(ports.values(), procs, strict=True))
        cpu = dict.fromkeys(ports, 0.0)
        for _ in range(rounds):
            for name, port in ports.items():
                before = cpu_seconds(by_port[port])
                medians[name].append(statistics.median(latencies(port, n)))
                cpu[name] += cpu_seconds(by_port[port]) - before
        for name in ports:  # CPU time does not depend on the machine's load the way wall time does
            guard.info(
                f"{name}: CPU per request ({'server' if name == 'direct' else 'proxy'} process)",
                f"{cpu[name] / (rounds * n) * 1e3:.2f} ms",
            )
        direct_p50 = statistics.median(medians["direct"]) * 1000
        guard.info("direct: p50 latency", f"{direct_p50:.2f} ms")
        for name in ("proxy", "proxy with keys"):
            added = [(p - d) * 1000 for p, d in zip(medians[name], medians["direct"], strict=True)]
            guard.info(f"{name}: p50 latency", f"{statistics.median(medians[name]) * 1000:.2f} ms")
            guard.info(f"{name}: added latency (ms)", spread(added))
            guard.check(
                f"{name}: added latency p50 (ms)",
                statistics.median(added),
                MAX_ADDED_MS,
                higher_is_better=False,
                unit=" ms",
            )
        if shutil.which("wrk"):
            ratios: dict[str, list[float]] = {"proxy": [], "proxy with keys": []}
            for _ in range(max(3, rounds // 2)):
                direct = wrk_rate(server_port, seconds)
                for name in ratios:
                    ratios[name].append(wrk_rate(ports[name], seconds) / direct)
            guard.info("proxy: throughput / direct (wrk, 4 conns)", spread(ratios["proxy"]))
            guard.check("proxy: throughput vs direct (wrk)", statistics.median(ratios["proxy"]), MIN_THROUGHPUT)
            guard.info("proxy with keys: throughput / direct (wrk)", spread(ratios["proxy with keys"]))
        else:
            rates = [d / p for p, d in zip(medians["proxy"], medians["direct"], strict=True)]
            guard.info("throughput", "wrk not installed: from the sequential rounds (one connection)")
            guard.check("proxy: throughput vs direct (sequential)", statistics.median(rates), MIN_THROUGHPUT)
    except (RuntimeError, subprocess.CalledProcessError, OSError) as exc:
        print(f"benchmarks/proxy.py: not measured: {exc}", file=sys.stderr)
        return EXIT_INVALID
    finally:
        for proc in reversed(procs):
            stop(proc)
    return guard.exit_status()


if __name__ == "__main__":
    sys.exit(main())
