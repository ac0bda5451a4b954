"""Behaviours of network access control: VPC links and the public endpoint with its whitelist.

Why hand code: a VPC link is named by two body fields and deleted by a body (no path id), the
list answers the instance's private domain beside the links, and the public endpoint's
``open``/``close`` action moves a status (``opened``/``closed``) rather than storing the verb.
The whitelist entries themselves are a plain resource (generic create and batch delete); the
configuration view embeds them.
"""

from __future__ import annotations

import hashlib

from ccr_contract.resource_model import Resource
from ccr_contract.server.engine.crud import Behaviour, Call, Engine, Reply
from ccr_contract.server.errors import conflict, not_found, shorten
from ccr_contract.spec import Operation


def _instance_key(engine: Engine, res: Resource, call: Call) -> str:
    return str(call.params[res.ancestor_params[0]])


async def vpc_link_list(engine: Engine, op: Operation, res: Resource, call: Call) -> Reply:
    parent = engine.parent_of(res, call.params)
    items = engine.items.all(res.name, parent)
    domain = f"{_instance_key(engine, res, call)}-vpc.ccr.example.invalid"
    return engine.answer(op, {"domain": domain, "items": items})


async def vpc_link_add(engine: Engine, op: Operation, res: Resource, call: Call) -> Reply:
    parent = engine.parent_of(res, call.params)
    body = dict(call.body or {})
    if engine.items.get(res.name, parent, body.get("subnetID")) is not None:
        raise conflict(f"subnet {shorten(str(body.get('subnetID')), 100)} is already linked")
    digest = hashlib.sha256(f"{body.get('vpcID')}/{body.get('subnetID')}".encode()).hexdigest()
    ip = body.get("ipAddress") or f"10.{int(digest[0:2], 16)}.{int(digest[2:4], 16)}.{int(digest[4:6], 16) or 1}"
    engine.create_item(
        res,
        parent,
        {
            "vpcID": body.get("vpcID"),
            "subnetID": body.get("subnetID"),
            "serviceNetID": "sn-" + digest[:12],
            "ipAddress": ip,
            "status": "success",
            "resourceSource": "console",
            "autoDnsResolve": bool(body.get("autoDnsResolve")),
        },
    )
    return engine.answer(op, {})


async def vpc_link_delete(engine: Engine, op: Operation, res: Resource, call: Call) -> Reply:
    parent = engine.parent_of(res, call.params)
    body = call.body or {}
    found = engine.find(res, parent, body.get("subnetID"))
    if found is None or found[1].get("vpcID") != body.get("vpcID"):
        raise not_found(f"no VPC link for subnet {shorten(str(body.get('subnetID')), 100)}")
    engine.delete_item(engine.locate(res, call.params, found[0]))
    return engine.answer(op, {})


def _whitelist(engine: Engine, res: Resource) -> Resource | None:
    name = res.declaration.get("embeds", {}).get("whitelist")
    return engine.model.resources.get(name) if name else None


async def public_network_get(engine: Engine, op: Operation, res: Resource, call: Call) -> Reply:
    found = engine.locate(res, call.params)
    entries = []
    wl = _whitelist(engine, res)
    if wl is not None:
        entries = engine.items.all(wl.name, engine.parent_of(wl, call.params))
    view = {
        "domain": found.data.get("domain") or f"{_instance_key(engine, res, call)}.ccr.example.invalid",
        "status": found.data.get("status", engine.states(res, "status").value("closed")),
        "whitelist": entries,
    }
    return engine.answer(op, view)


async def public_network_update(engine: Engine, op: Operation, res: Resource, call: Call) -> Reply:
    found = engine.locate(res, call.params)
    status = engine.states(res, "status").value("open" if (call.body or {}).get("action") == "open" else "closed")
    with engine.items.write():
        engine.update_item(found, {"status": status})
    return engine.answer(op, {})


RECORDS = (
    Behaviour("vpc-link-list", vpc_link_list),
    Behaviour("vpc-link-add", vpc_link_add),
    Behaviour("vpc-link-delete", vpc_link_delete),
    Behaviour("public-network-get", public_network_get),
    Behaviour("public-network-update", public_network_update, states=(("status", ("open", "closed")),)),
)
