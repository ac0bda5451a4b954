"""Behaviours of Enterprise executions (migration and synchronization runs) and registry probes.

Why hand code: an execution is a process.  It follows the same deterministic lifecycle as the
Personal Edition's (:mod:`ccr_contract.server.lifecycle`): ``InProgress`` for the server's
``execution_seconds``, then ``Succeed`` (or ``Failed`` when the policy's source registry failed
its last health check), ``Stopped`` when stopped first; a stop of a finished execution is a 409.
State is applied lazily on every read, so no timer runs and a restart changes nothing.  Each
execution has one task (copying the policy's images), whose status follows the execution, and a
plain-text log.

Which resources hold the policies an execution may run is declared in the spec
(``x-bce-resources.executions.sources``, the resources its reference ``policyId`` names):
migration rules and synchronization policies share one id series, so ``policyId`` names exactly
one of them.  That a policy with a running execution cannot start again or be deleted is declared
there too (``busy``) and enforced by the engine, not here.
"""

from __future__ import annotations

from typing import Any

from ccr_contract.resource_model import Resource
from ccr_contract.server.engine.crud import Behaviour, Call, Engine, Reply, iso
from ccr_contract.server.engine.items import child_path
from ccr_contract.server.errors import conflict, not_found
from ccr_contract.server.lifecycle import ROLES, STATUS_TEXT, counters
from ccr_contract.spec import Operation


def _seconds(engine: Engine) -> float:
    return float(engine.options.execution_seconds)


def _outcome(engine: Engine, res: Resource, data: dict[str, Any]) -> str:
    """The role an execution ends in when its time is up (decided at start; a file written by an
    earlier version stored the status value instead of the role)."""
    stored = data.get("outcome")
    if stored in ROLES:
        return str(stored)
    role = engine.states(res, "status").role_of(stored)
    return role if role in ROLES else "succeeded"


def advance(engine: Engine, res: Resource, data: dict[str, Any]) -> dict[str, Any]:
    """A running execution (or task) whose time is up reads as finished."""
    states = engine.states(res, "status")
    if data.get("status") != states.value("running"):
        return data
    deadline = float(data.get("deadline", 0))
    if engine.clock() < deadline:
        return data
    outcome = _outcome(engine, res, data)
    out = dict(data)
    out.update(status=states.value(outcome), endTime=iso(deadline))
    if "statusText" in data:  # an execution
        out.update(statusText=STATUS_TEXT[outcome], **counters(outcome))
    return out


def _policy(engine: Engine, res: Resource, parent: str, policy_id: int) -> tuple[Resource, dict[str, Any]]:
    for name in res.sources:
        source = engine.model.resources[name]
        item = engine.items.get(source.name, parent, policy_id)
        if item is not None:
            return source, item
    raise not_found(f"policy {policy_id} does not exist")


def _registry_unhealthy(engine: Engine, parent: str, source: Resource, policy: dict[str, Any]) -> bool:
    """Whether the policy's source registry failed its last health check (its status field holds
    the value the spec's ``x-bce-states`` names ``unhealthy``)."""
    ref = policy.get("srcRegistry") or {}
    if not isinstance(ref, dict):
        return False
    declared = source.references.get("srcRegistry")
    if declared is not None:  # the policy names its registry's resource
        key = declared.key_of(ref)
        candidates = [(engine.model.resources[name], key) for name in declared.resources]
    else:
        candidates = [
            (res, ref.get("id"))
            for res in engine.model.resources.values()
            if res.behaviours and "registry-ping" in res.behaviours.values()
        ]
    for registry, key in candidates:
        reg = engine.items.get(registry.name, parent, key)
        if reg is not None:
            return reg.get("status") == engine.states(registry, "status").value("unhealthy")
    return False


async def execution_start(engine: Engine, op: Operation, res: Resource, call: Call) -> Reply:
    parent = engine.parent_of(res, call.params)
    # Enterprise names the policy in the body, the Personal Edition in the path.
    policy_id = int(call.params["policyId"] if "policyId" in call.params else (call.body or {})["policyId"])
    source, policy = _policy(engine, res, parent, policy_id)
    if policy.get("enabled") is False:
        raise conflict(f"policy {policy_id} is disabled")
    now = engine.clock()
    outcome = "failed" if _registry_unhealthy(engine, parent, source, policy) else "succeeded"
    execution = {
        "policyId": policy_id,
        "status": engine.states(res, "status").value("running"),
        "statusText": STATUS_TEXT["running"],
        "trigger": (policy.get("trigger") or {}).get("type", "manual"),
        **counters("running"),
        "startTime": iso(now),
        "endTime": None,
        "deadline": now + _seconds(engine),
        "outcome": outcome,
    }
    with engine.items.write():
        key, _ = engine.create_item(res, parent, execution)
        repository = policy.get("srcRepositoryName") or policy.get("srcRepository") or "*"
        src = f"{policy.get('srcProjectName') or 'source'}/{repository}"
        dest = f"{policy.get('destProjectName') or 'destination'}/{repository}"
        for child in engine.model.children(res.name):
            engine.create_item(
                child,
                child_path(parent, res.name, key),
                {
                    "executionId": key,
                    "jobId": f"job-{key}-1",
                    "operation": "copy",
                    "resourceType": "image",
                    "srcResource": src,
                    "destResource": dest,
                    "status": engine.states(child, "status").value("running"),
                    "startTime": iso(now),
                    "endTime": None,
                    "deadline": now + _seconds(engine),
                    "outcome": outcome,
                },
            )
        policy = dict(policy)
        policy["executionTimes"] = int(policy.get("executionTimes") or 0) + 1
        engine.items.replace(source.name, parent, policy_id, policy)
    return engine.answer(op, {}, target=policy_id)


async def execution_stop(engine: Engine, op: Operation, res: Resource, call: Call) -> Reply:
    found = engine.locate(res, call.params)
    current = advance(engine, res, found.data)
    states = engine.states(res, "status")
    if current.get("status") != states.value("running"):
        raise conflict(f"execution {found.key} has already finished ({current.get('status')})")
    now = engine.now()
    stopped = {
        **found.data,
        "status": states.value("stopped"),
        "statusText": STATUS_TEXT["stopped"],
        "endTime": now,
        **counters("stopped"),
    }
    with engine.items.write():
        engine.items.replace(res.name, found.parent, found.key, stopped)
        for child in engine.model.children(res.name):
            value = engine.states(child, "status").value("stopped")
            for task in engine.items.all(child.name, found.path):
                engine.items.replace(child.name, found.path, task["id"], {**task, "status": value, "endTime": now})
    return engine.answer(op, {}, target=found.key)


async def task_log(engine: Engine, op: Operation, res: Resource, call: Call) -> Reply:
    parent = engine.parent_of(res, call.params)
    task_id = call.params.get("taskId")
    task = engine.items.get(res.name, parent, task_id)
    if task is None:
        raise not_found(f"task {task_id} does not exist")
    task = advance(engine, res, task)
    lines = [
        f"{task.get('startTime')} INFO copy {task.get('srcResource')} -> {task.get('destResource')} started",
    ]
    if task.get("endTime"):
        lines.append(f"{task.get('endTime')} INFO task {task.get('id')} finished: {task.get('status')}")
    return Reply("\n".join(lines) + "\n", "text/plain; charset=utf-8")


RECORDS = (
    # an execution (or task) whose time is up reads as finished, in every get and list
    Behaviour("execution-start", execution_start, reads=advance, states=(("status", ROLES),)),
    Behaviour("execution-stop", execution_stop, states=(("status", ROLES),)),
    # the tasks an execution writes and advances
    Behaviour("task-log", task_log, reads=advance, states=(("status", ROLES),)),
)
