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

import secrets
import threading
from typing import Any

from ccr_conformance.contract import PARAM_RE, Contract
from ccr_conformance.registry_stub import replace_urls, url_fields
from ccr_conformance.results import RUN_SCOPE, Exchange
from ccr_conformance.target import Target, parse_json

MAX_SWEEP_PAGES = 50


class FixtureError(Exception):
    """A fixture could not be made; carries the exchange that shows why."""

    def __init__(self, message: str, exchange: Exchange | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.exchange = exchange

    @property
    def operation(self) -> str:
        """The operation whose answer showed the problem (the run, when nothing was sent)."""
        return self.exchange.operation if self.exchange is not None else RUN_SCOPE


def new_run_id() -> str:
    return secrets.token_hex(4)


class Workspace:
    def __init__(self, target: Target, contract: Contract, run_id: str | None = None) -> None:
        self.target = target
        self.contract = contract
        self.run_id = run_id or new_run_id()
        self.prefix = f"ccrconf-{self.run_id}-"
        self.marker = f"ccrconfpw{self.run_id}"
        self.created: list[tuple[str, int]] = []
        self._owned: dict[str, set[int]] = {}
        self._shared: dict[str, int] = {}
        self._lock = threading.RLock()
        self._counter = 0
        self.max_name = contract.max_name_length
        #: The run's registry (set by the runner); valid registry URLs in written bodies become this.
        self.registry_url: str | None = None
        self.url_fields = url_fields(contract.spec)

    # ------------------------------------------------------------------ names, passwords, ownership

    def name(self, label: str) -> str:
        with self._lock:
            self._counter += 1
            n = self._counter
        return (self.prefix + f"{n}-{label}")[: self.max_name]

    def password(self) -> str:
        return self.marker + secrets.token_hex(6)

    def adopt(self, collection: str, item_id: int) -> None:
        with self._lock:
            self._owned.setdefault(collection, set()).add(int(item_id))

    def owns(self, collection: str, item_id: Any) -> bool:
        try:
            value = int(item_id)
        except (TypeError, ValueError):
            return False
        with self._lock:
            return value in self._owned.get(collection, set())

    def owned(self, collection: str) -> list[int]:
        with self._lock:
            return sorted(self._owned.get(collection, set()))

    # ------------------------------------------------------------------ creating

    def body_for(self, collection: str, label: str, example: int = 0) -> dict[str, Any]:
        """A create body from the spec's create example: prefixed name, marker password, references
        to this run's own fixtures."""
        op = self.contract.op_for(collection, "create")
        if op is None:
            raise FixtureError(f"the spec has no create operation for {collection}")
        examples = self.contract.body_examples(op)
        if not examples:
            raise FixtureError(f"{op.operation_id} has no request example to build a fixture from")
        body = examples[min(example, len(examples) - 1)][1]
        return self.personalise(body, label)

    def personalise(self, body: Any, label: str) -> Any:
        """Give an example body this run's name, password, registry URL and fixture references (in place)."""
        if not isinstance(body, dict):
            return body
        if isinstance(body.get("name"), str):
            body["name"] = self.name(label)
        self.contract.fill_write_only(body, self.password())
        self.own_urls(body)
        for field, param in self.contract.reference_fields.items():
            if isinstance(body.get(field), dict) and "id" in body[field]:
                kind = self.contract.kind_of_param(param)
                if kind:
                    body[field]["id"] = self.shared(kind)
        return body

    def own_urls(self, body: Any) -> None:
        """Point every valid registry URL in ``body`` (in place) at the run's registry, when it has one."""
        if self.registry_url:
            replace_urls(body, self.url_fields, self.registry_url)

    def create(self, collection: str, label: str, body: dict[str, Any] | None = None) -> tuple[int, Exchange]:
        op = self.contract.op_for(collection, "create")
        if op is None:
            raise FixtureError(f"the spec has no create operation for {collection}")
        body = body if body is not None else self.body_for(collection, label)
        request = self.contract.build(op, body=body)
        exchange = self.target.send(
            request.method, request.path, query=request.query, json_body=body, operation=op.operation_id
        )
        data, problem = parse_json(exchange)
        if exchange.status is None or not 200 <= exchange.status < 300 or problem:
            raise FixtureError(
                f"could not create a fixture with {op.operation_id}: "
                + (problem or f"HTTP {exchange.status}")
                + (f" ({exchange.error})" if exchange.error and not problem else ""),
                exchange,
            )
        target_name = data.get("targetName") if isinstance(data, dict) else None
        try:
            item_id = int(str(target_name))
        except ValueError:
            raise FixtureError(f"{op.operation_id} answered targetName {target_name!r}, not an id", exchange) from None
        self.record_created(collection, item_id)
        return item_id, exchange

    def record_create_answer(self, op: Any, status: int | None, data: Any) -> int | None:
        """The one place a create's answer is turned into an owned item: a 2xx to ``op`` (when it is a
        create) whose ``targetName`` is an id.  Every sender (the families, schemathesis's
        ``after_call``) goes through here, so whatever the server created is deleted by :meth:`cleanup`."""
        if status is None or not 200 <= status < 300 or self.contract.actions(op)[:1] != ["create"]:
            return None
        collection = self.contract.collection_of(op)
        target_name = str(data.get("targetName", "")) if isinstance(data, dict) else ""
        if collection is None or not target_name.isdigit():
            return None
        self.record_created(collection, int(target_name))
        return int(target_name)

    def record_exchange(self, op: Any, exchange: Exchange) -> int | None:
        """:meth:`record_create_answer` for an exchange the suite sent."""
        if exchange.status is None or not 200 <= exchange.status < 300:
            return None
        data, problem = parse_json(exchange)
        return None if problem else self.record_create_answer(op, exchange.status, data)

    def invalid_name(self) -> str:
        """A name the spec rejects (longer than any ``maxLength``) that still starts with the run
        prefix: a lenient server that truncates and accepts it leaves an item cleanup can find."""
        return self.prefix + "x" * (self.max_name * 2)

    def record_created(self, collection: str, item_id: int) -> None:
        """Remember an item this run created (it is owned, and deleted by :meth:`cleanup`)."""
        with self._lock:
            self.created.append((collection, int(item_id)))
        self.adopt(collection, item_id)

    def shared(self, collection: str) -> int:
        """One fixture per collection, created on first use and reused by read-only checks."""
        with self._lock:
            if collection not in self._shared:
                self._shared[collection], _ = self.create(collection, "shared")
            return self._shared[collection]

    def ids_for(self, op: Any, fresh: dict[str, int] | None = None) -> dict[str, int]:
        """Values for ``op``'s path and required query parameters that name this run's own fixtures
        (``fresh`` overrides by parameter name)."""
        ids: dict[str, int] = {}
        for param in op.parameters:
            name = param["name"]
            if param.get("in") not in ("path", "query") or (param.get("in") == "query" and not param.get("required")):
                continue
            if fresh and name in fresh:
                ids[name] = fresh[name]
                continue
            kind = self.contract.kind_of_param(name)
            if kind is None:
                continue
            ids[name] = self.shared(kind) if self.contract.op_for(kind, "create") else self.started(kind)[0]
        return ids

    def started(self, collection: str, parent_id: int | None = None) -> tuple[int, Exchange]:
        """A new item of a collection that is filled by a ``start`` action (executions): start the
        parent (this run's shared fixture unless ``parent_id``), then take the newest listed item."""
        start = next((op for op in self.contract.operations if "start" in self.contract.actions(op)), None)
        listing = self.contract.list_op(collection)
        if start is None or listing is None:
            raise FixtureError(f"the spec has no start operation that fills {collection}")
        param = PARAM_RE.findall(start.path)[-1]
        parent_kind = self.contract.kind_of_param(param)
        if parent_id is None:
            if parent_kind is None:
                raise FixtureError(f"cannot tell which collection {start.operation_id} starts")
            parent_id = self.shared(parent_kind)
        request = self.contract.build(start, {param: parent_id})
        exchange = self.target.send(request.method, request.path, query=request.query, operation=start.operation_id)
        if exchange.status is None or not 200 <= exchange.status < 300:
            raise FixtureError(
                f"could not start with {start.operation_id}: {exchange.error or exchange.status}", exchange
            )
        request = self.contract.build(listing, {param: parent_id}, query={"pageSize": 100})
        exchange = self.target.send(request.method, request.path, query=request.query, operation=listing.operation_id)
        data, problem = parse_json(exchange)
        items = data.get("result") if isinstance(data, dict) else None
        if problem or exchange.status != 200 or not isinstance(items, list):
            raise FixtureError(f"could not list {collection}: {problem or exchange.status}", exchange)
        ids = [int(i["id"]) for i in items if isinstance(i, dict) and isinstance(i.get("id"), int)]
        if not ids:
            raise FixtureError(f"{start.operation_id} answered 2xx but {listing.operation_id} lists nothing", exchange)
        for item_id in ids:
            self.adopt(collection, item_id)
        return max(ids), exchange

    # ------------------------------------------------------------------ removing

    def delete(self, collection: str, item_id: int) -> Exchange | None:
        op = self.contract.op_for(collection, "delete")
        if op is None:
            return None
        params = PARAM_RE.findall(op.path)
        request = self.contract.build(op, {params[-1]: item_id} if params else {})
        return self.target.send(request.method, request.path, query=request.query, operation=op.operation_id)

    def delete_hard(self, collection: str, item_id: int) -> Exchange | None:
        """Delete; on 409 stop the item's running children (a policy's executions) and retry once."""
        exchange = self.delete(collection, item_id)
        if exchange is None or exchange.status != 409:
            return exchange
        self.stop_children(collection, item_id)
        return self.delete(collection, item_id)

    def stop_children(self, collection: str, item_id: int) -> None:
        contract = self.contract
        start = next((op for op in contract.operations if "start" in contract.actions(op)), None)
        stop = next((op for op in contract.operations if "stop" in contract.actions(op)), None)
        if start is None or stop is None:
            return
        param = PARAM_RE.findall(start.path)[-1]
        stop_param = PARAM_RE.findall(stop.path)[-1]
        child_kind = contract.kind_of_param(stop_param)
        if contract.kind_of_param(param) != collection or child_kind is None:
            return
        listing = contract.list_op(child_kind)
        if listing is None:
            return
        request = contract.build(listing, {param: item_id}, query={"pageSize": 100})
        exchange = self.target.send(request.method, request.path, query=request.query, operation=listing.operation_id)
        data, problem = parse_json(exchange)
        running = contract.lifecycle.initial
        for item in (data.get("result") or []) if isinstance(data, dict) and not problem else []:
            if isinstance(item, dict) and item.get("status") == running and isinstance(item.get("id"), int):
                req = contract.build(stop, {stop_param: item["id"]})
                self.target.send(req.method, req.path, query=req.query, operation=stop.operation_id)

    def cleanup(self) -> list[str]:
        """Delete what the run created (newest first), then sweep anything else carrying the prefix.

        Returns problems as sentences; never raises.  404 counts as gone.
        """
        problems: list[str] = []
        with self._lock:
            created = list(reversed(self.created))
            self.created.clear()
        if getattr(self.target, "broken_transport", False):
            # The server hangs, resets or floods: do not wait out a timeout per leftover.
            return [f"{len(created)} created items were not deleted: the server stopped answering"] if created else []
        retry: list[tuple[str, int]] = []
        for collection, item_id in dict.fromkeys(created):
            exchange = self.delete_hard(collection, item_id)
            if exchange is not None and exchange.status == 409:
                retry.append((collection, item_id))  # still referenced by something the sweep removes
            elif exchange is not None and exchange.status not in (200, 204, 404):
                problems.append(f"could not delete {collection}/{item_id}: {exchange.error or exchange.status}")
        for collection in reversed(self.contract.creatable()):
            try:
                leftovers = self.find_prefixed(collection)
            except FixtureError as exc:
                problems.append(exc.message)
                continue
            for item_id in leftovers:
                exchange = self.delete_hard(collection, item_id)
                if exchange is not None and exchange.status not in (200, 204, 404):
                    problems.append(f"could not delete {collection}/{item_id}: {exchange.error or exchange.status}")
        for collection, item_id in retry:
            exchange = self.delete_hard(collection, item_id)
            if exchange is not None and exchange.status not in (200, 204, 404):
                problems.append(f"could not delete {collection}/{item_id}: {exchange.error or exchange.status}")
        return problems

    def find_prefixed(self, collection: str) -> list[int]:
        """Ids of every listed item of ``collection`` whose name starts with the run prefix."""
        op = self.contract.list_op(collection)
        if op is None:
            return []
        names = {p["name"] for p in op.parameters}
        query: dict[str, Any] = {"pageSize": 100}
        if "keyword" in names:
            query["keyword"] = self.prefix
        found: list[int] = []
        for page in range(1, MAX_SWEEP_PAGES + 1):
            query["pageNo"] = page
            request = self.contract.build(op, query=dict(query))
            exchange = self.target.send(request.method, request.path, query=request.query, operation=op.operation_id)
            data, problem = parse_json(exchange)
            if problem or exchange.status != 200 or not isinstance(data, dict):
                raise FixtureError(f"could not list {collection} to clean up: {problem or exchange.status}", exchange)
            items = data.get("result") or []
            for item in items:
                if isinstance(item, dict) and str(item.get("name", "")).startswith(self.prefix) and "id" in item:
                    found.append(int(item["id"]))
            total = data.get("totalCount")
            if not items or not isinstance(total, int) or page * 100 >= total:
                break
        return found
