"""Blind spots of the Enterprise checks (issue 18): each defect here went unnoticed by the default run
before; now the named check fails against a server with exactly that defect (tests/broken_servers.py),
while the reference server passes it (tests/test_conformance_*.py run the full suite on it)."""

from __future__ import annotations

import re
import secrets

import pytest
from broken_servers import (
    Broken,
    Req,
    Resp,
    enterprise_creates_unvalidated,
    executions_oldest_first,
    lists_ignore_instance,
    tags_through_any_repository,
    writes_ignore_instance,
)
from ccr_conformance.contract import Contract
from ccr_conformance.results import Status
from ccr_conformance.runner import SuiteOptions, run_suite
from ccr_conformance.target import Target, parse_json
from test_conformance_broken import run_wrapped

from ccr_contract.liveserver import serve_in_thread
from ccr_contract.server import create_app


@pytest.mark.parametrize(
    ("wrapper", "check_id", "fragment"),
    [
        (writes_ignore_instance, "RES-006", "answered 200, expected 404"),
        (tags_through_any_repository, "RES-006", "only, asked for through"),
        (lists_ignore_instance, "RES-007", "the other parent's list shows it"),
        (executions_oldest_first, "PAGE-005", "creation order, newest first"),
    ],
)
def test_wrong_parent_defects_fail_their_check(wrapper, check_id: str, fragment: str) -> None:  # type: ignore[no-untyped-def]
    run = run_wrapped(wrapper, check_id, engine=False)
    result = run.results[check_id]
    assert result.status is Status.FAILED, result.note
    assert any(fragment in f.message for f in result.findings), [f.message for f in result.findings]
    assert not run.cleanup_problems


def _estate_snapshot(url: str, ak: str, sk: str) -> dict[str, list[str]]:
    """Every instance's projects and triggers (keys and names) as the server lists them."""
    target = Target(url, ak, sk)
    try:
        data, _ = parse_json(target.send("GET", "/v1/instances", query="pageSize=100"))
        shown: dict[str, list[str]] = {}
        for instance in data["instances"]:
            for collection, key in (("projects", "projectName"), ("triggers", "name")):
                path = f"/v1/instances/{instance['id']}/{collection}"
                listed, _ = parse_json(target.send("GET", path, query="pageSize=100"))
                items = listed.get(collection) or listed.get("policies") or listed.get("items") or []
                shown[path] = sorted(str(i.get(key)) for i in items)
        return shown
    finally:
        target.close()


def test_wrong_parent_writes_reach_only_the_runs_own_items() -> None:
    """Against a server whose writes ignore the instance, the writes through the other instance land on
    the run's own fresh items: everything the run did not create is still there afterwards, in both
    instances, and cleanup removes the rest."""
    ak, sk = "ccrconf-test-" + secrets.token_hex(4), secrets.token_hex(16)
    app = create_app(credentials={ak: sk}, execution_seconds=30, probe_timeout=0.2)
    with serve_in_thread(writes_ignore_instance(app, {ak: sk})) as url:
        before = _estate_snapshot(url, ak, sk)
        run = run_suite(SuiteOptions(url, ak, sk, checks="RES-006", max_examples=2, timeout=5.0))
        after = _estate_snapshot(url, ak, sk)
    assert run.results["RES-006"].status is Status.FAILED
    assert after == before, "the run changed items it did not create"
    assert not run.cleanup_problems


def test_invalid_enterprise_create_bodies_are_judged_by_a_real_instance() -> None:
    """schemathesis's negative Enterprise creates go to the instance under test (not a missing one), so a
    server that accepts an invalid create body is caught by SCHEMA-003."""
    run = run_wrapped(enterprise_creates_unvalidated, "SCHEMA-003", max_examples=10)
    result = run.results["SCHEMA-003"]
    assert result.status is Status.FAILED, result.note
    assert any(f.operation.startswith("Create") for f in result.findings), [
        (f.operation, f.message) for f in result.findings
    ]
    assert not run.cleanup_problems


def _recording(seen: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    """The reference server, noting every write schemathesis sends."""

    def wrapper(app, creds):  # type: ignore[no-untyped-def]
        def on_request(req: Req) -> Resp | None:
            if "schemathesis" in req.headers.get("user-agent", "") and req.method != "GET":
                seen.append((req.method, req.path))
            return None

        return Broken(app, creds, on_request=on_request)

    return wrapper


def _create_templates() -> dict[str, re.Pattern[str]]:
    """Create paths of the collections directly under an instance that the run may fill on a real
    account (the instance's own configuration is left out)."""
    contract = Contract()
    out = {}
    for res in contract.enterprise_resources:
        create = res.operation("create")
        chain = contract.model.chain(res.name)
        if create is None or len(chain) != 2 or res.configures_instance:
            continue
        out[create.operation_id] = re.compile("^" + re.sub(r"\\{[^}]+\\}", "([^/]+)", re.escape(create.path)) + "$")
    return out


def test_fuzzed_enterprise_creates_reach_the_instance_under_test_and_are_cleaned_up() -> None:
    """Every create schemathesis sends to an instance's collection names the instance under test, and
    whatever the reference server accepted is gone after the run (cleanup found it)."""
    seen: list[tuple[str, str]] = []
    ak, sk = "ccrconf-test-" + secrets.token_hex(4), secrets.token_hex(16)
    app = create_app(credentials={ak: sk}, execution_seconds=30, probe_timeout=0.2)
    with serve_in_thread(_recording(seen)(app, {ak: sk})) as url:
        before = _estate_snapshot(url, ak, sk)
        run = run_suite(SuiteOptions(url, ak, sk, checks="SCHEMA-003,SCHEMA-004", max_examples=10, timeout=5.0))
        after = _estate_snapshot(url, ak, sk)
    assert run.results["SCHEMA-003"].status is Status.PASSED, run.results["SCHEMA-003"].findings[:2]
    reached: dict[str, set[str]] = {}
    for method, path in seen:
        for op_id, template in _create_templates().items():
            match = template.match(path)
            if method == "POST" and match:
                reached.setdefault(op_id, set()).add(match.group(1))
    assert len(reached) >= 5, reached
    home = run.workspace.estate.instance()
    assert all(instances == {home} for instances in reached.values()), reached
    assert after == before, "fuzzed creates the server accepted were left behind"
    assert not run.cleanup_problems
