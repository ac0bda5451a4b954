"""``ccr-contract validate [SPEC]``: one line per problem, non-zero exit when there is any."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ccr_cli.main import CommandFailed, UsageError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "spec_file",
        nargs="?",
        default=None,
        metavar="SPEC",
        help="OpenAPI file (default: --spec, $CCR_CONTRACT_SPEC, else the published spec/ccr.openapi.yaml)",
    )


def run(args: argparse.Namespace) -> int:
    from ccr_cli.main import spec_file_problem
    from ccr_contract.paths import spec_path
    from ccr_contract.spec import SpecError
    from ccr_contract.validate import validate_file

    path = args.spec_file or str(spec_path())
    if args.spec_file and (problem := spec_file_problem(Path(args.spec_file))):
        raise UsageError(problem)
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
