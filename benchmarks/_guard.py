"""Targets for the benchmarks: print each figure next to its target and turn a miss into an exit status.

A benchmark that only prints numbers lets a regression pass unseen (issue 14): every script under
``benchmarks/`` therefore records each measured figure with :meth:`Guard.check`, which prints it
beside its target, and ends with ``sys.exit(guard.exit_status())``, which is non-zero when any
target was missed, so CI fails the build.  Figures without a target are printed with
:meth:`Guard.info` so the output says plainly that nothing guards them.

Standard library only: the benchmarks run in CI from the project's venv, and this module must not
add a dependency or import anything that is itself being measured.
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TextIO

#: Every target met.
EXIT_OK = 0
#: At least one figure missed its target (the build must fail).
EXIT_MISSED = 1
#: The benchmark could not measure what it claims (e.g. the compared implementations disagree);
#: distinct from a miss so a CI log tells a broken benchmark from a slow implementation.
EXIT_INVALID = 3


@dataclass(frozen=True)
class Result:
    """One guarded figure: what was measured, the bound it must meet, and in which direction."""

    name: str
    measured: float
    target: float
    higher_is_better: bool
    unit: str

    @property
    def met(self) -> bool:
        """Whether the figure meets its target; equality counts as met (targets read ``>=``/``<=``)."""
        return self.measured >= self.target if self.higher_is_better else self.measured <= self.target

    def line(self) -> str:
        """``PASS  name  2.41x  (target >= 2x)``: the figure and its target on one line, greppable."""
        verdict = "PASS" if self.met else "MISS"
        op = ">=" if self.higher_is_better else "<="
        figure, bound = f"{self.measured:.2f}{self.unit}", f"{self.target:g}{self.unit}"
        return f"  {verdict}  {self.name:<44} {figure}  (target {op} {bound})"


def spread(samples: Sequence[float]) -> str:
    """``median 2.41 (min 2.30, max 2.52, cv 3.1%)``: how stable a repeated figure is.

    The coefficient of variation (stdev / mean) is what tells whether a quick run's ratio can be
    trusted against a threshold; it is printed next to each guarded ratio that has samples.
    """
    if not samples:
        return "no samples"
    med = statistics.median(samples)
    cv = statistics.stdev(samples) / statistics.fmean(samples) if len(samples) > 1 else 0.0
    return f"median {med:.2f} (min {min(samples):.2f}, max {max(samples):.2f}, cv {cv:.1%})"


@dataclass
class Guard:
    """Collects a benchmark's guarded figures and decides its exit status."""

    title: str
    out: TextIO = field(default_factory=lambda: sys.stdout)
    results: list[Result] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)

    def check(
        self, name: str, measured: float, target: float, *, higher_is_better: bool = True, unit: str = "x"
    ) -> bool:
        """Record and print one figure against its target; return whether it was met."""
        result = Result(name, float(measured), float(target), higher_is_better, unit)
        self.results.append(result)
        print(result.line(), file=self.out)
        return result.met

    def info(self, name: str, text: str) -> None:
        """Print a figure that has no target (context only; it never fails the run)."""
        print(f"  info  {name:<44} {text}  (no target)", file=self.out)

    def fail_invalid(self, reason: str) -> None:
        """Mark the measurement itself as unusable (the run exits with :data:`EXIT_INVALID`)."""
        self.invalid.append(reason)
        print(f"  INVALID  {reason}", file=self.out)

    @property
    def missed(self) -> list[Result]:
        return [r for r in self.results if not r.met]

    def exit_status(self) -> int:
        """Print the verdict line and return the process exit status for ``sys.exit``.

        A benchmark that recorded no guarded figure at all is treated as invalid: silence must not
        read as success.
        """
        if self.invalid or not self.results:
            reasons = self.invalid or ["no guarded figure was recorded"]
            print(f"{self.title}: INVALID ({'; '.join(reasons)})", file=self.out)
            return EXIT_INVALID
        if self.missed:
            names = ", ".join(r.name for r in self.missed)
            print(f"{self.title}: {len(self.missed)} of {len(self.results)} targets MISSED ({names})", file=self.out)
            return EXIT_MISSED
        print(f"{self.title}: all {len(self.results)} targets met", file=self.out)
        return EXIT_OK
