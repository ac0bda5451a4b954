"""The reference server in-process: routing, authentication, validation, errors and CRUD semantics.

Expected codes and defaults are read from the spec where the spec states them, so these tests
check the server against the contract rather than against a copy of it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from server_fixtures import (
    BASE,
    REGISTRY_PASSWORD,
    SCHEMAS,
    SPEC,
    TestClient,
    assert_bce_error,
    make_client,
    policy_body,
    registry_body,
)

from ccr_contract.auth_adapters import BceHttpxAuth
from ccr_contract.server import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, create_app
from ccr_contract.signing import sign_request
from ccr_contract.spec import AuthRules, operations

SECRET = REGISTRY_PASSWORD
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


@pytest.fixture
def client() -> TestClient:
    return make_client(execution_seconds=0)


def response_schema_errors(op_id: str, body: Any) -> list[str]:
    op = next(o for o in operations(SPEC) if o.operation_id == op_id)
    ptr = "#/paths/" + op.path.replace("~", "~0").replace("/", "~1") + f"/{op.method.lower()}"
    return SCHEMAS.errors(ptr + "/responses/200/content/application~1json/schema", body)


# --------------------------------------------------------------------------- authentication


def _auth_cases() -> list[tuple[str, dict[str, str]]]:
    now = datetime.now(UTC)

    def signed(sk: str = DEMO_SECRET_KEY, ak: str = DEMO_ACCESS_KEY, when: datetime = now) -> dict[str, str]:
        return sign_request("GET", BASE + "/v1/ccr/registries", {}, ak, sk, timestamp=when).headers

    return [
        ("missing", {}),
        ("malformed", {"Authorization": "bce-auth-v1/only/three"}),
        ("unknownKey", signed(ak="nobody")),
        ("expired", signed(when=now - timedelta(hours=3))),
        ("notYetValid", signed(when=now + timedelta(hours=1))),
        ("mismatch", signed(sk="wrong-secret")),
    ]


@pytest.mark.parametrize(("kind", "headers"), _auth_cases(), ids=[k for k, _ in _auth_cases()])
def test_each_auth_failure_answers_the_spec_status_and_code(client: TestClient, kind: str, headers: dict) -> None:
    status, code = (int(AuthRules.from_spec().errors[kind]["status"]), AuthRules.from_spec().errors[kind]["code"])
    response = client.get("/v1/ccr/registries", headers=headers, auth=None)
    assert_bce_error(response, status, code)


def test_signature_covers_the_raw_wire_path(client: TestClient) -> None:
    # %2F stays inside the id on the wire; a server verifying the decoded path would see a mismatch.
    response = client.delete("/v1/ccr/registries/a%2Fb")
    assert_bce_error(response, 400, "InvalidHTTPRequest", "registryId")


def test_signature_covers_the_raw_query(client: TestClient) -> None:
    client.post("/v1/ccr/registries", json=registry_body("镜像 仓库"))
    response = client.get("/v1/ccr/registries", params={"keyword": "镜像 仓", "pageSize": "5"})
    assert response.status_code == 200, response.text
    assert [r["name"] for r in response.json()["result"]] == ["镜像 仓库"]


def test_custom_credentials_replace_the_demo_pair() -> None:
    client = make_client(credentials={"my-ak": "my-sk"})
    unknown = AuthRules.from_spec().errors["unknownKey"]
    assert_bce_error(client.get("/v1/ccr/registries"), int(unknown["status"]), unknown["code"])
    assert client.get("/v1/ccr/registries", auth=BceHttpxAuth("my-ak", "my-sk")).status_code == 200


# --------------------------------------------------------------------------- routing


def test_unknown_path_is_a_404_bce_body(client: TestClient) -> None:
    for path in ("/", "/v1/ccr/nothing", "/v1/ccr/registries/", "/v1/ccr/policies/1/start/extra"):
        assert_bce_error(client.get(path), 404, "NotFound")


def test_wrong_method_is_a_405_bce_body_with_allow(client: TestClient) -> None:
    response = client.request("PATCH", "/v1/ccr/registries")
    assert_bce_error(response, 405, "MethodNotAllowed")
    assert set(response.headers["allow"].split(", ")) == {"GET", "POST", "PUT"}
    assert_bce_error(client.get("/v1/ccr/policies/1/start"), 405, "MethodNotAllowed")
    ping = client.delete("/v1/ccr/registries/ping")  # the literal resource wins over /registries/{registryId}
    assert_bce_error(ping, 405, "MethodNotAllowed")
    assert ping.headers["allow"] == "POST"


@pytest.mark.parametrize(
    ("method", "path", "field"),
    [
        ("DELETE", "/v1/ccr/registries/abc", "registryId"),
        ("DELETE", "/v1/ccr/registries/0", "registryId"),
        ("DELETE", "/v1/ccr/policies/-4", "policyId"),
        ("POST", "/v1/ccr/policies/1.5/start", "policyId"),
        ("POST", "/v1/ccr/executions/99999999999999999999/stop", "executionId"),
    ],
)
def test_path_ids_outside_the_schema_are_400(client: TestClient, method: str, path: str, field: str) -> None:
    assert_bce_error(client.request(method, path), 400, "InvalidHTTPRequest", field)


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("pageSize=101", "pageSize"),
        ("pageSize=0", "pageSize"),
        ("pageNo=abc", "pageNo"),
        ("pageNo=", "pageNo"),
        ("type=quay", "type"),
        ("keywordType=url", "keywordType"),
        ("pageSize=5&pageSize=6", "pageSize"),
    ],
)
def test_bad_query_parameters_are_400_naming_the_field(client: TestClient, query: str, field: str) -> None:
    assert_bce_error(client.get("/v1/ccr/registries?" + query), 400, "InvalidHTTPRequest", field)


def test_list_executions_requires_policy_id(client: TestClient) -> None:
    assert_bce_error(client.get("/v1/ccr/executions"), 400, "InvalidHTTPRequest", "policyId")


@pytest.mark.parametrize(
    "raw",
    [b"{", b"not json", b'{"a": NaN}', b"\xff\xfe", b"[" * 100000 + b"]" * 100000, b'{"x": 1' + b"0" * 5000 + b"}"],
    ids=["truncated", "text", "nan", "not-utf8", "deep", "huge-int"],
)
def test_unparsable_bodies_are_malformed_json(client: TestClient, raw: bytes) -> None:
    response = client.post("/v1/ccr/registries", content=raw, headers={"content-type": "application/json"})
    assert_bce_error(response, 400, "MalformedJSON")


def _without(body: dict, *path: str) -> dict:
    node = body
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    return body


def _with(body: dict, value: Any, *path: str) -> dict:
    node = body
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return body


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (_without(registry_body(), "name"), "name"),
        (_without(registry_body(), "credential", "accessSecret"), "accessSecret"),
        (_with(registry_body(), "yes", "insecure"), "insecure"),
        (_with(registry_body(), "quay", "type"), "type"),
        (_with(registry_body(), "token", "credential", "type"), "credential.type"),
        (_with(registry_body(), "ftp://example.com", "url"), "url"),
        (_with(registry_body(), "x" * 129, "name"), "name"),
        ([registry_body()], "body"),
    ],
    ids=["missing-name", "missing-secret", "bool-type", "enum", "nested-enum", "url-pattern", "too-long", "array"],
)
def test_schema_violations_are_400_naming_the_field(client: TestClient, body: Any, field: str) -> None:
    assert_bce_error(client.post("/v1/ccr/registries", json=body), 400, "InvalidHTTPRequest", field)


def test_missing_body_is_400(client: TestClient) -> None:
    assert_bce_error(client.post("/v1/ccr/policies", content=b""), 400, "InvalidHTTPRequest", "body")


def test_oversized_body_is_413(client: TestClient) -> None:
    response = client.post("/v1/ccr/registries", content=b" " * (2 << 20))
    assert_bce_error(response, 413, "EntityTooLarge", "body")


def test_validation_messages_never_echo_the_secret(client: TestClient) -> None:
    body = _with(registry_body(), SECRET * 20, "credential", "accessSecret")
    error = assert_bce_error(client.post("/v1/ccr/registries", json=body), 400, "InvalidHTTPRequest", "accessSecret")
    assert SECRET not in error["message"]
    body = _with(registry_body(), [SECRET], "credential")
    error = assert_bce_error(client.post("/v1/ccr/registries", json=body), 400, "InvalidHTTPRequest", "credential")
    assert SECRET not in error["message"]


# --------------------------------------------------------------------------- semantics


def test_each_answer_action_is_the_specs_first_x_bce_action(client: TestClient) -> None:
    actions = {op.operation_id: op.responses["200"].get("x-bce-action", [None])[0] for op in operations(SPEC)}
    rid = client.post("/v1/ccr/registries", json=registry_body()).json()
    assert rid["action"] == actions["createRegistry"]
    reg_id = int(rid["targetName"])
    assert client.put("/v1/ccr/registries", json={**registry_body(), "id": reg_id}).json() == {
        "action": actions["updateRegistry"],
        "targetName": str(reg_id),
    }
    created = client.post("/v1/ccr/policies", json=policy_body("p", reg_id)).json()
    assert created["action"] == actions["createPolicy"]
    pid = int(created["targetName"])
    updated = client.put("/v1/ccr/policies", json={**policy_body("p", reg_id), "id": pid}).json()
    assert updated == {"action": actions["updatePolicy"], "targetName": str(pid)}
    assert client.post(f"/v1/ccr/policies/{pid}/start").json() == {
        "action": actions["startPolicy"],
        "targetName": str(pid),
    }
    assert client.delete(f"/v1/ccr/policies/{pid}").json()["action"] == actions["deletePolicy"]
    assert client.delete(f"/v1/ccr/registries/{reg_id}").json()["action"] == actions["deleteRegistry"]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("DELETE", "/v1/ccr/registries/999", None),
        ("PUT", "/v1/ccr/registries", {**registry_body(), "id": 999}),
        ("POST", "/v1/ccr/registries/ping", {"id": 999}),
        ("POST", "/v1/ccr/policies", policy_body("orphan", 999)),
        ("PUT", "/v1/ccr/policies", {**policy_body("x", 1), "id": 999}),
        ("DELETE", "/v1/ccr/policies/999", None),
        ("POST", "/v1/ccr/policies/999/start", None),
        ("GET", "/v1/ccr/executions?policyId=999", None),
        ("POST", "/v1/ccr/executions/999/stop", None),
    ],
)
def test_unknown_ids_are_404(client: TestClient, method: str, path: str, body: Any) -> None:
    client.post("/v1/ccr/registries", json=registry_body())  # registry 1 exists, so only the named id is missing
    assert_bce_error(client.request(method, path, json=body), 404, "NotFound", "999")


def test_duplicate_policy_name_is_409_and_rename_onto_another_is_409(client: TestClient) -> None:
    reg_id = int(client.post("/v1/ccr/registries", json=registry_body()).json()["targetName"])
    first = int(client.post("/v1/ccr/policies", json=policy_body("same", reg_id)).json()["targetName"])
    assert_bce_error(client.post("/v1/ccr/policies", json=policy_body("same", reg_id)), 409, "StatusConflict", "same")
    other = int(client.post("/v1/ccr/policies", json=policy_body("other", reg_id)).json()["targetName"])
    rename = client.put("/v1/ccr/policies", json={**policy_body("same", reg_id), "id": other})
    assert_bce_error(rename, 409, "StatusConflict")
    assert client.put("/v1/ccr/policies", json={**policy_body("same", reg_id), "id": first}).status_code == 200


def test_registry_used_by_a_policy_cannot_be_deleted(client: TestClient) -> None:
    reg_id = int(client.post("/v1/ccr/registries", json=registry_body()).json()["targetName"])
    pid = int(client.post("/v1/ccr/policies", json=policy_body("uses", reg_id)).json()["targetName"])
    assert_bce_error(client.delete(f"/v1/ccr/registries/{reg_id}"), 409, "StatusConflict")
    assert client.delete(f"/v1/ccr/policies/{pid}").status_code == 200
    assert client.delete(f"/v1/ccr/registries/{reg_id}").status_code == 200
    assert_bce_error(client.delete(f"/v1/ccr/registries/{reg_id}"), 404, "NotFound")


def test_listing_filters_pages_and_counts_exactly(client: TestClient) -> None:
    for i in range(23):
        client.post(
            "/v1/ccr/registries",
            json=registry_body(f"team-{i:02d}", rtype="harbor" if i % 3 == 0 else "docker-registry"),
        )
    client.post("/v1/ccr/registries", json=registry_body("other"))
    default_size = SPEC["components"]["parameters"]["PageSize"]["schema"]["default"]
    first = client.get("/v1/ccr/registries").json()
    assert (first["pageNo"], first["pageSize"], first["totalCount"]) == (1, default_size, 24)
    assert len(first["result"]) == default_size
    assert response_schema_errors("listRegistries", first) == []
    team = client.get("/v1/ccr/registries", params={"keyword": "team-", "keywordType": "name", "pageSize": 10}).json()
    assert team["totalCount"] == 23
    pages = [
        client.get("/v1/ccr/registries", params={"keyword": "team-", "pageSize": 10, "pageNo": n}).json()
        for n in (1, 2, 3, 4)
    ]
    names = [r["name"] for p in pages for r in p["result"]]
    assert names == [f"team-{i:02d}" for i in range(23)]
    assert pages[3]["result"] == [] and pages[3]["totalCount"] == 23
    harbor = client.get("/v1/ccr/registries", params={"type": "harbor", "keyword": "team"}).json()
    assert harbor["totalCount"] == 8 and {r["type"] for r in harbor["result"]} == {"harbor"}
    assert {"orders", "orderBy", "order"} <= set(first)


def test_registry_views_hide_the_secret_and_use_seed_dates(client: TestClient, caplog: Any) -> None:
    caplog.set_level(logging.DEBUG)
    client.post("/v1/ccr/registries", json=registry_body())
    listed = client.get("/v1/ccr/registries")
    item = listed.json()["result"][0]
    assert item["credential"] == {"type": "basic", "accessKey": "user", "accessSecret": None}
    assert DATE_TIME.match(item["creationTime"]) and DATE_TIME.match(item["updateTime"])
    assert item["status"] is None
    assert SECRET not in listed.text
    assert SECRET not in caplog.text


def test_policies_list_by_name_with_source_registry_name(client: TestClient) -> None:
    reg_id = int(client.post("/v1/ccr/registries", json=registry_body("source-reg")).json()["targetName"])
    for name in ("b-policy", "a-policy", "c-policy"):
        client.post("/v1/ccr/policies", json=policy_body(name, reg_id))
    listed = client.get("/v1/ccr/policies", params={"pageSize": 2}).json()
    assert response_schema_errors("listPolicies", listed) == []
    assert [p["name"] for p in listed["result"]] == ["a-policy", "b-policy"]
    assert (listed["orderBy"], listed["order"], listed["totalCount"]) == ("name", "asc", 3)
    assert listed["result"][0]["srcRegistry"] == "source-reg"
    assert listed["result"][0]["executionTimes"] == 0


# --------------------------------------------------------------------------- execution lifecycle


def _start(client: TestClient, name: str = "p") -> tuple[int, int]:
    reg_id = int(client.post("/v1/ccr/registries", json=registry_body()).json()["targetName"])
    pid = int(client.post("/v1/ccr/policies", json=policy_body(name, reg_id)).json()["targetName"])
    assert client.post(f"/v1/ccr/policies/{pid}/start").status_code == 200
    return reg_id, pid


def _executions(client: TestClient, pid: int) -> list[dict]:
    listed = client.get("/v1/ccr/executions", params={"policyId": pid}).json()
    assert response_schema_errors("listExecutions", listed) == []
    return listed["result"]


def test_an_execution_finishes_succeed_after_execution_seconds(client: TestClient) -> None:
    _, pid = _start(client)
    (execution,) = _executions(client, pid)
    assert execution["status"] == "Succeed" and execution["succeed"] == 1
    assert DATE_TIME.match(execution["endTime"])
    assert_bce_error(client.post(f"/v1/ccr/executions/{execution['id']}/stop"), 409, "StatusConflict")
    assert client.get("/v1/ccr/policies").json()["result"][0]["executionTimes"] == 1


def test_an_in_progress_execution_can_be_stopped_once() -> None:
    client = make_client(execution_seconds=3600)
    _, pid = _start(client)
    (execution,) = _executions(client, pid)
    assert (execution["status"], execution["endTime"], execution["inProgress"]) == ("InProgress", None, 1)
    assert_bce_error(client.delete(f"/v1/ccr/policies/{pid}"), 409, "StatusConflict")
    stop = client.post(f"/v1/ccr/executions/{execution['id']}/stop")
    assert stop.json() == {"action": "stop", "targetName": str(execution["id"])}
    (stopped,) = _executions(client, pid)
    assert (stopped["status"], stopped["stopped"]) == ("Stopped", 1) and DATE_TIME.match(stopped["endTime"])
    assert_bce_error(client.post(f"/v1/ccr/executions/{execution['id']}/stop"), 409, "StatusConflict")
    assert client.delete(f"/v1/ccr/policies/{pid}").status_code == 200


def test_executions_are_listed_newest_first(client: TestClient) -> None:
    _, pid = _start(client)
    client.post(f"/v1/ccr/policies/{pid}/start")
    ids = [e["id"] for e in _executions(client, pid)]
    assert len(ids) == 2 and ids == sorted(ids, reverse=True)


# --------------------------------------------------------------------------- the catch-all


def test_an_unexpected_exception_answers_a_bce_internal_error(client: TestClient, caplog: Any) -> None:
    items = client.app.state.server.engine.items

    def broken(*_: Any, **__: Any) -> None:
        raise RuntimeError("simulated bug")

    items.page = broken
    response = client.get("/v1/ccr/registries")
    assert_bce_error(response, 500, "InternalError")
    assert client.app.state.server.internal_errors == 1
    assert "simulated bug" not in response.text


def test_create_app_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError):
        create_app(credentials={})
    with pytest.raises(ValueError):
        create_app(execution_seconds=-1)
    with pytest.raises(ValueError):
        create_app(probe_timeout=0)


# --------------------------------------------------------------------------- edge cases of the wire


def test_unpaired_surrogate_escapes_are_malformed_json(client: TestClient) -> None:
    raw = b'{"type":"harbor","name":"\\ud800","url":"http://x","credential":{"accessKey":"a","accessSecret":"b","type":"basic"}}'
    assert_bce_error(client.post("/v1/ccr/registries", content=raw), 400, "MalformedJSON")
    paired = raw.replace(b"\\ud800", b"\\ud83d\\ude00")  # a valid pair is fine
    assert client.post("/v1/ccr/registries", content=paired).status_code == 200


def test_a_whole_number_written_with_a_fraction_names_the_same_item(client: TestClient) -> None:
    """JSON Schema counts ``1.0`` as an integer, so the server accepts it -- as 1 (issue 19:
    ``{"items":[1.0]}`` named "rule 1.0", an item no id can have); a real fraction is still a 400."""
    client.post("/v1/ccr/registries", json=registry_body())
    answer = client.put("/v1/ccr/registries", json={**registry_body("renamed"), "id": 1.0}).json()
    assert answer == {"action": "update", "targetName": "1"}
    assert_bce_error(
        client.put("/v1/ccr/registries", json={**registry_body("again"), "id": 1.5}), 400, "InvalidHTTPRequest", "id"
    )


def _raw_call(app: Any, method: str, raw_path: bytes, headers: dict[str, str]) -> tuple[int, dict]:
    """Drive the ASGI app with exact path bytes (HTTP clients would percent-encode them)."""
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": raw_path.decode("utf-8", "replace"),
        "raw_path": raw_path,
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "server": ("ccr.test", 80),
    }
    asyncio.run(app(scope, receive, send))
    return sent[0]["status"], json.loads(sent[1]["body"])


def test_raw_utf8_path_bytes_are_verified_as_utf8() -> None:
    app = create_app()
    path = "/v1/ccr/registries/测"
    signed = sign_request("DELETE", path, {"host": "ccr.test"}, DEMO_ACCESS_KEY, DEMO_SECRET_KEY)
    status, body = _raw_call(app, "DELETE", path.encode(), signed.headers)
    assert (status, body["code"]) == (400, "InvalidHTTPRequest") and "registryId" in body["message"]
    status, body = _raw_call(app, "DELETE", b"/v1/ccr/registries/\xff", signed.headers)
    assert status in (400, 403, 404) and app.state.server.internal_errors == 0
