"""Filtered runs the way users start them (issue 18): every ``--tag``, and a sample of single
``--include-operation-id`` values, against the embedded reference server and over HTTP against a
separately started ``ccr-contract mock``.  Each run must pass (a filter must never turn a correct
server into a failing one) and must call only the selected operations, plus the reads its fixtures
need and the deletes that remove what it created (cleanup)."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import pytest
from ccr_conformance.plan import not_applicable
from ccr_conformance.results import Status
from ccr_conformance.runner import SuiteOptions, SuiteRun, run_suite
from ccr_conformance.selection import SelectionError, select_operations
from ccr_conformance.target import Target
from server_fixtures import mock_process

from ccr_contract.liveserver import serve_in_thread
from ccr_contract.server import create_app
from ccr_contract.spec import load_spec, operations

SPEC = load_spec()
OPERATIONS = sorted(operations(SPEC), key=lambda op: op.operation_id)
TAGS = sorted({str(tag) for op in OPERATIONS for tag in op.definition.get("tags", [])})
#: Every 12th operation id (a spread over both editions and most groups), plus the two the issue
#: named: a Personal list, and an Enterprise list whose path needs an instance id.
SAMPLE_IDS = sorted({op.operation_id for op in OPERATIONS[::12]} | {"listRegistries", "ListProjects"})
AK, SK = "ccrconf-filters-" + secrets.token_hex(3), secrets.token_hex(20)


def run_filtered(base_url: str, selected: frozenset[str], *, embedded: bool) -> tuple[SuiteRun, list[tuple]]:
    """The suite on ``selected`` with every request it sends recorded as ``(phase, operation, method)``."""
    calls: list[tuple[str, str | None, str]] = []
    phase = ["start"]
    original = Target.send

    def send(self: Target, method: str, path: str, *args: Any, **kwargs: Any) -> Any:
        calls.append((phase[0], kwargs.get("operation"), method.upper()))
        return original(self, method, path, *args, **kwargs)

    def progress(event: Any) -> None:
        phase[0] = event.phase

    options = SuiteOptions(base_url, AK, SK, max_examples=2, seed=0, operations=selected, embedded=embedded)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Target, "send", send)
        run = run_suite(options, progress=progress)
    return run, calls


def assert_passes_within_selection(run: SuiteRun, calls: list[tuple], selected: frozenset[str]) -> None:
    failing = {r.check_id: (r.status.value, r.note, [f.message for f in r.findings[:2]]) for r in run.results.all()
               if r.status not in (Status.PASSED, Status.NOT_APPLICABLE)}  # fmt: skip
    assert not run.fatal, run.fatal
    assert not failing, failing
    assert any(r.status is Status.PASSED for r in run.results.all())
    by_id = {op.operation_id: op for op in OPERATIONS}
    leaked = sorted(
        {
            f"{phase}: {op_id} ({method})"
            for phase, op_id, method in calls
            if op_id in by_id
            and op_id not in selected
            and method != "GET"
            and not (phase == "cleanup" and method in ("DELETE", "POST", "PUT"))
        }
    )
    assert not leaked, f"the run called operations it did not select: {leaked}"
    assert not run.cleanup_problems, run.cleanup_problems


@pytest.fixture(scope="module")
def embedded_url() -> Any:
    app = create_app(credentials={AK: SK}, execution_seconds=30, probe_timeout=0.2)
    with serve_in_thread(app) as url:
        yield url


@pytest.fixture(scope="module")
def mock_url(tmp_path_factory: pytest.TempPathFactory) -> Any:
    log = Path(tmp_path_factory.mktemp("mock")) / "mock.log"
    with mock_process("--ak", AK, "--sk", SK, log=log) as (_proc, url):
        yield url


@pytest.mark.parametrize("tag", TAGS)
def test_every_tag_passes_embedded_and_over_http(tag: str, embedded_url: str, mock_url: str) -> None:
    selected = select_operations(tags=[tag], spec=SPEC)
    assert selected
    for url, embedded in ((embedded_url, True), (mock_url, False)):
        run, calls = run_filtered(url, selected, embedded=embedded)
        assert_passes_within_selection(run, calls, selected)


@pytest.mark.parametrize("operation_id", SAMPLE_IDS)
def test_single_operations_pass_embedded_and_over_http(operation_id: str, embedded_url: str, mock_url: str) -> None:
    selected = frozenset({operation_id})
    for url, embedded in ((embedded_url, True), (mock_url, False)):
        if not embedded and operation_id in not_applicable(SPEC, embedded=False):
            # a billed operation alone, away from the embedded server: a usage error naming why
            with pytest.raises(SelectionError, match="x-bce-billed"):
                run_filtered(url, selected, embedded=embedded)
            continue
        run, calls = run_filtered(url, selected, embedded=embedded)
        assert_passes_within_selection(run, calls, selected)


def test_checks_of_filtered_out_operations_are_not_applicable_with_the_reason(embedded_url: str) -> None:
    """``listRegistries`` alone: the toggle and secret checks (RES-003, RES-004) have nothing to do,
    say so, and never reach ToggleTrigger or RefreshRobotAccountKey (issue 18's leak)."""
    run, calls = run_filtered(embedded_url, frozenset({"listRegistries"}), embedded=True)
    for check_id in ("RES-003", "RES-004", "STATE-004"):
        result = run.results[check_id]
        assert result.status is Status.NOT_APPLICABLE, (check_id, result.status, result.note)
        assert "selection" in result.note or "left out" in result.note, result.note
    called = {op_id for _phase, op_id, _method in calls}
    assert not called & {"ToggleTrigger", "RefreshRobotAccountKey", "createPolicy"}, called


def test_a_check_that_finds_a_defect_still_fails_a_filtered_run(embedded_url: str) -> None:
    """The filter's leniency is only for checks with nothing to do: a broken answer on a selected
    operation still fails (here the server answers the preflight list with 500)."""
    from ccr_contract.liveserver import serve_in_thread as serve

    async def broken(scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        await send({"type": "http.response.start", "status": 500, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"boom"})

    with serve(broken) as url:
        run, _ = run_filtered(url, frozenset({"listRegistries"}), embedded=True)
    assert run.fatal and not run.ok


def test_dry_run_lists_the_plan_and_sends_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    """``--dry-run`` against a URL nothing listens on: exit 0, the selected operations listed as run,
    the others grouped under the reason they are left out, the read-only families not applicable."""
    from ccr_cli.main import main

    code = main(
        ["conformance", "--dry-run", "--base-url", "http://127.0.0.1:9", "--ak", "a", "--sk", "b",
         "--tag", "enterprise-namespaces", "--read-only"]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0, out
    assert "nothing is sent" in out
    assert "  run  ListProjects" in out and "  run  GetProjectDetail" in out
    assert "left out (--read-only (it changes state)): " in out and "CreateProject" in out
    assert "  run  CreateProject" not in out
    assert "n/a  STATE-001  (not applicable: --read-only" in out


def test_dry_run_names_a_selection_the_target_rules_out(capsys: pytest.CaptureFixture[str]) -> None:
    from ccr_cli.main import main

    code = main(["conformance", "--dry-run", "--base-url", "http://127.0.0.1:9", "--ak", "a", "--sk", "b",
                 "--include-operation-id", "RenewInstance"])  # fmt: skip
    assert code == 2
    assert "x-bce-billed" in capsys.readouterr().err
