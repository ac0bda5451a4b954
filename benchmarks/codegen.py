"""How long one client regeneration takes, guarded against a budget per spec operation.

The budget is 100 ms of CPU per operation of the spec (issue 4 set 5 s for the 12 operations of
the first release; the generator's cost grows with the operations, so a fixed number would either
fail as the contract grows or guard nothing).

Run: ``.venv/bin/python benchmarks/codegen.py [--quick] [RUNS]`` (default 3 runs; ``--quick``: 1).
Exit status (``benchmarks/_guard.py``): 0 when every target is met, 1 when one is missed, 3 when
the generator fails (nothing could be measured).

Guarded, each the median of RUNS runs in this one process, each target 100 ms of CPU time per
operation (this
process and the generator and ruff subprocesses it waits for).  CPU time rather than wall-clock
time because CI shares this 2-core machine with other jobs: under load, wall-clock time measures
the queue for the CPU (7.6 s of CPU took 16 s with a load average of 4.5), while the CPU
time of the mostly single-threaded generator stays what an idle machine's wall clock would show.
Wall-clock medians are printed beside them.

* **regenerate** -- openapi-python-client plus the ruff post hooks, the signer copy and clean-up,
  into a temporary directory (what ``ccr-contract generate`` spends before it compares);
* **generate --check** -- the same plus the comparison with ``generated/`` (the CI drift gate).

Printed without a target: wall-clock times, the contract report that ``ccr-contract generate``
prints after writing (``redocly diff`` when Node tools are installed; Node's helper threads make
its CPU time overstate its wall-clock time, so a CPU budget would misjudge it) and the two ruff
post hooks alone on unformatted output (their share of a regeneration).  ``--quick`` measures the
guarded figures only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _guard import Guard, spread

from ccr_contract import codegen, contract_diff, paths

#: CPU seconds per spec operation for one regeneration (and for one ``generate --check``).
BUDGET_PER_OPERATION = 0.1


class Samples(NamedTuple):
    """Seconds per run: CPU (this process plus waited-for children) and wall clock."""

    cpu: list[float]
    wall: list[float]


def _cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed(action: Callable[[], object], runs: int) -> Samples:
    """Time ``runs`` calls of ``action``.  Children count once waited for, which
    ``subprocess.run`` (the generator, ruff, redocly) always does before returning."""
    samples = Samples([], [])
    for _ in range(runs):
        cpu, wall = _cpu_seconds(), time.perf_counter()
        action()
        samples.cpu.append(_cpu_seconds() - cpu)
        samples.wall.append(time.perf_counter() - wall)
    return samples


def regenerate_once(config: Path | None = None) -> None:
    with tempfile.TemporaryDirectory(prefix="ccr-bench-") as tmp:
        codegen.generate_into(Path(tmp), paths.spec_path(), config)


def ruff_hooks_once(no_hooks: Path) -> float:
    """CPU seconds the configured post hooks take on a fresh, unformatted tree (generation not counted)."""
    hooks = yaml.safe_load(codegen.CONFIG_PATH.read_text(encoding="utf-8"))["post_hooks"]
    with tempfile.TemporaryDirectory(prefix="ccr-bench-") as tmp:
        package = codegen.generate_into(Path(tmp), paths.spec_path(), no_hooks)
        started = _cpu_seconds()
        for hook in hooks:
            subprocess.run(hook, shell=True, cwd=package, env=codegen.tool_env(), capture_output=True, check=True)
        return _cpu_seconds() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("runs", nargs="?", type=int, help="runs of each measurement (default 3, quick 1)")
    parser.add_argument("--quick", action="store_true", help="CI mode: one run each, guarded figures only")
    args = parser.parse_args(argv)
    runs = args.runs or (1 if args.quick else 3)
    guard = Guard("benchmarks/codegen.py" + (" --quick" if args.quick else ""))
    spec = paths.spec_path()

    try:
        regen = timed(regenerate_once, runs)
        check = timed(codegen.check, runs)
        hooks: list[float] = []
        if not args.quick:
            with tempfile.TemporaryDirectory(prefix="ccr-bench-cfg-") as tmp:
                no_hooks = Path(tmp) / "no-hooks.yaml"
                no_hooks.write_text("package_name_override: ccr_client\npost_hooks: []\n", encoding="utf-8")
                hooks = [ruff_hooks_once(no_hooks) for _ in range(runs)]
    except codegen.CodegenError as exc:
        guard.fail_invalid(f"the generator failed, nothing measured: {exc}")
        return guard.exit_status()
    base = spec.read_text(encoding="utf-8")
    rated = "redocly diff" if contract_diff.redocly_executable() else "operations only, no Node"
    report = None if args.quick else timed(lambda: contract_diff.contract_report(base, spec), runs)

    print(f"ccr-contract codegen benchmark: {runs} run(s) each, spec {spec.name}, CPU seconds")
    regen_s, regen_w = statistics.median(regen.cpu), statistics.median(regen.wall)
    check_s = statistics.median(check.cpu)
    n_ops = sum(
        1
        for item in (yaml.safe_load(base).get("paths") or {}).values()
        for method in item
        if method in ("get", "put", "post", "delete", "patch")
    )
    budget = BUDGET_PER_OPERATION * n_ops
    guard.info("spec operations", str(n_ops))
    guard.check("regenerate (generator + ruff hooks)", regen_s, budget, higher_is_better=False, unit=" s")
    guard.check("generate --check (regenerate + compare)", check_s, budget, higher_is_better=False, unit=" s")
    guard.info("regenerate, CPU s", spread(regen.cpu))
    guard.info("regenerate, wall-clock s", spread(regen.wall))
    guard.info("generate --check, wall-clock s", spread(check.wall))
    if report is not None:
        guard.info(f"contract report ({rated}), wall-clock s", spread(report.wall))
        guard.info("generate + contract report, wall-clock s", f"{regen_w + statistics.median(report.wall):.2f}")
    if hooks:
        hooks_s = statistics.median(hooks)
        guard.info("ruff post hooks alone, CPU s", f"{spread(hooks)} = {hooks_s / regen_s:.0%} of a regeneration")
    return guard.exit_status()


if __name__ == "__main__":
    sys.exit(main())
