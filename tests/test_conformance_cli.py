"""``ccr-contract conformance``: exit status, summary naming the failing check, reports, usage errors."""

from __future__ import annotations

import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from broken_servers import BROKEN

from ccr_contract.cli import main
from ccr_contract.liveserver import serve_in_thread
from ccr_contract.server import create_app


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
    ],
)
def test_usage_errors_are_one_line_exit_2(args: list[str], fragment: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CCR_AK", raising=False)
    monkeypatch.delenv("CCR_SK", raising=False)
    proc = subprocess.run(
        [sys.executable, "-m", "ccr_contract.cli", "conformance", *args], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr


def test_unreachable_server_fails_cleanly(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "conformance",
            "--base-url",
            "http://127.0.0.1:9",
            "--ak",
            "a",
            "--sk",
            "secret-" + secrets.token_hex(8),
            "--checks",
            "AUTH",
            "--timeout",
            "2",
        ]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "did not answer" in out


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
