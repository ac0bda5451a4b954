"""The spec as the suite reads it: operations, collections, actions, examples and requests.

Nothing here names an operation: collections, their key parameters and the references between
them come from the resource model (``x-bce-resources``; an operation belongs to the longest
collection path its path starts with), actions from ``x-bce-action``.  A new operation in
``spec/ccr.openapi.yaml`` is therefore covered without touching the suite.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ccr_conformance.scope import RunScope, ScopedModel
from ccr_contract.resource_model import ResourceModel
from ccr_contract.schemas import SpecSchemas, pointer
from ccr_contract.signing import normalize
from ccr_contract.spec import AuthRules, Operation, load_spec, operations, resolve_ref, write_only_fields

#: An id that no real account reaches; used wherever a request must not touch a resource it did not create.
SENTINEL_ID = 9007199254740991
PARAM_RE = re.compile(r"\{([^}]+)\}")


@dataclass(frozen=True)
class Request:
    """A request ready for :meth:`ccr_conformance.target.Target.send`."""

    method: str
    path: str  # percent-encoded, without base path
    query: str = ""
    json_body: Any = None

    @property
    def has_body(self) -> bool:
        return self.json_body is not None


def encode_query(pairs: list[tuple[str, str]]) -> str:
    """Raw query string with keys and values percent-encoded as normalized strings."""
    return "&".join(f"{normalize(k)}={normalize(v)}" for k, v in pairs)


@dataclass(frozen=True)
class Lifecycle:
    """A status field's state machine, from the spec's ``x-bce-lifecycle`` (spec/EXTENSIONS.md)."""

    initial: str
    final: tuple[str, ...]
    stopped: str


class Contract:
    """Read-only view of one loaded spec."""

    def __init__(self, spec: dict[str, Any] | None = None) -> None:
        self.spec = spec or load_spec()
        self.operations: list[Operation] = list(operations(self.spec))
        self.by_id = {op.operation_id: op for op in self.operations}
        self.auth = AuthRules.from_spec(self.spec)
        self.schemas = SpecSchemas(self.spec)
        #: The shared resource model (``x-bce-resources``): Enterprise collections, parents, keys.
        self.model: ResourceModel | ScopedModel = ResourceModel.from_spec(self.spec)
        #: The whole contract (this one, unless this is a run's :meth:`scoped` view).
        self.full: Contract = self
        self.scope: RunScope | None = None

    #: Facts about the API itself, which a scoped view shares with the whole contract (computed on
    #: the whole one first): collections, path-parameter kinds, references, name limits.
    SHARED_FACTS = (
        "personal_resources",
        "collections",
        "param_kinds",
        "reference_fields",
        "max_name_length",
        "write_only",
        "enterprise_tags",
    )
    #: Views that depend on which operations are in scope (recomputed for a scoped view).
    SCOPED_VIEWS = ("personal", "enterprise_resources", "verdict_400")

    def scoped(self, scope: RunScope) -> Contract:
        """A view of this contract for one run (issue 18): ``operations``, ``by_id``, the resource
        model's roles, toggles and behaviours, and every view derived from them hold only the
        operations in ``scope``, so no check can call an operation the run left out.  Facts about
        the API (collections, keys, references, schemas) stay whole, and :attr:`full` is the whole
        contract, through which fixtures read what they need.  Built once; neither is changed."""
        for name in self.SHARED_FACTS:
            getattr(self, name)
        view = copy.copy(self)
        for name in self.SCOPED_VIEWS:
            view.__dict__.pop(name, None)
        view.operations = [op for op in self.operations if op.operation_id in scope.allowed]
        view.by_id = {op.operation_id: op for op in view.operations}
        full_model = self.model.full if isinstance(self.model, ScopedModel) else self.model
        view.model = ScopedModel(full_model, scope.allowed)
        view.full = self.full
        view.scope = scope
        return view

    def fits(self, schema: dict[str, Any], value: Any) -> bool:
        """Whether ``value`` is valid for a schema node of this spec (``$ref``s followed: a reference
        the suite could not follow must never make an invalid value look valid, issue 18)."""
        return self.schemas.fits(schema, value)

    @cached_property
    def enterprise_tags(self) -> frozenset[str] | None:
        """Tags of the ``x-tagGroups`` group named ``Enterprise Edition`` (None: the spec has no groups)."""
        groups = self.spec.get("x-tagGroups") or []
        found = [g for g in groups if isinstance(g, dict) and str(g.get("name", "")).startswith("Enterprise")]
        return frozenset(t for g in found for t in g.get("tags", [])) if found else None

    def is_enterprise(self, op: Operation) -> bool:
        """Whether ``op`` is an Enterprise Edition operation (its tag is in the spec's ``Enterprise
        Edition`` tag group; without tag groups, whether the resource model owns it).  The Personal
        Edition's operations are read through ``x-bce-action`` and their paths instead."""
        if self.enterprise_tags is not None:
            return bool(set(op.definition.get("tags") or ()) & self.enterprise_tags)
        return self.model.owner_of(op.operation_id) is not None

    @cached_property
    def enterprise_resources(self) -> list[Any]:
        """The model's resources whose operations are Enterprise ones (the model's order)."""
        return [
            res
            for res in self.model.resources.values()
            if any(self.is_enterprise(self.by_id[op_id]) for op_id in res.operation_ids if op_id in self.by_id)
        ]

    @cached_property
    def verdict_400(self) -> frozenset[str]:
        """Operations whose 400 is a verdict on valid input, not a rejection (ERRATA E74: the registry
        ping answers 400 for an unhealthy registry); from the resource model's behaviours."""
        return frozenset(
            op_id
            for res in self.model.resources.values()
            for op_id, behaviour in res.behaviours.items()
            if behaviour == "registry-ping"
        )

    @cached_property
    def personal(self) -> list[Operation]:
        return [op for op in self.by_id.values() if not self.is_enterprise(op)]

    # ------------------------------------------------------------------ structure

    @cached_property
    def personal_resources(self) -> list[Any]:
        """The resource model's Personal Edition resources (those whose operations are Personal)."""
        full = self.full if self.full is not self else self
        model = full.model.full if isinstance(full.model, ScopedModel) else full.model
        personal = {op.operation_id for op in full.operations if not full.is_enterprise(op)}
        return [res for res in model.resources.values() if res.operation_ids and set(res.operation_ids) <= personal]

    @cached_property
    def reference_fields(self) -> dict[str, str]:
        """Request-body field -> path parameter naming the item it references, from the resource
        model's ``references`` (``srcRegistry`` -> ``registryId``)."""
        by_name = {res.name: res for res in self.personal_resources}
        refs: dict[str, str] = {}
        for res in self.personal_resources:
            for field_name, ref in res.references.items():
                target = by_name.get(ref.resources[0])
                if ref.key_field and target is not None and target.key_param:
                    refs[field_name] = target.key_param
        return refs

    @cached_property
    def max_name_length(self) -> int:
        """The tightest ``maxLength`` the spec puts on a ``name`` property (names the suite makes fit it)."""
        limits = [
            int(schema["properties"]["name"]["maxLength"])
            for schema in self.spec.get("components", {}).get("schemas", {}).values()
            if isinstance(schema, dict) and "maxLength" in (schema.get("properties") or {}).get("name", {})
        ]
        return min(limits, default=128)

    @cached_property
    def write_only(self) -> frozenset[str]:
        """Fields the spec marks ``writeOnly`` (e.g. the registry password): sent, never listed back."""
        return write_only_fields(self.spec)

    def fill_write_only(self, body: Any, value: str) -> None:
        """Set every write-only string field in ``body`` (in place, at any depth) to ``value``."""
        if isinstance(body, dict):
            for key, item in body.items():
                if key in self.write_only and isinstance(item, str):
                    body[key] = value
                else:
                    self.fill_write_only(item, value)
        elif isinstance(body, list):
            for item in body:
                self.fill_write_only(item, value)

    def lifecycles(self) -> dict[str, Lifecycle]:
        """``stoppedBy`` operationId -> the lifecycle it ends, for every ``x-bce-lifecycle``."""
        out: dict[str, Lifecycle] = {}
        for schema in self.spec.get("components", {}).get("schemas", {}).values():
            rule = schema.get("x-bce-lifecycle") if isinstance(schema, dict) else None
            if rule:
                out[str(rule.get("stoppedBy", ""))] = Lifecycle(rule["initial"], tuple(rule["final"]), rule["stopped"])
        return out

    def lifecycle_for(self, stop_operation_id: str) -> Lifecycle | None:
        """The lifecycle whose stop operation is ``stop_operation_id`` (Enterprise: StopImageMigration)."""
        return self.lifecycles().get(stop_operation_id)

    def op_by_label(self, method: str, path: str) -> Operation | None:
        for op in self.operations:
            if op.method == method.upper() and op.path == path:
                return op
        return None

    def actions(self, op: Operation) -> list[str]:
        """``x-bce-action`` values of the operation's 2xx responses."""
        found: list[str] = []
        for status, response in op.responses.items():
            if str(status).startswith("2"):
                found += list(resolve_ref(self.spec, response).get("x-bce-action", []))
        return found

    def is_read(self, op: Operation) -> bool:
        return op.method in ("GET", "HEAD", "OPTIONS")

    def is_list(self, op: Operation) -> bool:
        return op.method == "GET" and any(p["name"] == "pageSize" for p in op.parameters)

    @cached_property
    def collections(self) -> list[str]:
        """The Personal resources' collection paths, longest first (so prefix matching picks the closest)."""
        paths = {res.collection_path for res in self.personal_resources if res.operation("list") is not None}
        return sorted((p for p in paths if p), key=len, reverse=True)

    def collection_of(self, op: Operation) -> str | None:
        for coll in self.collections:
            if op.path == coll or op.path.startswith(coll + "/"):
                return coll
        return None

    @cached_property
    def param_kinds(self) -> dict[str, str]:
        """Parameter name -> the collection whose items it names (``registryId`` -> registries): each
        Personal resource's key parameter, from the resource model."""
        return {
            res.key_param: res.collection_path
            for res in self.personal_resources
            if res.key_param and res.collection_path in self.collections
        }

    def kind_of_param(self, name: str) -> str | None:
        return self.param_kinds.get(name)

    def op_for(self, collection: str, action: str) -> Operation | None:
        """The operation of ``collection`` whose ``x-bce-action`` is ``action`` (its first listed value
        first: ``updatePolicy`` lists ``[update, create]`` for the seed's wording and is not a create)."""
        candidates = [op for op in self.personal if self.collection_of(op) == collection]
        for op in candidates:
            if self.actions(op)[:1] == [action]:
                return op
        for op in candidates:
            if action in self.actions(op):
                return op
        return None

    def list_op(self, collection: str) -> Operation | None:
        """The list of ``collection`` (from the whole contract: reading a collection back is how
        fixtures and checks see what a write did, whichever operations are in scope)."""
        for op in self.full.personal:
            if op.path == collection and self.is_list(op):
                return op
        return None

    def creatable(self) -> list[str]:
        """Collections that have a create operation, in dependency order (referenced ones first)."""
        colls = [c for c in reversed(self.collections) if self.op_for(c, "create")]
        referenced = {self.kind_of_param(p) for p in self.reference_fields.values()}
        return sorted(colls, key=lambda c: 0 if c in referenced else 1)

    # ------------------------------------------------------------------ schemas and examples

    def body_pointer(self, op: Operation) -> str:
        return pointer("paths", op.path, op.method.lower(), "requestBody", "content", "application/json", "schema")

    def response_schema_pointer(self, op: Operation, status: int) -> str | None:
        """Pointer to the JSON schema documented for ``status`` (exact code first, then ``4XX``, ``default``)."""
        for key in (str(status), f"{str(status)[0]}XX", "default"):
            if key in op.responses:
                response = resolve_ref(self.spec, op.responses[key])
                if "application/json" in response.get("content", {}):
                    ref = op.responses[key].get("$ref")
                    base = ref[1:].split("/")[1:] if ref else ["paths", op.path, op.method.lower(), "responses", key]
                    return pointer(*base, "content", "application/json", "schema")
        return None

    def body_examples(self, op: Operation) -> list[tuple[str, Any]]:
        """``(name, value)`` of every request-body example."""
        body = op.definition.get("requestBody")
        if not body:
            return []
        media = resolve_ref(self.spec, body).get("content", {}).get("application/json", {})
        out = [
            (name, copy.deepcopy(resolve_ref(self.spec, ex).get("value")))
            for name, ex in media.get("examples", {}).items()
        ]
        if "example" in media:
            out.append(("example", copy.deepcopy(media["example"])))
        return out

    def param_example(self, param: dict[str, Any]) -> Any:
        if "example" in param:
            return param["example"]
        schema = resolve_ref(self.spec, param.get("schema", {}))
        for key in ("example", "default"):
            if key in schema:
                return schema[key]
        if schema.get("examples"):
            return schema["examples"][0]
        return None

    # ------------------------------------------------------------------ building requests

    def build(
        self,
        op: Operation,
        ids: dict[str, int | str] | None = None,
        *,
        body: Any = None,
        query: dict[str, Any] | None = None,
        with_examples: bool = False,
    ) -> Request:
        """A request for ``op``: path ids from ``ids`` (by parameter name, else :data:`SENTINEL_ID`),
        required query parameters from ``ids``/``query``/examples, optional ones only from ``query``
        (or their examples when ``with_examples``)."""
        ids = ids or {}
        query = dict(query or {})
        path = op.path
        for name in PARAM_RE.findall(op.path):
            value = ids.get(name, SENTINEL_ID)
            path = path.replace("{" + name + "}", normalize(str(value)))
        pairs: list[tuple[str, str]] = []
        for param in op.parameters:
            if param.get("in") != "query":
                continue
            name = param["name"]
            if name in query:
                value = query.pop(name)
            elif name in ids:
                value = ids[name]
            elif param.get("required") or with_examples:
                value = self.param_example(param)
                if value is None:
                    continue
            else:
                continue
            pairs.append((name, _query_text(value)))
        pairs += [(k, _query_text(v)) for k, v in query.items()]
        return Request(op.method, path, encode_query(pairs), body)


def _query_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
