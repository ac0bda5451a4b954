"""``ccr-contract validate [SPEC]``: one line per problem, non-zero exit when there is any."""

from __future__ import annotations

import argparse
import sys

from ccr_contract.cli import CommandFailed, UsageError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("spec", nargs="?", default=None, help="OpenAPI file (default: spec/ccr.openapi.yaml)")


def run(args: argparse.Namespace) -> int:
    from ccr_contract.paths import SPEC_PATH
    from ccr_contract.spec import SpecError
    from ccr_contract.validate import validate_file

    path = args.spec or str(SPEC_PATH)
    try:
        problems = validate_file(path)
    except SpecError as exc:
        raise UsageError(str(exc)) from None
    for line in problems:
        print(line, file=sys.stdout)
    if problems:
        raise CommandFailed(f"{len(problems)} problem(s) in {path}")
    print(f"{path}: valid (openapi-spec-validator and project rules)")
    return 0
