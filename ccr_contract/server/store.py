"""The reference server's SQLite database (stdlib ``sqlite3``): in memory by default, a file with ``db_path``.

This module opens it (WAL, ``synchronous=FULL``, owner-only file) and hands its one connection and
lock to the engine's item store (:mod:`ccr_contract.server.engine.items`), which holds the state
of both editions.

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

Schema version 2: every collection lives in the engine's ``items`` table.  Version 1 files (the
Personal Edition in tables of its own) are refused, not migrated.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable

SCHEMA_VERSION = 2


class StoreOpenError(Exception):
    """The database file cannot be opened or is not a ccr-contract database."""


def _create_private(path: str) -> None:
    """Create an empty file only the owner can read, unless it already exists."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


class Store:
    """The database connection, its lock and the server's clock."""

    def __init__(self, db_path: str | None = None, *, clock: Callable[[], float] = time.time) -> None:
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
                raise StoreOpenError(
                    f"{db_path} has schema version {version}; this server reads {SCHEMA_VERSION} "
                    "(files of older versions are not migrated: start with a new file)"
                )
            if db_path:
                mode = self._conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    raise StoreOpenError(f"{db_path}: cannot switch to WAL journal mode")
                self._conn.execute("PRAGMA synchronous=FULL")
            self._conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except (sqlite3.Error, OSError) as exc:
            raise StoreOpenError(f"cannot open database {db_path}: {exc}") from None

    def now(self) -> float:
        return self._clock()

    def shared_connection(self) -> tuple[sqlite3.Connection, threading.RLock]:
        """The one connection and its lock, for the engine's item store: every write is serialised
        by this lock."""
        return self._conn, self._lock

    def checkpoint(self) -> None:
        """Fold the WAL into the main file (on shutdown); harmless in memory."""
        if self.path:
            with self._lock:
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
