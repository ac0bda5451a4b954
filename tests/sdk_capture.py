"""Capture what Baidu's own clients send, and check it against the contract.

Issue 9 asks for "proof by Baidu's own client": the spec must accept every request
baiducloud-python-sdk-ccr (and bce-sdk-go) really sends. This module holds the pieces the
request tests share:

* :class:`CaptureServer`, a loopback HTTP server (stdlib, one thread, ``127.0.0.1``, port 0)
  that records every request byte for byte and answers a canned 200, so an SDK can be driven
  without a network or an account;
* :func:`make_ccr_client`, a ``baiducloud_python_sdk_ccr`` client aimed at such a server with
  throwaway credentials (the SDK needs an explicit endpoint: its default raises);
* :class:`SpecChecker`, which validates a captured request with openapi-core and adds the two
  checks openapi-core does not make: every query key and every body key (recursively) must be
  declared by the matched operation, and the operation must list the expected Baidu action in
  ``x-bce-api-actions``.
"""

from __future__ import annotations

import http.server
import json
import re
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import yaml
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.templating.paths.exceptions import PathError
from openapi_core.templating.paths.finders import APICallPathFinder
from werkzeug.datastructures import Headers, ImmutableMultiDict

#: Access key pair for the SDK clients: never valid anywhere, the capture server ignores it.
THROWAWAY_AK = "ak-h5-capture-not-a-real-key"
THROWAWAY_SK = "sk-h5-capture-not-a-real-secret"
#: The Enterprise Edition host captured requests are re-hosted on for validation (the SDKs talk to
#: loopback; the spec's servers are ``ccr.baidubce.com`` and ``ccr.{region}.baidubce.com``).
ENTERPRISE_HOST_URL = "https://ccr.bj.baidubce.com"


# --------------------------------------------------------------------------------------------
# Capturing
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CapturedRequest:
    """One request exactly as it arrived: method, raw path and query, headers, body bytes."""

    method: str
    raw_path: str
    raw_query: str
    headers: dict[str, str]
    body: bytes

    @property
    def query(self) -> list[tuple[str, str]]:
        """The query string as decoded (key, value) pairs, in the order sent (repeats kept)."""
        return parse_qsl(self.raw_query, keep_blank_values=True)

    @property
    def content_type(self) -> str:
        """The ``Content-Type`` header, lower-cased ('' when absent)."""
        return self.header("content-type").lower()

    def header(self, name: str) -> str:
        """A header's value by case-insensitive name ('' when absent)."""
        wanted = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == wanted), "")

    def json_body(self) -> Any:
        """The body parsed as JSON, or ``None`` when there is no body."""
        return json.loads(self.body) if self.body else None


@dataclass(frozen=True)
class CannedResponse:
    """What the capture server answers: status, content type and body."""

    status: int = 200
    body: bytes = b"{}"
    content_type: str = "application/json"


#: Chooses the answer for a request (lets a test answer a chart download with bytes).
Responder = Callable[[CapturedRequest], CannedResponse]


class _CaptureHandler(http.server.BaseHTTPRequestHandler):
    """Records the request on the server, answers what the server's responder says."""

    server: _CaptureHTTPServer
    protocol_version = "HTTP/1.1"

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        captured = CapturedRequest(
            method=self.command,
            raw_path=parts.path,
            raw_query=parts.query,
            headers={k: v for k, v in self.headers.items()},
            body=body,
        )
        answer = self.server.record(captured)
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("x-bce-request-id", "00000000-0000-4000-8000-000000000009")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _handle

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: pytest output is for failures."""


class _CaptureHTTPServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, responder: Responder) -> None:
        super().__init__(("127.0.0.1", 0), _CaptureHandler)
        self.responder = responder
        self.captured: list[CapturedRequest] = []
        self.lock = threading.Lock()

    def record(self, request: CapturedRequest) -> CannedResponse:
        with self.lock:
            self.captured.append(request)
        return self.responder(request)


class CaptureServer:
    """A loopback server that records every request and answers 200 ``{}`` (configurable).

    Use as a context manager; ``endpoint`` is ``http://127.0.0.1:PORT``. ``response`` is either a
    fixed :class:`CannedResponse` or a callable choosing one per request.
    """

    def __init__(self, response: CannedResponse | Responder | None = None) -> None:
        self._response: CannedResponse | Responder = response or CannedResponse()
        self._server = _CaptureHTTPServer(self._respond)
        self._thread = threading.Thread(target=self._server.serve_forever, name="sdk-capture", daemon=True)

    def _respond(self, request: CapturedRequest) -> CannedResponse:
        response = self._response
        return response if isinstance(response, CannedResponse) else response(request)

    def set_response(self, response: CannedResponse | Responder) -> None:
        """Change the answer for the requests that follow."""
        self._response = response

    @property
    def endpoint(self) -> str:
        """``http://127.0.0.1:PORT``, the endpoint to give a client."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def requests(self) -> list[CapturedRequest]:
        """Every request recorded so far, oldest first (a copy)."""
        with self._server.lock:
            return list(self._server.captured)

    def clear(self) -> None:
        """Forget the requests recorded so far."""
        with self._server.lock:
            self._server.captured.clear()

    def pop_only(self) -> CapturedRequest:
        """The one request recorded since the last clear (asserts there was exactly one), then clear."""
        with self._server.lock:
            captured, self._server.captured[:] = list(self._server.captured), []
        assert len(captured) == 1, f"expected exactly one request, captured {len(captured)}: {captured}"
        return captured[0]

    def start(self) -> CaptureServer:
        """Start serving in a daemon thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> CaptureServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def make_ccr_client(endpoint: str) -> Any:
    """A ``baiducloud_python_sdk_ccr`` ``CcrClient`` for ``endpoint`` with throwaway credentials.

    No retries (a non-JSON answer must not be sent twice) and a short timeout (loopback only).
    """
    from baiducloud_python_sdk_ccr.api.ccr_client import CcrClient
    from baiducloud_python_sdk_core import protocol
    from baiducloud_python_sdk_core.auth.bce_credentials import BceCredentials
    from baiducloud_python_sdk_core.bce_client_configuration import BceClientConfiguration
    from baiducloud_python_sdk_core.retry.retry_policy import NoRetryPolicy

    config = BceClientConfiguration(
        credentials=BceCredentials(THROWAWAY_AK, THROWAWAY_SK),
        endpoint=endpoint,
        protocol=protocol.HTTP,
        retry_policy=NoRetryPolicy(),
        connection_timeout_in_mills=10_000,
    )
    return CcrClient(config)


# --------------------------------------------------------------------------------------------
# Checking against the spec
# --------------------------------------------------------------------------------------------


@dataclass
class SpecRequest:
    """A request in the shape openapi-core's ``Request`` protocol wants."""

    host_url: str
    path: str
    method: str
    body: bytes | None
    content_type: str
    parameters: RequestParameters

    @classmethod
    def build(
        cls,
        method: str,
        path: str,
        query: Sequence[tuple[str, str]] = (),
        headers: Mapping[str, str] | None = None,
        body: bytes | None = None,
        host_url: str = ENTERPRISE_HOST_URL,
    ) -> SpecRequest:
        """From wire-level parts: raw path, decoded query pairs, headers, body bytes."""
        header_map = Headers(list((headers or {}).items()))
        return cls(
            host_url=host_url,
            path=path,
            method=method.lower(),
            body=body or None,
            content_type=(header_map.get("Content-Type") or "application/json").lower(),
            parameters=RequestParameters(
                query=ImmutableMultiDict(list(query)),
                header=header_map,
                cookie=ImmutableMultiDict(),
                path={},
            ),
        )

    @classmethod
    def from_capture(cls, captured: CapturedRequest, host_url: str = ENTERPRISE_HOST_URL) -> SpecRequest:
        """From a request the capture server recorded, re-hosted on ``host_url``."""
        return cls.build(captured.method, captured.raw_path, captured.query, captured.headers, captured.body, host_url)


@dataclass
class Verdict:
    """What the spec says about one request: the operation it matched and every problem found."""

    method: str
    path: str
    operation_id: str | None = None
    path_template: str | None = None
    actions: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.errors

    def report(self) -> str:
        """A readable account for an assertion message."""
        where = f"{self.method.upper()} {self.path}"
        matched = f" -> {self.operation_id} ({self.method.upper()} {self.path_template})" if self.operation_id else ""
        lines = [f"{where}{matched}: {len(self.errors)} problem(s)"]
        lines += [f"  - {e}" for e in self.errors]
        return "\n".join(lines)


def _describe_error(error: BaseException) -> str:
    """One line per openapi-core error, with the jsonschema details it wraps."""
    text = f"{type(error).__name__}: {error}"
    cause = error.__cause__
    schema_errors = getattr(cause, "schema_errors", None)
    if schema_errors:
        details = "; ".join(
            f"at {'/'.join(str(p) for p in se.absolute_path) or '(root)'}: {se.message}" for se in schema_errors
        )
        subject = f"{error.location} parameter {error.name}" if hasattr(error, "name") else "body"
        text = f"{type(error).__name__} ({type(cause).__name__}, {subject}): {details}"
    elif cause is not None and str(cause) not in text:
        text += f" [{type(cause).__name__}: {cause}]"
    return text


class SpecChecker:
    """Validates requests against one bundled OpenAPI document (openapi-core plus stricter checks)."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.openapi = OpenAPI.from_dict(document)
        self._finder = APICallPathFinder(self.openapi.spec)

    @classmethod
    def from_path(cls, path: Path) -> SpecChecker:
        """Load a bundled spec file (YAML or JSON)."""
        return cls(yaml.safe_load(path.read_text(encoding="utf-8")))

    # -- the document ---------------------------------------------------------------------

    def resolve(self, node: Any) -> Any:
        """Follow local ``$ref`` s until a node that is not a reference."""
        seen: set[str] = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if ref in seen or not ref.startswith("#/"):
                raise ValueError(f"cannot resolve $ref {ref!r}")
            seen.add(ref)
            target: Any = self.document
            for part in ref[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = target
        return node

    def operations(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """Every (path template, method, operation) in the document."""
        for template, item in (self.document.get("paths") or {}).items():
            for method, operation in self.resolve(item).items():
                if method in {"get", "put", "post", "delete", "patch", "head", "options", "trace"}:
                    yield template, method, operation

    def operations_for_action(self, action: str) -> list[tuple[str, str, dict[str, Any]]]:
        """The operations that serve Baidu action ``action`` (by ``x-bce-api-actions`` or operationId)."""
        return [
            (t, m, op)
            for t, m, op in self.operations()
            if action in (op.get("x-bce-api-actions") or []) or op.get("operationId") == action
        ]

    def query_names(self, template: str, method: str) -> set[str]:
        """The query parameter names an operation declares (path-level ones included)."""
        item = self.resolve(self.document["paths"][template])
        params = [*(item.get("parameters") or []), *(item[method].get("parameters") or [])]
        return {p["name"] for p in map(self.resolve, params) if p.get("in") == "query"}

    def body_schemas(self, operation: dict[str, Any], content_type: str) -> list[Any]:
        """The request body schema(s) for a content type (all JSON ones when it names none that fits)."""
        body = self.resolve(operation.get("requestBody") or {})
        content: dict[str, Any] = body.get("content") or {}
        bare = content_type.split(";")[0].strip()
        if bare in content:
            return [content[bare].get("schema", {})]
        return [media.get("schema", {}) for name, media in content.items() if "json" in name]

    # -- undeclared keys ------------------------------------------------------------------

    def _branches(self, schema: Any) -> list[dict[str, Any]]:
        """A schema and every ``allOf``/``oneOf``/``anyOf``/``then``/``else`` branch under it, resolved."""
        schema = self.resolve(schema)
        if not isinstance(schema, dict):
            return []
        found = [schema]
        for keyword in ("allOf", "oneOf", "anyOf"):
            for branch in schema.get(keyword) or []:
                found += self._branches(branch)
        for keyword in ("then", "else"):
            if keyword in schema:
                found += self._branches(schema[keyword])
        return found

    def _accepts_anything(self, schema: Any) -> bool:
        """``true`` or ``{}``: the spec says nothing about the value, so nothing in it is undeclared."""
        schema = self.resolve(schema)
        return schema is True or schema == {}

    def undeclared_keys(self, value: Any, schemas: Sequence[Any], where: str = "body") -> list[str]:
        """Keys in ``value`` that none of ``schemas`` declares, searched into objects and arrays.

        A key is declared when some branch lists it in ``properties`` (or matches a
        ``patternProperties`` pattern) or has ``additionalProperties`` as a schema (a map).
        openapi-core only catches these where the schema says ``additionalProperties: false``.
        """
        if any(self._accepts_anything(s) for s in schemas):
            return []
        branches = [b for s in schemas for b in self._branches(s)]
        problems: list[str] = []
        if isinstance(value, dict):
            for key, item in value.items():
                subschemas: list[Any] = []
                declared = False
                for branch in branches:
                    if key in (branch.get("properties") or {}):
                        declared = True
                        subschemas.append(branch["properties"][key])
                    for pattern, sub in (branch.get("patternProperties") or {}).items():
                        if re.search(pattern, key):
                            declared = True
                            subschemas.append(sub)
                    extra = branch.get("additionalProperties")
                    if isinstance(extra, dict):
                        declared = True
                        subschemas.append(extra)
                if not declared:
                    problems.append(f"{where}.{key}: key not declared by the spec")
                else:
                    problems += self.undeclared_keys(item, subschemas, f"{where}.{key}")
        elif isinstance(value, list):
            items = [b["items"] for b in branches if isinstance(b.get("items"), dict)]
            for index, item in enumerate(value):
                problems += self.undeclared_keys(item, items, f"{where}[{index}]")
        return problems

    # -- one request ----------------------------------------------------------------------

    def check(self, request: SpecRequest, expected_action: str | None = None) -> Verdict:
        """Validate ``request``: openapi-core's errors, undeclared query/body keys, the action name."""
        verdict = Verdict(method=request.method, path=request.path)
        try:
            found = self._finder.find(request.method, request.host_url + request.path)
        except PathError as exc:
            verdict.errors.append(f"{type(exc).__name__}: {exc} (no operation in the spec matches)")
            return verdict
        template = found.path.parts[-1]
        operation = self.resolve(self.document["paths"][template])[request.method]
        verdict.path_template = template
        verdict.operation_id = operation.get("operationId")
        verdict.actions = list(operation.get("x-bce-api-actions") or [])

        verdict.errors += [_describe_error(e) for e in self.openapi.iter_request_errors(request)]

        declared_query = self.query_names(template, request.method)
        for name in request.parameters.query:
            if name not in declared_query:
                verdict.errors.append(f"query.{name}: query parameter not declared by the spec")

        if request.body:
            try:
                body = json.loads(request.body)
            except ValueError as exc:
                verdict.errors.append(f"body is not JSON: {exc}")
            else:
                schemas = self.body_schemas(operation, request.content_type)
                if not schemas:
                    verdict.errors.append("body sent but the operation declares no JSON request body")
                else:
                    verdict.errors += self.undeclared_keys(body, schemas)

        if expected_action is not None and expected_action not in verdict.actions:
            listed = f"x-bce-api-actions of {verdict.operation_id} is {verdict.actions}"
            verdict.errors.append(f"{listed}, expected it to list {expected_action}")
        return verdict


@cache
def checker_for(path: Path) -> SpecChecker:
    """One :class:`SpecChecker` per spec file per test session (parsing the spec is slow)."""
    return SpecChecker.from_path(path)


def snake_to_pascal(name: str) -> str:
    """``re_execute_trigger_task`` -> ``ReExecuteTriggerTask`` (SDK method -> Baidu action)."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))
