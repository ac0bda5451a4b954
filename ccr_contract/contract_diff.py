"""The contract report: what changed in the spec since the committed client, and what breaks callers.

``ccr-contract generate`` prints it after regenerating. The committed client was generated from
the spec committed beside it (CI runs ``generate --check``), so the base is
``git show HEAD:spec/ccr.openapi.yaml`` unless a base file is given. Operations are matched by
``operationId`` (it names the generated function, so a rename is a removal plus an addition for
callers). Each change is rated by ``redocly diff`` (the pinned @redocly/cli, an existing, maintained
breaking-change checker; "major" means breaking); without Node the report still lists
added/removed/changed operations and flags removals as breaking.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ccr_contract import redocly
from ccr_contract.codegen import CodegenError, first_lines
from ccr_contract.paths import REPO_ROOT
from ccr_contract.spec import SpecError, load_spec, operations, resolve_ref

#: The spec the committed client was generated from, relative to the repository.
COMMITTED_SPEC = "spec/ccr.openapi.yaml"
REDOCLY_TIMEOUT = 60.0


@dataclass(frozen=True)
class Rating:
    """One change rated by ``redocly diff``; impact ``major`` breaks existing callers."""

    impact: str  # "major" | "minor" | "patch"
    rule: str
    message: str

    @property
    def breaking(self) -> bool:
        return self.impact == "major"


@dataclass
class OperationChange:
    """An operation that differs between the base spec and the current one."""

    operation_id: str
    method: str
    path: str
    kind: str  # "added" | "removed" | "changed"
    where: list[str] = field(default_factory=list)  # locations inside the operation that differ
    ratings: list[Rating] = field(default_factory=list)

    @property
    def breaking(self) -> bool:
        return self.kind == "removed" or any(r.breaking for r in self.ratings)


@dataclass
class ContractReport:
    """What changed in the contract between two specs."""

    base_label: str
    current_label: str
    operations: list[OperationChange]
    other: list[Rating] = field(default_factory=list)  # rated changes outside any operation
    rated_by: str | None = None  # e.g. "redocly diff (@redocly/cli 2.77.0)"; None when unrated
    note: str | None = None

    @property
    def breaking(self) -> list[str]:
        """One line per change that breaks existing callers."""
        found: list[str] = []
        for op in self.operations:
            if op.kind == "removed":
                found.append(f"{op.operation_id}: operation removed ({op.method} {op.path})")
            found.extend(f"{op.operation_id}: {r.message} ({r.rule})" for r in op.ratings if r.breaking)
        found.extend(f"{r.message} ({r.rule})" for r in self.other if r.breaking)
        return found

    def lines(self) -> list[str]:
        """The report as printed by ``ccr-contract generate``."""
        out = [f"Contract changes {self.base_label} -> {self.current_label}:"]
        if not self.operations and not self.other:
            out.append("  no operation changed")
        marks = {"added": "+", "removed": "-", "changed": "~"}
        for op in self.operations:
            flag = "  BREAKING" if op.breaking else ""
            out.append(f"  {marks[op.kind]} {op.operation_id} ({op.method} {op.path}) {op.kind}{flag}")
            if op.ratings:  # breaking first, then minor, then patch (stable within each)
                ranked = sorted(op.ratings, key=lambda r: _IMPACT_ORDER.get(r.impact, len(_IMPACT_ORDER)))
                out.extend(f"      {_impact_label(r)} {r.message} ({r.rule})" for r in ranked)
            elif op.kind == "changed":
                out.extend(f"      at {w}" for w in op.where)
        out.extend(f"  * {_impact_label(r)} {r.message} ({r.rule})" for r in self.other)
        count = len(self.breaking)
        rated = f"rated by {self.rated_by}" if self.rated_by else "only removals rated: redocly not available"
        out.append(f"Breaking changes for existing callers: {count} ({rated})")
        if self.note:
            out.append(f"Note: {self.note}")
        return out


_IMPACT_ORDER = {"major": 0, "minor": 1, "patch": 2}


def _impact_label(rating: Rating) -> str:
    return "BREAKING" if rating.breaking else f"{rating.impact}:"


def committed_spec_text(rel_path: str = COMMITTED_SPEC, repo: Path = REPO_ROOT) -> str | None:
    """The spec as committed at ``HEAD`` (what the committed client was generated from), if any."""
    try:
        proc = subprocess.run(
            ["git", "-C", str(repo), "show", f"HEAD:{rel_path}"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.stdout if proc.returncode == 0 else None


def deref(spec: dict[str, Any], node: Any, _stack: tuple[str, ...] = ()) -> Any:
    """``node`` with every local ``$ref`` replaced by its target (recursion left as a ``$ref``)."""
    if isinstance(node, dict):
        if "$ref" in node and isinstance(node["$ref"], str):
            ref = node["$ref"]
            if ref in _stack:
                return {"$ref": ref}
            target = resolve_ref(spec, {"$ref": ref})
            return deref(spec, target, (*_stack, ref))
        return {key: deref(spec, value, _stack) for key, value in node.items()}
    if isinstance(node, list):
        return [deref(spec, item, _stack) for item in node]
    return node


def _differences(old: Any, new: Any, where: str = "") -> Iterator[str]:
    """JSON-pointer-like locations where two documents differ."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new), key=str):
            sub = f"{where}/{str(key).replace('~', '~0').replace('/', '~1')}"
            if key not in old:
                yield f"{sub} (added)"
            elif key not in new:
                yield f"{sub} (removed)"
            else:
                yield from _differences(old[key], new[key], sub)
    elif old != new:
        yield where or "/"


def operation_index(spec: dict[str, Any]) -> dict[str, tuple[str, str, Any]]:
    """operationId -> (METHOD, path, fully dereferenced definition)."""
    return {op.operation_id: (op.method, op.path, deref(spec, op.definition)) for op in operations(spec)}


def operation_changes(base: dict[str, Any], current: dict[str, Any], max_locations: int = 5) -> list[OperationChange]:
    """Operations added, removed or changed (any difference, ``$ref`` targets included), by operationId."""
    old, new = operation_index(base), operation_index(current)
    changes: list[OperationChange] = []
    for op_id in sorted(set(old) | set(new)):
        if op_id not in old:
            method, path, _ = new[op_id]
            changes.append(OperationChange(op_id, method, path, "added"))
        elif op_id not in new:
            method, path, _ = old[op_id]
            changes.append(OperationChange(op_id, method, path, "removed"))
        else:
            (m0, p0, d0), (m1, p1, d1) = old[op_id], new[op_id]
            where = [] if (m0, p0) == (m1, p1) else [f"moved from {m0} {p0}"]
            where += list(_differences(d0, d1))
            if where:
                extra = len(where) - max_locations
                where = where[:max_locations] + ([f"... and {extra} more"] if extra > 0 else [])
                changes.append(OperationChange(op_id, m1, p1, "changed", where))
    return changes


def _unescape(segment: str) -> str:
    return segment.replace("~1", "/").replace("~0", "~")


def _component_refs(spec: dict[str, Any], node: Any, seen: set[str] | None = None) -> set[str]:
    """Every ``#/components/<kind>/<name>`` reachable from ``node`` through ``$ref``s."""
    seen = set() if seen is None else seen
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/"):
            owner = "/".join(ref.split("/")[:4])
            if owner not in seen:
                seen.add(owner)
                with contextlib.suppress(KeyError, TypeError, SpecError):  # a dangling $ref adds nothing
                    _component_refs(spec, resolve_ref(spec, {"$ref": owner}), seen)
        for value in node.values():
            _component_refs(spec, value, seen)
    elif isinstance(node, list):
        for item in node:
            _component_refs(spec, item, seen)
    return seen


class _OperationLocator:
    """Maps a JSON pointer in one spec to the operationIds it concerns."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.by_route: dict[tuple[str, str], str] = {}
        self.by_path: dict[str, list[str]] = {}
        self.by_component: dict[str, set[str]] = {}
        for op in operations(spec):
            self.by_route[(op.method.lower(), op.path)] = op.operation_id
            self.by_path.setdefault(op.path, []).append(op.operation_id)
            item = spec["paths"][op.path]
            for owner in _component_refs(spec, [op.definition, item.get("parameters", [])]):
                self.by_component.setdefault(owner, set()).add(op.operation_id)

    def operations_at(self, pointer: str) -> list[str]:
        parts = [_unescape(p) for p in pointer.lstrip("#").split("/")[1:]]
        if len(parts) >= 2 and parts[0] == "paths":
            path = parts[1]
            if len(parts) >= 3 and (parts[2], path) in self.by_route:
                return [self.by_route[(parts[2], path)]]
            return list(self.by_path.get(path, []))
        if len(parts) >= 3 and parts[0] == "components":
            return sorted(self.by_component.get(f"#/components/{parts[1]}/{parts[2]}", set()))
        return []


def redocly_executable() -> Path | None:
    """``node_modules/.bin/redocly`` when Node tools are installed (``npm ci``), else None."""
    return redocly.executable()


def redocly_diff(base_file: Path, current_file: Path) -> dict[str, Any]:
    """Run ``redocly diff --format json`` and return its report (changes with semver impacts)."""
    exe = redocly_executable()
    if exe is None:
        raise CodegenError("redocly is not installed (run npm ci)")
    cmd = [str(exe), "diff", str(base_file), str(current_file), "--format", "json", "--fail-on", "none"]
    cmd += ["--lint-config", "off"]
    try:
        # cwd has no redocly.yaml: the rating does not depend on lint settings
        proc = redocly.run(cmd, cwd=base_file.parent, timeout=REDOCLY_TIMEOUT)
    except redocly.RedoclyError as exc:
        raise CodegenError(str(exc)) from None
    try:
        report = json.loads(proc.stdout)
    except ValueError:
        raise CodegenError(f"redocly diff failed: {first_lines(proc.stderr or proc.stdout)}") from None
    if not isinstance(report, dict) or not isinstance(report.get("changes"), list):
        raise CodegenError("redocly diff returned an unexpected report")
    return report


def _attach_ratings(
    changes: list[OperationChange], redocly: dict[str, Any], base: dict[str, Any], current: dict[str, Any]
) -> list[Rating]:
    """Attach redocly's verdicts to the operations they concern; return the ones outside operations.

    redocly reports a change in a shared component once, at one place that uses it; the verdict's
    location names the component, so it is attached to every operation that references it.
    """
    files = redocly.get("files", {})
    locators = {files.get("base"): _OperationLocator(base), files.get("revision"): _OperationLocator(current)}
    by_id = {c.operation_id: c for c in changes}
    other: list[Rating] = []

    def attach(op_ids: list[str], rating: Rating, default_kind: str) -> None:
        if not op_ids:
            if rating not in other:
                other.append(rating)
            return
        for op_id in op_ids:
            op = by_id.get(op_id)
            if op is not None and op.kind in {"added", "removed"}:
                continue  # the addition or removal says it all
            if op is None:  # rated but our comparison saw no difference: record it anyway
                op = OperationChange(op_id, "", "", default_kind)
                _fill_route(op, base, current)
                by_id[op_id] = op
                changes.append(op)
            if rating not in op.ratings:
                op.ratings.append(rating)

    for change in redocly["changes"]:
        verdicts = change.get("verdicts") or []
        if not verdicts:
            if change.get("kind") in {"added", "removed"} and change.get("typeName") in {"PathItem", "Operation"}:
                continue  # an operation added or removed is already listed as such
            location = change.get("revision") or change.get("base") or {}
            # Name the place by where it is defined (a shared component is reported once, at one
            # use; its definition reads the same for every operation that uses it).
            where = _within_operation(str(location.get("pointer") or change.get("path", "")))
            type_name, kind = change.get("typeName", "node"), change.get("kind", "modified")
            verdicts = [
                {
                    "impact": change.get("impact", "patch"),
                    "ruleId": f"{str(type_name).lower()}-{kind}",
                    "message": f"{type_name} {kind} at {where}",
                    "location": location,
                }
            ]
        for verdict in verdicts:
            rating = Rating(
                str(verdict.get("impact", "patch")), str(verdict.get("ruleId", "?")), verdict.get("message", "")
            )
            location = verdict.get("location") or {}
            locator = locators.get(location.get("file")) or locators[files.get("revision")]
            op_ids = locator.operations_at(str(location.get("pointer", "")))
            if not op_ids:  # fall back to where redocly saw the change
                op_ids = locators[files.get("revision")].operations_at(str(change.get("path", "")))
                op_ids = op_ids or locators[files.get("base")].operations_at(str(change.get("path", "")))
            attach(op_ids, rating, "changed")
    changes.sort(key=lambda c: c.operation_id)
    return other


def _within_operation(pointer: str) -> str:
    """``#/paths/~1a/get/parameters/2`` -> ``parameters/2`` (readable inside an operation's entry)."""
    parts = [_unescape(p) for p in pointer.lstrip("#").split("/")[1:]]
    if len(parts) > 3 and parts[0] == "paths":
        return "/".join(parts[3:])
    return "/".join(parts) or "/"


def _fill_route(op: OperationChange, base: dict[str, Any], current: dict[str, Any]) -> None:
    for spec in (current, base):
        for candidate in operations(spec):
            if candidate.operation_id == op.operation_id:
                op.method, op.path = candidate.method, candidate.path
                return


def contract_report(
    base_text: str,
    current_path: Path | str,
    *,
    base_label: str = f"HEAD:{COMMITTED_SPEC}",
    current_label: str | None = None,
    use_redocly: bool = True,
) -> ContractReport:
    """Compare the base spec (text) with the current spec file: operations and breaking changes."""
    current_path = Path(current_path)
    try:
        base = yaml.safe_load(base_text)
    except yaml.YAMLError:
        raise CodegenError(f"the base spec ({base_label}) is not valid YAML") from None
    if not isinstance(base, dict) or "paths" not in base:
        raise CodegenError(f"the base spec ({base_label}) is not an OpenAPI document")
    try:
        current = load_spec(current_path)
    except SpecError as exc:
        raise CodegenError(str(exc)) from None
    try:
        changes = operation_changes(base, current)
    except (KeyError, TypeError, AttributeError, SpecError) as exc:
        raise CodegenError(f"cannot compare {base_label} with {current_path}: unresolvable part {exc}") from None
    report = ContractReport(base_label, current_label or str(current_path), changes)
    if use_redocly and redocly_executable() is not None:
        try:
            with tempfile.TemporaryDirectory(prefix="ccr-contract-diff-") as tmp:
                base_file = Path(tmp) / "base.openapi.yaml"
                current_file = Path(tmp) / "current.openapi.yaml"
                base_file.write_text(base_text, encoding="utf-8")
                shutil.copyfile(current_path, current_file)
                rated = redocly_diff(base_file, current_file)
            report.other = _attach_ratings(report.operations, rated, base, current)
            report.rated_by = f"redocly diff ({redocly.version()})"
        except CodegenError as exc:  # the listing stands without the rating
            report.note = f"{exc}; only removals were rated"
    elif use_redocly:
        report.note = "install the Node tools (npm ci) to rate each change with redocly diff"
    return report
