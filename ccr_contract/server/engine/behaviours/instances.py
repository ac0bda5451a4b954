"""Behaviours of Enterprise instances: the detail view with live statistics, the rename's answer,
and the billed operations (create, renew, upgrade) simulated without any billing.

Why hand code: GetInstanceDetail is not the stored instance but a view over the whole tree
(how many namespaces, repositories, charts, VPC links the instance holds, counted from the state
as it is now); the billed operations answer order ids.  The rename answers the instance minus every field whose
stored shape is a list where the answer declares one object (``tags``, ERRATA E49): Baidu's
generated SDKs decode only an object there, and one object cannot hold a list.  Which resource each statistic counts is
declared in the spec (``x-bce-resources.instances.statistics``), not here.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ccr_contract.resource_model import Resource, properties, response_schema
from ccr_contract.server.engine.crud import Behaviour, Call, Engine, Reply
from ccr_contract.server.errors import conflict
from ccr_contract.spec import Operation, resolve_ref


def _order_id(engine: Engine, seed: str) -> str:
    return hashlib.sha256(f"{seed}#{engine.clock()}".encode()).hexdigest()[:24]


async def instance_detail(engine: Engine, op: Operation, res: Resource, call: Call) -> Reply:
    found = engine.locate(res, call.params)
    stats = {name: engine.items.count_under(kind, found.path) for name, kind in _statistics(res).items()}
    info = engine.computed(res, found.path, found.data)
    detail = {
        "info": info,
        "statistic": {"storage": int(found.data.get("storageBytes", 0)), **stats},
        "quota": found.data.get("quota") or {},
        "bucket": found.data.get("bucket", ""),
        "region": found.data.get("region", ""),
    }
    return engine.answer(op, detail)


def _statistics(res: Resource) -> dict[str, str]:
    return dict(res.declaration.get("statistics") or {})


async def instance_rename(engine: Engine, op: Operation, res: Resource, call: Call) -> Reply:
    """The generic update, answered without the fields the answer cannot carry (see the module)."""
    with engine.items.write():
        found = engine.locate(res, call.params)
        data = engine.update_item(found, dict(call.body or {}), op=op)
    answer = engine.computed(res, found.path, data)
    return engine.answer(op, {k: v for k, v in answer.items() if k not in _list_into_object(engine, op, answer)})


def _list_into_object(engine: Engine, op: Operation, data: dict[str, Any]) -> set[str]:
    """Names of ``data``'s lists that the operation's answer declares as one object."""
    declared = properties(engine.spec, resolve_ref(engine.spec, response_schema(engine.spec, op)))
    return {
        name
        for name, prop in declared.items()
        if isinstance(data.get(name), list) and resolve_ref(engine.spec, prop).get("type") == "object"
    }


async def instance_create(engine: Engine, op: Operation, res: Resource, call: Call) -> Reply:
    """A new instance ``ccr-`` + 8 characters derived from the name and time; status ``running``."""
    body = dict(call.body or {})
    digest = hashlib.sha256(f"{body.get('name')}#{engine.clock()}#{engine.items.count(res.name, '')}".encode())
    instance_id = "ccr-" + "".join("0123456789abcdefghijklmnopqrstuvwxyz"[b % 36] for b in digest.digest()[:8])
    fields = {
        "id": instance_id,
        "name": body.get("name"),
        "instanceType": body.get("type"),
        "status": "running",
        "region": engine.options.region,
        "publicURL": f"{instance_id}.ccr.example.invalid",
        "privateURL": f"{instance_id}-vpc.ccr.example.invalid",
        "customDomains": [],
        "tags": list(body.get("tags") or []),
        "createTime": engine.now(),
        "expireTime": engine.now(),
        "bucket": body.get("bucket") or "",
    }
    engine.create_item(res, "", fields)
    return engine.answer(op, {"instanceID": instance_id, "orderID": _order_id(engine, instance_id)})


async def instance_renew(engine: Engine, op: Operation, res: Resource, call: Call) -> Reply:
    return engine.answer(op, {"orderId": _order_id(engine, "renew")})


async def instance_upgrade(engine: Engine, op: Operation, res: Resource, call: Call) -> Reply:
    found = engine.locate(res, call.params)
    wanted = (call.body or {}).get("type")
    if wanted == found.data.get("instanceType"):
        raise conflict(f"instance {found.key} is already of type {wanted}")
    with engine.items.write():
        engine.update_item(found, {"instanceType": wanted})
    return engine.answer(op, {"orderID": _order_id(engine, str(found.key))})


RECORDS = (
    Behaviour("instance-detail", instance_detail),
    Behaviour("instance-rename", instance_rename),
    Behaviour("instance-create", instance_create),
    Behaviour("instance-renew", instance_renew),
    Behaviour("instance-upgrade", instance_upgrade),
)
