"""The output-validation stage (issue 19, "every answer validates"): with ``validate_responses`` on,
every answer of the reference server is checked against the spec.  A fuzz run over every operation
(schemathesis from the spec, valid and invalid inputs, in-process, signed) must find zero invalid
answers and zero 5xx; the validator itself must catch each kind of violation it claims to.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from server_fixtures import SPEC, make_client

from ccr_cli.commands import mock
from ccr_contract.auth_adapters import BceRequestsAuth
from ccr_contract.paths import SPEC_PATH
from ccr_contract.schemas import SpecSchemas
from ccr_contract.server import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, create_app
from ccr_contract.server import resources as server_resources
from ccr_contract.server.engine.crud import Reply
from ccr_contract.server.response_check import ResponseValidator
from ccr_contract.spec import operations

MAX_EXAMPLES = 6
APP = create_app(execution_seconds=0, probe_timeout=0.5, validate_responses="log")
OPS = {op.operation_id: op for op in operations(SPEC)}

schema = schemathesis.openapi.from_path(SPEC_PATH)
schema.app = APP
schema.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
    max_examples=MAX_EXAMPLES,
    with_security_parameters=False,
    deterministic=True,
)
schema.auth.set_from_requests(BceRequestsAuth(DEMO_ACCESS_KEY, DEMO_SECRET_KEY))


async def _no_network_probe(url: str, *_: Any, **__: Any) -> bool:
    return False


@pytest.fixture(autouse=True)
def _isolate_probe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server_resources, "probe_registry", _no_network_probe)


@schema.parametrize()
@settings(suppress_health_check=list(HealthCheck), deadline=None)
def test_every_answer_to_fuzzed_requests_matches_the_spec(case: schemathesis.Case) -> None:
    checker = APP.state.server.responses
    before = len(checker.violations)
    response = case.call()
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text}"
    new = [str(v) for v in checker.violations[before:]]
    assert new == [], f"{case.method} {case.formatted_path} -> {response.status_code}: {new}"
    assert APP.state.server.internal_errors == 0


# ---------------------------------------------------------------------------- the validator itself


@pytest.fixture(scope="module")
def checker() -> ResponseValidator:
    return ResponseValidator(SPEC, SpecSchemas(SPEC, strict_integers=True), OPS.values())


def _json(value: Any) -> bytes:
    return json.dumps(value).encode()


GOOD_ERROR = {"requestId": "r", "code": "NotFound", "message": "m"}


def test_a_valid_answer_has_no_problems(checker: ResponseValidator) -> None:
    listed = make_client().get("/v1/instances/ccr-4a5b6c7d/projects")
    assert checker.problems(OPS["ListProjects"], 200, listed.headers["content-type"], listed.content) == []
    assert checker.problems(OPS["ListProjects"], 404, "application/json", _json(GOOD_ERROR)) == []
    assert checker.problems(None, 405, "application/json;charset=UTF-8", _json(GOOD_ERROR)) == []


@pytest.mark.parametrize(
    ("status", "content_type", "body", "problem"),
    [
        (409, "application/json", _json(GOOD_ERROR), "status 409 is not declared"),
        (404, "text/plain", b"no", "content type text/plain"),
        (404, "application/json", b"{", "not JSON"),
        (404, "application/json", _json({"code": "NotFound"}), "misses a required property"),
        (200, "application/json", _json({"total": "10"}), "is not of type"),
    ],
)
def test_each_kind_of_violation_is_found(
    checker: ResponseValidator, status: int, content_type: str, body: bytes, problem: str
) -> None:
    found = checker.problems(OPS["ListProjects"], status, content_type, body)
    assert any(problem in p for p in found), found


def test_an_integer_written_with_a_fraction_is_a_violation(checker: ResponseValidator) -> None:
    listed = json.loads(make_client().get("/v1/instances/ccr-4a5b6c7d/projects").content)
    listed["total"] = float(listed["total"])
    assert checker.problems(OPS["ListProjects"], 200, "application/json", _json(listed))


def test_problems_never_quote_the_answer(checker: ResponseValidator) -> None:
    secret = "s3cr3t-value-never-logged"
    found = checker.problems(OPS["ListProjects"], 200, "application/json", _json({"total": secret}))
    assert found and not any(secret in p for p in found)


def _break_list_projects(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = client.app.state.server.engine

    async def broken(call: Any) -> Reply:
        return Reply({"total": "not an integer"})

    monkeypatch.setitem(engine.handlers, "ListProjects", broken)


def test_log_mode_keeps_the_answer_and_records_the_violation(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    client = make_client(validate_responses="log")
    _break_list_projects(client, monkeypatch)
    response = client.get("/v1/instances/ccr-4a5b6c7d/projects")
    assert response.status_code == 200
    violations = client.app.state.server.responses.violations
    assert violations and {v.operation_id for v in violations} == {"ListProjects"}
    assert "ListProjects 200" in caplog.text and "not an integer" not in caplog.text


def test_strict_mode_answers_a_violation_with_a_500(monkeypatch: pytest.MonkeyPatch) -> None:
    client = make_client(validate_responses="strict")
    _break_list_projects(client, monkeypatch)
    response = client.get("/v1/instances/ccr-4a5b6c7d/projects")
    assert response.status_code == 500
    assert response.json()["code"] == "InternalError"
    assert "does not match the spec" in response.json()["message"]


def test_off_by_default_and_a_bad_mode_is_refused() -> None:
    assert make_client().app.state.server.responses is None
    with pytest.raises(ValueError):
        create_app(validate_responses="loud")


def test_the_mock_flag_reaches_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    parser = argparse.ArgumentParser()
    mock.add_arguments(parser)
    assert parser.parse_args([]).validate_responses is None
    assert parser.parse_args(["--validate-responses"]).validate_responses == "log"
    assert parser.parse_args(["--validate-responses", "strict"]).validate_responses == "strict"
    with pytest.raises(SystemExit):
        parser.parse_args(["--validate-responses", "loud"])
