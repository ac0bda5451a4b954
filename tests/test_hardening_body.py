"""Issue 13, signed body integrity: bce-auth-v1 signs no body, so a captured signed PUT could be
replayed with another body.  When the client signs ``x-bce-content-sha256`` (or ``Content-MD5``) the
server checks it against the body; ``--require-body-signature`` refuses writes that sign neither."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

import pytest
from server_fixtures import BASE, assert_bce_error, make_client, registry_body
from starlette.testclient import TestClient

from ccr_cli.main import main
from ccr_contract.server import DEMO_ACCESS_KEY, DEMO_SECRET_KEY
from ccr_contract.signing import sign_request
from ccr_contract.spec import AuthRules

#: What the spec answers a signature that does not match.
MISMATCH = AuthRules.from_spec().errors["mismatch"]

HOST = "ccr.test"
SHA = "x-bce-content-sha256"


def signed(
    method: str, path: str, body: bytes, *, digest: str | None = SHA, sign_digest: bool = True, list_only: Any = None
) -> dict[str, str]:
    """Headers of a request signed with the demo pair; ``digest`` names the body digest header to
    send (its value computed from ``body``), ``sign_digest`` whether the signature covers it."""
    headers = {"host": HOST, "content-type": "application/json"}
    if digest == SHA:
        headers[SHA] = hashlib.sha256(body).hexdigest()
    elif digest == "content-md5":
        headers["content-md5"] = base64.b64encode(hashlib.md5(body).digest()).decode()
    names = ["host", "x-bce-date"] + ([digest] if digest and sign_digest else [])
    result = sign_request(method, BASE + path, headers, DEMO_ACCESS_KEY, DEMO_SECRET_KEY, signed_headers=names)
    authorization = result.authorization
    if list_only is not None:  # rewrite the listed names (the SDKs' "explicit list plus x-bce-*" dialect)
        parts = authorization.split("/")
        parts[4] = ";".join(list_only)
        authorization = "/".join(parts)
    return {**headers, "Authorization": authorization, "x-bce-date": result.headers["x-bce-date"]}


def send(client: TestClient, method: str, path: str, body: bytes, headers: dict[str, str]) -> Any:
    return client.request(method, path, content=body, headers=headers, auth=None)


def two_registries(client: TestClient) -> tuple[int, int]:
    a = int(client.post("/v1/ccr/registries", json=registry_body("a", "http://127.0.0.1:9/a")).json()["targetName"])
    b = int(client.post("/v1/ccr/registries", json=registry_body("b", "http://127.0.0.1:9/b")).json()["targetName"])
    return a, b


def listed(client: TestClient) -> dict[str, str]:
    return {r["name"]: r["url"] for r in client.get("/v1/ccr/registries").json()["result"]}


def update_body(reg_id: int, name: str, url: str) -> bytes:
    return json.dumps({**registry_body(name, url), "id": reg_id}).encode()


# --------------------------------------------------------------------------- the body swap


def test_a_captured_put_replayed_with_another_body_is_refused_when_the_hash_is_signed() -> None:
    client = make_client()
    a, b = two_registries(client)
    original = update_body(a, "a", "http://127.0.0.1:9/a2")
    captured = signed("PUT", "/v1/ccr/registries", original)
    assert send(client, "PUT", "/v1/ccr/registries", original, captured).status_code == 200
    swapped = update_body(b, "b", "http://127.0.0.1:9/evil")  # registry B's id, another URL
    assert_bce_error(send(client, "PUT", "/v1/ccr/registries", swapped, captured), 400, "BadDigest", SHA)
    forged = {**captured, SHA: hashlib.sha256(swapped).hexdigest()}  # a matching hash breaks the signature
    assert_bce_error(
        send(client, "PUT", "/v1/ccr/registries", swapped, forged), int(MISMATCH["status"]), MISMATCH["code"]
    )
    assert listed(client) == {"a": "http://127.0.0.1:9/a2", "b": "http://127.0.0.1:9/b"}  # B untouched


def test_without_a_signed_hash_the_swap_works_unless_the_server_requires_one() -> None:
    """The attack of the issue, as bce-auth-v1 allows it; ``require_body_signature`` closes it."""
    lenient = make_client()
    a, b = two_registries(lenient)
    captured = signed("PUT", "/v1/ccr/registries", update_body(a, "a", "http://127.0.0.1:9/a2"), digest=None)
    swapped = update_body(b, "b", "http://127.0.0.1:9/evil")
    assert send(lenient, "PUT", "/v1/ccr/registries", swapped, captured).status_code == 200
    assert listed(lenient)["b"] == "http://127.0.0.1:9/evil"  # what an unsigned body allows

    strict = make_client(require_body_signature=True)
    response = send(strict, "PUT", "/v1/ccr/registries", swapped, captured)
    assert_bce_error(response, 400, "InvalidHTTPAuthHeader", SHA)


def test_content_md5_is_checked_like_the_sha256() -> None:
    client = make_client()
    a, b = two_registries(client)
    original = update_body(a, "a", "http://127.0.0.1:9/a3")
    captured = signed("PUT", "/v1/ccr/registries", original, digest="content-md5")
    assert send(client, "PUT", "/v1/ccr/registries", original, captured).status_code == 200
    swapped = update_body(b, "b", "http://127.0.0.1:9/evil")
    assert_bce_error(send(client, "PUT", "/v1/ccr/registries", swapped, captured), 400, "BadDigest", "Content-MD5")
    broken = {**captured, "content-md5": "not base64!"}
    assert send(client, "PUT", "/v1/ccr/registries", original, broken).status_code in (400, 403)


def test_an_unsigned_but_wrong_digest_is_refused_too() -> None:
    client = make_client()
    body = json.dumps(registry_body("x")).encode()
    headers = signed("POST", "/v1/ccr/registries", body, sign_digest=False)
    headers[SHA] = "0" * 64
    assert_bce_error(send(client, "POST", "/v1/ccr/registries", body, headers), 400, "BadDigest")
    assert listed(client) == {}


# --------------------------------------------------------------------------- --require-body-signature


def test_require_body_signature_accepts_signed_digests_and_leaves_reads_alone() -> None:
    client = make_client(require_body_signature=True)
    body = json.dumps(registry_body("x", "http://127.0.0.1:9")).encode()
    for digest in (SHA, "content-md5"):
        response = send(
            client, "POST", "/v1/ccr/registries", body, signed("POST", "/v1/ccr/registries", body, digest=digest)
        )
        assert response.status_code in (200, 409), response.text
    assert client.get("/v1/ccr/registries").status_code == 200  # reads sign no body
    reg_id = client.get("/v1/ccr/registries").json()["result"][0]["id"]
    path = f"/v1/ccr/registries/{reg_id}"
    unsigned_delete = signed("DELETE", path, b"", digest=None)
    assert_bce_error(send(client, "DELETE", path, b"", unsigned_delete), 400, "InvalidHTTPAuthHeader")
    assert send(client, "DELETE", path, b"", signed("DELETE", path, b"")).status_code == 200  # hash of no body


def test_a_digest_covered_by_the_sdk_dialect_that_signs_every_x_bce_header_counts() -> None:
    """The SDKs' "explicit list plus x-bce-*" dialect signs x-bce-content-sha256 without listing it."""
    client = make_client(require_body_signature=True)
    body = json.dumps(registry_body("dialect", "http://127.0.0.1:9")).encode()
    headers = signed("POST", "/v1/ccr/registries", body, list_only=["host", "x-bce-date"])
    assert send(client, "POST", "/v1/ccr/registries", body, headers).status_code == 200
    assert_bce_error(send(client, "POST", "/v1/ccr/registries", body + b" ", headers), 400, "BadDigest")


# --------------------------------------------------------------------------- ccr-contract mock's flags


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """``uvicorn.Server.run`` replaced: records the config ``ccr-contract mock`` would serve."""
    import uvicorn

    calls: list[Any] = []
    monkeypatch.delenv("CCR_AK", raising=False)
    monkeypatch.delenv("CCR_SK", raising=False)

    def fake_run(self: uvicorn.Server, sockets: list[Any] | None = None) -> None:
        calls.append(self.config)
        for sock in sockets or []:
            sock.close()

    monkeypatch.setattr(uvicorn.Server, "run", fake_run)
    return calls


def test_mock_flags_reach_the_app_and_the_http_layer(served: list[Any], capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["mock", "--port", "0", "--require-body-signature", "--request-timeout", "7"]
    assert main([*argv, "--allow-probe-host", "reg.example", "--allow-probe-host", "10.0.0.5"]) == 0
    out = capsys.readouterr().out
    assert "reg.example, 10.0.0.5" in out and "writes must sign" in out
    (config,) = served
    server = config.app.state.server
    assert server.require_body_signature is True
    assert server.prober.policy.allowed_hosts == {"reg.example", "10.0.0.5"}
    assert config.http.limits.request_timeout == 7.0


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--allow-probe-host", "http://reg.example"], "--allow-probe-host"),
        (["--allow-probe-host", "user@reg.example"], "--allow-probe-host"),
        (["--request-timeout", "31"], "--request-timeout"),
        (["--request-timeout", "0"], "--request-timeout"),
    ],
)
def test_bad_hardening_flags_are_one_line_usage_errors(
    served: list[Any], capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str
) -> None:
    assert main(["mock", "--port", "0", *argv]) == 2
    err = capsys.readouterr().err
    assert fragment in err and len(err.strip().splitlines()) == 1
    assert served == []
