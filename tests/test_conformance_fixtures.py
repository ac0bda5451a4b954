"""One fixture system for both editions (issue 18): the resource model's ``Estate`` makes, names,
starts and removes Personal Edition items exactly as it does Enterprise ones.  The Personal
executions hang off a policy only through a declared reference (``references.policyId``), so the
start's ``{policyId}`` and the execution list's required ``policyId`` must come from that reference,
never from the chain of parents (which the execution does not have)."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator

import pytest
from ccr_conformance.contract import SENTINEL_ID, Contract
from ccr_conformance.target import Target
from ccr_conformance.workspace import FixtureSettings, Workspace

from ccr_contract.liveserver import serve_in_thread
from ccr_contract.server import create_app

AK, SK = "ccrconf-fx-" + secrets.token_hex(3), secrets.token_hex(20)


@pytest.fixture
def workspace() -> Iterator[tuple[Workspace, Target]]:
    app = create_app(credentials={AK: SK}, execution_seconds=30, probe_timeout=0.2)
    with serve_in_thread(app) as url:
        target = Target(url, AK, SK)
        sent: list[str] = []
        original = target.send

        def send(method, path, **kwargs):  # type: ignore[no-untyped-def]
            sent.append(f"{method} {path}")
            return original(method, path, **kwargs)

        target.send = send  # type: ignore[method-assign]
        target.sent = sent  # type: ignore[attr-defined]
        ws = Workspace(target, Contract(), settings=FixtureSettings(embedded=True))
        yield ws, target
        target.close()


def _listed(target: Target, path: str, query: str = "pageSize=100") -> list[dict]:
    return json.loads(target.send("GET", path, query=query).response_body)["result"]


def test_a_personal_start_names_the_policy_its_reference_declares(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, target = workspace
    contract = ws.contract
    start_ids = ws.ids_for(contract.by_id["startPolicy"])
    policy = ws.estate.own("personalPolicies")
    assert policy is not None and start_ids == {"policyId": policy["policyId"]}
    assert ws.owns("personalPolicies", start_ids["policyId"])
    # the list's required policyId is the same reference, and reading it starts nothing
    assert ws.ids_for(contract.by_id["listExecutions"]) == {"policyId": policy["policyId"]}
    assert not any(line.startswith("POST /v1/ccr/policies/") for line in target.sent)
    # a Personal operation never asks for an Enterprise instance
    assert not any(line.startswith("GET /v1/instances") for line in target.sent)


def test_a_started_execution_is_owned_listed_under_its_policy_and_stoppable(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, target = workspace
    ids, exchange = ws.estate.started_execution("personalExecutions")
    assert exchange.status == 200 and exchange.operation == "startPolicy"
    policy = ws.estate.own("personalPolicies")
    assert policy is not None
    listed = _listed(target, "/v1/ccr/executions", f"policyId={policy['policyId']}&pageSize=100")
    assert ids["executionId"] in [item["id"] for item in listed]
    assert ws.owns("personalExecutions", ids["executionId"])
    # a stop names the run's own started execution (one, reused), not a sentinel
    stop = ws.ids_for(ws.contract.by_id["stopExecution"])
    assert stop["executionId"] != SENTINEL_ID and ws.owns("personalExecutions", stop["executionId"])
    assert ws.ids_for(ws.contract.by_id["stopExecution"]) == stop


def test_personal_writes_name_only_owned_items(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, _ = workspace
    op, res = ws.contract.by_id["deletePolicy"], ws.estate.model.owner_of("deletePolicy")
    chain = ws.estate.model.chain(res.name)
    safe, why = ws.estate.guard(op, res, chain, ["policyId"], {"policyId": 1})
    assert safe == {"policyId": SENTINEL_ID} and why
    key = ws.shared("/v1/ccr/policies")  # a Personal collection path names its resource too
    safe, why = ws.estate.guard(op, res, chain, ["policyId"], {"policyId": key})
    assert safe == {"policyId": key} and why is None


def test_personal_items_are_created_with_their_references_and_cleaned_up(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, target = workspace
    key, exchange = ws.create("personalPolicies", "fx")
    assert exchange.status == 200 and isinstance(key, int)
    policies = _listed(target, "/v1/ccr/policies")
    mine = next(item for item in policies if item["id"] == key)
    registry = ws.estate.own("personalRegistries")
    assert registry is not None and mine["name"].startswith(ws.prefix)
    ws.estate.started_execution("personalExecutions")
    assert ws.cleanup() == []
    assert _listed(target, "/v1/ccr/policies") == []
    assert _listed(target, "/v1/ccr/registries") == []
