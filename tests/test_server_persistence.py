"""``--db`` keeps state across restarts, and a ``kill -9`` in the middle of writes loses no
acknowledged write and corrupts nothing (the server runs as a real ``ccr-contract mock`` process)."""

from __future__ import annotations

import os
import select
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from ccr_contract.auth_adapters import BceHttpxAuth
from ccr_contract.liveserver import serve_in_thread
from ccr_contract.server import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, create_app

AUTH = BceHttpxAuth(DEMO_ACCESS_KEY, DEMO_SECRET_KEY)
#: The installed console script, so the test runs exactly what a user runs.
CLI = str(Path(sys.executable).with_name("ccr-contract"))


def registry(name: str) -> dict:
    return {
        "type": "harbor",
        "name": name,
        "url": "https://harbor.example.com",
        "credential": {"accessKey": "u", "accessSecret": "persisted-secret", "type": "basic"},
    }


@contextmanager
def mock_process(db: Path, log: Path) -> Iterator[tuple[subprocess.Popen, str]]:
    """Run ``ccr-contract mock --port 0 --db DB`` and yield it with the URL it printed."""
    cmd = [CLI, "mock", "--port", "0", "--db", str(db), "--execution-seconds", "0"]
    with open(log, "ab") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err)
    try:
        assert proc.stdout is not None
        ready, _, _ = select.select([proc.stdout], [], [], 30)
        line = proc.stdout.readline().decode() if ready else ""
        assert "listening on http://" in line, f"no start line; stderr: {log.read_text()}"
        yield proc, line.rsplit(" ", 1)[1].strip()
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc.stdout:
            proc.stdout.close()


def all_registries(base_url: str) -> dict[int, str]:
    out: dict[int, str] = {}
    with httpx.Client(base_url=base_url, auth=AUTH, timeout=10) as client:
        page = 1
        while True:
            answer = client.get("/v1/ccr/registries", params={"pageSize": 100, "pageNo": page}).json()
            out.update({r["id"]: r["name"] for r in answer["result"]})
            if page * 100 >= answer["totalCount"]:
                return out
            page += 1


def test_state_survives_a_restart_with_the_same_db(tmp_path: Path) -> None:
    db = tmp_path / "ccr.db"
    with (
        serve_in_thread(create_app(db_path=str(db), execution_seconds=3600)) as base_url,
        httpx.Client(base_url=base_url, auth=AUTH) as first,
    ):
        reg_id = int(first.post("/v1/ccr/registries", json=registry("kept")).json()["targetName"])
        pol = {
            "name": "kept-policy",
            "srcRegistry": {"id": reg_id},
            "destProjectName": "public",
            "override": True,
            "trigger": {"type": "manual"},
            "filters": [],
        }
        pid = int(first.post("/v1/ccr/policies", json=pol).json()["targetName"])
        first.post(f"/v1/ccr/policies/{pid}/start")
    assert stat.S_IMODE(os.stat(db).st_mode) == 0o600  # the file holds registry passwords

    with (
        serve_in_thread(create_app(db_path=str(db), execution_seconds=3600)) as base_url,
        httpx.Client(base_url=base_url, auth=AUTH) as second,
    ):
        assert [r["name"] for r in second.get("/v1/ccr/registries").json()["result"]] == ["kept"]
        assert second.get("/v1/ccr/policies").json()["result"][0]["executionTimes"] == 1
        (execution,) = second.get("/v1/ccr/executions", params={"policyId": pid}).json()["result"]
        assert execution["status"] == "InProgress"  # the deadline was stored, not a timer that died
        assert second.post("/v1/ccr/policies", json=pol).status_code == 409  # uniqueness survives too


@pytest.mark.timeout(120)
def test_kill_9_mid_write_loses_no_acknowledged_write(tmp_path: Path) -> None:
    db, log = tmp_path / "ccr.db", tmp_path / "server.log"
    acknowledged: dict[int, str] = {}
    lock = threading.Lock()
    stop = threading.Event()

    with mock_process(db, log) as (proc, base_url):

        def writer(worker: int) -> None:
            with httpx.Client(base_url=base_url, auth=AUTH, timeout=5) as client:
                for i in range(10_000):
                    if stop.is_set():
                        return
                    name = f"w{worker}-{i}"
                    try:
                        response = client.post("/v1/ccr/registries", json=registry(name))
                    except httpx.HTTPError:
                        return  # the server died with this write unacknowledged
                    assert response.status_code == 200, response.text
                    with lock:
                        acknowledged[int(response.json()["targetName"])] = name

        threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 30
        while len(acknowledged) < 150 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)  # while the writers are still sending
        proc.wait(timeout=10)
        stop.set()
        for t in threads:
            t.join(timeout=20)
    assert len(acknowledged) >= 150

    with mock_process(db, log) as (_, base_url):
        stored = all_registries(base_url)
    missing = {i: n for i, n in acknowledged.items() if stored.get(i) != n}
    assert missing == {}
    assert len(stored) - len(acknowledged) <= 4  # at most one in-flight write per writer was committed unacknowledged
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
