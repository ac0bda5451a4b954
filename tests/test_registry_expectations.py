"""What a user expects from a real registry, checked over HTTP against the reference server.

``tests/test_engine.py`` checks the engine's rules by calling its handlers; these tests send
signed HTTP requests to ``create_app()`` (the demo data) and read the answers as a client does:
404 for unknown ids and for ids under the wrong parent, 409 for duplicates, 400 with a BCE error
body for broken limits (password rules, more than 100 batch items, bad CIDR), robot names stored
with ``ccr$``, registry secrets never answered nor logged, ``x-bce-request-id`` on every answer,
and a job recorded by an enabled, matching trigger when a tag is deleted through the API.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from server_fixtures import REGISTRY_PASSWORD, assert_bce_error, make_client

I1 = "/v1/instances/ccr-4a5b6c7d"
I2 = "/v1/instances/ccr-9z8y7x6w"
UBUNTU = f"{I1}/projects/library/repositories/ubuntu"


@pytest.fixture
def c() -> Any:
    return make_client(execution_seconds=3600)


def ok(response: Any) -> Any:
    assert response.status_code == 200, response.text
    assert response.headers["x-bce-request-id"]
    return response.json() if response.content else None


def _robot_body(name: str = "ci") -> dict[str, Any]:
    access = [{"resource": "repository", "action": "pull"}]
    return {
        "name": name,
        "duration": 30,
        "disable": False,
        "permissions": [{"kind": "project", "namespace": "library", "access": access}],
    }


def _trigger_body(name: str, events: list[str], repository: str = "ubuntu") -> dict[str, Any]:
    return {
        "name": name,
        "eventTypes": events,
        "filters": [{"type": "project_name", "value": "library"}, {"type": "repository_name", "value": repository}],
        "targets": [{"address": "http://127.0.0.1:9/hook"}],
    }


def _trigger_id(c: Any, name: str, instance: str = I1) -> int:
    policies = ok(c.get(f"{instance}/triggers/policies", params={"policyName": name, "pageSize": 100}))["policies"]
    return int(next(p["id"] for p in policies if p["name"] == name))


# --------------------------------------------------------------------------- 404


@pytest.mark.parametrize(
    "path",
    [
        "/v1/instances/ccr-00000000",
        f"{I1}/projects/no-such-project",
        f"{I1}/projects/library/repositories/no-such-repo",
        f"{UBUNTU}/tags/no-such-tag",
        f"{UBUNTU}/tags/no-such-tag/buildhistory",
        f"{I1}/triggers/policies/999",
        f"{I1}/accelerators/policies/999",
        f"{I1}/replications/999",
        f"{I1}/syncs/999",
        f"{I1}/registries/999",
        f"{I1}/executions/999",
        f"{I1}/executions/999/tasks/1/log",
        f"{I1}/projects/library/charts/download/nginx-9.9.9.tgz",
        f"{I1}/projects/library/charts/no-such-chart/versions",
    ],
)
def test_unknown_ids_are_404(c: Any, path: str) -> None:
    body = assert_bce_error(c.get(path), 404, "NotFound")
    assert not body["message"].startswith("no API"), body  # the route exists; the item does not


@pytest.mark.parametrize(
    "path",
    [
        f"{I2}/projects/library",  # library lives in the first instance only
        f"{I2}/projects/backup/repositories/ubuntu",  # ubuntu lives in library
        f"{I1}/projects/library/repositories/nginx/tags/1.0",  # 1.0 is a tag of ubuntu
        f"{I2}/triggers/policies/1",  # the demo trigger belongs to the first instance
        f"{I2}/registries/1",
        f"{I2}/replications/2",
    ],
)
def test_ids_under_the_wrong_parent_are_404(c: Any, path: str) -> None:
    body = assert_bce_error(c.get(path), 404, "NotFound")
    assert not body["message"].startswith("no API"), body


def test_writes_under_the_wrong_parent_are_404_and_change_nothing(c: Any) -> None:
    assert_bce_error(c.delete(f"{I2}/projects/library/repositories/ubuntu"), 404, "NotFound")
    assert_bce_error(c.put(f"{I2}/triggers/policies/1/enable", params={"enabled": "false"}), 404, "NotFound")
    assert ok(c.get(UBUNTU))["repositoryName"] == "ubuntu"
    assert ok(c.get(f"{I1}/triggers/policies/1"))["enabled"] is True


# --------------------------------------------------------------------------- 409


def test_duplicates_are_409(c: Any) -> None:
    assert_bce_error(
        c.post(f"{I1}/projects", json={"projectName": "library", "public": "false"}), 409, "StatusConflict"
    )
    ok(c.post(f"{I1}/robots", json=_robot_body("dup")))
    assert_bce_error(c.post(f"{I1}/robots", json=_robot_body("dup")), 409, "StatusConflict")
    assert_bce_error(
        c.post(f"{I1}/triggers/policies", json=_trigger_body("notify-ci", ["PUSH_ARTIFACT"])), 409, "StatusConflict"
    )
    body = {"name": "accelerate-ubuntu", "filters": [{"type": "project_name", "value": "library"}]}
    assert_bce_error(c.post(f"{I1}/accelerators/policies", json=body), 409, "StatusConflict")
    entry = {"ipAddr": "192.168.0.0/24", "description": "again"}
    assert_bce_error(c.post(f"{I1}/publiclinks/whitelist", json=entry), 409, "StatusConflict")


# --------------------------------------------------------------------------- 400


@pytest.mark.parametrize(
    "password", ["Short1A", "alllowercase1", "NOLOWER123", "NoDigitsHere", "Has space 1A", "Aa1" + "x" * 20]
)
def test_password_rules_are_400(c: Any, password: str) -> None:
    assert_bce_error(c.put(f"{I1}/credential", json={"password": password}), 400, "InvalidHTTPRequest", "password")


def test_robot_secret_rules_are_400(c: Any) -> None:
    ok(c.post(f"{I1}/robots", json=_robot_body("weak")))
    robot = ok(c.get(f"{I1}/robots"))["robots"][-1]
    assert_bce_error(c.put(f"{I1}/robots/{robot['id']}/secret", json={"secret": "weak"}), 400, "InvalidHTTPRequest")


@pytest.mark.parametrize(
    ("method", "path", "item"),
    [
        ("DELETE", f"{I1}/projects", "p{}"),
        ("DELETE", f"{I1}/projects/library/repositories", "r{}"),
        ("DELETE", f"{UBUNTU}/tags", "t{}"),
        ("DELETE", f"{I1}/publiclinks/whitelist", "10.0.{}.0/24"),
        ("DELETE", f"{I1}/triggers/policies", None),
        ("DELETE", f"{I1}/accelerators/policies", None),
        ("DELETE", f"{I1}/projects/library/charts", "c{}"),
    ],
)
def test_more_than_100_batch_items_are_400(c: Any, method: str, path: str, item: str | None) -> None:
    items: list[Any] = [i + 1 for i in range(101)] if item is None else [item.format(i) for i in range(101)]
    answer = c.request(method, path, json={"items": items})
    assert_bce_error(answer, 400, "InvalidHTTPRequest", "items")


@pytest.mark.parametrize("ip", ["10.0.0.0/33", "300.1.2.3", "10.0.0", "not-an-ip", "10.0.0.0/-1", "::1/129"])
def test_bad_cidr_is_400(c: Any, ip: str) -> None:
    answer = c.post(f"{I1}/publiclinks/whitelist", json={"ipAddr": ip, "description": ""})
    assert_bce_error(answer, 400, "InvalidHTTPRequest", "ipAddr")


# --------------------------------------------------------------------------- secrets


def test_robot_names_are_stored_with_the_ccr_prefix(c: Any) -> None:
    created = ok(c.post(f"{I1}/robots", json=_robot_body("pusher")))
    assert created["name"] == "ccr$pusher" and created["secret"]
    names = [r["name"] for r in ok(c.get(f"{I1}/robots"))["robots"]]
    assert names == ["ccr$pusher"]
    # the prefix is the server's: a client cannot send it (the name pattern has no `$`)
    assert_bce_error(c.post(f"{I1}/robots", json=_robot_body("ccr$pusher")), 400, "InvalidHTTPRequest", "name")
    assert ok(c.get(f"{I1}/robots", params={"status": "enabled"}))["robots"]


def test_robot_secret_is_answered_at_create_and_refresh_only(c: Any) -> None:
    created = ok(c.post(f"{I1}/robots", json={**_robot_body("once"), "secret": "Robot2024!pass"}))
    assert created["secret"] == "Robot2024!pass"
    robot_id = ok(c.get(f"{I1}/robots"))["robots"][-1]["id"]
    update = c.put(f"{I1}/robots/{robot_id}", json={"description": "changed"})
    assert "Robot2024!pass" not in update.text
    refreshed = ok(c.put(f"{I1}/robots/{robot_id}/secret", json={}))
    assert refreshed["secret"] and refreshed["secret"] != "Robot2024!pass"
    listing = c.get(f"{I1}/robots").text
    assert "Robot2024!pass" not in listing and refreshed["secret"] not in listing and '"secret"' not in listing


def test_registry_credentials_are_never_answered_nor_logged(c: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    url = f"https://admin:{REGISTRY_PASSWORD}@harbor.example.com"
    body = {
        "type": "harbor",
        "name": "office",
        "url": url,
        "insecure": False,
        "credential": {"type": "basic", "accessKey": "admin", "accessSecret": REGISTRY_PASSWORD},
    }
    refused = c.post(f"{I1}/registries", json=body)  # credentials inside a URL: refused (spec HttpUrl)
    assert refused.status_code == 400, refused.text
    body["url"] = "https://harbor.example.com"
    answers = [refused, c.post(f"{I1}/registries", json=body)]
    registry_id = next(r["id"] for r in ok(c.get(f"{I1}/registries"))["items"] if r["name"] == "office")
    answers += [
        c.get(f"{I1}/registries"),
        c.get(f"{I1}/registries/{registry_id}"),
        c.put(f"{I1}/registries/{registry_id}", json={**body, "description": "updated"}),
        c.post(f"{I1}/registries/ping", json=body),
        c.post(f"{I1}/registries", json={**body, "name": "", "credential": {"type": "basic", "accessKey": "a"}}),
        c.post(f"{I1}/registries", json={**body, "url": "ftp://x", "credential": {**body["credential"]}}),
    ]
    for answer in answers:
        assert REGISTRY_PASSWORD not in answer.text, answer.text
        assert "accessSecret" not in answer.text, answer.text
    detail = ok(c.get(f"{I1}/registries/{registry_id}"))
    assert detail["credential"] == {"type": "basic", "accessKey": "admin"}
    assert REGISTRY_PASSWORD not in caplog.text


def test_an_anonymous_registry_answers_a_null_credential(c: Any) -> None:
    ok(c.post(f"{I1}/registries", json={"type": "harbor", "name": "anon", "url": "https://hub.example.com"}))
    found = next(r for r in ok(c.get(f"{I1}/registries"))["items"] if r["name"] == "anon")
    assert found["credential"] is None
    assert ok(c.get(f"{I1}/registries/{found['id']}"))["credential"] is None


# --------------------------------------------------------------------------- request ids


def test_every_answer_carries_a_request_id(c: Any) -> None:
    unsigned = make_client()
    unsigned.auth = None
    answers = {
        "200 json": c.get(f"{I1}/projects"),
        "200 empty": c.put(f"{UBUNTU}", json={"description": "x"}),
        "200 bytes": c.get(f"{I1}/projects/library/charts/download/nginx-1.0.0.tgz"),
        "400": c.post(f"{I1}/projects", json={"projectName": "UPPER", "public": "false"}),
        "401/403 unsigned": unsigned.get(f"{I1}/projects"),
        "404 path": c.get("/v1/no/such/api"),
        "404 item": c.get(f"{I1}/projects/none"),
        "405": c.patch(f"{I1}/projects"),
        "409": c.post(f"{I1}/projects", json={"projectName": "library", "public": "false"}),
    }
    ids = set()
    for name, answer in answers.items():
        request_id = answer.headers.get("x-bce-request-id")
        assert request_id, name
        if answer.status_code >= 400:
            assert answer.json()["requestId"] == request_id, name
        ids.add(request_id)
    assert len(ids) == len(answers)  # one per answer


# --------------------------------------------------------------------------- triggers react to the API


def test_an_enabled_matching_trigger_records_a_job_when_a_tag_is_deleted(c: Any) -> None:
    ok(c.post(f"{I1}/triggers/policies", json=_trigger_body("on-delete", ["DELETE_ARTIFACT"])))
    ok(c.post(f"{I1}/triggers/policies", json=_trigger_body("other-repo", ["DELETE_ARTIFACT"], repository="nginx")))
    ok(c.post(f"{I1}/triggers/policies", json=_trigger_body("push-only", ["PUSH_ARTIFACT"])))
    ok(c.post(f"{I1}/triggers/policies", json=_trigger_body("disabled", ["DELETE_ARTIFACT"])))
    ids = {name: _trigger_id(c, name) for name in ("on-delete", "other-repo", "push-only", "disabled")}
    ok(c.put(f"{I1}/triggers/policies/{ids['disabled']}/enable", params={"enabled": "false"}))

    ok(c.delete(f"{UBUNTU}/tags/1.0"))

    def jobs(name: str) -> list[dict[str, Any]]:
        return ok(c.get(f"{I1}/triggers/policies/{ids[name]}/jobs"))["jobs"]

    (job,) = jobs("on-delete")
    assert job["eventType"] == "DELETE_ARTIFACT" and job["images"] == ["library/ubuntu:1.0"]
    assert job["status"] == "Success"
    assert jobs("other-repo") == [] and jobs("push-only") == [] and jobs("disabled") == []
    ok(c.request("DELETE", f"{UBUNTU}/tags", json={"items": ["latest"]}))
    assert len(jobs("on-delete")) == 2
    ok(c.put(f"{I1}/triggers/policies/{ids['on-delete']}/jobs/{job['id']}/retry"))
