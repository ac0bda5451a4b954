"""Answers as the spec declares them: a stored item *projected* onto an operation's response schema.

Why a module of its own: projection is the one place that decides what a client sees of what the
server stores -- declared properties only, write-only ones never (save the fields a create or a
refresh reveals), required ones always (a missing one gets the schema's default or a neutral value
of its type), so an answer validates whatever fields the stored item holds.  It depends on the spec
alone (and a clock for a date-time nobody stored), not on the store or the resource model.

Each schema node's projection is worked out once (``$ref`` resolution, its property plan, which
fields are secret) and kept as a function of ``(data, reveal)``: a list answer applies it to every
row of every page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ccr_contract.resource_model import properties
from ccr_contract.spec import resolve_ref, write_only_fields


class Projector:
    """Projections onto the schemas of one spec."""

    def __init__(self, spec: dict[str, Any], now: Callable[[], str]) -> None:
        self.spec = spec
        #: The time a required date-time nobody stored reads as (the engine's clock, formatted).
        self.now = now
        self._plans: dict[int, tuple[dict[str, dict[str, Any]], tuple[str, ...]]] = {}
        #: id(schema) -> (schema, its projection function): see :meth:`render`.
        self._projections: dict[int, tuple[Any, Callable[[Any, tuple[str, ...]], Any]]] = {}
        #: Fields the spec marks writeOnly anywhere (passwords, secrets): never rendered by name.
        self._secrets = write_only_fields(spec)

    def render(self, schema: Any, data: Any, *, reveal: tuple[str, ...] = ()) -> Any:
        """``data`` projected onto ``schema``: declared properties only, secrets never (save those
        ``reveal`` names), required ones always."""
        entry = self._projections.get(id(schema))
        if entry is None or entry[0] is not schema:  # the entry holds the schema, so its id stays its own
            entry = (schema, self._projection(schema))
            self._projections[id(schema)] = entry
        return entry[1](data, reveal)

    def _projection(self, schema: Any) -> Callable[[Any, tuple[str, ...]], Any]:
        """The projection onto ``schema`` as a function of ``(data, reveal)``, worked out once per
        schema node: the ``$ref`` resolution, the property plan and which fields are secret do not
        depend on the data, and a list answer applies them to every row of every page."""
        node = resolve_ref(self.spec, schema) if schema is not None else None
        if not isinstance(node, dict):
            return lambda data, reveal: data
        if node.get("type") == "array" or "items" in node:
            items = node.get("items")

            def array(data: Any, reveal: tuple[str, ...]) -> Any:
                return [self.render(items, d, reveal=reveal) for d in data] if isinstance(data, list) else []

            return array
        plain = self._object_projection(node)
        if (node.get("oneOf") or node.get("anyOf")) and not node.get("properties"):

            def branching(data: Any, reveal: tuple[str, ...]) -> Any:
                branch = self._branch(node, data)
                return plain(data, reveal) if branch is None else self.render(branch, data, reveal=reveal)

            return branching
        return plain

    def _object_projection(self, node: dict[str, Any]) -> Callable[[Any, tuple[str, ...]], Any]:
        """Declared properties only, secrets never (save those ``reveal`` names), required ones always."""
        props, required = self._plan(node)
        if not props:
            if node.get("maxProperties") == 0 or node.get("additionalProperties") is False:
                return lambda data, reveal: {}
            return lambda data, reveal: data if data is not None else self.neutral(node)
        # (name, schema, secret, answered as null when secret) per declared property
        fields = [
            (name, prop, bool(prop.get("writeOnly") or name in self._secrets), prop.get("type") == "null")
            for name, prop in props.items()
        ]
        needed = [(name, props[name]) for name in dict.fromkeys(required) if name in props]

        def project(data: Any, reveal: tuple[str, ...]) -> dict[str, Any]:
            src = data if isinstance(data, dict) else {}
            out: dict[str, Any] = {}
            for name, prop, secret, null in fields:
                if secret and name not in reveal:
                    if null and name in src:
                        out[name] = None  # the answer declares the secret as always null
                    continue  # secrets are stored, never answered (save where a create reveals them)
                if name in src:
                    value = src[name]
                    if isinstance(value, dict | list):
                        value = self.render(prop, value, reveal=reveal)
                    out[name] = value
            for name, prop in needed:
                if name not in out:
                    out[name] = self.neutral(prop)
            return out

        return project

    def _plan(self, node: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], tuple[str, ...]]:
        """Properties and required names of an object schema, resolved once per schema node (the
        spec does not change while the server runs)."""
        plan = self._plans.get(id(node))
        if plan is None:
            plan = (properties(self.spec, node), tuple(self._required(node)))
            self._plans[id(node)] = plan
        return plan

    def _branch(self, node: dict[str, Any], data: Any) -> Any:
        """For a ``oneOf``/``anyOf`` without properties of its own: the branch ``data`` fits
        (``null`` for None, an object branch for a dict, an array branch for a list), so the
        branch's rules (write-only fields, required ones) apply; None when there is no choice."""
        choices = node.get("oneOf") or node.get("anyOf")
        if not choices or node.get("properties"):
            return None
        objects = []
        for choice in choices:
            branch = resolve_ref(self.spec, choice) or {}
            kind = branch.get("type")
            kinds = set(kind) if isinstance(kind, list) else {kind}
            if data is None and "null" in kinds:
                return choice
            if isinstance(data, dict) and ("object" in kinds or "properties" in branch or "allOf" in branch):
                objects.append(choice)
            if isinstance(data, list) and ("array" in kinds or "items" in branch):
                return choice
        if not objects:
            return None
        # several object shapes: the one declaring most of the item's fields (the first on a tie)
        return max(objects, key=lambda choice: len(data.keys() & properties(self.spec, choice).keys()))

    def _required(self, node: dict[str, Any]) -> list[str]:
        """The required property names of an object schema, following ``$ref`` and ``allOf``."""
        names = list(node.get("required", []))
        for part in node.get("allOf", []):
            names += self._required(resolve_ref(self.spec, part) or {})
        return names

    def neutral(self, schema: Any) -> Any:
        """A value that satisfies ``schema`` when the item has none: its default, else a zero."""
        node = resolve_ref(self.spec, schema) or {}
        if "default" in node:
            return node["default"]
        if node.get("enum"):
            return node["enum"][0]
        if "const" in node:
            return node["const"]
        for key in ("oneOf", "anyOf"):
            if node.get(key):
                branches = [resolve_ref(self.spec, b) or {} for b in node[key]]
                if any(b.get("type") == "null" for b in branches):
                    return None  # nullable: nothing known is null (an anonymous registry's credential)
                return self.neutral(node[key][0])
        kind = node.get("type")
        if isinstance(kind, list):
            kind = "null" if "null" in kind else kind[0]
        if kind == "null":
            return None
        if kind == "string":
            if node.get("format") == "date-time":
                return self.now()
            return ""
        if kind in ("integer", "number"):
            return max(0, int(node.get("minimum", 0)))
        if kind == "boolean":
            return False
        if kind == "array":
            return []
        if kind == "object" or "properties" in node:
            return self.render(node, {})
        return None
