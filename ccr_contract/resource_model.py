"""The resource model: what the spec's ``x-bce-resources`` says each collection is.

One module reads it, and the reference server's engine, the conformance suite and the coverage
table all ask it (instead of each re-reading paths and schemas their own way).  A resource names
its operations by role (list, create, get, update, delete, batchDelete, toggle) and by behaviour
(operations whose meaning is more than storing: a scan, an execution, a password); everything else
is derived from the operations it names:

* the item path is the ``get``/``update``/``delete`` path; its last path parameter is the item's
  key, the ones before it are the ancestors' keys, in order (``parent`` chain);
* the collection path is the ``list``/``create``/``batchDelete`` path;
* the list key is the list response schema's one array property;
* the item schema is the ``get`` response schema (else the list's item schema).

See ``spec/EXTENSIONS.md`` (``x-bce-resources``) for every key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ccr_contract.spec import Operation, SpecError, operations, resolve_ref

#: CRUD roles the generic engine executes without code.
CRUD_ROLES = ("list", "create", "get", "update", "delete", "batchDelete")


@dataclass(frozen=True)
class Toggle:
    """An enable switch: ``PUT .../enable?<param>=true`` sets the item's ``field``."""

    operation_id: str
    field: str
    param: str


@dataclass(frozen=True)
class Filter:
    """A list query parameter and how it selects stored items."""

    param: str
    field: str
    match: str  # "contains" (case-insensitive substring), "equals"
    values: dict[str, Any] | None = None  # query value -> stored value ("enabled" -> False)
    field_param: str | None = None  # the field is named by another query parameter (keywordType)
    exists: str | None = None  # the value must name an item of this resource (404 otherwise)


@dataclass(frozen=True)
class Reference:
    """A stored field naming an item of another resource (``references``).

    The item lives under the referencing item's ancestor at the target's depth (a sibling for a
    resource of the same parent, the top level for an instance).  It must exist when the field is
    written (404), and ``on_delete`` says what deleting it does while the field names it:
    ``restrict`` (409), ``cascade`` (the referencing items go too) or ``keep`` (they stay)."""

    field: str
    resources: tuple[str, ...]  # several when they share one key series (migration rules and syncs)
    key_field: str | None  # the value is ``{key_field: key}``; None: the value is the key itself
    show: str | None  # answered as the referenced item's field of this name
    expand: bool  # answered as the referenced item itself
    on_delete: str  # restrict | cascade | keep

    def key_of(self, value: Any) -> Any:
        """The key a stored (or sent) value names, or None when it names none."""
        if self.key_field is None:
            return value if not isinstance(value, dict | list) else None
        return value.get(self.key_field) if isinstance(value, dict) else None


@dataclass(frozen=True)
class Busy:
    """``busy``: an item whose fields read as these ``x-bce-states`` roles (after the behaviours'
    readers) holds every item its references name, which cannot be deleted (409); with
    ``exclusive`` no second item naming the same one is created while it is busy (409)."""

    when: tuple[tuple[str, str], ...]  # (field, role)
    exclusive: bool


@dataclass
class Resource:
    """One collection (or singleton) of the API, as ``x-bce-resources`` declares it."""

    name: str
    spec: dict[str, Any] = field(repr=False)
    declaration: dict[str, Any] = field(repr=False)
    by_id: dict[str, Operation] = field(repr=False)

    # -- declared facts ---------------------------------------------------------------------
    # Read once (cached_property) where the value is immutable: the engine asks them on every
    # request, and the spec does not change while a model is in use.  Mappings are handed out as
    # new dicts each time, so no caller can change the model by changing what it got.
    @cached_property
    def parent(self) -> str | None:
        return self.declaration.get("parent")

    @cached_property
    def key(self) -> str | None:
        """Stored field holding the item's key (None for a singleton)."""
        return self.declaration.get("key")

    @cached_property
    def key_from(self) -> str:
        """``body`` (the client names the item) or ``sequence`` (the server numbers it)."""
        return self.declaration.get("keyFrom", "body")

    @cached_property
    def sequence(self) -> str:
        """The number series a ``sequence`` key is drawn from; resources may share one (migration
        rules and synchronization policies share ``policies``, so a policy id names one of either)."""
        return str(self.declaration.get("sequence", self.name))

    @cached_property
    def key_format(self) -> str:
        """``integer`` or ``string``: how a server-numbered key is written (some APIs quote ids)."""
        return str(self.declaration.get("keyFormat", "integer"))

    @cached_property
    def singleton(self) -> bool:
        return bool(self.declaration.get("singleton"))

    @cached_property
    def configures_instance(self) -> bool:
        """Writes change the instance's own configuration (``configuresInstance``): a conformance run
        makes them only against a server it started itself."""
        return bool(self.declaration.get("configuresInstance"))

    @cached_property
    def key_encodings(self) -> tuple[str, ...]:
        """How a key may travel in a path besides raw (``base64``, ``base64url``; ERRATA E39)."""
        return tuple(self.declaration.get("keyEncodings", ()))

    @cached_property
    def key_pattern(self) -> re.Pattern[str] | None:
        """What a key decoded from one of :attr:`key_encodings` must match to count (ERRATA E39:
        a repository segment that happens to be valid Base64 is a name, not an encoding, unless
        its decoding is itself a valid name)."""
        pattern = self.declaration.get("keyPattern")
        if not pattern:
            return None
        try:
            return re.compile(pattern)
        except re.error as exc:
            raise SpecError(f"x-bce-resources.{self.name}.keyPattern is not a regular expression: {exc}") from None

    @property
    def roles(self) -> dict[str, str]:
        """CRUD role -> operationId."""
        return {r: op for r, op in (self.declaration.get("operations") or {}).items() if r in CRUD_ROLES}

    @property
    def behaviours(self) -> dict[str, str]:
        """operationId -> behaviour name, for operations with hand-written meaning."""
        return dict(self.declaration.get("behaviours") or {})

    @property
    def toggles(self) -> list[Toggle]:
        return [Toggle(t["operation"], t["field"], t["param"]) for t in self.declaration.get("toggles") or []]

    @cached_property
    def filters(self) -> tuple[Filter, ...]:
        out = []
        for param, rule in (self.declaration.get("filters") or {}).items():
            rule = {"match": rule} if isinstance(rule, str) else dict(rule)
            out.append(
                Filter(
                    param,
                    rule.get("field", param),
                    rule.get("match", "contains"),
                    rule.get("values"),
                    rule.get("fieldParam"),
                    rule.get("exists"),
                )
            )
        return tuple(out)

    @property
    def server_set(self) -> dict[str, Any]:
        """Fields the server sets, never the client: ``sequence``, ``created``, ``updated``,
        ``{count: <child resource>}``, ``{const: value}``, ``{copy: <field>}``,
        ``{parentKey: <ancestor resource>}`` (that ancestor's key)."""
        return dict(self.declaration.get("set") or {})

    @property
    def defaults(self) -> dict[str, Any]:
        """Values a create fills in when the client leaves a field out (the client may change them later)."""
        return dict(self.declaration.get("defaults") or {})

    @cached_property
    def unique(self) -> tuple[str, ...]:
        """Fields whose value is unique among siblings (a second create answers 409)."""
        return tuple(self.declaration.get("unique", ()))

    @property
    def events(self) -> dict[str, str]:
        """Role -> trigger event type emitted when it happens (``delete: DELETE_ARTIFACT``)."""
        return dict(self.declaration.get("events") or {})

    @cached_property
    def secret_fields(self) -> tuple[str, ...]:
        """Fields returned once (at create or refresh) and never readable again."""
        return tuple(self.declaration.get("secrets", ()))

    @property
    def renames(self) -> dict[str, str]:
        """Request field -> the stored (and answered) field, where a body and an answer name the
        same value differently (``srcRepository`` -> ``srcRepositoryName``, ERRATA E68)."""
        return {str(k): str(v) for k, v in (self.declaration.get("renames") or {}).items()}

    @cached_property
    def update_key(self) -> str | None:
        """Body field naming the item an update changes (an update on the collection path)."""
        return self.declaration.get("updateKey")

    @cached_property
    def replaces(self) -> bool:
        """``update: replace``: an update replaces every field its body can name (one left out is
        dropped, then takes its default); ``set`` rules other than keys and ``created`` apply again."""
        return self.declaration.get("update") == "replace"

    @cached_property
    def sort(self) -> tuple[str | None, str]:
        """``(field, asc|desc)`` a list is ordered by (``None``: creation order); default creation order."""
        rule = self.declaration.get("sort") or {}
        return rule.get("field"), str(rule.get("order", "asc"))

    @property
    def envelope(self) -> dict[str, Any]:
        """Constant fields every list answer carries (``orderBy: name``)."""
        return dict(self.declaration.get("envelope") or {})

    @cached_property
    def references(self) -> dict[str, Reference]:
        """Stored field -> the :class:`Reference` it holds (``references`` in the declaration)."""
        out = {}
        for fld, rule in (self.declaration.get("references") or {}).items():
            rule = dict(rule or {})
            targets = rule.get("resource")
            out[str(fld)] = Reference(
                str(fld),
                tuple(targets) if isinstance(targets, list) else (str(targets),),
                rule.get("field"),
                rule.get("show"),
                bool(rule.get("expand")),
                str(rule.get("onDelete", "restrict")),
            )
        return out

    @cached_property
    def sources(self) -> tuple[str, ...]:
        """The resources whose items this resource's items run (an execution runs a migration rule
        or a synchronization policy): the resources of the reference that names them, declared
        as ``sources`` too for readers of the declaration (the model checks the two agree)."""
        return tuple(self.declaration.get("sources") or ())

    @cached_property
    def busy(self) -> Busy | None:
        """When an item of this resource is busy, and what that forbids (``busy`` in the declaration)."""
        rule = self.declaration.get("busy")
        if not rule:
            return None
        return Busy(tuple((str(k), str(v)) for k, v in (rule.get("when") or {}).items()), bool(rule.get("exclusive")))

    # -- derived facts ----------------------------------------------------------------------
    def operation(self, role: str) -> Operation | None:
        op_id = self.roles.get(role)
        return self.by_id[op_id] if op_id else None

    @property
    def operation_ids(self) -> list[str]:
        """Every operation this resource declares (roles, toggles, behaviours)."""
        ids = list(self.roles.values()) + [t.operation_id for t in self.toggles] + list(self.behaviours)
        return list(dict.fromkeys(ids))

    @cached_property
    def item_path(self) -> str | None:
        for role in ("get", "update", "delete"):
            op = self.operation(role)
            if op is not None and (self.singleton or _path_params(op.path)):
                return op.path
        return None

    @cached_property
    def collection_path(self) -> str | None:
        for role in ("list", "create", "batchDelete"):
            op = self.operation(role)
            if op is not None:
                return op.path
        return None

    @cached_property
    def key_param(self) -> str | None:
        """The path parameter naming the item (the item path's last parameter)."""
        if self.declaration.get("keyParam"):
            return str(self.declaration["keyParam"])
        if self.singleton or not self.item_path:
            return None
        params = _path_params(self.item_path)
        return params[-1] if params else None

    @cached_property
    def ancestor_params(self) -> tuple[str, ...]:
        """Path parameters naming the ancestors, outermost first.  A resource served by behaviours
        only (a configuration, say) takes them from its first behaviour's path."""
        if self.collection_path:
            return tuple(_path_params(self.collection_path))
        if self.item_path:
            params = _path_params(self.item_path)
            return tuple(params[:-1] if self.key_param else params)
        for op_id in self.behaviours:
            return tuple(_path_params(self.by_id[op_id].path))
        return ()

    @cached_property
    def list_key(self) -> str | None:
        """The list response's array property (``projects``, ``items``, ...)."""
        op = self.operation("list")
        if op is None:
            return None
        schema = response_schema(self.spec, op)
        arrays = [name for name, prop in _properties(self.spec, schema).items() if prop.get("type") == "array"]
        if len(arrays) != 1:
            raise SpecError(f"x-bce-resources.{self.name}: list response of {op.operation_id} has arrays {arrays}")
        return arrays[0]

    @cached_property
    def item_schema(self) -> dict[str, Any]:
        op = self.operation("get")
        if op is not None:
            return resolve_ref(self.spec, response_schema(self.spec, op))
        op = self.operation("list")
        if op is not None and self.list_key:
            page = _properties(self.spec, response_schema(self.spec, op))
            return resolve_ref(self.spec, page[self.list_key].get("items", {}))
        for op_id in self.behaviours:  # served by behaviours only (a configuration): what its read answers
            op = self.by_id[op_id]
            schema = response_schema(self.spec, op) if op.method == "GET" else None
            if schema is not None:
                return resolve_ref(self.spec, schema)
        return {}

    @cached_property
    def key_type(self) -> str:
        """JSON type of the key: ``integer`` or ``string`` (from the item path parameter's schema)."""
        if self.key_from == "sequence":
            return "integer"
        return "string"


def _path_params(path: str) -> list[str]:
    return [seg[1:-1] for seg in path.strip("/").split("/") if seg.startswith("{") and seg.endswith("}")]


def _properties(spec: dict[str, Any], schema: Any) -> dict[str, dict[str, Any]]:
    """Properties of an object schema, following ``$ref`` and ``allOf``."""
    node = resolve_ref(spec, schema) or {}
    props: dict[str, dict[str, Any]] = {}
    for part in node.get("allOf", []):
        props.update(_properties(spec, part))
    for name, prop in (node.get("properties") or {}).items():
        props[name] = resolve_ref(spec, prop)
    return props


def properties(spec: dict[str, Any], schema: Any) -> dict[str, dict[str, Any]]:
    """Public form of :func:`_properties` (engine projection and suite comparisons use it)."""
    return _properties(spec, schema)


def response_schema(spec: dict[str, Any], op: Operation) -> dict[str, Any] | None:
    """The 200 JSON response schema of ``op`` (None when the answer has no JSON body)."""
    resp = resolve_ref(spec, op.responses.get("200") or {})
    media = (resp.get("content") or {}).get("application/json")
    return None if media is None else media.get("schema")


@dataclass
class ResourceModel:
    """Every resource of the spec, and which resource each operation belongs to."""

    spec: dict[str, Any]
    resources: dict[str, Resource]

    @classmethod
    def from_spec(cls, spec: dict[str, Any]) -> ResourceModel:
        by_id = {op.operation_id: op for op in operations(spec)}
        resources: dict[str, Resource] = {}
        for name, decl in (spec.get("x-bce-resources") or {}).items():
            res = Resource(name, spec, decl, by_id)
            for op_id in res.operation_ids:
                if op_id not in by_id:
                    raise SpecError(f"x-bce-resources.{name} names unknown operation {op_id}")
            resources[name] = res
        model = cls(spec, resources)
        model._check()
        return model

    def _check(self) -> None:
        owner: dict[str, str] = {}
        for res in self.resources.values():
            if res.parent and res.parent not in self.resources:
                raise SpecError(f"x-bce-resources.{res.name}: unknown parent {res.parent}")
        for res in self.resources.values():
            self._check_references(res)
            for op_id in res.operation_ids:
                if op_id in owner and owner[op_id] != res.name:
                    raise SpecError(f"operation {op_id} is claimed by resources {owner[op_id]} and {res.name}")
                owner[op_id] = res.name
            depth = len(self.chain(res.name)) - 1
            if not res.singleton and res.item_path and len(res.ancestor_params) != depth:
                raise SpecError(
                    f"x-bce-resources.{res.name}: {len(res.ancestor_params)} ancestor path parameters "
                    f"but a parent chain of {depth}"
                )
        self._owner = owner

    def _check_references(self, res: Resource) -> None:
        """Every reference names known resources, each an ancestor's child (so the engine can find
        it from the referencing item's path), and only a sibling can restrict or cascade a delete
        (its referencing items are found under the same parent)."""
        where = f"x-bce-resources.{res.name}.references"
        names = [r.name for r in self.chain(res.name)]
        if res.sources and not any(set(ref.resources) == set(res.sources) for ref in res.references.values()):
            raise SpecError(f"x-bce-resources.{res.name}.sources: no reference names exactly {list(res.sources)}")
        for ref in res.references.values():
            if ref.on_delete not in ("restrict", "cascade", "keep"):
                raise SpecError(f"{where}.{ref.field}.onDelete: {ref.on_delete!r} is not restrict, cascade or keep")
            for target in ref.resources:
                if target not in self.resources:
                    raise SpecError(f"{where}.{ref.field}: unknown resource {target}")
                outer = [r.name for r in self.chain(target)[:-1]]
                if names[: len(outer)] != outer or len(outer) >= len(names):
                    raise SpecError(f"{where}.{ref.field}: {target} is not under an ancestor of {res.name}")
                if ref.on_delete != "keep" and self.resources[target].parent != res.parent:
                    raise SpecError(f"{where}.{ref.field}: onDelete {ref.on_delete} needs a sibling resource")

    def chain(self, name: str) -> list[Resource]:
        """The resource and its ancestors, outermost first."""
        out: list[Resource] = []
        seen: set[str] = set()
        current: str | None = name
        while current is not None:
            if current in seen:
                raise SpecError(f"x-bce-resources: parent cycle at {current}")
            seen.add(current)
            res = self.resources[current]
            out.append(res)
            current = res.parent
        return list(reversed(out))

    def children(self, name: str) -> list[Resource]:
        return [r for r in self.resources.values() if r.parent == name]

    def owner_of(self, operation_id: str) -> Resource | None:
        name = self._owner.get(operation_id)
        return self.resources[name] if name else None

    def role_of(self, operation_id: str) -> str | None:
        """``list``/``create``/... , ``toggle``, ``behaviour:<name>``, or None when unmodelled."""
        res = self.owner_of(operation_id)
        if res is None:
            return None
        for role, op_id in res.roles.items():
            if op_id == operation_id:
                return role
        if any(t.operation_id == operation_id for t in res.toggles):
            return "toggle"
        return f"behaviour:{res.behaviours[operation_id]}"
