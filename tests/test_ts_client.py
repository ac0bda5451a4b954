"""The TypeScript client (``generated-ts/``) from the outside: strict types, the signer against the
vectors and Baidu's JS SDK, typed calls against a running reference server, and the packed package.

The tests themselves are TypeScript under ``tests/ts/`` run by Node's own runner (``node --test``);
this file compiles them with the pinned ``tsc`` (``strict``), starts the reference server on a free
loopback port and hands its URL and the demo key pair to the Node process.  Everything comes from
``node_modules`` (``npm ci`` from package-lock.json); ``npm pack``/``npm install`` run offline from
npm's cache, which that ``npm ci`` filled.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from ccr_contract.liveserver import serve_in_thread
from ccr_contract.paths import REPO_ROOT
from ccr_contract.server import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, create_app
from ccr_contract.spec import AuthRules

TS_DIR = REPO_ROOT / "generated-ts"
TESTS_TS = REPO_ROOT / "tests" / "ts"
TSC = REPO_ROOT / "node_modules" / ".bin" / "tsc"
NODE = shutil.which("node")
NPM = shutil.which("npm")
DEMO = REPO_ROOT / "ccr_contract" / "server" / "engine" / "demo.yaml"
#: A repository whose name holds ``/``: the client must send it Base64-encoded (ERRATA E39).
SLASHED_REPOSITORY = "tools/ubuntu"

pytestmark = [
    pytest.mark.node,
    pytest.mark.skipif(NODE is None or not TSC.exists(), reason="node or node_modules (npm ci) is missing"),
]


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 180) -> str:
    proc = subprocess.run(
        cmd, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert proc.returncode == 0, (
        f"{' '.join(cmd[:3])} failed ({proc.returncode}):\n{proc.stdout[-4000:]}\n{proc.stderr[-2000:]}"
    )
    return proc.stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/ts compiled (strict) into a temporary folder where ``ccr-client`` resolves to generated-ts/."""
    out = tmp_path_factory.mktemp("ts-tests")
    _run([str(TSC), "-p", str(TESTS_TS / "tsconfig.json"), "--outDir", str(out)], REPO_ROOT)
    (out / "node_modules").mkdir()
    (out / "node_modules" / "ccr-client").symlink_to(TS_DIR, target_is_directory=True)
    return out


def _seed() -> dict:
    """The embedded demo plus a repository named ``tools/ubuntu`` in project ``library``."""
    seed = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    project = seed["instances"][0]["projects"][0]
    repository = copy.deepcopy(project["repositories"][0])
    repository["repositoryName"] = SLASHED_REPOSITORY
    for key in ("repositoryPath", "privateRepositoryPath"):
        repository[key] = repository[key].rsplit("/", 1)[0] + "/" + SLASHED_REPOSITORY
    project["repositories"].append(repository)
    return seed


@pytest.fixture(scope="module")
def server_env() -> Iterator[dict[str, str]]:
    with serve_in_thread(create_app(seed=_seed())) as url:
        yield {"CCR_ENDPOINT": url, "CCR_AK": DEMO_ACCESS_KEY, "CCR_SK": DEMO_SECRET_KEY}


def _node_test(built: Path, name: str, env: dict[str, str]) -> str:
    out = _run([str(NODE), "--test", str(built / name)], built, {"CCR_REPO_ROOT": str(REPO_ROOT), **env})
    assert re.search(r"^# fail 0$", out, re.M), out[-3000:]
    assert re.search(r"^# pass [1-9]", out, re.M), out[-3000:]
    return out


def test_client_and_tests_type_check_under_strict() -> None:
    assert json.loads((TS_DIR / "tsconfig.json").read_text())["compilerOptions"]["strict"] is True
    _run([str(TSC), "--noEmit", "-p", str(TS_DIR / "tsconfig.json")], REPO_ROOT)
    _run([str(TSC), "--noEmit", "-p", str(TESTS_TS / "tsconfig.json")], REPO_ROOT)


def test_node_signer_reproduces_every_vector_and_baidus_js_sdk(built: Path) -> None:
    out = _node_test(built, "signing.test.js", {})
    vectors = [p for p in (REPO_ROOT / "spec" / "signing-vectors").iterdir() if p.is_dir()]
    assert len(re.findall(r"^ok \d+ - vector ", out, re.M)) == len(vectors)
    assert "ok" in out and "JS SDK" in out


def test_middlewares_sign_encode_and_raise_without_a_server(built: Path) -> None:
    out = _node_test(built, "client_unit.test.js", {})
    assert "not ok" not in out


def test_typed_calls_against_the_reference_server(built: Path, server_env: dict[str, str]) -> None:
    out = _node_test(built, "client.test.js", server_env)
    assert "not ok" not in out


def test_typed_calls_fail_against_a_server_with_other_keys(built: Path) -> None:
    """The live tests can fail: with a key pair the server does not accept, they do."""
    with serve_in_thread(create_app(seed=_seed(), credentials={"other-ak": "other-sk"})) as url:
        env = {
            "CCR_ENDPOINT": url,
            "CCR_AK": DEMO_ACCESS_KEY,
            "CCR_SK": DEMO_SECRET_KEY,
            "CCR_REPO_ROOT": str(REPO_ROOT),
        }
        proc = subprocess.run(
            [str(NODE), "--test", str(built / "client.test.js")],
            cwd=built,
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    assert proc.returncode != 0
    assert AuthRules.from_spec().errors["unknownKey"]["code"] in proc.stdout


def _readme_example() -> str:
    readme = (TS_DIR / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```js\n(.*?)```", readme, re.S)
    assert match, "generated-ts/README.md has no ```js example"
    return match.group(1)


@pytest.mark.skipif(NPM is None, reason="npm is missing")
def test_packed_package_installs_and_runs_the_readme_example(tmp_path: Path, server_env: dict[str, str]) -> None:
    packed = json.loads(_run([NPM, "pack", "--json", "--pack-destination", str(tmp_path), str(TS_DIR)], tmp_path))
    tarball = tmp_path / packed[0]["filename"]
    shipped = {f["path"] for f in packed[0]["files"]}
    assert {"dist/index.js", "dist/index.d.ts", "dist/signing.js", "package.json", "README.md"} <= shipped
    app = tmp_path / "app"
    app.mkdir()
    (app / "package.json").write_text('{"name": "example", "private": true, "type": "module"}\n')
    _run([NPM, "install", "--prefer-offline", "--no-audit", "--no-fund", str(tarball)], app)
    assert (app / "node_modules" / "ccr-client" / "dist" / "index.js").is_file()
    (app / "example.mjs").write_text(_readme_example())
    out = _run([str(NODE), "example.mjs"], app, server_env, timeout=60)
    assert re.search(r"^\d+ registries$", out, re.M), out
    assert re.search(r"^404 NotFound: .+ \(requestId \S+\)$", out, re.M), out
    assert DEMO_SECRET_KEY not in out


def _docs_block(heading: str) -> str:
    page = (REPO_ROOT / "docs-src" / "typescript.md").read_text(encoding="utf-8")
    section = page.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```ts\n(.*?)```", section, re.S)
    assert match, f"no ```ts block under '{heading}' in docs-src/typescript.md"
    return match.group(1)


def test_docs_example_type_checks_and_runs(built: Path, server_env: dict[str, str]) -> None:
    """docs-src/typescript.md's example, compiled strict against the client's types and run."""
    folder = built / "docs-example"
    folder.mkdir()
    (folder / "example.ts").write_text(_docs_block("Example: list registries against the reference server"))
    config = json.loads((TESTS_TS / "tsconfig.json").read_text())
    options = config["compilerOptions"]
    options.update(rootDir=".", outDir="out", typeRoots=[str(REPO_ROOT / "node_modules" / "@types")])
    options["paths"] = {"ccr-client": [str(TS_DIR / "dist" / "index.d.ts")]}
    config["include"] = ["example.ts"]
    (folder / "tsconfig.json").write_text(json.dumps(config))
    (folder / "package.json").write_text('{"type": "module"}\n')
    _run([str(TSC), "-p", str(folder / "tsconfig.json")], folder)
    out = _run([str(NODE), "out/example.js"], folder, server_env, timeout=60)
    assert re.search(r"^\d+ registries$", out, re.M), out
