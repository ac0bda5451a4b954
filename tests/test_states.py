"""Status values come from the spec's ``x-bce-states`` (spec/EXTENSIONS.md), not from code: a spec
that renames a value changes what the reference server writes, a spec that drops a role the server
needs stops it at start, and ``ccr-contract validate`` refuses states that contradict the schema."""

from __future__ import annotations

import copy

import pytest

from ccr_contract.spec import SpecError, load_spec
from ccr_contract.states import problems
from tests.engine_fixtures import Harness


def _schemas(spec: dict) -> dict:
    return spec["components"]["schemas"]


def test_the_spec_as_shipped_has_consistent_states() -> None:
    assert problems(load_spec()) == []


def test_renamed_values_are_what_the_server_writes() -> None:
    spec = copy.deepcopy(load_spec())
    scan = _schemas(spec)["ScanStatus"]
    scan["enum"] = [*scan["enum"], "Scanning", "Clean"]
    scan["x-bce-states"] = {"running": "Scanning", "succeeded": "Clean", "unfinished": ["Pending", "Scanning"]}
    severity = _schemas(spec)["ScanSeverity"]
    severity["enum"] = ["Low", "Medium", "High", "Critical", "Negligible", "Unknown", "Nothing"]  # order is the spec's
    severity["x-bce-states"] = {"none": "Nothing"}
    network = _schemas(spec)["PublicNetworkStatus"]
    network["enum"] = [*network["enum"], "up"]
    network["x-bce-states"] = {**network["x-bce-states"], "open": "up"}
    h = Harness(spec)
    h.call("TriggerTagScan", repositoryName="ubuntu", tagName="latest")
    assert (
        h.call("GetTagDetail", repositoryName="ubuntu", tagName="latest").body["scanOverview"]["scanStatus"]
        == "Scanning"
    )
    assert h.status("TriggerTagScan", repositoryName="ubuntu", tagName="latest") == 409  # unfinished: no second scan
    h.clock.now += 10
    assert (
        h.call("GetTagDetail", repositoryName="ubuntu", tagName="latest").body["scanOverview"]["scanStatus"] == "Clean"
    )
    h.call("UpdatePublicNetwork", {"action": "open"})
    assert h.call("GetPublicNetworkConfig").body["status"] == "up"


def test_a_spec_without_a_role_the_server_writes_stops_it_at_start() -> None:
    spec = copy.deepcopy(load_spec())
    del _schemas(spec)["MigrationExecutionStatus"]["x-bce-states"]["stopped"]
    with pytest.raises(SpecError, match="stopped"):
        Harness(spec)
    spec = copy.deepcopy(load_spec())
    del _schemas(spec)["ScanStatus"]["x-bce-states"]
    with pytest.raises(SpecError, match="scanStatus"):
        Harness(spec)


def test_validate_refuses_states_that_contradict_the_schema() -> None:
    spec = copy.deepcopy(load_spec())
    _schemas(spec)["PublicNetworkStatus"]["x-bce-states"]["open"] = "wide-open"
    _schemas(spec)["ExecutionStatus"]["x-bce-states"]["running"] = "Stopped"  # not the lifecycle's initial
    _schemas(spec)["ScanStatus"]["x-bce-states"]["unfinished"] = []
    found = problems(spec)
    assert any("PublicNetworkStatus" in p and "'wide-open' is not in the enum" in p for p in found)
    assert any("ExecutionStatus" in p and "x-bce-lifecycle.initial" in p for p in found)
    assert any("ScanStatus" in p and "unfinished" in p for p in found)
    assert len(found) == 3


@pytest.mark.parametrize(
    "drop",
    [
        lambda s: s["components"]["schemas"]["MigrationTaskStatus"].pop("x-bce-states"),  # tasks an execution writes
        lambda s: s["components"]["schemas"]["TriggerJob"]["properties"]["status"].pop("x-bce-states"),  # trigger jobs
        lambda s: s["components"]["schemas"]["InstanceRegistry"]["properties"]["status"]["x-bce-states"].pop(
            "unhealthy"
        ),
    ],
    ids=["task status", "trigger job status", "registry unhealthy"],
)
def test_every_role_a_behaviour_writes_or_reads_is_resolved_at_start(drop) -> None:  # type: ignore[no-untyped-def]
    spec = copy.deepcopy(load_spec())
    drop(spec)
    with pytest.raises(SpecError):
        Harness(spec)


def test_a_named_value_outside_its_enum_stops_the_start() -> None:
    spec = copy.deepcopy(load_spec())
    _schemas(spec)["PublicNetworkStatus"]["x-bce-states"]["open"] = "wide-open"
    with pytest.raises(SpecError, match="wide-open"):
        Harness(spec)


@pytest.mark.parametrize("stored", ["Failed", "failed"])
def test_an_outcome_stored_as_a_value_by_an_earlier_version_still_ends_the_execution(stored: str) -> None:
    h = Harness()
    h.call("ExecuteImageMigration", {"policyId": 1})
    executions = h.engine.model.resources["executions"]
    listed = h.call("ListImageMigrationRecords", policyId=1).body["items"][0]
    parent = h.engine.parent_of(executions, {"instanceId": "ccr-4a5b6c7d"})
    item = h.items.get(executions.name, parent, listed["id"])
    with h.items.write():
        h.items.replace(executions.name, parent, listed["id"], {**item, "outcome": stored})
    h.clock.now += 10
    done = h.call("GetImageMigrationExecutionRecordDetail", executionId=listed["id"]).body
    assert done["status"] == "Failed" and done["failed"] == 1
