"""The contract report of ``ccr-contract generate`` on crafted spec pairs.

Each case edits a copy of the committed spec in one way and checks which operations are reported
added/removed/changed and whether the change is rated as breaking for existing callers. The
operation listing is pure Python; the per-change rating comes from ``redocly diff`` (Node tools).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from ccr_cli.main import main
from ccr_contract import codegen, contract_diff
from ccr_contract.paths import SPEC_PATH

#: The committed spec cut down to the Personal Edition paths the edits below touch (every component
#: kept): ``redocly diff`` takes about half as long as on the whole contract, for the same verdicts.
BASE: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
BASE["paths"] = {path: item for path, item in BASE["paths"].items() if path.startswith("/v1/ccr/")}
BASE_TEXT = yaml.safe_dump(BASE, sort_keys=False, allow_unicode=True)
needs_redocly = pytest.mark.skipif(
    contract_diff.redocly_executable() is None, reason="node_modules/.bin/redocly absent"
)

Edit = Callable[[dict[str, Any]], None]


def edited(edit: Edit) -> dict[str, Any]:
    spec = copy.deepcopy(BASE)
    edit(spec)
    return spec


def write(tmp_path: Path, spec: dict[str, Any]) -> Path:
    path = tmp_path / "current.openapi.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def schemas(spec: dict[str, Any]) -> dict[str, Any]:
    return spec["components"]["schemas"]


def remove_stop(spec: dict[str, Any]) -> None:
    del spec["paths"]["/v1/ccr/executions/{executionId}/stop"]


def add_get_execution(spec: dict[str, Any]) -> None:
    spec["paths"]["/v1/ccr/executions/{executionId}/stop"]["get"] = {
        "operationId": "getExecution",
        "summary": "Get one execution",
        "parameters": [{"name": "executionId", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "responses": {"200": {"description": "ok"}},
    }


def add_get_execution_elsewhere(spec: dict[str, Any]) -> None:
    spec["paths"]["/v1/ccr/executions/{executionId}"] = {
        "get": {
            "operationId": "getExecution",
            "summary": "Get one execution",
            "parameters": [{"name": "executionId", "in": "path", "required": True, "schema": {"type": "integer"}}],
            "responses": {"200": {"description": "ok"}},
        }
    }


def require_policy_labels(spec: dict[str, Any]) -> None:
    schemas(spec)["PolicyInput"]["properties"]["labels"] = {"type": "string"}
    schemas(spec)["PolicyInput"]["required"].append("labels")


def optional_policy_labels(spec: dict[str, Any]) -> None:
    schemas(spec)["PolicyInput"]["properties"]["labels"] = {"type": "string"}


def required_query_parameter(spec: dict[str, Any]) -> None:
    params = spec["paths"]["/v1/ccr/registries"]["get"]["parameters"]
    params.append({"name": "region", "in": "query", "required": True, "schema": {"type": "string"}})


def optional_query_parameter(spec: dict[str, Any]) -> None:
    params = spec["paths"]["/v1/ccr/policies"]["get"]["parameters"]
    params.append({"name": "keyword", "in": "query", "required": False, "schema": {"type": "string"}})


def remove_response_property(spec: dict[str, Any]) -> None:
    del schemas(spec)["Execution"]["properties"]["statusText"]


def remove_request_enum_value(spec: dict[str, Any]) -> None:
    schemas(spec)["Filter"]["properties"]["type"]["enum"] = ["name"]


def reword_description(spec: dict[str, Any]) -> None:
    schemas(spec)["Policy"]["description"] = "A migration policy, as the server returns it."


def rename_operation(spec: dict[str, Any]) -> None:
    spec["paths"]["/v1/ccr/policies"]["get"]["operationId"] = "listMigrationPolicies"


# --------------------------------------------------------------------------------------------------
# Operation listing (no Node needed)
# --------------------------------------------------------------------------------------------------


def kinds(base: dict[str, Any], current: dict[str, Any]) -> dict[str, str]:
    return {c.operation_id: c.kind for c in contract_diff.operation_changes(base, current)}


def test_identical_specs_have_no_operation_changes() -> None:
    assert contract_diff.operation_changes(BASE, copy.deepcopy(BASE)) == []


def test_added_and_removed_operations() -> None:
    assert kinds(BASE, edited(add_get_execution)) == {"getExecution": "added"}
    assert kinds(BASE, edited(remove_stop)) == {"stopExecution": "removed"}


def test_a_shared_component_change_marks_every_operation_using_it() -> None:
    changes = contract_diff.operation_changes(BASE, edited(require_policy_labels))
    assert {c.operation_id: c.kind for c in changes} == {"createPolicy": "changed", "updatePolicy": "changed"}
    create = next(c for c in changes if c.operation_id == "createPolicy")
    assert any("labels (added)" in where for where in create.where)
    assert any("required" in where for where in create.where)


def test_a_rename_is_a_removal_plus_an_addition() -> None:
    assert kinds(BASE, edited(rename_operation)) == {"listMigrationPolicies": "added", "listPolicies": "removed"}


def test_a_moved_operation_is_changed() -> None:
    def move(spec: dict[str, Any]) -> None:
        spec["paths"]["/v1/ccr/policies/{policyId}/run"] = spec["paths"].pop("/v1/ccr/policies/{policyId}/start")

    (change,) = contract_diff.operation_changes(BASE, edited(move))
    assert (change.operation_id, change.kind, change.path) == (
        "startPolicy",
        "changed",
        "/v1/ccr/policies/{policyId}/run",
    )
    assert change.where[0] == "moved from POST /v1/ccr/policies/{policyId}/start"


def test_without_redocly_removals_still_count_as_breaking(tmp_path: Path) -> None:
    def remove_and_add(spec: dict[str, Any]) -> None:
        remove_stop(spec)
        add_get_execution_elsewhere(spec)

    current = write(tmp_path, edited(remove_and_add))
    report = contract_diff.contract_report(BASE_TEXT, current, use_redocly=False)
    assert report.rated_by is None
    assert report.breaking == ["stopExecution: operation removed (POST /v1/ccr/executions/{executionId}/stop)"]
    text = "\n".join(report.lines())
    assert "- stopExecution (POST /v1/ccr/executions/{executionId}/stop) removed  BREAKING" in text
    assert "+ getExecution (GET /v1/ccr/executions/{executionId}) added" in text
    assert "Breaking changes for existing callers: 1 (only removals rated" in text


def test_a_failing_redocly_leaves_the_listing_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(base_file: Path, current_file: Path) -> dict[str, Any]:
        raise codegen.CodegenError("redocly diff failed: boom")

    monkeypatch.setattr(contract_diff, "redocly_executable", lambda: Path("/nonexistent/redocly"))
    monkeypatch.setattr(contract_diff, "redocly_diff", broken)
    report = contract_diff.contract_report(BASE_TEXT, write(tmp_path, edited(remove_stop)))
    assert report.rated_by is None
    assert report.note == "redocly diff failed: boom; only removals were rated"
    assert [op.operation_id for op in report.operations if op.breaking] == ["stopExecution"]


def test_the_committed_spec_is_read_from_git(tmp_path: Path) -> None:
    text = contract_diff.committed_spec_text()
    if text is None:
        pytest.skip("not a git checkout with a committed spec")
    assert yaml.safe_load(text)["openapi"].startswith("3.1")
    assert contract_diff.committed_spec_text(repo=tmp_path) is None


def test_report_refuses_a_base_that_is_not_a_spec(tmp_path: Path) -> None:
    current = write(tmp_path, BASE)
    with pytest.raises(codegen.CodegenError, match="not an OpenAPI document"):
        contract_diff.contract_report("just: text\n", current, use_redocly=False)


# --------------------------------------------------------------------------------------------------
# Breaking-change rating (redocly diff)
# --------------------------------------------------------------------------------------------------

CASES: list[tuple[str, Edit, dict[str, bool]]] = [
    # name, edit, {operationId: breaking?} expected in the report (exactly these operations)
    ("operation removed", remove_stop, {"stopExecution": True}),
    ("operation added", add_get_execution, {"getExecution": False}),
    ("new required request property", require_policy_labels, {"createPolicy": True, "updatePolicy": True}),
    ("new optional request property", optional_policy_labels, {"createPolicy": False, "updatePolicy": False}),
    ("new required query parameter", required_query_parameter, {"listRegistries": True}),
    ("new optional query parameter", optional_query_parameter, {"listPolicies": False}),
    ("response property removed", remove_response_property, {"listExecutions": True}),
    ("request enum value removed", remove_request_enum_value, {"createPolicy": True, "updatePolicy": True}),
    ("description reworded", reword_description, {"listPolicies": False}),
    ("operation renamed", rename_operation, {"listPolicies": True, "listMigrationPolicies": False}),
]


@pytest.mark.node
@needs_redocly
@pytest.mark.parametrize(("name", "edit", "expected"), CASES, ids=[c[0] for c in CASES])
def test_breaking_changes_are_rated(tmp_path: Path, name: str, edit: Edit, expected: dict[str, bool]) -> None:
    report = contract_diff.contract_report(BASE_TEXT, write(tmp_path, edited(edit)))
    assert report.rated_by and report.rated_by.startswith("redocly diff")
    assert {op.operation_id: op.breaking for op in report.operations} == expected, "\n".join(report.lines())
    assert report.other == []
    assert bool(report.breaking) == any(expected.values())


@pytest.mark.node
@needs_redocly
def test_identical_specs_report_nothing(tmp_path: Path) -> None:
    report = contract_diff.contract_report(BASE_TEXT, write(tmp_path, BASE))
    assert report.operations == [] and report.other == [] and report.breaking == []
    assert "no operation changed" in "\n".join(report.lines())


@pytest.mark.node
@needs_redocly
def test_generate_prints_the_report_after_writing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = tmp_path / "base.openapi.yaml"
    base.write_text(BASE_TEXT, encoding="utf-8")
    current = write(tmp_path, edited(require_policy_labels))
    out_dir = tmp_path / "generated"
    assert main(["generate", "--spec", str(current), "--base", str(base), "--output", str(out_dir)]) == 0
    out = capsys.readouterr().out
    assert (out_dir / "ccr_client" / "models" / "policy_input.py").read_text(encoding="utf-8").count("labels") > 0
    assert "~ createPolicy (POST /v1/ccr/policies) changed  BREAKING" in out
    assert "BREAKING Properties of `PolicyInput` became required: `labels`. (required-properties-added)" in out
    assert "Breaking changes for existing callers: 2 (rated by redocly diff" in out
