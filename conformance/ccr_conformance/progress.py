"""What a run reports while it runs: typed events, not strings to be parsed (issue 18).

The runner announces each phase (:class:`PhaseStarted`) and the schemathesis phase its engine's own
steps (:class:`StepStarted`, with a ``done/total`` count where the engine gives one).  A front end
(the CLI's counted lines, a live spinner, a test) renders them as it likes; nothing downstream
depends on their wording.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PhaseStarted:
    """A phase of the run began: ``preflight``, a check family, ``schemathesis``, ``cleanup``."""

    phase: str

    def __str__(self) -> str:
        return self.phase


@dataclass(frozen=True)
class StepStarted:
    """A step inside a phase (``schemathesis`` / ``examples``), optionally ``done`` of ``total`` units."""

    phase: str
    step: str
    done: int | None = None
    total: int | None = None
    unit: str = "operations"

    def __str__(self) -> str:
        counted = f" {self.done}/{self.total} {self.unit}" if self.done is not None and self.total else ""
        return f"{self.phase}: {self.step}{counted}"


ProgressEvent = PhaseStarted | StepStarted
Progress = Callable[[ProgressEvent], None]
