"""Operation filters (--include/--exclude-operation-id, --tag, --path) and the flags that reach SuiteOptions."""

from __future__ import annotations

from typing import Any

import pytest
from ccr_conformance.selection import SelectionError, select_operations

from ccr_cli.main import main
from ccr_contract.spec import operations

ALL = {op.operation_id: op for op in operations()}


def test_no_filter_selects_everything() -> None:
    assert select_operations() is None
    assert select_operations([], [], [], []) is None


def test_include_and_exclude_operation_ids() -> None:
    assert select_operations(include=["ListRegistries", "listPolicies"]) == {"ListRegistries", "listPolicies"}
    everything_but = select_operations(exclude=["ListRegistries"])
    assert everything_but == set(ALL) - {"ListRegistries"}


def test_tags_are_alternatives_and_case_insensitive() -> None:
    expected = {o for o, op in ALL.items() if {"registries", "policies"} & set(op.definition.get("tags", []))}
    assert expected
    assert select_operations(tags=["Registries", "policies"]) == expected


def test_path_is_exact_or_a_whole_match_regex() -> None:
    path = ALL["listPolicies"].path
    exact = select_operations(paths=[path])
    assert exact == {o for o, op in ALL.items() if op.path == path}
    prefix = select_operations(paths=[path + ".*"])
    assert prefix is not None and exact < prefix
    assert all(ALL[o].path.startswith(path) for o in prefix)
    # fullmatch: a fragment of a path selects nothing on its own
    with pytest.raises(SelectionError, match="select no operation"):
        select_operations(paths=["policies"])


def test_different_filters_must_all_match_then_exclude() -> None:
    tag = "registries"
    in_tag = {o for o, op in ALL.items() if tag in op.definition.get("tags", [])}
    gets = select_operations(tags=[tag], paths=[".*"], exclude=[sorted(in_tag)[0]])
    assert gets == in_tag - {sorted(in_tag)[0]}
    with pytest.raises(SelectionError, match="select no operation"):
        select_operations(include=["ListRegistries"], tags=["policies"])


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"include": ["ListRegistrys"]}, "did you mean 'ListRegistries'"),
        ({"exclude": ["Nope"]}, "--exclude-operation-id: the spec has no operation 'Nope'"),
        ({"paths": ["("]}, "not a valid regular expression"),
        ({"exclude": list(ALL)}, "select no operation"),
    ],
)
def test_bad_filters_are_one_line_errors(kwargs: dict[str, Any], fragment: str) -> None:
    with pytest.raises(SelectionError) as info:
        select_operations(**kwargs)
    assert fragment in str(info.value) and "\n" not in str(info.value)


class Captured(Exception):
    pass


def capture_options(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> Any:
    """Run the CLI up to run_suite and return the SuiteOptions it would run with."""
    from ccr_conformance import runner

    seen: list[Any] = []

    def fake_run_suite(options: Any, progress: Any = None) -> Any:
        seen.append(options)
        raise ValueError("captured")

    monkeypatch.setattr(runner, "run_suite", fake_run_suite)
    assert main(["conformance", *argv]) == 2  # the fake's ValueError is reported as a usage error
    assert len(seen) == 1
    return seen[0]


def test_flags_reach_suite_options(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    options = capture_options(
        monkeypatch,
        [
            "--include-operation-id",
            "ListRegistries",
            "--include-operation-id",
            "listPolicies",
            "--instance-id",
            "ccr-1a2b3c4d",
            "--read-only",
            "--project",
            "library",
            "--repository",
            "nginx",
            "--max-failures",
            "3",
            "--rate-limit",
            "20",
            "--quiet",
        ],
    )
    assert options.operations == frozenset({"ListRegistries", "listPolicies"})
    assert options.embedded is True  # no --base-url: the CLI started the reference server
    assert (options.instance_id, options.read_only, options.project, options.repository) == (
        "ccr-1a2b3c4d",
        True,
        "library",
        "nginx",
    )
    assert (options.max_failures, options.rate_limit) == (3, 20.0)
    assert capsys.readouterr().err.strip() == "ccr-contract conformance: error: captured"  # --quiet: no progress


def test_defaults_reach_suite_options(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    options = capture_options(monkeypatch, ["--quiet"])
    assert options.operations is None
    assert (options.read_only, options.max_failures, options.rate_limit, options.instance_id) == (
        False,
        None,
        None,
        None,
    )
    assert (options.seed, options.max_examples, options.workers, options.timeout) == (0, 10, 1, 10.0)


def test_base_url_run_is_not_embedded(monkeypatch: pytest.MonkeyPatch) -> None:
    options = capture_options(
        monkeypatch, ["--base-url", "http://127.0.0.1:9", "--ak", "a", "--sk", "secret", "--tag", "policies", "--quiet"]
    )
    assert options.embedded is False
    assert options.operations == {o for o, op in ALL.items() if "policies" in op.definition.get("tags", [])}
