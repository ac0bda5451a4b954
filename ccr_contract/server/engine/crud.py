"""The generic resource engine: every CRUD-shaped operation of the spec, with no code per route.

For each resource of :class:`~ccr_contract.resource_model.ResourceModel` it builds handlers for
the roles the spec declares (list, create, get, update, delete, batchDelete, toggle).  What a
handler stores comes from the request body (already validated against the spec); the rules
between items (references, unique fields, busy items) are :mod:`~ccr_contract.server.engine.rules`;
what it answers is the stored item projected onto the operation's response schema
(:mod:`~ccr_contract.server.engine.projection`).

Behaviours (hand code for true behaviours: executions, scans, passwords...) receive an
:class:`Engine` and use the same helpers: :meth:`Engine.locate`, :meth:`Engine.render`,
:meth:`Engine.create_item`.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import functools
import time
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ccr_contract.resource_model import CRUD_ROLES, Resource, ResourceModel, properties, response_schema
from ccr_contract.server.engine import rules
from ccr_contract.server.engine.items import SEP, ItemExists, ItemStore, KeyError_, child_path
from ccr_contract.server.engine.projection import Projector
from ccr_contract.server.errors import bad_request, conflict, not_found, shorten
from ccr_contract.signing import format_timestamp, parse_timestamp
from ccr_contract.spec import Operation, SpecError, resolve_ref
from ccr_contract.states import States, states_of
from ccr_contract.states import problems as states_problems


@dataclass(frozen=True)
class Call:
    """One validated request as a handler sees it."""

    params: dict[str, Any]
    body: Any


@dataclass
class Reply:
    """An answer: JSON (``body`` a dict/list), raw bytes/text with ``content_type``, or empty."""

    body: Any = None
    content_type: str | None = None
    status: int = 200


Handler = Callable[[Call], Awaitable[Reply]]
#: What a behaviour runs for an operation the spec assigns it.
Run = Callable[["Engine", Operation, Resource, Call], Awaitable[Reply]]
#: An item as read or created, adjusted (a scan whose time is up reads as finished).
Adjust = Callable[["Engine", Resource, dict[str, Any]], dict[str, Any]]
#: A listener told that an event (``DELETE_ARTIFACT``) happened to an item.
Listener = Callable[["Engine", str, "Located"], None]


@dataclass(frozen=True)
class Behaviour:
    """Everything one named behaviour brings, in one record (the spec names it:
    ``behaviours: {TriggerTagScan: tag-scan}``).

    ``reads`` adjusts every item of a resource that declares the behaviour as it is read;
    ``prepares`` adjusts one as it is created; ``states`` names the ``(field, roles)`` of the status
    values it writes, resolved from the spec's ``x-bce-states`` when the engine starts (so a spec
    without one fails the start, not a request); ``on_event`` is told of the events items emit."""

    name: str
    run: Run
    reads: Adjust | None = None
    prepares: Adjust | None = None
    states: tuple[tuple[str, tuple[str, ...]], ...] = ()
    on_event: Listener | None = None


@dataclass(frozen=True)
class EngineOptions:
    """How the simulated world behaves (``ccr-contract mock``'s flags)."""

    #: How long an execution stays running before it reads as finished.
    execution_seconds: float = 5.0
    #: How long a vulnerability scan stays running.
    scan_seconds: float = 5.0
    #: How long a registry health probe may take.
    probe_timeout: float = 3.0
    #: The region new instances report.
    region: str = "bj"
    #: The store's worker thread for a file database (None: store calls run in place).
    worker: Executor | None = None


@dataclass(frozen=True)
class Located:
    """An item found by its path parameters: where it lives and what it holds."""

    resource: Resource
    parent: str
    key: Any
    data: dict[str, Any]

    @property
    def path(self) -> str:
        return child_path(self.parent, self.resource.name, self.key)


def iso(epoch: float) -> str:
    """A stored time as the API writes it: the signer's ``YYYY-MM-DDThh:mm:ssZ`` (one format, one place)."""
    return format_timestamp(datetime.fromtimestamp(int(epoch), UTC))


def epoch(text: str | None) -> float:
    """Seconds since the epoch of a time :func:`iso` wrote (0 for none)."""
    return parse_timestamp(text).timestamp() if text else 0.0


def _decodings(raw: str, res: Resource) -> list[str]:
    """Candidate keys for a path segment sent Base64-encoded (ERRATA E39): those matching the
    resource's ``keyPattern`` (every decoding when it declares none)."""
    encodings, pattern = res.key_encodings, res.key_pattern
    out = []
    for enc in encodings:
        try:
            if enc == "base64":  # padded standard alphabet
                data = base64.b64decode(raw, validate=True)
                canonical = base64.b64encode(data).decode("ascii")
            elif enc == "base64url":  # unpadded URL-safe alphabet
                data = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))
                canonical = base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")
            else:
                continue
            text = data.decode("utf-8")
        except (binascii.Error, ValueError):
            continue
        # Only the exact form E39 names: the decoders skip characters outside the alphabet and
        # ignore stray low bits, so "dWJ1bnR1@@@" or "d.W.J.1.b.n.R.1" would also decode to "ubuntu".
        if canonical != raw:
            continue
        if (pattern is None or pattern.fullmatch(text)) and text not in out:
            out.append(text)
    return out


class Engine:
    """Handlers for every operation the resource model covers, over one :class:`ItemStore`."""

    def __init__(
        self,
        spec: dict[str, Any],
        items: ItemStore,
        behaviours: Mapping[str, Behaviour],
        *,
        clock: Callable[[], float] = time.time,
        options: EngineOptions | None = None,
    ) -> None:
        self.spec = spec
        self.model = ResourceModel.from_spec(spec)
        self.items = items
        self.clock = clock
        self.options = options or EngineOptions()
        self.handlers: dict[str, Handler] = {}
        self._states: dict[tuple[str, str], States] = {}
        #: What answers show of stored items (declared properties only, secrets never).
        self.projector = Projector(spec, self.now)
        #: operationId -> the 200 answer's ``x-bce-action`` (an action answer names its target).
        self._actions = {
            op.operation_id: str(op.responses["200"]["x-bce-action"][0])
            for res in self.model.resources.values()
            for op in res.by_id.values()
            if (op.responses.get("200") or {}).get("x-bce-action")
        }
        #: Per resource, the records of the behaviours it declares (each once, in declaration order).
        declared = {
            res.name: [behaviours[b] for b in dict.fromkeys(res.behaviours.values()) if b in behaviours]
            for res in self.model.resources.values()
        }
        self._readers = {name: [b.reads for b in found if b.reads] for name, found in declared.items()}
        self._preparers = {name: [b.prepares for b in found if b.prepares] for name, found in declared.items()}
        #: The event listeners of the behaviours the spec uses.
        self._listeners = list(
            dict.fromkeys(b.on_event for found in declared.values() for b in found if b.on_event is not None)
        )
        #: Per resource, facts every request of it needs, read from the model once (the model's
        #: properties re-read the declaration on each access): (ancestor, its path parameter)
        #: outermost first, ``(field, child kind)`` of each counter, a list answer's constant fields.
        self._ancestors = {
            res.name: tuple(zip(self.model.chain(res.name)[:-1], res.ancestor_params, strict=True))
            for res in self.model.resources.values()
        }
        self._counters = {
            res.name: tuple(
                (fld, rule["count"])
                for fld, rule in res.server_set.items()
                if isinstance(rule, dict) and "count" in rule
            )
            for res in self.model.resources.values()
        }
        self._envelopes = {res.name: res.envelope for res in self.model.resources.values()}
        #: The kinds a list reads counts of: its own (the total) and its items' counters'.
        self._counted_kinds = {
            name: tuple(dict.fromkeys((name, *(kind for _, kind in counters))))
            for name, counters in self._counters.items()
        }
        #: The references answered as the referenced item (``expand``) or one of its fields (``show``).
        self._shown = {
            res.name: tuple(ref for ref in res.references.values() if ref.show or ref.expand)
            for res in self.model.resources.values()
        }
        #: operationId -> its 200 response schema (None: no body).
        self._response_schemas: dict[str, Any] = {}
        missing: list[str] = []
        for res in self.model.resources.values():
            for role, op_id in res.roles.items():
                self.handlers[op_id] = self._bind(getattr(self, f"_{role}"), res, op_id)
            for toggle in res.toggles:
                self.handlers[toggle.operation_id] = self._bind(self._toggle, res, toggle.operation_id)
            for op_id, name in res.behaviours.items():
                if name in CRUD_ROLES:  # a second operation with a generic meaning (UpdateInstanceTags)
                    self.handlers[op_id] = self._bind(getattr(self, f"_{name}"), res, op_id)
                    continue
                record = behaviours.get(name)
                if record is None:
                    missing.append(f"{op_id} (behaviour {name})")
                    continue
                self.handlers[op_id] = self._bind_behaviour(record.run, res, op_id)
        if missing:
            raise ValueError(f"the spec names behaviours this server does not have: {', '.join(missing)}")
        problems = states_problems(spec)  # every named status value is one its enum allows
        if problems:
            more = f" (and {len(problems) - 1} more)" if problems[1:] else ""
            raise SpecError(f"x-bce-states: {problems[0]}{more}")
        for res in self.model.resources.values():
            res.key_pattern  # noqa: B018  # compiled now: a bad keyPattern fails the start, not a request
            for fld, role in res.busy.when if res.busy else ():  # the roles "busy" names
                self.states(res, fld).value(role)
            # the status values behaviours write (SpecError if the spec names none)
            for record in declared[res.name]:
                for fld, roles in record.states:
                    for role in roles:
                        self.states(res, fld).values(role)

    # ------------------------------------------------------------------ plumbing
    def _bind(self, method: Callable[..., Awaitable[Reply]], res: Resource, op_id: str) -> Handler:
        op = res.by_id[op_id]

        async def handler(call: Call) -> Reply:
            return await method(op, res, call)

        return handler

    def _bind_behaviour(self, fn: Run, res: Resource, op_id: str) -> Handler:
        op = res.by_id[op_id]

        async def handler(call: Call) -> Reply:
            return await fn(self, op, res, call)

        handler.on_loop = getattr(fn, "on_loop", False)  # type: ignore[attr-defined]
        return handler

    def now(self) -> str:
        return iso(self.clock())

    def states(self, res: Resource, field: str) -> States:
        """The spec's named values of ``field`` (dotted) of ``res``'s items (``x-bce-states``): a
        behaviour writes ``engine.states(res, "status").value("running")``, never the value itself."""
        key = (res.name, field)
        found = self._states.get(key)
        if found is None:
            found = self._states[key] = states_of(self.spec, res.item_schema, field, f"x-bce-resources.{res.name}")
        return found

    async def offload(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run a store call from a behaviour that runs on the event loop (``on_loop``: it awaits
        real I/O): on the store's worker thread for a file database, directly in memory."""
        worker = self.options.worker
        if worker is None:
            return fn(*args)
        return await asyncio.get_running_loop().run_in_executor(worker, functools.partial(fn, *args))

    # ------------------------------------------------------------------ locating items
    def parent_of(self, res: Resource, params: dict[str, Any]) -> str:
        """The parent path named by the request's ancestor parameters; 404 for a missing ancestor."""
        path = ""
        for ancestor, param in self._ancestors[res.name]:
            key = self.existing_key(ancestor, path, params[param])
            if key is None:
                raise not_found(f"{_noun(ancestor)} {shorten(str(params[param]), 100)} does not exist")
            path = child_path(path, ancestor.name, key)
        return path

    def existing_key(self, res: Resource, parent: str, raw_key: Any) -> Any:
        """The stored key ``raw_key`` names (trying the declared encodings), or None; reads no item."""
        try:
            if self.items.exists(res.name, parent, raw_key):
                return raw_key
            for name in _decodings(str(raw_key), res):
                if self.items.exists(res.name, parent, name):
                    return name
        except KeyError_:
            return None
        return None

    def find(self, res: Resource, parent: str, raw_key: Any) -> tuple[Any, dict[str, Any]] | None:
        """``(key, data)`` of the item named ``raw_key`` (trying the declared key encodings)."""
        try:
            data = self.items.get(res.name, parent, raw_key)
            if data is not None:
                return raw_key, data
            for name in _decodings(str(raw_key), res):
                data = self.items.get(res.name, parent, name)
                if data is not None:
                    return name, data
        except KeyError_:
            return None
        return None

    def locate(self, res: Resource, params: dict[str, Any], key: Any = None) -> Located:
        """The item a request names (by its path, or by ``key`` when given); 404 when it (or an
        ancestor) does not exist."""
        parent = self.parent_of(res, params)
        if res.singleton:
            data = self.items.get(res.name, parent, "-")
            return Located(res, parent, "-", data if data is not None else {})
        raw = key if key is not None else params[res.key_param]
        found = self.find(res, parent, raw)
        if found is None:
            raise not_found(f"{_noun(res)} {shorten(str(raw), 100)} does not exist")
        return Located(res, parent, found[0], found[1])

    # ------------------------------------------------------------------ rendering
    def computed(
        self, res: Resource, path: str, data: dict[str, Any], counts: dict[tuple[str, str], int] | None = None
    ) -> dict[str, Any]:
        """``data`` plus the fields computed at read time (child counts; ``counts`` holds them
        already read for a whole page, see :meth:`ItemStore.counts_of`)."""
        out = dict(data)
        for reader in self._readers[res.name]:
            out = reader(self, res, out)
        for ref in self._shown[res.name]:
            if out.get(ref.field) is not None:
                target = rules.referenced_item(self, ref, _parent_path(path), out[ref.field])
                if ref.expand:
                    out[ref.field] = out[ref.field] if target is None else target
                else:
                    out[ref.field] = None if target is None else target.get(ref.show or "")
        for fld, kind in self._counters[res.name]:
            out[fld] = counts.get((kind, path), 0) if counts is not None else self.items.count(kind, path)
        return out

    def render(self, schema: Any, data: Any, *, reveal: tuple[str, ...] = ()) -> Any:
        """``data`` projected onto ``schema`` (see :mod:`~ccr_contract.server.engine.projection`)."""
        return self.projector.render(schema, data, reveal=reveal)

    def neutral(self, schema: Any) -> Any:
        """A value that satisfies ``schema`` when the item has none: its default, else a zero."""
        return self.projector.neutral(schema)

    def answer(self, op: Operation, data: Any, *, reveal: tuple[str, ...] = (), target: Any = None) -> Reply:
        """The operation's 200 answer built from ``data`` (empty when the spec declares no body); for
        an operation whose 200 answer declares ``x-bce-action``, ``{action, targetName: target}``."""
        action = self._actions.get(op.operation_id)
        if action is not None:
            return Reply({"action": action, "targetName": str(target)})
        try:
            schema = self._response_schemas[op.operation_id]
        except KeyError:
            schema = self._response_schemas[op.operation_id] = response_schema(self.spec, op)
        if schema is None:
            return Reply()
        return Reply(self.render(schema, data, reveal=reveal))

    # ------------------------------------------------------------------ writes shared with behaviours
    def create_item(self, res: Resource, parent: str, fields: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        """Store a new item of ``res`` under ``parent`` from client ``fields``; 409 on a duplicate.

        Order: client fields, declared defaults, the behaviours' preparation (a robot's name
        prefix), schema defaults, then the key and the server-set fields, then the unique check."""
        data = {k: v for k, v in _renamed(res, fields).items() if k not in res.server_set}
        for name, value in res.defaults.items():
            data.setdefault(name, value)
        for name, prefix in (res.declaration.get("prefixes") or {}).items():
            if isinstance(data.get(name), str) and not data[name].startswith(prefix):
                data[name] = prefix + data[name]  # stored (and answered) with the prefix
        for prepare in self._preparers.get(res.name, ()):
            data = prepare(self, res, data)
        for name, prop in properties(self.spec, res.item_schema).items():
            if name not in data and "default" in prop:
                data[name] = prop["default"]
        with self.items.write():
            if res.key_from == "sequence":
                key: Any = self.items.next_sequence(res.sequence)
                if res.key_format == "string":
                    key = str(key)
                data[res.key] = key
            else:
                key = data.get(res.key)
                if key is None or key == "":
                    raise bad_request(f"{res.key}: a value is required")
            now = self.now()
            for fld, rule in res.server_set.items():
                if rule == "sequence" and fld != res.key:
                    data[fld] = self.items.next_sequence(f"{res.name}.{fld}")
                elif rule in ("created", "updated"):
                    data[fld] = now
                elif isinstance(rule, dict) and "const" in rule:
                    data[fld] = rule["const"]
                elif isinstance(rule, dict) and "initial" in rule:
                    data[fld] = rule["initial"]
                elif isinstance(rule, dict) and "copy" in rule:
                    data[fld] = _dotted(data, rule["copy"])
                elif isinstance(rule, dict) and "parentKey" in rule:
                    data[fld] = ancestor_key(parent, rule["parentKey"])
            rules.check_write(self, res, parent, data, None)
            try:
                self.items.insert(res.name, parent, key, data)
            except ItemExists:
                raise conflict(f"{_noun(res)} {shorten(str(key), 100)} already exists") from None
            except KeyError_ as exc:
                raise bad_request(str(exc)) from None
        return key, data

    def update_item(self, found: Located, changes: dict[str, Any], *, op: Operation | None = None) -> dict[str, Any]:
        """Apply ``changes`` (client fields) to the found item; with ``op`` (the update operation of a
        resource declaring ``update: replace``) the fields its body can name are replaced as a whole."""
        res = found.resource
        data = dict(found.data)
        if op is not None and res.replaces:
            named = set(_renamed(res, dict.fromkeys(properties(self.spec, _body_schema(self.spec, op)))))
            data = {k: v for k, v in data.items() if k not in named or k == res.key}
        for name, value in _renamed(res, changes).items():
            if name == res.key or name in res.server_set:
                continue
            data[name] = value
        if op is not None and res.replaces:
            for name, value in res.defaults.items():
                data.setdefault(name, value)
            for fld, rule in res.server_set.items():
                if isinstance(rule, dict) and "const" in rule:
                    data[fld] = rule["const"]
                elif isinstance(rule, dict) and "copy" in rule:
                    data[fld] = _dotted(data, rule["copy"])
        if res.references or res.unique:
            rules.check_write(self, res, found.parent, data, found.key)
        for fld, rule in res.server_set.items():
            if rule == "updated":
                data[fld] = self.now()
        if res.singleton and not found.data:
            self.items.insert(res.name, found.parent, "-", data)
        elif not self.items.replace(res.name, found.parent, found.key, data):
            raise not_found(f"{_noun(res)} {shorten(str(found.key), 100)} does not exist")
        return data

    def delete_item(self, found: Located) -> None:
        res = found.resource
        with self.items.write():
            for other, key in rules.before_delete(self, found):  # 409s first, then the cascade
                self.items.delete(other.name, found.parent, key)
            if not self.items.delete(res.name, found.parent, found.key):
                raise not_found(f"{_noun(res)} {shorten(str(found.key), 100)} does not exist")
        self.emit(res, "delete", found)

    def emit(self, res: Resource, role: str, found: Located) -> None:
        """Tell the event listeners (triggers) that ``role`` happened to an item of ``res``."""
        event = res.events.get(role)
        if event:
            for listener in self._listeners:
                listener(self, event, found)

    # ------------------------------------------------------------------ roles
    async def _list(self, op: Operation, res: Resource, call: Call) -> Reply:
        parent = self.parent_of(res, call.params)
        page_no = int(call.params.get("pageNo") or 1)
        page_size = int(call.params.get("pageSize") or _default(op, "pageSize", 10))
        filters = []
        for rule in res.filters:
            value = call.params.get(rule.param)
            if value is None or value == "":
                continue
            if rule.values is not None:
                value = rule.values.get(str(value), value)
            if rule.exists is not None:
                target = self.model.resources[rule.exists]
                if not self.items.exists(target.name, parent, value):
                    raise not_found(f"{_noun(target)} {shorten(str(value), 100)} does not exist")
            fld = rule.field
            if rule.field_param is not None:
                fld = str(call.params.get(rule.field_param) or rule.field)
            filters.append((fld, rule.match, value))
        rows, total = self.items.page(
            res.name, parent, (page_no - 1) * page_size, page_size, filters, res.sort, total=bool(filters)
        )
        key = res.key
        prefix = f"{parent}{SEP}{res.name}:" if parent else f"{res.name}:"
        paths = [prefix + str(r.get(key)) for r in rows]  # child_path's, keys read back from the store
        # the unfiltered total and every row's counters in one read of the maintained counts
        counted = self.items.counts_of(self._counted_kinds[res.name], [parent, *paths])
        if not filters:
            total = counted.get((res.name, parent), 0)
        rows = [self.computed(res, path, r, counted) for path, r in zip(paths, rows, strict=True)]
        envelope = {"total": total, "totalCount": total, "pageNo": page_no, "pageSize": page_size}
        envelope.update(self._envelopes[res.name])
        envelope[res.list_key or "items"] = rows
        return self.answer(op, envelope)

    async def _create(self, op: Operation, res: Resource, call: Call) -> Reply:
        parent = self.parent_of(res, call.params)
        key, data = self.create_item(res, parent, dict(call.body or {}))
        path = child_path(parent, res.name, key)
        self.emit(res, "create", Located(res, parent, key, data))
        return self.answer(op, self.computed(res, path, data), reveal=res.secret_fields, target=key)

    async def _get(self, op: Operation, res: Resource, call: Call) -> Reply:
        found = self.locate(res, call.params)
        return self.answer(op, self.computed(res, found.path, found.data))

    async def _update(self, op: Operation, res: Resource, call: Call) -> Reply:
        body = dict(call.body or {})
        named = _whole(body[res.update_key]) if res.update_key else None
        with self.items.write():
            found = self.locate(res, call.params, named)
            data = self.update_item(found, body, op=op)
        return self.answer(op, self.computed(res, found.path, data), target=found.key)

    async def _delete(self, op: Operation, res: Resource, call: Call) -> Reply:
        found = self.locate(res, call.params)
        self.delete_item(found)
        return self.answer(op, found.data, target=found.key)

    async def _batchDelete(self, op: Operation, res: Resource, call: Call) -> Reply:
        keys = list(dict.fromkeys((call.body or {}).get("items") or []))
        with self.items.write():
            found = [self.locate(res, call.params, key) for key in keys]  # one missing item deletes none
            for item in found:
                self.delete_item(item)
        return self.answer(op, {})

    async def _toggle(self, op: Operation, res: Resource, call: Call) -> Reply:
        toggle = next(t for t in res.toggles if t.operation_id == op.operation_id)
        found = self.locate(res, call.params)
        with self.items.write():
            self.update_item(found, {toggle.field: truthy(call.params[toggle.param])})
        return self.answer(op, found.data)


def run_sync(coroutine: Awaitable[Reply]) -> Reply:
    """Drive a handler's coroutine to its end without an event loop (on the store's worker thread,
    so a file database's fsyncs never block the loop).  Engine handlers await nothing real."""
    coro = coroutine.__await__()
    try:
        coro.send(None)
    except StopIteration as done:
        return done.value  # type: ignore[no-any-return]
    coro.close()
    raise RuntimeError("an engine handler awaited something; it must run on the event loop")


def ancestor_key(path: str, resource: str) -> str | None:
    """The key of ``resource`` among the ancestors named by an item path."""
    for seg in path.split(SEP):
        kind, _, key = seg.partition(":")
        if kind == resource:
            return key
    return None


def _renamed(res: Resource, fields: dict[str, Any]) -> dict[str, Any]:
    """Client fields under their stored names (the resource's declared ``renames``)."""
    renames = res.renames
    if not renames:
        return fields
    return {renames.get(name, name): value for name, value in fields.items()}


_whole = rules.whole


def _dotted(data: dict[str, Any], path: str) -> Any:
    """``data``'s value at a dotted path (``trigger.type``); None where a step is missing."""
    value: Any = data
    for step in path.split("."):
        value = value.get(step) if isinstance(value, dict) else None
    return value


def _parent_path(path: str) -> str:
    """The parent path of an item path."""
    return path.rpartition(SEP)[0]


def _body_schema(spec: dict[str, Any], op: Operation) -> Any:
    body = resolve_ref(spec, op.definition.get("requestBody") or {})
    return ((body.get("content") or {}).get("application/json") or {}).get("schema")


_noun = rules.noun


def _default(op: Operation, name: str, fallback: int) -> int:
    for param in op.parameters:
        if param.get("name") == name:
            return int((param.get("schema") or {}).get("default", fallback))
    return fallback


def truthy(value: Any) -> bool:
    """A query flag as a boolean: ``true`` in any case (or JSON true) is true, anything else false."""
    return value is True or str(value).lower() == "true"
