"""``ccr-contract docs``: exit statuses and one-line errors, and a real build through the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ccr_cli.main import main
from ccr_contract.docs.pages import PAGES
from ccr_contract.paths import NODE_BIN, REPO_ROOT
from ccr_contract.spec import load_spec, operations

#: A minimal source for every page of the site (the page table decides which files those are).
SOURCES = {page.source: f"# {page.nav_title}\n" for page in PAGES if page.source}
SOURCES["docs-src/index.md"] = "# Home\n\n[Errata](../spec/ERRATA.md)\n"
SOURCES["docs-src/getting-started.md"] = "# Getting started\n\n`bash scripts/install.sh`\n"


def tree(root: Path, *, without: str | None = None) -> Path:
    for relative, text in SOURCES.items():
        if relative != without:
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_text(text, encoding="utf-8")
    (root / "spec" / "ccr.openapi.yaml").write_bytes((REPO_ROOT / "spec" / "ccr.openapi.yaml").read_bytes())
    return root


def test_missing_source_is_one_line_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tree(tmp_path / "src", without="docs-src/signing.md")
    assert main(["docs", "--root", str(root), "--out", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("ccr-contract docs: missing source under ")
    assert "docs-src/signing.md (page 'Authentication')" in err


def test_bad_root_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["docs", "--root", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not a folder" in err


def test_unwritable_out_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tree(tmp_path / "src")
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    assert main(["docs", "--root", str(root), "--out", str(tmp_path / "a-file" / "site")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot create" in err


def test_foreign_out_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tree(tmp_path / "src")
    out = tmp_path / "photos"
    out.mkdir()
    (out / "a.jpg").write_bytes(b"x")
    assert main(["docs", "--root", str(root), "--out", str(out)]) == 1
    assert "did not build" in capsys.readouterr().err
    assert (out / "a.jpg").exists()


@pytest.mark.node
@pytest.mark.skipif(not (NODE_BIN / "redocly").exists(), reason="node_modules missing: run `npm ci`")
def test_docs_command_builds_the_site_in_the_working_directory(tmp_path: Path) -> None:
    """As on a fresh clone: the installed entry point, default ``--out site`` relative to where it runs."""
    root = tree(tmp_path / "src")
    work = tmp_path / "work"
    work.mkdir()
    entry_point = Path(sys.executable).parent / "ccr-contract"
    command = [str(entry_point)] if entry_point.exists() else [sys.executable, "-m", "ccr_cli.main"]
    done = subprocess.run(
        [*command, "docs", "--root", str(root)],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"built {len(PAGES)} pages into ")
    expected_operations = len(list(operations(load_spec(root / "spec" / "ccr.openapi.yaml"))))
    assert f"({expected_operations} operations in the reference" in done.stdout
    assert sorted(p.name for p in (work / "site").glob("*.html")) == sorted(page.filename for page in PAGES)


def test_coverage_needs_out_outside_a_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An installed ccr-contract must not write COVERAGE.md into site-packages."""
    from ccr_contract import paths

    monkeypatch.setattr(paths, "in_checkout", lambda: False)
    assert main(["coverage"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--out FILE is required outside a checkout" in err
    assert main(["coverage", "--out", str(tmp_path / "COVERAGE.md")]) == 0
    assert (tmp_path / "COVERAGE.md").read_text(encoding="utf-8").startswith("# Coverage\n")
