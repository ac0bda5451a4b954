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
from broken_servers import (
    drip_to_schemathesis,
    gzip_bomb,
    hang,
    hang_policy_list,
    huge_body,
    not_found_everything,
    not_json,
)
from ccr_conformance.results import Status
from ccr_conformance.runner import SuiteOptions, run_suite

from ccr_contract.liveserver import serve_in_thread
from ccr_contract.server import create_app
from ccr_contract.spec import AuthRules

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
    missing = AuthRules.from_spec().errors["missing"]
    assert f"expected {missing['status']} {missing['code']}" in run.results["AUTH-002"].findings[0].message


@pytest.mark.timeout(90)
def test_flooding_server_is_capped_and_fails() -> None:
    ak, sk, server = _serve(huge_body)
    with server as url:
        run = _run(url, ak, sk)
    assert not run.ok
    messages = [f.message for r in run.results.all() for f in r.findings]
    assert any("MB cap" in m or "stopped answering" in m or "transport level" in m for m in messages)


@pytest.mark.timeout(90)
def test_body_dripping_to_schemathesis_stops_the_engine_with_a_clear_failure() -> None:
    """requests' timeout is per read: a body that drips a byte every half second never trips it.
    The watchdog must stop the engine, name the operation in flight and let the run end."""
    stop = threading.Event()
    ak, sk, server = _serve(drip_to_schemathesis(stop))
    try:
        with server as url:
            run = run_suite(SuiteOptions(url, ak, sk, checks="SCHEMA-002", max_examples=2, timeout=1.0))
            stop.set()
    finally:
        stop.set()
    result = run.results["SCHEMA-002"]
    assert result.status is Status.FAILED
    messages = [f.message for f in result.findings]
    assert any("GET /v1/ccr/policies was in flight" in m and "3x the request timeout" in m for m in messages), messages


@pytest.mark.timeout(60)
def test_server_answering_404_to_everything_fails_the_preflight() -> None:
    """An empty 404 to every request is not a server that conforms: the run must not pass."""
    ak, sk, server = _serve(not_found_everything)
    with server as url:
        run = run_suite(
            SuiteOptions(url, ak, sk, checks="SCHEMA-002,SCHEMA-003,SCHEMA-004,AUTH-001,SIGN-001", max_examples=2)
        )
    assert not run.ok
    for result in run.results.all():
        assert result.status is Status.FAILED, result.check_id
        assert "404" in result.findings[0].message


@pytest.mark.timeout(60)
def test_gzip_bomb_is_inflated_only_up_to_the_body_cap() -> None:
    from ccr_conformance.target import Target

    ak, sk, server = _serve(gzip_bomb)
    with server as url:
        target = Target(url, ak, sk, max_body=1024 * 1024)
        exchange = target.send("GET", "/v1/ccr/registries")
        target.close()
        run = _run(url, ak, sk)
    assert exchange.request_headers["Accept-Encoding"] == "identity"
    assert len(exchange.response_body) <= 1024 * 1024
    assert exchange.truncated and "inflates past" in (exchange.error or "")
    assert not run.ok


@pytest.mark.timeout(90)
def test_one_hanging_operation_does_not_stop_the_others() -> None:
    """The circuit breaker is per operation: a hanging policy list fails its own checks, and every
    other operation (schemathesis included) is still tested."""
    ak, sk, server = _serve(hang_policy_list)
    with server as url:
        run = run_suite(SuiteOptions(url, ak, sk, checks="AUTH-002,STRUCT-002,SCHEMA-002", max_examples=1, timeout=1.0))
    for check_id in ("AUTH-002", "SCHEMA-002"):
        result = run.results[check_id]
        assert result.status is Status.FAILED
        assert {f.operation for f in result.findings} <= {"listPolicies", "(run)"}, result.findings
        assert "createRegistry" in result.covered and result.operations["createRegistry"].passed
