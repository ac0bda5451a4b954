"""The engine's behaviours are one record per name, and its options one dataclass."""

from __future__ import annotations

import dataclasses

import pytest
from engine_fixtures import Harness

from ccr_contract.resource_model import ResourceModel
from ccr_contract.server.engine.behaviours import REGISTRY
from ccr_contract.server.engine.crud import Behaviour, EngineOptions
from ccr_contract.spec import load_spec


def test_the_registry_holds_exactly_the_behaviours_the_spec_names() -> None:
    model = ResourceModel.from_spec(load_spec())
    named = {b for res in model.resources.values() for b in res.behaviours.values()}
    generic = {"update", "create", "get", "list", "delete", "batchDelete"}
    assert named - generic == set(REGISTRY), "a behaviour the spec names is missing, or a record is never used"
    assert all(isinstance(r, Behaviour) and name == r.name for name, r in REGISTRY.items())


def test_a_record_brings_its_reader_states_and_listener() -> None:
    assert REGISTRY["execution-start"].reads is not None and REGISTRY["execution-start"].states
    assert REGISTRY["robot-secret"].prepares is not None
    assert [r.name for r in REGISTRY.values() if r.on_event is not None] == ["trigger-job-retry"]


def test_options_are_a_frozen_dataclass_the_behaviours_read() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        EngineOptions().execution_seconds = 1  # type: ignore[misc]
    quick = Harness(seconds=0.0)
    rule = quick.call("ListImageMigrationRules").body["items"][0]["id"]
    quick.call("ExecuteImageMigration", {"policyId": rule})
    listed = quick.call("ListImageMigrationRecords").body["items"]
    assert listed[0]["status"] == "Succeed"  # 0 s: finished as soon as it is read
    slow = Harness(seconds=60.0)
    slow.call("ExecuteImageMigration", {"policyId": rule})
    assert slow.call("ListImageMigrationRecords").body["items"][0]["status"] == "InProgress"


def test_deleting_a_tag_records_a_job_through_the_listener() -> None:
    h = Harness()
    before = h.items.count("triggerJobs", "instances:ccr-4a5b6c7d\x1ftriggers:1")
    h.call("DeleteTag", repositoryName="ubuntu", tagName="1.0")
    assert h.items.count("triggerJobs", "instances:ccr-4a5b6c7d\x1ftriggers:1") == before + 1
