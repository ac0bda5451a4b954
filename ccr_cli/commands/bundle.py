"""``ccr-contract bundle [--check]``: merge ``spec/src/`` into ``spec/ccr.openapi.yaml``.

``--check`` writes nothing and fails when the published document differs from a fresh bundle of
the sources (the drift check CI and ``scripts/test.sh`` run).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ccr_cli.main import CommandFailed, UsageError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true", help="fail when the bundle is out of date; write nothing")
    parser.add_argument("--src", default=None, help="root source (default: spec/src/openapi.yaml)")
    parser.add_argument("--out", default=None, help="bundled document (default: spec/ccr.openapi.yaml)")


def run(args: argparse.Namespace) -> int:
    from ccr_contract.paths import SPEC_SOURCES, spec_path
    from ccr_contract.spec_bundle import BundleError, bundle_text

    src = Path(args.src) if args.src else SPEC_SOURCES
    out = Path(args.out) if args.out else spec_path()
    if not args.src and not src.is_file():
        raise UsageError(f"spec sources not found ({src}): bundle works in a checkout of the repository, or pass --src")
    try:
        text = bundle_text(src)
    except BundleError as exc:
        raise UsageError(str(exc)) from None
    current = out.read_text(encoding="utf-8") if out.is_file() else None
    if args.check:
        if current != text:
            raise CommandFailed(f"{out} is out of date with {src.parent}/; run `ccr-contract bundle`")
        print(f"{out}: up to date with {src.parent}/")
        return 0
    if current == text:
        print(f"{out}: already up to date")
        return 0
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CommandFailed(f"cannot write {out}: {exc.strerror}") from None
    print(f"{out}: written from {src.parent}/")
    return 0
