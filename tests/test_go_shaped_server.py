"""Requests shaped as bce-sdk-go sends them are accepted by the running reference server.

``tests/test_go_requests.py`` proves every eccr request (its table ``CASES``) validates against the
spec; this module sends the same requests over real HTTP to ``ccr-contract mock``'s app, signed
the way Go signs them (``auth/signer.go``): ``host``, ``content-type``, ``content-length`` and
``content-md5`` (base64 MD5 of the body, which the server checks) plus every ``x-bce-*`` header,
the query sent in map order (here: reversed) and signed sorted, the path signed with every byte
but the unreserved ones and ``/`` percent-encoded (a raw ``+`` is signed as ``%2B``).

Every row must succeed (200) against a fresh demo, after a setup step that creates what the row
names (a robot, a VPC link, image builds...). A row whose ``missing`` names fields Go leaves out
may instead be a 400 whose message names one of those fields (the spec test's rule).

Further checks: repository names as raw, padded standard Base64, unpadded URL-safe Base64,
``%2F``-encoded and raw multi-segment (``lib/ubuntu`` as two segments, as the Python SDK sends
it; ERRATA E39); ``pageNo=0``/``pageSize=0`` answered as page 1 of 10 (E40); a chart version
holding ``+`` sent raw and signed as ``%2B``.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import http.client
import json
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from test_go_requests import CASES, INSTANCE, NO_BODY, PROJECT, GoCase, b64_repo, instance_uri

from ccr_contract.liveserver import serve_in_thread
from ccr_contract.server import create_app
from ccr_contract.server.engine.fixtures import demo_fixtures
from ccr_contract.signing import sign_request

AK = "go-shaped-access-key"
SK = "go-shaped-secret-key"
#: bce-sdk-go's ``auth.DEFAULT_HEADERS_TO_SIGN``; every ``x-bce-*`` header is signed too.
GO_SIGNED_HEADERS = ("host", "content-length", "content-type", "content-md5")
PLUS_VERSION = "1.2.0+build.7"


def _seed() -> dict[str, Any]:
    """The demo, plus a repository named ``lib/ubuntu`` and a chart version holding ``+``; the
    first instance is BASIC so that UpgradeInstance (to STANDARD) is an upgrade."""
    seed = copy.deepcopy(demo_fixtures())
    instance = seed["instances"][0]
    instance["instanceType"] = "BASIC"
    project = instance["projects"][0]
    project["repositories"].append({"repositoryName": "lib/ubuntu", "description": "a name holding /", "tags": []})
    nginx = project["charts"][0]
    nginx["chartVersions"].append({**nginx["chartVersions"][-1], "version": PLUS_VERSION})
    return seed


class _Swappable:
    """One uvicorn server in front of a fresh app per test (starting uvicorn costs more than an app)."""

    def __init__(self) -> None:
        self.app: Any = None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        await self.app(scope, receive, send)


@pytest.fixture(scope="module")
def live() -> Iterator[tuple[_Swappable, str]]:
    front = _Swappable()
    front.app = create_app(credentials={AK: SK}, seed=_seed())
    with serve_in_thread(front) as url:
        yield front, url


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class GoSender:
    """Sends a request byte for byte as bce-sdk-go would, signed as Go signs it."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.host = parts.netloc
        self.port = parts.port
        self.last_signature: Any = None

    def send(
        self,
        method: str,
        path: str,
        query: tuple[tuple[str, str], ...] = (),
        body: Any = NO_BODY,
        *,
        query_order: Callable[[list[str]], list[str]] = lambda pairs: pairs[::-1],
        signed: tuple[str, ...] = GO_SIGNED_HEADERS,
    ) -> Answer:
        pairs = [f"{quote(k, safe='-_.~')}={quote(v, safe='-_.~')}" for k, v in query]
        target = path + ("?" + "&".join(query_order(pairs)) if pairs else "")
        raw = b"" if body is NO_BODY else json.dumps(body, separators=(",", ":")).encode()
        headers = {
            "host": self.host,
            "content-type": "application/json;charset=utf-8",
            "x-bce-request-id": str(uuid.uuid4()),
        }
        if body is not NO_BODY:
            headers["content-length"] = str(len(raw))
            headers["content-md5"] = base64.b64encode(hashlib.md5(raw, usedforsecurity=False).digest()).decode()
        names = [n for n in signed if n in headers] + [n for n in headers if n.startswith("x-bce-")] + ["x-bce-date"]
        self.last_signature = sign_request(method, target, headers, AK, SK, signed_headers=names)
        headers.update({k.lower(): v for k, v in self.last_signature.headers.items()})
        headers["authorization"] = self.last_signature.authorization
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
            for name, value in headers.items():
                conn.putheader(name, value)
            conn.endheaders(raw or None)
            response = conn.getresponse()
            return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
        finally:
            conn.close()


@pytest.fixture
def go(live: tuple[_Swappable, str]) -> GoSender:
    """A sender to a fresh server (new app, fresh seed) for each test."""
    front, url = live
    front.app = create_app(credentials={AK: SK}, seed=_seed())
    return GoSender(url)


# --------------------------------------------------------------------------- what each row needs first


def _lower(headers: dict[str, str]) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items()}


def _robot(go: GoSender) -> str:
    body = {"name": "ci", "duration": 30, "disable": False, "permissions": None}
    body["permissions"] = [
        {"kind": "project", "namespace": PROJECT, "access": [{"action": "pull", "resource": "repository"}]}
    ]
    assert go.send("POST", instance_uri("robots"), body=body).status == 200
    robots = go.send("GET", instance_uri("robots")).json()["robots"]
    return str(robots[-1]["id"])


def _builds(go: GoSender, count: int) -> list[str]:
    body = {"tagName": "v1.0", "isLatest": False, "fromType": "dockerfile", "dockerfile": "FROM scratch\n"}
    path = instance_uri("projects", PROJECT, "repositories", b64_repo("ubuntu"), "imagebuilds")
    for _ in range(count):
        assert go.send("POST", path, body=body).status == 200
    return [str(item["id"]) for item in go.send("GET", path).json()["items"]]


def _setup(case: GoCase, go: GoSender) -> GoCase:
    """Create what ``case`` names, and point the row at it."""
    fn = case.function
    if fn in ("UpdateRobot", "DeleteRobot", "RefreshRobotSecret"):
        return replace(case, path=re.sub(r"/robots/7\b", f"/robots/{_robot(go)}", case.path))
    if fn in ("GetBuildRepositoryTask", "DeleteBuildRepositoryTask"):
        (build,) = _builds(go, 1)
        return replace(case, path=re.sub(r"/imagebuilds/1$", f"/imagebuilds/{build}", case.path))
    if fn == "BatchDeleteBuildRepositoryTask":
        return replace(case, body={"items": _builds(go, 2)})
    if fn == "DeletePrivateNetwork":
        assert (
            go.send(
                "POST", instance_uri("privatelinks"), body={**case.body, "ipType": "auto", "autoDnsResolve": True}
            ).status
            == 200
        )
    if fn == "DeletePublicNetworkWhitelist":
        for ip in case.body["items"]:
            answer = go.send("POST", instance_uri("publiclinks", "whitelist"), body={"ipAddr": ip, "description": ""})
            assert answer.status == 200, answer.body
    if fn == "CreateProject":  # the demo already has `library`
        assert go.send("DELETE", instance_uri("projects", PROJECT)).status == 200
    if fn == "BatchDeleteProjects":
        assert (
            go.send("POST", instance_uri("projects"), body={"projectName": "staging", "public": "false"}).status == 200
        )
    if fn == "BatchDeleteTags":
        assert {"latest", "1.0"} == set(case.body["items"])
    return case


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_go_request_is_accepted(case: GoCase, go: GoSender) -> None:
    case = _setup(case, go)
    answer = go.send(case.method, case.path, case.query, case.body)
    detail = f"{case.method} {case.path} ?{case.query} body={case.body!r} -> {answer.status} {answer.body[:300]!r}"
    assert answer.headers.get("x-bce-request-id"), detail
    if case.missing and answer.status == 400:
        error = answer.json()
        assert any(field in error["message"] for field in case.missing), detail
        return
    assert answer.status == 200, detail


# --------------------------------------------------------------------------- repository names in paths (E39)


def _repo_path(segment: str, *rest: str) -> str:
    return instance_uri("projects", PROJECT, "repositories", segment, *rest)


def _padded(name: str) -> str:
    return base64.b64encode(name.encode()).decode()


@pytest.mark.parametrize(
    ("name", "segment"),
    [
        ("ubuntu", "ubuntu"),  # raw (PY)
        ("ubuntu", b64_repo("ubuntu")),  # unpadded URL-safe (GO)
        ("ubuntu", _padded("ubuntu")),  # padded standard (META), no padding needed: dWJ1bnR1
        ("nginx", _padded("nginx")),  # bmdpbng==
        ("nginx", quote(_padded("nginx"), safe="")),  # bmdpbng%3D%3D, as PY sends a caller's Base64
        ("lib/ubuntu", b64_repo("lib/ubuntu")),  # bGliL3VidW50dQ
        ("lib/ubuntu", _padded("lib/ubuntu")),  # bGliL3VidW50dQ==
        ("lib/ubuntu", "lib%2Fubuntu"),  # one segment, percent-encoded
        ("lib/ubuntu", "lib/ubuntu"),  # two raw segments, as PY sends it
    ],
)
def test_repository_name_forms_reach_the_repository(name: str, segment: str, go: GoSender) -> None:
    answer = go.send("GET", _repo_path(segment))
    assert answer.status == 200, answer.body
    assert answer.json()["repositoryName"] == name
    tags = go.send("GET", _repo_path(segment, "tags"), (("pageNo", "1"), ("pageSize", "10")))
    assert tags.status == 200, tags.body
    described = go.send("PUT", _repo_path(segment), body={"description": f"via {segment}"})
    assert described.status == 200, described.body
    assert go.send("GET", _repo_path(b64_repo(name))).json()["description"] == f"via {segment}"


def test_raw_multi_segment_name_reaches_tags_and_delete(go: GoSender) -> None:
    """``lib/ubuntu`` as two raw segments works below the repository too, and for deletes."""
    assert go.send("GET", _repo_path("lib/ubuntu", "tags")).status == 200
    assert go.send("GET", _repo_path("lib/ubuntu", "tags", "latest")).status == 404  # no such tag, but routed
    assert go.send("DELETE", _repo_path("lib/ubuntu")).status == 200
    assert go.send("GET", _repo_path(b64_repo("lib/ubuntu"))).status == 404
    gone = go.send("GET", _repo_path("lib/ubuntu"))
    assert gone.status == 404 and gone.json()["code"] == "NotFound"


def test_unknown_multi_segment_path_is_still_a_404(go: GoSender) -> None:
    answer = go.send("GET", _repo_path("lib/ubuntu", "nothing", "here"))
    assert answer.status in (404, 405) and answer.headers.get("x-bce-request-id")


# --------------------------------------------------------------------------- signing and paging dialects


def test_plus_in_a_path_is_sent_raw_and_signed_as_percent_2b(go: GoSender) -> None:
    path = instance_uri("projects", PROJECT, "charts", "nginx", "versions", PLUS_VERSION)
    assert "+" in path
    answer = go.send("DELETE", path)
    assert "%2B" in go.last_signature.canonical_request.split("\n")[1]
    assert answer.status == 200, answer.body
    versions = go.send("GET", instance_uri("projects", PROJECT, "charts", "nginx", "versions")).json()["items"]
    assert PLUS_VERSION not in [v["version"] for v in versions]


def test_signed_body_headers_are_verified(go: GoSender) -> None:
    """content-type, content-length and content-md5 are signed; a wrong MD5 is refused."""
    body = {"projectName": "signed-body", "public": "false"}
    assert go.send("POST", instance_uri("projects"), body=body).status == 200
    assert set(go.last_signature.signed_headers) >= {"content-type", "content-length", "content-md5", "host"}
    # a body digest that does not match the bytes: re-sign with a forged MD5
    raw = json.dumps({"projectName": "forged", "public": "false"}, separators=(",", ":")).encode()
    headers = {
        "host": go.host,
        "content-type": "application/json;charset=utf-8",
        "content-length": str(len(raw)),
        "content-md5": base64.b64encode(hashlib.md5(b"other", usedforsecurity=False).digest()).decode(),
    }
    signed = sign_request("POST", instance_uri("projects"), headers, AK, SK, signed_headers=[*headers, "x-bce-date"])
    conn = http.client.HTTPConnection("127.0.0.1", go.port, timeout=10)
    try:
        conn.putrequest("POST", instance_uri("projects"), skip_host=True, skip_accept_encoding=True)
        for name, value in {**headers, **_lower(signed.headers), "authorization": signed.authorization}.items():
            conn.putheader(name, value)
        conn.endheaders(raw)
        response = conn.getresponse()
        error = json.loads(response.read())
        assert response.status == 400 and response.getheader("x-bce-request-id") == error["requestId"]
        assert "Content-MD5" in error["message"], error
    finally:
        conn.close()
    assert go.send("GET", instance_uri("projects", "forged")).status == 404


@pytest.mark.parametrize("order", ["sorted", "reversed", "rotated"])
def test_query_keys_in_any_order(order: str, go: GoSender) -> None:
    orders: dict[str, Callable[[list[str]], list[str]]] = {
        "sorted": sorted,
        "reversed": lambda p: sorted(p)[::-1],
        "rotated": lambda p: p[1:] + p[:1],
    }
    query = (("projectName", "lib"), ("pageNo", "1"), ("pageSize", "10"))
    answer = go.send("GET", instance_uri("projects"), query, query_order=orders[order])
    assert answer.status == 200, answer.body
    assert [p["projectName"] for p in answer.json()["projects"]] == ["library"]


@pytest.mark.parametrize(
    "path",
    [
        "/v1/instances",
        instance_uri("projects"),
        instance_uri("registries"),
        instance_uri("robots"),
        _repo_path(b64_repo("ubuntu"), "tags"),
        instance_uri("projects", PROJECT, "repositories"),
    ],
)
def test_page_zero_is_the_first_page_of_ten(path: str, go: GoSender) -> None:
    """ERRATA E40: Go sends ``pageNo=0&pageSize=0`` for unset arguments."""
    answer = go.send("GET", path, (("pageNo", "0"), ("pageSize", "0")))
    assert answer.status == 200, answer.body
    page = answer.json()
    assert (page["pageNo"], page["pageSize"]) == (1, 10)


@pytest.mark.parametrize("query", [(("pageNo", "-1"),), (("pageSize", "101"),), (("pageSize", "-1"),)])
def test_paging_out_of_range_is_a_400(query: tuple[tuple[str, str], ...], go: GoSender) -> None:
    answer = go.send("GET", instance_uri("projects"), query)
    assert answer.status == 400, answer.body
    assert answer.json()["code"] and answer.headers["x-bce-request-id"] == answer.json()["requestId"]


def test_go_signature_with_a_wrong_secret_is_refused(go: GoSender) -> None:
    """The acceptance above means something: the same request signed with another secret fails."""
    target = instance_uri("projects")
    headers = {"host": go.host, "content-type": "application/json;charset=utf-8"}
    signed = sign_request("GET", target, headers, AK, "not-the-secret", signed_headers=[*headers, "x-bce-date"])
    conn = http.client.HTTPConnection("127.0.0.1", go.port, timeout=10)
    try:
        conn.putrequest("GET", target, skip_host=True, skip_accept_encoding=True)
        for name, value in {**headers, **_lower(signed.headers), "authorization": signed.authorization}.items():
            conn.putheader(name, value)
        conn.endheaders()
        response = conn.getresponse()
        assert response.status == 403, response.read()
        assert response.getheader("x-bce-request-id")
    finally:
        conn.close()


def test_every_eccr_function_is_sent() -> None:
    assert len({case.function for case in CASES}) == 46
    assert INSTANCE in CASES[0].path or CASES[0].path == "/v1/instances"
