"""The catalogue file is valid, CHECKS.md is its rendering, and selection by id/family/prefix works."""

from __future__ import annotations

import pytest
from ccr_conformance import catalogue
from ccr_conformance.catalogue import CatalogueError, parse
from ccr_conformance.schemathesis_run import ENGINE_CHECKS
from ccr_conformance.st_integration import CHECK_MAP


def test_checks_md_is_rendered_from_checks_yaml() -> None:
    rendered = catalogue.render_markdown(catalogue.load())
    assert catalogue.CHECKS_MD_PATH.read_text(encoding="utf-8") == rendered, (
        "conformance/CHECKS.md is out of date: python -m ccr_conformance.catalogue --write"
    )


def test_catalogue_has_the_required_families_and_ids() -> None:
    cat = catalogue.load()
    assert {"schema", "auth", "signing", "structure", "stateful", "pagination", "secrets"} <= set(cat.families)
    assert len(cat.ids()) == len(set(cat.ids())) >= 30
    for check in cat.checks:
        assert check.rule and check.source and check.how, check.id


def test_every_schemathesis_mapping_names_a_catalogue_check() -> None:
    ids = set(catalogue.load().ids())
    assert set(CHECK_MAP.values()) <= ids
    assert ids >= ENGINE_CHECKS


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        ("AUTH-002", ["AUTH-002"]),
        ("auth-002, STRUCT-001", ["AUTH-002", "STRUCT-001"]),
        ("pagination", ["PAGE-001", "PAGE-002", "PAGE-003", "PAGE-004", "PAGE-005"]),
        ("SECRET", ["SECRET-001", "SECRET-002"]),
    ],
)
def test_select(selection: str, expected: list[str]) -> None:
    assert catalogue.load().select(selection) == expected


def test_select_rejects_unknown_names() -> None:
    with pytest.raises(CatalogueError, match="NOPE-001"):
        catalogue.load().select("NOPE-001")


@pytest.mark.parametrize(
    "data",
    [
        {"checks": [{"id": "bad", "family": "x"}]},
        {
            "families": {"x": "X"},
            "checks": [
                {"id": "X-001", "family": "y", "title": "t", "rule": "r", "source": "s", "how": "h", "since": 1}
            ],
        },
        {
            "families": {"x": "X"},
            "checks": [
                {"id": "X-001", "family": "x", "title": "t", "rule": "r", "source": "s", "how": "h", "since": 1},
                {"id": "X-001", "family": "x", "title": "t", "rule": "r", "source": "s", "how": "h", "since": 1},
            ],
        },
    ],
)
def test_malformed_catalogues_are_refused(data: dict) -> None:
    with pytest.raises(CatalogueError):
        parse(data)


def test_every_id_is_run_by_exactly_one_family_module_or_engine() -> None:
    """An id is written once, in checks.yaml, with the family (or engine) that runs it: every active
    id belongs to one family module of the runner, or to the schemathesis engine, never to two."""
    from ccr_conformance import runner
    from ccr_conformance.catalogue import load
    from ccr_conformance.schemathesis_run import ENGINE_CHECKS

    owners: dict[str, list[str]] = {}
    for phase, module in runner.FAMILIES:
        for check_id in module.CHECK_IDS:
            owners.setdefault(check_id, []).append(phase)
    for check_id in ENGINE_CHECKS:
        owners.setdefault(check_id, []).append("schemathesis")
    assert {cid: where for cid, where in owners.items() if len(where) != 1} == {}
    assert set(owners) == set(load().ids())


def test_an_unknown_engine_is_refused() -> None:
    from ccr_conformance.catalogue import CatalogueError, parse

    entry = {"id": "X-001", "family": "f", "title": "t", "rule": "r", "source": "s", "how": "h", "since": 1}
    parse({"families": {"f": "F"}, "checks": [{**entry, "engine": "schemathesis"}]})
    with pytest.raises(CatalogueError, match="unknown engine"):
        parse({"families": {"f": "F"}, "checks": [{**entry, "engine": "zap"}]})
