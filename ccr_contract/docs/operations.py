"""The spec's operations as the site presents them: one row each, grouped by edition and API group.

Redoc 3 routes by hash: ``reference.html#/<tag>/<operationId>``, both slugged (lower case, spaces as
hyphens); the tag's *name* is used even when the tag has an ``x-displayName``.  The operation index
links every operation this way; the browser test follows those links, so a change in Redoc's
routing fails a test instead of leaving dead links.

Editions are the spec's ``x-tagGroups`` (in their order); API groups are its tags, shown by their
``x-displayName`` when they have one.  A tag in no group, and operations without a tag, land in a
last group, so no operation is ever left out of the index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ccr_contract.spec import Operation, operations

UNTAGGED = "untagged"


@dataclass(frozen=True)
class OperationRow:
    operation_id: str
    method: str
    path: str
    summary: str
    route: str  # the reference page's fragment, "" when the operation has no tag
    tag: str = UNTAGGED
    #: Baidu's action names this operation serves (``x-bce-api-actions``), when other than its id.
    actions: tuple[str, ...] = ()

    def href(self, reference_file: str) -> str:
        return f"{reference_file}#{self.route}" if self.route else reference_file

    @property
    def anchor(self) -> str:
        """The id of this operation's row in the operation index."""
        return f"op-{self.operation_id}"

    def as_template_row(self, reference_file: str) -> dict[str, Any]:
        return {
            "operation_id": self.operation_id,
            "method": self.method,
            "path": self.path,
            "summary": self.summary,
            "href": self.href(reference_file),
            "anchor": self.anchor,
            "actions": list(self.actions),
        }


@dataclass
class Group:
    """One API group (a tag) and its operations."""

    tag: str
    title: str
    description: str
    rows: list[OperationRow] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"group-{redoc_slug(self.tag)}"


@dataclass
class Edition:
    """One edition (an ``x-tagGroups`` entry) and its groups; ``title`` is "" when the spec has no groups."""

    title: str
    groups: list[Group] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"edition-{redoc_slug(self.title or 'all')}"

    @property
    def count(self) -> int:
        return sum(len(g.rows) for g in self.groups)


def redoc_slug(text: str) -> str:
    """Redoc's slug for a tag or an operationId (the ASCII cases this contract uses)."""
    slug = text.strip().lower().replace("&", "-and-")
    slug = re.sub(r"\s+", "-", slug)
    slug = re.sub(r"[^\w-]", "", slug)
    return re.sub(r"-{2,}", "-", slug).strip("-")


def _row(op: Operation) -> OperationRow:
    tags = op.definition.get("tags") or []
    route = f"/{redoc_slug(tags[0])}/{redoc_slug(op.operation_id)}" if tags else ""
    actions = tuple(str(a) for a in op.definition.get("x-bce-api-actions") or ())
    return OperationRow(
        op.operation_id,
        op.method,
        op.path,
        str(op.definition.get("summary", op.operation_id)),
        route,
        str(tags[0]) if tags else UNTAGGED,
        () if actions == (op.operation_id,) else actions,
    )


def operation_rows(spec: dict[str, Any]) -> list[OperationRow]:
    """Every operation of ``spec``, in document order."""
    return [_row(op) for op in operations(spec)]


def editions(spec: dict[str, Any]) -> list[Edition]:
    """Every operation of ``spec`` by edition (``x-tagGroups``) and group (tag), in the spec's order."""
    tags = {str(t["name"]): t for t in spec.get("tags", []) if isinstance(t, dict) and "name" in t}
    groups: dict[str, Group] = {}

    def group(tag: str) -> Group:
        if tag not in groups:
            info = tags.get(tag, {})
            title = str(info.get("x-displayName") or ("Untagged" if tag == UNTAGGED else tag))
            groups[tag] = Group(tag, title, str(info.get("description") or ""))
        return groups[tag]

    for tag in tags:
        group(tag)
    for row in operation_rows(spec):
        group(row.tag).rows.append(row)
    result: list[Edition] = []
    placed: set[str] = set()
    for entry in spec.get("x-tagGroups") or []:
        if not isinstance(entry, dict):
            continue
        members = [groups[t] for t in entry.get("tags") or [] if t in groups and t not in placed]
        placed.update(g.tag for g in members)
        result.append(Edition(str(entry.get("name", "")), members))
    rest = [g for tag, g in groups.items() if tag not in placed]
    if rest:
        result.append(Edition("Other" if result else "", rest))
    for edition in result:
        edition.groups = [g for g in edition.groups if g.rows]
    return [e for e in result if e.groups]


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
