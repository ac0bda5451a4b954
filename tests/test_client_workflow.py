"""The whole migration workflow through the generated client, signed, over real HTTP.

Reference server (``ccr_contract.server.create_app``) and a registry stub (answers the Docker
Registry ping ``GET /v2/``) both run on loopback with ``serve_in_thread``. Every call goes through
``make_client`` (bce-auth-v1 via ``BceHttpxAuth``) and ``unwrap`` (typed models, ``BceApiError``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest
from ccr_client import AuthenticatedClient, BceApiError, make_client, unwrap
from ccr_client.api.executions import list_executions, stop_execution
from ccr_client.api.policies import create_policy, delete_policy, list_policies, start_policy
from ccr_client.api.registries import (
    check_registry_health,
    create_registry,
    delete_registry,
    list_registries,
)
from ccr_client.models import (
    ActionResultAction,
    CredentialInput,
    CredentialInputType,
    ExecutionStatus,
    Filter,
    FilterType,
    HealthResultTargetName,
    PolicyInput,
    PolicyInputTrigger,
    RegistryInput,
    RegistryRef,
    RegistryType,
    TriggerType,
)
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from ccr_contract import server
from ccr_contract.liveserver import serve_in_thread
from ccr_contract.spec import AuthRules

_MISMATCH = AuthRules.from_spec().errors["mismatch"]
#: What the spec answers a signature made with the wrong secret: (status, code).
MISMATCH = (int(_MISMATCH["status"]), _MISMATCH["code"])

REGISTRY_PASSWORD = "stub-registry-password-never-returned"


def _ping(request: Request) -> JSONResponse:
    return JSONResponse({})


@pytest.fixture(scope="module")
def endpoints() -> Iterator[tuple[str, str]]:
    """(reference server URL, registry stub URL); executions stay InProgress long enough to stop."""
    stub = Starlette(routes=[Route("/v2/", _ping)])
    app = server.create_app(execution_seconds=120.0, probe_timeout=3.0)
    with serve_in_thread(stub) as registry_url, serve_in_thread(app) as base_url:
        yield base_url, registry_url


@pytest.fixture()
def client(endpoints: tuple[str, str]) -> Iterator[AuthenticatedClient]:
    with make_client(endpoints[0], server.DEMO_ACCESS_KEY, server.DEMO_SECRET_KEY, timeout=10) as signed:
        yield signed


def test_migration_workflow(client: AuthenticatedClient, endpoints: tuple[str, str]) -> None:
    registry_url = endpoints[1]
    created = unwrap(
        create_registry.sync_detailed(
            client=client,
            body=RegistryInput(
                type_=RegistryType.DOCKER_REGISTRY,
                name="workflow-source",
                url=registry_url,
                credential=CredentialInput(
                    access_key="robot", access_secret=REGISTRY_PASSWORD, type_=CredentialInputType.BASIC
                ),
                description="registry stub on loopback",
            ),
        )
    )
    assert created.action is ActionResultAction.CREATE
    registry_id = int(created.target_name)

    health = unwrap(check_registry_health.sync_detailed(client=client, body=RegistryRef(id=registry_id)))
    assert health.target_name is HealthResultTargetName.TRUE

    listed = list_registries.sync_detailed(client=client, keyword="workflow")
    assert REGISTRY_PASSWORD.encode() not in listed.content
    registries = unwrap(listed).result
    assert [(r.id, r.name, r.url) for r in registries] == [(registry_id, "workflow-source", registry_url)]
    assert registries[0].credential.access_secret is None

    policy = unwrap(
        create_policy.sync_detailed(
            client=client,
            body=PolicyInput(
                name="workflow-policy",
                src_registry=RegistryRef(id=registry_id),
                dest_project_name="public",
                override=True,
                trigger=PolicyInputTrigger(type_=TriggerType.MANUAL),
                filters=[
                    Filter(type_=FilterType.NAME, value="cce/image"),
                    Filter(type_=FilterType.TAG, value="latest"),
                ],
            ),
        )
    )
    policy_id = int(policy.target_name)
    assert [p.name for p in unwrap(list_policies.sync_detailed(client=client)).result] == ["workflow-policy"]

    started = unwrap(start_policy.sync_detailed(policy_id, client=client))
    assert started.action is ActionResultAction.START

    executions = unwrap(list_executions.sync_detailed(client=client, policy_id=policy_id)).result
    assert len(executions) == 1
    execution = executions[0]
    assert (execution.policy_id, execution.status) == (policy_id, ExecutionStatus.INPROGRESS)

    stopped = unwrap(stop_execution.sync_detailed(execution.id, client=client))
    assert (stopped.action, stopped.target_name) == (ActionResultAction.STOP, str(execution.id))
    after = unwrap(list_executions.sync_detailed(client=client, policy_id=policy_id)).result
    assert after[0].status is ExecutionStatus.STOPPED

    # Error case: stopping a finished execution is a conflict, answered as a BCE error body.
    with pytest.raises(BceApiError) as conflict:
        stop_execution.sync_detailed(execution.id, client=client)
    assert (conflict.value.status, conflict.value.code) == (409, "StatusConflict")

    assert unwrap(delete_policy.sync_detailed(policy_id, client=client)).action is ActionResultAction.DELETE
    assert unwrap(delete_registry.sync_detailed(registry_id, client=client)).action is ActionResultAction.DELETE
    assert unwrap(list_registries.sync_detailed(client=client, keyword="workflow")).result == []

    # Error case: the registry is gone; the typed error carries the id sent as x-bce-request-id
    # (seen by the caller's own response hook, which make_client keeps beside its error hook).
    seen: list[httpx.Response] = []
    hooked = make_client(
        endpoints[0],
        server.DEMO_ACCESS_KEY,
        server.DEMO_SECRET_KEY,
        timeout=10,
        httpx_args={"event_hooks": {"response": [seen.append]}},
    )
    with hooked, pytest.raises(BceApiError) as missing:
        delete_registry.sync_detailed(registry_id, client=hooked)
    err = missing.value
    assert (err.status, err.code) == (404, "NotFound")
    assert err.message
    assert err.request_id and err.request_id == seen[-1].headers["x-bce-request-id"]


def test_wrong_secret_is_a_typed_signature_error(endpoints: tuple[str, str]) -> None:
    wrong = make_client(endpoints[0], server.DEMO_ACCESS_KEY, "not-the-demo-secret")
    with wrong, pytest.raises(BceApiError) as caught:
        unwrap(list_registries.sync_detailed(client=wrong))
    assert (caught.value.status, caught.value.code) == MISMATCH
    assert "not-the-demo-secret" not in str(caught.value)


def test_wrong_secret_is_a_typed_signature_error_async_too(endpoints: tuple[str, str]) -> None:
    wrong = make_client(endpoints[0], server.DEMO_ACCESS_KEY, "not-the-demo-secret", timeout=10)

    async def call() -> None:
        async with wrong:
            await list_registries.asyncio_detailed(client=wrong)

    with pytest.raises(BceApiError) as caught:
        asyncio.run(call())
    assert (caught.value.status, caught.value.code) == MISMATCH
    assert caught.value.request_id
