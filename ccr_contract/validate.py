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
* the security scheme carries an ``x-bce-auth``; every ``x-bce-*`` key is an extension of
  ``spec/extensions.schema.json`` and holds what that schema allows (a misspelled key is named,
  with the key it probably meant); the ``x-bce-resources`` declarations pass the resource model's
  cross-checks (:class:`~ccr_contract.resource_model.ResourceModel`).
"""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from ccr_contract import states
from ccr_contract.paths import data_path
from ccr_contract.resource_model import ResourceModel
from ccr_contract.schemas import SpecSchemas, pointer
from ccr_contract.spec import Operation, SpecError, auth_extension, load_spec, operations, resolve_ref

BCE_ERROR_REF = "#/components/schemas/BceError"

#: What each ``x-bce-*`` extension may hold (a JSON Schema shipped with the spec; one ``$defs``
#: entry per extension, named by its key).  spec/EXTENSIONS.md says what each key means.
EXTENSIONS_SCHEMA_RELATIVE = "spec/extensions.schema.json"


@lru_cache(maxsize=1)
def extensions_schema() -> dict[str, Any]:
    """The extensions' JSON Schema (from the checkout, or the copy shipped in the wheel)."""
    return dict(json.loads(data_path(EXTENSIONS_SCHEMA_RELATIVE).read_text(encoding="utf-8")))


def _extension_validator(name: str) -> Draft202012Validator:
    schema = extensions_schema()
    checker = Draft202012Validator.FORMAT_CHECKER  # ``format: regex``: keyPattern compiles
    return Draft202012Validator({**schema, "$ref": f"#/$defs/{name}"}, format_checker=checker)


def extension_problems(name: str, value: Any, where: str) -> list[str]:
    """Problems of one extension's ``value`` found at ``where`` (a misspelled key names the key it
    probably meant), one line each."""
    out = []
    for err in sorted(_extension_validator(name).iter_errors(value), key=lambda e: [str(p) for p in e.path]):
        at = ".".join([where, *(str(p) for p in err.absolute_path)])
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            allowed = sorted((err.schema.get("properties") or {}).keys())
            for key in sorted(set(err.instance) - set(allowed)):
                near = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f" (did you mean {near[0]!r}?)" if near else ""
                out.append(f"{at}: unknown key {key!r}{hint}; spec/EXTENSIONS.md lists the keys of {name}")
        else:
            message = err.message if len(err.message) <= 300 else err.message[:297] + "..."
            out.append(f"{at}: {message}")
    return out


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
        self.extensions()
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
        for line in extension_problems("x-bce-auth", ext, "x-bce-auth"):
            self.add(line)

    def extensions(self) -> None:
        """Every ``x-bce-*`` key is a known extension holding what its schema allows; then the
        resource model's own cross-checks (parents, operations, references) hold."""
        known = set(extensions_schema()["$defs"])
        for where, key, value in _extension_keys(self.spec, ()):
            if key == "x-bce-auth":
                continue  # checked by auth(), with its place in the security scheme
            if key not in known:
                self.add(f"{where}: unknown extension {key!r}; spec/EXTENSIONS.md lists every x-bce-* key")
                continue
            for line in extension_problems(key, value, f"{where}.{key}" if where else key):
                self.add(line)
        if any(line.startswith("x-bce-resources") for line in self.problems):
            return  # the model assumes the declarations' shape
        try:
            ResourceModel.from_spec(self.spec)
        except SpecError as exc:
            self.add(f"x-bce-resources: {exc}")


def _extension_keys(node: Any, path: tuple[str, ...]) -> list[tuple[str, str, Any]]:
    """``(where, key, value)`` of every ``x-bce-*`` key of the document: not header names (a
    ``headers`` map's keys), not inside examples, and not below another extension."""
    out: list[tuple[str, str, Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str) and key.startswith("x-bce-") and (not path or path[-1] != "headers"):
                out.append((".".join(path), key, value))
            elif key not in ("example", "examples") and not str(key).startswith("x-"):
                out += _extension_keys(value, (*path, str(key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out += _extension_keys(value, (*path, str(index)))
    return out


def extensions_problems(spec: dict[str, Any]) -> list[str]:
    """Problems of the ``x-bce-*`` extensions alone (part of :func:`project_problems`)."""
    checker = _Checker(spec)
    checker.auth()
    checker.extensions()
    return checker.problems


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
