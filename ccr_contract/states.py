"""Which value of a status field means what: the spec's ``x-bce-states`` (spec/EXTENSIONS.md).

A server that simulates a process (an execution, a scan, a trigger job, the public endpoint)
writes status values: "the execution is running", "the scan succeeded".  Those values are the
contract's, so the spec names them, role by role, on the status schema, and code asks for a role
(``running``, ``succeeded``) instead of spelling the value.  A spec that renames a value then
changes the server with it; a spec that drops a role the server needs fails the server's start
(:meth:`States.value` raises :class:`~ccr_contract.spec.SpecError`), never an answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ccr_contract.spec import SpecError, resolve_ref

KEY = "x-bce-states"


@dataclass(frozen=True)
class States:
    """The named values of one status field.  ``where`` says which field, for messages."""

    where: str
    roles: dict[str, str | tuple[str, ...]]

    def value(self, role: str) -> str:
        """The one value of ``role`` (``running`` -> ``InProgress``)."""
        found = self.roles.get(role)
        if not isinstance(found, str):
            raise SpecError(f"{self.where}: {KEY} names no single value for {role!r}")
        return found

    def values(self, role: str) -> tuple[str, ...]:
        """Every value of ``role`` (a role may name a list: ``unfinished: [Pending, Running]``)."""
        found = self.roles.get(role)
        if found is None:
            raise SpecError(f"{self.where}: {KEY} names no value for {role!r}")
        return (found,) if isinstance(found, str) else found

    def role_of(self, value: Any) -> str | None:
        """The single-valued role ``value`` plays, or None."""
        return next((role for role, v in self.roles.items() if v == value), None)


def field_schema(spec: dict[str, Any], schema: Any, dotted: str) -> dict[str, Any] | None:
    """The schema of field ``dotted`` (``scanOverview.scanStatus``) of an object schema, following
    ``$ref``, ``allOf`` and the object branches of ``oneOf``/``anyOf``."""
    node = resolve_ref(spec, schema) if schema is not None else None
    for name in dotted.split("."):
        node = _property(spec, node, name)
        if node is None:
            return None
    return node


def _property(spec: dict[str, Any], node: Any, name: str) -> dict[str, Any] | None:
    if not isinstance(node, dict):
        return None
    if name in (node.get("properties") or {}):
        return resolve_ref(spec, node["properties"][name])
    for part in [*node.get("allOf", []), *node.get("oneOf", []), *node.get("anyOf", [])]:
        found = _property(spec, resolve_ref(spec, part), name)
        if found is not None:
            return found
    return None


def states_of(spec: dict[str, Any], schema: Any, dotted: str, where: str) -> States:
    """The ``x-bce-states`` of field ``dotted`` of ``schema``; a :class:`SpecError` naming ``where``
    when the field or its states are missing."""
    node = field_schema(spec, schema, dotted)
    if node is None:
        raise SpecError(f"{where}: no field {dotted!r}")
    declared = node.get(KEY)
    for branch in [*node.get("oneOf", []), *node.get("anyOf", [])]:  # a nullable status: its value branch
        if not isinstance(declared, dict):
            declared = (resolve_ref(spec, branch) or {}).get(KEY)
    if not isinstance(declared, dict):
        raise SpecError(f"{where}.{dotted}: the status schema declares no {KEY}")
    return States(f"{where}.{dotted}", {k: v if isinstance(v, str) else tuple(v) for k, v in declared.items()})


def problems(spec: dict[str, Any]) -> list[str]:
    """Every ``x-bce-states`` in the spec's component schemas (and their properties) is a map of
    role to a value or a list of values, each one of the schema's enum when it has one."""
    out: list[str] = []
    schemas = (spec.get("components") or {}).get("schemas") or {}
    for name, schema in schemas.items():
        nodes = [(name, schema)] + [
            (f"{name}.{prop}", value) for prop, value in ((schema or {}).get("properties") or {}).items()
        ]
        for where, node in nodes:
            if not isinstance(node, dict) or KEY not in node:
                continue
            declared = node[KEY]
            if not isinstance(declared, dict) or not declared:
                out.append(f"{where}: {KEY} must map roles to values")
                continue
            allowed = node.get("enum")
            for role, value in declared.items():
                values = [value] if isinstance(value, str) else value
                if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
                    out.append(f"{where}: {KEY}.{role} must be a value or a list of values")
                    continue
                if allowed is not None:
                    out.extend(f"{where}: {KEY}.{role} {v!r} is not in the enum" for v in values if v not in allowed)
            out.extend(_lifecycle_problems(where, node))
    return out


def _lifecycle_problems(where: str, node: dict[str, Any]) -> list[str]:
    """A status with both ``x-bce-lifecycle`` and ``x-bce-states`` must tell one story: it starts
    ``running``, a stop leaves it ``stopped``, and ``succeeded``, ``failed`` and ``stopped`` are final."""
    lifecycle, declared = node.get("x-bce-lifecycle"), node.get(KEY)
    if not isinstance(lifecycle, dict) or not isinstance(declared, dict):
        return []
    out = []
    for role, key in (("running", "initial"), ("stopped", "stopped")):
        if role in declared and key in lifecycle and declared[role] != lifecycle[key]:
            out.append(f"{where}: {KEY}.{role} is {declared[role]!r} but x-bce-lifecycle.{key} is {lifecycle[key]!r}")
    final = lifecycle.get("final") or []
    for role in ("succeeded", "failed", "stopped"):
        if isinstance(declared.get(role), str) and declared[role] not in final:
            out.append(f"{where}: {KEY}.{role} {declared[role]!r} is not in x-bce-lifecycle.final")
    return out
