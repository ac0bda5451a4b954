"""The schemathesis write guard for Enterprise operations (Estate.guard / guard_body): fuzzed writes reach
the instance under test, never an item the run did not create, and written names carry the run prefix
while keeping the validity the fuzzer gave them (a negative case stays negative, a positive one positive)."""

from __future__ import annotations

import pytest
from ccr_conformance.contract import PARAM_RE, SENTINEL_ID, Contract
from ccr_conformance.results import Exchange
from ccr_conformance.target import Target
from ccr_conformance.workspace import FixtureSettings, Workspace

HOME = "ccr-4a5b6c7d"


@pytest.fixture
def estate():  # type: ignore[no-untyped-def]
    target = Target("http://127.0.0.1:9", "ak", "sk")
    # Nothing is sent: a read the estate tries (an existing item to reference) finds nothing.
    target.send = lambda method, path, **kw: Exchange(method, path, {}, error="offline")  # type: ignore[method-assign]
    # the run may make nothing: references cannot become owned items
    ws = Workspace(target, Contract(), run_id="0123abcd", settings=FixtureSettings(read_only=True))
    ws.estate._instance = HOME
    return ws.estate


def _guard(estate, op_id: str, ids: dict[str, object]) -> dict[str, object]:  # type: ignore[no-untyped-def]
    op = estate.contract.by_id[op_id]
    res = estate.model.owner_of(op_id)
    safe, _ = estate.guard(op, res, estate.model.chain(res.name), PARAM_RE.findall(op.path), ids)
    return safe


def _fits(estate, op_id: str, field: str, value: object) -> bool:  # type: ignore[no-untyped-def]
    from ccr_contract.spec import resolve_ref

    op = estate.contract.by_id[op_id]
    return estate.contract.fits(resolve_ref(estate.contract.spec, estate.body_property(op, field)), value)


def test_a_fuzzed_create_goes_to_the_instance_under_test(estate) -> None:  # type: ignore[no-untyped-def]
    assert _guard(estate, "CreateProject", {"instanceId": "ccr-zzzzzzzz"})["instanceId"] == HOME


def test_a_write_never_names_an_item_the_run_did_not_create(estate) -> None:  # type: ignore[no-untyped-def]
    safe = _guard(estate, "DeleteProject", {"instanceId": "anything", "projectName": "library"})
    assert safe["instanceId"] == HOME
    assert safe["projectName"] != "library" and str(safe["projectName"]).startswith("ccrconf-")


def test_instance_configuration_is_never_written_on_a_real_target(estate) -> None:  # type: ignore[no-untyped-def]
    safe = _guard(estate, "ResetPassword", {"instanceId": HOME})
    assert safe["instanceId"] != HOME


@pytest.mark.parametrize("name", ["abc", "ab", "x1-y2", "n" * 60])
def test_a_valid_name_stays_valid_and_gains_the_prefix(estate, name: str) -> None:  # type: ignore[no-untyped-def]
    assert _fits(estate, "CreateProject", "projectName", name)
    body = estate.guard_body(estate.contract.by_id["CreateProject"], {"projectName": name, "public": "true"})
    assert body["projectName"].startswith(estate.ws.prefix)
    assert _fits(estate, "CreateProject", "projectName", body["projectName"])


@pytest.mark.parametrize("name", ["UPPER!", "", 123, "-x", "a" * 300])
def test_an_invalid_name_stays_invalid(estate, name: object) -> None:  # type: ignore[no-untyped-def]
    assert not _fits(estate, "CreateProject", "projectName", name)
    body = estate.guard_body(estate.contract.by_id["CreateProject"], {"projectName": name, "public": "true"})
    assert not _fits(estate, "CreateProject", "projectName", body["projectName"])
    assert isinstance(body["projectName"], str) and body["projectName"].startswith(estate.ws.prefix)


def test_an_execution_starts_only_the_runs_own_rule(estate) -> None:  # type: ignore[no-untyped-def]
    op = estate.contract.by_id["ExecuteImageMigration"]
    assert estate.guard_body(op, {"policyId": 5})["policyId"] == SENTINEL_ID
    estate.owned_keys["migrationRules"] = {"5"}
    assert estate.guard_body(op, {"policyId": 5})["policyId"] == 5
    assert estate.guard_body(op, {"policyId": "five"})["policyId"] == "five"  # invalid stays invalid
