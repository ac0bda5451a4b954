"""``ccr-contract coverage [--check] [--out FILE]``: the coverage table (COVERAGE.md).

Every operation with where it stands: in the spec, served by the reference server, exercised by
the conformance suite, in the generated client, in the docs (see :mod:`ccr_contract.coverage`).
``--check`` fails when the committed table differs from a fresh one.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ccr_cli.main import CommandFailed


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", default=None, help="where to write the table (default: COVERAGE.md in a checkout; required elsewhere)"
    )
    parser.add_argument("--check", action="store_true", help="fail when the table is out of date; write nothing")


def run(args: argparse.Namespace) -> int:
    from ccr_contract import coverage, paths
    from ccr_contract.spec import load_spec

    if not args.out and not paths.in_checkout():
        raise CommandFailed("--out FILE is required outside a checkout (an installed ccr-contract has no COVERAGE.md)")
    out = Path(args.out) if args.out else paths.REPO_ROOT / "COVERAGE.md"
    text = coverage.markdown(coverage.table(load_spec(), coverage.client_package()))
    current = out.read_text(encoding="utf-8") if out.is_file() else None
    if args.check:
        if current != text:
            raise CommandFailed(f"{out} is out of date; run `ccr-contract coverage`")
        print(f"{out}: up to date")
        return 0
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CommandFailed(f"cannot write {out}: {exc.strerror}") from None
    print(f"{out}: written ({text.count(chr(10)) - 9} operations)")
    return 0
