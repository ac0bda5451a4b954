"""How long one client regeneration takes (issue 4 wants under 5 s on this machine).

Prints, for a few runs measured in this one process: the full regeneration (openapi-python-client
plus the ruff post hooks and cache clean-up, into a temporary directory), the drift check
(``--check``: the same plus the tree comparison), the two ruff post hooks alone on unformatted
output (the share of ruff), and the contract report (``redocly diff`` when Node tools are
installed). Ratios are against the 5 s budget. Run: ``.venv/bin/python benchmarks/codegen.py [RUNS]``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from ccr_contract import codegen, contract_diff
from ccr_contract.paths import SPEC_PATH

BUDGET_SECONDS = 5.0


def timed(action: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def regenerate_once(config: Path | None = None) -> None:
    with tempfile.TemporaryDirectory(prefix="ccr-bench-") as tmp:
        codegen.generate_into(Path(tmp), SPEC_PATH, config)


def ruff_hooks_once(no_hooks: Path) -> float:
    """Seconds the configured post hooks take on a fresh, unformatted tree (generation not counted)."""
    hooks = yaml.safe_load(codegen.CONFIG_PATH.read_text(encoding="utf-8"))["post_hooks"]
    with tempfile.TemporaryDirectory(prefix="ccr-bench-") as tmp:
        package = codegen.generate_into(Path(tmp), SPEC_PATH, no_hooks)
        started = time.perf_counter()
        for hook in hooks:
            subprocess.run(hook, shell=True, cwd=package, env=codegen.tool_env(), capture_output=True, check=True)
        return time.perf_counter() - started


def main(runs: int = 3) -> None:
    with tempfile.TemporaryDirectory(prefix="ccr-bench-cfg-") as tmp:
        no_hooks = Path(tmp) / "no-hooks.yaml"
        no_hooks.write_text("package_name_override: ccr_client\npost_hooks: []\n", encoding="utf-8")
        rows = {
            "regenerate (generator + ruff hooks)": timed(regenerate_once, runs),
            "generate --check (regenerate + compare)": timed(codegen.check, runs),
        }
        hook_samples = [ruff_hooks_once(no_hooks) for _ in range(runs)]
        rows["ruff post hooks alone"] = hook_samples
    base = SPEC_PATH.read_text(encoding="utf-8")
    rated = "redocly diff" if contract_diff.redocly_executable() else "operations only, no Node"
    rows[f"contract report ({rated})"] = timed(lambda: contract_diff.contract_report(base, SPEC_PATH), runs)

    print(f"ccr-contract codegen benchmark: {runs} run(s) each, spec {SPEC_PATH.name}")
    for label, samples in rows.items():
        median = statistics.median(samples)
        print(
            f"  {label:<42} median {median:5.2f} s  (min {min(samples):.2f}, max {max(samples):.2f})"
            f"  = {median / BUDGET_SECONDS:.2f} of the {BUDGET_SECONDS:.0f} s budget"
        )
    regen = statistics.median(rows["regenerate (generator + ruff hooks)"])
    hooks = statistics.median(hook_samples)
    print(f"  ruff post hooks are {hooks / regen:.0%} of one regeneration")
    verdict = "within" if regen < BUDGET_SECONDS else "OVER"
    print(f"  regeneration {regen:.2f} s: {verdict} the {BUDGET_SECONDS:.0f} s budget")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
