"""What each CCR operation does, keyed by the spec's ``operationId``.

A handler receives the already-validated request (typed parameters, checked body) and returns
either the ``targetName`` of an action answer (the app adds the spec's ``x-bce-action``) or a
list page.  Views turn stored rows into the response shapes of the spec; the registry password
is never part of any view (``accessSecret`` is always null).
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from ccr_contract.server import codes, lifecycle
from ccr_contract.server.health import probe_registry
from ccr_contract.server.store import Row, Store
from ccr_contract.signing import format_timestamp


@dataclass(frozen=True)
class Call:
    """One validated request as a handler sees it."""

    params: dict[str, Any]
    body: Any


Result = str | dict[str, Any]
T = TypeVar("T")
Handler = Callable[["Resources", Call], Awaitable[Result]]


def _time(epoch: float | None) -> str | None:
    return None if epoch is None else format_timestamp(datetime.fromtimestamp(epoch, UTC))


def registry_view(row: Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "type": row["type"],
        "name": row["name"],
        "description": row["description"],
        "url": row["url"],
        "status": row["status"],
        "insecure": bool(row["insecure"]),
        "credential": {"type": "basic", "accessKey": row["access_key"], "accessSecret": None},
        "creationTime": _time(row["created"]),
        "updateTime": _time(row["updated"]),
    }


def policy_view(row: Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "name": row["name"],
        "description": row["description"],
        "pullBase": True,
        "srcRegistry": row["src_registry_name"],
        "destRegistry": None,
        "destProjectName": row["dest_project"],
        "triggerType": row["trigger_type"],
        "override": bool(row["override"]),
        "enabled": True,
        "executionTimes": row["execution_times"],
        "creationTime": _time(row["created"]),
        "updateTime": _time(row["updated"]),
    }


def execution_view(row: Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "policyId": row["policy_id"],
        "status": row["status"],
        "statusText": lifecycle.STATUS_TEXT[row["status"]],
        "trigger": row["trigger_type"],
        **lifecycle.counters(row["status"]),
        "startTime": _time(row["started"]),
        "endTime": _time(row["ended"]),
    }


def page(
    rows: list[Row],
    total: int,
    params: dict[str, Any],
    view: Callable[[Row], dict[str, Any]],
    order_by: str | None = None,
    order: str | None = None,
) -> dict[str, Any]:
    """The list envelope; ``orderBy``/``order`` report the sort where the seed names one."""
    return {
        "result": [view(r) for r in rows],
        "orders": None,
        "orderBy": order_by,
        "order": order,
        "pageNo": params["pageNo"],
        "pageSize": params["pageSize"],
        "totalCount": total,
    }


def _window(params: dict[str, Any]) -> tuple[int, int]:
    size = int(params["pageSize"])
    return (int(params["pageNo"]) - 1) * size, size


class Resources:
    """The twelve operations over one store.  Ids from bodies pass through ``int()``: JSON Schema
    counts ``1.0`` as an integer, and the answer must still say ``"1"``."""

    def __init__(self, store: Store, probe_timeout: float) -> None:
        self.store = store
        self.probe_timeout = probe_timeout
        # A file database syncs to disk on every commit (synchronous=FULL): its calls run on one
        # worker thread so a slow disk never blocks the event loop.  One thread plus the store's
        # lock keep writes serial.  The in-memory store does no I/O and stays on the loop.
        self._worker = ThreadPoolExecutor(1, thread_name_prefix="ccr-store") if store.path else None
        self.handlers: dict[str, Handler] = {
            "createRegistry": Resources.create_registry,
            "updateRegistry": Resources.update_registry,
            "listRegistries": Resources.list_registries,
            "deleteRegistry": Resources.delete_registry,
            "checkRegistryHealth": Resources.check_registry_health,
            "createPolicy": Resources.create_policy,
            "updatePolicy": Resources.update_policy,
            "listPolicies": Resources.list_policies,
            "deletePolicy": Resources.delete_policy,
            "startPolicy": Resources.start_policy,
            "listExecutions": Resources.list_executions,
            "stopExecution": Resources.stop_execution,
        }

    async def _store(self, method: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run one store call: directly in memory, on the worker thread for a file database."""
        if self._worker is None:
            return method(*args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(
            self._worker, functools.partial(method, *args, **kwargs)
        )

    # registries
    async def create_registry(self, call: Call) -> Result:
        return str(await self._store(self.store.create_registry, call.body))

    async def update_registry(self, call: Call) -> Result:
        registry_id = int(call.body["id"])
        await self._store(self.store.update_registry, registry_id, call.body)
        return str(registry_id)

    async def list_registries(self, call: Call) -> Result:
        offset, limit = _window(call.params)
        rows, total = await self._store(
            self.store.list_registries,
            keyword=call.params.get("keyword"),
            registry_type=call.params.get("type"),
            offset=offset,
            limit=limit,
        )
        return page(rows, total, call.params, registry_view)

    async def delete_registry(self, call: Call) -> Result:
        await self._store(self.store.delete_registry, call.params["registryId"])
        return str(call.params["registryId"])

    async def check_registry_health(self, call: Call) -> Result:
        """By ``{"id": N}``: probe the stored registry and record ``normal``/``abnormal``.
        By a full registry body: probe it without storing anything."""
        body = call.body
        if "url" in body:
            cred = body["credential"]
            url, user, password, insecure = body["url"], cred["accessKey"], cred["accessSecret"], body.get("insecure")
        else:
            row = await self._store(self.store.get_registry, int(body["id"]))
            url, user, password, insecure = row["url"], row["access_key"], row["access_secret"], row["insecure"]
        healthy = await probe_registry(url, user, password, insecure=bool(insecure), timeout=self.probe_timeout)
        if "url" not in body:
            # Recorded only against the registry as probed: an update during the probe wins.
            status = codes.REGISTRY_NORMAL if healthy else codes.REGISTRY_ABNORMAL
            await self._store(self.store.set_registry_status, status, as_of=row)
        return "true" if healthy else "false"

    # policies
    async def create_policy(self, call: Call) -> Result:
        return str(await self._store(self.store.create_policy, call.body))

    async def update_policy(self, call: Call) -> Result:
        policy_id = int(call.body["id"])
        await self._store(self.store.update_policy, policy_id, call.body)
        return str(policy_id)

    async def list_policies(self, call: Call) -> Result:
        offset, limit = _window(call.params)
        rows, total = await self._store(self.store.list_policies, offset=offset, limit=limit)
        return page(rows, total, call.params, policy_view, order_by="name", order="asc")

    async def delete_policy(self, call: Call) -> Result:
        await self._store(self.store.delete_policy, call.params["policyId"])
        return str(call.params["policyId"])

    async def start_policy(self, call: Call) -> Result:
        await self._store(self.store.start_policy, call.params["policyId"])
        return str(call.params["policyId"])

    # executions
    async def list_executions(self, call: Call) -> Result:
        offset, limit = _window(call.params)
        rows, total = await self._store(
            self.store.list_executions, policy_id=call.params["policyId"], offset=offset, limit=limit
        )
        return page(rows, total, call.params, execution_view)

    async def stop_execution(self, call: Call) -> Result:
        await self._store(self.store.stop_execution, call.params["executionId"])
        return str(call.params["executionId"])
