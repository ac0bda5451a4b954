"""Baidu's ``baiducloud-python-sdk-ccr`` through ``ccr-contract proxy`` to the reference server.

The whole lifecycle of ``tests/test_sdk_lifecycle.py`` (every one of the SDK's 84 methods, plus
signed raw calls for the chart package and task logs) runs again, unchanged: its tests are imported
here and only their ``base_url`` fixture is replaced by the proxy's address.  The proxy holds the
key pair, so it verifies each of the SDK's signatures (made for the proxy's host) and re-signs for
the server.  The module ends by asserting the proxy saw that traffic and found no violation but
the two invalid requests the lifecycle sends on purpose (to see the server refuse them), which the
proxy must catch, each with the rule it breaks.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import test_sdk_lifecycle as lifecycle
from ccr_conformance.proxy.forwarding import ProxySettings
from ccr_conformance.proxy.session import ProxySession
from sdk_capture import THROWAWAY_AK, THROWAWAY_SK
from test_sdk_lifecycle import *  # noqa: F403 - the lifecycle's tests, collected again here

from ccr_contract.liveserver import serve_in_thread
from ccr_contract.server import create_app

LINES: list[str] = []
SESSIONS: list[ProxySession] = []


@pytest.fixture(scope="module", autouse=True)
def _own_method_tally() -> Iterator[None]:
    """The lifecycle module counts the SDK methods called in a module-level set: this module keeps
    its own count, and leaves the set empty for the lifecycle module's own run."""
    lifecycle.CALLED.clear()
    yield
    lifecycle.CALLED.clear()


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:  # replaces the lifecycle's fixture: the SDK talks to the proxy
    app = create_app(credentials={THROWAWAY_AK: THROWAWAY_SK}, execution_seconds=3600)
    with serve_in_thread(app) as upstream:
        session = ProxySession(ProxySettings(upstream, (THROWAWAY_AK, THROWAWAY_SK)), say=LINES.append)
        SESSIONS.append(session)
        with session.serving() as url:
            yield url


def test_zero_violations_across_the_whole_lifecycle(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Runs last (pytest keeps a module's definition order: the imported tests come first)."""
    assert SESSIONS, "the lifecycle did not run through the proxy"
    session = SESSIONS[0]
    assert session.recorder.requests >= 84
    assert len(lifecycle.CALLED) == 84, sorted(set(lifecycle.sdk_methods()) - lifecycle.CALLED)
    found = {(f.check_id, f.operation) for r in session.recorder.results.all() for f in r.findings}
    # reset_password("weakpassword1") and a whitelist entry 10.0.0.0/33: invalid on purpose.
    assert found == {("PROXY-003", "ResetPassword"), ("PROXY-003", "AddPublicNetworkWhitelist")}, "\n".join(LINES)
    assert session.violations == 2 and len(LINES) == 2
    assert all("does not satisfy pattern" in line or "does not match" in line for line in LINES), LINES
    # The server refused both (a 2xx would be a SCHEMA-003 finding of its own).
    assert session.recorder.results["SCHEMA-003"].covered == ["AddPublicNetworkWhitelist", "ResetPassword"]
    # The verdicts really were made: the answer and signature rules passed on real traffic.
    for check_id in ("SCHEMA-001", "STRUCT-002", "AUTH-001", "PROXY-006", "SECRET-002"):
        assert session.recorder.results[check_id].covered, check_id
    coverage = session.recorder.coverage()
    assert coverage["operations_hit"] >= 75  # the SDK's 84 methods call 78 of the spec's operations
    written = session.report(tmp_path_factory.mktemp("proxy-sdk-report"))
    assert {p.name for p in written} >= {"junit.xml", "summary.json", "coverage.json", "failures.json"}
