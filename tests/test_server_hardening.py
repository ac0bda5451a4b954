"""Regression tests for defects a review found in the reference server: deep JSON, the query's
``+``, the access log, a health check racing an update, Content-Type, oversized uploads (413), the
store's own thread safety, ``CCR_AK``/``CCR_SK``, the spec's status enums and the HTTP parser's own
400.  The attacks of issue 13 are in tests/test_hardening_*.py."""

from __future__ import annotations

import asyncio
import json
import os
import re
import socket
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from server_fixtures import AUTH, BASE, SPEC, assert_bce_error, make_client, mock_process, policy_body, registry_body

from ccr_contract.auth_adapters import BceHttpxAuth
from ccr_contract.liveserver import serve_in_thread
from ccr_contract.server import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, create_app
from ccr_contract.server import app as server_app
from ccr_contract.server import resources as server_resources
from ccr_contract.signing import sign_request
from ccr_contract.spec import SpecError

# --------------------------------------------------------------------------- 1. deeply nested JSON

VALID_PREFIX = json.dumps(registry_body("deep"))[:-1]  # a valid registry body, still open for one more property


@pytest.mark.parametrize("depth", [100, 500, 900])
@pytest.mark.parametrize("where", ["whole-body", "extra-property", "escaped-string"])
def test_deeply_nested_json_is_malformed_json_not_a_500(depth: int, where: str) -> None:
    client = make_client()
    nested = "[" * depth + '"A"' + "]" * depth
    raw = {
        "whole-body": nested,
        "extra-property": VALID_PREFIX + ', "zz": ' + nested + "}",
        "escaped-string": "[" * depth + '"\\u0041"' + "]" * depth,
    }[where]
    response = client.post("/v1/ccr/registries", content=raw.encode(), headers={"content-type": "application/json"})
    assert_bce_error(response, 400, "MalformedJSON", "nested")
    assert client.app.state.server.internal_errors == 0


def test_moderate_nesting_within_the_limit_is_still_parsed() -> None:
    client = make_client()
    raw = VALID_PREFIX + ', "zz": ' + "[" * 60 + "1" + "]" * 60 + "}"  # 61 levels deep in all
    response = client.post("/v1/ccr/registries", content=raw.encode(), headers={"content-type": "application/json"})
    assert response.status_code == 200, response.text  # extra properties are allowed by the schema


# --------------------------------------------------------------------------- 2. one query decoder


def test_plus_in_the_query_means_a_literal_plus_like_the_signer() -> None:
    client = make_client()
    for name in ("a b", "a+b"):
        assert client.post("/v1/ccr/registries", json=registry_body(name)).status_code == 200
    host = urlsplit(BASE).netloc
    signed = sign_request(
        "GET", BASE + "/v1/ccr/registries?keyword=a%2Bb", {"host": host}, DEMO_ACCESS_KEY, DEMO_SECRET_KEY
    )
    headers = {"Authorization": signed.authorization, "x-bce-date": signed.headers["x-bce-date"]}
    meanings = set()
    for query in ("keyword=a%2Bb", "keyword=a+b"):
        response = client.get("/v1/ccr/registries?" + query, headers=headers, auth=None)
        assert response.status_code == 200, response.text  # one signature, both wire forms
        meanings.add(tuple(r["name"] for r in response.json()["result"]))
    assert meanings == {("a+b",)}


def test_a_space_sent_as_percent_20_matches_a_name_with_a_space() -> None:
    client = make_client()
    client.post("/v1/ccr/registries", json=registry_body("team one"))
    client.post("/v1/ccr/registries", json=registry_body("team+one"))
    response = client.get("/v1/ccr/registries?keyword=team%20one")
    assert [r["name"] for r in response.json()["result"]] == ["team one"]


def test_a_query_value_that_is_not_utf8_is_400_naming_the_parameter() -> None:
    assert_bce_error(make_client().get("/v1/ccr/registries?keyword=%FF%FE"), 400, "InvalidHTTPRequest", "keyword")


def test_the_server_has_no_query_decoder_of_its_own() -> None:
    source = (Path(server_app.__file__).parent / "validation.py").read_text()
    assert "unquote" not in source and "from ccr_contract.signing import parse_query" in source


# --------------------------------------------------------------------------- 3. access log


def test_access_log_prints_one_line_per_request_without_credentials(tmp_path: Path) -> None:
    env = {**os.environ, "CCR_AK": "log-test-ak", "CCR_SK": "log-test-sk-never-printed"}
    with mock_process("--access-log", log=tmp_path / "err.log", env=env) as (proc, base_url):
        with httpx.Client(base_url=base_url, timeout=10, auth=BceHttpxAuth("log-test-ak", env["CCR_SK"])) as client:
            response = client.get("/v1/ccr/registries?pageSize=5&authorization=leak")
        assert response.status_code == 200, response.text  # the key pair came from CCR_AK/CCR_SK
        signature = response.request.headers["authorization"]
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    text = out.decode() + (tmp_path / "err.log").read_text()
    lines = [line for line in text.splitlines() if "/v1/ccr/registries" in line]
    assert len(lines) == 1 and re.search(r'"GET /v1/ccr/registries\?\S* HTTP/1.1" 200', lines[0]), text
    for secret in (env["CCR_SK"], signature, signature.rsplit("/", 1)[1], "leak"):
        assert secret not in text


# --------------------------------------------------------------------------- 4. health check vs update


def test_a_health_check_never_overwrites_a_newer_update(monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app()

    async def scenario() -> tuple[dict, Any]:
        probing, release = asyncio.Event(), asyncio.Event()

        async def slow_probe(*_: Any, **__: Any) -> bool:
            probing.set()
            await release.wait()
            return True

        monkeypatch.setattr(server_resources, "probe_registry", slow_probe)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE, auth=AUTH) as client:
            reg_id = int((await client.post("/v1/ccr/registries", json=registry_body("r"))).json()["targetName"])
            ping = asyncio.create_task(client.post("/v1/ccr/registries/ping", json={"id": reg_id}))
            await asyncio.wait_for(probing.wait(), 10)
            changed = {**registry_body("r", url="http://other.example.com"), "id": reg_id}
            assert (await client.put("/v1/ccr/registries", json=changed)).status_code == 200
            release.set()
            answer = (await ping).json()
            listed = (await client.get("/v1/ccr/registries")).json()["result"][0]
            return listed, answer

    listed, answer = asyncio.run(scenario())
    assert answer["targetName"] == "true"  # the probe's answer is still reported...
    assert listed["url"] == "http://other.example.com"
    assert listed["status"] is None  # ...but not recorded against the registry that changed meanwhile


def test_a_health_check_of_an_unchanged_registry_is_recorded(monkeypatch: pytest.MonkeyPatch) -> None:
    async def healthy(*_: Any, **__: Any) -> bool:
        return True

    monkeypatch.setattr(server_resources, "probe_registry", healthy)
    client = make_client()
    reg_id = int(client.post("/v1/ccr/registries", json=registry_body("r")).json()["targetName"])
    assert client.post("/v1/ccr/registries/ping", json={"id": reg_id}).json()["targetName"] == "true"
    assert client.get("/v1/ccr/registries").json()["result"][0]["status"] == "normal"


# --------------------------------------------------------------------------- 6. Content-Type


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "application/jsonx"])
def test_a_body_that_is_not_declared_json_is_400(content_type: str) -> None:
    body = json.dumps(registry_body()).encode()
    response = make_client().post("/v1/ccr/registries", content=body, headers={"content-type": content_type})
    assert_bce_error(response, 400, "InvalidHTTPRequest", "Content-Type must be application/json")


@pytest.mark.parametrize(
    "content_type",
    [
        None,
        "application/json",
        "application/json; charset=utf-8",
        "Application/JSON;charset=UTF-8",
        "application/vnd.x+json",
    ],
)
def test_json_content_types_and_a_missing_one_are_accepted(content_type: str | None) -> None:
    body = json.dumps(registry_body()).encode()
    headers = {} if content_type is None else {"content-type": content_type}
    client = make_client()
    request = client.build_request("POST", "/v1/ccr/registries", content=body, headers=headers)
    if content_type is None:
        request.headers.pop("content-type", None)
    response = client.send(request)
    assert response.status_code == 200, response.text


# --------------------------------------------------------------------------- 7. oversized upload


def test_an_oversized_streamed_body_is_413_as_soon_as_it_passes_the_limit() -> None:
    """A body without Content-Length (chunked) is read only up to the documented maximum; the HTTP
    layer discards the rest within its lingering-close budget (tests/test_hardening_http.py)."""
    server = create_app().state.server
    chunk = b" " * (64 << 10)
    consumed = 0
    sent: list[dict] = []

    async def receive() -> dict:
        nonlocal consumed
        consumed += 1
        return {"type": "http.request", "body": chunk, "more_body": consumed < 1000}  # ~64 MiB offered

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/v1/ccr/registries", "raw_path": b"/v1/ccr/registries"}
    scope |= {"query_string": b"", "headers": [(k.encode(), v.encode()) for k, v in signed_headers().items()]}
    asyncio.run(server(scope, receive, send))
    assert sent[0]["type"] == "http.response.start" and sent[0]["status"] == 413
    assert json.loads(sent[1]["body"])["code"] == "EntityTooLarge"
    assert consumed == (server_app.MAX_BODY_BYTES >> 16) + 1  # one chunk past the limit, then nothing


def signed_headers() -> dict[str, str]:
    signed = sign_request("POST", BASE + "/v1/ccr/registries", {"host": "ccr.test"}, DEMO_ACCESS_KEY, DEMO_SECRET_KEY)
    return {"host": "ccr.test", "authorization": signed.authorization, "x-bce-date": signed.headers["x-bce-date"]}


def test_an_oversized_upload_on_a_closing_connection_gets_its_413_not_a_reset() -> None:
    """413 is answered from the headers, before the body is read; the lingering close still lets a
    client that sends the whole (3.9 MB) body first read it instead of a connection reset."""
    body = b" " * (int(3.9 * (1 << 20)))
    with serve_in_thread(create_app()) as base_url:
        host = urlsplit(base_url).netloc
        signed = sign_request("POST", base_url + "/v1/ccr/registries", {"host": host}, DEMO_ACCESS_KEY, DEMO_SECRET_KEY)
        head = (
            f"POST /v1/ccr/registries HTTP/1.1\r\nHost: {host}\r\nAuthorization: {signed.authorization}\r\n"
            f"x-bce-date: {signed.headers['x-bce-date']}\r\nContent-Type: application/json\r\n"
            f"Connection: close\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode()
        for _ in range(3):
            with socket.create_connection(("127.0.0.1", int(host.rsplit(":", 1)[1])), timeout=20) as sock:
                sock.sendall(head + body)  # a reset before the whole body is read raises here or below
                data = b""
                while chunk := sock.recv(65536):
                    data += chunk
            status_line, _, rest = data.partition(b"\r\n")
            assert b" 413 " in status_line, data[:300]
            payload = json.loads(rest.partition(b"\r\n\r\n")[2])
            assert payload["code"] == "EntityTooLarge" and "body" in payload["message"]


# --------------------------------------------------------------------------- 8. the store itself under threads


@pytest.mark.parametrize("persistent", [False, True], ids=["memory", "sqlite-file"])
def test_store_writes_from_threads_get_unique_ids_and_exact_totals(persistent: bool, tmp_path: Path) -> None:
    engine = create_app(db_path=str(tmp_path / "s.db") if persistent else None, seed=None).state.server.engine
    registries = engine.model.resources["personalRegistries"]
    policies = engine.model.resources["personalPolicies"]
    threads, per_thread = 8, 40
    barrier = threading.Barrier(threads)

    def writer(worker: int) -> list[tuple[int, int]]:
        barrier.wait()  # start together, so the writes really interleave
        out = []
        for i in range(per_thread):
            reg, _ = engine.create_item(registries, "", registry_body(f"w{worker}-{i}"))
            pol, _ = engine.create_item(policies, "", policy_body(f"p{worker}-{i}", reg))
            out.append((reg, pol))
        return out

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # switch threads often: without the store's lock, transactions collide
    try:
        with ThreadPoolExecutor(threads) as pool:
            pairs = [pair for chunk in pool.map(writer, range(threads)) for pair in chunk]
    finally:
        sys.setswitchinterval(interval)
    ids, policy_ids = [r for r, _ in pairs], [p for _, p in pairs]
    assert len(set(ids)) == len(set(policy_ids)) == threads * per_thread
    assert engine.items.page(registries.name, "", 0, 1)[1] == threads * per_thread
    assert engine.items.page(policies.name, "", 0, 1)[1] == threads * per_thread


# --------------------------------------------------------------------------- 10. the spec's enums


def test_create_app_refuses_a_spec_whose_status_enums_drifted(monkeypatch: pytest.MonkeyPatch) -> None:
    drifted = json.loads(json.dumps(SPEC))
    drifted["components"]["schemas"]["ExecutionStatus"]["enum"] = ["Running", "Done"]
    monkeypatch.setattr(server_app, "load_spec", lambda: drifted)
    with pytest.raises(SpecError, match="ExecutionStatus"):  # x-bce-states names values the enum lost
        create_app()
    drifted = json.loads(json.dumps(SPEC))
    drifted["components"]["schemas"]["RegistryStatus"]["enum"] = ["healthy"]
    monkeypatch.setattr(server_app, "load_spec", lambda: drifted)
    with pytest.raises(SpecError, match="RegistryStatus"):
        create_app()


def test_create_app_refuses_a_spec_whose_execution_lifecycle_drifted(monkeypatch: pytest.MonkeyPatch) -> None:
    drifted = json.loads(json.dumps(SPEC))
    drifted["components"]["schemas"]["ExecutionStatus"]["x-bce-lifecycle"]["final"] = ["Succeed", "Failed"]
    monkeypatch.setattr(server_app, "load_spec", lambda: drifted)
    with pytest.raises(SpecError, match=r"x-bce-lifecycle\.final"):
        create_app()


# --------------------------------------------------------------------------- 5. the HTTP layer's own 400


def test_raw_non_ascii_in_the_request_target_is_refused_with_a_bce_body() -> None:
    """uvicorn's parser refuses the request line before the app runs; the HTTP layer
    (ccr_contract.server.http_limits) answers that refusal with a BCE body, not uvicorn's text."""
    with serve_in_thread(create_app()) as base_url:
        port = int(urlsplit(base_url).netloc.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(b"DELETE /v1/ccr/registries/\xff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 ") and b"application/json;charset=UTF-8" in head, data[:300]
    assert json.loads(body)["code"] == "InvalidHTTPRequest"


def test_a_path_with_an_encoded_newline_gets_a_bce_body() -> None:
    """Regression (found by the conformance suite): ``/a%0Ab`` fell through to Starlette's text 404."""
    from starlette.testclient import TestClient

    from ccr_contract.auth_adapters import BceHttpxAuth
    from ccr_contract.server import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, create_app

    with TestClient(create_app()) as client:
        client.auth = BceHttpxAuth(DEMO_ACCESS_KEY, DEMO_SECRET_KEY)
        for path in ("/v1/ccr/registries/a%0Ab", "/v1/ccr/a%0Ab/x"):
            response = client.delete(path)
            assert 400 <= response.status_code < 500, path
            assert response.headers["content-type"] == "application/json;charset=UTF-8", path
            assert response.json()["requestId"] == response.headers["x-bce-request-id"], path
