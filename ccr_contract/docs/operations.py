"""The spec's operations as the site presents them: one row each, and its address in the reference page.

Redoc 3 routes by hash: ``reference.html#/<tag>/<operationId>``, both slugged (lower case, spaces as
hyphens).  The home page links every operation this way; the browser test follows those links, so a
change in Redoc's routing fails a test instead of leaving dead links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ccr_contract.spec import Operation, operations


@dataclass(frozen=True)
class OperationRow:
    operation_id: str
    method: str
    path: str
    summary: str
    route: str  # the reference page's fragment, "" when the operation has no tag

    def href(self, reference_file: str) -> str:
        return f"{reference_file}#{self.route}" if self.route else reference_file

    def as_template_row(self, reference_file: str) -> dict[str, str]:
        return {
            "operation_id": self.operation_id,
            "method": self.method,
            "path": self.path,
            "summary": self.summary,
            "href": self.href(reference_file),
        }


def redoc_slug(text: str) -> str:
    """Redoc's slug for a tag or an operationId (the ASCII cases this contract uses)."""
    slug = text.strip().lower().replace("&", "-and-")
    slug = re.sub(r"\s+", "-", slug)
    slug = re.sub(r"[^\w-]", "", slug)
    return re.sub(r"-{2,}", "-", slug).strip("-")


def _row(op: Operation) -> OperationRow:
    tags = op.definition.get("tags") or []
    route = f"/{redoc_slug(tags[0])}/{redoc_slug(op.operation_id)}" if tags else ""
    return OperationRow(op.operation_id, op.method, op.path, str(op.definition.get("summary", op.operation_id)), route)


def operation_rows(spec: dict[str, Any]) -> list[OperationRow]:
    """Every operation of ``spec``, in document order."""
    return [_row(op) for op in operations(spec)]


def reference_routes(spec: dict[str, Any]) -> set[str]:
    """Fragments the reference page answers: each tag's and each operation's route."""
    routes = {""}
    for row in operation_rows(spec):
        if row.route:
            routes.add(row.route)
            routes.add(row.route.rsplit("/", 1)[0])
    for tag in spec.get("tags", []):
        if isinstance(tag, dict) and "name" in tag:
            routes.add(f"/{redoc_slug(str(tag['name']))}")
    return routes
