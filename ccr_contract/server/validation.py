"""Request validation read from the spec: parameters and bodies are checked against the very
schemas in ``spec/ccr.openapi.yaml`` (through :class:`ccr_contract.schemas.SpecSchemas`), so the
server cannot drift from the contract.

What is hand-written here is only the HTTP-to-JSON step the schemas cannot express: turning a
query or path string into the integer/boolean the parameter's schema expects, applying schema
defaults, and parsing the JSON body.  Messages always name the field and never echo a secret.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jsonschema.exceptions import ValidationError, best_match

from ccr_contract.schemas import SpecSchemas, pointer
from ccr_contract.server.errors import bad_request, malformed_json, shorten
from ccr_contract.signing import parse_query
from ccr_contract.spec import Operation, resolve_ref, write_only_fields

#: Body fields whose values never appear in an error message.
SECRET_FIELDS = write_only_fields()  # the spec's writeOnly properties: never echoed in messages
#: Validators whose jsonschema message names properties but never prints the instance.
_NAMING_VALIDATORS = frozenset(
    {"required", "additionalProperties", "minProperties", "maxProperties", "minItems", "maxItems", "uniqueItems"}
)
_INTEGER = re.compile(r"-?[0-9]{1,30}")
#: Bodies larger than this are refused before parsing (the largest valid body is a few KiB).
MAX_BODY_BYTES = 1 << 20
#: Deepest array/object nesting a body may have; the spec's deepest valid body nests 3 levels.
MAX_JSON_DEPTH = 64
#: A JSON media type: ``application/json`` or a structured-syntax ``application/*+json`` (RFC 6839).
_JSON_MEDIA_TYPE = re.compile(r"application/(?:[!#$&^_.+\-0-9a-z]+\+)?json")


@dataclass(frozen=True)
class ParamRule:
    """One declared parameter: where it is, its JSON type, default, and its schema's pointer."""

    name: str
    location: str
    required: bool
    json_type: str
    default: Any
    schema_pointer: str


@dataclass(frozen=True)
class OperationRules:
    params: tuple[ParamRule, ...]
    body_pointer: str | None
    body_required: bool


def _json_type(spec: dict[str, Any], schema: Any) -> str:
    node = resolve_ref(spec, schema)
    kind = node.get("type", "string") if isinstance(node, dict) else "string"
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "string")
    return str(kind)


def _rules_for(spec: dict[str, Any], op: Operation) -> OperationRules:
    """Locate every parameter schema and the JSON body schema of ``op`` inside the document."""
    item = spec["paths"][op.path]
    method = op.method.lower()
    raw_params = [(("paths", op.path, "parameters", str(i)), p) for i, p in enumerate(item.get("parameters", []))]
    raw_params += [
        (("paths", op.path, method, "parameters", str(i)), p) for i, p in enumerate(item[method].get("parameters", []))
    ]
    params = []
    for where, raw in raw_params:
        base = raw["$ref"] if "$ref" in raw else pointer(*where)
        resolved = resolve_ref(spec, raw)
        schema = resolved.get("schema", {})
        params.append(
            ParamRule(
                name=resolved["name"],
                location=resolved["in"],
                required=bool(resolved.get("required", False)),
                json_type=_json_type(spec, schema),
                default=resolve_ref(spec, schema).get("default"),
                schema_pointer=base + "/schema",
            )
        )
    body = item[method].get("requestBody")
    body_pointer = None
    if body is not None:
        base = body["$ref"] if "$ref" in body else pointer("paths", op.path, method, "requestBody")
        if "application/json" in resolve_ref(spec, body).get("content", {}):
            body_pointer = base + "/content/application~1json/schema"
    return OperationRules(tuple(params), body_pointer, bool(body and resolve_ref(spec, body).get("required")))


def safe_message(error: ValidationError, root: str = "body") -> str:
    """``field: problem`` for one schema violation, without printing secrets or whole objects."""
    path = [str(p) for p in error.absolute_path]
    where = ".".join(path) if path else root
    if SECRET_FIELDS.intersection(path):
        return f"{where}: does not satisfy {error.validator} {shorten(repr(error.validator_value), 80)}"
    if isinstance(error.instance, dict | list) and error.validator not in _NAMING_VALIDATORS:
        if error.validator == "type":
            return f"{where}: is not of type {error.validator_value!r}"
        if error.validator in ("oneOf", "anyOf"):
            return f"{where}: does not match any of the allowed forms"
        return f"{where}: does not satisfy {error.validator}"
    return f"{where}: {shorten(error.message)}"


#: Most accepted parameter sets :class:`RequestValidator` keeps (a query is at most ~8 KiB, the
#: request-line limit).
_ACCEPTED_MAX = 1024


class RequestValidator:
    """Checks one operation's path, query and body against the spec; answers typed values."""

    def __init__(self, spec: dict[str, Any], schemas: SpecSchemas, ops: list[Operation]) -> None:
        self._schemas = schemas
        self._rules = {op.operation_id: _rules_for(spec, op) for op in ops}
        # Parameter values repeat endlessly (pageNo=1, pageSize=10, ids): their verdicts are pure, so cache them.
        self._scalar_problems = lru_cache(maxsize=4096)(self._scalar_problems_uncached)
        #: ``(operationId, path values, raw query) -> typed parameters`` of requests that passed:
        #: the result is a pure function of the three, and clients send the same URLs again and
        #: again (pages, polls).  Bounded (emptied when full); refusals are never kept.
        self._accepted: dict[tuple[str, tuple[tuple[str, str], ...], str], dict[str, Any]] = {}

    def _scalar_problems_uncached(self, schema_pointer: str, kind: type, value: Any) -> tuple[str, ...]:
        return tuple(self._schemas.errors(schema_pointer, value))

    def has_body(self, op: Operation) -> bool:
        return self._rules[op.operation_id].body_pointer is not None

    def parameters(self, op: Operation, path_values: dict[str, str], raw_query: str) -> dict[str, Any]:
        """Typed, schema-checked path and query parameters (query defaults filled in); a new dict
        each time (handlers may add to theirs)."""
        key = (op.operation_id, tuple(path_values.items()), raw_query)
        accepted = self._accepted.get(key)
        if accepted is None:
            accepted = self._parameters(op, path_values, raw_query)
            if len(self._accepted) >= _ACCEPTED_MAX:
                self._accepted.clear()
            self._accepted[key] = accepted
        return dict(accepted)

    def _parameters(self, op: Operation, path_values: dict[str, str], raw_query: str) -> dict[str, Any]:
        query = self._query_values(op, raw_query)
        out: dict[str, Any] = {}
        for rule in self._rules[op.operation_id].params:
            if rule.location == "path":
                raw = path_values.get(rule.name)
            elif rule.location == "query":
                raw = query.get(rule.name)
            else:  # header/cookie parameters: none in this API; nothing to check
                continue
            if raw is None:
                if rule.required:
                    raise bad_request(f"{rule.name}: is required")
                if rule.default is not None:
                    out[rule.name] = rule.default
                continue
            value = self._coerce(rule, raw)
            problems = self._scalar_problems(rule.schema_pointer, type(value), value)  # type: keeps True != 1
            if problems:
                raise bad_request(f"{rule.name}: {shorten(problems[0])}")
            out[rule.name] = value
        return out

    def _query_values(self, op: Operation, raw_query: str) -> dict[str, str]:
        """Declared query parameters by name, decoded by the signer's own ``parse_query`` so a
        value means what was signed: ``+`` is a literal plus (the spec's ``plusIsLiteral``)."""
        declared = {r.name for r in self._rules[op.operation_id].params if r.location == "query"}
        values: dict[str, str] = {}
        for raw_key, raw_value in parse_query(raw_query):
            key = raw_key.decode("utf-8", "replace")
            if key not in declared:
                continue  # unknown query parameters are ignored, as BCE services do
            if key in values:
                raise bad_request(f"{key}: is given more than once")
            try:
                values[key] = (raw_value or b"").decode("utf-8")
            except UnicodeDecodeError:
                raise bad_request(f"{key}: is not valid UTF-8") from None
        return values

    @staticmethod
    def _coerce(rule: ParamRule, raw: str) -> Any:
        if rule.json_type == "integer":
            if not _INTEGER.fullmatch(raw):
                raise bad_request(f"{rule.name}: {shorten(raw, 60)!r} is not an integer")
            return int(raw)
        if rule.json_type == "boolean":
            if raw not in ("true", "false"):
                raise bad_request(f"{rule.name}: {shorten(raw, 60)!r} is not true or false")
            return raw == "true"
        if rule.json_type == "number":
            try:
                return float(raw)
            except ValueError:
                raise bad_request(f"{rule.name}: {shorten(raw, 60)!r} is not a number") from None
        return raw

    def body(self, op: Operation, raw: bytes) -> Any:
        """The parsed, schema-checked JSON body (``None`` for an operation without one)."""
        rules = self._rules[op.operation_id]
        if rules.body_pointer is None:
            return None
        if not raw.strip():
            if rules.body_required:
                raise bad_request("body: a JSON request body is required")
            return None
        document = parse_json(raw)
        errors = list(self._schemas.validator(rules.body_pointer).iter_errors(document))
        if errors:
            raise bad_request(safe_message(best_match(errors)))
        return document


def _json_number(text: str) -> int | float:
    """A JSON number with a fraction or exponent: an ``int`` when its value is whole (``1.0``,
    ``1e3``).  JSON Schema counts such a number as an ``integer`` (so a generator from the spec may
    send ``449.0`` for an id), and it names the same item as ``449``: the engine must see 449, not a
    key no item has (issue 19: ``{"items":[1.0]}`` was "rule 1.0 does not exist")."""
    value = float(text)
    return int(value) if value.is_integer() and abs(value) < 2**64 else value


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def check_content_type(content_type: str | None) -> None:
    """A body must be declared JSON when it is declared at all (curl sends none: accepted).
    Parameters such as ``charset=utf-8`` are allowed; bce-python-sdk sends exactly that."""
    if content_type is None:
        return
    media_type = content_type.split(";", 1)[0].strip().lower()
    if not _JSON_MEDIA_TYPE.fullmatch(media_type):
        raise bad_request(f"Content-Type must be application/json, not {shorten(media_type, 60)!r}")


def _structure_problem(document: Any) -> str | None:
    """Why a parsed document is refused (nesting deeper than ``MAX_JSON_DEPTH``, or a string or key
    holding an unpaired UTF-16 surrogate, which no UTF-8 text can carry), or None.  Iterative on
    purpose: a recursive walk is what a deeply nested body would crash."""
    stack: list[tuple[Any, int]] = [(document, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, str):
            if not node.isascii():
                try:
                    node.encode("utf-8")
                except UnicodeEncodeError:
                    return "the request body contains an unpaired UTF-16 surrogate escape"
        elif isinstance(node, dict | list):
            if depth > MAX_JSON_DEPTH:
                return f"the request body is nested too deeply (more than {MAX_JSON_DEPTH} levels)"
            children = [*node.keys(), *node.values()] if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children)
    return None


def parse_json(raw: bytes) -> Any:
    """Strict JSON (UTF-8, no NaN/Infinity, no unpaired ``\\uD800``-style surrogates, at most
    ``MAX_JSON_DEPTH`` levels deep); anything else is ``MalformedJSON``."""
    try:
        document = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant, parse_float=_json_number)
    except UnicodeDecodeError:
        raise malformed_json("the request body is not UTF-8") from None
    except RecursionError:
        raise malformed_json(f"the request body is nested too deeply (more than {MAX_JSON_DEPTH} levels)") from None
    except ValueError as exc:  # JSONDecodeError, huge integers, NaN/Infinity
        raise malformed_json(f"the request body is not valid JSON: {shorten(str(exc), 120)}") from None
    problem = _structure_problem(document)
    if problem is not None:
        raise malformed_json(problem)
    return document
