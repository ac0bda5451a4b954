"""``ccr-contract conformance``: exit status, summary naming the failing check, reports, usage errors."""

from __future__ import annotations

import re
import secrets
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from broken_servers import BROKEN, announcing_schemathesis

from ccr_cli.main import main
from ccr_contract.liveserver import serve_in_thread
from ccr_contract.server import create_app
from ccr_contract.spec import AuthRules

#: What the spec answers a signature made with the wrong secret.
MISMATCH = AuthRules.from_spec().errors["mismatch"]

PROGRESS_LINE = re.compile(r"^\[\d+/\d+\] ")


def test_embedded_reference_run_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["conformance", "--checks", "AUTH-002,STRUCT-004,STATE-003", "--max-examples", "2"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "PASS: 3/3" in out
    assert "AUTH-002" in out and "passed" in out


def test_broken_server_exits_nonzero_naming_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ak, sk = "ak-" + secrets.token_hex(3), "sk-" + secrets.token_hex(16)
    app = BROKEN["SECRET-002"](create_app(credentials={ak: sk}), {ak: sk})
    with serve_in_thread(app) as url:
        code = main(
            [
                "conformance",
                "--base-url",
                url,
                "--ak",
                ak,
                "--sk",
                sk,
                "--checks",
                "SECRET-002,AUTH-002",
                "--report",
                str(tmp_path),
                "--timeout",
                "5",
            ]
        )
    out = capsys.readouterr().out
    assert code == 1
    assert "failing: SECRET-002" in out
    assert "AUTH-002" in out
    assert sk not in out
    assert ("curl" in out and "[REDACTED]" in out) or "$CCR_SK" in out
    for path in tmp_path.iterdir():
        assert sk not in path.read_text(encoding="utf-8"), path.name
    junit = (tmp_path / "junit.xml").read_text()
    assert 'classname="SECRET-002"' in junit and "<failure" in junit


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--base-url", "ftp://example"], "--base-url must be an absolute http(s) URL"),
        (["--base-url", "http://127.0.0.1:9"], "needs --ak and --sk"),
        (["--checks", "NOPE-001"], "names no check"),
        (["--max-examples", "0"], "--max-examples"),
        (["--ak", "x"], "only make sense with --base-url"),
        (["--base-url", "http://[::1", "--ak", "a", "--sk", "b"], "--base-url is not a valid URL"),
        (["--base-url", "http://127.0.0.1:abc", "--ak", "a", "--sk", "b"], "--base-url is not a valid URL"),
        (["--seed", "abc"], "--seed must be an integer"),
        (["--report", "/dev/null/reports"], "not a writable directory"),
        (["--include-operation-id", "NoSuchOperation"], "the spec has no operation 'NoSuchOperation'"),
        (["--tag", "no-such-tag"], "select no operation"),
        (["--path", "/v1/nowhere"], "select no operation"),
        (["--path", "("], "not a valid regular expression"),
        (["--max-failures", "0"], "--max-failures must be at least 1"),
        (["--rate-limit", "0"], "--rate-limit must be between"),
        (["--instance-id", " "], "--instance-id must not be empty"),
        (["--config", "/nonexistent/ccr.toml"], "file not found"),
    ],
)
def test_usage_errors_are_one_line_exit_2(args: list[str], fragment: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CCR_AK", raising=False)
    monkeypatch.delenv("CCR_SK", raising=False)
    proc = subprocess.run(
        [sys.executable, "-m", "ccr_cli.main", "conformance", *args], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr


def _one_line_failure(capsys: pytest.CaptureFixture[str], url: str, ak: str, sk: str, *extra: str) -> tuple[int, str]:
    code = main(["conformance", "--base-url", url, "--ak", ak, "--sk", sk, *extra])
    captured = capsys.readouterr()
    assert sk not in captured.out + captured.err
    assert "passed" not in captured.out
    # Non-TTY progress lines ("[1/4] preflight (+0.0 s)") come first; the failure is one line.
    lines = [
        line
        for line in captured.err.strip().splitlines()
        if not PROGRESS_LINE.match(line) and not line.startswith("conformance against ")
    ]
    assert len(lines) == 1, captured.err
    return code, lines[0]


def test_unreachable_server_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    sk = "secret-" + secrets.token_hex(8)
    code, line = _one_line_failure(capsys, "http://127.0.0.1:9", "a", sk, "--timeout", "2")
    assert code == 1
    assert "cannot reach http://127.0.0.1:9" in line


def test_wrong_secret_key_is_one_line_naming_the_keys(capsys: pytest.CaptureFixture[str]) -> None:
    ak, sk = "ak-" + secrets.token_hex(3), "sk-" + secrets.token_hex(16)
    with serve_in_thread(create_app(credentials={ak: sk})) as url:
        code, line = _one_line_failure(capsys, url, ak, "wrong-" + secrets.token_hex(8))
    assert code == 1
    assert (
        "rejected the signed preflight" in line
        and f"{MISMATCH['status']} {MISMATCH['code']}" in line
        and "--ak/--sk" in line
    )


def test_tls_to_a_plain_http_port_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    ak, sk = "ak-" + secrets.token_hex(3), "sk-" + secrets.token_hex(16)
    with serve_in_thread(create_app(credentials={ak: sk})) as url:
        code, line = _one_line_failure(capsys, url.replace("http://", "https://"), ak, sk, "--timeout", "3")
    assert code == 1
    assert "TLS handshake failed" in line


def test_list_prints_the_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["conformance", "--list"]) == 0
    out = capsys.readouterr().out
    assert "SCHEMA-001" in out and "SECRET-002" in out


def test_pytest_plugin_runs_one_test_per_check(tmp_path: Path) -> None:
    (tmp_path / "test_ccr.py").write_text(
        "def test_ccr(ccr_conformance_run, ccr_check_id):\n    ccr_conformance_run.assert_passed(ccr_check_id)\n"
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "ccr_conformance.pytest_plugin",
            "-p",
            "no:cacheprovider",
            "--ccr-checks",
            "AUTH-002,STRUCT-002",
            "--ccr-max-examples",
            "2",
            "-o",
            "addopts=",
            str(tmp_path / "test_ccr.py"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "2 passed" in proc.stdout


@pytest.mark.timeout(120)
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_interrupt_during_schemathesis_exits_130_and_cleans_up(signum: int) -> None:
    """schemathesis swallows KeyboardInterrupt; CI cancels with SIGTERM: both must stop the run with
    exit 130 (not PASS) after removing what it created."""
    ak, sk = "ak-" + secrets.token_hex(3), "sk-" + secrets.token_hex(16)
    seen = threading.Event()
    app = announcing_schemathesis(seen)(create_app(credentials={ak: sk}), {ak: sk})
    with serve_in_thread(app) as url:
        command = [sys.executable, "-m", "ccr_cli.main", "conformance", "--base-url", url, "--ak", ak]
        command += ["--sk", sk, "--checks", "SCHEMA-002", "--max-examples", "200", "--timeout", "5"]
        proc = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert seen.wait(60), "the run never reached the schemathesis phase"
            time.sleep(0.5)
            proc.send_signal(signum)
            out, err = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        leftovers = _prefixed_items(url, ak, sk)
    assert proc.returncode == 130, out + err
    assert "PASS" not in out
    assert "Traceback" not in err
    assert "interrupted" in err
    assert leftovers == []


def _prefixed_items(url: str, ak: str, sk: str) -> list[str]:
    from ccr_conformance.target import Target, parse_json

    target = Target(url, ak, sk)
    names = []
    for path in ("/v1/ccr/registries", "/v1/ccr/policies"):
        data, _ = parse_json(target.send("GET", path, query="pageSize=100"))
        names += [item["name"] for item in data["result"] if item["name"].startswith("ccrconf-")]
    target.close()
    return names


def test_workers_are_capped_on_python_3_11_7(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ccr_cli.commands import conformance

    monkeypatch.setattr(sys, "version_info", (3, 11, 7, "final", 0))
    assert conformance._safe_workers(4) == 1
    assert "gh-106905" in capsys.readouterr().err
    monkeypatch.setattr(sys, "version_info", (3, 11, 9, "final", 0))
    assert conformance._safe_workers(4) == 4
