"""COVERAGE.md's typescript column comes from the generated TypeScript client's types, and can say no."""

from __future__ import annotations

from pathlib import Path

from ccr_contract import coverage
from ccr_contract.spec import load_spec, operations


def test_every_operation_is_typed_in_the_committed_ts_client() -> None:
    spec = load_spec()
    assert coverage.ts_operations(spec, coverage.ts_schema()) == {op.operation_id for op in operations(spec)}


def test_an_operation_missing_from_the_ts_schema_is_marked_no(tmp_path: Path) -> None:
    spec = load_spec()
    text = coverage.ts_schema().read_text(encoding="utf-8")
    schema = tmp_path / "schema.ts"
    schema.write_text(text.replace('get: operations["listRegistries"];', "get?: never;"), encoding="utf-8")
    found = coverage.ts_operations(spec, schema)
    assert "listRegistries" not in found
    assert "createRegistry" in found
    rows = coverage.table(spec, coverage.client_package(), schema)
    row = next(r for r in rows if r.operation_id == "listRegistries")
    assert row.marks["typescript"] is False and row.marks["client"] is True
    assert coverage.ts_operations(spec, tmp_path / "absent.ts") == set()
