"""Every resource's items in one SQLite table, addressed by kind, parent path and key.

Why one table for all collections: the engine stores whatever the spec declares, so a new
collection needs no new table.  An item's *path* names its ancestors
(``instances:ccr-4a5b6c7d<US>projects:library``, ``<US>`` = U+001F, which no key may hold), so
"children of a deleted parent are gone" is one prefix delete, and "a child under the wrong
parent" is simply not found.  The prefix is a *range* on the indexed ``parent`` column (every
descendant's parent lies in ``[path + US, path + " ")``, :func:`_subtree`), so a delete or a count
below an item costs what its subtree holds, not what the store holds (issue 19: ``substr(parent,
...)`` read every row while holding the one store lock).

Why substring indexes: a ``contains`` filter is a substring test no B-tree answers.  The first
filter on a field of a kind creates an FTS5 trigram table of that field (:meth:`ItemStore._text_index`),
kept current by triggers on ``items``, and later filters read their candidates from it; the exact
test still decides, so the answer is the scan's.  Existing database files gain the new indexes
and tables when opened (``CREATE ... IF NOT EXISTS``) or first filtered (the trigram tables).

Why reads are remembered: every request checks its ancestors exist (the instance of every
Enterprise call), and clients read the same lists and items again and again; a read through SQL
costs a statement, bindings and row objects even when nothing changed.  So each read's rows are
kept, keyed by its SQL and arguments, until the next write transaction ends -- any write, however
small, forgets them all, so a read never sees older state than SQL would give.  With a database
file, a remembered read is used only while SQLite's ``PRAGMA data_version`` is unchanged, so a
commit by any other connection to the file (a second server, a ``sqlite3`` shell) forgets them
too.  Rows are kept as SQLite returned them (text and numbers, immutable); JSON is decoded per
call, so a caller that changes what it got changes its own copy.  The remembered rows are
bounded (:data:`READ_CACHE_BYTES`, counting each entry's overhead too).

Why a counts table: a list answers ``total`` with every page; ``COUNT(*)`` over 100,000 rows
costs milliseconds, a maintained counter costs one indexed read, so page 1 of a huge collection
costs what page 1 of a small one does.  Filtered lists still count with SQL (they are rare and
bounded by the filter).

The connection and lock are the server's one store connection (see
:class:`ccr_contract.server.store.Store`); every write is one ``BEGIN IMMEDIATE`` transaction
committed before the answer is sent, as for the Personal Edition tables.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ccr_contract.server.json_codec import decode

SEP = "\x1f"
#: Most text the read cache holds (see the module docstring); a read larger than an eighth of it is
#: not kept.  Emptied when full.
READ_CACHE_BYTES = 32 * 1024 * 1024
#: What one remembered read costs besides its text (key and row tuples, dict slot), roughly.
_ENTRY_OVERHEAD = 400

_SCHEMA = """
CREATE TABLE IF NOT EXISTS items (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    parent TEXT NOT NULL,
    key TEXT NOT NULL,
    data TEXT NOT NULL,
    UNIQUE (kind, parent, key)
);
CREATE INDEX IF NOT EXISTS items_by_parent ON items(kind, parent, seq);
CREATE INDEX IF NOT EXISTS items_by_prefix ON items(parent);
CREATE TABLE IF NOT EXISTS item_counts (
    kind TEXT NOT NULL,
    parent TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (kind, parent)
);
CREATE INDEX IF NOT EXISTS item_counts_by_parent ON item_counts(parent);
CREATE TABLE IF NOT EXISTS item_text_indexes (
    name TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    path TEXT NOT NULL,
    UNIQUE (kind, path)
);
CREATE TABLE IF NOT EXISTS item_text_stale (
    seq INTEGER PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS item_sequences (
    kind TEXT PRIMARY KEY,
    next INTEGER NOT NULL
);
"""


#: ``(kinds, parents) -> SQL`` of :meth:`ItemStore.counts_of` (a page has at most ~100 items).
_COUNTS_QUERIES: dict[tuple[int, int], str] = {}
#: An unfiltered page in creation order, ascending and descending.
_PLAIN_PAGE = (
    "SELECT data FROM items WHERE kind=? AND parent=? ORDER BY seq LIMIT ? OFFSET ?",
    "SELECT data FROM items WHERE kind=? AND parent=? ORDER BY seq DESC LIMIT ? OFFSET ?",
)


#: Most substring indexes (:meth:`ItemStore._text_index`) a store creates: one per (kind, field) a
#: ``contains`` filter names, and the spec declares about ten; past this, filters scan.
MAX_TEXT_INDEXES = 64
#: Deleted rows noted before they leave the substring indexes together (see _purge_text); until
#: then a noted row is harmless: its seq matches no item, and AUTOINCREMENT never reuses one.
STALE_BATCH = 64
#: Shortest filter value a trigram index can find (shorter ones scan the parent's items).
_TRIGRAM = 3


def _subtree(path: str) -> tuple[str, str]:
    """``(low, high)``: every parent path strictly below ``path`` lies in ``low <= parent < high``.

    A descendant's parent is ``path`` + SEP + more, and SEP (U+001F) is followed by U+0020 in
    code-point (and so UTF-8 byte, SQLite's BINARY) order.  A range on the indexed ``parent``
    column is a B-tree seek; ``substr(parent, 1, n) = ?`` read every row of the store."""
    return path + SEP, path + chr(ord(SEP) + 1)


def _sql_text(text: str) -> str:
    """``text`` as an SQL string literal (DDL cannot bind parameters)."""
    return "'" + text.replace("'", "''") + "'"


def _json_path(field: str) -> str:
    """The SQLite JSON path of a (dotted: ``srcRegistry.id``) field; quoted members, so any name is safe."""
    return "$" + "".join("." + json.dumps(part) for part in field.split("."))



#: Filter values the trigram index is asked about: printable ASCII without LIKE's wildcards or its
#: escape character.  SQLite 3.40's FTS5 trigram LIKE crashed the process (SIGSEGV) on values a
#: fuzzer sent (issue 19's plain schemathesis run); anything else reads the parent's items, which the
#: exact test below decides all the same.
_TRIGRAM_SAFE = re.compile(r"[ !-$&-\[\]-^`-~]+")


def _trigram_safe(value: str) -> bool:
    return len(value) >= _TRIGRAM and _TRIGRAM_SAFE.fullmatch(value) is not None

class ItemExists(Exception):
    """An item with that key already exists under that parent (409)."""


class KeyError_(Exception):
    """A key holds the path separator (cannot be stored)."""


def segment(kind: str, key: Any) -> str:
    text = str(key)
    if SEP in text:
        raise KeyError_(f"{kind} key holds a control character")
    return f"{kind}:{text}"


def child_path(parent: str, kind: str, key: Any) -> str:
    """The path of item ``key`` of ``kind`` under ``parent`` (``""`` for top-level items)."""
    seg = segment(kind, key)
    return f"{parent}{SEP}{seg}" if parent else seg


class ItemStore:
    """Items of every kind over one SQLite connection (shared with the Personal Edition store)."""

    def __init__(self, conn: sqlite3.Connection, lock: threading.RLock) -> None:
        self._conn = conn
        self._lock = lock
        #: ``(sql, args) -> rows`` of reads since the last write (see the module docstring).
        self._reads: dict[tuple[str, tuple[Any, ...]], tuple[tuple[Any, ...], ...]] = {}
        self._read_bytes = 0
        with self._lock:
            self._conn.executescript(_SCHEMA)
            #: ``(kind, JSON path) -> FTS5 table`` of the substring indexes (see _text_index).
            self._text_indexes: dict[tuple[str, str], str] = {
                (kind, path): name
                for name, kind, path in self._conn.execute("SELECT name, kind, path FROM item_text_indexes")
            }
            #: A database file other connections may write to (not ``:memory:``): see _select.
            self._shared_file = any(row[2] for row in self._conn.execute("PRAGMA database_list"))
            self._data_version = self._version()

    def _version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0]) if self._shared_file else 0

    def _select(self, sql: str, args: tuple[Any, ...]) -> tuple[tuple[Any, ...], ...]:
        """The rows of a read, remembered until the next write (the caller holds the lock).
        Inside a write transaction a read goes to SQL and is not kept: it may see changes
        that are rolled back."""
        key = (sql, args)
        rows = self._reads.get(key)
        if rows is not None and self._shared_file and not self._conn.in_transaction:
            version = self._version()
            if version != self._data_version:  # another connection committed to the file
                self._data_version = version
                self._forget()
                rows = None
        if rows is None:
            rows = tuple(tuple(row) for row in self._conn.execute(sql, args).fetchall())
            if not self._conn.in_transaction:
                size = _ENTRY_OVERHEAD + sum(len(str(a)) for a in args) + sum(len(str(v)) for row in rows for v in row)
                if size <= READ_CACHE_BYTES // 8:
                    if self._read_bytes + size > READ_CACHE_BYTES:
                        self._forget()
                    self._reads[key] = rows
                    self._read_bytes += size
        return rows

    def forget_reads(self) -> None:
        """Drop every remembered read (each write does; ``benchmarks/paging.py`` does it to time
        what a list costs through SQL)."""
        with self._lock:
            self._forget()

    def _forget(self) -> None:
        self._reads.clear()
        self._read_bytes = 0

    @contextmanager
    def write(self) -> Iterator[ItemStore]:
        """One write transaction: everything inside commits together or not at all."""
        with self._lock:
            if self._conn.in_transaction:  # nested: the outer transaction commits
                yield self
                return
            self._forget()  # from here on reads go to SQL (see _select), and after the end too
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self
                if self._text_indexes:
                    self._purge_text()
            except BaseException:
                self._conn.execute("ROLLBACK")
                self._forget()
                raise
            self._conn.execute("COMMIT")
            self._forget()

    # ---------------------------------------------------------------- reads
    def get(self, kind: str, parent: str, key: Any) -> dict[str, Any] | None:
        with self._lock:
            rows = self._select("SELECT data FROM items WHERE kind=? AND parent=? AND key=?", (kind, parent, str(key)))
        return decode(rows[0][0]) if rows else None

    def exists(self, kind: str, parent: str, key: Any) -> bool:
        """Whether the item exists, without reading (and decoding) it: ancestors are checked on every call."""
        with self._lock:
            found = self._select("SELECT 1 FROM items WHERE kind=? AND parent=? AND key=?", (kind, parent, str(key)))
        return bool(found)

    def counts_of(self, kinds: tuple[str, ...], parents: list[str]) -> dict[tuple[str, str], int]:
        """``{(kind, parent): count}`` of every kind and parent path that has items, in one query (a
        list's total and its page's counters, ``repoCount`` and ``chartCount``, together); a pair
        that is missing counts 0."""
        shape = (len(kinds), len(parents))
        query = _COUNTS_QUERIES.get(shape)
        if query is None:
            query = _COUNTS_QUERIES[shape] = (
                f"SELECT kind, parent, n FROM item_counts WHERE kind IN ({','.join('?' * len(kinds))})"
                f" AND parent IN ({','.join('?' * len(parents))})"
            )
        with self._lock:
            rows = self._select(query, (*kinds, *parents))
        return {(kind, parent): n for kind, parent, n in rows}

    def page(
        self,
        kind: str,
        parent: str,
        offset: int,
        limit: int,
        filters: list[tuple[str, str, Any]] | None = None,
        order: tuple[str | None, str] = (None, "asc"),
        *,
        total: bool = True,
    ) -> tuple[list[dict[str, Any]], int]:
        """One page and the total matching (-1 with ``total=False``: the caller reads it with
        :meth:`counts_of`).  ``filters`` are ``(field, "contains"|"substring"|"equals",
        value)`` (``contains`` ignores case, ``substring`` does not); ``order`` is ``(field, asc|desc)``,
        field None for insertion order, ties in insertion order; only fixed SQL is interpolated."""
        if not filters and not total and order[0] is None:  # a plain page (most lists): fixed SQL
            with self._lock:
                rows = self._select(_PLAIN_PAGE[order[1] == "desc"], (kind, parent, limit, offset))
            return [decode(r[0]) for r in rows], -1
        where = ""
        args: list[Any] = []
        narrowed = False
        for fld, match, value in filters or []:
            if isinstance(value, int) and not -(2**63) <= value < 2**63:
                return [], 0  # SQLite stores 64-bit integers: nothing can equal a larger one
            path = _json_path(fld)
            if match in ("contains", "substring") and not narrowed and _trigram_safe(str(value)):
                with self._lock:
                    index = self._text_index(kind, path)
                if index is not None:
                    # Candidates from the trigram index (a superset: LIKE folds ASCII case and reads
                    # % and _ as wildcards); the exact test below still decides.
                    where = f" AND seq IN (SELECT rowid FROM {index} WHERE value LIKE ?){where}"
                    args.insert(0, f"%{value}%")
                    narrowed = True
            if match == "contains":
                where += " AND instr(lower(CAST(json_extract(data, ?) AS TEXT)), lower(?)) > 0"
                args += [path, str(value)]
            elif match == "substring":
                where += " AND instr(CAST(json_extract(data, ?) AS TEXT), ?) > 0"
                args += [path, str(value)]
            else:
                where += " AND json_extract(data, ?) IS ?"
                args += [path, value]
        # ``+kind``/``+parent`` keep SQLite from walking the parent's index when a trigram index
        # names the candidates (then each is looked up by seq).
        where = ("+kind=? AND +parent=?" if narrowed else "kind=? AND parent=?") + where
        args = [kind, parent, *args]
        with self._lock:
            if not total:
                matching = -1
            elif filters:
                matching = self._select(f"SELECT COUNT(*) FROM items WHERE {where}", tuple(args))[0][0]
            else:
                counted = self._select("SELECT n FROM item_counts WHERE kind=? AND parent=?", (kind, parent))
                matching = counted[0][0] if counted else 0
            by, direction = order
            sort = "seq DESC" if direction == "desc" else "seq"
            sort_args: list[Any] = []
            if by is not None:
                sort = f"json_extract(data, ?) {'DESC' if direction == 'desc' else 'ASC'}, seq"
                sort_args = [_json_path(by)]
            rows = self._select(
                f"SELECT data FROM items WHERE {where} ORDER BY {sort} LIMIT ? OFFSET ?",
                (*args, *sort_args, limit, offset),
            )
        return [decode(r[0]) for r in rows], int(matching)

    def all(self, kind: str, parent: str) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._select("SELECT data FROM items WHERE kind=? AND parent=? ORDER BY seq", (kind, parent))
        return [decode(r[0]) for r in rows]

    def count(self, kind: str, parent: str) -> int:
        with self._lock:
            rows = self._select("SELECT n FROM item_counts WHERE kind=? AND parent=?", (kind, parent))
        return int(rows[0][0]) if rows else 0

    def count_under(self, kind: str, ancestor: str) -> int:
        """Items of ``kind`` anywhere below ``ancestor`` (an instance's repositories, say)."""
        with self._lock:
            rows = self._select(
                "SELECT (SELECT COALESCE(SUM(n), 0) FROM item_counts WHERE kind=? AND parent=?)"
                " + (SELECT COALESCE(SUM(n), 0) FROM item_counts WHERE kind=? AND parent>=? AND parent<?)",
                (kind, ancestor, kind, *_subtree(ancestor)),
            )
        return int(rows[0][0])

    # ---------------------------------------------------------------- writes
    def next_sequence(self, kind: str) -> int:
        """The next number of ``kind`` (1, 2, ...), never reused even after deletes."""
        with self.write():
            row = self._conn.execute("SELECT next FROM item_sequences WHERE kind=?", (kind,)).fetchone()
            value = row[0] if row else 1
            self._conn.execute(
                "INSERT INTO item_sequences(kind, next) VALUES (?, ?)"
                " ON CONFLICT(kind) DO UPDATE SET next=excluded.next",
                (kind, value + 1),
            )
        return int(value)

    def insert(self, kind: str, parent: str, key: Any, data: dict[str, Any]) -> None:
        segment(kind, key)
        with self.write():
            try:
                self._conn.execute(
                    "INSERT INTO items(kind, parent, key, data) VALUES (?, ?, ?, ?)",
                    (kind, parent, str(key), json.dumps(data, separators=(",", ":"))),
                )
            except sqlite3.IntegrityError:
                raise ItemExists(f"{kind} {key!s} already exists") from None
            self._bump(kind, parent, 1)

    def replace(self, kind: str, parent: str, key: Any, data: dict[str, Any]) -> bool:
        with self.write():
            cur = self._conn.execute(
                "UPDATE items SET data=? WHERE kind=? AND parent=? AND key=?",
                (json.dumps(data, separators=(",", ":")), kind, parent, str(key)),
            )
        return cur.rowcount > 0

    def delete(self, kind: str, parent: str, key: Any) -> bool:
        """Delete one item and everything below it.  False when it did not exist."""
        path = child_path(parent, kind, key)
        with self.write():
            cur = self._conn.execute("DELETE FROM items WHERE kind=? AND parent=? AND key=?", (kind, parent, str(key)))
            if cur.rowcount == 0:
                return False
            self._bump(kind, parent, -1)
            low, high = _subtree(path)
            for table in ("items", "item_counts"):  # both by an index on parent: O(rows deleted)
                self._conn.execute(f"DELETE FROM {table} WHERE parent=?", (path,))
                self._conn.execute(f"DELETE FROM {table} WHERE parent>=? AND parent<?", (low, high))
        return True

    def _purge_text(self) -> None:
        """Remove deleted rows from every substring index, one statement each, once at least
        :data:`STALE_BATCH` have gathered: each FTS5 delete statement costs a flush that grows with
        the index (0.17 ms at 100,000 rows), a batch of them costs little more than one."""
        (stale,) = self._conn.execute(
            "SELECT COUNT(*) FROM (SELECT 1 FROM item_text_stale LIMIT ?)", (STALE_BATCH,)
        ).fetchone()
        if stale < STALE_BATCH:
            return
        for name in self._text_indexes.values():
            self._conn.execute(f"DELETE FROM {name} WHERE rowid IN (SELECT seq FROM item_text_stale)")
        self._conn.execute("DELETE FROM item_text_stale")

    def _text_index(self, kind: str, path: str) -> str | None:
        """The FTS5 trigram table indexing field ``path`` of every ``kind`` item, created (and
        filled) the first time a filter needs it, then kept current by triggers on ``items``; None
        past :data:`MAX_TEXT_INDEXES`.  Why: a ``contains`` filter is a substring test no B-tree
        can answer, so without it a filtered list read every item of its parent (0.2-0.7 s at
        100,000).  Created lazily, so a database file of an earlier version gains its indexes as
        they are used; a rolled-back creation is forgotten with its transaction."""
        name = self._text_indexes.get((kind, path))
        if name is not None or len(self._text_indexes) >= MAX_TEXT_INDEXES or self._conn.in_transaction:
            return name  # inside a transaction: a rollback would drop a table this dict still named
        name = "item_text_" + hashlib.sha256(f"{kind}\0{path}".encode()).hexdigest()[:20]
        value = f"CAST(json_extract({{row}}.data, {_sql_text(path)}) AS TEXT)"
        when = f"{{row}}.kind = {_sql_text(kind)}"
        with self.write():
            self._conn.execute(f"CREATE VIRTUAL TABLE {name} USING fts5(value, tokenize='trigram', detail=none)")
            self._conn.execute(
                f"INSERT INTO {name}(rowid, value) SELECT seq, {value.format(row='items')} FROM items"
                f" WHERE {when.format(row='items')}"
            )
            new, old = value.format(row="new"), when.format(row="old")
            self._conn.execute(
                f"CREATE TRIGGER {name}_insert AFTER INSERT ON items WHEN {when.format(row='new')}"
                f" BEGIN INSERT INTO {name}(rowid, value) VALUES (new.seq, {new}); END"
            )
            self._conn.execute(
                f"CREATE TRIGGER {name}_update AFTER UPDATE ON items WHEN {old}"
                f" AND {value.format(row='old')} IS NOT {new}"
                f" BEGIN UPDATE {name} SET value = {new} WHERE rowid = new.seq; END"
            )
            # A deleted row is only noted here and leaves the index later, in a batch (_purge_text):
            # FTS5 flushes its pending terms on every out-of-order delete, which made each deleted
            # row cost 0.2 ms at 100,000 items.  Until then it is harmless: a candidate seq that no
            # longer exists matches no row (AUTOINCREMENT never reuses one).
            self._conn.execute(
                f"CREATE TRIGGER {name}_delete AFTER DELETE ON items WHEN {old}"
                " BEGIN INSERT OR IGNORE INTO item_text_stale(seq) VALUES (old.seq); END"
            )
            self._conn.execute("INSERT INTO item_text_indexes(name, kind, path) VALUES (?, ?, ?)", (name, kind, path))
        self._text_indexes[(kind, path)] = name
        return name

    def _bump(self, kind: str, parent: str, delta: int) -> None:
        self._conn.execute(
            "INSERT INTO item_counts(kind, parent, n) VALUES (?, ?, ?)"
            " ON CONFLICT(kind, parent) DO UPDATE SET n = n + excluded.n",
            (kind, parent, delta),
        )
