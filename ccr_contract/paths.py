"""Where the project's files live, so every tool reads the same spec (one source of truth).

Two layouts, one set of relative paths (``spec/ccr.openapi.yaml``, ``docs-src/index.md``,
``conformance/checks.yaml``...):

* a checkout (the editable install of ``scripts/install.sh``): the repository's own files are read,
  so editing ``spec/`` or ``docs-src/`` takes effect at once;
* an installed wheel: the same files ship inside the package as ``ccr_contract/_data/<relative path>``
  (``pyproject.toml`` maps ``ccr_contract._data`` onto the repository root and lists the files, so
  nothing is duplicated in git) and are found with :mod:`importlib.resources`.

:func:`data_path` answers for both.  The spec a command reads is :func:`spec_path`: ``--spec``
(set by the CLI with :func:`set_spec_path` before any command runs), else ``$CCR_CONTRACT_SPEC``,
else the published ``spec/ccr.openapi.yaml``.  ``spec.load_spec()`` asks it at call time, so every
command, the reference server and the conformance suite follow ``--spec`` alike.
"""

from __future__ import annotations

import atexit
import contextlib
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

#: Environment variable naming the spec every tool reads (``--spec`` wins over it).
SPEC_ENV = "CCR_CONTRACT_SPEC"
#: The spec's path relative to the data root (the repository, or ``ccr_contract/_data`` in a wheel).
SPEC_RELATIVE = "spec/ccr.openapi.yaml"

#: The repository root in a checkout; in an installed wheel this is ``site-packages`` (see :func:`in_checkout`).
REPO_ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def data_root() -> Path:
    """The folder holding the shipped data: the package's ``_data`` in a wheel, else the checkout."""
    packaged = resources.files("ccr_contract").joinpath("_data")
    if not packaged.is_dir():
        return REPO_ROOT
    if isinstance(packaged, Path):  # the usual case: a wheel unpacked into site-packages
        return packaged
    stack = contextlib.ExitStack()  # a zipped install: extract once, for the life of the process
    atexit.register(stack.close)
    return Path(stack.enter_context(resources.as_file(packaged)))


def in_checkout() -> bool:
    """Whether the data comes from a repository checkout (spec sources and ``generated/`` exist only there)."""
    return data_root() == REPO_ROOT


def data_path(relative: str) -> Path:
    """A shipped file or folder by its repository-relative path (``spec/ERRATA.md``, ``docs-src``...)."""
    return data_root() / relative


# ------------------------------------------------------------------------------------------ the spec

_spec_override: Path | None = None


def set_spec_path(path: Path | str | None) -> None:
    """Make ``path`` the spec every tool in this process reads (the CLI's ``--spec``); None clears it."""
    global _spec_override
    _spec_override = Path(path) if path is not None else None


def spec_override() -> Path | None:
    """The spec named explicitly, by ``--spec`` or ``$CCR_CONTRACT_SPEC`` (None when neither is set)."""
    if _spec_override is not None:
        return _spec_override
    env = os.environ.get(SPEC_ENV)
    return Path(env) if env else None


def default_spec_path() -> Path:
    """The published spec: ``spec/ccr.openapi.yaml`` of the checkout, or the copy shipped in the wheel."""
    return data_path(SPEC_RELATIVE)


def spec_path() -> Path:
    """The spec to read now: ``--spec``, else ``$CCR_CONTRACT_SPEC``, else the published spec."""
    return spec_override() or default_spec_path()


# ------------------------------------------------------------------- constants (read at import time)

#: The spec as resolved at import time (``$CCR_CONTRACT_SPEC`` or the published spec).  Code that
#: must follow ``--spec`` calls :func:`spec_path` instead.
SPEC_PATH = spec_path()
#: The spec's per-group sources (checkout only); ``ccr-contract bundle`` merges them into the spec.
SPEC_SOURCES = REPO_ROOT / "spec" / "src" / "openapi.yaml"
#: The generated client's project folder (checkout only): ``pyproject.toml`` and ``ccr_client/``.
GENERATED_DIR = REPO_ROOT / "generated"
SIGNING_VECTORS_DIR = data_path("spec/signing-vectors")
#: The Node tools of a checkout (``npm ci``); an installed wheel looks for ``redocly`` on PATH.
NODE_BIN = REPO_ROOT / "node_modules" / ".bin"
