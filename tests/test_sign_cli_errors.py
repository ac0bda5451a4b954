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
