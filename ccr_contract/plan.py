"""Which operations the suite exercises, and why it leaves any out.

The suite's SCHEMA family (schemathesis) generates cases for every operation of the spec; this
module names the exceptions so that reports, the coverage table and the runner agree: an operation
marked ``x-bce-billed`` (instance create/renew/upgrade) is exercised only against the server the
suite starts itself, never against a ``--base-url``, where it is *not applicable*.
"""

from __future__ import annotations

from typing import Any

from ccr_contract.spec import operations


def not_applicable(spec: dict[str, Any], *, embedded: bool) -> dict[str, str]:
    """operationId -> why the suite does not call it against this target."""
    out: dict[str, str] = {}
    for op in operations(spec):
        if op.definition.get("x-bce-billed") and not embedded:
            out[op.operation_id] = "billed on a real account (x-bce-billed); called only against the embedded server"
    return out


def planned_operations(spec: dict[str, Any], *, embedded: bool = True) -> list[str]:
    """Operation ids the suite exercises against a target (the embedded server by default)."""
    skipped = not_applicable(spec, embedded=embedded)
    return [op.operation_id for op in operations(spec) if op.operation_id not in skipped]
