"""Deliberately broken CCR servers: fault-injecting ASGI wrappers around the reference app.

``BROKEN[check_id](app, credentials)`` returns an app that violates exactly the rule of that
catalogue check (as far as one fault can); the self-tests run the suite against each and expect that
check to fail.  Wrappers that change a request the reference server would then refuse re-sign it with
the known credentials (through the project's one signer), like a server that verified sloppily and
then went on.  ``ROBUST`` holds transport-level faults (hang, reset, non-JSON, huge body).
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, urlencode

from ccr_contract.signing import AuthError, parse_authorization, sign_request
from ccr_contract.spec import load_spec, operations

Asgi = Callable[..., Awaitable[None]]


@dataclass
class Req:
    method: str
    path: str
    raw_path: str
    query: str
    headers: dict[str, str]
    body: bytes
    resign: bool = False

    def json(self) -> Any:
        try:
            return json.loads(self.body or b"null")
        except ValueError:
            return None


@dataclass
class Resp:
    status: int
    headers: dict[str, str]
    body: bytes
    extra: dict[str, Any] = field(default_factory=dict)

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    def set_json(self, value: Any) -> None:
        self.body = json.dumps(value).encode()


def bce_error(status: int, code: str, message: str, request_id: str = "broken-0000") -> Resp:
    body = json.dumps({"requestId": request_id, "code": code, "message": message}).encode()
    return Resp(status, {"content-type": "application/json;charset=UTF-8", "x-bce-request-id": request_id}, body)


class Broken:
    """Buffer the request, let ``on_request`` rewrite it (or answer itself), call the reference app,
    buffer the response and let ``on_response`` rewrite it."""

    def __init__(
        self,
        app: Asgi,
        credentials: dict[str, str],
        on_request: Callable[[Req], Resp | None] | None = None,
        on_response: Callable[[Req, Resp], None] | None = None,
    ) -> None:
        self.app = app
        self.credentials = credentials
        self.on_request = on_request
        self.on_response = on_response

    def resign(self, req: Req, timestamp: datetime | None = None) -> None:
        ak, sk = next(iter(self.credentials.items()))
        url = req.raw_path + (f"?{req.query}" if req.query else "")
        signed = sign_request(req.method, url, {"host": req.headers.get("host", "")}, ak, sk, timestamp=timestamp)
        req.headers["authorization"] = signed.authorization
        req.headers["x-bce-date"] = signed.headers["x-bce-date"]

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        req = Req(
            scope["method"],
            scope["path"],
            scope.get("raw_path", scope["path"].encode()).decode("latin-1"),
            scope.get("query_string", b"").decode("latin-1"),
            {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]},
            body,
        )
        answer = self.on_request(req) if self.on_request else None
        if answer is None:
            if req.resign:
                self.resign(req)
            inner = dict(scope)
            inner["query_string"] = req.query.encode("latin-1")
            inner["headers"] = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in req.headers.items()]
            inner["raw_path"] = req.raw_path.encode("latin-1")
            inner["path"] = req.path
            sent = False

            async def inner_receive() -> dict[str, Any]:
                nonlocal sent
                if not sent:
                    sent = True
                    return {"type": "http.request", "body": req.body, "more_body": False}
                return await receive()

            captured: dict[str, Any] = {"status": 500, "headers": [], "body": b""}

            async def inner_send(message: dict[str, Any]) -> None:
                if message["type"] == "http.response.start":
                    captured["status"] = message["status"]
                    captured["headers"] = message.get("headers", [])
                elif message["type"] == "http.response.body":
                    captured["body"] += message.get("body", b"")

            await self.app(inner, inner_receive, inner_send)
            headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in captured["headers"]}
            answer = Resp(captured["status"], headers, captured["body"])
            if self.on_response:
                self.on_response(req, answer)
        answer.headers.pop("content-length", None)
        raw_headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in answer.headers.items()]
        raw_headers.append((b"content-length", str(len(answer.body)).encode()))
        await send({"type": "http.response.start", "status": answer.status, "headers": raw_headers})
        await send({"type": "http.response.body", "body": answer.body})


# --------------------------------------------------------------------------- helpers


def _is_list(req: Req, collection: str | None = None) -> bool:
    return req.method == "GET" and (req.path == collection if collection else req.path.count("/") == 3)


def _auth(req: Req):  # type: ignore[no-untyped-def]
    try:
        return parse_authorization(req.headers.get("authorization"))
    except AuthError:
        return None


def _set_query(req: Req, **changes: Any) -> None:
    pairs = [(k, v) for k, v in parse_qsl(req.query, keep_blank_values=True) if k not in changes]
    pairs += [(k, str(v)) for k, v in changes.items() if v is not None]
    req.query = urlencode(pairs)
    req.resign = True


def _query(req: Req) -> dict[str, str]:
    return dict(parse_qsl(req.query, keep_blank_values=True))


def _declared_query_names() -> set[str]:
    return {p["name"] for op in operations(load_spec()) for p in op.parameters if p.get("in") == "query"}


def _shortcut(action: str) -> Callable[[Req], Resp | None]:
    """Answer 2xx for an operation without doing it."""

    def handler(req: Req) -> Resp | None:
        target = re.findall(r"/(\d+)", req.path)
        body = req.json()
        ident = target[-1] if target else str(body.get("id", 1)) if isinstance(body, dict) else "1"
        resp = bce_error(200, "", "")
        resp.set_json({"action": action, "targetName": ident})
        return resp

    return handler


# --------------------------------------------------------------------------- one per catalogue check


def schema_001(app: Asgi, creds: dict[str, str]) -> Asgi:
    """List answers lack the required totalCount."""

    def on_response(req: Req, resp: Resp) -> None:
        data = resp.json()
        if resp.status == 200 and isinstance(data, dict) and "totalCount" in data:
            del data["totalCount"]
            resp.set_json(data)

    return Broken(app, creds, on_response=on_response)


def schema_002(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Validation errors become 500 InternalError."""

    def on_response(req: Req, resp: Resp) -> None:
        data = resp.json()
        if (
            resp.status == 400
            and isinstance(data, dict)
            and data.get("code") not in ("InvalidHTTPAuthHeader", "RequestExpired")
        ):
            resp.status = 500
            data["code"] = "InternalError"
            resp.set_json(data)

    return Broken(app, creds, on_response=on_response)


def schema_003(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Invalid input is answered 200 (the validation error body kept)."""

    def on_response(req: Req, resp: Resp) -> None:
        data = resp.json()
        if (
            resp.status == 400
            and isinstance(data, dict)
            and data.get("code") not in ("InvalidHTTPAuthHeader", "RequestExpired")
        ):
            resp.status = 200

    return Broken(app, creds, on_response=on_response)


def schema_004(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Every listPolicies request is rejected as invalid."""

    def on_request(req: Req) -> Resp | None:
        if _is_list(req, "/v1/ccr/policies") and _auth(req):
            return bce_error(400, "InvalidHTTPRequest", "pageNo: rejected")
        return None

    return Broken(app, creds, on_request=on_request)


def schema_005(app: Asgi, creds: dict[str, str]) -> Asgi:
    """The spec's parameter example for listRegistries (keywordType=name with type) is rejected."""

    def on_request(req: Req) -> Resp | None:
        q = _query(req)
        if req.path == "/v1/ccr/registries" and "keywordType" in q and "type" in q:
            return bce_error(400, "InvalidHTTPRequest", "keywordType: cannot be combined with type")
        return None

    return Broken(app, creds, on_request=on_request)


def auth_001(app: Asgi, creds: dict[str, str]) -> Asgi:
    """A broken verifier: signed listPolicies requests are refused with 403."""

    def on_request(req: Req) -> Resp | None:
        if _is_list(req, "/v1/ccr/policies"):
            return bce_error(403, "SignatureDoesNotMatch", "the request signature does not match")
        return None

    return Broken(app, creds, on_request=on_request)


def auth_002(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Unsigned requests are let through."""

    def on_request(req: Req) -> Resp | None:
        if not req.headers.get("authorization"):
            req.resign = True
        return None

    return Broken(app, creds, on_request=on_request)


def auth_003(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Malformed Authorization values are answered 403 SignatureDoesNotMatch (wrong status and code)."""

    def on_request(req: Req) -> Resp | None:
        value = req.headers.get("authorization")
        if value and _auth(req) is None:
            return bce_error(403, "SignatureDoesNotMatch", "the request signature does not match")
        return None

    return Broken(app, creds, on_request=on_request)


def auth_004(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Any signature from a known access key is accepted (the secret is never checked)."""

    def on_request(req: Req) -> Resp | None:
        parsed = _auth(req)
        if parsed and parsed.access_key in creds:
            now = datetime.now(UTC)
            if (
                parsed.timestamp - timedelta(seconds=300)
                <= now
                <= parsed.timestamp + timedelta(seconds=parsed.expiration + 300)
            ):
                req.resign = True
        return None

    return Broken(app, creds, on_request=on_request)


def auth_005(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Unknown access keys are answered 403 SignatureDoesNotMatch instead of InvalidAccessKeyId."""

    def on_request(req: Req) -> Resp | None:
        parsed = _auth(req)
        if parsed and parsed.access_key not in creds:
            return bce_error(403, "SignatureDoesNotMatch", "the request signature does not match")
        return None

    return Broken(app, creds, on_request=on_request)


def _resign_when(test: Callable[[Any, datetime], bool]) -> Callable[[Req], Resp | None]:
    def on_request(req: Req) -> Resp | None:
        parsed = _auth(req)
        if parsed and test(parsed, datetime.now(UTC)):
            req.resign = True
        return None

    return on_request


def auth_006(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Expired signatures are accepted."""
    return Broken(
        app, creds, on_request=_resign_when(lambda p, now: now > p.timestamp + timedelta(seconds=p.expiration))
    )


def auth_007(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Future-dated signatures are accepted."""
    return Broken(app, creds, on_request=_resign_when(lambda p, now: p.timestamp > now + timedelta(seconds=60)))


def auth_008(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Query parameters the spec does not declare are dropped before the signature is checked."""
    declared = _declared_query_names()

    def on_request(req: Req) -> Resp | None:
        pairs = parse_qsl(req.query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs if k in declared]
        if len(kept) != len(pairs):
            req.query = urlencode(kept)
        return None

    return Broken(app, creds, on_request=on_request)


def auth_009(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Non-ASCII query values fail verification (a signer that does not encode UTF-8)."""

    def on_request(req: Req) -> Resp | None:
        if re.search(r"%[89A-Fa-f][0-9A-Fa-f]", req.query):
            return bce_error(403, "SignatureDoesNotMatch", "the request signature does not match")
        return None

    return Broken(app, creds, on_request=on_request)


def auth_010(app: Asgi, creds: dict[str, str]) -> Asgi:
    """An empty signedHeaders field (the Python/Java SDK default) is refused."""

    def on_request(req: Req) -> Resp | None:
        value = req.headers.get("authorization", "")
        if value.count("/") == 5 and value.split("/")[4] == "":
            return bce_error(403, "SignatureDoesNotMatch", "the request signature does not match")
        return None

    return Broken(app, creds, on_request=on_request)


def sign_001(app: Asgi, creds: dict[str, str]) -> Asgi:
    """A verifier that mis-normalises: anything percent-encoded besides UTF-8 letters fails."""

    def on_request(req: Req) -> Resp | None:
        if re.search(r"%(?:[0-7][0-9A-Fa-f])|%[89A-Fa-f][0-9A-Fa-f]", req.raw_path + "?" + req.query):
            return bce_error(403, "SignatureDoesNotMatch", "the request signature does not match")
        return None

    return Broken(app, creds, on_request=on_request)


def sign_002(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Host and x-bce-date are not really signed: the server substitutes its own values first."""

    def on_request(req: Req) -> Resp | None:
        parsed = _auth(req)
        if parsed is not None:
            req.headers["x-bce-date"] = parsed.timestamp_text
            req.headers["host"] = req.headers.get("x-broken-real-host", req.headers.get("host", ""))
        return None

    class SubstituteHost(Broken):
        async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope["type"] == "http" and scope.get("server"):
                host, port = scope["server"]
                scope = dict(scope)
                scope["headers"] = [*scope["headers"], (b"x-broken-real-host", f"{host}:{port}".encode())]
            await super().__call__(scope, receive, send)

    return SubstituteHost(app, creds, on_request=on_request)


def struct_001(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Successful answers say Content-Type text/plain."""

    def on_response(req: Req, resp: Resp) -> None:
        if resp.status == 200:
            resp.headers["content-type"] = "text/plain; charset=utf-8"

    return Broken(app, creds, on_response=on_response)


def struct_002(app: Asgi, creds: dict[str, str]) -> Asgi:
    """404 answers lack x-bce-request-id."""

    def on_response(req: Req, resp: Resp) -> None:
        if resp.status == 404:
            resp.headers.pop("x-bce-request-id", None)

    return Broken(app, creds, on_response=on_response)


def struct_003(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Error bodies carry a requestId other than the header's."""

    def on_response(req: Req, resp: Resp) -> None:
        data = resp.json()
        if resp.status >= 400 and isinstance(data, dict) and "requestId" in data:
            data["requestId"] = "other-" + str(data["requestId"])
            resp.set_json(data)

    return Broken(app, creds, on_response=on_response)


def struct_004(app: Asgi, creds: dict[str, str]) -> Asgi:
    """404 bodies are {"error": "..."} instead of the BCE error body."""

    def on_response(req: Req, resp: Resp) -> None:
        if resp.status == 404:
            resp.set_json({"error": "not found"})

    return Broken(app, creds, on_response=on_response)


def struct_005(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Date-times carry milliseconds (2020-06-19T03:24:18.000Z)."""

    def on_response(req: Req, resp: Resp) -> None:
        if resp.status == 200:
            resp.body = re.sub(rb'("\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})Z"', rb'\1.000Z"', resp.body)

    return Broken(app, creds, on_response=on_response)


def state_001(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Registry lists show every url upper-cased (not what was written)."""

    def on_response(req: Req, resp: Resp) -> None:
        data = resp.json()
        if _is_list(req, "/v1/ccr/registries") and resp.status == 200 and isinstance(data, dict):
            for item in data.get("result") or []:
                item["url"] = str(item.get("url", "")).upper()
            resp.set_json(data)

    return Broken(app, creds, on_response=on_response)


def state_002(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Updates answer 200 and change nothing."""
    shortcut = _shortcut("update")
    return Broken(app, creds, on_request=lambda req: shortcut(req) if req.method == "PUT" and _auth(req) else None)


def state_003(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Deletes answer 200 and delete nothing."""
    shortcut = _shortcut("delete")
    return Broken(app, creds, on_request=lambda req: shortcut(req) if req.method == "DELETE" and _auth(req) else None)


def state_004(app: Asgi, creds: dict[str, str]) -> Asgi:
    """startPolicy answers 200 and starts nothing."""
    shortcut = _shortcut("start")
    return Broken(
        app, creds, on_request=lambda req: shortcut(req) if req.path.endswith("/start") and _auth(req) else None
    )


def state_005(app: Asgi, creds: dict[str, str]) -> Asgi:
    """stopExecution answers 200 and stops nothing."""
    shortcut = _shortcut("stop")
    return Broken(
        app, creds, on_request=lambda req: shortcut(req) if req.path.endswith("/stop") and _auth(req) else None
    )


def page_001(app: Asgi, creds: dict[str, str]) -> Asgi:
    """pageSize below 10 is ignored (the default page size is used)."""

    def on_request(req: Req) -> Resp | None:
        size = _query(req).get("pageSize", "")
        if req.method == "GET" and size.isdigit() and int(size) < 10:
            _set_query(req, pageSize=None)
        return None

    return Broken(app, creds, on_request=on_request)


def page_002(app: Asgi, creds: dict[str, str]) -> Asgi:
    """pageSize above 100 is quietly capped instead of rejected."""

    def on_request(req: Req) -> Resp | None:
        size = _query(req).get("pageSize", "")
        if req.method == "GET" and size.isdigit() and int(size) > 100:
            _set_query(req, pageSize=100)
        return None

    return Broken(app, creds, on_request=on_request)


def page_003(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Pages overlap: page n starts one item early."""

    def on_response(req: Req, resp: Resp) -> None:
        data = resp.json()
        q = _query(req)
        if (
            req.method == "GET"
            and resp.status == 200
            and isinstance(data, dict)
            and q.get("pageNo", "1") not in ("1", "")
        ) and data.get("result"):
            data["result"][0] = dict(data["result"][0], id=1)
            resp.set_json(data)

    return Broken(app, creds, on_response=on_response)


def secret_001(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Registry lists return the stored password."""
    passwords: dict[str, str] = {}

    def on_request(req: Req) -> Resp | None:
        body = req.json()
        if req.path == "/v1/ccr/registries" and isinstance(body, dict) and isinstance(body.get("credential"), dict):
            passwords[str(body.get("name"))] = str(body["credential"].get("accessSecret"))
        return None

    def on_response(req: Req, resp: Resp) -> None:
        data = resp.json()
        if _is_list(req, "/v1/ccr/registries") and isinstance(data, dict):
            for item in data.get("result") or []:
                if item.get("name") in passwords and isinstance(item.get("credential"), dict):
                    item["credential"]["accessSecret"] = passwords[item["name"]]
            resp.set_json(data)

    return Broken(app, creds, on_request=on_request, on_response=on_response)


def secret_002(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Signature mismatches explain themselves with the secret key."""

    def on_response(req: Req, resp: Resp) -> None:
        data = resp.json()
        if resp.status == 403 and isinstance(data, dict):
            parsed = _auth(req)
            secret = creds.get(parsed.access_key) if parsed else None
            if secret:
                data["message"] += f" (expected a signature made with {secret})"
                resp.set_json(data)

    return Broken(app, creds, on_response=on_response)


def state_006(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Creates that succeed answer 201 Created (every write here documents 200 only)."""

    def on_response(req: Req, resp: Resp) -> None:
        if req.method == "POST" and resp.status == 200 and _auth(req):
            resp.status = 201

    return Broken(app, creds, on_response=on_response)


def page_004(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Lists asked for without pageNo (or with pageNo=0) echo pageNo 0 (the Go SDK's unset value)."""

    def on_response(req: Req, resp: Resp) -> None:
        data = resp.json()
        unset = _query(req).get("pageNo", "0") == "0"
        if req.method == "GET" and resp.status == 200 and isinstance(data, dict) and "pageNo" in data and unset:
            data["pageNo"] = 0
            resp.set_json(data)

    return Broken(app, creds, on_response=on_response)


def page_005(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Lists answer their page in the reverse of the declared order."""

    def on_response(req: Req, resp: Resp) -> None:
        data = resp.json()
        if req.method == "GET" and resp.status == 200 and isinstance(data, dict):
            arrays = [k for k, v in data.items() if isinstance(v, list) and len(v) > 1]
            if "total" in data or "totalCount" in data:
                for key in arrays:
                    data[key] = list(reversed(data[key]))
                if arrays:
                    resp.set_json(data)

    return Broken(app, creds, on_response=on_response)


def executions_oldest_first(app: Asgi, creds: dict[str, str]) -> Asgi:
    """An instance's executions are listed oldest first (the spec: newest first)."""
    pattern = re.compile(r"^/v1/instances/[^/]+/executions$")

    def on_response(req: Req, resp: Resp) -> None:
        data = resp.json()
        if req.method == "GET" and pattern.match(req.path) and resp.status == 200 and isinstance(data, dict):
            data["items"] = sorted(data.get("items") or [], key=lambda item: item.get("id", 0))
            resp.set_json(data)

    return Broken(app, creds, on_response=on_response)


# Resource-model rules (RES-*): Enterprise paths live under /v1/instances.
_INSTANCES = "/v1/instances"


def _enterprise(req: Req) -> bool:
    return req.path.startswith(_INSTANCES + "/") or req.path == _INSTANCES


def res_001(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Batch deletes quietly take the first 100 items of a longer list instead of rejecting it."""

    def on_request(req: Req) -> Resp | None:
        body = req.json()
        items = body.get("items") if isinstance(body, dict) else None
        if req.method == "DELETE" and isinstance(items, list) and len(items) > 100:
            req.body = json.dumps({**body, "items": items[:100]}).encode()
            req.headers["content-length"] = str(len(req.body))
        return None

    return Broken(app, creds, on_request=on_request)


def res_002(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Enterprise lists report a ``total`` one short of the items they hold (an off-by-one count)."""

    def on_response(req: Req, resp: Resp) -> None:
        data = resp.json()
        total = data.get("total") if isinstance(data, dict) else None
        if req.method == "GET" and _enterprise(req) and resp.status == 200 and isinstance(total, int) and total > 0:
            data["total"] = total - 1
            resp.set_json(data)

    return Broken(app, creds, on_response=on_response)


def res_003(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Toggles (``PUT .../enable``) answer 200 and change nothing."""

    def on_request(req: Req) -> Resp | None:
        if req.method == "PUT" and req.path.endswith("/enable") and _auth(req):
            return Resp(200, {"content-type": "application/json;charset=UTF-8"}, b"{}")
        return None

    return Broken(app, creds, on_request=on_request)


def res_004(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Robot lists show each robot's current secret (it should be answered by create and refresh only)."""
    secrets_by_path: dict[str, str] = {}

    def on_response(req: Req, resp: Resp) -> None:
        data = resp.json()
        if resp.status != 200 or not isinstance(data, dict) or "/robots" not in req.path:
            return
        if isinstance(data.get("secret"), str):
            collection = req.path.split("/robots")[0] + "/robots"
            secrets_by_path[collection] = data["secret"]
        elif req.method == "GET" and isinstance(data.get("robots"), list) and req.path in secrets_by_path:
            for item in data["robots"]:
                item["secret"] = secrets_by_path[req.path]
            resp.set_json(data)

    return Broken(app, creds, on_response=on_response)


def res_005(app: Asgi, creds: dict[str, str]) -> Asgi:
    """After a project or trigger is deleted, its child lists answer 200 and an empty page, not 404."""
    deleted: set[str] = set()

    def on_request(req: Req) -> Resp | None:
        if req.method == "GET" and any(req.path.startswith(d + "/") for d in deleted):
            resp = Resp(200, {"content-type": "application/json;charset=UTF-8"}, b"")
            key = "jobs" if req.path.endswith("/jobs") else "items"
            resp.set_json({"total": 0, "pageNo": 1, "pageSize": 10, key: []})
            return resp
        return None

    def on_response(req: Req, resp: Resp) -> None:
        if req.method == "DELETE" and _enterprise(req) and 200 <= resp.status < 300:
            deleted.add(req.path)

    return Broken(app, creds, on_request=on_request, on_response=on_response)


def _instance_blind(methods: Callable[[Req], bool]) -> Callable[[Asgi, dict[str, str]], Asgi]:
    """Requests ``methods`` selects ignore the instance in the path: under any other listed instance
    they reach the first listed instance's items (one shared store behind a per-instance facade)."""

    def wrapper(app: Asgi, creds: dict[str, str]) -> Asgi:
        listed: list[str] = []

        def on_request(req: Req) -> Resp | None:
            parts = req.path.split("/")
            elsewhere = len(parts) > 4 and listed and parts[3] in listed[1:]
            if _enterprise(req) and elsewhere and methods(req):
                req.path = "/".join([*parts[:3], listed[0], *parts[4:]])
                req.raw_path = req.raw_path.replace("/" + parts[3] + "/", "/" + listed[0] + "/", 1)
                req.resign = True
            return None

        def on_response(req: Req, resp: Resp) -> None:
            data = resp.json()
            if req.method == "GET" and req.path == _INSTANCES and resp.status == 200 and isinstance(data, dict):
                for item in data.get("instances") or []:
                    if isinstance(item, dict) and item.get("id") not in listed:
                        listed.append(str(item.get("id")))

        return Broken(app, creds, on_request=on_request, on_response=on_response)

    return wrapper


#: Item reads ignore the instance in the path: any listed instance's id finds the first instance's items.
res_006 = _instance_blind(lambda req: req.method == "GET")
#: Writes (update, delete, toggle, batch delete) ignore the instance: through another listed instance
#: they change or delete the first instance's items (reads are right).
writes_ignore_instance = _instance_blind(lambda req: req.method in ("PUT", "DELETE"))
#: Lists ignore the instance: another listed instance's list shows the first instance's items.
lists_ignore_instance = _instance_blind(lambda req: req.method == "GET" and "pageSize" in _query(req))


def _filter_params() -> set[str]:
    """Every list filter parameter the resource model declares."""
    from ccr_contract.resource_model import ResourceModel

    model = ResourceModel.from_spec(load_spec())
    return {f.param for res in model.resources.values() for f in res.filters}


def res_007(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Lists ignore their filter parameters (every item is listed, whatever the filter says)."""
    params = _filter_params()

    def on_request(req: Req) -> Resp | None:
        query = _query(req)
        if req.method == "GET" and _auth(req) and any(k in params for k in query):
            _set_query(req, **{k: None for k in query if k in params})
        return None

    return Broken(app, creds, on_request=on_request)


def tags_through_any_repository(app: Asgi, creds: dict[str, str]) -> Asgi:
    """A tag's detail is found through any repository of its project: the server looks the tag up by
    name in whichever repository it listed it under."""
    seen: dict[tuple[str, str], str] = {}  # (project path, tag) -> repository
    pattern = re.compile(r"^(/v1/instances/[^/]+/projects/[^/]+)/repositories/([^/]+)/tags(?:/([^/]+))?$")

    def on_request(req: Req) -> Resp | None:
        match = pattern.match(req.path)
        if req.method == "GET" and match and match.group(3):
            home = seen.get((match.group(1), match.group(3)))
            if home and home != match.group(2):
                req.path = f"{match.group(1)}/repositories/{home}/tags/{match.group(3)}"
                req.raw_path = req.path
                req.resign = True
        return None

    def on_response(req: Req, resp: Resp) -> None:
        match = pattern.match(req.path)
        data = resp.json()
        if req.method == "GET" and match and not match.group(3) and resp.status == 200 and isinstance(data, dict):
            for item in data.get("items") or []:
                if isinstance(item, dict) and item.get("tagName"):
                    seen.setdefault((match.group(1), str(item["tagName"])), match.group(2))

    return Broken(app, creds, on_request=on_request, on_response=on_response)


def enterprise_creates_unvalidated(app: Asgi, creds: dict[str, str]) -> Asgi:
    """An Enterprise create under an existing instance that the reference rejects as invalid (400) is
    answered 200 instead (a server that validates create bodies only loosely)."""

    def on_response(req: Req, resp: Resp) -> None:
        parts = req.path.split("/")
        if req.method == "POST" and _enterprise(req) and len(parts) == 5 and resp.status == 400 and _auth(req):
            resp.status = 200
            resp.set_json({})

    return Broken(app, creds, on_response=on_response)


BROKEN: dict[str, Callable[[Asgi, dict[str, str]], Asgi]] = {
    "SCHEMA-001": schema_001,
    "SCHEMA-002": schema_002,
    "SCHEMA-003": schema_003,
    "SCHEMA-004": schema_004,
    "SCHEMA-005": schema_005,
    "AUTH-001": auth_001,
    "AUTH-002": auth_002,
    "AUTH-003": auth_003,
    "AUTH-004": auth_004,
    "AUTH-005": auth_005,
    "AUTH-006": auth_006,
    "AUTH-007": auth_007,
    "AUTH-008": auth_008,
    "AUTH-009": auth_009,
    "AUTH-010": auth_010,
    "SIGN-001": sign_001,
    "SIGN-002": sign_002,
    "STRUCT-001": struct_001,
    "STRUCT-002": struct_002,
    "STRUCT-003": struct_003,
    "STRUCT-004": struct_004,
    "STRUCT-005": struct_005,
    "STATE-001": state_001,
    "STATE-002": state_002,
    "STATE-003": state_003,
    "STATE-004": state_004,
    "STATE-005": state_005,
    "STATE-006": state_006,
    "PAGE-001": page_001,
    "PAGE-002": page_002,
    "PAGE-003": page_003,
    "PAGE-004": page_004,
    "PAGE-005": page_005,
    "SECRET-001": secret_001,
    "SECRET-002": secret_002,
    "RES-001": res_001,
    "RES-002": res_002,
    "RES-003": res_003,
    "RES-004": res_004,
    "RES-005": res_005,
    "RES-006": res_006,
    "RES-007": res_007,
}


# --------------------------------------------------------------------------- transport faults


def hang(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Never answers."""

    async def handler(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        await _until_client_leaves(receive)

    return handler


async def _until_client_leaves(receive: Any) -> None:
    """Answer nothing for as long as the client waits (an hour at most); returning once it hangs up
    lets the test server shut down at once."""
    async with asyncio.timeout(3600):
        while (await receive())["type"] != "http.disconnect":
            pass


def not_json(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Answers an HTML page to everything."""

    def on_request(req: Req) -> Resp | None:
        return Resp(200, {"content-type": "text/html"}, b"<html><body>Service Unavailable</body></html>")

    return Broken(app, creds, on_request=on_request)


HUGE_BYTES = 40 * 1024 * 1024


def huge_body(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Streams a 40 MB JSON string to every request."""

    async def handler(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"x-bce-request-id", b"huge")],
            }
        )
        chunk = b"a" * (1024 * 1024)
        await send({"type": "http.response.body", "body": b'"', "more_body": True})
        for _ in range(HUGE_BYTES // len(chunk)):
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
        await send({"type": "http.response.body", "body": b'"', "more_body": False})

    return handler


# --------------------------------------------------------------------------- faults found in review


def _only_when(app: Asgi, applies: Callable[[dict[str, Any]], bool], fault: Asgi) -> Asgi:
    """Route the requests ``applies`` accepts to ``fault``, everything else to the reference app."""

    async def handler(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and applies(scope):
            await fault(scope, receive, send)
        else:
            await app(scope, receive, send)

    return handler


def _from_schemathesis_to_policies(scope: dict[str, Any]) -> bool:
    agent = dict(scope["headers"]).get(b"user-agent", b"")
    return b"schemathesis" in agent and scope["method"] == "GET" and scope["path"] == "/v1/ccr/policies"


def drip_to_schemathesis(stop: threading.Event) -> Callable[[Asgi, dict[str, str]], Asgi]:
    """Schemathesis's requests to the policy list get a 200 whose body arrives one byte every
    half second, forever (until ``stop``): requests' per-read timeout never fires.  The suite's own
    requests are answered normally, so only the schemathesis phase meets it."""

    async def drip(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"x-bce-request-id", b"drip")],
            }
        )
        await send({"type": "http.response.body", "body": b'{"result": [', "more_body": True})
        while not stop.is_set():
            await asyncio.sleep(0.5)
            await send({"type": "http.response.body", "body": b" ", "more_body": True})
        await send({"type": "http.response.body", "body": b"]}", "more_body": False})

    return lambda app, creds: _only_when(app, _from_schemathesis_to_policies, drip)


def not_found_everything(app: Asgi, creds: dict[str, str]) -> Asgi:
    """An empty-bodied 404 to every request (a wrong base path, a proxy with no route)."""

    async def handler(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        await send({"type": "http.response.start", "status": 404, "headers": [(b"content-length", b"0")]})
        await send({"type": "http.response.body", "body": b""})

    return handler


def any_signature_on_existing_ids(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Requests naming an existing (small) id in the path are accepted whatever their signature,
    expiry or date: the server checks signatures only when the item is not found."""

    def on_request(req: Req) -> Resp | None:
        found = re.search(r"/(\d+)(?:/|$)", req.path)
        if found and int(found.group(1)) < 10_000 and _auth(req) is not None:
            req.resign = True
        return None

    return Broken(app, creds, on_request=on_request)


def announcing_schemathesis(seen: threading.Event) -> Callable[[Asgi, dict[str, str]], Asgi]:
    """The reference server, unchanged, that sets ``seen`` when the first schemathesis request
    arrives (so a test can interrupt the run during that phase)."""

    def wrap(app: Asgi, creds: dict[str, str]) -> Asgi:
        async def handler(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope["type"] == "http" and b"schemathesis" in dict(scope["headers"]).get(b"user-agent", b""):
                seen.set()
            await app(scope, receive, send)

        return handler

    return wrap


def registry_create_conflicts(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Every registry create is answered 409 StatusConflict (documented for createRegistry, so the
    built-in positive check lets it pass, though a create that names no id has nothing to conflict with)."""

    def on_request(req: Req) -> Resp | None:
        if req.method == "POST" and req.path == "/v1/ccr/registries":
            return bce_error(409, "StatusConflict", "conflict")
        return None

    return Broken(app, creds, on_request=on_request)


def expired_accepted_with_parameters(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Expired signatures are accepted when the request carries a pageSize (the server checks expiry
    only on bare requests)."""

    def on_request(req: Req) -> Resp | None:
        parsed = _auth(req)
        expired = parsed is not None and datetime.now(UTC) > parsed.timestamp + timedelta(seconds=parsed.expiration)
        if expired and "pageSize" in _query(req):
            req.resign = True
        return None

    return Broken(app, creds, on_request=on_request)


def future_accepted_within_30_minutes(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Signatures dated up to 30 minutes ahead are accepted (the documented skew is 300 s)."""

    def on_request(req: Req) -> Resp | None:
        parsed = _auth(req)
        now = datetime.now(UTC)
        if parsed and now + timedelta(seconds=300) < parsed.timestamp <= now + timedelta(minutes=30):
            req.resign = True
        return None

    return Broken(app, creds, on_request=on_request)


def policy_create_fails(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Every policy create with a well-formed Authorization is answered 500 (so checks needing a
    policy fixture cannot get one)."""

    def on_request(req: Req) -> Resp | None:
        if req.method == "POST" and req.path == "/v1/ccr/policies" and _auth(req) is not None:
            return bce_error(500, "InternalError", "policies are unavailable")
        return None

    return Broken(app, creds, on_request=on_request)


def lenient_names(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Creates with an invalid name are accepted anyway: too long is cut to 128 characters, empty
    becomes ``unnamed`` (a lenient server; the suite must still find and remove what it created)."""

    def on_request(req: Req) -> Resp | None:
        body = req.json()
        if req.method == "POST" and req.path.count("/") == 3 and isinstance(body, dict):
            name = body.get("name")
            if isinstance(name, str) and not 0 < len(name) <= 128:
                body["name"] = name[:128] or "unnamed"
                req.body = json.dumps(body).encode()
        return None

    return Broken(app, creds, on_request=on_request)


BOMB_BYTES = 64 * 1024 * 1024


def gzip_bomb(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Every answer is a 200 with a gzip body of ~64 KB that inflates to 64 MB of zeros."""
    import gzip

    bomb = gzip.compress(b"\0" * BOMB_BYTES, compresslevel=9)

    async def handler(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        headers = [(b"content-type", b"application/json"), (b"content-encoding", b"gzip")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": bomb})

    return handler


def _rewrite_listed(path: str, change: Callable[[dict[str, Any]], None]) -> Callable[[Asgi, dict[str, str]], Asgi]:
    def wrap(app: Asgi, creds: dict[str, str]) -> Asgi:
        def on_response(req: Req, resp: Resp) -> None:
            data = resp.json()
            if req.method == "GET" and req.path == path and isinstance(data, dict):
                for item in data.get("result") or []:
                    change(item)
                resp.set_json(data)

        return Broken(app, creds, on_response=on_response)

    return wrap


def _other_access_key(item: dict[str, Any]) -> None:
    if isinstance(item.get("credential"), dict):
        item["credential"]["accessKey"] = "admin"


def _other_source(item: dict[str, Any]) -> None:
    item["srcRegistry"] = "someone-elses-registry"


#: Registries listed with another credential.accessKey than written (a nested field).
listed_access_key_changed = _rewrite_listed("/v1/ccr/registries", _other_access_key)
#: Policies listed with a source registry other than the one written (srcRegistry.id -> its name).
listed_source_registry_wrong = _rewrite_listed("/v1/ccr/policies", _other_source)


def hang_policy_list(app: Asgi, creds: dict[str, str]) -> Asgi:
    """Only the policy list never answers; every other operation works."""

    async def never(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await _until_client_leaves(receive)

    return _only_when(app, lambda scope: scope["method"] == "GET" and scope["path"] == "/v1/ccr/policies", never)


def page_size_capped_above_500(app: Asgi, creds: dict[str, str]) -> Asgi:
    """pageSize 101..500 is rejected as it should be, but larger values are quietly capped to 100."""

    def on_request(req: Req) -> Resp | None:
        size = _query(req).get("pageSize", "")
        if req.method == "GET" and size.isdigit() and int(size) > 500:
            _set_query(req, pageSize=100)
        return None

    return Broken(app, creds, on_request=on_request)


def secret_key_base64_in_errors(app: Asgi, creds: dict[str, str]) -> Asgi:
    """403 messages carry the expected ``accessKey:secretKey`` pair base64-encoded (a debugging aid)."""
    import base64

    ak, sk = next(iter(creds.items()))

    def on_response(req: Req, resp: Resp) -> None:
        data = resp.json()
        if resp.status == 403 and isinstance(data, dict):
            data["message"] = f"{data.get('message')} (expected {base64.b64encode(f'{ak}:{sk}'.encode()).decode()})"
            resp.set_json(data)

    return Broken(app, creds, on_response=on_response)
