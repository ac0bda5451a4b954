"""JSON Schema validation straight from the spec document (no second copy of any schema).

The whole OpenAPI document is registered as one JSON Schema 2020-12 resource, so a validator for
any node (``#/paths/~1v1~1ccr~1registries/post/requestBody/content/application~1json/schema``)
resolves the node's ``$ref``s against the document itself.  The reference server validates
requests with this; ``ccr-contract validate`` validates every example with it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_URI = "urn:ccr-contract:spec"


def pointer(*parts: str) -> str:
    """JSON pointer for ``parts`` (escaping ``~`` and ``/``), e.g. ``pointer('paths', '/v1/x')``."""
    return "#/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def describe(error: ValidationError) -> str:
    """One line naming the field, e.g. ``pageSize: 101 is greater than the maximum of 100``."""
    where = ".".join(str(p) for p in error.absolute_path)
    message = error.message
    if len(message) > 300:
        message = message[:297] + "..."
    return f"{where}: {message}" if where else message


#: OpenAPI's integer formats as ranges: JSON Schema's format checker knows none of them, so a
#: value past int64 (which no server can store) would otherwise pass validation.
_INT_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}
FORMATS = FormatChecker()
for _name, (_low, _high) in _INT_RANGES.items():
    FORMATS.checks(_name)(lambda value, low=_low, high=_high: not isinstance(value, int) or low <= value <= high)


def _is_json_integer(checker: Any, instance: Any) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


#: JSON Schema 2020-12 counts ``1.0`` as an integer (a number with a zero fraction); a server that
#: takes the JSON text ``1.0`` for an id stores or echoes a float where the contract says integer
#: (``{"items":[1.0]}`` answered "rule 1.0 does not exist").  This variant accepts only numbers
#: written without a fraction or exponent (which Python's ``json`` alone parses to ``int``).
StrictIntegerValidator = validators.extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_json_integer),
)


class SpecSchemas:
    """Validators for nodes of one loaded spec, built once and cached.  ``strict_integers``: an
    ``integer`` is a JSON number written as one (:data:`StrictIntegerValidator`), as the reference
    server validates requests and its own answers."""

    def __init__(self, spec: dict[str, Any], *, strict_integers: bool = False) -> None:
        self._spec = spec
        self._validator_class = StrictIntegerValidator if strict_integers else Draft202012Validator
        resource = Resource(contents=spec, specification=DRAFT202012)
        self._registry: Registry = Registry().with_resource(SPEC_URI, resource)
        self._validator = lru_cache(maxsize=256)(self._build)

    def _build(self, node_pointer: str) -> Draft202012Validator:
        return self._validator_class(
            {"$ref": SPEC_URI + node_pointer},
            registry=self._registry,
            format_checker=FORMATS,
        )

    def validator(self, node_pointer: str) -> Draft202012Validator:
        return self._validator(node_pointer)

    def inline(self, schema: Any) -> Any:
        """``schema`` with every local ``$ref`` replaced by its target, so a schema node taken out of
        the document (a parameter's, a body property's) validates on its own.  A reference back into
        a schema already being inlined (a recursive schema) becomes ``{}``: it accepts anything at
        that depth, which is the most a detached copy can say."""
        return _inline(self._spec, schema, ())

    def fits(self, schema: Any, value: Any) -> bool:
        """Whether ``value`` is valid for ``schema``, a node of this spec (its ``$ref``s resolved here,
        so a value is never taken to fit because a reference could not be followed)."""
        validator = Draft202012Validator(self.inline(schema), format_checker=FORMATS)
        return validator.is_valid(value)

    def errors(self, node_pointer: str, instance: Any) -> list[str]:
        """Every problem with ``instance`` against the schema at ``node_pointer``, best first."""
        found = sorted(self.validator(node_pointer).iter_errors(instance), key=lambda e: (len(e.path), e.message))
        return [describe(e) for e in found]


def _inline(spec: dict[str, Any], node: Any, active: tuple[str, ...]) -> Any:
    if isinstance(node, list):
        return [_inline(spec, item, active) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str):
        if ref in active:
            return {}
        from ccr_contract.spec import resolve_ref

        target = _inline(spec, resolve_ref(spec, {"$ref": ref}), (*active, ref))
        siblings = {k: _inline(spec, v, active) for k, v in node.items() if k != "$ref"}
        return {"allOf": [target, siblings]} if siblings else target
    return {key: _inline(spec, value, active) for key, value in node.items()}
