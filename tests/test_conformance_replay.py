"""``ccr-contract conformance replay``: re-send one failure of a report, judge its rule again."""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any

import pytest
from broken_servers import BROKEN

from ccr_cli.main import main
from ccr_contract.liveserver import serve_in_thread
from ccr_contract.server import create_app


@pytest.fixture(scope="module")
def broken_report(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A STRUCT-004 + SECRET-002 report from a server breaking both; the server stays up for replays."""
    ak, sk = "ak-" + secrets.token_hex(3), "sk-" + secrets.token_hex(16)
    creds = {ak: sk}
    report = tmp_path_factory.mktemp("report")
    app = BROKEN["SECRET-002"](BROKEN["STRUCT-004"](create_app(credentials=creds), creds), creds)
    with serve_in_thread(app) as url, serve_in_thread(create_app(credentials=creds)) as healthy:
        argv = [
            "conformance",
            "--base-url",
            url,
            "--ak",
            ak,
            "--sk",
            sk,
            "--checks",
            "STRUCT-004,SECRET-002",
            "--tag",
            "registries",
        ]
        code = main([*argv, "--report", str(report), "--timeout", "5", "--quiet"])
        assert code == 1
        yield {"dir": report, "url": url, "healthy": healthy, "ak": ak, "sk": sk}


def failures(report: Path) -> list[dict[str, Any]]:
    data = json.loads((report / "failures.json").read_text(encoding="utf-8"))
    assert data["run"]["seed"] == 0 and data["run"]["embedded"] is False
    return data["failures"]


def first(report: Path, check: str, method: str | None = None, signed: bool | None = None) -> dict[str, Any]:
    for failure in failures(report):
        request = (failure.get("exchange") or {}).get("request")
        if failure["check"] != check or not request:
            continue
        if method and request["method"] != method:
            continue
        if signed is not None and request["signed"] is not signed:
            continue
        return failure
    raise AssertionError(f"no {check} failure with a {method} request in the report")


def test_failures_are_numbered_and_listed(broken_report: Any, capsys: pytest.CaptureFixture[str]) -> None:
    numbered = failures(broken_report["dir"])
    assert [f["n"] for f in numbered] == list(range(1, len(numbered) + 1))
    assert main(["conformance", "replay", str(broken_report["dir"])]) == 0
    out = capsys.readouterr().out
    assert f"{len(numbered)} failure(s)" in out and "STRUCT-004" in out and "SECRET-002" in out
    assert "replay" in (broken_report["dir"] / "report.md").read_text()


def test_replay_still_fails_then_holds_against_a_fixed_server(
    broken_report: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    failure = first(broken_report["dir"], "STRUCT-004", signed=True)
    monkeypatch.setenv("CCR_AK", broken_report["ak"])
    monkeypatch.setenv("CCR_SK", broken_report["sk"])
    argv = ["conformance", "replay", str(broken_report["dir"]), "--failure", str(failure["n"])]
    if failure["exchange"]["request"]["method"] not in ("GET", "HEAD"):
        argv.append("--allow-write")  # our own throwaway server
    assert main(argv) == 1
    out = capsys.readouterr().out
    assert "answer: 404" in out and "verdict: STILL FAILS — STRUCT-004 still fails" in out, out
    assert "signed afresh as " + broken_report["ak"] in out
    assert broken_report["sk"] not in out
    assert main([*argv, "--base-url", broken_report["healthy"]]) == 0
    out = capsys.readouterr().out
    assert "verdict: HOLDS" in out and broken_report["healthy"] in out


def test_replay_by_check_and_operation_with_keys_on_the_command_line(
    broken_report: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CCR_AK", raising=False)
    monkeypatch.delenv("CCR_SK", raising=False)
    failure = first(broken_report["dir"], "STRUCT-004", signed=True)
    argv = ["conformance", "replay", str(broken_report["dir"]), "--check", "struct-004"]
    argv += ["--operation", failure["operation"], "--ak", broken_report["ak"], "--sk", broken_report["sk"]]
    argv.append("--allow-write")
    assert main(argv) == 1
    assert f"failure {failure['n']} of" in capsys.readouterr().out


def test_a_deliberately_wrong_signature_is_not_replayable(
    broken_report: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    failure = first(broken_report["dir"], "SECRET-002", signed=False)
    argv = ["conformance", "replay", str(broken_report["dir"]), "--failure", str(failure["n"])]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "made wrong on purpose" in err[0]
    assert "ccr-contract conformance --checks SECRET-002" in err[0]


def test_keys_are_required_for_a_signed_request(
    broken_report: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CCR_AK", raising=False)
    monkeypatch.delenv("CCR_SK", raising=False)
    failure = first(broken_report["dir"], "STRUCT-004", signed=True)
    argv = ["conformance", "replay", str(broken_report["dir"]), "--failure", str(failure["n"]), "--allow-write"]
    assert main(argv) == 2
    assert "pass --ak and --sk" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        (["--failure", "999"], "--failure 999: the report has failures 1 to"),
        (["--check", "PAGE-001"], "no failure in the report matches --check PAGE-001"),
    ],
)
def test_selector_errors(
    broken_report: Any, capsys: pytest.CaptureFixture[str], extra: list[str], fragment: str
) -> None:
    assert main(["conformance", "replay", str(broken_report["dir"]), *extra]) == 2
    assert fragment in capsys.readouterr().err


def synthetic(tmp_path: Path, method: str, embedded: bool, body: str = "") -> Path:
    """A one-failure report as a run would write it (the recorded base URL is long gone)."""
    data = {
        "run": {"embedded": embedded, "base_url": "http://127.0.0.1:9", "run_id": "abcd1234", "seed": 0},
        "failures": [
            {
                "n": 1,
                "check": "STRUCT-004",
                "operation": "GetRegistryDetail",
                "message": "404 body is not the BCE error body",
                "exchange": {
                    "request": {
                        "method": method,
                        "url": "http://127.0.0.1:9/v1/instances/ccr-9z8y7x6w/registries/9007199254740991",
                        "headers": {"Accept": "application/json", "Authorization": "[REDACTED]"},
                        "body": body,
                        "body_bytes": len(body),
                        "signed": True,
                    },
                    "response": {"status": 404, "headers": {}, "body": '{"error": "not found"}'},
                },
            }
        ],
    }
    (tmp_path / "failures.json").write_text(json.dumps(data))
    return tmp_path


def test_an_embedded_run_is_replayed_against_a_fresh_reference_server(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = synthetic(tmp_path, "GET", embedded=True)
    assert main(["conformance", "replay", str(report), "--failure", "1"]) == 0
    out = capsys.readouterr().out
    assert "fresh one" in out and "answer: 404" in out and "verdict: HOLDS" in out


def test_a_write_to_a_named_server_needs_allow_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = synthetic(tmp_path, "DELETE", embedded=False)
    argv = ["conformance", "replay", str(report), "--failure", "1", "--ak", "a", "--sk", "secret"]
    assert main(argv) == 2
    assert "pass --allow-write" in capsys.readouterr().err


def test_a_truncated_body_is_not_replayable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = synthetic(tmp_path, "GET", embedded=True, body='{"a": 1}... (70000 more bytes)')
    assert main(["conformance", "replay", str(report), "--failure", "1"]) == 2
    assert "only part of the request body" in capsys.readouterr().err


def test_not_a_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["conformance", "replay", str(tmp_path)]) == 2
    assert "failures.json: not found" in capsys.readouterr().err


def test_every_report_format_carries_the_run_metadata(broken_report: Any) -> None:
    import ccr_contract

    report = broken_report["dir"]
    summary = json.loads((report / "summary.json").read_text(encoding="utf-8"))
    run = summary["run"]
    assert run["tool_version"] == ccr_contract.__version__
    assert run["spec_version"] and run["schemathesis_version"] and run["seed"] == 0 and run["max_examples"] == 10
    by_id = {row["id"]: row for row in summary["checks"]}
    assert by_id["STRUCT-004"]["operations"]  # per check, the operations it covered
    assert json.loads((report / "failures.json").read_text())["run"] == run
    har = json.loads((report / "failures.har").read_text())
    assert har["log"]["_run"] == run and har["log"]["creator"]["version"] == run["tool_version"]
    assert all(entry["comment"].startswith("failure ") for entry in har["log"]["entries"])
    junit = (report / "junit.xml").read_text()
    for name in ("seed", "max_examples", "tool_version", "spec_version", "schemathesis_version"):
        assert f'<property name="{name}"' in junit
    for name in ("report.md", "report.html"):
        text = (report / name).read_text()
        assert f"ccr-contract {run['tool_version']}" in text and f"spec {run['spec_version']}" in text
        assert "seed 0" in text and "max examples 10" in text and "schemathesis" in text
