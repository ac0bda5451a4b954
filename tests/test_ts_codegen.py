"""``ccr-contract generate`` and ``generate --check`` over the TypeScript client (``generated-ts/``).

The committed tree being up to date is what ``scripts/test.sh`` checks (``generate --check``); these
tests show the check fails on drift (a hand edit, a deleted file, an extra file), that regenerating
repairs exactly those files, and that an output holding anything else is refused.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ccr_cli.main import main
from ccr_contract import codegen, codegen_ts
from ccr_contract.codegen import TreeDiff, UnsafeOutput
from ccr_contract.paths import REPO_ROOT


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "ts"
    target.mkdir()
    for name in codegen_ts.PROJECT_FILES:
        shutil.copyfile(codegen_ts.GENERATED_TS_DIR / name, target / name)
    for name in codegen_ts.PROJECT_DIRS:
        shutil.copytree(codegen_ts.GENERATED_TS_DIR / name, target / name)
    return target


def test_spec_facts_name_the_repository_path_parameter() -> None:
    from ccr_contract.spec import load_spec

    facts = codegen_ts.spec_facts(load_spec())
    assert facts["base64PathParameters"] == ["repositoryName"]
    assert facts["defaultEndpoint"].startswith("https://")


def test_an_output_holding_other_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(UnsafeOutput, match=r"notes\.txt"):
        codegen_ts.check(output=tmp_path)
    with pytest.raises(UnsafeOutput):
        codegen_ts.regenerate(output=REPO_ROOT)
    assert (tmp_path / "notes.txt").read_text() == "mine"


@pytest.mark.node
@pytest.mark.skipif(codegen_ts.missing_tools() is not None, reason="node or node_modules (npm ci) is missing")
def test_check_fails_on_drift_and_generate_repairs_only_that(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = _copy(tmp_path)
    signer = target / "src" / "signing.ts"
    signer.write_text(signer.read_text() + "\n// a hand edit\n")
    (target / "dist" / "facts.js").unlink()
    (target / "dist" / "extra.js").write_text("export {};\n")
    (target / "node_modules").mkdir()  # an install of the package is tolerated and left alone
    (target / "node_modules" / "keep.txt").write_text("kept")
    # The Python client's own check is tested in test_codegen_check.py; here it is stubbed as up to date.
    monkeypatch.setattr(codegen, "check", lambda spec, output: TreeDiff())
    assert main(["generate", "--check", "--ts-output", str(target)]) == 1
    out, err = capsys.readouterr()
    assert "generated is up to date" in out
    for line in ("~ src/signing.ts", "+ dist/facts.js", "- dist/extra.js"):
        assert line in out
    assert "ts is stale: 3 file(s) differ" in err
    assert "Traceback" not in err

    result = codegen_ts.regenerate(output=target)
    assert sorted(result.diff.lines()) == ["+ dist/facts.js", "- dist/extra.js", "~ src/signing.ts"]
    assert codegen_ts.project_files(target) == codegen_ts.project_files(codegen_ts.GENERATED_TS_DIR)
    assert (target / "node_modules" / "keep.txt").read_text() == "kept"


def test_without_node_tools_the_default_ts_output_is_skipped_with_a_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(codegen, "check", lambda spec, output: TreeDiff())
    monkeypatch.setattr(codegen_ts, "missing_tools", lambda: "node")
    assert main(["generate", "--check"]) == 0
    out, err = capsys.readouterr()
    assert "generated-ts: skipped, node is not installed" in err
    assert "generated-ts" not in out
    # Asked for explicitly, it fails with one line instead.
    assert main(["generate", "--check", "--ts-output", str(codegen_ts.GENERATED_TS_DIR)]) == 1
    assert "node not installed" in capsys.readouterr().err
