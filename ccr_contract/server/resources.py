"""The Personal Edition's one behaviour of its own: the registry health check.

Everything else of the twelve Personal operations is declared in the spec's ``x-bce-resources``
(``personalRegistries``, ``personalPolicies``, ``personalExecutions``) and run by the engine; a
policy's start and an execution's stop are the engine's ``execution-start``/``execution-stop``.

Why hand code here: the check makes a network probe (:mod:`ccr_contract.server.health`), so it
runs on the event loop (``on_loop``) and reaches the store through :meth:`Engine.offload`.
"""

from __future__ import annotations

from ccr_contract.resource_model import Resource
from ccr_contract.server.engine.crud import Behaviour, Call, Engine, Reply
from ccr_contract.server.health import probe_registry, required_http_url
from ccr_contract.spec import Operation


async def registry_health(engine: Engine, op: Operation, res: Resource, call: Call) -> Reply:
    """checkRegistryHealth.  By ``{"id": N}``: probe the stored registry and record ``normal`` /
    ``abnormal``, only if the registry is still as probed (an update or delete during the probe
    wins).  By a full registry body: probe it and store nothing.  Answers ``"true"``/``"false"``."""
    body = call.body or {}
    timeout = float(engine.options.probe_timeout)
    if "url" in body:
        required_http_url(body["url"], "url")  # 400 for a URL that cannot be parsed, not "false"
        cred = body["credential"]
        healthy = await probe_registry(
            body["url"], cred["accessKey"], cred["accessSecret"], insecure=bool(body.get("insecure")), timeout=timeout
        )
        return engine.answer(op, {}, target="true" if healthy else "false")
    found = await engine.offload(engine.locate, res, call.params, int(body["id"]))
    data = found.data
    cred = data.get("credential") or {}
    healthy = await probe_registry(
        data["url"],
        cred.get("accessKey"),
        cred.get("accessSecret"),
        insecure=bool(data.get("insecure")),
        timeout=timeout,
    )

    def record() -> None:
        with engine.items.write():
            if engine.items.get(res.name, found.parent, found.key) == data:
                status = engine.states(res, "status").value("healthy" if healthy else "unhealthy")
                engine.items.replace(res.name, found.parent, found.key, {**data, "status": status})

    await engine.offload(record)
    return engine.answer(op, {}, target="true" if healthy else "false")


registry_health.on_loop = True  # type: ignore[attr-defined]  # it awaits a network probe

RECORDS = (Behaviour("registry-health", registry_health, states=(("status", ("healthy", "unhealthy")),)),)
