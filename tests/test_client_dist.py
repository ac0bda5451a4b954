"""The generated client as its own distribution: installed alone into a fresh venv, it signs its calls.

A copy of ``generated/`` (``pyproject.toml`` and ``ccr_client/``) is ``pip install``-ed, offline, into
a venv that gets nothing else (no ``ccr_contract``, no server, no schemathesis); the client then
calls a running ``ccr-contract mock``: signed with the right key pair (200), unsigned (the spec's ``missing``) and
signed with a wrong secret (403).
"""

from __future__ import annotations

import shutil
import sys
import tomllib
from pathlib import Path

import pytest
from test_wheel_install import clean_env, make_venv, mock_server, pip_install, run, site_packages, wheelhouse

from ccr_contract.paths import GENERATED_DIR
from ccr_contract.spec import AuthRules

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

CALLS = """
import sys

from ccr_client import BceApiError, Client, make_client
from ccr_client.api.registries import list_registries

url, ak, sk = sys.argv[1:4]
signed = list_registries.sync_detailed(client=make_client(url, ak, sk))
print("signed", signed.status_code, type(signed.parsed).__name__)
unsigned = list_registries.sync_detailed(client=Client(base_url=url))
print("unsigned", unsigned.status_code)
try:
    list_registries.sync_detailed(client=make_client(url, ak, "not-the-secret"))
    print("wrong-secret no error")
except BceApiError as err:
    print("wrong-secret", err.status, err.code)
"""

#: Imports that must fail in the client's venv: the client depends on nothing of the tool.
FOREIGN = ("ccr_contract", "ccr_conformance", "schemathesis", "starlette", "uvicorn", "hypothesis", "yaml")


def test_the_client_alone_makes_signed_calls(tmp_path: Path) -> None:
    project = tmp_path / "ccr-client"  # a copy of the folder, as a user would take it
    shutil.copytree(
        GENERATED_DIR, project, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "build", "*.pyc")
    )
    meta = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["name"] == "ccr-client"
    house = wheelhouse(tmp_path / "wheelhouse", [*meta["project"]["dependencies"], *meta["build-system"]["requires"]])
    venv = tmp_path / "venv"
    venv_bin = make_venv(venv)
    pip_install(venv_bin, str(project), find_links=house)

    installed = sorted(p.name.split("-")[0].lower() for p in site_packages(venv).glob("*.dist-info"))
    assert "ccr_client" in installed and "ccr_contract" not in installed, installed
    env = clean_env(venv_bin)
    code = f"import importlib.util as u; print([m for m in {FOREIGN!r} if u.find_spec(m)])"
    probe = run([str(venv_bin / "python"), "-c", code], cwd=tmp_path, env=env)
    assert probe.returncode == 0 and probe.stdout.strip() == "[]", probe.stdout + probe.stderr

    ak, sk = "client-dist-ak", "client-dist-secret-key"
    tool_bin = Path(sys.executable).parent  # the server comes from the project's venv, not the client's
    with mock_server(tool_bin, tmp_path, {**clean_env(tool_bin), "CCR_AK": ak, "CCR_SK": sk}) as base_url:
        done = run([str(venv_bin / "python"), "-c", CALLS, base_url, ak, sk], cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    assert lines[0].startswith("signed 200 "), lines
    errors = AuthRules.from_spec().errors
    assert lines[1] == f"unsigned {errors['missing']['status']}", lines
    assert lines[2] == f"wrong-secret {errors['mismatch']['status']} {errors['mismatch']['code']}", lines
