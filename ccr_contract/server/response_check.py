"""The output-validation stage (``ccr-contract mock --validate-responses``): every answer checked
against what the spec declares for its operation and status, as Prism's "validate output" does.

Why: the conformance suite and Baidu's clients read these answers; an answer the spec does not
describe (an undeclared status, a missing required field, a string where an integer is declared)
is a bug of the server or of the spec, and it should be found where it is made.  What is checked:
the status is one the operation declares; a JSON answer validates against that status's schema
(integers strictly, as requests are validated); an answer declared without content is empty.
Answers that match no operation (no such path, or method) must be the BCE error body.

Problems are described by field path and schema keyword only, never with the values: an answer may
hold a secret (a robot's secret, a temporary password) that must not reach a log.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ccr_contract.schemas import SpecSchemas, pointer
from ccr_contract.spec import Operation, resolve_ref

log = logging.getLogger("ccr_contract.server.responses")

#: Modes of :class:`ResponseValidator`: log each violation, or also answer 500 in its place.
MODES = ("log", "strict")
#: Most violations kept in :attr:`ResponseValidator.violations` (tests read them; a long run must
#: not grow without bound).
MAX_KEPT = 1000
_ERROR_BODY = pointer("components", "schemas", "BceError")
_JSON = "application/json"


@dataclass(frozen=True)
class Expected:
    """What one operation declares for one status: a JSON schema pointer, other media types, or nothing."""

    json_pointer: str | None
    media_types: tuple[str, ...]


@dataclass(frozen=True)
class Violation:
    """One answer the spec does not describe."""

    operation_id: str | None
    status: int
    problem: str

    def __str__(self) -> str:
        return f"{self.operation_id or '(no operation)'} {self.status}: {self.problem}"


def _expected(spec: dict[str, Any], op: Operation) -> dict[str, Expected]:
    out: dict[str, Expected] = {}
    for status, raw in op.definition.get("responses", {}).items():
        base = raw["$ref"] if "$ref" in raw else pointer("paths", op.path, op.method.lower(), "responses", status)
        content = resolve_ref(spec, raw).get("content") or {}
        json_pointer = base + "/content/application~1json/schema" if _JSON in content else None
        out[str(status)] = Expected(json_pointer, tuple(content))
    return out


def describe(error: Any) -> str:
    """``field.path: keyword`` of one schema error, without the instance's value."""
    where = ".".join(str(p) for p in error.absolute_path) or "(body)"
    if error.validator == "required":
        return f"{where}: misses a required property"
    if error.validator == "type":
        return f"{where}: is not of type {error.validator_value!r}"
    if error.validator == "additionalProperties":
        return f"{where}: has a property the schema does not allow"
    return f"{where}: does not satisfy {error.validator}"


class ResponseValidator:
    """Checks answers of one spec's operations; keeps what it found in :attr:`violations`."""

    def __init__(self, spec: dict[str, Any], schemas: SpecSchemas, ops: Iterable[Operation], mode: str = "log") -> None:
        if mode not in MODES:
            raise ValueError(f"validate_responses must be one of {', '.join(MODES)}, not {mode!r}")
        self.mode = mode
        self._schemas = schemas
        self._expected = {op.operation_id: _expected(spec, op) for op in ops}
        self.violations: list[Violation] = []
        self.checked = 0

    def problems(self, op: Operation | None, status: int, content_type: str | None, body: bytes) -> list[str]:
        """Why this answer does not match the spec (empty when it does)."""
        media = (content_type or "").split(";", 1)[0].strip().lower()
        if op is None:
            declared: Expected | None = Expected(_ERROR_BODY, (_JSON,))
        else:
            table = self._expected[op.operation_id]
            declared = table.get(str(status)) or table.get(f"{status // 100}XX") or table.get("default")
            if declared is None:
                return [f"status {status} is not declared for this operation"]
        if not declared.media_types:
            return [] if not body else ["the spec declares no content, the answer has a body"]
        if media not in declared.media_types:
            return [f"content type {media or '(none)'} is not one of {', '.join(declared.media_types)}"]
        if declared.json_pointer is None:
            return []
        try:
            document = json.loads(body)
        except ValueError:
            return ["the answer is not JSON"]
        validator = self._schemas.validator(declared.json_pointer)
        return sorted({describe(e) for e in validator.iter_errors(document)})

    def check(self, op: Operation | None, status: int, content_type: str | None, body: bytes) -> list[Violation]:
        """Check one answer; log and keep each violation."""
        self.checked += 1
        name = op.operation_id if op else None
        found = [Violation(name, status, p) for p in self.problems(op, status, content_type, body)]
        for violation in found:
            log.warning("answer does not match the spec: %s", violation)
            if len(self.violations) < MAX_KEPT:
                self.violations.append(violation)
        return found
