"""pytest entry point: one test per catalogue check, results from one suite run per session.

Load it with ``-p ccr_conformance.pytest_plugin`` (or ``pytest_plugins = ["ccr_conformance.pytest_plugin"]``
in a conftest) and write one test::

    def test_ccr_conformance(ccr_conformance_run, ccr_check_id):
        ccr_conformance_run.assert_passed(ccr_check_id)

Options (or environment): ``--ccr-base-url`` (``CCR_BASE_URL``; default: the embedded reference
server), ``--ccr-ak``/``--ccr-sk`` (``CCR_AK``/``CCR_SK``), ``--ccr-checks``, ``--ccr-max-examples``,
``--ccr-seed``, ``--ccr-timeout``.  Test ids are the check ids, so ``-k AUTH`` selects a family.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from typing import Any

import pytest

from ccr_conformance.catalogue import load
from ccr_conformance.results import Status
from ccr_conformance.runner import SuiteOptions, SuiteRun, run_suite


class PytestRun:
    """A finished suite run with a pytest-friendly assertion."""

    def __init__(self, run: SuiteRun) -> None:
        self.run = run

    def assert_passed(self, check_id: str) -> None:
        result = self.run.results[check_id]
        if result.status is Status.PASSED:
            return
        if result.status is Status.NOT_RUN:
            pytest.fail(f"{check_id} was not exercised: {result.note}", pytrace=False)
        if result.status is Status.NOT_APPLICABLE:
            pytest.skip(f"{check_id}: {result.note}")
        lines = [f"{check_id} failed:"]
        for finding in result.findings:
            lines.append(f"- {finding.operation}: {self.run.target.redactor.text(finding.message)}")
            if finding.exchange is not None:
                lines.append(f"  {self.run.target.curl(finding.exchange)}")
        pytest.fail("\n".join(lines), pytrace=False)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("ccr-conformance")
    group.addoption("--ccr-base-url", default=os.environ.get("CCR_BASE_URL"), help="server to test")
    group.addoption("--ccr-ak", default=os.environ.get("CCR_AK"), help="access key id")
    group.addoption("--ccr-sk", default=os.environ.get("CCR_SK"), help="secret access key")
    group.addoption("--ccr-checks", default=None, help="check ids, families or prefixes")
    group.addoption("--ccr-max-examples", type=int, default=10)
    group.addoption("--ccr-seed", type=int, default=0)
    group.addoption("--ccr-timeout", type=float, default=10.0)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "ccr_check_id" in metafunc.fixturenames:
        ids = load().select(metafunc.config.getoption("--ccr-checks"))
        metafunc.parametrize("ccr_check_id", ids, ids=ids)


@pytest.fixture(scope="session")
def ccr_conformance_run(request: pytest.FixtureRequest) -> Iterator[PytestRun]:
    config = request.config
    options: dict[str, Any] = {
        "checks": config.getoption("--ccr-checks"),
        "max_examples": config.getoption("--ccr-max-examples"),
        "seed": config.getoption("--ccr-seed"),
        "timeout": config.getoption("--ccr-timeout"),
    }
    base_url = config.getoption("--ccr-base-url")
    if base_url:
        ak, sk = config.getoption("--ccr-ak"), config.getoption("--ccr-sk")
        if not ak or not sk:
            raise pytest.UsageError("--ccr-base-url needs --ccr-ak and --ccr-sk (or CCR_AK/CCR_SK)")
        yield PytestRun(run_suite(SuiteOptions(base_url, ak, sk, **options)))
        return
    from ccr_contract.liveserver import serve_in_thread
    from ccr_contract.server import create_app

    ak, sk = "ccrconf-" + secrets.token_hex(6), secrets.token_hex(20)
    with serve_in_thread(create_app(credentials={ak: sk}, execution_seconds=30, probe_timeout=0.5)) as url:
        yield PytestRun(run_suite(SuiteOptions(url, ak, sk, **options)))
