"""How a migration execution moves through its states (a decision of this project; see docs-src/server.md).

* ``startPolicy`` creates an execution ``InProgress`` with a deadline ``start + execution_seconds``.
* Its final state is decided at start from the source registry's last health check: ``Failed`` when
  that check answered false (registry status ``abnormal``), ``Succeed`` otherwise (never checked,
  or healthy).  Deciding at start keeps the outcome stable if the registry changes afterwards.
* Once the deadline has passed the execution *is* finished, with ``endTime`` equal to the
  deadline.  The engine applies this lazily whenever an execution is read, stopped or its policy
  deleted (:func:`ccr_contract.server.engine.behaviours.executions.advance`), so the answer is the
  same whether the server ran the whole time or was restarted in between, and no background timer
  is needed.
* ``stopExecution`` on an ``InProgress`` execution makes it ``Stopped`` (``endTime`` = now); on a
  finished one it is a 409 ``StatusConflict``.

Each execution migrates one image set, so its counters are 1 in the column of its status.

The statuses are the spec's: code names an execution's *role* (``running``, ``succeeded``,
``failed``, ``stopped``) and the status schema's ``x-bce-states`` says which value plays it
(:mod:`ccr_contract.states`).
"""

from __future__ import annotations

#: The roles an execution passes through, each with the value the spec gives it (x-bce-states).
ROLES = ("running", "succeeded", "failed", "stopped")

STATUS_TEXT = {
    "running": "migrating",
    "succeeded": "",
    "failed": "the source registry failed its last health check",
    "stopped": "stopped by request",
}

_COUNTER_OF = {"running": "inProgress", "succeeded": "succeed", "failed": "failed", "stopped": "stopped"}


def counters(role: str) -> dict[str, int]:
    """The execution's task counters for its current status (by role)."""
    out = {"total": 1, "failed": 0, "succeed": 0, "inProgress": 0, "stopped": 0}
    out[_COUNTER_OF[role]] = 1
    return out
