"""A real ``pip install``: the wheel, installed into a fresh venv outside the checkout, runs every command.

Offline by construction: the wheel is built from a copy of the work tree with this venv's
setuptools, and its dependencies come from a wheelhouse repacked from the distributions installed
in this venv (``pip install --no-index --find-links``), so the test needs no network and tests
exactly the pinned versions (``constraints.txt``) that ``scripts/install.sh`` installed.

The helpers here (wheelhouse, venvs, a server process) also serve ``tests/test_client_dist.py``.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import os
import re
import select
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from ccr_contract.paths import NODE_BIN, REPO_ROOT
from ccr_contract.spec import AuthRules

CONSTRAINTS = REPO_ROOT / "constraints.txt"
#: Never copied into the build tree: environments, caches, outputs.
BUILD_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
    ".ruff_cache", ".hypothesis", "site", "reports", "*.db", "*.db-wal", "*.db-shm", "generated", "tests",
    "benchmarks",
)  # fmt: skip
#: What installs and commands may take here (2 cores); generous, the whole test takes about a minute.
STEP_TIMEOUT = 300

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


# ------------------------------------------------------------------------------ building and installing


def build_wheel(source: Path, dest: Path, tmp: Path) -> Path:
    """Build ``source``'s wheel into ``dest`` from a copy (the work tree gets no ``build/`` or egg-info)."""
    setuptools_version = metadata.version("setuptools")
    if int(setuptools_version.split(".")[0]) < 77:
        pytest.fail(f"setuptools {setuptools_version} here is too old to build the wheel: run scripts/install.sh")
    tree = tmp / f"src-{source.name}"
    shutil.copytree(source, tree, ignore=BUILD_IGNORE)
    dest.mkdir(parents=True, exist_ok=True)
    code = "import sys; from setuptools import build_meta; print(build_meta.build_wheel(sys.argv[1]))"
    done = run([sys.executable, "-c", code, str(dest)], cwd=tree)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "deprecat" not in (done.stdout + done.stderr).lower(), done.stderr[-3000:]
    return dest / done.stdout.strip().splitlines()[-1]


def requirement_closure(requirements: Iterable[str]) -> dict[str, metadata.Distribution]:
    """The installed distributions (this venv) that ``requirements`` pull in, transitively."""
    env = default_environment()

    def applies(req: Requirement, extras: Iterable[str]) -> bool:
        return req.marker is None or any(req.marker.evaluate({**env, "extra": e}) for e in ("", *extras))

    found: dict[str, metadata.Distribution] = {}
    seen: set[tuple[str, frozenset[str]]] = set()
    todo = [req for req in map(Requirement, requirements) if applies(req, ())]
    while todo:
        req = todo.pop()
        name, extras = canonicalize_name(req.name), frozenset(req.extras)
        if (name, extras) in seen:
            continue
        seen.add((name, extras))
        dist = found.setdefault(name, metadata.distribution(req.name))
        todo.extend(sub for sub in map(Requirement, dist.requires or []) if applies(sub, extras))
    return found


def repack(dist: metadata.Distribution, dest: Path) -> Path:
    """Write ``dist``, as installed in this venv, back into a wheel (files under site-packages only)."""
    wheel_text = dist.read_text("WHEEL") or ""
    tags = [t.split("-") for t in re.findall(r"^Tag: (\S+)$", wheel_text, re.MULTILINE)] or [["py3", "none", "any"]]
    tag = "-".join(".".join(dict.fromkeys(part[i] for part in tags)) for i in range(3))  # py2.py3-none-any
    name = re.sub(r"[-_.]+", "_", dist.metadata["Name"])
    target = dest / f"{name}-{dist.version}-{tag}.whl"
    if target.exists():
        return target
    files = [f for f in dist.files or [] if not str(f).startswith("..") and "__pycache__" not in f.parts]
    dist_info = next(f.parts[0] for f in files if f.parts[0].endswith(".dist-info"))
    skip = {f"{dist_info}/{n}" for n in ("RECORD", "INSTALLER", "REQUESTED", "direct_url.json")}
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as wheel:
        for entry in files:
            arcname = entry.as_posix()
            if arcname in skip or arcname.endswith(".pyc"):
                continue
            data = Path(dist.locate_file(entry)).read_bytes()
            wheel.writestr(arcname, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            writer.writerow([arcname, f"sha256={digest}", len(data)])
        writer.writerow([f"{dist_info}/RECORD", "", ""])
        wheel.writestr(f"{dist_info}/RECORD", record.getvalue())
    return target


def wheelhouse(dest: Path, requirements: Iterable[str]) -> Path:
    """A folder of wheels for ``requirements`` and everything they need, repacked from this venv."""
    dest.mkdir(parents=True, exist_ok=True)
    for dist in requirement_closure(requirements).values():
        repack(dist, dest)
    return dest


def wheel_requirements(wheel: Path) -> list[str]:
    """The ``Requires-Dist`` lines of a built wheel (no extras)."""
    with zipfile.ZipFile(wheel) as archive:
        meta = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        text = archive.read(meta).decode("utf-8")
    return [
        line.split(":", 1)[1].strip()
        for line in text.splitlines()
        if line.startswith("Requires-Dist:") and "extra ==" not in line
    ]


def make_venv(path: Path) -> Path:
    """A fresh venv without pip (this venv's pip installs into it); returns its ``bin`` folder."""
    done = run([sys.executable, "-m", "venv", "--without-pip", str(path)], cwd=path.parent)
    assert done.returncode == 0, done.stderr
    return path / "bin"


def pip_install(venv_bin: Path, *args: str, find_links: Path) -> None:
    """``pip install`` into the venv, offline: only the wheelhouse, versions from constraints.txt."""
    command = [
        sys.executable, "-m", "pip", "--python", str(venv_bin / "python"), "install", "--disable-pip-version-check",
        "--no-input", "--no-index", "--find-links", str(find_links), "-c", str(CONSTRAINTS), *args,
    ]  # fmt: skip
    done = run(command, cwd=venv_bin.parent.parent)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]


def clean_env(venv_bin: Path, **extra: str) -> dict[str, str]:
    """An environment as a new user's shell would have it: the venv first on PATH, no project variables."""
    drop = {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "CCR_CONTRACT_SPEC", "CCR_AK", "CCR_SK", "CCR_CONTRACT_DEBUG"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    system = [p for p in ("/usr/local/bin", "/usr/bin", "/bin") if Path(p).is_dir()]
    env["PATH"] = os.pathsep.join([str(venv_bin), *system])
    env.update(extra)
    return env


def run(
    command: list[str], *, cwd: Path, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=cwd,
        env=env,
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=STEP_TIMEOUT,
        check=False,
    )


def site_packages(venv: Path) -> Path:
    return next((venv / "lib").glob("python3*/site-packages"))


def install_size(venv: Path) -> tuple[int, float]:
    """Distributions installed in the venv and their size in MB (site-packages, bytecode excluded)."""
    site = site_packages(venv)
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file() and p.suffix != ".pyc")
    return len(list(site.glob("*.dist-info"))), total / 1e6


# ------------------------------------------------------------------------------------- a server process


@contextmanager
def mock_server(venv_bin: Path, cwd: Path, env: dict[str, str], *args: str) -> Iterator[str]:
    """``ccr-contract mock --port 0`` from ``venv_bin``; yields its base URL, stops it afterwards."""
    proc = subprocess.Popen(
        [str(venv_bin / "ccr-contract"), "mock", "--port", "0", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 60
        line = ""
        while time.monotonic() < deadline and "listening on" not in line:
            ready, _, _ = select.select([proc.stdout], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                break
            line = proc.stdout.readline()
            if not line:
                break
        match = re.search(r"listening on (http://\S+)", line)
        if match is None:
            proc.kill()
            _, err = proc.communicate(timeout=10)
            pytest.fail(f"ccr-contract mock did not start: {line!r} {err[-2000:]}")
        yield match.group(1)
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def http_status(url: str, headers: dict[str, str] | None = None) -> int:
    """The status of ``GET url`` (error statuses too)."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as err:
        return int(err.code)


def now_stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def listable_path() -> str:
    """A GET operation of the spec without required parameters (``/v1/ccr/registries`` if there is one)."""
    from ccr_contract.spec import operations

    candidates = [
        op.path
        for op in operations()
        if op.method == "GET" and "{" not in op.path and not any(p.get("required") for p in op.parameters)
    ]
    assert candidates, "the spec has no GET operation without required parameters"
    return "/v1/ccr/registries" if "/v1/ccr/registries" in candidates else candidates[0]


# ------------------------------------------------------------------------------------------------ the test


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The tool's wheel, built now and installed with its base dependencies into a fresh venv in /tmp."""
    tmp = tmp_path_factory.mktemp("wheel")
    started = time.perf_counter()
    wheel = build_wheel(REPO_ROOT, tmp / "dist", tmp)
    house = wheelhouse(tmp / "wheelhouse", wheel_requirements(wheel))
    venv = tmp / "venv"
    venv_bin = make_venv(venv)
    pip_install(venv_bin, str(wheel), find_links=house)
    work = tmp / "work"  # outside the checkout: nothing here but what the commands write
    work.mkdir()
    return {"wheel": wheel, "venv": venv, "bin": venv_bin, "work": work, "setup_s": time.perf_counter() - started}


def test_the_wheel_ships_every_module_and_the_data(installed: dict[str, object]) -> None:
    wheel = installed["wheel"]
    assert isinstance(wheel, Path)
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    shipped_py = {n for n in names if n.endswith(".py")}
    sources = {
        "ccr_contract": REPO_ROOT / "ccr_contract",
        "ccr_conformance": REPO_ROOT / "conformance" / "ccr_conformance",
    }
    for prefix, root in sources.items():
        for module in root.rglob("*.py"):
            if "__pycache__" in module.parts:
                continue
            assert f"{prefix}/{module.relative_to(root).as_posix()}" in shipped_py, f"{module} is not in the wheel"
    data_files = [
        "spec/ccr.openapi.yaml",
        "spec/ERRATA.md",
        "spec/EXTENSIONS.md",
        "spec/extensions.schema.json",
        "spec/signing-vectors/README.md",
        "conformance/checks.yaml",
        "conformance/CHECKS.md",
        "docs-src/index.md",
        "README.md",
    ]
    for data in data_files:
        assert f"ccr_contract/_data/{data}" in names, data
    assert not any(n.startswith("ccr_client/") for n in names), "the client is its own distribution"
    size_kb = wheel.stat().st_size / 1024
    count, megabytes = install_size(installed["venv"])  # type: ignore[arg-type]
    print(f"\nwheel {wheel.name}: {size_kb:.0f} KiB, {len(names)} files ({len(shipped_py)} .py); "
          f"base install: {count} distributions, {megabytes:.1f} MB; setup {installed['setup_s']:.1f} s")  # fmt: skip


def test_every_command_works_from_a_fresh_venv_outside_the_checkout(installed: dict[str, object]) -> None:
    venv_bin, work = installed["bin"], installed["work"]
    assert isinstance(venv_bin, Path) and isinstance(work, Path)
    exe = str(venv_bin / "ccr-contract")
    env = clean_env(venv_bin)

    def cli(*args: str, ok: bool = True, **extra: str) -> subprocess.CompletedProcess[str]:
        done = run([exe, *args], cwd=work, env={**env, **extra})
        assert "Traceback" not in done.stderr, done.stderr
        if ok:
            assert done.returncode == 0, f"{args}: {done.stderr[-3000:]}"
        return done

    assert cli("--version").stdout.strip() == "ccr-contract 0.1.0"
    assert "ccr-contract: error" not in cli("--help").stderr

    # validate: the packaged spec, found with importlib.resources (not next to a checkout)
    valid = cli("validate")
    assert "site-packages/ccr_contract/_data/spec/ccr.openapi.yaml: valid" in valid.stdout

    # the edges: a folder, a missing file, a commands that needs a checkout or an extra: one line each
    for args, needle in [
        (["validate", "--spec", str(work)], "is a folder"),
        (["mock", "--spec", str(work / "nope.yaml")], "spec file not found"),
        (["bundle"], "works in a checkout"),
        (["generate", "--output", str(work / "client")], "ccr-contract[codegen]"),
    ]:
        done = cli(*args, ok=False)
        assert done.returncode != 0 and needle in done.stderr, (args, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1, (args, done.stderr)

    # sign: the secret from CCR_SK or standard input, never needed on the command line
    stamp = "2015-04-27T08:23:49Z"
    from_env = cli("sign", "http://h/v1/ccr/registries", "--timestamp", stamp, CCR_AK="ak", CCR_SK="sk").stdout
    from_stdin = run([exe, "sign", "http://h/v1/ccr/registries", "--ak", "ak", "--sk", "-", "--timestamp", stamp],
                     cwd=work, env=env, stdin="sk\n")  # fmt: skip
    assert from_env.startswith("bce-auth-v1/ak/") and from_stdin.stdout == from_env

    # mock: a signed request answers 200, an unsigned one what the spec says (x-bce-auth.errors.missing)
    ak, sk = "wheel-test-ak", "wheel-test-secret-key"
    path = listable_path()
    with mock_server(venv_bin, work, {**env, "CCR_AK": ak, "CCR_SK": sk}) as base_url:
        stamp = now_stamp()
        auth = cli("sign", base_url + path, "--timestamp", stamp, CCR_AK=ak, CCR_SK=sk).stdout.strip()
        assert http_status(base_url + path, {"Authorization": auth, "x-bce-date": stamp}) == 200
        assert http_status(base_url + path) == int(AuthRules.from_spec().errors["missing"]["status"])

        # conformance --base-url against that separately started server, every check (issue 18: the
        # installed suite judges a correct server right over HTTP), then a filtered run
        remote = cli("conformance", "--base-url", base_url, "--max-examples", "2", CCR_AK=ak, CCR_SK=sk)
        assert re.search(r"^PASS: (\d+)/\1 checks passed", remote.stdout, re.MULTILINE), remote.stdout
        sliced = cli("conformance", "--base-url", base_url, "--tag", "enterprise-namespaces", "--read-only",
                     CCR_AK=ak, CCR_SK=sk)  # fmt: skip
        assert "PASS" in sliced.stdout, sliced.stdout

        # proxy (issue 20) in front of it, wrapping a command: holding the key pair, it verifies a
        # request signed for its own address and re-signs it for the upstream; the command's status
        # and the violations decide the exit status
        client = (
            "import os, sys, urllib.parse, urllib.request; from ccr_contract import signing\n"
            f"url = os.environ['CCR_ENDPOINT'] + {path!r}\n"
            "host = urllib.parse.urlsplit(url).netloc\n"
            "ak, sk = os.environ['CCR_AK'], os.environ['CCR_SK']\n"
            f"signed = signing.sign_request('GET', {path!r}, {{'host': host}}, ak, sk)\n"
            "headers = {'Authorization': signed.authorization, 'x-bce-date': signed.headers['x-bce-date']}\n"
            "request = urllib.request.Request(url, headers=headers)\n"
            "sys.exit(0 if urllib.request.urlopen(request, timeout=30).status == 200 else 1)\n"
        )
        proxied = cli("proxy", "--upstream", base_url, "--listen", "127.0.0.1:0", "--",
                      str(venv_bin / "python"), "-c", client, CCR_AK=ak, CCR_SK=sk)  # fmt: skip
        assert "1 request(s), 0 violation(s)" in proxied.stderr, proxied.stderr

    # conformance with the embedded reference server, every check
    embedded = cli("conformance", "--max-examples", "3", "--report", str(work / "report"))
    assert "PASS" in embedded.stdout and (work / "report").is_dir()

    # docs: Redocly from PATH, or one line saying how to get it
    missing = cli("docs", "--out", str(work / "no-site"), ok=False, PATH=str(venv_bin))
    assert missing.returncode == 1 and "npm install -g @redocly/cli@" in missing.stderr, missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1
    if (NODE_BIN / "redocly").exists() and shutil.which("node"):
        node_dir = str(Path(shutil.which("node") or "node").parent)
        path_with_redocly = os.pathsep.join([str(venv_bin), str(NODE_BIN), node_dir, env["PATH"]])
        built = cli("docs", "--out", str(work / "site"), PATH=path_with_redocly)
        assert built.stdout.startswith("built ") and (work / "site" / "index.html").is_file()
