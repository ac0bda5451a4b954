"""``generate --output DIR`` touches only the client project (``DIR/ccr_client``, ``DIR/pyproject.toml``);
generator messages reach people clean.

Regression tests for a review finding: installing used to diff and unlink across the whole output
root (``.git`` included), so ``--output .`` in a checkout would have deleted the work tree.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ccr_cli.main import main
from ccr_contract import codegen
from ccr_contract.paths import GENERATED_DIR

pytestmark = pytest.mark.timeout(180)


def _fake_fresh_tree(root: Path) -> Path:
    """A tiny stand-in for generator output: ``root/ccr_client`` with two files."""
    package = root / "ccr_client"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("x = 1\n", encoding="utf-8")
    (package / "client.py").write_text("y = 2\n", encoding="utf-8")
    return root


def test_install_tree_never_touches_siblings_of_the_package(tmp_path: Path) -> None:
    fresh = _fake_fresh_tree(tmp_path / "fresh")
    target = tmp_path / "target"
    (target / ".git").mkdir(parents=True)
    (target / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    sibling = target / "README.md"
    sibling.write_text("keep me\n", encoding="utf-8")
    (target / "src").mkdir()
    (target / "src" / "app.py").write_text("keep = True\n", encoding="utf-8")

    diff = codegen.install_tree(fresh, target)

    assert diff.added == ("ccr_client/__init__.py", "ccr_client/client.py")
    assert diff.removed == ()
    assert sibling.read_text(encoding="utf-8") == "keep me\n"
    assert (target / ".git" / "HEAD").is_file()
    assert (target / "src" / "app.py").is_file()


def test_install_tree_removes_stale_files_only_inside_the_package(tmp_path: Path) -> None:
    fresh = _fake_fresh_tree(tmp_path / "fresh")
    target = tmp_path / "target"
    shutil.copytree(fresh, target)
    stale = target / "ccr_client" / "old" / "gone.py"
    stale.parent.mkdir()
    stale.write_text("z = 3\n", encoding="utf-8")
    (target / "notes.txt").write_text("keep\n", encoding="utf-8")

    diff = codegen.install_tree(fresh, target)

    assert diff.removed == ("ccr_client/old/gone.py",)
    assert not stale.parent.exists()
    assert (target / "notes.txt").is_file()
    assert (target / "ccr_client").is_dir()


def test_tree_files_never_descends_into_git(tmp_path: Path) -> None:
    (tmp_path / ".git" / "objects").mkdir(parents=True)
    (tmp_path / ".git" / "objects" / "ab").write_bytes(b"blob")
    (tmp_path / "a.py").write_bytes(b"a")
    assert codegen.tree_files(tmp_path) == {"a.py": b"a"}


@pytest.mark.parametrize("check", [False, True], ids=["generate", "check"])
def test_output_holding_other_files_is_refused_and_left_intact(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], check: bool
) -> None:
    output = tmp_path / "checkout"
    shutil.copytree(GENERATED_DIR / "ccr_client", output / "ccr_client", ignore=shutil.ignore_patterns("__pycache__"))
    sibling = output / "README.md"
    sibling.write_text("the work tree\n", encoding="utf-8")
    (output / ".git").mkdir()
    (output / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    before = codegen.tree_files(output)

    args = ["generate", "--output", str(output), "--no-report"] + (["--check"] if check else [])
    assert main(args) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "README.md" in err and ".git" in err and "ccr_client" in err
    assert sibling.read_text(encoding="utf-8") == "the work tree\n"
    assert (output / ".git" / "HEAD").is_file()
    assert codegen.tree_files(output) == before


def test_output_with_only_git_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "repo"
    (output / ".git").mkdir(parents=True)
    (output / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    assert main(["generate", "--output", str(output), "--no-report"]) == 2
    assert ".git" in capsys.readouterr().err
    assert (output / ".git" / "config").is_file()
    assert not (output / "ccr_client").exists()


def test_an_empty_or_new_output_directory_is_fine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from test_codegen_check import tiny_spec

    spec = ["--spec", str(tiny_spec(tmp_path))]
    output = tmp_path / "new" / "out"
    assert main(["generate", *spec, "--output", str(output), "--no-report"]) == 0
    assert (output / "ccr_client" / "__init__.py").is_file()
    assert sorted(p.name for p in output.iterdir()) == ["ccr_client", "pyproject.toml"]
    assert main(["generate", "--check", *spec, "--output", str(output)]) == 0
    capsys.readouterr()


def test_generator_warnings_carry_no_object_reprs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = tmp_path / "bad-ref.openapi.yaml"
    spec.write_text(
        "openapi: 3.1.0\n"
        "info: {title: x, version: '1'}\n"
        "paths:\n"
        "  /a:\n"
        "    get:\n"
        "      operationId: a\n"
        "      responses:\n"
        "        '200':\n"
        "          description: ok\n"
        "          content: {application/json: {schema: {$ref: '#/components/schemas/Nope'}}}\n",
        encoding="utf-8",
    )
    assert main(["generate", "--check", "--spec", str(spec)]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "Could not find reference" in err
    assert " object at 0x" not in err and "<openapi_python_client" not in err


def test_first_lines_strips_object_reprs_and_stays_one_line() -> None:
    text = "WARNING x\nCannot parse status code <pkg.mod.Thing object at 0x7fc1471bb650> (missing)\n\n"
    cleaned = codegen.first_lines(text)
    assert cleaned == "WARNING x; Cannot parse status code (missing)"


def test_the_client_project_and_build_leftovers_are_allowed_beside_the_package(tmp_path: Path) -> None:
    """``pip install ./generated`` leaves ``build/`` and ``ccr_client.egg-info/``; those are not foreign."""
    output = tmp_path / "generated"
    (output / "ccr_client").mkdir(parents=True)
    (output / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    (output / "ccr_client.egg-info").mkdir()
    (output / "build").mkdir()
    assert codegen.foreign_entries(output) == []
    (output / "pyproject.toml").unlink()
    (output / "pyproject.toml").mkdir()  # a folder where the project file belongs is refused
    (output / "setup.py").write_text("", encoding="utf-8")
    assert codegen.foreign_entries(output) == ["pyproject.toml/", "setup.py"]
