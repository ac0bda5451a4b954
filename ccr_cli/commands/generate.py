"""``ccr-contract generate [--check]``: regenerate ``generated/`` from the spec, or fail when it is stale.

In a checkout it also regenerates (or checks) the TypeScript client ``generated-ts/``
(:mod:`ccr_contract.codegen_ts`), unless ``--output`` names another place for the Python client
and ``--ts-output`` is not given, or ``--no-ts`` is passed; without Node and the project's
``node_modules`` the default ``generated-ts/`` is skipped with a message (an explicit ``--ts-output``
fails instead).

Without ``--check`` it writes the client and prints what changed in the contract since the committed
client (operations added, removed, changed; which changes break existing callers). With ``--check``
it regenerates into a temporary directory, writes nothing, and fails listing the differing files:
CI runs that, so ``generated/`` can never drift from the spec unnoticed. Only the client project
(``<output>/pyproject.toml`` and ``<output>/ccr_client``) is compared and written; an ``--output`` that
holds anything else (a checkout, ``.git``) is refused.  ``--spec`` comes from the CLI (every command
that reads the spec has it).  Needs the ``codegen`` extra (openapi-python-client and ruff).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ccr_cli.main import CommandFailed, UsageError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--check",
        action="store_true",
        help="regenerate into a temporary directory and fail, listing the files, if the output differs",
    )
    parser.add_argument(
        "--output",
        default=None,
        help="directory holding only the client project (pyproject.toml, ccr_client/), which alone is written "
        "(default: generated/ of the checkout)",
    )
    parser.add_argument(
        "--base",
        default=None,
        help="spec to report contract changes against (default: spec/ccr.openapi.yaml as committed at HEAD)",
    )
    parser.add_argument("--no-report", action="store_true", help="do not print the contract change report")
    parser.add_argument(
        "--ts-output",
        default=None,
        help="directory of the TypeScript client project (default: generated-ts/ of the checkout when --output "
        "is not given)",
    )
    parser.add_argument("--no-ts", action="store_true", help="leave the TypeScript client alone")


def run(args: argparse.Namespace) -> int:
    from ccr_contract import codegen
    from ccr_contract.paths import GENERATED_DIR, in_checkout, spec_path

    spec = spec_path()
    if args.output:
        output = Path(args.output)
    elif in_checkout():
        output = GENERATED_DIR
    else:
        raise UsageError("no checkout here to hold generated/: pass --output DIR")
    if not spec.is_file():
        raise UsageError(f"spec file not found: {spec}")
    missing = codegen.missing_tools()
    if missing:
        raise CommandFailed(f"{missing} not installed: install the codegen extra, pip install 'ccr-contract[codegen]'")
    if args.base and not Path(args.base).is_file():
        raise UsageError(f"base spec not found: {args.base}")
    ts_output = _ts_output(args)
    try:
        if args.check:
            rc = _check(codegen, spec, output, ts_output)
        else:
            rc = _generate(codegen, spec, output, args)
            if ts_output is not None:
                _generate_ts(spec, ts_output)
        return rc
    except codegen.UnsafeOutput as exc:  # e.g. --output . in a checkout: refused before anything is written
        raise UsageError(str(exc)) from None
    except codegen.CodegenError as exc:
        raise CommandFailed(str(exc)) from None
    except OSError as exc:  # e.g. an --output that cannot be created
        raise CommandFailed(f"cannot write {exc.filename or output}: {exc.strerror or exc}") from None


def _ts_output(args: argparse.Namespace) -> Path | None:
    """Where the TypeScript client goes: ``--ts-output``, else ``generated-ts/`` when the Python
    client goes to the checkout's ``generated/``; None when it is left alone."""
    from ccr_contract.paths import in_checkout

    if args.no_ts:
        return None
    if args.ts_output:
        return Path(args.ts_output)
    if args.output or not in_checkout():
        return None
    from ccr_contract.codegen_ts import GENERATED_TS_DIR, missing_tools

    missing = missing_tools()
    if missing:  # like scripts/test.sh's other Node-based steps: said, not hidden, and not fatal
        print(f"generated-ts: skipped, {missing} is not installed (scripts/install.sh runs npm ci)", file=sys.stderr)
        return None
    return GENERATED_TS_DIR


def _generate_ts(spec: Path, ts_output: Path) -> None:
    from ccr_contract import codegen_ts

    result = codegen_ts.regenerate(spec, ts_output)
    if result.diff:
        count = len(result.diff.added) + len(result.diff.removed) + len(result.diff.changed)
        print(f"{_show(ts_output)}: {count} file(s) updated from {_show(spec)} in {result.seconds:.1f}s")
        for line in result.diff.lines():
            print(f"  {line}")
    else:
        print(f"{_show(ts_output)}: already up to date with {_show(spec)} ({result.seconds:.1f}s)")


def _show(path: Path) -> str:
    """``path`` relative to the working directory when it is inside it (shorter lines for people)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _check(codegen, spec: Path, output: Path, ts_output: Path | None) -> int:  # type: ignore[no-untyped-def]
    """Check the Python client, then the TypeScript one; fail naming every stale tree."""
    stale = []
    checks = [(output, lambda: codegen.check(spec, output))]
    if ts_output is not None:
        from ccr_contract import codegen_ts

        checks.append((ts_output, lambda: codegen_ts.check(spec, ts_output)))
    for target, run_check in checks:
        diff = run_check()
        if diff:
            for line in diff.lines():
                print(f"  {line}")
            count = len(diff.added) + len(diff.removed) + len(diff.changed)
            stale.append(f"{_show(target)} is stale: {count} file(s) differ from what {_show(spec)} generates")
        else:
            print(f"{_show(target)} is up to date with {_show(spec)}")
    if stale:
        raise CommandFailed("; ".join(stale) + " (+ missing, - extra, ~ changed); run `ccr-contract generate`")
    return 0


def _generate(codegen, spec: Path, output: Path, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from ccr_contract import contract_diff

    result = codegen.regenerate(spec, output)
    if result.diff:
        count = len(result.diff.added) + len(result.diff.removed) + len(result.diff.changed)
        print(f"{_show(output)}: {count} file(s) updated from {_show(spec)} in {result.seconds:.1f}s")
        for line in result.diff.lines():
            print(f"  {line}")
    else:
        print(f"{_show(output)}: already up to date with {_show(spec)} ({result.seconds:.1f}s)")
    if args.no_report:
        return 0
    if args.base:
        base_text, base_label = Path(args.base).read_text(encoding="utf-8"), str(args.base)
    else:
        base_text, base_label = contract_diff.committed_spec_text(), f"HEAD:{contract_diff.COMMITTED_SPEC}"
    if base_text is None:
        print(f"Contract report skipped: no committed spec ({base_label}) to compare with; pass --base FILE")
        return 0
    report = contract_diff.contract_report(base_text, spec, base_label=base_label, current_label=_show(spec))
    for line in report.lines():
        print(line)
    return 0
