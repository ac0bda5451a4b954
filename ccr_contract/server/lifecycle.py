"""How a migration execution moves through its states (a decision of this project; see docs-src/server.md).

* ``startPolicy`` creates an execution ``InProgress`` with a deadline ``start + execution_seconds``.
* Its final state is decided at start from the source registry's last health check: ``Failed`` when
  that check answered false (registry status ``abnormal``), ``Succeed`` otherwise (never checked,
  or healthy).  Deciding at start keeps the outcome stable if the registry changes afterwards.
* Once the deadline has passed the execution *is* finished, with ``endTime`` equal to the
  deadline.  The store applies this lazily, in the same transaction as any read or stop, so the
  answer is the same whether the server ran the whole time or was restarted in between, and no
  background timer is needed.
* ``stopExecution`` on an ``InProgress`` execution makes it ``Stopped`` (``endTime`` = now); on a
  finished one it is a 409 ``StatusConflict``.

Each execution migrates one image set, so its counters are 1 in the column of its status.
"""

from __future__ import annotations

from dataclasses import dataclass

from ccr_contract.server.codes import FAILED, IN_PROGRESS, REGISTRY_ABNORMAL, STOPPED, SUCCEED

__all__ = ["FAILED", "IN_PROGRESS", "STOPPED", "SUCCEED", "Lifecycle", "counters", "outcome_for"]

STATUS_TEXT = {
    IN_PROGRESS: "migrating",
    SUCCEED: "",
    FAILED: "the source registry failed its last health check",
    STOPPED: "stopped by request",
}

_COUNTER_OF = {IN_PROGRESS: "inProgress", SUCCEED: "succeed", FAILED: "failed", STOPPED: "stopped"}


@dataclass(frozen=True)
class Lifecycle:
    """Timing of executions: how long one stays ``InProgress``."""

    execution_seconds: float = 5.0

    def __post_init__(self) -> None:
        if not self.execution_seconds >= 0:  # also rejects NaN
            raise ValueError("execution_seconds must be a non-negative number")

    def deadline(self, start: float) -> float:
        return start + self.execution_seconds


def outcome_for(registry_status: str | None) -> str:
    """Final state of an execution whose source registry had ``registry_status`` at start."""
    return FAILED if registry_status == REGISTRY_ABNORMAL else SUCCEED


def counters(status: str) -> dict[str, int]:
    """The execution's task counters for its current status."""
    out = {"total": 1, "failed": 0, "succeed": 0, "inProgress": 0, "stopped": 0}
    out[_COUNTER_OF[status]] = 1
    return out
