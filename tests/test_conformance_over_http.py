"""The suite the way users run it (issue 18): ``ccr-contract conformance --base-url`` against a
separately started ``ccr-contract mock``, for several seeds.

A correct server must pass every time (a false failure is as much a bug as a missed defect), the
run must leave nothing of its own behind, and the same seed against the same starting state must
send the same number of requests (a run whose traffic depends on leftovers or on chance cannot be
reproduced from its report)."""

from __future__ import annotations

import re
import secrets
import subprocess
from pathlib import Path

import pytest
from ccr_conformance.target import Target, parse_json
from server_fixtures import CLI, mock_process

AK, SK = "http-" + secrets.token_hex(4), secrets.token_hex(20)
SUMMARY = re.compile(r"^(PASS|FAIL): .*?(\d+) requests", re.MULTILINE)
#: The lists a run writes into (under the demo's first instance) and the Personal ones.
SWEPT = [
    "/v1/ccr/registries",
    "/v1/ccr/policies",
    "/v1/instances/{i}/projects",
    "/v1/instances/{i}/triggers/policies",
    "/v1/instances/{i}/accelerators/policies",
    "/v1/instances/{i}/robots",
    "/v1/instances/{i}/replications",
    "/v1/instances/{i}/registries",
    "/v1/instances/{i}/syncs",
]


def conformance(url: str, seed: int, tmp: Path) -> tuple[str, int]:
    """Run the installed CLI against ``url``; the verdict and the request count it printed."""
    env = {"PATH": str(Path(CLI).parent), "CCR_AK": AK, "CCR_SK": SK, "HOME": str(tmp)}
    done = subprocess.run(
        [CLI, "conformance", "--base-url", url, "--seed", str(seed), "--quiet", "--report", str(tmp / f"r{seed}")],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=tmp,
    )
    found = SUMMARY.search(done.stdout)
    assert found, done.stdout[-3000:] + done.stderr[-3000:]
    assert done.returncode == (0 if found.group(1) == "PASS" else 1)
    return found.group(1) + "\n" + done.stdout[-4000:], int(found.group(2))


def leftovers(url: str) -> list[str]:
    """Names carrying the suite's prefix still listed on the server."""
    target = Target(url, AK, SK)
    try:
        data, _ = parse_json(target.send("GET", "/v1/instances", query="pageNo=1&pageSize=100"))
        instance = data["instances"][0]["id"]
        found = []
        for path in SWEPT:
            data, _ = parse_json(target.send("GET", path.format(i=instance), query="pageNo=1&pageSize=100"))
            items = next((v for v in data.values() if isinstance(v, list)), []) if isinstance(data, dict) else []
            found += [f"{path}: {i.get('name')}" for i in items if str(i.get("name", "")).startswith("ccrconf-")]
        return found
    finally:
        target.close()


@pytest.mark.timeout(900)
@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_a_correct_server_passes_over_http_for_every_seed(seed: int, tmp_path: Path) -> None:
    with mock_process("--ak", AK, "--sk", SK, log=tmp_path / "mock.log") as (_proc, url):
        verdict, count = conformance(url, seed, tmp_path)
        assert verdict.startswith("PASS"), verdict
        assert count > 1000
        assert leftovers(url) == []


@pytest.mark.timeout(900)
def test_the_same_seed_sends_the_same_requests(tmp_path: Path) -> None:
    """Two fresh servers, one seed: the same request count.  Executions are given longer than the
    run lasts, so the lifecycle (time-based by design) does not change what cleanup must stop."""
    counts = []
    for n in range(2):
        with mock_process("--ak", AK, "--sk", SK, "--execution-seconds", "300", log=tmp_path / "mock.log") as (_p, url):
            verdict, count = conformance(url, 0, tmp_path / str(n) if (tmp_path / str(n)).mkdir() is None else tmp_path)
            assert verdict.startswith("PASS"), verdict
            counts.append(count)
    assert counts[0] == counts[1], counts
