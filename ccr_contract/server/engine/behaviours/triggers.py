"""Behaviours of triggers (webhooks): jobs recorded for matching events, retry, target test,
and registry health probes.

Why hand code: a trigger reacts to something that happens elsewhere.  When an item of a resource
that declares ``events`` is deleted through the API (a tag: ``DELETE_ARTIFACT``; a chart or chart
version: ``DELETE_CHART``), every *enabled* trigger of the same instance whose ``eventTypes``
include that event and whose filters match the artifact records a job in its ``eventSink``
resource.  Notifying a target is simulated: a job is ``Success`` when its policy has a target, and
no connection is made (a local run talks to nothing outside loopback); TestTriggerTargetAddress
likewise checks the address's form and answers without connecting.
"""

from __future__ import annotations

from typing import Any

from ccr_contract.resource_model import Resource
from ccr_contract.server.engine.behaviours.filters import matches
from ccr_contract.server.engine.crud import Behaviour, Call, Engine, Located, Reply, ancestor_key
from ccr_contract.server.engine.items import SEP, child_path
from ccr_contract.server.errors import bad_request, not_found
from ccr_contract.server.health import required_http_url
from ccr_contract.spec import Operation


def on_event(engine: Engine, event: str, found: Located) -> None:
    """Record a job in every enabled, matching trigger of the item's instance."""
    path = found.path
    for res in engine.model.resources.values():
        sink_name = res.declaration.get("eventSink")
        if not sink_name or not res.parent:
            continue
        subject = _subject(res, path)
        project, repository, tag = (
            subject.get("project_name") or "",
            subject.get("repository_name") or "",
            subject.get("tag"),
        )
        depth = len(engine.model.chain(res.parent))
        parent = SEP.join(path.split(SEP)[:depth])
        sink = engine.model.resources[sink_name]
        for policy in engine.items.all(res.name, parent):
            if not policy.get("enabled", True) or event not in (policy.get("eventTypes") or []):
                continue
            if not matches(policy.get("filters") or [], project, repository, tag):
                continue
            image = f"{project}/{repository}:{tag}" if tag else f"{project}/{repository}"
            engine.create_item(
                sink,
                child_path(parent, res.name, policy[res.key]),
                {
                    "policyId": policy[res.key],
                    "eventType": event,
                    "notifyType": "http",
                    "status": engine.states(sink, "status").value("succeeded" if policy.get("targets") else "failed"),
                    "operator": "ccr-contract",
                    "images": [image],
                },
            )


def _subject(res: Resource, path: str) -> dict[str, str | None]:
    """Filter type -> the value the event's item path gives it (``filterSubjects`` in the spec)."""
    out: dict[str, str | None] = {}
    for filter_type, kinds in (res.declaration.get("filterSubjects") or {}).items():
        for kind in [kinds] if isinstance(kinds, str) else kinds:
            value = ancestor_key(path, kind)
            if value is not None:
                out[filter_type] = value
                break
    return out


async def trigger_job_retry(engine: Engine, op: Operation, res: Resource, call: Call) -> Reply:
    parent = engine.parent_of(res, call.params)
    job_id = call.params.get("jobId")
    job = engine.items.get(res.name, parent, job_id)
    if job is None:
        raise not_found(f"trigger job {job_id} does not exist")
    with engine.items.write():
        succeeded = engine.states(res, "status").value("succeeded")
        engine.items.replace(res.name, parent, job_id, {**job, "status": succeeded, "updateTime": engine.now()})
    return engine.answer(op, {})


def _check_address(address: Any, field: str = "address") -> None:
    parts = required_http_url(address, field)  # 400, never 500, for a URL that cannot be parsed
    if parts.userinfo:
        raise bad_request("address: credentials in the URL are not allowed; use the Authorization header")


async def trigger_test_target(engine: Engine, op: Operation, res: Resource, call: Call) -> Reply:
    engine.parent_of(res, call.params)  # 404 for an unknown instance
    _check_address((call.body or {}).get("address"))
    return engine.answer(op, {})


async def registry_ping(engine: Engine, op: Operation, res: Resource, call: Call) -> Reply:
    """Record ``healthy`` for a well-formed registry URL on a known registry; no connection is made."""
    parent = engine.parent_of(res, call.params)
    body = call.body or {}
    _check_address(body.get("url"), "url")
    for item in engine.items.all(res.name, parent):
        if item.get("url") == body.get("url"):
            with engine.items.write():
                healthy = engine.states(res, "status").value("healthy")
                engine.items.replace(res.name, parent, item[res.key], {**item, "status": healthy})
    return engine.answer(op, {})


RECORDS = (
    # a retried job, and the jobs events write (on_event: this same resource's items)
    Behaviour("trigger-job-retry", trigger_job_retry, states=(("status", ("succeeded", "failed")),), on_event=on_event),
    Behaviour("trigger-test-target", trigger_test_target),
    # a ping records healthy; an execution reads unhealthy (behaviours/executions.py)
    Behaviour("registry-ping", registry_ping, states=(("status", ("healthy", "unhealthy")),)),
)
