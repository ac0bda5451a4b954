"""Regenerate the Python client from the spec, check it for drift, and report contract changes.

``ccr-contract generate``, ``scripts/regenerate.py``, the tests and the benchmark all drive these
functions, so there is one way to produce ``generated/``:

1. run openapi-python-client (pinned, with ``scripts/openapi-python-client.yaml``) into a fresh
   temporary directory, never into the repository, so a half-finished run cannot leave a broken
   tree behind and ``--check`` writes nothing;
2. drop what tools leave behind (``.ruff_cache/``, ``__pycache__/``), which is all that kept two runs
   from being byte-identical;
3. compare the fresh package with ``<output>/ccr_client`` file by file and copy only what differs.
   Nothing outside that package directory is read, written or deleted, and an output directory that
   holds anything else (a checkout, ``.git``) is refused: ``--output .`` must not wipe a work tree.

The contract report (what changed, and what breaks callers) lives in
:mod:`ccr_contract.contract_diff`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ccr_contract.paths import GENERATED_DIR, REPO_ROOT, SPEC_PATH

#: The committed generator configuration (package name and the ruff post hooks).
CONFIG_PATH = REPO_ROOT / "scripts" / "openapi-python-client.yaml"
#: The import name of the generated package; pyproject maps it to ``generated/ccr_client``.
PACKAGE_NAME = "ccr_client"
#: The spec the committed client was generated from, as a path inside the git repository.
#: Generous bound for one generator run (it takes about 2 s here).
GENERATOR_TIMEOUT = 120.0
#: Directories and file suffixes that tools (ruff, Python) leave in a tree; never part of the client.
IGNORED_DIRS = frozenset({".ruff_cache", "__pycache__", ".mypy_cache", ".pytest_cache"})
IGNORED_SUFFIXES = (".pyc", ".pyo")
#: Directories never read or descended into, wherever they appear (a repository's history is not output).
NEVER_DESCEND = frozenset({".git", ".hg", ".svn"})
#: What may sit beside the package in an output directory: the package and tool caches, nothing else.
ALLOWED_IN_OUTPUT = frozenset({PACKAGE_NAME}) | IGNORED_DIRS
#: Object reprs (``<pkg.Type object at 0x7f...>``) that the generator leaks into its warnings.
_OBJECT_REPR = re.compile(r"\s*<[\w.]+ object at 0x[0-9a-fA-F]+>")


class CodegenError(Exception):
    """The client could not be generated or compared; the message is one line for the user."""


class UnsafeOutput(CodegenError):
    """The output directory holds files that are not the generated package; nothing was touched."""


# --------------------------------------------------------------------------------------------------
# Running the generator
# --------------------------------------------------------------------------------------------------


def tool_env() -> dict[str, str]:
    """The environment for the generator: this interpreter's ``bin`` first on PATH.

    openapi-python-client runs its post hooks through the shell and looks ``ruff`` up on PATH; on
    a fresh clone in CI the virtualenv is usually not activated, and without ruff the generator
    only warns and leaves unformatted code, which would then differ from the committed tree.
    """
    env = dict(os.environ)
    bin_dir = str(Path(sys.executable).parent)  # not resolved: a venv's python is a symlink
    env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
    env["NO_COLOR"] = "1"
    env.pop("FORCE_COLOR", None)
    return env


def generate_into(dest_root: Path, spec_path: Path | str | None = None, config_path: Path | None = None) -> Path:
    """Generate the client package into ``dest_root/ccr_client`` and return that directory.

    Fails on any generator warning (``--fail-on-warning``): a warning means parts of the client
    are missing, which must not pass as a successful regeneration.
    """
    spec = Path(spec_path or SPEC_PATH)
    config = Path(config_path or CONFIG_PATH)
    if not spec.is_file():
        raise CodegenError(f"spec file not found: {spec}")
    if not config.is_file():
        raise CodegenError(f"generator config not found: {config}")
    package_dir = Path(dest_root) / PACKAGE_NAME
    cmd = [
        sys.executable,
        "-m",
        "openapi_python_client",
        "generate",
        "--path",
        str(spec.resolve()),
        "--output-path",
        str(package_dir),
        "--meta",
        "none",
        "--config",
        str(config.resolve()),
        "--fail-on-warning",
        "--overwrite",
    ]
    try:
        proc = subprocess.run(
            cmd, cwd=dest_root, env=tool_env(), capture_output=True, text=True, timeout=GENERATOR_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        raise CodegenError(f"openapi-python-client did not finish within {GENERATOR_TIMEOUT:.0f}s") from None
    if proc.returncode != 0:
        raise CodegenError(f"openapi-python-client failed: {first_lines(proc.stderr or proc.stdout)}")
    if not (package_dir / "__init__.py").is_file():
        raise CodegenError(f"openapi-python-client produced no package in {package_dir}")
    remove_tool_leftovers(package_dir)
    return package_dir


def first_lines(text: str, limit: int = 400) -> str:
    """The generator's messages as one line (headers and details, without its issue-tracker plea).

    openapi-python-client formats some values with their default repr (``<...UntrustedString object
    at 0x7f...>``), which tells a person nothing and differs on every run; those are dropped.
    """
    lines = [_OBJECT_REPR.sub("", ln).strip() for ln in text.splitlines() if "please open an issue" not in ln]
    lines = [ln for ln in lines if ln]
    joined = "; ".join(lines) or "no output"
    return joined if len(joined) <= limit else joined[: limit - 3] + "..."


def remove_tool_leftovers(root: Path) -> None:
    """Delete caches that tools write into the tree (they would make two runs differ)."""
    for path in sorted(root.rglob("*"), reverse=True):
        if path.is_dir() and path.name in IGNORED_DIRS:
            shutil.rmtree(path, ignore_errors=True)
        elif path.is_file() and path.suffix in IGNORED_SUFFIXES:
            path.unlink(missing_ok=True)


# --------------------------------------------------------------------------------------------------
# Comparing and installing trees
# --------------------------------------------------------------------------------------------------


def tree_files(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (relative POSIX path -> bytes), ignoring tool caches and ``.git``."""
    files: dict[str, bytes] = {}
    if not root.is_dir():
        return files
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in IGNORED_DIRS and d not in NEVER_DESCEND)
        for name in sorted(filenames):
            if name.endswith(IGNORED_SUFFIXES):
                continue
            full = Path(dirpath) / name
            files[full.relative_to(root).as_posix()] = full.read_bytes()
    return files


@dataclass(frozen=True)
class TreeDiff:
    """How a target tree differs from freshly generated output (paths relative to the tree root)."""

    added: tuple[str, ...] = ()  # generated now, missing from the target
    removed: tuple[str, ...] = ()  # in the target, no longer generated
    changed: tuple[str, ...] = ()  # in both, different bytes

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def lines(self) -> list[str]:
        """One ``+``/``-``/``~`` line per differing file, sorted by path."""
        marked = [("+", p) for p in self.added] + [("-", p) for p in self.removed] + [("~", p) for p in self.changed]
        return [f"{mark} {path}" for mark, path in sorted(marked, key=lambda item: item[1])]


def diff_trees(fresh: Mapping[str, bytes], target: Mapping[str, bytes]) -> TreeDiff:
    """Compare a freshly generated tree with the target tree."""
    return TreeDiff(
        added=tuple(sorted(set(fresh) - set(target))),
        removed=tuple(sorted(set(target) - set(fresh))),
        changed=tuple(sorted(p for p in set(fresh) & set(target) if fresh[p] != target[p])),
    )


def package_files(root: Path) -> dict[str, bytes]:
    """The files of ``root/ccr_client`` (paths keep the ``ccr_client/`` prefix); nothing else under ``root``."""
    return {f"{PACKAGE_NAME}/{rel}": data for rel, data in tree_files(Path(root) / PACKAGE_NAME).items()}


def foreign_entries(output: Path) -> list[str]:
    """Names in ``output`` that are neither the package nor a tool cache (sorted; empty when safe).

    A ``ccr_client`` that is a file or a symbolic link counts too: writing through it would land
    outside the directory the user named.
    """
    output = Path(output)
    if not output.exists():
        return []
    if not output.is_dir():
        return [output.name]
    found = []
    for entry in output.iterdir():
        if entry.name not in ALLOWED_IN_OUTPUT or entry.is_symlink() or not entry.is_dir():
            found.append(entry.name + ("/" if entry.is_dir() else ""))
    return sorted(found)


def ensure_client_output(output: Path) -> None:
    """Refuse an output directory that holds anything besides ``ccr_client/`` (e.g. a checkout)."""
    if Path(output).exists() and not Path(output).is_dir():
        raise UnsafeOutput(f"refusing --output {output}: it is not a directory")
    foreign = foreign_entries(output)
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        raise UnsafeOutput(
            f"refusing --output {output}: it holds {shown} besides {PACKAGE_NAME}/; "
            f"give a directory that contains only {PACKAGE_NAME}/ (or is empty)"
        )


def install_tree(fresh_root: Path, target_root: Path) -> TreeDiff:
    """Make ``target_root/ccr_client`` equal to ``fresh_root/ccr_client``, touching only files that differ.

    Only the package directory is compared and written: whatever else ``target_root`` holds is
    neither read nor deleted (callers refuse such a root first, see :func:`ensure_client_output`).
    """
    fresh = package_files(fresh_root)
    diff = diff_trees(fresh, package_files(target_root))
    package_root = Path(target_root) / PACKAGE_NAME
    for rel in diff.added + diff.changed:
        dest = target_root / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(fresh[rel])
    for rel in diff.removed:
        (target_root / rel).unlink()
    for rel in diff.removed:  # drop directories the removals emptied (caches alone do not keep them)
        parent = (target_root / rel).parent
        while (
            parent != package_root
            and package_root in parent.parents
            and parent.is_dir()
            and not _has_real_files(parent)
        ):
            shutil.rmtree(parent)
            parent = parent.parent
    return diff


def _has_real_files(directory: Path) -> bool:
    return any(
        p.is_file() and not p.name.endswith(IGNORED_SUFFIXES) and not (set(p.parts) & IGNORED_DIRS)
        for p in directory.rglob("*")
    )


@dataclass(frozen=True)
class Regeneration:
    """Outcome of one regeneration: what changed on disk and how long the generator took."""

    diff: TreeDiff
    seconds: float


def regenerate(
    spec_path: Path | str | None = None, output: Path | None = None, config_path: Path | None = None
) -> Regeneration:
    """Generate into a temporary directory and copy the result into ``output`` (default ``generated/``)."""
    target = Path(output or GENERATED_DIR)
    ensure_client_output(target)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ccr-codegen-") as tmp:
        generate_into(Path(tmp), spec_path, config_path)
        seconds = time.perf_counter() - started
        target.mkdir(parents=True, exist_ok=True)
        diff = install_tree(Path(tmp), target)
    return Regeneration(diff=diff, seconds=seconds)


def check(spec_path: Path | str | None = None, output: Path | None = None, config_path: Path | None = None) -> TreeDiff:
    """How ``output`` (default ``generated/``) differs from what the spec generates now; writes nothing."""
    target = Path(output or GENERATED_DIR)
    ensure_client_output(target)
    with tempfile.TemporaryDirectory(prefix="ccr-codegen-check-") as tmp:
        generate_into(Path(tmp), spec_path, config_path)
        return diff_trees(package_files(Path(tmp)), package_files(target))
