"""A server that hangs, resets connections, answers non-JSON or floods makes checks fail with a clear
message within the per-request timeout; the run never hangs and never raises.  (No wall-clock
assertions: pytest-timeout bounds each test.)"""

from __future__ import annotations

import contextlib
import secrets
import socket
import struct
import threading
from collections.abc import Iterator

import pytest
from broken_servers import hang, huge_body, not_json
from ccr_conformance.results import Status
from ccr_conformance.runner import SuiteOptions, run_suite

from ccr_contract.liveserver import serve_in_thread
from ccr_contract.server import create_app

CHECKS = "AUTH-002,STRUCT-001,SCHEMA-002,STATE-001,PAGE-001"


def _run(url: str, ak: str, sk: str):  # type: ignore[no-untyped-def]
    return run_suite(SuiteOptions(url, ak, sk, checks=CHECKS, max_examples=2, timeout=1.0))


def _serve(wrapper):  # type: ignore[no-untyped-def]
    ak, sk = "ak-" + secrets.token_hex(3), secrets.token_hex(12)
    return ak, sk, serve_in_thread(wrapper(create_app(credentials={ak: sk}), {ak: sk}))


@pytest.mark.timeout(60)
def test_hanging_server_fails_every_check_with_a_timeout_message() -> None:
    ak, sk, server = _serve(hang)
    with server as url:
        run = _run(url, ak, sk)
    for result in run.results.all():
        assert result.status is Status.FAILED
        assert "timeout" in result.findings[0].message
    assert run.request_count <= 4  # the preflight and the breaker stop the rest


@pytest.fixture
def resetting_server() -> Iterator[str]:
    """A TCP server that accepts and resets every connection (SO_LINGER 0)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            with contextlib.suppress(OSError):
                conn.recv(1024)
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(2)
        listener.close()


@pytest.mark.timeout(60)
def test_resetting_server_fails_every_check_naming_the_reset(resetting_server: str) -> None:
    run = _run(resetting_server, "ak", "sk-secret-123456")
    for result in run.results.all():
        assert result.status is Status.FAILED
        assert "reset" in result.findings[0].message or "closed" in result.findings[0].message


@pytest.mark.timeout(60)
def test_non_json_server_fails_the_json_checks_with_a_clear_message() -> None:
    ak, sk, server = _serve(not_json)
    with server as url:
        run = _run(url, ak, sk)
    assert not run.ok
    assert "not application/json" in run.results["STRUCT-001"].findings[0].message
    assert run.results["AUTH-002"].status is Status.FAILED
    assert "expected 401 Unauthorized" in run.results["AUTH-002"].findings[0].message


@pytest.mark.timeout(90)
def test_flooding_server_is_capped_and_fails() -> None:
    ak, sk, server = _serve(huge_body)
    with server as url:
        run = _run(url, ak, sk)
    assert not run.ok
    messages = [f.message for r in run.results.all() for f in r.findings]
    assert any("MB cap" in m or "stopped answering" in m or "transport level" in m for m in messages)
