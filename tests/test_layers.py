"""The packages import one way: ``ccr_cli`` (command line) -> ``ccr_conformance`` (suite) ->
``ccr_contract`` (library).  A library module importing the suite or the CLI, or the suite importing
the CLI, would run an import back up a layer (issue 12); this reads every module's imports (AST,
including imports inside functions) and names any that do.  ``ccr_contract/__main__.py`` is an
entry point (``python -m ccr_contract``), never imported by the library, and may call the CLI."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: package -> (its folder, the packages it must never import)
LAYERS = {
    "ccr_contract": (ROOT / "ccr_contract", ("ccr_conformance", "ccr_cli")),
    "ccr_conformance": (ROOT / "conformance" / "ccr_conformance", ("ccr_cli",)),
}
ENTRY_POINTS = {ROOT / "ccr_contract" / "__main__.py"}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(LAYERS))
def test_no_import_runs_back_up_a_layer(package: str) -> None:
    folder, forbidden = LAYERS[package]
    offenders = [
        f"{path.relative_to(ROOT)} imports {sorted(imported_packages(path) & set(forbidden))}"
        for path in sorted(folder.rglob("*.py"))
        if path not in ENTRY_POINTS and imported_packages(path) & set(forbidden)
    ]
    assert not offenders, offenders


def test_the_checker_sees_imports_inside_functions(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from ccr_cli.main import main\n    import ccr_conformance.runner\n")
    assert imported_packages(module) == {"ccr_cli", "ccr_conformance"}
