#!/usr/bin/env python3
"""Regenerate generated/ccr_client from the spec: the same as ``ccr-contract generate [--check]``.

For people who prefer a script to the CLI; every option of ``ccr-contract generate`` works here
(``--check``, ``--spec``, ``--output``, ``--base``, ``--no-report``). Run it with the project's
virtualenv: ``.venv/bin/python scripts/regenerate.py --check``.
"""

from __future__ import annotations

import sys

from ccr_cli.main import main

if __name__ == "__main__":
    sys.exit(main(["generate", *sys.argv[1:]]))
