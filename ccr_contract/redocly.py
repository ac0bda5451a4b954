"""Running the pinned Redocly CLI (``node_modules/.bin/redocly`` from package-lock.json).

The code generator's contract diff and the docs builder both shell out to Redocly; this module is
the one place that knows where it lives (the checkout's ``node_modules``, else ``redocly`` on
PATH for an installed wheel), which environment keeps it quiet and offline (no telemetry, no update
notice, no colour codes in output we parse) and how a hang is bounded.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from ccr_contract import paths
from ccr_contract.paths import NODE_BIN

#: Telemetry off and no update check: Redocly must not reach the network from here.
ENV = {"REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true", "NO_COLOR": "1"}


class RedoclyError(Exception):
    """Redocly could not be run, or did not finish in time (one-line message)."""


def find() -> Path | None:
    """The checkout's ``node_modules/.bin/redocly`` (``npm ci``), else ``redocly`` on PATH, else None."""
    exe = NODE_BIN / "redocly"
    if exe.exists():
        return exe
    found = shutil.which("redocly")
    return Path(found) if found else None


def executable() -> Path | None:
    """:func:`find`'s Redocly when node is on PATH too (it is a Node program), else None."""
    exe = find()
    return exe if exe is not None and shutil.which("node") else None


def pinned_version() -> str | None:
    """The ``@redocly/cli`` version ``package.json`` pins (shipped in the wheel too), if readable."""
    try:
        data = json.loads(paths.data_path("package.json").read_text(encoding="utf-8"))
        return str(data["dependencies"]["@redocly/cli"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def missing_message() -> str:
    """One line: Redocly is missing, and how to get it."""
    pinned = pinned_version()
    package = f"@redocly/cli@{pinned}" if pinned else "@redocly/cli"
    if paths.in_checkout():
        return f"Redocly CLI not found: run `npm ci` in the repository (needs Node.js), or put {package} on PATH"
    return f"Redocly CLI not found on PATH: install Node.js, then `npm install -g {package}`"


def version() -> str:
    """``@redocly/cli X.Y.Z`` as installed, for reports that say what rated a change."""
    exe = find()
    candidates = [NODE_BIN.parent / "@redocly" / "cli" / "package.json"]
    if exe is not None:  # an npm-installed bin is a link into .../node_modules/@redocly/cli/
        candidates += [parent / "package.json" for parent in exe.resolve().parents]
    for manifest in candidates:
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and data.get("name") == "@redocly/cli" and "version" in data:
            return f"@redocly/cli {data['version']}"
    return "@redocly/cli"


def run(command: list[str], *, cwd: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    """Run a Redocly command line (``command[0]`` is the executable) quietly, bounded by ``timeout``."""
    try:
        return subprocess.run(
            command,
            cwd=cwd,
            env={**os.environ, **ENV},
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RedoclyError(f"redocly {command[1]} did not finish within {timeout:.0f} s") from None
    except OSError as exc:
        raise RedoclyError(f"could not run {command[0]}: {exc.strerror or exc}") from None
