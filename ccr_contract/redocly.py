"""Running the pinned Redocly CLI (``node_modules/.bin/redocly`` from package-lock.json).

The code generator's contract diff and the docs builder both shell out to Redocly; this module is
the one place that knows where it lives, which environment keeps it quiet and offline (no
telemetry, no update notice, no colour codes in output we parse) and how a hang is bounded.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from ccr_contract.paths import NODE_BIN

#: Telemetry off and no update check: Redocly must not reach the network from here.
ENV = {"REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true", "NO_COLOR": "1"}


class RedoclyError(Exception):
    """Redocly could not be run, or did not finish in time (one-line message)."""


def executable() -> Path | None:
    """``node_modules/.bin/redocly`` when the Node tools are installed and node is on PATH, else None."""
    exe = NODE_BIN / "redocly"
    return exe if exe.exists() and shutil.which("node") else None


def version() -> str:
    """``@redocly/cli X.Y.Z`` as installed, for reports that say what rated a change."""
    try:
        data = json.loads((NODE_BIN.parent / "@redocly" / "cli" / "package.json").read_text(encoding="utf-8"))
        return f"@redocly/cli {data['version']}"
    except (OSError, ValueError, KeyError):
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
