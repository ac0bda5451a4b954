"""``--db`` keeps state across restarts, and a ``kill -9`` in the middle of writes loses no
acknowledged write and corrupts nothing (the server runs as a real ``ccr-contract mock`` process)."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import threading
import time
from pathlib import Path

import httpx
import pytest
from server_fixtures import AUTH, mock_process, policy_body, registry_body

from ccr_contract.liveserver import serve_in_thread
from ccr_contract.server import create_app


def registry(name: str) -> dict:
    return registry_body(name, "https://harbor.example.com", "persisted-secret", rtype="harbor")


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
        pol = policy_body("kept-policy", reg_id, filters=[])
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
    failures: list[str] = []  # collected by the writer threads, asserted here in the main thread
    lock = threading.Lock()
    stop = threading.Event()

    with mock_process("--db", str(db), "--execution-seconds", "0", log=log) as (proc, base_url):

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
                    if response.status_code != 200:  # an assert here could not fail the test
                        with lock:
                            failures.append(f"{name}: {response.status_code} {response.text[:200]}")
                        return
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
    assert failures == []
    assert len(acknowledged) >= 150

    with mock_process("--db", str(db), "--execution-seconds", "0", log=log) as (_, base_url):
        stored = all_registries(base_url)
    missing = {i: n for i, n in acknowledged.items() if stored.get(i) != n}
    assert missing == {}
    assert len(stored) - len(acknowledged) <= 4  # at most one in-flight write per writer was committed unacknowledged
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
