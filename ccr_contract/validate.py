"""``ccr-contract validate``: openapi-spec-validator plus the rules this project adds.

Project rules (each problem is one line ``location: message``):

* every operation has a unique ``operationId`` and its own non-empty ``security`` naming a declared
  scheme (openapi-python-client ignores a global one; ``[{}]`` would mean anonymous access);
* every 2xx response has a body with an example, unless its description says the body is empty (the
  Enterprise Edition's writes answer 200 with no body); every 4xx/5xx response has the BCE error
  body; at least 400 and 500 are declared; every response declares a required
  ``x-bce-request-id`` header;
* every request body has at least one example;
* an operation whose ``operationId`` starts with an upper-case letter is an Enterprise operation and
  lists the Baidu action names it serves in ``x-bce-api-actions``, its own id first; no action name
  is claimed twice;
* every example (request, response, parameter; ``$ref`` examples resolved) validates against its schema;
* every link names an existing operation and only parameters that operation has;
* the security scheme carries an ``x-bce-auth`` that matches :data:`X_BCE_AUTH_SCHEMA`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from ccr_contract import states
from ccr_contract.schemas import SpecSchemas, describe, pointer
from ccr_contract.spec import Operation, SpecError, auth_extension, load_spec, operations, resolve_ref

BCE_ERROR_REF = "#/components/schemas/BceError"
AUTH_ERROR_KINDS = ("missing", "malformed", "unknownKey", "expired", "notYetValid", "mismatch")

_STATUS_CODE = {
    "type": "object",
    "required": ["status", "code"],
    "properties": {"status": {"type": "integer", "minimum": 400, "maximum": 599}, "code": {"type": "string"}},
}
#: The shape of ``x-bce-auth`` the tools rely on (spec/EXTENSIONS.md describes each key).
X_BCE_AUTH_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": [
        "version",
        "signedHeaders",
        "requiredSignedHeaders",
        "defaultExpirationSeconds",
        "maxExpirationSeconds",
        "clockSkewSeconds",
        "timestampPattern",
        "errors",
    ],
    "properties": {
        "version": {"const": "bce-auth-v1"},
        "signedHeaders": {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": "^[a-z0-9-]+$"}},
        "requiredSignedHeaders": {"type": "array", "minItems": 1, "contains": {"const": "host"}},
        "signedWhenPresent": {"type": "array", "items": {"type": "string", "pattern": "^[a-z0-9-]+$"}},
        "defaultExpirationSeconds": {"type": "integer", "minimum": 1},
        # at most what parse_authorization accepts (ten digits)
        "maxExpirationSeconds": {"type": "integer", "minimum": 1, "maximum": 9999999999},
        "clockSkewSeconds": {"type": "integer", "minimum": 0, "maximum": 3600},
        "timestampPattern": {"type": "string"},
        "verifierVariants": {"type": "array", "items": {"type": "string"}},
        "errors": {
            "type": "object",
            "required": list(AUTH_ERROR_KINDS),
            "properties": dict.fromkeys(AUTH_ERROR_KINDS, _STATUS_CODE),
        },
    },
}


def openapi_problems(spec: dict[str, Any]) -> list[str]:
    """Problems openapi-spec-validator reports, one line each."""
    from openapi_spec_validator import OpenAPIV31SpecValidator

    problems = []
    for err in OpenAPIV31SpecValidator(spec).iter_errors():
        where = "/".join(str(p) for p in err.absolute_path) or "(root)"
        problems.append(f"{where}: {err.message}")
    return problems


def _examples(spec: dict[str, Any], node: dict[str, Any]) -> list[tuple[str, Any]]:
    out = []
    if "example" in node:
        out.append(("example", node["example"]))
    for name, raw in (node.get("examples") or {}).items():
        example = resolve_ref(spec, raw)
        if isinstance(example, dict) and "value" in example:
            out.append((f"examples/{name}", example["value"]))
    return out


class _Checker:
    """Collects the problems of one spec; one method per rule family."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.schemas = SpecSchemas(spec)
        self.problems: list[str] = []
        self.ops = list(operations(spec))
        self.by_id = {op.operation_id: op for op in self.ops}
        self.schemes = set(spec.get("components", {}).get("securitySchemes", {}))

    def add(self, line: str) -> None:
        self.problems.append(line)

    def run(self) -> list[str]:
        seen: dict[str, str] = {}
        actions: dict[str, str] = {}
        for op in self.ops:
            where = f"{op.method} {op.path}"
            if "operationId" not in op.definition:
                self.add(f"{where}: no operationId")
            elif op.operation_id in seen:
                self.add(f"{where}: operationId {op.operation_id} also used by {seen[op.operation_id]}")
            else:
                seen[op.operation_id] = where
            self.security(op, where)
            self.api_actions(op, where, actions)
            self.parameters(op, where)
            self.request_body(op, where)
            self.responses(op, where)
        self.auth()
        return self.problems

    def api_actions(self, op: Operation, where: str, claimed: dict[str, str]) -> None:
        listed = op.definition.get("x-bce-api-actions")
        if not op.operation_id[:1].isupper():
            if listed is not None:
                self.add(f"{where}: x-bce-api-actions is for Enterprise operations (PascalCase operationId)")
            return
        if not isinstance(listed, list) or not listed or listed[0] != op.operation_id:
            self.add(f"{where}: x-bce-api-actions must list the Baidu action names served, {op.operation_id} first")
            return
        for action in listed:
            if action in claimed:
                self.add(f"{where}: action {action} is also claimed by {claimed[action]}")
            claimed[action] = where

    def security(self, op: Operation, where: str) -> None:
        requirements = op.definition.get("security")
        if not requirements:
            self.add(f"{where}: no per-operation security")
            return
        for requirement in requirements:
            if not requirement:
                self.add(f"{where}: an empty security requirement allows anonymous access")
            for name in requirement:
                if name not in self.schemes:
                    self.add(f"{where}: security names undeclared scheme {name!r}")

    def parameters(self, op: Operation, where: str) -> None:
        # op.parameters is the path item's list followed by the operation's, in that order.
        shared = self.spec["paths"][op.path].get("parameters", [])
        own = self.spec["paths"][op.path][op.method.lower()].get("parameters", [])
        located = [(raw, ("paths", op.path, "parameters", i)) for i, raw in enumerate(shared)]
        located += [(raw, ("paths", op.path, op.method.lower(), "parameters", i)) for i, raw in enumerate(own)]
        for param, (raw, where_in_spec) in zip(op.parameters, located, strict=True):
            base = raw["$ref"] if "$ref" in raw else pointer(*where_in_spec)
            for label, value in _examples(self.spec, param):
                for msg in self.schemas.errors(f"{base}/schema", value):
                    self.add(f"{where} parameter {param.get('name')} {label}: {msg}")

    def request_body(self, op: Operation, where: str) -> None:
        raw = op.definition.get("requestBody")
        if not raw:
            return
        base = raw["$ref"] if "$ref" in raw else pointer("paths", op.path, op.method.lower(), "requestBody")
        for ctype, media in resolve_ref(self.spec, raw).get("content", {}).items():
            examples = _examples(self.spec, media)
            if not examples:
                self.add(f"{where}: request body {ctype} has no example")
            for label, value in examples:
                for msg in self.schemas.errors(f"{base}/content/{ctype.replace('/', '~1')}/schema", value):
                    self.add(f"{where} request {label}: {msg}")

    def responses(self, op: Operation, where: str) -> None:
        responses = op.responses
        if not any(code.startswith("2") for code in responses):
            self.add(f"{where}: no 2xx response")
        for code in ("400", "500"):
            if code not in responses:
                self.add(f"{where}: no {code} response")
        for code, raw in responses.items():
            base = raw["$ref"] if "$ref" in raw else pointer("paths", op.path, op.method.lower(), "responses", code)
            resp = resolve_ref(self.spec, raw)
            header = resolve_ref(self.spec, (resp.get("headers") or {}).get("x-bce-request-id"))
            if not header:
                self.add(f"{where} {code}: response does not declare x-bce-request-id")
            elif header.get("required") is not True:
                self.add(f"{where} {code}: x-bce-request-id must be required")
            content = resp.get("content") or {}
            if code[0] in "45":
                media = content.get("application/json", {})
                if media.get("schema", {}).get("$ref") != BCE_ERROR_REF:
                    self.add(f"{where} {code}: error body is not {BCE_ERROR_REF}")
            if code.startswith("2") and not content and "body is empty" not in resp.get("description", ""):
                self.add(f"{where} {code}: success response has no body (or say 'The body is empty.')")
            for ctype, media in content.items():
                examples = _examples(self.spec, media)
                if code.startswith("2") and not examples:
                    self.add(f"{where} {code}: response {ctype} has no example")
                for label, value in examples:
                    for msg in self.schemas.errors(f"{base}/content/{ctype.replace('/', '~1')}/schema", value):
                        self.add(f"{where} {code} {label}: {msg}")
            for name, raw_link in (resp.get("links") or {}).items():
                self.link(where, code, name, resolve_ref(self.spec, raw_link))

    def link(self, where: str, code: str, name: str, link: dict[str, Any]) -> None:
        target = self.by_id.get(link.get("operationId", ""))
        if target is None:
            self.add(f"{where} {code} link {name}: operationId {link.get('operationId')!r} does not exist")
            return
        known = {p.get("name") for p in target.parameters}
        for param in link.get("parameters") or {}:
            bare = param.split(".", 1)[1] if param.split(".", 1)[0] in ("path", "query", "header") else param
            if bare not in known:
                self.add(f"{where} {code} link {name}: {target.operation_id} has no parameter {bare!r}")
        if "requestBody" in link and not target.definition.get("requestBody"):
            self.add(f"{where} {code} link {name}: {target.operation_id} takes no request body")

    def auth(self) -> None:
        try:
            ext = auth_extension(self.spec)
        except SpecError as exc:
            self.add(f"components/securitySchemes: {exc}")
            return
        for err in sorted(Draft202012Validator(X_BCE_AUTH_SCHEMA).iter_errors(ext), key=lambda e: list(e.path)):
            self.add(f"x-bce-auth: {describe(err)}")


def project_problems(spec: dict[str, Any]) -> list[str]:
    """Problems with the project's own rules."""
    return _Checker(spec).run() + states.problems(spec)


def validate_file(path: Path | str) -> list[str]:
    """All problems with the spec at ``path`` (empty when it is valid)."""
    spec = load_spec(path)
    problems = openapi_problems(spec)
    if problems:  # project rules assume a structurally valid document
        return problems
    return project_problems(spec)
