"""The command a person ran, so that commands printed in reports can be pasted back as they are.

A replay line that says ``ccr-contract conformance replay ...`` is useless to someone who ran
``python -m ccr_cli`` from a checkout or ``.venv/bin/ccr-contract`` without activating the venv:
``ccr-contract`` is not on their PATH.  :func:`program` reads how this process was started
(``sys.orig_argv`` / ``sys.argv``) and gives back the same executable; anything that is not one of
ours (pytest, a script calling :func:`ccr_conformance.runner.run_suite`) falls back to the console
script's name.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

#: The console script (``[project.scripts]``) and the packages whose ``-m`` runs the command line.
SCRIPT = "ccr-contract"
MODULES = frozenset({"ccr_cli", "ccr_cli.main", "ccr_contract"})


def program(argv: Sequence[str] | None = None, orig_argv: Sequence[str] | None = None) -> list[str]:
    """The words that start the command line the way this process was started.

    * ``python -m ccr_cli ...`` -> ``python -m ccr_cli`` (the interpreter as typed, with its flags);
    * ``.venv/bin/ccr-contract ...`` -> ``.venv/bin/ccr-contract``;
    * ``ccr-contract ...`` found on PATH -> ``ccr-contract``;
    * anything else -> ``ccr-contract``.
    """
    argv = list(sys.argv if argv is None else argv)
    orig = list(getattr(sys, "orig_argv", []) if orig_argv is None else orig_argv)
    # ``python [options] -m MODULE args``: sys.argv is ``[MODULE's file, args]``, so the ``-m`` sits
    # just before the last len(argv) words (a later ``-m`` is an argument of ours, not Python's).
    at = len(orig) - len(argv) - 1
    if at >= 1 and orig[at] == "-m" and orig[at + 1] in MODULES:
        return orig[: at + 2]
    script = argv[0] if argv else ""
    name = Path(script).name
    if not name.startswith(SCRIPT):
        return [SCRIPT]
    on_path = shutil.which(name)
    try:
        if on_path and os.path.samefile(on_path, script):
            return [name]
    except OSError:
        pass
    return [script]


def command(*words: str, argv: Sequence[str] | None = None, orig_argv: Sequence[str] | None = None) -> str:
    """``program() + words`` as one shell line, every word quoted as needed (:func:`shlex.join`)."""
    return shlex.join([*program(argv, orig_argv), *words])
