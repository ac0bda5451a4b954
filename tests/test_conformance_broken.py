"""Every catalogue check fails on a server that breaks exactly its rule (tests/broken_servers.py).

Parametrized over the catalogue itself: a check added without a broken server fails here.
"""

from __future__ import annotations

import contextlib
import secrets
from unittest import mock

import pytest
from broken_servers import (
    BROKEN,
    any_signature_on_existing_ids,
    expired_accepted_with_parameters,
    future_accepted_within_30_minutes,
    lenient_names,
    listed_access_key_changed,
    listed_source_registry_wrong,
    page_size_capped_above_500,
    policy_create_fails,
    registry_create_conflicts,
    secret_key_base64_in_errors,
)
from ccr_conformance.catalogue import load
from ccr_conformance.results import Status
from ccr_conformance.runner import SuiteOptions, SuiteRun, run_suite
from ccr_conformance.target import Target, parse_json

from ccr_contract.liveserver import serve_in_thread
from ccr_contract.server import create_app

CATALOGUE_IDS = load().ids()


def run_broken(check_id: str, checks: str | None = None, **options: object) -> SuiteRun:
    ak, sk = "ccrconf-test-" + secrets.token_hex(4), secrets.token_hex(16)
    app = create_app(credentials={ak: sk}, execution_seconds=30, probe_timeout=0.2)
    with serve_in_thread(BROKEN[check_id](app, {ak: sk})) as url:
        return run_suite(
            SuiteOptions(
                url,
                ak,
                sk,
                checks=checks or check_id,
                max_examples=int(options.get("max_examples", 4)),
                timeout=float(options.get("timeout", 5.0)),
                seed=0,
                embedded=True,  # the test started the server itself, as `ccr-contract conformance` does
            )
        )


@pytest.mark.parametrize("check_id", CATALOGUE_IDS)
def test_broken_server_fails_exactly_its_check(check_id: str) -> None:
    assert check_id in BROKEN, f"{check_id} has no broken server in tests/broken_servers.py"
    run = run_broken(check_id)
    result = run.results[check_id]
    assert result.status is Status.FAILED, f"{check_id} did not fail against its broken server ({result.note})"
    assert all(f.check_id == check_id for f in result.findings)
    assert not run.ok


def test_no_broken_server_without_a_catalogue_entry() -> None:
    assert set(BROKEN) == set(CATALOGUE_IDS)


def run_wrapped(  # type: ignore[no-untyped-def]
    wrapper, checks: str, leftovers: list[str] | None = None, *, engine: bool = True, **options: object
) -> SuiteRun:
    """Run ``checks`` against ``wrapper`` around the reference app; names of items still on the server
    after the run are appended to ``leftovers``.  ``engine=False`` leaves the schemathesis phase out
    (for escapes the suite's own traffic must catch; it saves seconds per test)."""
    ak, sk = "ccrconf-test-" + secrets.token_hex(4), secrets.token_hex(16)
    app = create_app(credentials={ak: sk}, execution_seconds=30, probe_timeout=0.2)
    with serve_in_thread(wrapper(app, {ak: sk})) as url, contextlib.ExitStack() as stack:
        if not engine:
            stack.enter_context(mock.patch("ccr_conformance.runner.run_schemathesis", return_value=0))
        run = run_suite(
            SuiteOptions(
                url, ak, sk, checks=checks, max_examples=int(options.get("max_examples", 2)), timeout=5.0, embedded=True
            )
        )
        if leftovers is not None:
            target = Target(url, ak, sk)
            for path in ("/v1/ccr/registries", "/v1/ccr/policies"):
                data, _ = parse_json(target.send("GET", path, query="pageSize=100"))
                leftovers += [item["name"] for item in data["result"]]
            target.close()
        return run


def test_signatures_are_checked_on_existing_ids_too() -> None:
    """A server that checks signatures only when the named item is missing passes every request that
    names a sentinel id; AUTH-004..008 also name the run's own fixtures."""
    run = run_wrapped(any_signature_on_existing_ids, "AUTH-004,AUTH-005,AUTH-006,AUTH-007,AUTH-008")
    for check_id in ("AUTH-004", "AUTH-005", "AUTH-006", "AUTH-007", "AUTH-008"):
        result = run.results[check_id]
        assert result.status is Status.FAILED, check_id
        assert any("existing ids: " in f.message for f in result.findings), check_id
    assert not run.cleanup_problems


def test_positive_create_answered_409_fails_schema_004() -> None:
    run = run_wrapped(registry_create_conflicts, "SCHEMA-004")
    result = run.results["SCHEMA-004"]
    assert result.status is Status.FAILED
    assert any("naming no id was answered 409" in f.message for f in result.findings), result.findings


@pytest.mark.parametrize(
    ("wrapper", "check_id", "fragment"),
    [
        (expired_accepted_with_parameters, "AUTH-006", "with parameters: "),
        (future_accepted_within_30_minutes, "AUTH-007", "+420 s: "),
    ],
)
def test_signature_windows_are_checked_where_servers_cut_corners(wrapper, check_id: str, fragment: str) -> None:  # type: ignore[no-untyped-def]
    result = run_wrapped(wrapper, check_id).results[check_id]
    assert result.status is Status.FAILED
    assert any(f.message.startswith(fragment) for f in result.findings), [f.message for f in result.findings]


def test_a_missing_fixture_fails_only_the_check_that_needed_it() -> None:
    run = run_wrapped(policy_create_fails, "AUTH-003,AUTH-010")
    assert run.results["AUTH-003"].status is Status.PASSED, run.results["AUTH-003"].findings
    findings = run.results["AUTH-010"].findings
    assert findings and all("could not make a fixture" in f.message for f in findings)
    assert all(f.operation == "createPolicy" for f in findings)


def test_invalid_create_bodies_carry_the_prefix_so_a_lenient_server_is_cleaned() -> None:
    leftovers: list[str] = []
    run = run_wrapped(lenient_names, "SECRET-001", leftovers, engine=False)
    assert not run.cleanup_problems
    assert leftovers == []


@pytest.mark.parametrize(
    ("wrapper", "fragment"),
    [(listed_access_key_changed, "credential.accessKey"), (listed_source_registry_wrong, "srcRegistry")],
)
def test_state_001_compares_nested_fields(wrapper, fragment: str) -> None:  # type: ignore[no-untyped-def]
    result = run_wrapped(wrapper, "STATE-001").results["STATE-001"]
    assert result.status is Status.FAILED
    assert any(fragment in f.message for f in result.findings), [f.message for f in result.findings]


@pytest.mark.parametrize(
    ("wrapper", "check_id", "fragment"),
    [
        (page_size_capped_above_500, "PAGE-002", "pageSize=1000"),
        (secret_key_base64_in_errors, "SECRET-002", "secret access key"),
    ],
)
def test_escapes_found_in_review_are_caught(wrapper, check_id: str, fragment: str) -> None:  # type: ignore[no-untyped-def]
    result = run_wrapped(wrapper, check_id, engine=False).results[check_id]
    assert result.status is Status.FAILED
    assert any(fragment in f.message for f in result.findings), [f.message for f in result.findings]
