"""``ccr-contract sign`` turns every malformed URL into one line (exit 2) and warns on unverifiable choices."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXE = str(Path(sys.executable).parent / "ccr-contract")


@pytest.mark.parametrize(
    ("url", "needle"),
    [("http://[::1", "Invalid IPv6 URL"), ("http://h:99999/", "Port out of range"), ("http://h:abc/", "malformed URL")],
)
def test_malformed_urls_are_one_line(url: str, needle: str) -> None:
    done = subprocess.run([EXE, "sign", url, "--ak", "a", "--sk", "b"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert needle in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_signing_without_host_warns_but_signs() -> None:
    done = subprocess.run(
        [EXE, "sign", "http://h/", "--ak", "a", "--sk", "b", "--signed-headers", "x-bce-date"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("bce-auth-v1/a/")
    assert "warning: host is not among the signed headers" in done.stderr


def test_usage_errors_from_argparse_are_one_line() -> None:
    for argv in (["nosuchcmd"], ["mock", "--port", "18080x"], ["sign"]):
        done = subprocess.run([EXE, *argv], capture_output=True, text=True, timeout=60)
        assert done.returncode == 2, argv
        assert len(done.stderr.strip().splitlines()) == 1, (argv, done.stderr)


def test_a_missing_spec_is_one_line_for_every_command(tmp_path: Path) -> None:
    import os

    env = dict(os.environ, CCR_CONTRACT_SPEC=str(tmp_path / "missing.yaml"))
    done = subprocess.run([EXE, "conformance"], capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 1
    assert "spec file not found" in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_generate_into_an_unwritable_place_is_one_line() -> None:
    done = subprocess.run(
        [EXE, "generate", "--output", "/proc/ccr-nope", "--no-report"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1
    assert "cannot write" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


SPEC_COMMANDS = ["validate", "sign", "mock", "generate", "conformance", "docs", "coverage"]


@pytest.mark.parametrize("command", SPEC_COMMANDS)
def test_every_command_that_reads_the_spec_takes_spec(command: str, tmp_path: Path) -> None:
    done = subprocess.run([EXE, command, "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "--spec PATH" in done.stdout
    extra = ["http://h/"] if command == "sign" else []
    folder = subprocess.run(
        [EXE, command, *extra, "--spec", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert folder.returncode == 2, folder.stderr
    assert f"--spec: spec path {tmp_path} is a folder, not a file" in folder.stderr
    assert len(folder.stderr.strip().splitlines()) == 1 and "Traceback" not in folder.stderr


def test_a_spec_folder_in_the_environment_is_one_line(tmp_path: Path) -> None:
    import os

    env = dict(os.environ, CCR_CONTRACT_SPEC=str(tmp_path))
    done = subprocess.run([EXE, "validate"], capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 1
    assert (
        done.stderr.strip()
        == f"ccr-contract validate: spec path {tmp_path} is a folder, not a file (from $CCR_CONTRACT_SPEC)"
    )


def test_spec_reaches_the_reference_server(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--spec`` is the process-wide spec: the server (which no command passes it to) reads it too."""
    import yaml

    from ccr_cli.main import main
    from ccr_contract.paths import SPEC_PATH, spec_path

    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    spec["paths"]["/v1/ccr/made-up-for-a-test"] = {
        "get": {"operationId": "madeUpForATest", "responses": {"200": {"description": "ok"}}}
    }
    other = tmp_path / "other.yaml"
    other.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    assert main(["mock", "--spec", str(other), "--port", "0"]) != 0
    assert "madeUpForATest" in capsys.readouterr().err
    assert spec_path() == SPEC_PATH, "--spec must not outlive the command"
    assert main(["validate", "--spec", str(other)]) == 1  # the made-up operation breaks the project's rules
    captured = capsys.readouterr()
    assert "GET /v1/ccr/made-up-for-a-test" in captured.out and str(other) in captured.err


def test_an_unexpected_error_is_one_line_with_a_way_to_the_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ccr_cli.commands import validate
    from ccr_cli.main import DEBUG_ENV, main

    def boom(args: object) -> int:
        raise RuntimeError("something\nnobody foresaw")

    monkeypatch.delenv(DEBUG_ENV, raising=False)
    monkeypatch.setattr(validate, "run", boom)
    assert main(["validate"]) == 1
    err = capsys.readouterr().err
    expected = "ccr-contract validate: unexpected error: RuntimeError: something nobody foresaw"
    assert err == f"{expected} (set {DEBUG_ENV}=1 for the traceback)\n"
    monkeypatch.setenv(DEBUG_ENV, "1")
    with pytest.raises(RuntimeError):
        main(["validate"])


def test_version() -> None:
    done = subprocess.run([EXE, "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("ccr-contract ")
