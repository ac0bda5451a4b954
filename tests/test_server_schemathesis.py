"""Schemathesis in negative mode against the reference server (in-process ASGI, signed requests):
no input produces a 5xx, every invalid request is refused with a 4xx BCE error body, and the
server's catch-all for unexpected exceptions is never reached.

Bounded: deterministic generation and ``MAX_EXAMPLES`` cases per operation keep this under ~40 s on 2 cores.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import ignored_auth

from ccr_contract.auth_adapters import BceRequestsAuth
from ccr_contract.paths import SPEC_PATH
from ccr_contract.schemas import SpecSchemas
from ccr_contract.server import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, create_app
from ccr_contract.server import resources as server_resources
from ccr_contract.spec import load_spec

MAX_EXAMPLES = 30
SCHEMAS = SpecSchemas(load_spec())
APP = create_app(execution_seconds=0, probe_timeout=0.5)
PROBES: list[str] = []


async def _no_network_probe(url: str, *_: Any, **__: Any) -> bool:
    """The spec's explicit examples (valid) do reach the probe: keep it off the network."""
    PROBES.append(url)
    return False


schema = schemathesis.openapi.from_path(SPEC_PATH)
schema.app = APP
schema.config.generation.update(
    modes=[GenerationMode.NEGATIVE], max_examples=MAX_EXAMPLES, with_security_parameters=False, deterministic=True
)
schema.auth.set_from_requests(BceRequestsAuth(DEMO_ACCESS_KEY, DEMO_SECRET_KEY))


def header(response: Any, name: str) -> str:
    """One header value (schemathesis' response keeps a list per name)."""
    value = response.headers[name]
    return value[0] if isinstance(value, list) else value


@pytest.fixture(autouse=True)
def _isolate_probe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server_resources, "probe_registry", _no_network_probe)


@schema.parametrize()
@settings(suppress_health_check=list(HealthCheck), deadline=None)
def test_negative_inputs_are_refused_with_a_4xx_bce_body(case: schemathesis.Case) -> None:
    PROBES.clear()  # per example (fixtures run once per operation, not per hypothesis example)
    response = case.call()
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text}"
    if response.status_code >= 400:
        body = response.json()
        assert SCHEMAS.errors("#/components/schemas/BceError", body) == [], response.text
        assert header(response, "x-bce-request-id") == body["requestId"]
        assert header(response, "content-type") == "application/json;charset=UTF-8"
    # negative_data_rejection and the rest apply.  ignored_auth is excluded on purpose: it expects
    # 401/403 for a garbage Authorization value, while the spec's x-bce-auth answers a malformed
    # header with BCE's 400 InvalidHTTPAuthHeader (test_server_api checks every auth failure).
    case.validate_response(response, excluded_checks=[ignored_auth])
    assert APP.state.server.internal_errors == 0
    if response.status_code >= 400:
        assert PROBES == []  # a refused request never reached the registry probe
