"""Every catalogue check fails on a server that breaks exactly its rule (tests/broken_servers.py).

Parametrized over the catalogue itself: a check added without a broken server fails here.
"""

from __future__ import annotations

import secrets

import pytest
from broken_servers import BROKEN
from ccr_conformance.catalogue import load
from ccr_conformance.results import Status
from ccr_conformance.runner import SuiteOptions, SuiteRun, run_suite

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
