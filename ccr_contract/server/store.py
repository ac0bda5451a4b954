"""State of the reference server in SQLite (stdlib ``sqlite3``): in memory by default, a file with ``db_path``.

Why SQLite even in memory: one implementation of filtering, paging, uniqueness and transactions
for both modes.  With a file the database runs in WAL mode with ``synchronous=FULL`` and every
write is one ``BEGIN IMMEDIATE`` transaction committed before the HTTP answer is sent.

What the tests prove, and what not: tests/test_server_persistence.py ``kill -9``s a server in the
middle of writes and finds every acknowledged write, and an intact file, after a restart.  A
killed *process* leaves the operating system's page cache alive, so that proves
commit-before-acknowledge and crash consistency of the process, not that data reached the disk;
surviving a power loss rests on ``synchronous=FULL`` (an fsync per commit), which no test here
exercises.

One connection serves every thread, guarded by a lock, which keeps ids unique and totals exact
under concurrency without relying on SQLite's own busy handling (tests/test_server_hardening.py
writes from 8 threads directly; without the lock the transactions collide).  The app runs a file
database's calls on one worker thread, so its fsyncs never block the event loop.
The file holds registry passwords, so it is created readable by its owner only.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from ccr_contract.server.lifecycle import IN_PROGRESS, STOPPED, Lifecycle, outcome_for

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS registries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    url TEXT NOT NULL,
    access_key TEXT NOT NULL,
    access_secret TEXT NOT NULL,
    insecure INTEGER NOT NULL,
    status TEXT,
    created INTEGER NOT NULL,
    updated INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS policies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    description TEXT,
    src_registry_id INTEGER NOT NULL REFERENCES registries(id),
    dest_project TEXT NOT NULL,
    override INTEGER NOT NULL,
    trigger_type TEXT NOT NULL,
    filters TEXT NOT NULL,
    execution_times INTEGER NOT NULL DEFAULT 0,
    created INTEGER NOT NULL,
    updated INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS executions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    policy_id INTEGER NOT NULL REFERENCES policies(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    outcome TEXT NOT NULL,
    trigger_type TEXT NOT NULL,
    started REAL NOT NULL,
    deadline REAL NOT NULL,
    ended REAL
);
CREATE INDEX IF NOT EXISTS executions_by_policy ON executions(policy_id, id);
CREATE INDEX IF NOT EXISTS executions_running ON executions(status, deadline);
"""


class StoreError(Exception):
    """A request the state does not allow; the app maps the subclass to an HTTP status."""


class Missing(StoreError):
    """The named resource does not exist (404)."""


class Conflict(StoreError):
    """The request conflicts with the current state (409)."""


class StoreOpenError(Exception):
    """The database file cannot be opened or is not a ccr-contract database."""


Row = dict[str, Any]


def _create_private(path: str) -> None:
    """Create an empty file only the owner can read, unless it already exists."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


class Store:
    """Registries, policies and executions, with the CCR rules that need the data to check."""

    def __init__(
        self, db_path: str | None = None, *, lifecycle: Lifecycle | None = None, clock: Callable[[], float] = time.time
    ) -> None:
        self.lifecycle = lifecycle or Lifecycle()
        self._clock = clock
        self._lock = threading.RLock()
        self.path = db_path
        try:
            if db_path:
                _create_private(db_path)
            self._conn = sqlite3.connect(db_path or ":memory:", check_same_thread=False, isolation_level=None)
            self._conn.row_factory = sqlite3.Row
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA_VERSION):
                raise StoreOpenError(f"{db_path} has schema version {version}; this server reads {SCHEMA_VERSION}")
            if db_path:
                mode = self._conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    raise StoreOpenError(f"{db_path}: cannot switch to WAL journal mode")
                self._conn.execute("PRAGMA synchronous=FULL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._conn.executescript(_SCHEMA)
            self._conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except (sqlite3.Error, OSError) as exc:
            raise StoreOpenError(f"cannot open database {db_path}: {exc}") from None

    # ------------------------------------------------------------------ plumbing

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, committed before the caller answers."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self._conn

    def now(self) -> float:
        return self._clock()

    def shared_connection(self) -> tuple[sqlite3.Connection, threading.RLock]:
        """The one connection and its lock, for the Enterprise engine's item store: both editions'
        state live in one database and every write of either is serialised by the same lock."""
        return self._conn, self._lock

    def checkpoint(self) -> None:
        """Fold the WAL into the main file (on shutdown); harmless in memory."""
        if self.path:
            with self._lock:
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    @staticmethod
    def _page(
        conn: sqlite3.Connection,
        *,
        columns: str,
        tables: str,
        where: str,
        order: str,
        args: list[Any],
        offset: int,
        limit: int,
    ) -> tuple[list[Row], int]:
        """One page plus the exact total, both read under the same lock (one consistent state).
        The count has no ORDER BY so SQLite answers it from the index.  Only fixed SQL fragments
        are interpolated; every value is a bound parameter."""
        total = conn.execute(f"SELECT COUNT(*) FROM {tables} WHERE {where}", args).fetchone()[0]
        page = conn.execute(
            f"SELECT {columns} FROM {tables} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?", [*args, limit, offset]
        )
        return [dict(r) for r in page.fetchall()], int(total)

    # ------------------------------------------------------------------ registries

    def create_registry(self, fields: Row) -> int:
        now = int(self.now())
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO registries (type, name, description, url, access_key, access_secret, insecure,"
                " status, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
                [*_registry_values(fields), now, now],
            )
            return int(cur.lastrowid or 0)

    def update_registry(self, registry_id: int, fields: Row) -> None:
        """Replace a registry; its health status is reset because URL or credential may have changed."""
        with self._write() as conn:
            cur = conn.execute(
                "UPDATE registries SET type=?, name=?, description=?, url=?, access_key=?, access_secret=?,"
                " insecure=?, status=NULL, updated=? WHERE id=?",
                [*_registry_values(fields), int(self.now()), registry_id],
            )
            if cur.rowcount == 0:
                raise Missing(f"registry {registry_id} does not exist")

    def delete_registry(self, registry_id: int) -> None:
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM registries WHERE id=?", [registry_id]).fetchone() is None:
                raise Missing(f"registry {registry_id} does not exist")
            user = conn.execute("SELECT id FROM policies WHERE src_registry_id=? LIMIT 1", [registry_id]).fetchone()
            if user is not None:
                raise Conflict(f"registry {registry_id} is the source of policy {user[0]}; delete the policy first")
            conn.execute("DELETE FROM registries WHERE id=?", [registry_id])

    def get_registry(self, registry_id: int) -> Row:
        with self._read() as conn:
            row = conn.execute("SELECT * FROM registries WHERE id=?", [registry_id]).fetchone()
        if row is None:
            raise Missing(f"registry {registry_id} does not exist")
        return dict(row)

    def set_registry_status(self, status: str, *, as_of: Row) -> bool:
        """Record a health-check result (``normal``/``abnormal``) for the registry as it was probed
        (``as_of``: the row read before the probe).  Written only while that row is unchanged, so a
        probe of an old URL or credential never overwrites an update made during the probe (which
        reset the status); a registry deleted meanwhile is ignored.  True when recorded."""
        with self._write() as conn:
            cur = conn.execute(
                "UPDATE registries SET status=? WHERE id=? AND updated=? AND type=? AND name=? AND description IS ?"
                " AND url=? AND access_key=? AND access_secret=? AND insecure=?",
                [status, *(as_of[c] for c in _REGISTRY_IDENTITY)],
            )
            return cur.rowcount == 1

    def list_registries(
        self, *, keyword: str | None, registry_type: str | None, offset: int, limit: int
    ) -> tuple[list[Row], int]:
        where = "1=1"
        args: list[Any] = []
        if keyword:
            where += " AND instr(t.name, ?) > 0"
            args.append(keyword)
        if registry_type:
            where += " AND t.type=?"
            args.append(registry_type)
        with self._read() as conn:
            return self._page(
                conn,
                columns="t.*",
                tables="registries t",
                where=where,
                order="t.id",
                args=args,
                offset=offset,
                limit=limit,
            )

    # ------------------------------------------------------------------ policies

    def _check_policy(self, conn: sqlite3.Connection, fields: Row, policy_id: int | None) -> None:
        registry_id = int(fields["srcRegistry"]["id"])
        if conn.execute("SELECT 1 FROM registries WHERE id=?", [registry_id]).fetchone() is None:
            raise Missing(f"source registry {registry_id} does not exist")
        same = conn.execute("SELECT id FROM policies WHERE name=?", [fields["name"]]).fetchone()
        if same is not None and same[0] != policy_id:
            raise Conflict(f"a policy named {fields['name']!r} already exists (id {same[0]})")

    def create_policy(self, fields: Row) -> int:
        now = int(self.now())
        with self._write() as conn:
            self._check_policy(conn, fields, None)
            cur = conn.execute(
                "INSERT INTO policies (name, description, src_registry_id, dest_project, override, trigger_type,"
                " filters, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [*_policy_values(fields), now, now],
            )
            return int(cur.lastrowid or 0)

    def update_policy(self, policy_id: int, fields: Row) -> None:
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM policies WHERE id=?", [policy_id]).fetchone() is None:
                raise Missing(f"policy {policy_id} does not exist")
            self._check_policy(conn, fields, policy_id)
            conn.execute(
                "UPDATE policies SET name=?, description=?, src_registry_id=?, dest_project=?, override=?,"
                " trigger_type=?, filters=?, updated=? WHERE id=?",
                [*_policy_values(fields), int(self.now()), policy_id],
            )

    def delete_policy(self, policy_id: int) -> None:
        """Delete a policy and its executions; refused while one of them is still running."""
        with self._write() as conn:
            self._finish_due(conn)
            if conn.execute("SELECT 1 FROM policies WHERE id=?", [policy_id]).fetchone() is None:
                raise Missing(f"policy {policy_id} does not exist")
            running = conn.execute(
                "SELECT id FROM executions WHERE policy_id=? AND status=? LIMIT 1", [policy_id, IN_PROGRESS]
            ).fetchone()
            if running is not None:
                raise Conflict(f"policy {policy_id} has execution {running[0]} in progress; stop it first")
            conn.execute("DELETE FROM policies WHERE id=?", [policy_id])

    def list_policies(self, *, offset: int, limit: int) -> tuple[list[Row], int]:
        with self._read() as conn:
            return self._page(
                conn,
                columns="t.*, r.name AS src_registry_name",
                tables="policies t LEFT JOIN registries r ON r.id = t.src_registry_id",
                where="1=1",
                order="t.name, t.id",
                args=[],
                offset=offset,
                limit=limit,
            )

    # ------------------------------------------------------------------ executions

    def start_policy(self, policy_id: int) -> int:
        """Create an ``InProgress`` execution whose outcome follows the source registry's health."""
        start = self.now()
        with self._write() as conn:
            policy = conn.execute(
                "SELECT p.trigger_type, r.status FROM policies p LEFT JOIN registries r ON r.id = p.src_registry_id"
                " WHERE p.id=?",
                [policy_id],
            ).fetchone()
            if policy is None:
                raise Missing(f"policy {policy_id} does not exist")
            cur = conn.execute(
                "INSERT INTO executions (policy_id, status, outcome, trigger_type, started, deadline)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [policy_id, IN_PROGRESS, outcome_for(policy[1]), policy[0], start, self.lifecycle.deadline(start)],
            )
            conn.execute("UPDATE policies SET execution_times = execution_times + 1 WHERE id=?", [policy_id])
            return int(cur.lastrowid or 0)

    def _finish_due(self, conn: sqlite3.Connection) -> None:
        """Apply the lifecycle: every execution past its deadline takes its outcome."""
        conn.execute(
            "UPDATE executions SET status=outcome, ended=deadline WHERE status=? AND deadline<=?",
            [IN_PROGRESS, self.now()],
        )

    def list_executions(self, *, policy_id: int, offset: int, limit: int) -> tuple[list[Row], int]:
        """Executions of one policy, newest first."""
        with self._write() as conn:
            self._finish_due(conn)
            if conn.execute("SELECT 1 FROM policies WHERE id=?", [policy_id]).fetchone() is None:
                raise Missing(f"policy {policy_id} does not exist")
            return self._page(
                conn,
                columns="t.*",
                tables="executions t",
                where="t.policy_id=?",
                order="t.id DESC",
                args=[policy_id],
                offset=offset,
                limit=limit,
            )

    def stop_execution(self, execution_id: int) -> None:
        with self._write() as conn:
            self._finish_due(conn)
            row = conn.execute("SELECT status FROM executions WHERE id=?", [execution_id]).fetchone()
            if row is None:
                raise Missing(f"execution {execution_id} does not exist")
            if row[0] != IN_PROGRESS:
                raise Conflict(f"execution {execution_id} has already finished ({row[0]})")
            conn.execute("UPDATE executions SET status=?, ended=? WHERE id=?", [STOPPED, self.now(), execution_id])


#: The columns that must still match for a health-check result to be recorded (in the SQL's order).
_REGISTRY_IDENTITY = ("id", "updated", "type", "name", "description", "url", "access_key", "access_secret", "insecure")


def _registry_values(fields: Row) -> list[Any]:
    cred = fields["credential"]
    return [
        fields["type"],
        fields["name"],
        fields.get("description"),
        fields["url"],
        cred["accessKey"],
        cred["accessSecret"],
        int(bool(fields.get("insecure", False))),
    ]


def _policy_values(fields: Row) -> list[Any]:
    return [
        fields["name"],
        fields.get("description"),
        int(fields["srcRegistry"]["id"]),
        fields["destProjectName"],
        int(bool(fields["override"])),
        fields["trigger"]["type"],
        json.dumps(fields["filters"], ensure_ascii=False),
    ]
