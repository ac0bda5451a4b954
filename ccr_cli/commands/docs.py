"""``ccr-contract docs``: build the offline documentation site (API reference plus the Markdown pages)."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", default="site", metavar="DIR", help="output folder (default: site/)")
    parser.add_argument(
        "--root",
        metavar="DIR",
        help="folder holding the sources (README.md, docs-src/, spec/, conformance/); "
        "default: the repository, or the copy shipped in the installed package",
    )


def run(args: argparse.Namespace) -> int:
    from ccr_cli.main import CommandFailed, UsageError
    from ccr_contract.docs import DocsError, build_site
    from ccr_contract.paths import data_root

    root = Path(args.root) if args.root else data_root()
    if not root.is_dir():
        raise UsageError(f"--root {root} is not a folder")
    try:
        result = build_site(Path(args.out), root=root, spec_path=Path(args.spec) if args.spec else None)
    except DocsError as exc:
        raise CommandFailed(str(exc)) from None
    print(
        f"built {len(result.pages)} pages into {result.out} "
        f"({result.operations} operations in the reference, {result.links_checked} links checked)"
    )
    return 0
