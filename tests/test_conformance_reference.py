"""The suite passes against the reference server over HTTP, leaves nothing behind, and is usable
from pytest through ``ccr_conformance.pytest_plugin``."""

from __future__ import annotations

import json
import secrets

import pytest
from ccr_conformance.catalogue import load
from ccr_conformance.report import write_reports
from ccr_conformance.results import Status
from ccr_conformance.runner import SuiteOptions, SuiteRun, run_suite
from ccr_conformance.target import Target

from ccr_contract.liveserver import serve_in_thread
from ccr_contract.server import create_app


@pytest.fixture(scope="module")
def reference_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[SuiteRun, dict]:
    ak, sk = "ccrconf-ref-" + secrets.token_hex(4), secrets.token_hex(20)
    app = create_app(credentials={ak: sk}, execution_seconds=30, probe_timeout=0.2)
    with serve_in_thread(app) as url:
        run = run_suite(SuiteOptions(url, ak, sk, max_examples=4, seed=1, embedded=True))
        leftovers = {}
        target = Target(url, ak, sk)
        for path in ("/v1/ccr/registries", "/v1/ccr/policies"):
            exchange = target.send("GET", path, query="pageSize=100")
            leftovers[path] = json.loads(exchange.response_body)["totalCount"]
        target.close()
    return run, {"leftovers": leftovers, "sk": sk, "reports": tmp_path_factory.mktemp("reports")}


def test_every_check_passes_against_the_reference_server(reference_run: tuple[SuiteRun, dict]) -> None:
    run, _ = reference_run
    failing = {
        r.check_id: (r.note or "; ".join(f"{f.operation}: {f.message}" for f in r.findings[:2]))
        for r in run.results.all()
        if r.status is not Status.PASSED
    }
    assert not failing, failing
    assert run.selected == load().ids()


def test_every_operation_is_covered_by_schema_and_auth_checks(reference_run: tuple[SuiteRun, dict]) -> None:
    run, _ = reference_run
    operations = {op.operation_id for op in run.workspace.contract.operations}
    for check_id in ("SCHEMA-001", "SCHEMA-002", "AUTH-002", "STRUCT-002"):
        assert set(run.results[check_id].covered) == operations, check_id


def test_the_run_cleans_up_after_itself(reference_run: tuple[SuiteRun, dict]) -> None:
    run, extra = reference_run
    assert run.cleanup_problems == []
    assert extra["leftovers"] == {"/v1/ccr/registries": 0, "/v1/ccr/policies": 0}


def test_reports_are_written_and_redacted(reference_run: tuple[SuiteRun, dict]) -> None:
    run, extra = reference_run
    paths = write_reports(run, extra["reports"])
    names = {p.name for p in paths}
    assert {"junit.xml", "report.md", "report.html", "failures.json", "failures.har", "summary.json"} <= names
    junit = (extra["reports"] / "junit.xml").read_text()
    assert junit.count("<testcase ") >= len(run.selected)
    assert 'classname="AUTH-002" name="deleteRegistry"' in junit
    for path in paths:
        assert extra["sk"] not in path.read_text(encoding="utf-8")
    assert "<script" not in (extra["reports"] / "report.html").read_text()
