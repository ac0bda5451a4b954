"""Run fixtures: what the suite creates on the target, under a recognisable prefix, and removes.

Everything the suite (and, through the hooks, schemathesis) creates is named ``ccrconf-<runid>-...``
and every password it writes contains ``ccrconfpw<runid>``, so a person can recognise it in an
account, the secret scanners can search responses for it, and :meth:`Workspace.cleanup` can find
it again.  The workspace also remembers which ids the run owns: the schemathesis guard only lets
destructive requests reach those (see :mod:`ccr_conformance.st_integration`).  Registry URLs the
run writes point at the run's own registry (:mod:`ccr_conformance.registry_stub`), never at a
spec example's or a fuzzer's host.
"""

from __future__ import annotations

import contextlib
import copy
import secrets
import threading
from dataclasses import dataclass
from typing import Any

from ccr_conformance.contract import PARAM_RE, SENTINEL_ID, Contract
from ccr_conformance.registry_stub import replace_urls, url_fields
from ccr_conformance.results import RUN_SCOPE, Exchange
from ccr_conformance.scope import RunScope
from ccr_conformance.target import Target, parse_json


class FixtureError(Exception):
    """A fixture could not be made; carries the exchange that shows why."""

    def __init__(
        self, message: str, exchange: Exchange | None = None, *, ruled_out: bool = False, refused: bool = False
    ) -> None:
        super().__init__(message)
        self.message = message
        self.exchange = exchange
        #: The server refused a write that makes the fixture (a create, a start) for another reason than
        #: a conflict: whatever needed it fails, where a fixture that merely cannot be found or made
        #: here makes its operation "not applicable".
        self.refused = refused
        #: The run's own settings (operation filters, --read-only) forbid the fixture: nothing the
        #: server did, so the checks that needed it are "not applicable", never failed.
        self.ruled_out = ruled_out

    @property
    def operation(self) -> str:
        """The operation whose answer showed the problem (the run, when nothing was sent)."""
        return self.exchange.operation if self.exchange is not None else RUN_SCOPE


def new_run_id() -> str:
    return secrets.token_hex(4)


@dataclass(frozen=True)
class FixtureSettings:
    """What the run allows its fixtures, fixed when the run starts (``SuiteOptions``)."""

    #: The suite started the target itself: the instance's own configuration may be written.
    embedded: bool = False
    #: --read-only: create, change and delete nothing (fixtures raise a ruled-out FixtureError).
    read_only: bool = False
    #: --instance-id, --project, --repository: where to work and what to read from.
    instance_id: str | None = None
    project: str | None = None
    repository: str | None = None


class Workspace:
    """The run's context (target, prefix, passwords, settings) and its one fixture system.

    Fixtures of both editions are made, named, started and removed by :class:`Estate`, which reads
    the resource model (``x-bce-resources``) only.  The methods below that take a ``collection``
    accept a resource name or a Personal collection path (``/v1/ccr/policies``, as the Personal
    checks name collections) and hand it to the estate; they hold no fixture logic of their own.
    """

    def __init__(
        self,
        target: Target,
        contract: Contract,
        run_id: str | None = None,
        scope: RunScope | None = None,
        settings: FixtureSettings | None = None,
    ) -> None:
        self.target = target
        #: The whole contract: fixtures read whatever they need to find or check their items.
        self.contract = contract.full
        #: The run's scope: fixtures are *made* only through operations in it (None: every one).
        self.scope = scope
        self.run_id = run_id or new_run_id()
        self.prefix = f"ccrconf-{self.run_id}-"
        # Passwords must fit the tightest rule the spec states (8-20 characters, upper- and
        # lower-case letters and a digit): the marker is at most 17 characters, the rest "Z" + digits.
        self.marker = f"ccrconfpw{self.run_id}"[:17]
        self._lock = threading.RLock()
        self._counter = 0
        self.max_name = contract.max_name_length
        #: The run's registry (set by the runner); valid registry URLs in written bodies become this.
        self.registry_url: str | None = None
        self.url_fields = url_fields(contract.spec)
        self.settings = settings or FixtureSettings()
        #: The fixtures of both editions, read through the resource model.
        self.estate = Estate(self)

    @property
    def read_only(self) -> bool:
        return self.settings.read_only

    @property
    def created(self) -> list[tuple[str, dict[str, Any]]]:
        """``(resource, ids)`` of every item the run created and has not removed yet."""
        return self.estate.created

    # ------------------------------------------------------------------ names, passwords, ownership

    def name(self, label: str) -> str:
        with self._lock:
            self._counter += 1
            n = self._counter
        return (self.prefix + f"{n}-{label}")[: self.max_name]

    def password(self) -> str:
        return (self.marker + "Z" + str(secrets.randbelow(10**6)).rjust(6, "0"))[:20]

    def resource(self, collection: str) -> Any | None:
        """The model's resource named ``collection`` (a resource name, or a Personal collection path)."""
        model = self.estate.model
        if collection in model.resources:
            return model.resources[collection]
        return next((r for r in self.contract.personal_resources if r.collection_path == collection), None)

    def _resource(self, collection: str) -> Any:
        res = self.resource(collection)
        if res is None:
            raise FixtureError(f"the resource model declares no {collection}")
        return res

    def _key(self, res: Any, ids: dict[str, Any] | None) -> Any:
        key = (ids or {}).get(res.key_param or "_key")
        return int(key) if res.key_from == "sequence" and str(key).isdigit() else key

    def owns(self, collection: str, item_id: Any) -> bool:
        res = self.resource(collection)
        return res is not None and self.estate.owns(res.name, item_id)

    def owned(self, collection: str) -> list[int]:
        """Owned ids of a server-numbered ``collection``, in ascending order."""
        res = self.resource(collection)
        keys = self.estate.owned(res.name) if res is not None else []
        return sorted(int(k) for k in keys if str(k).isdigit())

    # ------------------------------------------------------------------ creating

    def body_for(self, collection: str, label: str, example: int = 0) -> dict[str, Any]:
        """A create body from the spec's create example (:meth:`Estate.create_body`)."""
        res = self._resource(collection)
        return self.estate.create_body(res.name, label, self.estate.parent_ids(res.name), example)

    def personalise(self, body: Any, label: str) -> Any:
        """Give an example body this run's name, password, registry URL and fixture references (in place)."""
        if not isinstance(body, dict):
            return body
        if isinstance(body.get("name"), str):
            body["name"] = self.name(label)
        self.contract.fill_write_only(body, self.password())
        self.own_urls(body)
        for res in self.contract.personal_resources:
            for field, ref in res.references.items():
                if ref.key_field and isinstance(body.get(field), dict) and ref.key_field in body[field]:
                    body[field][ref.key_field] = self.estate.reference_key(ref.resources)
        return body

    def own_urls(self, body: Any) -> None:
        """Point every valid registry URL in ``body`` (in place) at the run's registry, when it has one."""
        if self.registry_url:
            replace_urls(body, self.url_fields, self.registry_url)

    def out_of_scope(self, operation_id: str) -> str | None:
        """Why the run may not call ``operation_id`` to make a fixture (None: it may)."""
        why = self.scope.why_not(operation_id) if self.scope is not None else None
        return f"{operation_id} is left out of this run ({why})" if why else None

    def create(self, collection: str, label: str, body: dict[str, Any] | None = None) -> tuple[Any, Exchange]:
        """A new item of ``collection`` (:meth:`Estate.create`); its key and the create exchange."""
        res = self._resource(collection)
        ids, exchange = self.estate.create(res.name, label, body)
        return self._key(res, ids), exchange

    def record_exchange(self, op: Any, exchange: Exchange) -> Any:
        """A 2xx to a create of a top-level collection the suite sent: the new item is owned and
        cleaned up (:meth:`Estate.record_write_answer`).  Its key, or None."""
        if exchange.status is None or not 200 <= exchange.status < 300:
            return None
        data, problem = parse_json(exchange)
        return None if problem else self.estate.record_write_answer(op, {}, None, exchange.status, data)

    def invalid_name(self) -> str:
        """A name the spec rejects (longer than any ``maxLength``) that still starts with the run
        prefix: a lenient server that truncates and accepts it leaves an item cleanup can find."""
        return self.prefix + "x" * (self.max_name * 2)

    def shared(self, collection: str) -> Any:
        """The key of the run's one shared item of ``collection`` (:meth:`Estate.own`)."""
        res = self._resource(collection)
        ids = self.estate.own(res.name)
        if ids is None:
            reason = self.estate.may_create(res.name)
            raise FixtureError(f"cannot create {res.name}: {reason}", ruled_out=self.estate.ruled_out_by_run(res.name))
        return self._key(res, ids)

    def ids_for(self, op: Any, fresh: dict[str, Any] | None = None) -> dict[str, Any]:
        """Values for ``op``'s path and required query parameters (:meth:`Estate.ids_for`)."""
        return self.estate.ids_for(op, fresh)

    # ------------------------------------------------------------------ removing

    def cleanup(self) -> list[str]:
        """Delete what the run created in either edition, then sweep anything else carrying the prefix
        (:meth:`Estate.cleanup`).  Returns problems as sentences; never raises.  404 counts as gone."""
        if getattr(self.target, "broken_transport", False):
            # The server hangs, resets or floods: do not wait out a timeout per leftover.
            left = len(self.estate.created)
            self.estate.created.clear()
            return [f"{left} created items were not deleted: the server stopped answering"] if left else []
        try:
            return self.estate.cleanup()
        except Exception as exc:  # never raise from cleanup
            return [f"cleanup failed: {type(exc).__name__}: {exc}"]


# ====================================================================== the fixtures of both editions
#
# Operations of both editions are read through the shared resource model (``x-bce-resources``): an
# operation's path parameters name, in order, the items of its resource's parent chain
# (instance -> project -> repository -> tag; instance -> migration rule -> execution -> task; a
# Personal registry or policy is a chain of one).  A parameter that is one of the resource's
# declared ``references`` names the referenced item (a Personal start's ``{policyId}``).
# Values come from three places:
#
# * the instance (for chains that start at ``instances``): ``SuiteOptions.instance_id``, else the
#   first one ListInstances answers;
# * items this run creates itself (projects, triggers, robots, registries, ...), named with the run
#   prefix, owned, and deleted by cleanup;
# * items the API cannot create (repositories, tags, charts, chart versions, trigger jobs), found
#   among existing ones (``SuiteOptions.project``/``repository``, else the first listed) and only
#   ever *read*.
#
# A write names only owned items; any other id becomes one that cannot exist ("missing", valid
# against the parameter's schema, so the answer is a 404), so the suite never changes what it did
# not create.  Writes of resources declared ``configuresInstance`` (rename, tags, password, public
# network, VPC links) change# the instance itself: only against the embedded server.


class Estate:
    """The run's fixtures, from the resource model: the instance, discovered items, and the run's own
    items (created, or started: an execution), for both editions."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.contract = ws.contract
        self.model = ws.contract.model
        settings = ws.settings
        self.embedded = settings.embedded
        self.read_only = settings.read_only
        self.instance_option = settings.instance_id
        self.project_option = settings.project
        self.repository_option = settings.repository
        self._instance: str | None = None
        self._discovered: dict[str, dict[str, Any] | None] = {}
        self._own: dict[str, dict[str, Any]] = {}  # resource -> ids of the shared owned item
        self.owned_keys: dict[str, set[str]] = {}
        #: (resource, ids naming the item) in creation order, for cleanup.
        self.created: list[tuple[str, dict[str, Any]]] = []
        self._lock = threading.RLock()
        #: why an operation's ids are not real (operationId -> reason), for "not applicable" notes.
        self.reasons: dict[str, str] = {}

    # ------------------------------------------------------------------ values

    def missing(self, param: dict[str, Any]) -> Any:
        """A value for ``param`` that is valid against its schema and names nothing that exists."""
        from ccr_contract.spec import resolve_ref

        schema = resolve_ref(self.contract.spec, param.get("schema", {}))
        if schema.get("type") == "integer":
            return SENTINEL_ID
        run = self.ws.run_id.lower()
        run = "".join(ch for ch in run if ch.isalnum())[:8].rjust(8, "0")
        name = param["name"]
        candidates = [
            f"ccr-{run}" if name == "instanceId" else None,
            f"ccrconf-{run}-missing",
            f"ccrconf-{run}-missing-0.0.1.tgz",
            f"0.0.1-ccrconf{run}",
            f"ccrconf{run}",
            str(SENTINEL_ID),  # an id written as a string (a numeric-string batch key)
            "192.0.2.255",  # TEST-NET-1 (RFC 5737): an address or CIDR key no account holds
        ]
        for value in candidates:
            if value is not None and self.valid(schema, value):
                return value
        return f"ccrconf-{run}-missing"

    def valid(self, schema: dict[str, Any], value: Any) -> bool:
        return self.contract.fits(schema, value)

    def send(self, op: Any, ids: dict[str, Any], *, query: dict[str, Any] | None = None, body: Any = None) -> Exchange:
        req = self.contract.build(op, ids, query=query, body=body)
        return self.ws.target.send(req.method, req.path, query=req.query, json_body=body, operation=op.operation_id)

    def list_items(
        self, resource: str, ids: dict[str, Any], **query: Any
    ) -> tuple[list[dict[str, Any]], Exchange | None]:
        res = self.model.resources[resource]
        op = res.operation("list")
        if op is None:
            return [], None
        exchange = self.send(op, ids, query={"pageNo": 1, "pageSize": 100, **query})
        data, problem = parse_json(exchange)
        key = res.list_key
        if problem or exchange.status != 200 or not isinstance(data, dict) or not isinstance(data.get(key), list):
            return [], exchange
        return [i for i in data[key] if isinstance(i, dict)], exchange

    def instance(self) -> str:
        with self._lock:
            if self._instance is None:
                if self.instance_option:
                    self._instance = self.instance_option
                else:
                    items, exchange = self.list_items("instances", {})
                    res = self.model.resources["instances"]
                    found = [str(i[res.key]) for i in items if i.get(res.key)]
                    if not found:
                        raise FixtureError(
                            "ListInstances answered no instance to work in (pass --instance-id)", exchange
                        )
                    self._instance = found[0]
            return self._instance

    # ------------------------------------------------------------------ discovered (read-only) items

    def discovered(self, resource: str) -> dict[str, Any] | None:
        """Path ids naming an existing item of ``resource`` (and its ancestors), or None."""
        with self._lock:
            if resource not in self._discovered:
                self._discovered[resource] = self._discover(resource)
            return self._discovered[resource]

    def _discover(self, resource: str) -> dict[str, Any] | None:
        res = self.model.resources[resource]
        chain = self.model.chain(resource)
        if resource == "instances":
            return {"instanceId": self.instance()}
        parent = chain[-2].name if len(chain) > 1 else None
        if parent is None:
            parents: list[dict[str, Any]] = [{}]  # a top-level collection (the Personal Edition's)
        elif parent == "projects" and self.project_option:
            parents = [{"instanceId": self.instance(), "projectName": self.project_option}]
        elif parent == "repositories" and self.project_option and self.repository_option:
            parents = [
                {
                    "instanceId": self.instance(),
                    "projectName": self.project_option,
                    "repositoryName": self.repository_option,
                }
            ]
        elif parent == "instances":
            parents = [{"instanceId": self.instance()}]
        else:
            parents = self.existing_items(parent)
        for ids in parents[:10]:
            items, _ = self.list_items(resource, ids)
            keyed = [i for i in items if res.key and i.get(res.key) not in (None, "")]
            if keyed and res.key_param:
                return {**ids, res.key_param: keyed[0][res.key]}
            if keyed:
                return {**ids, "_key": keyed[0][res.key]}
        return None

    def existing_items(self, resource: str) -> list[dict[str, Any]]:
        """Ids of up to 10 existing items of ``resource`` (the discovered one first)."""
        first = self.discovered(resource)
        if first is None:
            return []
        res = self.model.resources[resource]
        parent_ids = {k: v for k, v in first.items() if k != res.key_param}
        items, _ = self.list_items(resource, parent_ids)
        out = [first]
        for item in items[:10]:
            if res.key_param and item.get(res.key) not in (None, first.get(res.key_param)):
                out.append({**parent_ids, res.key_param: item[res.key]})
        return out

    # ------------------------------------------------------------------ the run's own items

    def may_create(self, resource: str) -> str | None:
        """None when the run may create items of ``resource``; else why not."""
        res = self.model.resources[resource]
        create = res.operation("create")
        if create is None:
            return f"the API cannot create {resource}"
        if self.read_only:
            return "--read-only"
        if self.ws.out_of_scope(create.operation_id):
            return self.ws.out_of_scope(create.operation_id)
        chain = self.model.chain(resource)
        if self.model.resources[resource].configures_instance and not self.embedded:
            return f"{resource} changes the instance's own configuration"
        if len(chain) > 2 and chain[-2].name not in self._creatable_names() and not self.embedded:
            return f"{resource} would be created inside a {chain[-2].name[:-1]} this run did not create"
        return None

    def ruled_out_by_run(self, resource: str) -> bool:
        """Whether :meth:`may_create` refuses ``resource`` because of the run's own settings (filters,
        --read-only, a real account's instance), not because the API cannot create it."""
        res = self.model.resources[resource]
        return res.operation("create") is not None and self.may_create(resource) is not None

    def _creatable_names(self) -> set[str]:
        return {r.name for r in self.model.resources.values() if r.operation("create") is not None}

    def key_name(self, resource: str, label: str) -> str:
        """A key/name for a new item: the run prefix, lower-case, valid for the key's pattern."""
        name = self.ws.name(label).lower()
        return "".join(ch if ch.isalnum() or ch == "-" else "-" for ch in name).strip("-")[:60]

    def create_body(self, resource: str, label: str, parent_ids: dict[str, Any], example: int = 0) -> dict[str, Any]:
        res = self.model.resources[resource]
        op = res.operation("create")
        examples = self.contract.body_examples(op) if op else []
        if not examples:
            raise FixtureError(f"the spec has no request example for creating {resource}")
        body = copy.deepcopy(examples[min(example, len(examples) - 1)][1])
        if not isinstance(body, dict):
            return body
        name = self.key_name(resource, label)
        if res.key_from == "body" and res.key in body and self.valid(self.body_property(op, res.key), name):
            body[res.key] = name  # (an IP address key keeps the example's value)
        if isinstance(body.get("name"), str):
            body["name"] = name
        self.contract.fill_write_only(body, self.ws.password())
        self.ws.own_urls(body)
        self.fill_references(body, resource)
        return body

    def body_property(self, op: Any, name: str) -> dict[str, Any]:
        from ccr_contract.resource_model import properties
        from ccr_contract.spec import resolve_ref

        body = resolve_ref(self.contract.spec, op.definition.get("requestBody") or {})
        schema = (body.get("content") or {}).get("application/json", {}).get("schema")
        return properties(self.contract.spec, schema).get(name, {}) if schema else {}

    def guard_body(self, op: Any, body: Any) -> Any:
        """A write body (in place) that can only make what cleanup finds again: a batch delete's
        ``items`` name only this run's items (others become missing keys); a create's or update's
        name and body key carry the run prefix, staying valid when they were valid and invalid when
        they were not (so a fuzzed case keeps its kind)."""
        res = self.model.owner_of(op.operation_id)
        if res is None or not isinstance(body, dict):
            return body
        self._guard_references(op, res, body)
        key_field = res.update_key  # an update (or a health check) naming its item in the body
        if key_field and key_field in body and not self.owns(res.name, body[key_field]):
            schema = self.body_property(op, key_field)
            if schema and self.valid(schema, body[key_field]):
                body[key_field] = self.missing({"name": key_field, "schema": schema})
        role = self.model.role_of(op.operation_id)
        if role in ("create", "update"):
            fields = {"name"} | ({res.key} if res.key_from == "body" and res.key else set())
            for field in sorted(fields):
                if field in body:
                    body[field] = self._prefixed_name(op, res, field, body[field])
            return body
        if role != "batchDelete":
            return body
        items = body.get("items")
        if isinstance(items, list) and not all(self.owns(res.name, item) for item in items):
            schema = self.body_property(op, "items").get("items", {})
            missing = self.missing({"name": res.key_param or res.key or "items", "schema": schema})
            body["items"] = [item if self.owns(res.name, item) else missing for item in items]
            self.reasons[op.operation_id] = f"{op.operation_id} would delete {res.name} this run did not create"
        return body

    def _guard_references(self, op: Any, res: Any, body: dict[str, Any]) -> None:
        """References a write body makes to other items (its resource's declared ``references``: the
        rule an execution starts, a migration rule's source registry, a sync's destination) name the
        run's own items or the instance under test -- else one that cannot exist; a reference that was
        invalid stays as it was (the case keeps its kind)."""
        owned = copy.deepcopy(body)
        with contextlib.suppress(FixtureError):
            self.fill_references(owned, res.name)
        for key, value in list(body.items()):
            schema = self.body_property(op, key)
            if owned.get(key) != value and schema and self.valid(schema, value):
                body[key] = owned[key]
        # fill_references may name an existing item (right for a fixture, which only reads it); a
        # fuzzed write must not start, copy or point at anything the run did not make.
        for field, ref in res.references.items():
            holder, slot = (body.get(field), ref.key_field) if ref.key_field else (body, field)
            if not isinstance(holder, dict) or slot not in holder:
                continue
            value = holder[slot]
            if "instances" in ref.resources and value == self._home():
                continue
            if any(self.owns(name, value) for name in ref.resources):
                continue
            schema = {} if ref.key_field else self.body_property(op, field)
            if schema and not self.valid(schema, value):
                continue  # an invalid reference names nothing; it stays as the fuzzer made it
            if isinstance(value, int) and not isinstance(value, bool):
                holder[slot] = SENTINEL_ID
            elif isinstance(value, str):
                holder[slot] = self.missing({"name": slot, "schema": schema})

    def _prefixed_name(self, op: Any, res: Any, field: str, value: Any) -> Any:
        """``value`` of a written name field with the run prefix, as valid (or invalid) as it was."""
        from ccr_contract.spec import resolve_ref

        prefix = self.ws.prefix
        if isinstance(value, str) and value.startswith(prefix):
            return value
        schema = resolve_ref(self.contract.spec, self.body_property(op, field))
        if not schema:
            return value
        candidate = prefix + value if isinstance(value, str) else None
        if self.valid(schema, value):
            for option in (candidate, self.key_name(res.name, "fuzz")):
                if option is not None and self.valid(schema, option):
                    return option
            return value  # no prefixed value fits (an address key): the answer's key is recorded instead
        for option in (candidate, self.ws.invalid_name()):
            if option is not None and not self.valid(schema, option):
                return option
        return value

    def record_write_answer(self, op: Any, path_ids: dict[str, Any], body: Any, status: int, data: Any) -> Any:
        """A 2xx to a create sent by someone else (schemathesis, a check's own request): the new item is
        owned and cleaned up.  Its key, or None."""
        res = self.model.owner_of(op.operation_id)
        if res is None or self.model.role_of(op.operation_id) != "create" or not 200 <= status < 300:
            return None
        parent_ids = {k: v for k, v in path_ids.items() if k != "_key"}
        try:
            key = self.key_of_created(res, parent_ids, body, data)
        except Exception:  # a lookup that fails leaves the item to the prefix sweep
            key = None
        if key in (None, ""):
            return None
        self.record(res.name, {**parent_ids, (res.key_param or "_key"): key})
        return key

    def fill_references(self, body: dict[str, Any], resource: str | None) -> None:
        """Point the references a body of ``resource`` holds (its ``x-bce-resources`` ``references``:
        a registry, a project, an instance, the rule an execution runs) at items of this run, or --
        when the run may not make one -- at an existing item (a reference only reads it), in place.
        Raises :class:`FixtureError` when a referenced resource has no item to name."""
        res = self.model.resources.get(resource) if resource else None
        for field, ref in (res.references if res is not None else {}).items():
            if field not in body or (ref.key_field and not isinstance(body[field], dict)):
                continue
            key = self.reference_key(ref.resources)
            if ref.key_field:
                body[field][ref.key_field] = key
            else:
                body[field] = key

    def reference_key(self, resources: tuple[str, ...]) -> Any:
        """The key of the first of ``resources`` the run has (or may make) an item of, else of an
        existing one; the instance under test for ``instances``."""
        for name in resources:
            if name == "instances":
                return self.instance()
            target = self.model.resources[name]
            ids = self.own(name) if not self.may_create(name) else None
            if ids:
                key = ids.get(target.key_param or "_key")
                return int(key) if target.key_from == "sequence" else key
        for name in resources:
            target = self.model.resources[name]
            found = self.discovered(name)
            if found and found.get(target.key_param or "_key") is not None:
                return found[target.key_param or "_key"]
        reasons = [f"{name}: {self.may_create(name)}" for name in resources if self.may_create(name)]
        raise FixtureError(
            f"no {' or '.join(resources)} item to reference" + (f" ({'; '.join(reasons)})" if reasons else ""),
            ruled_out=any(self.ruled_out_by_run(name) for name in resources),
        )

    def create(
        self, resource: str, label: str, body: dict[str, Any] | None = None, parent_ids: dict[str, Any] | None = None
    ) -> tuple[dict[str, Any], Exchange]:
        """Create an item; returns the ids naming it (ancestors and key) and the create exchange."""
        reason = self.may_create(resource)
        if reason:
            raise FixtureError(f"cannot create {resource}: {reason}", ruled_out=self.ruled_out_by_run(resource))
        res = self.model.resources[resource]
        op = res.operation("create")
        assert op is not None
        if parent_ids is None:
            parent_ids = self.parent_ids(resource)
        if body is None:
            body = self.create_body(resource, label, parent_ids)
        exchange = self.send(op, parent_ids, body=body)
        data, problem = parse_json(exchange)
        if exchange.status is None or not 200 <= exchange.status < 300:
            raise FixtureError(
                f"could not create a fixture with {op.operation_id}: {problem or f'HTTP {exchange.status}'}",
                exchange,
                refused=exchange.status != 409,  # a conflict: the key is taken (an address key), not a fault
            )
        key = self.key_of_created(res, parent_ids, body, data)
        if key is None:
            raise FixtureError(f"{op.operation_id} answered 2xx but the new item is not listed", exchange)
        ids = {**parent_ids, (res.key_param or "_key"): key}
        self.record(resource, ids)
        return ids, exchange

    def key_of_created(self, res: Any, parent_ids: dict[str, Any], body: Any, data: Any) -> Any:
        if res.key_from == "body" and isinstance(body, dict) and res.key in body:
            return body[res.key]
        create = res.operation("create")
        if create is not None and self.contract.actions(create):
            # a create declaring ``x-bce-action`` answers ``{action, targetName}``, the new key as a
            # string (spec/EXTENSIONS.md): nothing to look up
            target = str(data.get("targetName", "")) if isinstance(data, dict) else ""
            if res.key_from == "sequence":
                return int(target) if target.isdigit() else None
            return target or None
        if isinstance(data, dict) and data.get(res.key) not in (None, ""):
            return data[res.key]
        name = body.get("name") if isinstance(body, dict) else None
        items, _ = self.list_items(res.name, parent_ids)
        for item in items:
            if name is not None and item.get("name") == name:
                return item.get(res.key)
        return None

    def record(self, resource: str, ids: dict[str, Any]) -> None:
        res = self.model.resources[resource]
        with self._lock:
            self.created.append((resource, dict(ids)))
            key = ids.get(res.key_param or "_key")
            self.owned_keys.setdefault(resource, set()).add(str(key))

    def owns(self, resource: str, key: Any) -> bool:
        with self._lock:
            return str(key) in self.owned_keys.get(resource, set())

    def adopt(self, resource: str, key: Any) -> None:
        """Own an item the run did not create itself (an execution its own policy started)."""
        with self._lock:
            self.owned_keys.setdefault(resource, set()).add(str(key))

    def owned(self, resource: str) -> list[str]:
        """Keys (as strings) of the items of ``resource`` the run owns."""
        with self._lock:
            return sorted(self.owned_keys.get(resource, set()))

    def own(self, resource: str) -> dict[str, Any] | None:
        """The run's shared item of ``resource`` (created on first use), or None when it may not be."""
        with self._lock:
            if resource not in self._own:
                if self.may_create(resource):
                    return None
                self._own[resource], _ = self.create(resource, "shared")
            return self._own[resource]

    def parent_ids(self, resource: str) -> dict[str, Any]:
        """Ids naming the parent a new item of ``resource`` goes into (the run's own when it can)."""
        chain = self.model.chain(resource)
        if len(chain) == 1:
            return {}
        parent = chain[-2].name
        if parent == "instances":
            return {"instanceId": self.instance()}
        ids = self.own(parent) or self.discovered(parent)
        if ids is None:
            raise FixtureError(f"no {parent} to create {resource} in")
        return {k: v for k, v in ids.items() if k != "_key"}

    def source_reference(self, res: Any) -> tuple[str, Any]:
        """``(field, reference)`` naming the item an execution of ``res`` runs: the declared reference
        to its ``sources`` (a migration rule or sync, a Personal policy)."""
        for field, ref in res.references.items():
            if set(ref.resources) & set(res.sources):
                return field, ref
        raise FixtureError(f"x-bce-resources.{res.name} declares no reference to its sources")

    def started_execution(
        self, resource: str, source_ids: dict[str, Any] | None = None
    ) -> tuple[dict[str, Any], Exchange]:
        """Start an item of ``resource`` (its ``execution-start`` behaviour) from the source item
        ``source_ids`` (the run's shared one when None); the ids naming the new execution.

        The source's key travels where the start operation takes it: a path parameter named like the
        reference (Personal ``/policies/{policyId}/start``) or a body field (Enterprise
        ``{policyId}``).  The new execution is the one the list shows that it did not show before."""
        res = self.model.resources[resource]
        field, ref = self.source_reference(res)
        op = self.contract.by_id[behaviour_operation(res, "execution-start")]
        if self.ws.out_of_scope(op.operation_id):
            raise FixtureError(f"cannot start an execution: {self.ws.out_of_scope(op.operation_id)}", ruled_out=True)
        if source_ids is None:
            name = next((n for n in ref.resources if not self.may_create(n)), None)
            source_ids = self.own(name) if name is not None else None
            if source_ids is None:
                reasons = "; ".join(f"{n}: {self.may_create(n)}" for n in ref.resources)
                raise FixtureError(
                    f"cannot start an execution: {reasons}",
                    ruled_out=any(self.ruled_out_by_run(n) for n in ref.resources),
                )
            source = self.model.resources[name]
        else:
            source = self.model.resources[ref.resources[0]]
        key = source_ids.get(source.key_param or "_key")
        if source.key_from == "sequence" and str(key).isdigit():
            key = int(key)
        parent = self.parent_ids(resource)
        if res.busy is not None and res.busy.exclusive:
            # a source that is running cannot start again (409, ExecuteImageMigration): end its run first
            self._stop_busy(source.name, source_ids)
        narrow = next((f.param for f in res.filters if f.field == field and f.match == "equals"), None)
        query = {narrow: key} if narrow else {}
        before = {str(i.get(res.key)) for i in self.list_items(resource, parent, **query)[0]}
        in_path = field in PARAM_RE.findall(op.path)
        body = None if in_path or not self.body_property(op, field) else {field: key}
        exchange = self.send(op, {**parent, **({field: key} if in_path else {})}, body=body)
        if exchange.status is None or not 200 <= exchange.status < 300:
            raise FixtureError(
                f"could not start with {op.operation_id}: {exchange.error or exchange.status}", exchange, refused=True
            )
        items, listed = self.list_items(resource, parent, **query)
        new = [int(i[res.key]) for i in items if str(i.get(res.key)) not in before and str(i.get(res.key)).isdigit()]
        if not new:
            lister = res.operation("list")
            raise FixtureError(
                f"{op.operation_id} answered 2xx but {lister.operation_id if lister else 'the list'} "
                "shows no new execution",
                listed or exchange,
            )
        for item_key in new:
            self.adopt(resource, item_key)
        return {**parent, (res.key_param or "_key"): max(new)}, exchange

    def starts(self, resource: str) -> bool:
        """Whether items of ``resource`` are made by an ``execution-start`` behaviour, not a create."""
        return "execution-start" in self.model.resources[resource].behaviours.values()

    # ------------------------------------------------------------------ ids for an operation

    def context_for(self, resource: str, write: bool) -> dict[str, Any] | None:
        """Ids naming an item of ``resource``: the run's own when it has or may make one, else (for
        reads) a discovered one."""
        res = self.model.resources[resource]
        if self.starts(resource):
            with self._lock:
                if resource not in self._own:
                    try:
                        sources = self.source_reference(res)[1].resources
                        startable = any(not self.may_create(n) for n in sources)
                        self._own[resource] = self.started_execution(resource)[0] if startable else None  # type: ignore[assignment]
                    except FixtureError:
                        self._own[resource] = None  # type: ignore[assignment]
                if self._own.get(resource):
                    return self._own[resource]
        elif resource == "executionTasks":
            parent = self.context_for("executions", write)
            if parent:
                items, _ = self.list_items("executionTasks", parent)
                if items:
                    return {**parent, "taskId": items[0].get("id")}
        elif not self.may_create(resource) and res.operation("create") is not None:
            return self.own(resource)
        if resource == "triggerJobs":
            own = self.own("triggers")
            if own:
                items, _ = self.list_items("triggerJobs", own)
                if items:
                    return {**own, "jobId": items[0].get("id")}
        if resource == "projects" and not write and self.discovered("repositories"):
            return self.discovered("projects")
        return self.discovered(resource)

    def param_owners(self, res: Any, chain: list[Any], params: list[str]) -> list[Any]:
        """The resource whose item each of ``params`` (an operation of ``res``) names: the chain's
        item at that place, or -- for a parameter that is one of ``res``'s declared references (the
        Personal start's ``{policyId}``) -- the referenced resource."""
        owners = []
        for i, name in enumerate(params):
            owner = chain[i] if i < len(chain) else chain[-1]
            ref = res.references.get(name)
            if ref is not None and ref.key_field is None and owner.key_param != name:
                owner = self.model.resources[ref.resources[0]]
            owners.append(owner)
        return owners

    def _referenced_value(self, ref: Any, write: bool) -> Any:
        """The key of the item a reference-valued parameter should name (the run's own, else a
        discovered one for a read), or None."""
        target = self.model.resources[ref.resources[0]]
        context = self.context_for(target.name, write)
        return (context or {}).get(target.key_param or "_key")

    def ids_for(self, op: Any, fresh: dict[str, Any] | None = None) -> dict[str, Any]:
        """Values for every path parameter (and required query parameter) of ``op``.

        Reads name discovered or owned items; writes name owned items only (anything else becomes
        a missing id), and instance-level writes name the instance only against the embedded server.
        """
        res = self.model.owner_of(op.operation_id)
        assert res is not None
        write = not self.contract.is_read(op)
        chain = self.model.chain(res.name)
        in_instance = chain[0].name == "instances"
        params = PARAM_RE.findall(op.path)
        owners = self.param_owners(res, chain, params)
        required = [p for p in op.parameters if p.get("in") == "query" and p.get("required")]
        by_reference = {p["name"]: res.references[p["name"]] for p in required if p["name"] in res.references}
        ids: dict[str, Any] = {}
        why: str | None = None
        if params or len(required) > len(by_reference):
            # the deepest resource the path names
            leaf = owners[min(len(params), len(chain)) - 1].name if params else chain[0].name
            try:
                context = self.context_for(leaf, write) if leaf != "instances" else {"instanceId": self.instance()}
            except FixtureError as exc:
                if exc.refused:
                    raise
                context, why = None, exc.message
            context = dict(context or {})
            if in_instance and "instanceId" not in context:
                try:
                    context["instanceId"] = self.instance()
                except FixtureError as exc:
                    why = exc.message
            for i, name in enumerate(params):
                param = next((p for p in op.parameters if p["name"] == name), {"name": name, "schema": {}})
                value = context.get(name)
                if value is None and i < len(chain) and chain[i].key_param is None and "_key" in context:
                    value = context["_key"]
                if value is None:
                    # Neither owned nor discovered: the spec's example (a read) or a missing id; either
                    # way the target may hold no such item, which a 404 then reports.
                    why = why or f"no {owners[i].name} item to name in {name}"
                    value = self.contract.param_example(param) if not write else None
                    if value is None:
                        value = self.missing(param)
                ids[name] = value
            for param in required:
                if param["name"] not in ids and param["name"] not in by_reference:
                    value = context.get(param["name"], self.contract.param_example(param))
                    if value is not None:
                        ids[param["name"]] = value
        for name, ref in by_reference.items():
            # a required query parameter naming a referenced item (ListExecutions' policyId)
            try:
                value = self._referenced_value(ref, write)
            except FixtureError as exc:
                if exc.refused:
                    raise
                value, why = None, why or exc.message
            if value is None:
                why = why or f"no {ref.resources[0]} item to name in {name}"
                param = next(p for p in required if p["name"] == name)
                value = self.contract.param_example(param) if not write else self.missing(param)
            if value is not None:
                ids[name] = value
        if fresh:
            ids.update(fresh)
        if write:
            ids, why2 = self.guard(op, res, chain, params, ids)
            why = why or why2
        if why:
            self.reasons[op.operation_id] = why
        else:
            self.reasons.pop(op.operation_id, None)
        return ids

    def guard(
        self, op: Any, res: Any, chain: list[Any], params: list[str], ids: dict[str, Any]
    ) -> tuple[dict[str, Any], str | None]:
        """A write's ids with everything the run may not change replaced.

        The instance becomes the one under test (instance-level writes: a missing one, except on the
        embedded server); an ancestor the run does not own (a namespace a create goes into) becomes
        the run's own item of that resource when it has one, else a missing id; the item the write
        names, when not owned, a missing id.  So a fuzzed write reaches a real parent -- a create is
        really judged there, under the run's prefix (:meth:`guard_body`) -- and never an item the run
        did not create."""
        why = None
        ids = dict(ids)
        in_instance = params[:1] == ["instanceId"]
        home = self._home() if in_instance else None
        if in_instance:
            if res.configures_instance and not self.embedded:
                ids["instanceId"] = self.missing({"name": "instanceId", "schema": self._schema(op, "instanceId")})
                why = f"{op.operation_id} changes the instance's own configuration (embedded server only)"
            elif ids.get("instanceId") != home:
                ids["instanceId"] = (
                    home
                    if home is not None
                    else self.missing({"name": "instanceId", "schema": self._schema(op, "instanceId")})
                )
        real_parent = in_instance and ids.get("instanceId") == home and home is not None
        parents = self._owned_ancestors(chain, params) if real_parent else {}
        owners = self.param_owners(res, chain, params)
        for i, name in enumerate(params):
            owner = owners[i]
            if (i == 0 and in_instance) or name == "filename" or owner.name in ("instances",):
                continue
            if owner.name in ("executions", "executionTasks", "triggerJobs") and (
                self.owns(owner.name, ids.get(name)) or owner.name == "executionTasks"
            ):
                continue
            if not self.owns(owner.name, ids.get(name)):
                if name in parents and i < len(chain) - 1:
                    ids[name] = parents[name]  # an ancestor: the run's own one
                    continue
                ids[name] = self.missing({"name": name, "schema": self._schema(op, name)})
                why = why or f"{op.operation_id} would change a {owner.name} item this run did not create"
        return ids, why

    def _home(self) -> str | None:
        """The instance under test, or None when the target names none."""
        if self._instance is not None:
            return self._instance
        try:
            return self.instance()
        except FixtureError:
            return None

    def _owned_ancestors(self, chain: list[Any], params: list[str]) -> dict[str, Any]:
        """Path ids of the deepest run-owned shared item among ``chain``'s ancestors named by ``params``
        (in the instance under test), or {} when the run owns none."""
        with self._lock:
            for depth in range(min(len(chain) - 1, len(params)) - 1, 0, -1):
                own = self._own.get(chain[depth].name)
                if own and own.get("instanceId") == self._instance:
                    return {k: v for k, v in own.items() if k != "_key"}
        return {}

    def _schema(self, op: Any, name: str) -> dict[str, Any]:
        param = next((p for p in op.parameters if p["name"] == name), {})
        return param.get("schema", {})

    # ------------------------------------------------------------------ cleanup

    def cleanup(self, more: list[tuple[str, dict[str, Any]]] | None = None) -> list[str]:
        """Delete what the run created (newest first; ``more``: items recorded elsewhere, by resource
        and ids), then sweep every top-level collection of both editions for items named with the run
        prefix that no sender recorded (a create whose answer named no key, a fuzzed write a lenient
        server accepted).  A delete answered 409 is retried once everything else is gone.  Returns
        problems as sentences; never raises."""
        problems: list[str] = []
        with self._lock:
            created = list(reversed(self.created))
            self.created.clear()
        retry: list[tuple[str, dict[str, Any]]] = []
        done: set[tuple[str, str]] = set()

        def remove(entries: list[tuple[str, dict[str, Any]]]) -> None:
            for resource, ids in entries:
                mark = (resource, repr(sorted(ids.items(), key=str)))
                if mark in done:
                    continue
                done.add(mark)
                exchange = self._delete(resource, ids)
                if exchange is None or exchange.status in (200, 204, 404):
                    continue
                if exchange.status == 409:
                    retry.append((resource, ids))  # still referenced by something deleted after it
                else:
                    problems.append(f"could not delete {resource} {ids}: {exchange.error or exchange.status}")

        remove([*created, *(more or [])])
        remove(self._prefixed())  # listed after the recorded items are gone: only what nobody recorded
        for resource, ids in retry:
            exchange = self._delete(resource, ids)
            if exchange is not None and exchange.status not in (200, 204, 404):
                problems.append(f"could not delete {resource} {ids}: {exchange.error or exchange.status}")
        return problems

    def _delete(self, resource: str, ids: dict[str, Any]) -> Exchange | None:
        res = self.model.resources[resource]
        op = res.operation("delete")
        if op is None:
            batch = res.operation("batchDelete")
            if batch is None:
                return None
            return self.send(batch, ids, body={"items": [ids.get(res.key_param or "_key")]})
        exchange = self.send(op, ids)
        if exchange.status == 409 and self._stop_busy(resource, ids):
            exchange = self.send(op, ids)
        if exchange.status == 409 and self._release(resource, ids):
            exchange = self.send(op, ids)
        return exchange

    def _release(self, resource: str, ids: dict[str, Any]) -> bool:
        """Delete the items whose declared reference (x-bce-resources ``references``) names the run's
        item ``ids`` -- a migration rule a fuzzed create pointed at the run's registry: only the run
        can have made them.  Whether any was deleted."""
        res = self.model.resources[resource]
        key_param = res.key_param or "_key"
        key, parent = ids.get(key_param), {k: v for k, v in ids.items() if k != key_param}
        released = False
        for other in self.model.resources.values():
            if other.parent != res.parent or other.key_param is None:
                continue
            for ref in other.references.values():
                if resource not in ref.resources or ref.on_delete == "keep":
                    continue
                items, _ = self.list_items(other.name, parent)
                for item in items:
                    if str(ref.key_of(item.get(ref.field))) == str(key):
                        released = True
                        self._delete(other.name, {**parent, other.key_param: item.get(other.key)})
        return released

    def _prefixed(self) -> list[tuple[str, dict[str, Any]]]:
        """``(resource, ids)`` of every listed item of a top-level collection (the Personal Edition's,
        and the instance-level ones of the run's instance) whose name carries the run prefix; deeper
        items go with their run-made parents.  A declared name filter narrows each list to the prefix."""
        if self.read_only:
            return []
        prefix = self.ws.prefix
        personal = {res.name for res in self.contract.personal_resources}
        found: list[tuple[str, dict[str, Any]]] = []
        for res in self.model.resources.values():
            deletable = res.operation("delete") or res.operation("batchDelete")
            if res.operation("create") is None or deletable is None or not res.key:
                continue
            if res.name in personal:
                parent: dict[str, Any] = {}
            elif res.parent == "instances" and self._instance is not None:
                parent = {"instanceId": self._instance}
            else:
                continue
            if res.configures_instance and not self.embedded:
                continue  # never written on a real account, nothing to sweep
            by_name = next(
                (f.param for f in res.filters if f.field == "name" and f.match in ("contains", "substring")), None
            )
            items, _ = self.list_items(res.name, parent, **({by_name: prefix} if by_name else {}))
            for item in items:
                name = item.get("name", item.get(res.key))
                if isinstance(name, str) and name.startswith(prefix) and item.get(res.key) not in (None, ""):
                    found.append((res.name, {**parent, res.key_param or "_key": item[res.key]}))
        return found

    def _stop_busy(self, resource: str, ids: dict[str, Any]) -> bool:
        """Stop every busy item (``busy`` in its declaration, e.g. a running execution) whose declared
        reference names the item ``ids`` of ``resource``: what keeps that item from being deleted
        (409).  Whether any was stopped."""
        res = self.model.resources[resource]
        key_param = res.key_param or "_key"
        key, parent = ids.get(key_param), {k: v for k, v in ids.items() if k != key_param}
        stopped = False
        for other in self.model.resources.values():
            stop_id = next((op for op, name in other.behaviours.items() if name == "execution-stop"), None)
            if other.busy is None or stop_id is None or other.key is None:
                continue
            stop = self.contract.by_id[stop_id]
            for ref in other.references.values():
                if resource not in ref.resources:
                    continue
                narrow = next((f.param for f in other.filters if f.field == ref.field and f.match == "equals"), None)
                query = {narrow: key} if narrow else {}
                items, _ = self.list_items(other.name, parent, **query)
                for item in items:
                    if str(ref.key_of(item.get(ref.field))) == str(key) and item.get("status") in self._running():
                        self.send(stop, {**parent, other.key_param or "_key": item.get(other.key)})
                        stopped = True
        return stopped

    def _running(self) -> set[str]:
        """Status values of a run still going (every ``x-bce-lifecycle``'s initial state)."""
        return {lifecycle.initial for lifecycle in self.contract.lifecycles().values()}


def record_fixture_error(results: Any, check_id: str, exc: FixtureError, operation: str | None = None) -> None:
    """The one way a check reports a fixture it could not get: a finding when the server refused it,
    "not applicable" (with the reason) when the run's own settings ruled the fixture out."""
    if exc.ruled_out:
        results.not_applicable(check_id, exc.message, operation)
    else:
        results.failed(check_id, operation or exc.operation, f"could not make a fixture: {exc.message}", exc.exchange)


def behaviour_operation(res: Any, name: str) -> str:
    """The operationId of ``res``'s behaviour ``name``."""
    for op_id, behaviour in res.behaviours.items():
        if behaviour == name:
            return op_id
    raise FixtureError(f"x-bce-resources.{res.name} has no {name} behaviour")
