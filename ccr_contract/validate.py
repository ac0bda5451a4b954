"""``ccr-contract validate``: openapi-spec-validator plus the rules this project adds.

Project rules (each problem is one line ``location: message``):

* every operation has an ``operationId`` (unique), its own ``security`` (openapi-python-client
  ignores a global one), a 2xx response with an example, and 400/500 responses whose body is the
  BCE error schema;
* every response declares the ``x-bce-request-id`` header;
* every request body has at least one example;
* every example (request, response, parameter) validates against its schema;
* the security scheme carries a well-formed ``x-bce-auth``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ccr_contract.schemas import SpecSchemas, pointer
from ccr_contract.spec import SpecError, auth_extension, load_spec, operations, resolve_ref

BCE_ERROR_REF = "#/components/schemas/BceError"
REQUIRED_AUTH_KEYS = ("version", "signedHeaders", "defaultExpirationSeconds", "clockSkewSeconds", "errors")
AUTH_ERROR_KINDS = ("missing", "malformed", "unknownKey", "expired", "notYetValid", "mismatch")


def openapi_problems(spec: dict[str, Any]) -> list[str]:
    """Problems openapi-spec-validator reports, one line each."""
    from openapi_spec_validator import OpenAPIV31SpecValidator

    problems = []
    for err in OpenAPIV31SpecValidator(spec).iter_errors():
        where = "/".join(str(p) for p in err.absolute_path) or "(root)"
        problems.append(f"{where}: {err.message}")
    return problems


def _examples(node: dict[str, Any]) -> list[tuple[str, Any]]:
    out = []
    if "example" in node:
        out.append(("example", node["example"]))
    for name, ex in (node.get("examples") or {}).items():
        if isinstance(ex, dict) and "value" in ex:
            out.append((f"examples/{name}", ex["value"]))
    return out


def project_problems(spec: dict[str, Any]) -> list[str]:
    """Problems with the project's own rules."""
    problems: list[str] = []
    schemas = SpecSchemas(spec)
    seen_ids: dict[str, str] = {}
    for op in operations(spec):
        where = f"{op.method} {op.path}"
        base = ("paths", op.path, op.method.lower())
        if "operationId" not in op.definition:
            problems.append(f"{where}: no operationId")
        elif op.operation_id in seen_ids:
            problems.append(f"{where}: operationId {op.operation_id} also used by {seen_ids[op.operation_id]}")
        else:
            seen_ids[op.operation_id] = where
        if not op.definition.get("security"):
            problems.append(f"{where}: no per-operation security")
        # parameters
        raw_params = op.definition.get("parameters", [])
        for index, param in enumerate(raw_params):
            for label, value in _examples(param):
                if "schema" in param:
                    ptr = pointer(*base, "parameters", str(index), "schema")
                    if "$ref" in (spec["paths"][op.path][op.method.lower()].get("parameters", [{}])[index]):
                        ref = spec["paths"][op.path][op.method.lower()]["parameters"][index]["$ref"]
                        ptr = ref + "/schema"
                    for msg in schemas.errors(ptr, value):
                        problems.append(f"{where} parameter {param.get('name')} {label}: {msg}")
        # request body
        body = resolve_ref(spec, op.definition.get("requestBody")) if op.definition.get("requestBody") else None
        if body:
            for ctype, media in body.get("content", {}).items():
                examples = _examples(media)
                if not examples:
                    problems.append(f"{where}: request body {ctype} has no example")
                for label, value in examples:
                    ptr = pointer(*base, "requestBody", "content", ctype, "schema")
                    for msg in schemas.errors(ptr, value):
                        problems.append(f"{where} request {label}: {msg}")
        # responses
        responses = op.responses
        if not any(code.startswith("2") for code in responses):
            problems.append(f"{where}: no 2xx response")
        for code in ("400", "500"):
            if code not in responses:
                problems.append(f"{where}: no {code} response")
        for code, raw in responses.items():
            resp_ptr = raw["$ref"] if "$ref" in raw else pointer(*base, "responses", code)
            resp = resolve_ref(spec, raw)
            if "x-bce-request-id" not in (resp.get("headers") or {}):
                problems.append(f"{where} {code}: response does not declare x-bce-request-id")
            for ctype, media in (resp.get("content") or {}).items():
                examples = _examples(media)
                if code.startswith("2") and not examples:
                    problems.append(f"{where} {code}: response {ctype} has no example")
                if code[0] in "45" and media.get("schema", {}).get("$ref") != BCE_ERROR_REF:
                    problems.append(f"{where} {code}: error body is not {BCE_ERROR_REF}")
                for label, value in examples:
                    for msg in schemas.errors(f"{resp_ptr}/content/{ctype.replace('/', '~1')}/schema", value):
                        problems.append(f"{where} {code} {label}: {msg}")
    try:
        ext = auth_extension(spec)
    except SpecError as exc:
        problems.append(f"components/securitySchemes: {exc}")
    else:
        for key in REQUIRED_AUTH_KEYS:
            if key not in ext:
                problems.append(f"x-bce-auth: missing {key}")
        for kind in AUTH_ERROR_KINDS:
            entry = (ext.get("errors") or {}).get(kind)
            if not isinstance(entry, dict) or not {"status", "code"} <= set(entry):
                problems.append(f"x-bce-auth.errors: {kind} needs status and code")
    return problems


def validate_file(path: Path | str) -> list[str]:
    """All problems with the spec at ``path`` (empty when it is valid)."""
    spec = load_spec(path)
    problems = openapi_problems(spec)
    if problems:  # project rules assume a structurally valid document
        return problems
    return project_problems(spec)
