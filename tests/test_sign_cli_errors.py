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
