"""The reference server over real HTTP: the whole migration workflow signed by Baidu's own Python
SDK (an independent signer) and by ours, the health probe against a registry stub, and
concurrent writers."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import requests
import server_fixtures as fixtures
from baidubce.auth import bce_v1_signer
from baidubce.auth.bce_credentials import BceCredentials
from server_fixtures import policy_body
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Route

from ccr_contract.auth_adapters import BceHttpxAuth
from ccr_contract.liveserver import free_port, serve_in_thread
from ccr_contract.server import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, create_app

REG_USER, REG_PASSWORD = "stub-user", "stub-pass-91c2"

Caller = Callable[[str, str, dict[str, str] | None, Any], tuple[int, Any]]


# --------------------------------------------------------------------------- a registry stub


class RegistryStub:
    """A Docker Registry v2 ping endpoint on loopback that records every request it gets."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str | None]] = []
        self.lock = threading.Lock()

    async def ping(self, request: Request) -> Any:
        with self.lock:
            self.seen.append((request.url.path, request.headers.get("authorization")))
        expected = httpx.BasicAuth(REG_USER, REG_PASSWORD)._auth_header
        if request.headers.get("authorization") == expected:
            return JSONResponse({})
        return JSONResponse({"errors": [{"code": "UNAUTHORIZED"}]}, status_code=401)

    async def redirect(self, request: Request) -> Any:
        with self.lock:
            self.seen.append((request.url.path, request.headers.get("authorization")))
        return RedirectResponse("/v2/", status_code=302)

    def app(self) -> Starlette:
        return Starlette(routes=[Route("/v2/", self.ping), Route("/moved/v2/", self.redirect)])


@pytest.fixture(scope="module")
def stub() -> Iterator[tuple[str, RegistryStub]]:
    registry = RegistryStub()
    with serve_in_thread(registry.app()) as url:
        yield url, registry


def registry_body(name: str, url: str, password: str = REG_PASSWORD) -> dict:
    """A registry body whose credential the stub accepts (unless ``password`` is changed)."""
    return fixtures.registry_body(name, url, password, user=REG_USER)


# --------------------------------------------------------------------------- two independent callers


def sdk_caller(base_url: str) -> Caller:
    """Requests signed by bce-python-sdk's ``bce_v1_signer.sign`` (never by our signer)."""
    host = urlsplit(base_url).netloc
    credentials = BceCredentials(DEMO_ACCESS_KEY, DEMO_SECRET_KEY)
    session = requests.Session()

    def call(method: str, path: str, query: dict[str, str] | None, body: Any) -> tuple[int, Any]:
        now = int(time.time())
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))
        headers = {b"host": host.encode(), b"x-bce-date": stamp.encode()}
        params = {k.encode(): v.encode() for k, v in (query or {}).items()}
        authorization = bce_v1_signer.sign(
            credentials,
            method.encode(),
            path.encode(),
            headers,
            params,
            timestamp=now,
            headers_to_sign=[b"host", b"x-bce-date"],
        )
        data = None if body is None else json.dumps(body).encode()
        response = session.request(
            method,
            base_url + path,
            params=query,
            data=data,
            headers={
                "Authorization": authorization.decode(),
                "x-bce-date": stamp,
                "Content-Type": "application/json",
            },
            timeout=10,
        )
        return response.status_code, response.json()

    return call


def httpx_caller(base_url: str) -> Caller:
    """Requests signed by our ``BceHttpxAuth``."""
    client = httpx.Client(base_url=base_url, auth=BceHttpxAuth(DEMO_ACCESS_KEY, DEMO_SECRET_KEY), timeout=10)

    def call(method: str, path: str, query: dict[str, str] | None, body: Any) -> tuple[int, Any]:
        response = client.request(method, path, params=query, json=body)
        assert response.headers["content-type"] == "application/json;charset=UTF-8"
        assert response.headers["x-bce-request-id"]
        return response.status_code, response.json()

    return call


def run_workflow(call: Caller, registry_url: str, stub: RegistryStub) -> None:
    """Registry -> health -> policy -> start -> executions -> stop -> cleanup, checking each answer."""
    status, created = call("POST", "/v1/ccr/registries", None, registry_body("wf-registry", registry_url))
    assert (status, created["action"]) == (200, "create")
    reg_id = int(created["targetName"])

    status, listed = call("GET", "/v1/ccr/registries", {"keyword": "wf-", "type": "docker-registry"}, None)
    assert status == 200 and [r["id"] for r in listed["result"]] == [reg_id]
    assert listed["result"][0]["credential"]["accessSecret"] is None and listed["result"][0]["status"] is None

    before = len(stub.seen)
    assert call("POST", "/v1/ccr/registries/ping", None, {"id": reg_id}) == (
        200,
        {"action": "checkHealth", "targetName": "true"},
    )
    assert stub.seen[before:] == [("/v2/", httpx.BasicAuth(REG_USER, REG_PASSWORD)._auth_header)]
    _, listed = call("GET", "/v1/ccr/registries", {"keyword": "wf-"}, None)
    assert listed["result"][0]["status"] == "normal"

    wrong = registry_body("not-created", registry_url, password="wrong")
    assert call("POST", "/v1/ccr/registries/ping", None, wrong)[1]["targetName"] == "false"

    status, updated = call(
        "PUT", "/v1/ccr/registries", None, {**registry_body("wf-renamed", registry_url), "id": reg_id}
    )
    assert (status, updated) == (200, {"action": "update", "targetName": str(reg_id)})

    pol = {**policy_body("wf-policy", reg_id, filters=[{"type": "name", "value": "cce/image"}]), "description": "d"}
    status, created = call("POST", "/v1/ccr/policies", None, pol)
    assert status == 200
    pid = int(created["targetName"])
    assert call("POST", "/v1/ccr/policies", None, pol)[0] == 409
    status, policies = call("GET", "/v1/ccr/policies", {"pageNo": "1", "pageSize": "5"}, None)
    assert status == 200 and policies["totalCount"] == 1
    assert policies["result"][0]["srcRegistry"] == "wf-renamed"

    assert call("POST", f"/v1/ccr/policies/{pid}/start", None, None) == (
        200,
        {"action": "start", "targetName": str(pid)},
    )
    status, executions = call("GET", "/v1/ccr/executions", {"policyId": str(pid)}, None)
    assert status == 200 and executions["totalCount"] == 1
    execution = executions["result"][0]
    assert (execution["policyId"], execution["status"]) == (pid, "InProgress")
    assert call("POST", f"/v1/ccr/executions/{execution['id']}/stop", None, None)[0] == 200
    _, executions = call("GET", "/v1/ccr/executions", {"policyId": str(pid)}, None)
    assert executions["result"][0]["status"] == "Stopped"
    status, error = call("POST", f"/v1/ccr/executions/{execution['id']}/stop", None, None)
    assert (status, error["code"]) == (409, "StatusConflict")

    assert call("DELETE", f"/v1/ccr/registries/{reg_id}", None, None)[0] == 409
    assert call("DELETE", f"/v1/ccr/policies/{pid}", None, None)[0] == 200
    assert call("DELETE", f"/v1/ccr/registries/{reg_id}", None, None)[0] == 200
    status, error = call("DELETE", f"/v1/ccr/registries/{reg_id}", None, None)
    assert (status, error["code"]) == (404, "NotFound")


@pytest.mark.parametrize("make_caller", [sdk_caller, httpx_caller], ids=["bce-python-sdk", "ccr-contract"])
def test_full_workflow_over_http(make_caller: Callable[[str], Caller], stub: tuple[str, RegistryStub]) -> None:
    registry_url, registry = stub
    with serve_in_thread(create_app(execution_seconds=3600)) as base_url:
        run_workflow(make_caller(base_url), registry_url, registry)


def test_sdk_default_signed_headers_are_accepted() -> None:
    """The SDK's default (empty signedHeaders field) signs host, content-* and every x-bce-* header."""
    with serve_in_thread(create_app()) as base_url:
        body = json.dumps(registry_body("sdk-default", "http://127.0.0.1:9")).encode()
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        headers = {
            "host": urlsplit(base_url).netloc,
            "content-type": "application/json",
            "content-length": str(len(body)),
            "x-bce-date": stamp,
        }
        authorization = bce_v1_signer.sign(
            BceCredentials(DEMO_ACCESS_KEY, DEMO_SECRET_KEY),
            b"POST",
            b"/v1/ccr/registries",
            {k.encode(): v.encode() for k, v in headers.items()},
            {},
        ).decode()
        assert "/1800//" in authorization
        response = requests.post(
            base_url + "/v1/ccr/registries", data=body, headers={**headers, "Authorization": authorization}, timeout=10
        )
        assert response.status_code == 200, response.text


# --------------------------------------------------------------------------- health probe


def test_health_probe_follows_no_redirect_and_respects_base_path(stub: tuple[str, RegistryStub]) -> None:
    registry_url, registry = stub
    client = httpx_caller_app(create_app(probe_timeout=2))
    before = len(registry.seen)
    assert client("POST", "/v1/ccr/registries/ping", None, registry_body("r", registry_url + "/moved"))[1] == {
        "action": "checkHealth",
        "targetName": "false",
    }
    assert [path for path, _ in registry.seen[before:]] == ["/moved/v2/"]  # the 302 was not followed


def test_health_by_id_records_abnormal_and_executions_then_fail(stub: tuple[str, RegistryStub]) -> None:
    registry_url, _ = stub
    call = httpx_caller_app(create_app(execution_seconds=0))
    reg_id = int(call("POST", "/v1/ccr/registries", None, registry_body("bad", registry_url, "wrong"))[1]["targetName"])
    assert call("POST", "/v1/ccr/registries/ping", None, {"id": reg_id})[1]["targetName"] == "false"
    assert call("GET", "/v1/ccr/registries", None, None)[1]["result"][0]["status"] == "abnormal"
    pol = policy_body("doomed", reg_id, filters=[])
    pid = int(call("POST", "/v1/ccr/policies", None, pol)[1]["targetName"])
    call("POST", f"/v1/ccr/policies/{pid}/start", None, None)
    (execution,) = call("GET", "/v1/ccr/executions", {"policyId": str(pid)}, None)[1]["result"]
    assert (execution["status"], execution["failed"]) == ("Failed", 1)


def test_unreachable_or_silent_registries_are_unhealthy() -> None:
    call = httpx_caller_app(create_app(probe_timeout=0.5))
    dead = registry_body("dead", f"http://127.0.0.1:{free_port()}")
    assert call("POST", "/v1/ccr/registries/ping", None, dead)[1]["targetName"] == "false"
    with socket.socket() as silent:  # accepts connections (backlog) but never answers: the timeout decides
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        body = registry_body("silent", f"http://127.0.0.1:{silent.getsockname()[1]}")
        assert call("POST", "/v1/ccr/registries/ping", None, body)[1]["targetName"] == "false"


def httpx_caller_app(app: Starlette) -> Caller:
    """An in-process caller (the probe itself still goes over real HTTP to the stub)."""
    transport = httpx.ASGITransport(app=app)

    def call(method: str, path: str, query: dict[str, str] | None, body: Any) -> tuple[int, Any]:
        async def go() -> httpx.Response:
            async with httpx.AsyncClient(
                transport=transport, base_url="http://ccr.test", auth=BceHttpxAuth(DEMO_ACCESS_KEY, DEMO_SECRET_KEY)
            ) as client:
                return await client.request(method, path, params=query, json=body)

        response = asyncio.run(go())
        return response.status_code, response.json()

    return call


# --------------------------------------------------------------------------- concurrency


@pytest.mark.parametrize("persistent", [False, True], ids=["memory", "sqlite-file"])
def test_parallel_creates_get_unique_ids_and_exact_totals(persistent: bool, tmp_path: Any) -> None:
    threads, per_thread = 8, 20
    app = create_app(db_path=str(tmp_path / "ccr.db") if persistent else None)
    with serve_in_thread(app) as base_url:

        def writer(worker: int) -> list[int]:
            with httpx.Client(base_url=base_url, auth=BceHttpxAuth(DEMO_ACCESS_KEY, DEMO_SECRET_KEY)) as client:
                ids = []
                for i in range(per_thread):
                    body = registry_body(f"w{worker}-{i}", "http://127.0.0.1:9")
                    response = client.post("/v1/ccr/registries", json=body, timeout=30)
                    assert response.status_code == 200, response.text
                    ids.append(int(response.json()["targetName"]))
                return ids

        with ThreadPoolExecutor(threads) as pool:
            acknowledged = [i for ids in pool.map(writer, range(threads)) for i in ids]
        assert len(acknowledged) == len(set(acknowledged)) == threads * per_thread

        with httpx.Client(base_url=base_url, auth=BceHttpxAuth(DEMO_ACCESS_KEY, DEMO_SECRET_KEY)) as client:
            listed: list[int] = []
            for page in (1, 2):
                answer = client.get("/v1/ccr/registries", params={"pageSize": 100, "pageNo": page}).json()
                assert answer["totalCount"] == threads * per_thread
                listed += [r["id"] for r in answer["result"]]
            assert sorted(listed) == sorted(acknowledged)

            # The same policy name from many threads at once: exactly one wins, the rest are 409.
            reg_id = acknowledged[0]
            pol = policy_body("race", reg_id, filters=[])

            def racer(_: int) -> int:
                with httpx.Client(base_url=base_url, auth=BceHttpxAuth(DEMO_ACCESS_KEY, DEMO_SECRET_KEY)) as c:
                    return c.post("/v1/ccr/policies", json=pol, timeout=30).status_code

            with ThreadPoolExecutor(threads) as pool:
                statuses = sorted(pool.map(racer, range(threads * 2)))
            assert statuses == [200] + [409] * (threads * 2 - 1)
            assert client.get("/v1/ccr/policies").json()["totalCount"] == 1
