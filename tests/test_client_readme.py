"""The documented "list registries" example runs, verbatim, against the reference server.

The canonical text is the ```python block after the ``<!-- example: list-registries`` marker in
``docs-src/client.md``; README.md is checked too once it carries the same marker.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from ccr_client import make_client, unwrap
from ccr_client.api.registries import create_registry
from ccr_client.models import CredentialInput, CredentialInputType, RegistryInput, RegistryType

from ccr_contract.liveserver import serve_in_thread
from ccr_contract.paths import REPO_ROOT
from ccr_contract.server import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, create_app

MARKER = "<!-- example: list-registries"
DOCS = [REPO_ROOT / "docs-src" / "client.md", REPO_ROOT / "README.md"]


def example_from(path: Path) -> str | None:
    """The first ```python block after the marker, or None when the file has no marker."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    at = text.find(MARKER)
    if at < 0:
        return None
    block = re.search(r"```python\n(.*?)```", text[at:], re.DOTALL)
    assert block, f"{path}: no ```python block after {MARKER}"
    return block.group(1)


def test_the_canonical_example_exists_and_is_short() -> None:
    code = example_from(DOCS[0])
    assert code is not None, f"{DOCS[0]} lost its example marker"
    assert len([line for line in code.splitlines() if line.strip()]) <= 10


@pytest.mark.parametrize("doc", [d for d in DOCS if example_from(d) is not None], ids=lambda d: d.name)
def test_example_lists_registries_from_the_reference_server(doc: Path) -> None:
    code = example_from(doc)
    assert code is not None
    with serve_in_thread(create_app()) as base_url:
        with make_client(base_url, DEMO_ACCESS_KEY, DEMO_SECRET_KEY) as client:
            body = RegistryInput(
                type_=RegistryType.HARBOR,
                name="readme-source",
                url="https://harbor.example.test",
                credential=CredentialInput(access_key="robot", access_secret="pw", type_=CredentialInputType.BASIC),
            )
            registry_id = unwrap(create_registry.sync_detailed(client=client, body=body)).target_name
        proc = subprocess.run(
            [sys.executable, "-c", code],
            env=dict(os.environ, CCR_ENDPOINT=base_url, CCR_AK=DEMO_ACCESS_KEY, CCR_SK=DEMO_SECRET_KEY),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [f"{registry_id} readme-source https://harbor.example.test"]


SIGNED_CALL = "<!-- example: signed-call"


def test_the_readme_signed_call_in_three_lines() -> None:
    """README's three lines: a signed call with the client alone (the demo pair, the server's URL swapped in)."""
    text = DOCS[1].read_text(encoding="utf-8")
    at = text.find(SIGNED_CALL)
    assert at >= 0, "README.md lost its signed-call example"
    block = re.search(r"```python\n(.*?)```", text[at:], re.DOTALL)
    assert block
    code = block.group(1)
    assert len(code.strip().splitlines()) == 3
    assert "ccr_contract" not in code, "the client needs nothing of the tool"
    with serve_in_thread(create_app()) as base_url:
        proc = subprocess.run(
            [sys.executable, "-c", code.replace("http://127.0.0.1:8080", base_url)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "200"
