"""Shared request bodies and helpers of the reference-server tests (tests/test_server_*.py).

One copy of the registry/policy bodies and of the real-process runner, so a change to the
spec's shapes is made once.
"""

from __future__ import annotations

import select
import subprocess
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ccr_contract.auth_adapters import BceHttpxAuth
from ccr_contract.schemas import SpecSchemas
from ccr_contract.server import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, create_app
from ccr_contract.spec import load_spec

with warnings.catch_warnings():  # starlette 1.x warns at import that it prefers httpx2
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

BASE = "http://ccr.test"
AUTH = BceHttpxAuth(DEMO_ACCESS_KEY, DEMO_SECRET_KEY)
SPEC = load_spec()
SCHEMAS = SpecSchemas(SPEC)
#: The password of every registry body: tests assert it never appears in an answer or a log.
REGISTRY_PASSWORD = "pa55-never-shown-7f3c"
#: The installed console script, so process tests run exactly what a user runs.
CLI = str(Path(sys.executable).with_name("ccr-contract"))


def registry_body(
    name: str = "reg",
    url: str = "http://hub.baidubce.com",
    password: str = REGISTRY_PASSWORD,
    *,
    rtype: str = "docker-registry",
    user: str = "user",
) -> dict[str, Any]:
    """A valid ``createRegistry`` body."""
    return {
        "type": rtype,
        "name": name,
        "description": "d",
        "url": url,
        "credential": {"accessKey": user, "accessSecret": password, "type": "basic"},
        "insecure": False,
    }


def policy_body(name: str, registry_id: int, *, filters: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """A valid ``createPolicy`` body migrating from ``registry_id``."""
    return {
        "name": name,
        "srcRegistry": {"id": registry_id},
        "destProjectName": "public",
        "override": True,
        "trigger": {"type": "manual"},
        "filters": [{"type": "name", "value": "cce/image"}, {"type": "tag", "value": "latest"}]
        if filters is None
        else filters,
    }


def make_client(**kwargs: Any) -> TestClient:
    """An in-process client of ``create_app(**kwargs)`` signing with the demo pair."""
    client = TestClient(create_app(**kwargs), base_url=BASE)
    client.auth = AUTH
    return client


def assert_bce_error(response: Any, status: int, code: str, field: str | None = None) -> dict:
    """``response`` is a BCE error body with ``status`` and ``code`` (and a message naming ``field``)."""
    assert response.status_code == status, response.text
    body = response.json()
    assert SCHEMAS.errors("#/components/schemas/BceError", body) == []
    assert body["code"] == code, body
    assert response.headers["x-bce-request-id"] == body["requestId"]
    assert response.headers["content-type"] == "application/json;charset=UTF-8"
    if field is not None:
        assert field in body["message"], body
    return body


@contextmanager
def mock_process(*args: str, log: Path, env: dict[str, str] | None = None) -> Iterator[tuple[subprocess.Popen, str]]:
    """Run ``ccr-contract mock --port 0 ARGS`` and yield it with the URL it printed.  stderr goes to
    ``log``; stdout stays a pipe the caller may read after the first line."""
    cmd = [CLI, "mock", "--port", "0", *args]
    with open(log, "ab") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, env=env)
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
