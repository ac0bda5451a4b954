"""The ``ccr-contract`` command line: one entry point over the project's tools.

Each subcommand lives in ``ccr_contract/commands/<name>.py`` and exposes ``add_arguments(parser)``
and ``run(args) -> int``.  Command modules are imported to build the parser, so they keep heavy
imports (schemathesis, uvicorn, openapi-python-client) inside ``run``: ``ccr-contract sign`` must
stay instant.  Every failure a user can cause ends
as one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

#: name -> one-line help.  The module ``ccr_contract.commands.<name>`` implements it.
COMMANDS: dict[str, str] = {
    "bundle": "bundle the spec sources (spec/src/) into spec/ccr.openapi.yaml (or --check it is up to date)",
    "validate": "validate the OpenAPI spec (openapi-spec-validator plus the project's rules)",
    "sign": "print the bce-auth-v1 Authorization value for a request",
    "mock": "run the reference CCR server",
    "generate": "regenerate the Python client in generated/ (or --check it is up to date)",
    "conformance": "check a CCR server against the contract",
    "docs": "build the offline documentation site",
}


class UsageError(Exception):
    """A problem with what the user asked for; printed as one line, exit status 2."""


class CommandFailed(Exception):
    """The command ran and found a problem; printed as one line, exit status 1."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (``ccr-contract CMD: error: ...``), exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ccr-contract",
        description="The CCR API contract: spec, signer, reference server, client and conformance suite.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, help_text in COMMANDS.items():
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        module = _load(name)
        if module is not None:
            module.add_arguments(cmd)
        cmd.set_defaults(_command=name)
    return parser


def _load(name: str):  # type: ignore[no-untyped-def]
    try:
        return importlib.import_module(f"ccr_contract.commands.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"ccr_contract.commands.{name}":
            return None
        raise


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_command", None):
        parser.print_help(sys.stderr)
        return 2
    from ccr_contract.spec import SpecError

    module = _load(args._command)
    if module is None:
        print(f"ccr-contract: error: the '{args._command}' command is not available in this build", file=sys.stderr)
        return 2
    try:
        return int(module.run(args) or 0)
    except UsageError as exc:
        print(f"ccr-contract {args._command}: error: {exc}", file=sys.stderr)
        return 2
    except CommandFailed as exc:
        print(f"ccr-contract {args._command}: {exc}", file=sys.stderr)
        return 1
    except SpecError as exc:  # e.g. CCR_CONTRACT_SPEC names a missing or broken file
        print(f"ccr-contract {args._command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"ccr-contract {args._command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover - run as ``python -m ccr_contract`` instead
    from ccr_contract.cli import main as _main  # the importable module, whose exception classes commands raise

    sys.exit(_main())
