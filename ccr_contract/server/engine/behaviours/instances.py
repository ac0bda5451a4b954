"""Behaviours of Enterprise instances: the detail view with live statistics, and the billed
operations (create, renew, upgrade) simulated without any billing.

Why hand code: GetInstanceDetail is not the stored instance but a view over the whole tree
(how many namespaces, repositories, charts, VPC links the instance holds, counted from the state
as it is now); the billed operations answer order ids.  Which resource each statistic counts is
declared in the spec (``x-bce-resources.instances.statistics``), not here.
"""

from __future__ import annotations

import hashlib

from ccr_contract.resource_model import Resource
from ccr_contract.server.engine.crud import Behaviour, Call, Engine, Reply
from ccr_contract.server.errors import conflict
from ccr_contract.spec import Operation


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
    Behaviour("instance-create", instance_create),
    Behaviour("instance-renew", instance_renew),
    Behaviour("instance-upgrade", instance_upgrade),
)
