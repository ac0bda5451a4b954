"""``ccr-contract proxy`` with real clients: signing for the proxy's host in both key modes, the rule
each broken server violates, ``--errors``, an upstream that fails, the wrapped command, the reports
(redacted, replayable) and a spec that does not validate.

Clients are Baidu's ``baiducloud-python-sdk-ccr`` (driven as ``tests/test_sdk_lifecycle.py`` drives
it) and ``requests`` signed by the project's adapter; servers are the reference server and the
deliberately broken ones of ``tests/broken_servers.py``.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path

import baiducloud_python_sdk_ccr.models as m
import pytest
import requests
import yaml
from broken_servers import BROKEN
from ccr_conformance.proxy.forwarding import ProxySettings
from ccr_conformance.proxy.session import ProxySession, ProxyStartError, check_spec
from sdk_capture import THROWAWAY_AK, THROWAWAY_SK, make_ccr_client

from ccr_cli.main import main
from ccr_contract.auth_adapters import BceRequestsAuth
from ccr_contract.liveserver import free_port, serve_in_thread
from ccr_contract.paths import spec_path
from ccr_contract.server import create_app
from ccr_contract.spec import AuthRules

INSTANCE = "ccr-4a5b6c7d"
LIST = f"/v1/instances/{INSTANCE}/projects?pageNo=1&pageSize=10"
KEYS = (THROWAWAY_AK, THROWAWAY_SK)


@pytest.fixture(scope="module")
def upstream() -> Iterator[str]:
    with serve_in_thread(create_app(credentials=dict([KEYS]))) as url:
        yield url


def proxied(upstream: str, key_pair: tuple[str, str] | None = None, errors: bool = False):  # type: ignore[no-untyped-def]
    lines: list[str] = []
    session = ProxySession(ProxySettings(upstream, key_pair, errors), say=lines.append)
    return session, lines


def failed_checks(session: ProxySession) -> set[str]:
    return {r.check_id for r in session.recorder.results.all() if r.findings}


# --------------------------------------------------------------------------- key modes


@pytest.mark.parametrize("key_pair", [None, KEYS], ids=["pass-through", "with-keys"])
def test_a_client_signing_for_the_proxys_host_works_in_both_key_modes(upstream: str, key_pair) -> None:  # type: ignore[no-untyped-def]
    session, lines = proxied(upstream, key_pair)
    with session.serving() as url:
        sdk = make_ccr_client(url)  # signs for the proxy's host:port, as any SDK does
        listed = sdk.list_projects(m.ListProjectsRequest(instance_id=INSTANCE, page_no=1, page_size=10))
        assert [p.project_name for p in listed.projects] == ["library"]
        raw = requests.get(url + LIST, auth=BceRequestsAuth(*KEYS), timeout=10)
        assert raw.status_code == 200 and raw.headers["x-bce-request-id"]
    assert session.violations == 0, lines
    assert session.recorder.statuses["ListProjects"] == {200: 2}
    # With the key pair the proxy verified the signature itself (PROXY-006), so it also knows a 2xx
    # was owed (AUTH-001); without it, it can judge neither.
    for check_id in ("PROXY-006", "AUTH-001"):
        assert bool(session.recorder.results[check_id].covered) is (key_pair is not None)


def test_with_keys_a_wrong_secret_is_a_violation_and_the_upstream_still_judges_it(upstream: str) -> None:
    session, lines = proxied(upstream, KEYS)
    with session.serving() as url:
        answer = requests.get(url + LIST, auth=BceRequestsAuth(THROWAWAY_AK, "not-the-secret-key"), timeout=10)
    mismatch = AuthRules.from_spec().errors["mismatch"]
    assert answer.status_code == mismatch["status"] and answer.json()["code"] == mismatch["code"]
    assert failed_checks(session) == {"PROXY-006"}
    assert session.recorder.results["AUTH-004"].covered == ["ListProjects"]  # the upstream refused it: holds
    assert len(lines) == 1 and lines[0].startswith("VIOLATION PROXY-006 ListProjects: GET ")


def test_with_keys_an_expired_signature_reaches_the_upstream_expired(upstream: str) -> None:
    """Re-signing keeps the client's timestamp: the upstream answers what it would have answered."""
    from ccr_contract.signing import sign_request

    session, _ = proxied(upstream, KEYS)
    with session.serving() as url:
        host = url.split("//", 1)[1]
        signed = sign_request("GET", LIST, {"host": host}, *KEYS, timestamp="2020-01-01T00:00:00Z", expiration=60)
        answer = requests.get(url + LIST, headers=signed.headers, timeout=10)
    assert answer.status_code == 400 and answer.json()["code"] == "RequestExpired"
    assert failed_checks(session) == {"PROXY-006"}
    assert session.recorder.results["AUTH-006"].covered == ["ListProjects"]


# --------------------------------------------------------------------------- broken servers


#: SDK traffic for the broken servers: reads, a not-found, an invalid write; plus raw requests
#: unsigned, malformed and signed with a wrong secret (the SDK always signs correctly).
def drive(url: str) -> None:
    sdk = make_ccr_client(url)
    calls = [
        lambda: sdk.list_instances(m.ListInstancesRequest(page_no=1, page_size=10)),
        lambda: sdk.list_projects(m.ListProjectsRequest(instance_id=INSTANCE, page_no=1, page_size=10)),
        lambda: sdk.get_instance_detail(m.GetInstanceDetailRequest(instance_id="ccr-00000000")),
        lambda: sdk.reset_password(m.ResetPasswordRequest(instance_id=INSTANCE, password="weakpassword1")),
    ]
    for call in calls:
        with contextlib.suppress(Exception):  # a broken server's answer may not parse: the proxy judges it anyway
            call()
    requests.get(url + "/v1/ccr/registries?pageNo=1&pageSize=10", auth=BceRequestsAuth(*KEYS), timeout=10)
    requests.get(url + LIST, timeout=10)
    requests.get(url + LIST, headers={"Authorization": "bce-auth-v1/not/a/valid/value"}, timeout=10)
    requests.get(url + LIST, auth=BceRequestsAuth(THROWAWAY_AK, "wrong-secret-0123456789"), timeout=10)


@pytest.mark.parametrize(
    "check_id",
    [
        "SCHEMA-001",  # an answer off its schema
        "SCHEMA-002",  # a 5xx
        "SCHEMA-003",  # invalid input accepted
        "STRUCT-001",  # not JSON
        "STRUCT-002",  # no x-bce-request-id
        "STRUCT-003",  # requestId != header
        "STRUCT-004",  # not the BCE error body
        "STRUCT-005",  # date-times with milliseconds
        "AUTH-002",  # unsigned request let through
        "AUTH-003",  # malformed Authorization answered with the wrong error
        "SECRET-002",  # the secret key in an answer
    ],
)
def test_each_broken_server_is_reported_with_the_rule_it_breaks(check_id: str) -> None:
    app = create_app(credentials=dict([KEYS]), execution_seconds=30)
    with serve_in_thread(BROKEN[check_id](app, dict([KEYS]))) as broken:
        session, lines = proxied(broken, KEYS)
        with session.serving() as url:
            drive(url)
    answer_rules = failed_checks(session) - {"PROXY-002", "PROXY-003", "PROXY-005", "PROXY-006"}
    assert check_id in answer_rules, lines
    assert any(line.startswith(f"VIOLATION {check_id} ") for line in lines)
    assert not any(THROWAWAY_SK in line for line in lines)


def test_the_reference_server_breaks_no_answer_rule_under_the_same_traffic(upstream: str) -> None:
    """The control for the test above: only the client's deliberate faults are reported."""
    session, lines = proxied(upstream, KEYS)
    with session.serving() as url:
        drive(url)
    assert failed_checks(session) == {"PROXY-003", "PROXY-005", "PROXY-006"}, lines


# --------------------------------------------------------------------------- --errors, failing upstream


def test_errors_mode_answers_a_violating_request_itself_and_forwards_valid_ones(upstream: str) -> None:
    session, _ = proxied(upstream, KEYS, errors=True)
    with session.serving() as url:
        bad = requests.get(url + LIST.replace("pageNo=1", "pageNo=first"), auth=BceRequestsAuth(*KEYS), timeout=10)
        good = requests.get(url + LIST, auth=BceRequestsAuth(*KEYS), timeout=10)
    body = bad.json()
    assert bad.status_code == 400 and body["code"] == "InvalidHTTPRequest"
    assert body["message"].startswith("ccr-contract proxy: PROXY-002: pageNo:")
    assert body["requestId"] == bad.headers["x-bce-request-id"]
    assert good.status_code == 200
    assert session.recorder.statuses["ListProjects"] == {400: 1, 200: 1}


def test_an_upstream_that_does_not_answer_is_a_502_never_an_invented_answer() -> None:
    session, lines = proxied(f"http://127.0.0.1:{free_port()}", errors=True)
    with session.serving() as url:
        answer = requests.get(url + LIST, auth=BceRequestsAuth(*KEYS), timeout=10)
    assert answer.status_code == 502 and answer.json()["code"] == "ProxyUpstreamFailed"
    assert "connection refused" in answer.json()["message"]
    assert failed_checks(session) == {"SCHEMA-002"} and lines


# --------------------------------------------------------------------------- reports, replay, secrets


def test_reports_are_the_suites_formats_redacted_and_replayable(upstream: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    ak, sk = "ccrproxy-" + secrets.token_hex(4), "sk-" + secrets.token_hex(16)
    app = create_app(credentials={ak: sk})
    with serve_in_thread(BROKEN["STRUCT-005"](app, {ak: sk})) as broken:
        session, _ = proxied(broken, (ak, sk))
        with session.serving() as url:
            requests.get(url + LIST, auth=BceRequestsAuth(ak, sk), timeout=10)
            session.report(tmp_path)
        names = {p.name for p in tmp_path.iterdir()}
        assert names >= {"junit.xml", "report.html", "report.md", "failures.json", "failures.har", "summary.json"}
        assert {"coverage.json", "coverage.md"} <= names
        for path in tmp_path.iterdir():
            text = path.read_text(encoding="utf-8")
            assert sk not in text and "bce-auth-v1/" not in text, path.name
        summary = json.loads((tmp_path / "summary.json").read_text())
        assert summary["ok"] is False and summary["proxy"]["violations"] == 1
        assert "ListProjects" in json.loads((tmp_path / "coverage.json").read_text())["hit"]
        failures = json.loads((tmp_path / "failures.json").read_text())["failures"]
        assert [(f["check"], f["operation"]) for f in failures] == [("STRUCT-005", "ListProjects")]
        assert 'classname="STRUCT-005" name="ListProjects"' in (tmp_path / "junit.xml").read_text()
        capsys.readouterr()
        code = main(["conformance", "replay", str(tmp_path), "--failure", "1", "--ak", ak, "--sk", sk])
    out = capsys.readouterr().out
    assert code == 1 and "verdict: STILL FAILS" in out, out  # the broken server still breaks STRUCT-005
    assert sk not in out


# --------------------------------------------------------------------------- the command line


def _cli(args: list[str], capsys) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    code = main(["proxy", *args])
    return code, capsys.readouterr().err


CLIENT = (
    "import os, requests; from ccr_contract.auth_adapters import BceRequestsAuth; "
    "url = os.environ['CCR_ENDPOINT'] + {path!r}; "
    "raise SystemExit(requests.get(url, auth=BceRequestsAuth({ak!r}, {sk!r}), timeout=10).status_code // 100 - 2)"
)


def test_wrapped_command_passes_then_fails_on_a_violation_then_on_its_own_status(
    upstream: str, tmp_path: Path, capsys, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CCR_AK", THROWAWAY_AK)
    monkeypatch.setenv("CCR_SK", THROWAWAY_SK)
    base = ["--upstream", upstream, "--listen", "127.0.0.1:0", "--report", str(tmp_path)]
    good = CLIENT.format(path=LIST, ak=THROWAWAY_AK, sk=THROWAWAY_SK)
    code, err = _cli([*base, "--", sys.executable, "-c", good], capsys)
    assert code == 0, err
    assert "1 request(s), 0 violation(s)" in err and THROWAWAY_SK not in err
    assert json.loads((tmp_path / "summary.json").read_text())["ok"] is True
    bad = CLIENT.format(path=LIST.replace("pageNo=1", "pageNo=first"), ak=THROWAWAY_AK, sk=THROWAWAY_SK)
    code, err = _cli([*base, "--", sys.executable, "-c", bad.replace("// 100 - 2", "* 0")], capsys)
    assert code == 1 and "VIOLATION PROXY-002 ListProjects" in err, err
    code, err = _cli([*base, "--", sys.executable, "-c", "raise SystemExit(3)"], capsys)
    assert code == 3 and "the command exited with status 3" in err


def test_a_spec_that_does_not_validate_stops_the_proxy_at_start_in_one_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    spec = yaml.safe_load(spec_path().read_text(encoding="utf-8"))
    del spec["info"]
    broken = tmp_path / "broken.yaml"
    broken.write_text(yaml.safe_dump(spec), encoding="utf-8")
    with pytest.raises(ProxyStartError, match="does not validate"):
        check_spec(broken)
    code, err = _cli(["--spec", str(broken), "--upstream", "http://127.0.0.1:9", "--", "true"], capsys)
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("ccr-contract proxy: the spec ") and "does not validate" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--upstream", "ftp://x"], "--upstream must be an absolute http(s) URL"),
        (["--upstream", "http://127.0.0.1:9", "--ak", "only-the-ak"], "give both the access key"),
        (["--upstream", "http://127.0.0.1:9", "--listen", "nowhere"], "--listen must be HOST:PORT"),
        (["--upstream", "http://127.0.0.1:9", "stray"], "put a command to run after '--'"),
    ],
)
def test_usage_errors_are_one_line(args: list[str], message: str, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("CCR_AK", raising=False)
    monkeypatch.delenv("CCR_SK", raising=False)
    code, err = _cli(args, capsys)
    assert code in (1, 2) and message in err and err.count("\n") == 1, err


def test_without_keys_a_refused_foreign_host_signature_gets_the_signing_advice_once(upstream: str) -> None:
    session, lines = proxied(upstream)
    with session.serving() as url:
        for _ in range(2):
            answer = requests.get(url + LIST, auth=BceRequestsAuth(THROWAWAY_AK, "wrong-secret-0123456789"), timeout=10)
            assert answer.status_code == 403
    advice = [line for line in lines if line.startswith("note: the upstream refused a signature made for Host")]
    assert len(advice) == 1 and "--ak/--sk" in advice[0]
    assert session.violations == 0  # without the key the proxy cannot tell whose fault a mismatch is


def test_sigterm_stops_the_foreground_proxy_and_writes_the_reports(upstream: str, tmp_path: Path) -> None:
    import signal
    import socket
    import subprocess
    import time

    port = free_port()
    cli = Path(sys.executable).parent / "ccr-contract"
    args = [str(cli), "proxy", "--upstream", upstream, "--listen", f"127.0.0.1:{port}", "--report", str(tmp_path)]
    proc = subprocess.Popen(args, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "the proxy did not start"
                time.sleep(0.1)
        bad = requests.get(f"http://127.0.0.1:{port}{LIST}&pageSize=5", auth=BceRequestsAuth(*KEYS), timeout=10)
        assert bad.status_code == 400  # pageSize twice: forwarded, refused upstream, reported here
        proc.send_signal(signal.SIGTERM)
        err = proc.communicate(timeout=30)[1]
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 1, err
    assert "VIOLATION PROXY-002 ListProjects" in err and "1 request(s), 1 violation(s)" in err
    assert json.loads((tmp_path / "summary.json").read_text())["proxy"]["violations"] == 1


def test_a_body_over_the_reference_servers_limit_is_answered_413_and_not_forwarded(upstream: str) -> None:
    session, _ = proxied(upstream)
    with session.serving() as url:
        answer = requests.post(
            f"{url}/v1/instances/{INSTANCE}/projects",
            data=b"{" + b" " * (1 << 20) + b"}",
            headers={"Content-Type": "application/json"},
            auth=BceRequestsAuth(*KEYS),
            timeout=10,
        )
    assert answer.status_code == 413 and answer.json()["code"] == "EntityTooLarge"
    assert answer.json()["message"].startswith("ccr-contract proxy: PROXY-003: body: the request body is larger")
    assert failed_checks(session) == {"PROXY-003"} and session.recorder.statuses["CreateProject"] == {413: 1}
