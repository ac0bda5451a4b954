"""The contract itself: every seed operation present, every example valid, project rules enforced."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ccr_contract.paths import NODE_BIN, REPO_ROOT, SPEC_PATH
from ccr_contract.spec import load_spec, operations
from ccr_contract.validate import project_problems, validate_file

#: The 12 operations of seed 001, with the contract's path for each (ERRATA E1, E3, E4).
SEED_OPERATIONS = {
    ("POST", "/v1/ccr/registries"): "createRegistry",
    ("PUT", "/v1/ccr/registries"): "updateRegistry",
    ("DELETE", "/v1/ccr/registries/{registryId}"): "deleteRegistry",
    ("POST", "/v1/ccr/registries/ping"): "checkRegistryHealth",
    ("GET", "/v1/ccr/registries"): "listRegistries",
    ("POST", "/v1/ccr/policies"): "createPolicy",
    ("PUT", "/v1/ccr/policies"): "updatePolicy",
    ("DELETE", "/v1/ccr/policies/{policyId}"): "deletePolicy",
    ("POST", "/v1/ccr/policies/{policyId}/start"): "startPolicy",
    ("GET", "/v1/ccr/policies"): "listPolicies",
    ("GET", "/v1/ccr/executions"): "listExecutions",
    ("POST", "/v1/ccr/executions/{executionId}/stop"): "stopExecution",
}


def _spec_copy(tmp_path: Path, mutate) -> Path:  # type: ignore[no-untyped-def]
    data = load_spec()
    mutate(data)
    out = tmp_path / "spec.yaml"
    out.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return out


def test_spec_is_valid() -> None:
    assert validate_file(SPEC_PATH) == []


def test_every_seed_operation_is_present_and_nothing_else() -> None:
    """The Personal Edition's operations (lowerCamelCase ids) are exactly the seed's twelve."""
    found = {(op.method, op.path): op.operation_id for op in operations() if op.operation_id[0].islower()}
    assert found == SEED_OPERATIONS


def test_enterprise_operations_serve_the_98_actions_on_92_routes() -> None:
    """Every Enterprise operation's id is a Baidu action; six shared routes serve two actions each."""
    spec = load_spec()
    enterprise = [op for op in operations(spec) if op.operation_id[0].isupper()]
    actions = [a for op in enterprise for a in op.definition["x-bce-api-actions"]]
    assert len(enterprise) == 92 and len(actions) == len(set(actions)) == 98
    assert sum(len(op.definition["x-bce-api-actions"]) == 2 for op in enterprise) == 6
    grouped = {t for g in spec["x-tagGroups"] for t in g["tags"]}
    assert all(set(op.definition["tags"]) <= grouped for op in operations(spec))
    assert {g["name"] for g in spec["x-tagGroups"]} == {"Personal Edition", "Enterprise Edition"}


def test_seed_examples_are_all_in_the_spec() -> None:
    """Seed 001 has 8 request-body examples and 12 response examples (plus the error examples we add)."""
    spec = load_spec()
    request_examples = response_examples = 0
    for op in operations(spec):
        if op.operation_id[0].isupper():  # Enterprise: not from the seed
            continue
        body = op.definition.get("requestBody", {}).get("content", {}).get("application/json", {})
        request_examples += len(body.get("examples", {}))
        ok = op.responses["200"]["content"]["application/json"]
        response_examples += len([k for k in ok.get("examples", {}) if k == "seed"])
    # create(1) + update(1) + ping(2) + createPolicy(2) + updatePolicy(2) = 8 request bodies
    assert request_examples == 8
    assert response_examples == 12


def test_every_operation_signs_and_answers_bce_errors() -> None:
    for op in operations():
        assert op.definition["security"] == [{"bceAuth": []}], op.operation_id
        for code in ("400", "401", "403", "500"):
            assert code in op.responses, (op.operation_id, code)


def test_a_bad_example_is_reported(tmp_path: Path) -> None:
    def break_example(spec: dict) -> None:
        ex = spec["paths"]["/v1/ccr/registries"]["post"]["requestBody"]["content"]["application/json"]["examples"]
        ex["seed"]["value"]["type"] = "quay"

    problems = validate_file(_spec_copy(tmp_path, break_example))
    assert any("POST /v1/ccr/registries request examples/seed" in p and "type" in p for p in problems), problems


def test_missing_security_and_operation_id_are_reported() -> None:
    spec = load_spec()
    del spec["paths"]["/v1/ccr/policies"]["get"]["security"]
    del spec["paths"]["/v1/ccr/executions"]["get"]["operationId"]
    problems = project_problems(spec)
    assert "GET /v1/ccr/policies: no per-operation security" in problems
    assert "GET /v1/ccr/executions: no operationId" in problems


def test_missing_error_response_and_request_id_header_are_reported() -> None:
    spec = load_spec()
    del spec["paths"]["/v1/ccr/policies"]["get"]["responses"]["500"]
    del spec["paths"]["/v1/ccr/policies"]["get"]["responses"]["200"]["headers"]
    problems = project_problems(spec)
    assert "GET /v1/ccr/policies: no 500 response" in problems
    assert "GET /v1/ccr/policies 200: response does not declare x-bce-request-id" in problems


def test_secret_in_a_response_example_is_a_schema_violation() -> None:
    spec = load_spec()
    item = spec["paths"]["/v1/ccr/registries"]["get"]["responses"]["200"]["content"]["application/json"]
    item["examples"]["seed"]["value"]["result"][0]["credential"]["accessSecret"] = "password"
    problems = project_problems(spec)
    assert any("accessSecret" in p for p in problems), problems


def test_errata_cited_in_the_spec_exist() -> None:
    text = SPEC_PATH.read_text(encoding="utf-8")
    errata = (REPO_ROOT / "spec" / "ERRATA.md").read_text(encoding="utf-8")
    cited = set(re.findall(r"ERRATA (E\d+)", text))
    assert cited, "the spec cites no errata"
    defined = set(re.findall(r"^\*\*(E\d+) —", errata, flags=re.M))
    assert cited <= defined, cited - defined


def test_every_vendor_extension_is_documented() -> None:
    used: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(key, str) and key.startswith("x-") and key not in ("x-bce-request-id", "x-bce-date"):
                    used.add(key)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(load_spec())
    documented = (REPO_ROOT / "spec" / "EXTENSIONS.md").read_text(encoding="utf-8")
    assert used, "no vendor extension found"
    for key in used:
        assert f"`{key}`" in documented, key


def test_x_bce_action_matches_the_seed_answers() -> None:
    actions = {
        op.operation_id: op.responses["200"].get("x-bce-action")
        for op in operations()
        if "x-bce-action" in op.responses["200"]
    }
    assert actions == {
        "createRegistry": ["create"],
        "updateRegistry": ["update"],
        "deleteRegistry": ["delete"],
        "checkRegistryHealth": ["checkHealth"],
        "createPolicy": ["create"],
        "updatePolicy": ["update", "create"],
        "deletePolicy": ["delete"],
        "startPolicy": ["start"],
        "stopExecution": ["stop"],
    }


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "ccr-contract"
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=60)


def test_validate_cli_ok() -> None:
    done = _cli("validate")
    assert done.returncode == 0, done.stderr
    assert "valid" in done.stdout


@pytest.mark.parametrize(
    ("content", "needle"),
    [(None, "not found"), ("paths: [unclosed", "not valid YAML"), ("just: text\n", "not an OpenAPI document")],
)
def test_validate_cli_bad_input_is_one_line(tmp_path: Path, content: str | None, needle: str) -> None:
    target = tmp_path / "spec.yaml"
    if content is not None:
        target.write_text(content, encoding="utf-8")
    done = _cli("validate", str(target))
    assert done.returncode == 2
    assert needle in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_validate_cli_reports_problems_and_fails(tmp_path: Path) -> None:
    def drop_security(spec: dict) -> None:
        del spec["paths"]["/v1/ccr/policies"]["get"]["security"]

    done = _cli("validate", str(_spec_copy(tmp_path, drop_security)))
    assert done.returncode == 1
    assert "GET /v1/ccr/policies: no per-operation security" in done.stdout


@pytest.mark.node
@pytest.mark.skipif(not (NODE_BIN / "redocly").exists(), reason="node_modules not installed (npm ci)")
def test_redocly_lint_passes_and_rejects_nullable(tmp_path: Path) -> None:
    env = dict(os.environ, REDOCLY_TELEMETRY="off", REDOCLY_SUPPRESS_UPDATE_NOTICE="true")
    cmd = [str(NODE_BIN / "redocly"), "lint", "--config", str(REPO_ROOT / "redocly.yaml")]
    good = subprocess.run([*cmd, str(SPEC_PATH)], capture_output=True, text=True, env=env, timeout=120)
    assert good.returncode == 0, good.stdout + good.stderr

    def add_nullable(spec: dict) -> None:
        spec["components"]["schemas"]["Registry"]["properties"]["description"] = {"type": "string", "nullable": True}

    bad_spec = _spec_copy(tmp_path, add_nullable)
    shutil.copy(REPO_ROOT / "redocly.yaml", tmp_path / "redocly.yaml")
    bad = subprocess.run([*cmd, str(bad_spec)], capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode != 0
    assert "nullable" in bad.stdout + bad.stderr


SEED_001 = REPO_ROOT.parent / "shared" / "seeds" / "001_78609a369a909230.txt"


def seed_json_examples(text: str) -> list[object]:
    """Every JSON document in the seed's numbered code blocks (``4{`` ... ``15}``)."""
    docs: list[object] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        if lines[i].strip() != "Plain Text":
            i += 1
            continue
        block, expected, i = [], 1, i + 1
        while i < len(lines) and lines[i].startswith(str(expected)):
            block.append(lines[i][len(str(expected)) :])
            expected, i = expected + 1, i + 1
        start = next((n for n, line in enumerate(block) if line.startswith("{")), None)
        if start is not None:
            docs.append(json.loads("\n".join(block[start:])))
    return docs


def spec_example_values() -> list[object]:
    values: list[object] = []
    for op in operations():
        for media in (op.definition.get("requestBody") or {}).get("content", {}).values():
            values += [ex["value"] for ex in media.get("examples", {}).values()]
        for resp in op.responses.values():
            for media in (resp.get("content") or {}).values():
                values += [ex["value"] for ex in media.get("examples", {}).values()]
    return values


@pytest.mark.skipif(not SEED_001.is_file(), reason="shared/seeds is not beside the checkout")
def test_every_seed_json_example_is_in_the_spec_verbatim() -> None:
    seed_docs = seed_json_examples(SEED_001.read_text(encoding="utf-8"))
    # 8 request bodies + the list-registries GET body (ERRATA E2, not an example) + 12 responses
    assert len(seed_docs) == 21
    values = spec_example_values()
    get_with_body = seed_docs[0]  # the create body, repeated under the GET of E2
    missing = [doc for doc in seed_docs if doc not in values and doc != get_with_body]
    assert missing == []


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda s: s["paths"]["/v1/ccr/policies"]["get"].update(security=[{}]),
            "GET /v1/ccr/policies: an empty security requirement allows anonymous access",
        ),
        (
            lambda s: s["paths"]["/v1/ccr/policies"]["get"].update(security=[{"nope": []}]),
            "GET /v1/ccr/policies: security names undeclared scheme 'nope'",
        ),
        (
            lambda s: s["paths"]["/v1/ccr/policies"]["get"]["responses"].update({"404": {"description": "x"}}),
            "GET /v1/ccr/policies 404: error body is not #/components/schemas/BceError",
        ),
        (
            lambda s: s["paths"]["/v1/ccr/policies"]["get"]["responses"]["200"].pop("content"),
            "GET /v1/ccr/policies 200: success response has no body (or say 'The body is empty.')",
        ),
        (
            lambda s: s["components"]["headers"]["XBceRequestId"].update(required=False),
            "GET /v1/ccr/policies 200: x-bce-request-id must be required",
        ),
        (
            lambda s: s["paths"]["/v1/ccr/policies"]["post"]["responses"]["200"]["links"]["StartCreatedPolicy"].update(
                operationId="startPolicyy"
            ),
            "POST /v1/ccr/policies 200 link StartCreatedPolicy: operationId 'startPolicyy' does not exist",
        ),
        (
            lambda s: s["paths"]["/v1/ccr/policies"]["post"]["responses"]["200"]["links"]["StartCreatedPolicy"].update(
                parameters={"policyID": "$response.body#/targetName"}
            ),
            "POST /v1/ccr/policies 200 link StartCreatedPolicy: startPolicy has no parameter 'policyID'",
        ),
        (
            lambda s: s["components"]["securitySchemes"]["bceAuth"]["x-bce-auth"].update(clockSkewSeconds="lots"),
            "x-bce-auth.clockSkewSeconds: 'lots' is not of type 'integer'",
        ),
        (
            lambda s: s["components"]["securitySchemes"]["bceAuth"]["x-bce-auth"].update(requiredSignedHeaders=[]),
            "x-bce-auth.requiredSignedHeaders: [] should be non-empty",
        ),
    ],
    ids=[
        "anonymous",
        "undeclared-scheme",
        "error-without-body",
        "success-without-body",
        "request-id-optional",
        "link-operation",
        "link-parameter",
        "auth-type",
        "auth-required-headers",
    ],
)
def test_project_rules_catch(mutate, expected: str) -> None:  # type: ignore[no-untyped-def]
    spec = load_spec()
    mutate(spec)
    assert expected in project_problems(spec)


def test_ref_examples_are_resolved_and_validated() -> None:
    spec = load_spec()
    spec["components"]["examples"] = {"Bad": {"value": {"action": "create"}}}  # no targetName
    media = spec["paths"]["/v1/ccr/policies"]["post"]["responses"]["200"]["content"]["application/json"]
    media["examples"] = {"viaRef": {"$ref": "#/components/examples/Bad"}}
    problems = project_problems(spec)
    assert any("POST /v1/ccr/policies 200 examples/viaRef" in p and "targetName" in p for p in problems), problems


def test_write_only_fields_come_from_the_spec() -> None:
    from ccr_contract.spec import write_only_fields

    spec = load_spec()
    assert write_only_fields(spec) == {"accessSecret", "password", "secret"}
    spec["components"]["schemas"]["CredentialInput"]["properties"]["accessKey"]["writeOnly"] = True
    assert write_only_fields(spec) == {"accessSecret", "accessKey", "password", "secret"}
