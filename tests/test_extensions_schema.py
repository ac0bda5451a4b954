"""``spec/extensions.schema.json``: what each ``x-bce-*`` extension may hold, applied by ``validate``,
and every key of it documented in ``spec/EXTENSIONS.md``."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from ccr_contract.paths import REPO_ROOT
from ccr_contract.spec import load_spec
from ccr_contract.validate import EXTENSIONS_SCHEMA_RELATIVE, extensions_problems, extensions_schema, validate_file

SPEC = load_spec()
EXTENSIONS_MD = (REPO_ROOT / "spec" / "EXTENSIONS.md").read_text(encoding="utf-8")


def _spec() -> dict[str, Any]:
    return copy.deepcopy(SPEC)


def test_the_schema_is_a_json_schema_and_the_spec_satisfies_it() -> None:
    schema = json.loads((REPO_ROOT / EXTENSIONS_SCHEMA_RELATIVE).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert extensions_problems(SPEC) == []


def test_a_misspelled_resource_key_fails_with_the_key_it_meant() -> None:
    spec = _spec()
    decl = spec["x-bce-resources"]["migrationRules"]
    decl["uniqe"] = decl.pop("unique")
    problems = extensions_problems(spec)
    assert problems == [
        "x-bce-resources.migrationRules: unknown key 'uniqe' (did you mean 'unique'?); "
        "spec/EXTENSIONS.md lists the keys of x-bce-resources"
    ]


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (lambda s: s["x-bce-resources"]["syncs"]["references"]["destInstanceId"].update(onDelete="never"), "never"),
        (lambda s: s["x-bce-resources"]["executions"].update(busy={"exclusive": True}), "'when' is a required"),
        (lambda s: s["x-bce-resources"]["executions"].update(sort={"order": "newest"}), "newest"),
        (lambda s: s["x-bce-resources"]["repositories"].update(keyPattern="[a-"), "regex"),
        (lambda s: s["x-bce-resources"]["projects"]["operations"].update(lst="ListProjects"), "'lst'"),
        (lambda s: s["x-bce-resources"]["projects"]["set"].update(creationTime="create"), "creationTime"),
        (
            lambda s: s["x-bce-resources"]["migrationRules"]["references"]["srcRegistry"].update(show="name"),
            "should not be valid",  # show and expand exclude each other
        ),
    ],
)
def test_a_wrong_value_fails(change: Any, needle: str) -> None:
    spec = _spec()
    change(spec)
    problems = extensions_problems(spec)
    assert len(problems) == 1 and needle in problems[0], problems


def test_an_unknown_extension_fails_but_a_header_named_x_bce_does_not() -> None:
    spec = _spec()
    op = spec["paths"]["/v1/instances"]["get"]
    op["x-bce-knwon-from"] = op.pop("x-bce-known-from")
    problems = extensions_problems(spec)
    assert problems == [
        "paths./v1/instances.get: unknown extension 'x-bce-knwon-from'; spec/EXTENSIONS.md lists every x-bce-* key"
    ]
    assert "x-bce-request-id" in json.dumps(SPEC["paths"]["/v1/instances"]["get"]["responses"])  # a header: not flagged


def test_other_extensions_are_checked_where_they_appear() -> None:
    spec = _spec()
    op = spec["paths"]["/v1/instances"]["get"]
    op["x-bce-known-from"] = ["DOC"]
    spec["components"]["securitySchemes"]["bceAuth"]["x-bce-auth"]["verifierVarients"] = []
    problems = extensions_problems(spec)
    assert any(p.startswith("paths./v1/instances.get.x-bce-known-from.0: 'DOC' is not one of") for p in problems)
    assert any("unknown key 'verifierVarients' (did you mean 'verifierVariants'?)" in p for p in problems)


def test_the_resource_model_cross_checks_run_after_the_schema() -> None:
    spec = _spec()
    spec["x-bce-resources"]["syncs"]["references"]["srcProjectName"]["resource"] = "namespaces"
    assert extensions_problems(spec) == [
        "x-bce-resources: x-bce-resources.syncs.references.srcProjectName: unknown resource namespaces"
    ]
    spec = _spec()
    spec["x-bce-resources"]["syncs"]["references"]["destInstanceId"]["onDelete"] = "restrict"
    assert extensions_problems(spec) == [
        "x-bce-resources: x-bce-resources.syncs.references.destInstanceId: onDelete restrict needs a sibling resource"
    ]


def test_validate_applies_the_schema(tmp_path: Path) -> None:
    text = (REPO_ROOT / "spec" / "ccr.openapi.yaml").read_text(encoding="utf-8")
    bad = re.sub(r"(?m)^(    )unique:( \[name\]|\n    - name)", r"\1uniqe:\2", text, count=1)
    assert bad != text
    (tmp_path / "bad.yaml").write_text(bad, encoding="utf-8")
    problems = validate_file(tmp_path / "bad.yaml")
    assert any("unknown key 'uniqe' (did you mean 'unique'?)" in p for p in problems), problems


def _documented_keys(section: str) -> set[str]:
    start = EXTENSIONS_MD.index(f"## `{section}`")
    end = EXTENSIONS_MD.find("\n## ", start + 1)
    text = EXTENSIONS_MD[start : end if end > 0 else None]
    spans = re.findall(r"`([^`\n]+)`", text)  # `key`, `{when, exclusive}`, `{count: <child resource>}`
    named = {word for span in spans for word in re.findall(r"[A-Za-z]+", span)}
    return named | set(re.findall(r"(?m)^\s+([A-Za-z]+):", text))  # keys in the YAML examples


def _property_names(node: Any) -> list[str]:
    """Every property name a schema declares, at any depth (a resource's keys and their keys)."""
    names: list[str] = []
    if isinstance(node, dict):
        names += list(node.get("properties") or {})
        for value in node.values():
            names += _property_names(value)
    elif isinstance(node, list):
        for value in node:
            names += _property_names(value)
    return names


def test_every_extension_and_every_key_is_documented() -> None:
    schema = extensions_schema()
    extensions = [name for name in schema["$defs"] if name.startswith("x-bce-")]
    for name in extensions:
        assert f"## `{name}`" in EXTENSIONS_MD, f"spec/EXTENSIONS.md has no section for {name}"
    documented = _documented_keys("x-bce-resources")
    missing = sorted(set(_property_names(schema["$defs"]["resource"])) - documented)
    assert not missing, f"spec/EXTENSIONS.md does not document x-bce-resources keys {missing}"
    auth = set(schema["$defs"]["x-bce-auth"]["properties"])
    assert not sorted(auth - _documented_keys("x-bce-auth")), "x-bce-auth keys missing from spec/EXTENSIONS.md"


def test_sources_must_agree_with_the_reference_that_names_the_policy() -> None:
    spec = _spec()
    spec["x-bce-resources"]["executions"]["sources"] = ["migrationRules"]
    assert extensions_problems(spec) == [
        "x-bce-resources: x-bce-resources.executions.sources: no reference names exactly ['migrationRules']"
    ]
