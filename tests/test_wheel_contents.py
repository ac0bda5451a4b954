"""What the wheel ships, checked from ``pyproject.toml`` in a second (the slow test builds and installs it).

``[tool.setuptools] packages`` lists every package by hand (the data mapping rules out automatic
discovery), so a new folder of modules must be added there; this test names the line to add.
The data the tools read at run time must match a ``package-data`` pattern of ``ccr_contract._data``.
"""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

from ccr_contract.docs.pages import ASSETS, PAGES
from ccr_contract.paths import REPO_ROOT, SPEC_RELATIVE
from ccr_contract.validate import EXTENSIONS_SCHEMA_RELATIVE

PYPROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
#: Folders of the package that hold templates (data), not modules.
TEMPLATE_FOLDERS = {"ccr_contract.client_template", "ccr_contract.docs.templates"}


def _package_dirs() -> dict[str, Path]:
    roots = {name: REPO_ROOT / folder for name, folder in SETUPTOOLS["package-dir"].items() if folder != "."}
    found: dict[str, Path] = {}
    for top, root in roots.items():
        for module in root.rglob("*.py"):
            if "__pycache__" in module.parts:
                continue
            relative = module.parent.relative_to(root).parts
            found[".".join((top, *relative))] = module.parent
    return found


def test_every_folder_of_modules_is_a_listed_package() -> None:
    listed = set(SETUPTOOLS["packages"])
    missing = sorted(name for name in _package_dirs() if name not in listed and name not in TEMPLATE_FOLDERS)
    assert not missing, f"add {missing} to [tool.setuptools] packages in pyproject.toml, or the wheel lacks them"
    stale = sorted(name for name in listed - set(_package_dirs()) if name != "ccr_contract._data")
    assert not stale, f"[tool.setuptools] packages lists folders that hold no modules: {stale}"


def _shipped(relative: str) -> bool:
    """Whether a ``package-data`` glob of ``ccr_contract._data`` matches (``*`` stays within one folder)."""
    parts = relative.split("/")
    for pattern in SETUPTOOLS["package-data"]["ccr_contract._data"]:
        pattern_parts = pattern.split("/")
        if len(pattern_parts) == len(parts) and all(map(fnmatch.fnmatchcase, parts, pattern_parts)):
            return True
    return False


def test_the_data_the_tools_read_is_shipped() -> None:
    needed = [SPEC_RELATIVE, "conformance/checks.yaml", "conformance/CHECKS.md", "README.md", "package.json"]
    needed += ["scripts/openapi-python-client.yaml", EXTENSIONS_SCHEMA_RELATIVE]
    needed += [page.source for page in PAGES if page.source]
    for asset in ASSETS:
        path = REPO_ROOT / asset
        files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
        needed += [p.relative_to(REPO_ROOT).as_posix() for p in files]
    not_shipped = [relative for relative in needed if not _shipped(relative)]
    assert not not_shipped, f"add package-data patterns for ccr_contract._data in pyproject.toml: {not_shipped}"


def test_the_client_is_not_part_of_the_tool() -> None:
    assert "ccr_client" not in SETUPTOOLS["packages"]
    assert not any("ccr_client" in folder for folder in SETUPTOOLS["package-dir"].values())
    dependencies = " ".join(PYPROJECT["project"]["dependencies"])
    for authoring_tool in ("openapi-python-client", "ruff", "pytest"):
        assert authoring_tool not in dependencies, f"{authoring_tool} belongs in an extra, not the base install"
