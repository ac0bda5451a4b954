"""The operations one run may exercise, as a view of the resource model (issue 18).

A run's operation filters (``--tag``, ``--include-operation-id``, ``--path``, ...), ``--read-only``
and the operations a target rules out (billed ones away from the embedded server) decide which
operations the *checks* may call.  Fixtures still read what they need (the instance list, a
project to work in) through the whole contract; only the checks see this view.

:class:`ScopedModel` and :class:`ScopedResource` answer the questions checks ask of the resource
model (which operation plays a role, which toggles and behaviours a resource has) with only the
operations in scope, so a check filtered down to ``listRegistries`` can no more reach
``ToggleTrigger`` than a check of a spec without it.  Structural facts (keys, paths, schemas,
parents) are the whole model's: they describe the API, not the run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ccr_contract.resource_model import Resource, ResourceModel, Toggle
from ccr_contract.spec import Operation

NOT_SELECTED = "not selected by the operation filters"


class ScopedResource:
    """A :class:`Resource` whose operations are limited to a run's scope (everything else delegated)."""

    def __init__(self, resource: Resource, allowed: frozenset[str]) -> None:
        self._resource = resource
        self._allowed = allowed

    def __getattr__(self, name: str) -> Any:
        return getattr(self._resource, name)

    def __repr__(self) -> str:
        return f"ScopedResource({self._resource.name!r})"

    @property
    def unscoped(self) -> Resource:
        return self._resource

    @property
    def roles(self) -> dict[str, str]:
        return {role: op_id for role, op_id in self._resource.roles.items() if op_id in self._allowed}

    @property
    def behaviours(self) -> dict[str, str]:
        return {op_id: name for op_id, name in self._resource.behaviours.items() if op_id in self._allowed}

    @property
    def toggles(self) -> list[Toggle]:
        return [t for t in self._resource.toggles if t.operation_id in self._allowed]

    @property
    def operation_ids(self) -> list[str]:
        return [op_id for op_id in self._resource.operation_ids if op_id in self._allowed]

    def operation(self, role: str) -> Operation | None:
        op_id = self._resource.roles.get(role)
        return self._resource.by_id[op_id] if op_id in self._allowed else None


@dataclass(frozen=True)
class ScopedModel:
    """The resource model seen through a run's scope (same resources, scoped operations)."""

    full: ResourceModel
    allowed: frozenset[str]

    @property
    def spec(self) -> dict[str, Any]:
        return self.full.spec

    @property
    def resources(self) -> dict[str, ScopedResource]:
        return {name: ScopedResource(res, self.allowed) for name, res in self.full.resources.items()}

    def chain(self, name: str) -> list[ScopedResource]:
        return [ScopedResource(res, self.allowed) for res in self.full.chain(name)]

    def children(self, name: str) -> list[ScopedResource]:
        return [ScopedResource(res, self.allowed) for res in self.full.children(name)]

    def owner_of(self, operation_id: str) -> ScopedResource | None:
        res = self.full.owner_of(operation_id)
        return ScopedResource(res, self.allowed) if res is not None else None

    def role_of(self, operation_id: str) -> str | None:
        return self.full.role_of(operation_id)


@dataclass(frozen=True)
class RunScope:
    """Which operations a run's checks may call, and why each other one is left out."""

    #: operationIds the checks may call.
    allowed: frozenset[str]
    #: operationId -> why it is left out (not selected, billed, --read-only).
    excluded: dict[str, str]
    #: Whether the user narrowed the run (operation filters or --read-only): a check with nothing
    #: left to exercise is then "not applicable", not a gap.
    narrowed: bool

    @classmethod
    def build(
        cls,
        all_ids: Iterable[str],
        *,
        selected: frozenset[str] | None,
        ruled_out: dict[str, str],
        read_only: bool,
        is_read: dict[str, bool],
    ) -> RunScope:
        excluded: dict[str, str] = {}
        for op_id in all_ids:
            if op_id in ruled_out:
                excluded[op_id] = ruled_out[op_id]
            elif selected is not None and op_id not in selected:
                excluded[op_id] = NOT_SELECTED
            elif read_only and not is_read.get(op_id, False):
                excluded[op_id] = "--read-only (it changes state)"
        allowed = frozenset(op_id for op_id in is_read if op_id not in excluded)
        return cls(allowed, excluded, narrowed=selected is not None or read_only)

    def why_not(self, operation_id: str) -> str | None:
        return self.excluded.get(operation_id)
