"""``--max-failures N`` stops the run between families once N findings are recorded: the checks not
run say so, and the schemathesis phase (the slowest) is not started."""

from __future__ import annotations

import secrets
from unittest import mock

from ccr_conformance.runner import SuiteOptions, run_suite

from ccr_contract.liveserver import serve_in_thread
from ccr_contract.server import create_app
from tests.broken_servers import BROKEN


def _run(max_failures: int | None):  # type: ignore[no-untyped-def]
    ak, sk = "ccrconf-test-" + secrets.token_hex(4), secrets.token_hex(16)
    app = BROKEN["STRUCT-004"](create_app(credentials={ak: sk}, execution_seconds=30), {ak: sk})
    with serve_in_thread(app) as url, mock.patch("ccr_conformance.runner.run_schemathesis", return_value=0) as st:
        options = SuiteOptions(url, ak, sk, checks="AUTH-001,STRUCT-004,SCHEMA-001", max_examples=2, timeout=5.0)
        options.max_failures = max_failures
        return run_suite(options), st


def test_the_run_stops_once_the_limit_is_reached() -> None:
    run, schemathesis = _run(1)
    assert run.results["STRUCT-004"].status.value == "failed"
    assert "--max-failures 1 reached" in (run.results["SCHEMA-001"].note or "")
    schemathesis.assert_not_called()


def test_without_a_limit_every_family_runs() -> None:
    run, schemathesis = _run(None)
    assert run.results["STRUCT-004"].status.value == "failed"
    schemathesis.assert_called_once()
