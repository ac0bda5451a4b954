"""The ``ccr-contract`` command line: one entry point over the project's tools.

Each subcommand lives in ``ccr_cli/commands/<name>.py`` and exposes ``add_arguments(parser)``
and ``run(args) -> int``.  Command modules are imported to build the parser, so they keep heavy
imports (schemathesis, uvicorn, openapi-python-client) inside ``run``: ``ccr-contract sign`` must
stay instant.  Every failure a user can cause ends
as one clear line on stderr and a non-zero exit, never a traceback.

Every command that reads the spec takes ``--spec PATH`` (added here, not by each command): the path
is checked (a missing file, a folder or an unreadable file is one line) and made the process-wide
spec with :func:`ccr_contract.paths.set_spec_path` before the command runs, so the reference server
and the conformance suite read it through ``load_spec()`` like everything else.
``$CCR_CONTRACT_SPEC`` does the same when ``--spec`` is not given.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from ccr_contract import paths

#: name -> one-line help.  The module ``ccr_cli.commands.<name>`` implements it.
COMMANDS: dict[str, str] = {
    "bundle": "bundle the spec sources (spec/src/) into spec/ccr.openapi.yaml (or --check it is up to date)",
    "validate": "validate the OpenAPI spec (openapi-spec-validator plus the project's rules)",
    "sign": "print the bce-auth-v1 Authorization value for a request",
    "mock": "run the reference CCR server",
    "generate": "regenerate the Python client in generated/ (or --check it is up to date)",
    "conformance": "check a CCR server against the contract",
    "docs": "build the offline documentation site",
    "coverage": "write the operation coverage table COVERAGE.md (or --check it is up to date)",
    "proxy": "a validating, signature-aware proxy that checks real traffic against the contract",
}
#: Commands that read the spec: each gets ``--spec PATH``.
SPEC_COMMANDS = frozenset({"validate", "sign", "mock", "generate", "conformance", "docs", "coverage", "proxy"})
#: Set to see the traceback of an unexpected error instead of its one-line summary.
DEBUG_ENV = "CCR_CONTRACT_DEBUG"


class UsageError(Exception):
    """A problem with what the user asked for; printed as one line, exit status 2."""


class CommandFailed(Exception):
    """The command ran and found a problem; printed as one line, exit status 1."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (``ccr-contract CMD: error: ...``), exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


class _Version(argparse.Action):
    """``--version``: the installed distribution's version, looked up only when asked for."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> NoReturn:
        import ccr_contract

        print(f"ccr-contract {ccr_contract.__version__}")
        parser.exit(0)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ccr-contract",
        description="The CCR API contract: spec, signer, reference server, client and conformance suite.",
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, help_text in COMMANDS.items():
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        module = _load(name)
        if module is not None:
            module.add_arguments(cmd)
        if name in SPEC_COMMANDS and not any("--spec" in action.option_strings for action in cmd._actions):
            cmd.add_argument(
                "--spec",
                metavar="PATH",
                default=None,
                help=f"OpenAPI document to use (default: ${paths.SPEC_ENV}, else the published {paths.SPEC_RELATIVE})",
            )
        cmd.set_defaults(_command=name)
    return parser


def spec_file_problem(path: Path) -> str | None:
    """Why ``path`` cannot be read as a spec file (one line), or None when it can."""
    try:
        if not path.exists():
            return f"spec file not found: {path}"
        if path.is_dir():
            return f"spec path {path} is a folder, not a file"
        with path.open("rb"):
            pass
    except OSError as exc:
        return f"spec file {path} cannot be read: {exc.strerror or exc}"
    return None


def _apply_spec(args: argparse.Namespace) -> None:
    """Check the spec named by ``--spec`` (usage error) or ``$CCR_CONTRACT_SPEC`` (failure) and make it current."""
    if args._command not in SPEC_COMMANDS:
        return
    given = getattr(args, "spec", None)
    if given:
        problem = spec_file_problem(Path(given))
        if problem:
            raise UsageError(f"--spec: {problem}")
        paths.set_spec_path(Path(given))
        return
    env = os.environ.get(paths.SPEC_ENV)
    if env:
        problem = spec_file_problem(Path(env))
        if problem:
            raise CommandFailed(f"{problem} (from ${paths.SPEC_ENV})")


def _load(name: str):  # type: ignore[no-untyped-def]
    try:
        return importlib.import_module(f"ccr_cli.commands.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"ccr_cli.commands.{name}":
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
        _apply_spec(args)
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
    except OSError as exc:  # a file or socket the command needed, named in one line
        where = f" {exc.filename}" if exc.filename else ""
        print(f"ccr-contract {args._command}: cannot use{where}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug or an input no check foresaw: still one line, the traceback on request
        if os.environ.get(DEBUG_ENV):
            raise
        detail = " ".join(str(exc).split())[:300]
        print(
            f"ccr-contract {args._command}: unexpected error: {type(exc).__name__}: {detail} "
            f"(set {DEBUG_ENV}=1 for the traceback)",
            file=sys.stderr,
        )
        return 1
    finally:
        paths.set_spec_path(None)  # main() may run again in the same process (tests)


if __name__ == "__main__":  # pragma: no cover - run as ``python -m ccr_contract`` instead
    from ccr_cli.main import main as _main  # the importable module, whose exception classes commands raise

    sys.exit(_main())
