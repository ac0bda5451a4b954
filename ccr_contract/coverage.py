"""The coverage table: for every operation of the API (110 actions), where it stands.

Columns, each computed from the code rather than kept by hand:

* **spec** — an operation of ``spec/ccr.openapi.yaml`` serves the action (``x-bce-api-actions``
  for Enterprise actions, the operation id for the Personal Edition);
* **server** — the reference server's engine has a handler for it (from ``x-bce-resources``);
* **suite** — the conformance suite plans at least one check on it;
* **client** — the generated client has its module (``ccr_client/api/<tag>/<operation>.py``);
* **typescript** — the generated TypeScript client (``generated-ts/src/schema.ts``, openapi-typescript's
  output) types a method of a path as the operation, so ``createCcrClient(...).<METHOD>(path)`` calls it;
* **docs** — the docs site lists it (every tagged operation gets a row and a reference anchor).

``ccr-contract coverage`` writes it as Markdown (``COVERAGE.md``, also a docs page) and
``--check`` fails when the committed table is stale.
"""

from __future__ import annotations

import importlib.util
import re
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ccr_contract.spec import Operation, operations

COLUMNS = ("spec", "server", "suite", "client", "typescript", "docs")
#: How openapi-typescript types a method of a path: ``get: operations["listRegistries"];``.
_TS_OPERATION = re.compile(r'^\s+(?:get|put|post|delete|patch|head|options|trace): operations\["([^"]+)"\];$', re.M)


@dataclass(frozen=True)
class Row:
    action: str
    edition: str
    group: str
    operation_id: str
    method: str
    path: str
    marks: dict[str, bool]


def _snake(name: str) -> str:
    """openapi-python-client's module name for an operation id or tag."""
    name = re.sub(r"[^A-Za-z0-9]+", "_", name)
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    return name.lower().strip("_")


def served_operations(spec: dict[str, Any]) -> set[str]:
    """Operation ids the reference server answers (built exactly as ``ccr-contract mock`` builds them)."""
    from ccr_contract.server.engine import behaviours
    from ccr_contract.server.engine.crud import Engine
    from ccr_contract.server.engine.items import ItemStore

    conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    engine = Engine(spec, ItemStore(conn, threading.RLock()), behaviours.REGISTRY)
    return set(engine.handlers)


def suite_operations(spec: dict[str, Any]) -> set[str]:
    """Operation ids the conformance suite plans checks on."""
    from ccr_contract.plan import planned_operations

    return set(planned_operations(spec))


def client_package() -> Path:
    """The generated client package: the checkout's ``generated/ccr_client``, else an installed ``ccr_client``.

    When neither exists the checkout's path is returned anyway, and the client column says "no" throughout.
    """
    from ccr_contract import paths

    checkout = paths.GENERATED_DIR / "ccr_client"
    if checkout.is_dir():
        return checkout
    try:
        found = importlib.util.find_spec("ccr_client")
    except (ImportError, ValueError):
        found = None
    if found is not None and found.submodule_search_locations:
        return Path(next(iter(found.submodule_search_locations)))
    return checkout


def client_operations(spec: dict[str, Any], package: Path) -> set[str]:
    found = set()
    for op in operations(spec):
        tags = op.definition.get("tags") or ["default"]
        if (package / "api" / _snake(tags[0]) / f"{_snake(op.operation_id)}.py").is_file():
            found.add(op.operation_id)
    return found


def ts_schema() -> Path:
    """The TypeScript client's types (``generated-ts/src/schema.ts`` of the checkout; absent in a wheel,
    where the typescript column says "no" throughout)."""
    from ccr_contract.paths import REPO_ROOT

    return REPO_ROOT / "generated-ts" / "src" / "schema.ts"


def ts_operations(spec: dict[str, Any], schema: Path) -> set[str]:
    """Operation ids the TypeScript client can call (typed under ``paths`` in its schema)."""
    if not schema.is_file():
        return set()
    typed = set(_TS_OPERATION.findall(schema.read_text(encoding="utf-8")))
    return {op.operation_id for op in operations(spec) if op.operation_id in typed}


def docs_operations(spec: dict[str, Any]) -> set[str]:
    from ccr_contract.docs.operations import operation_rows

    return {row.operation_id for row in operation_rows(spec) if row.route}


def table(spec: dict[str, Any], client_package: Path, ts_schema_path: Path | None = None) -> list[Row]:
    """One row per action, Personal Edition first, then Enterprise in document order."""
    columns = {
        "spec": {op.operation_id for op in operations(spec)},
        "server": served_operations(spec),
        "suite": suite_operations(spec),
        "client": client_operations(spec, client_package),
        "typescript": ts_operations(spec, ts_schema_path or ts_schema()),
        "docs": docs_operations(spec),
    }
    rows = []
    for op in operations(spec):
        for action in _actions(op):
            marks = {name: op.operation_id in ids for name, ids in columns.items()}
            edition = "Enterprise" if op.operation_id[0].isupper() else "Personal"
            group = (op.definition.get("tags") or ["-"])[0]
            rows.append(Row(action, edition, group, op.operation_id, op.method, op.path, marks))
    return rows


def _actions(op: Operation) -> list[str]:
    return list(op.definition.get("x-bce-api-actions") or [op.operation_id])


def markdown(rows: list[Row]) -> str:
    totals = {c: sum(r.marks[c] for r in rows) for c in COLUMNS}
    out = [
        "# Coverage",
        "",
        "<!-- GENERATED by `ccr-contract coverage` from the spec, the server, the suite, the clients and the docs.",
        "     Do not edit: `scripts/test.sh` fails when this file is stale. -->",
        "",
        f"{len(rows)} operations (Baidu actions; the Personal Edition's by operation id). "
        + ", ".join(f"{c}: {totals[c]}/{len(rows)}" for c in COLUMNS)
        + ".",
        "",
        "| action | edition | group | operation | " + " | ".join(COLUMNS) + " |",
        "|---|---|---|---|" + "---|" * len(COLUMNS),
    ]
    for r in rows:
        op = r.operation_id if r.operation_id == r.action else f"{r.operation_id} (shared route)"
        cells = " | ".join("yes" if r.marks[c] else "**no**" for c in COLUMNS)
        out.append(f"| {r.action} | {r.edition} | {r.group} | `{r.method} {r.path}` {op} | {cells} |")
    return "\n".join(out) + "\n"
