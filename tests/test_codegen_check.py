"""``ccr-contract generate [--check]``: drift detection, determinism, and writing ``generated/`` safely.

The committed spec (``spec/ccr.openapi.yaml``) is never modified: changed specs are temporary copies
passed with ``--spec`` or ``CCR_CONTRACT_SPEC``; the write-mode tests write into temporary copies of
``generated/``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from ccr_cli.main import main
from ccr_contract import codegen
from ccr_contract.paths import GENERATED_DIR, REPO_ROOT, SPEC_PATH

pytestmark = pytest.mark.timeout(180)


def changed_spec(tmp_path: Path) -> Path:
    """A copy of the spec with one optional query parameter and one new operation."""
    spec: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    spec["paths"]["/v1/ccr/policies"]["get"]["parameters"].append(
        {"name": "keyword", "in": "query", "required": False, "schema": {"type": "string"}}
    )
    spec["paths"]["/v1/ccr/executions/{executionId}"] = {
        "get": {
            "tags": ["executions"],
            "operationId": "getExecution",
            "summary": "Get one execution",
            "parameters": [{"name": "executionId", "in": "path", "required": True, "schema": {"type": "integer"}}],
            "responses": {
                "200": {
                    "description": "The execution.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Execution"}}},
                }
            },
        }
    }
    path = tmp_path / "changed.openapi.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


#: A two-operation spec for the tests of the mechanics (writing, repairing, processes): generating
#: the whole contract takes seconds per run, this a fraction of one.
TINY_SPEC = """\
openapi: 3.1.0
info: {title: Tiny CCR, version: 0.0.1}
paths:
  /v1/ccr/things:
    get:
      tags: [things]
      operationId: listThings
      parameters:
      - {name: pageNo, in: query, required: false, schema: {type: integer}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
        '400': {description: bad, content: {application/json: {schema: {$ref: '#/components/schemas/BceError'}}}}
  /v1/ccr/things/{name}:
    delete:
      tags: [things]
      operationId: deleteThing
      parameters:
      - {name: name, in: path, required: true, schema: {type: string}}
      responses:
        '200': {description: ok}
components:
  schemas:
    Thing: {type: object, properties: {name: {type: string}}}
    BceError:
      type: object
      required: [requestId, code, message]
      properties: {requestId: {type: string}, code: {type: string}, message: {type: string}}
"""


def tiny_spec(folder: Path, *, changed: bool = False) -> Path:
    """The tiny spec (``changed``: one more query parameter and one more operation) as a file."""
    spec: dict[str, Any] = yaml.safe_load(TINY_SPEC)
    if changed:
        spec["paths"]["/v1/ccr/things"]["get"]["parameters"].append(
            {"name": "keyword", "in": "query", "required": False, "schema": {"type": "string"}}
        )
        spec["paths"]["/v1/ccr/things/{name}"]["get"] = {
            "tags": ["things"],
            "operationId": "getThing",
            "parameters": [{"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "ok"}},
        }
    path = folder / ("tiny-changed.openapi.yaml" if changed else "tiny.openapi.yaml")
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def fresh_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The client generated once from the committed spec, for the tests that only read it."""
    root = tmp_path_factory.mktemp("fresh")
    codegen.generate_into(root, SPEC_PATH)
    return root


@pytest.fixture(scope="module")
def tiny_tree(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the tiny spec, the client generated from it)."""
    folder = tmp_path_factory.mktemp("tiny")
    spec = tiny_spec(folder)
    root = folder / "out"
    root.mkdir()
    codegen.generate_into(root, spec)
    return spec, root


def test_check_passes_on_the_committed_tree(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "--check"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_check_fails_listing_files_after_a_spec_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = codegen.tree_files(GENERATED_DIR)
    assert main(["generate", "--check", "--spec", str(changed_spec(tmp_path))]) == 1
    captured = capsys.readouterr()
    assert "~ ccr_client/api/policies/list_policies.py" in captured.out
    assert "+ ccr_client/api/executions/get_execution.py" in captured.out
    assert "is stale: 2 file(s) differ" in captured.err
    assert codegen.tree_files(GENERATED_DIR) == before, "--check must not write generated/"


def _cli(args: list[str], env: dict[str, str], cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).parent / "ccr-contract"), *args],  # the console script, as CI runs it
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_in_a_fresh_process_finds_ruff_without_the_venv_on_path(
    tiny_tree: tuple[Path, Path], tmp_path: Path
) -> None:
    """As in CI on a fresh clone: the venv is not activated, the spec comes from CCR_CONTRACT_SPEC."""
    spec, tree = tiny_tree
    bare_path = os.pathsep.join(p for p in ("/usr/bin", "/bin") if Path(p).is_dir())
    assert shutil.which("ruff", path=bare_path) is None, "this test needs a PATH without ruff"
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "CCR_CONTRACT_SPEC"}}
    env["PATH"] = bare_path
    output = ["--output", str(tree)]
    ok = _cli(["generate", "--check", *output], dict(env, CCR_CONTRACT_SPEC=str(spec)), cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr  # unformatted output (no ruff) would differ from the tree
    changed = str(tiny_spec(tmp_path, changed=True))
    stale = _cli(["generate", "--check", *output], dict(env, CCR_CONTRACT_SPEC=changed), cwd=tmp_path)
    assert stale.returncode == 1
    assert "get_thing.py" in stale.stdout
    assert "Traceback" not in stale.stderr


def test_two_runs_are_byte_identical_and_free_of_tool_caches(fresh_tree: Path, tmp_path: Path) -> None:
    codegen.generate_into(tmp_path, SPEC_PATH)
    first, second = codegen.tree_files(fresh_tree), codegen.tree_files(tmp_path)
    assert first and first == second
    leftovers = [p for p in tmp_path.rglob("*") if p.name in {".ruff_cache", "__pycache__"} or p.suffix == ".pyc"]
    assert leftovers == []
    assert "ccr_client/models/bce_error.py" in first


def test_generated_code_is_formatted_by_the_post_hooks(fresh_tree: Path) -> None:
    """The ruff hooks ran: a second ruff format pass with the same options changes nothing."""
    ruff = Path(sys.executable).parent / "ruff"
    proc = subprocess.run(
        [str(ruff), "format", "--isolated", "--no-cache", "--line-length", "120", "--check", str(fresh_tree)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_generate_repairs_a_stale_tree_touching_only_what_differs(
    tiny_tree: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec, fresh_tree = tiny_tree
    target = tmp_path / "generated"
    shutil.copytree(fresh_tree, target)
    hand_edited = target / "ccr_client" / "client.py"
    hand_edited.write_text("# edited by hand\n", encoding="utf-8")
    stray = target / "ccr_client" / "stray" / "notes.py"
    stray.parent.mkdir()
    stray.write_text("x = 1\n", encoding="utf-8")
    untouched = target / "ccr_client" / "types.py"
    stamp = untouched.stat().st_mtime_ns

    assert main(["generate", "--spec", str(spec), "--output", str(target), "--no-report"]) == 0
    out = capsys.readouterr().out
    assert "2 file(s) updated" in out
    assert "~ ccr_client/client.py" in out and "- ccr_client/stray/notes.py" in out
    assert codegen.tree_files(target) == codegen.tree_files(fresh_tree)
    assert not stray.parent.exists()
    assert untouched.stat().st_mtime_ns == stamp

    assert main(["generate", "--spec", str(spec), "--output", str(target), "--no-report"]) == 0
    assert "already up to date" in capsys.readouterr().out


def test_regenerate_script_is_the_same_command(tiny_tree: tuple[Path, Path]) -> None:
    spec, tree = tiny_tree
    proc = subprocess.run(
        [
            sys.executable,
            str(REPO_ROOT / "scripts" / "regenerate.py"),
            "--check",
            "--spec",
            str(spec),
            "--output",
            str(tree),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "up to date" in proc.stdout


def test_bad_input_ends_in_one_line_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "--check", "--spec", str(tmp_path / "missing.yaml")]) == 2
    assert "spec file not found" in capsys.readouterr().err
    broken = tmp_path / "broken.yaml"
    broken.write_text("openapi: 3.1.0\npaths: [not, a, mapping\n", encoding="utf-8")
    assert main(["generate", "--check", "--spec", str(broken)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ccr-contract generate: openapi-python-client failed:")
    assert len(err.strip().splitlines()) == 1


def test_tree_diff_classifies_files() -> None:
    diff = codegen.diff_trees({"a.py": b"1", "b.py": b"2", "c.py": b"3"}, {"b.py": b"2", "c.py": b"x", "d.py": b""})
    assert (diff.added, diff.removed, diff.changed) == (("a.py",), ("d.py",), ("c.py",))
    assert diff.lines() == ["+ a.py", "~ c.py", "- d.py"]
    assert not codegen.diff_trees({"a.py": b"1"}, {"a.py": b"1"})


def test_the_client_is_a_distribution_that_signs_with_the_one_signer(fresh_tree: Path) -> None:
    """pyproject.toml, the signer copy and the signing factory come out of the generator run, and
    ``--check`` compares them like the rest (a hand edit or a changed signer makes the tree stale)."""
    import ast
    import tomllib

    from ccr_contract import signing

    files = codegen.package_files(fresh_tree)
    for name in ("pyproject.toml", "ccr_client/signing.py", "ccr_client/auth.py", "ccr_client/bce.py"):
        assert name in files, name
    copy = files["ccr_client/signing.py"].decode("utf-8")
    assert copy.startswith(codegen.SIGNING_HEADER)
    original = Path(signing.__file__).read_text(encoding="utf-8")
    assert ast.dump(ast.parse(copy)) == ast.dump(ast.parse(original)), "the client's signer must be the one signer"
    meta = tomllib.loads(files["pyproject.toml"].decode("utf-8"))
    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    assert meta["project"]["name"] == "ccr-client"
    assert meta["project"]["version"] == str(spec["info"]["version"])
    assert not any("ccr-contract" in dep or "schemathesis" in dep for dep in meta["project"]["dependencies"])
    init = files["ccr_client/__init__.py"].decode("utf-8")
    assert "make_client" in init and "AuthenticatedClient" in init and "Client" in init
    relative_imports = {
        node.module
        for name in ("ccr_client/auth.py", "ccr_client/bce.py", "ccr_client/signing.py")
        for node in ast.walk(ast.parse(files[name]))
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
    }
    assert not {m for m in relative_imports if m.split(".")[0] in {"ccr_contract", "ccr_conformance"}}
