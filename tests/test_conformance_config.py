"""The config file: where it is read from, precedence (command line > environment > file > defaults),
unknown keys and wrong types as one-line usage errors, and the secret-key rule."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ccr_conformance import config

from ccr_cli.main import build_parser, main


def conformance_parser() -> argparse.ArgumentParser:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sub.choices["conformance"]


class Captured(Exception):
    pass


def options_for(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> Any:
    from ccr_conformance import runner

    seen: list[Any] = []

    def fake_run_suite(options: Any, progress: Any = None) -> Any:
        seen.append(options)
        raise ValueError("captured")

    monkeypatch.setattr(runner, "run_suite", fake_run_suite)
    assert main(["conformance", "--quiet", *argv]) == 2
    assert seen, "the run never started"
    return seen[0]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CCR_AK", raising=False)
    monkeypatch.delenv("CCR_SK", raising=False)
    return tmp_path


def test_every_flag_is_a_config_key() -> None:
    options = config.options_from_parser(conformance_parser())
    assert {"base-url", "ak", "sk", "report", "seed", "max-examples", "checks", "workers", "timeout"} <= set(options)
    assert {"include-operation-id", "exclude-operation-id", "tag", "path", "instance-id", "read-only"} <= set(options)
    assert {"project", "repository", "max-failures", "rate-limit", "quiet", "spec"} <= set(options)
    assert not {"help", "config", "list"} & set(options)
    assert options["include-operation-id"].kind == "list" and options["read-only"].kind == "bool"
    assert options["max-examples"].kind == "int" and options["rate-limit"].kind == "float"


def test_ccr_contract_toml_fills_what_the_command_line_does_not(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (workdir / "ccr-contract.toml").write_text(
        'seed = 7\nmax-examples = 3\ntag = "policies"\nread_only = true\nrate-limit = 5\n'
        'checks = ["AUTH-002", "STRUCT-004"]\n'
    )
    options = options_for(monkeypatch, ["--max-examples", "4"])
    assert options.seed == 7  # from the file
    assert options.max_examples == 4  # the command line wins
    assert options.read_only is True and options.rate_limit == 5.0
    assert options.checks == "AUTH-002,STRUCT-004"
    assert options.operations and all(op[0].islower() for op in options.operations)  # the policies tag
    assert options.workers == 1 and options.timeout == 10.0  # built-in defaults


def test_repeatable_flag_on_the_command_line_replaces_the_file_list(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (workdir / "ccr-contract.toml").write_text('include-operation-id = ["ListRegistries", "listPolicies"]\n')
    assert options_for(monkeypatch, []).operations == {"ListRegistries", "listPolicies"}
    assert options_for(monkeypatch, ["--include-operation-id", "ListInstances"]).operations == {"ListInstances"}


def test_pyproject_table_is_read_and_ccr_contract_toml_wins(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (workdir / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.ccr-contract]\nseed = 11\n')
    assert options_for(monkeypatch, []).seed == 11
    (workdir / "ccr-contract.toml").write_text("seed = 12\n")
    assert options_for(monkeypatch, []).seed == 12  # not merged: the first file found is the config


def test_pyproject_without_the_table_is_no_config(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (workdir / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.ruff]\nline-length = 100\n')
    assert options_for(monkeypatch, []).seed == 0


def test_explicit_config_file_and_paths_relative_to_it(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("cfg")
    (workdir / "ccr-contract.toml").write_text("seed = 1\n")  # ignored: --config names the file
    (elsewhere / "ci.toml").write_text('[tool.ccr-contract]\nseed = 5\nreport = "out"\n')
    loaded = config.load(elsewhere / "ci.toml", config.options_from_parser(conformance_parser()))
    assert loaded.values["report"] == str(elsewhere / "out")
    options = options_for(monkeypatch, ["--config", str(elsewhere / "ci.toml")])
    assert options.seed == 5
    assert (elsewhere / "out").is_dir()  # the report folder was checked writable up front


def test_base_url_and_keys_from_file_rank_below_the_environment(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = workdir / "ccr-contract.toml"
    path.write_text('base-url = "http://127.0.0.1:9"\nak = "file-ak"\nsk = "file-secret-key"\n')
    path.chmod(0o600)
    options = options_for(monkeypatch, [])
    assert (options.base_url, options.access_key, options.secret_key) == (
        "http://127.0.0.1:9",
        "file-ak",
        "file-secret-key",
    )
    err = capsys.readouterr().err
    assert "plain-text file" in err and "prefer CCR_SK" in err and "file-secret-key" not in err
    assert "other users can read" not in err  # chmod 600
    monkeypatch.setenv("CCR_AK", "env-ak")
    monkeypatch.setenv("CCR_SK", "env-secret")
    options = options_for(monkeypatch, [])
    assert (options.access_key, options.secret_key) == ("env-ak", "env-secret")
    options = options_for(monkeypatch, ["--ak", "cli-ak", "--sk", "cli-secret"])
    assert (options.access_key, options.secret_key) == ("cli-ak", "cli-secret")


def test_world_readable_secret_file_is_named_in_the_warning(workdir: Path) -> None:
    path = workdir / "ccr-contract.toml"
    path.write_text('sk = "file-secret-key"\n')
    path.chmod(0o644)
    loaded = config.load(None, config.options_from_parser(conformance_parser()), cwd=workdir)
    assert loaded.values["sk"] == "file-secret-key"
    assert len(loaded.warnings) == 1 and "other users can read" in loaded.warnings[0]


@pytest.mark.parametrize(
    ("name", "text", "fragment"),
    [
        ("ccr-contract.toml", "max-exampels = 3\n", "ccr-contract.toml: unknown key 'max-exampels' (did you mean"),
        ("ccr-contract.toml", "colour = true\n", "unknown key 'colour'"),
        ("ccr-contract.toml", 'max-examples = "3"\n', "key 'max-examples' must be an integer"),
        ("ccr-contract.toml", "read-only = 1\n", "key 'read-only' must be true or false"),
        ("ccr-contract.toml", "tag = [1]\n", "key 'tag' must be a string or a list of strings"),
        ("ccr-contract.toml", "list = true\n", "key 'list' cannot be set in a config file"),
        ("ccr-contract.toml", "seed = \n", "not valid TOML"),
        ("ccr-contract.toml", 'base-url = "https://u:p@ccr.example.com"\n', "carries a password"),
        ("pyproject.toml", '[tool.ccr-contract]\nsk = "s3cret-key"\n', "in a file that is committed; use CCR_SK"),
        (
            "pyproject.toml",
            "[tool.ccr-contract]\nbogus = 1\n",
            "pyproject.toml [tool.ccr-contract]: unknown key 'bogus'",
        ),
    ],
)
def test_bad_config_is_one_line_exit_2(tmp_path: Path, name: str, text: str, fragment: str) -> None:
    (tmp_path / name).write_text(text)
    env = {k: v for k, v in os.environ.items() if k not in ("CCR_AK", "CCR_SK")}
    proc = subprocess.run(
        [sys.executable, "-m", "ccr_cli.main", "conformance", "--list"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env=env,
    )
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], proc.stderr
    assert "s3cret-key" not in proc.stderr


def test_spec_from_config_is_used(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ccr_contract import paths

    (workdir / "ccr-contract.toml").write_text('spec = "missing.yaml"\n')
    monkeypatch.setattr(paths, "set_spec_path", lambda p: None)
    assert main(["conformance", "--list"]) == 2  # spec file not found, named with the config origin
