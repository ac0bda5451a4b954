"""``--read-only`` against the reference server: nothing is created, changed or deleted, the checks
the setting rules out say "not applicable" with the reason (not "not run", a gap), and the run's
verdict rests on the checks that did run."""

from __future__ import annotations

import secrets
import threading

import pytest
from ccr_conformance.report import summary_rows
from ccr_conformance.results import Results, Status
from ccr_conformance.runner import SuiteOptions, SuiteRun, run_suite

from ccr_contract.liveserver import serve_in_thread
from ccr_contract.server import create_app

SAFE = {"GET", "HEAD", "OPTIONS"}


class MethodCounter:
    """ASGI middleware: the methods of the signed requests the server accepted (2xx answers)."""

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        self.app = app
        self.accepted_writes: list[str] = []
        self._lock = threading.Lock()

    async def __call__(self, scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        if scope["type"] != "http" or scope["method"] in SAFE:
            await self.app(scope, receive, send)
            return

        async def watch(message):  # type: ignore[no-untyped-def]
            if message["type"] == "http.response.start" and 200 <= message["status"] < 300:
                with self._lock:
                    self.accepted_writes.append(f"{scope['method']} {scope['path']}")
            await send(message)

        await self.app(scope, receive, watch)


@pytest.fixture(scope="module")
def read_only_run() -> tuple[SuiteRun, MethodCounter]:
    ak, sk = "ccrconf-ro-" + secrets.token_hex(4), secrets.token_hex(20)
    app = MethodCounter(create_app(credentials={ak: sk}, execution_seconds=30, probe_timeout=0.2))
    with serve_in_thread(app) as url:
        run = run_suite(SuiteOptions(url, ak, sk, max_examples=3, seed=1, read_only=True))
    return run, app


def test_a_read_only_run_writes_nothing(read_only_run: tuple[SuiteRun, MethodCounter]) -> None:
    run, app = read_only_run
    assert app.accepted_writes == []
    assert not run.workspace.created


def test_ruled_out_checks_are_not_applicable_with_the_reason(read_only_run: tuple[SuiteRun, MethodCounter]) -> None:
    run, _ = read_only_run
    ruled_out = [r for r in run.results.all() if r.status is Status.NOT_APPLICABLE]
    assert ruled_out, "a read-only run rules out the families that create items"
    assert all(r.note and "--read-only" in r.note for r in ruled_out if r.check_id.startswith(("STATE", "RES")))
    assert not [r.check_id for r in run.results.all() if r.status is Status.NOT_RUN]


def test_a_read_only_run_against_the_reference_server_passes(read_only_run: tuple[SuiteRun, MethodCounter]) -> None:
    run, _ = read_only_run
    failing = {
        r.check_id: r.note or [f.message for f in r.findings[:2]]
        for r in run.results.all()
        if r.status is Status.FAILED
    }
    assert not failing, failing
    assert sum(r.status is Status.PASSED for r in run.results.all()) >= 10
    assert run.ok
    rows = {row["id"]: row["status"] for row in summary_rows(run)}
    assert "not applicable" in rows.values()


def test_not_applicable_never_hides_a_failure_or_a_gap() -> None:
    results = Results(["A", "B"])
    results.passed("A", "op")
    results.not_applicable("B", "--read-only")
    assert results["B"].status is Status.NOT_APPLICABLE and results.ok
    failing = Results(["A", "C"])
    failing.passed("A", "op")
    failing.not_applicable("C", "--read-only")
    failing.failed("C", "op", "wrong answer")
    assert failing["C"].status is Status.FAILED and not failing.ok  # a finding beats the setting
    only_ruled_out = Results(["B"])
    only_ruled_out.not_applicable("B", "--read-only")
    assert not only_ruled_out.ok  # a run that checked nothing proves nothing
    gap = Results(["A", "D"])
    gap.passed("A", "op")
    assert gap["D"].status is Status.NOT_RUN and not gap.ok
    gap.not_applicable("D", "no such item on this target", "GetThing")  # one operation ruled out
    assert gap["D"].status is Status.NOT_RUN and not gap.ok  # ...is not the whole check
    assert "GetThing" in (gap["D"].note or "")
