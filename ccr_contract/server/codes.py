"""Every BCE error code and stored status value the reference server uses, named once.

Auth failure codes are not here: they come from the spec's ``x-bce-auth.errors``.  The
execution and registry statuses are checked against the spec's ``ExecutionStatus`` and
``RegistryStatus`` enums when the app is created (:func:`check_spec_enums`), so a spec change
cannot silently drift from what the server writes.
"""

from __future__ import annotations

from typing import Any

# Error codes of the BCE error body.
INVALID_REQUEST = "InvalidHTTPRequest"
MALFORMED_JSON = "MalformedJSON"
NOT_FOUND = "NotFound"
METHOD_NOT_ALLOWED = "MethodNotAllowed"
STATUS_CONFLICT = "StatusConflict"
INTERNAL_ERROR = "InternalError"

# Execution statuses (see ccr_contract.server.lifecycle for how they change).
IN_PROGRESS = "InProgress"
SUCCEED = "Succeed"
FAILED = "Failed"
STOPPED = "Stopped"

# Registry health statuses the server records.
REGISTRY_NORMAL = "normal"
REGISTRY_ABNORMAL = "abnormal"

#: Spec enum name -> the values of it this server writes.
WRITTEN_STATUSES: dict[str, frozenset[str]] = {
    "ExecutionStatus": frozenset({IN_PROGRESS, SUCCEED, FAILED, STOPPED}),
    "RegistryStatus": frozenset({REGISTRY_NORMAL, REGISTRY_ABNORMAL}),
}


def check_spec_enums(spec: dict[str, Any]) -> None:
    """Raise ``ValueError`` when a status this server writes is not in the spec's enum for it, or
    when the execution lifecycle it implements differs from ``ExecutionStatus``'s ``x-bce-lifecycle``."""
    schemas = spec.get("components", {}).get("schemas", {})
    for name, written in WRITTEN_STATUSES.items():
        allowed = set(schemas.get(name, {}).get("enum", []))
        unknown = sorted(written - allowed)
        if unknown:
            raise ValueError(f"the server writes {name} values the spec does not allow: {', '.join(unknown)}")
    lifecycle = schemas.get("ExecutionStatus", {}).get("x-bce-lifecycle")
    if lifecycle is not None:
        mine = {"initial": IN_PROGRESS, "stopped": STOPPED, "final": sorted({SUCCEED, FAILED, STOPPED})}
        theirs = {**lifecycle, "final": sorted(lifecycle.get("final", []))}
        for key, value in mine.items():
            if theirs.get(key) != value:
                raise ValueError(
                    f"ExecutionStatus x-bce-lifecycle.{key} is {theirs.get(key)!r}; the server uses {value!r}"
                )
