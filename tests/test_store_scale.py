"""The item store's index-friendly paths (issue 19): a subtree is deleted and counted by a range on
the indexed ``parent`` column, ``contains`` filters are answered from a trigram index, and a
database file of the previous version still opens.  Timing lives in benchmarks/store_scale.py;
these tests prove the answers are the ones the plain scans gave."""

from __future__ import annotations

import json
import sqlite3
import threading

import pytest
from server_fixtures import make_client

from ccr_contract.server.engine import items as items_module
from ccr_contract.server.engine.items import SEP, ItemStore, child_path


@pytest.fixture
def store() -> ItemStore:
    conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    return ItemStore(conn, threading.RLock())


def _ascii_lower(text: str) -> str:
    return text.translate(str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"))


def _scan(store: ItemStore, kind: str, parent: str, match: str, value: str) -> list[str]:
    """What the filter must answer, worked out in Python from every row (``contains`` folds ASCII
    case only, as SQLite's ``lower`` and the scan before the index did)."""
    rows = [
        json.loads(d)
        for (d,) in store._conn.execute("SELECT data FROM items WHERE kind=? AND parent=? ORDER BY seq", (kind, parent))
    ]
    if match == "contains":
        return [r["name"] for r in rows if _ascii_lower(value) in _ascii_lower(str(r.get("name")))]
    return [r["name"] for r in rows if value in str(r.get("name"))]


NAMES = ["alpha", "ALPHABET", "beta-alpha", "gamma", "al%pha", "al_pha", "Ärger", "ärger", "x" * 300 + "needle", "nope"]


@pytest.mark.parametrize("match", ["contains", "substring"])
@pytest.mark.parametrize("value", ["alp", "ALPHA", "al%", "l_p", "Ärg", "ärg", "needle", "a", "zz", "pha", "%", "_"])
def test_a_filtered_page_answers_what_a_scan_answers(store: ItemStore, match: str, value: str) -> None:
    for name in NAMES:
        store.insert("things", "p", name, {"name": name})
        store.insert("things", "q", name, {"name": name})  # another parent: never in the answer
    store.insert("others", "p", "alpha2", {"name": "alpha2"})  # another kind: never in the answer
    rows, total = store.page("things", "p", 0, 100, [("name", match, value)])
    expected = _scan(store, "things", "p", match, value)
    assert [r["name"] for r in rows] == expected
    assert total == len(expected)


def test_the_index_follows_deletes_updates_and_rollbacks(store: ItemStore) -> None:
    for name in ("alpha", "alpine", "beta"):
        store.insert("things", "p", name, {"name": name})
    assert store.page("things", "p", 0, 10, [("name", "contains", "alp")])[1] == 2  # builds the index
    assert store._text_indexes
    store.delete("things", "p", "alpha")
    store.replace("things", "p", "beta", {"name": "alpaca"})
    store.insert("things", "p", "alpha", {"name": "alpha"})  # a new row with the old key: a new seq
    with pytest.raises(RuntimeError), store.write():
        store.insert("things", "p", "alps", {"name": "alps"})
        raise RuntimeError("rolled back")
    rows, total = store.page("things", "p", 0, 10, [("name", "contains", "alp")])
    assert sorted(r["name"] for r in rows) == ["alpaca", "alpha", "alpine"] and total == 3
    assert store.page("things", "p", 0, 10, [("name", "contains", "bet")]) == ([], 0)
    (name,) = store._text_indexes.values()
    (stale,) = store._conn.execute("SELECT COUNT(*) FROM item_text_stale").fetchone()
    assert stale == 1  # noted, not yet purged: and still never answered (above)
    for n in range(items_module.STALE_BATCH):
        store.insert("things", "p", f"alp{n}", {"name": f"alp{n}"})
    with store.write():
        for n in range(items_module.STALE_BATCH):
            store.delete("things", "p", f"alp{n}")
    (stale,) = store._conn.execute("SELECT COUNT(*) FROM item_text_stale").fetchone()
    (indexed,) = store._conn.execute(f"SELECT COUNT(*) FROM {name}").fetchone()
    assert (stale, indexed) == (0, 3)  # a full batch left the index in one go
    assert store.page("things", "p", 0, 10, [("name", "contains", "alp")])[1] == 3


def test_an_index_is_not_created_inside_a_transaction_that_may_roll_back(store: ItemStore) -> None:
    store.insert("things", "p", "alpha", {"name": "alpha"})
    with pytest.raises(RuntimeError), store.write():
        assert store.page("things", "p", 0, 10, [("name", "contains", "alp")])[1] == 1
        raise RuntimeError("rolled back")
    assert store._text_indexes == {}
    assert store.page("things", "p", 0, 10, [("name", "contains", "alp")])[1] == 1


def test_a_subtree_is_deleted_and_counted_exactly(store: ItemStore) -> None:
    """Range bounds must not reach a sibling whose key extends the deleted one (``a`` vs ``ab``,
    ``a `` and ``a!``: characters just above the separator)."""
    for key in ("a", "ab", "a ", "a!", "b"):
        store.insert("projects", "i", key, {"k": key})
        under = child_path("i", "projects", key)
        store.insert("repos", under, "r1", {"k": "r1"})
        deeper = child_path(under, "repos", "r1")
        store.insert("tags", deeper, "t1", {"k": "t1"})
    assert store.count_under("repos", "i") == 5 and store.count_under("tags", "i") == 5
    assert store.count_under("tags", child_path("i", "projects", "a")) == 1
    assert store.delete("projects", "i", "a")
    assert store.count_under("repos", "i") == 4 and store.count_under("tags", "i") == 4
    left = {p for (p,) in store._conn.execute("SELECT parent FROM items")}
    assert not any(p == "i" + SEP + "projects:a" or p.startswith("i" + SEP + "projects:a" + SEP) for p in left)
    for key in ("ab", "a ", "a!", "b"):
        assert (
            store.count(
                child_path("i", "projects", key).rsplit(SEP, 1)[0] and "repos", child_path("i", "projects", key)
            )
            == 1
        )


def test_deletes_and_counts_use_the_parent_indexes(store: ItemStore) -> None:
    plans = [
        " ".join(row[3] for row in store._conn.execute("EXPLAIN QUERY PLAN " + sql, args))
        for sql, args in (
            ("DELETE FROM items WHERE parent>=? AND parent<?", ("a", "b")),
            ("DELETE FROM item_counts WHERE parent>=? AND parent<?", ("a", "b")),
            ("SELECT SUM(n) FROM item_counts WHERE kind=? AND parent>=? AND parent<?", ("k", "a", "b")),
        )
    ]
    assert all("USING" in plan and "SCAN" not in plan for plan in plans), plans


# The schema of the previous version's items store (before issue 19), as its files hold it.
PREVIOUS_SCHEMA = """
CREATE TABLE items (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, parent TEXT NOT NULL,
    key TEXT NOT NULL, data TEXT NOT NULL, UNIQUE (kind, parent, key));
CREATE INDEX items_by_parent ON items(kind, parent, seq);
CREATE INDEX items_by_prefix ON items(parent);
CREATE TABLE item_counts (kind TEXT NOT NULL, parent TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (kind, parent));
CREATE TABLE item_sequences (kind TEXT PRIMARY KEY, next INTEGER NOT NULL);
PRAGMA user_version=2;
"""


def test_a_database_file_of_the_previous_version_opens_and_serves(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Written by a server of the previous version (its schema, its rows), then served by this one:
    reads, filtered lists, deletes and new writes all work, and the new tables are added."""
    path = tmp_path / "old.db"
    first = make_client(db_path=str(path))  # the demo, written by this server ...
    rows = list(first.app.state.store.shared_connection()[0].execute("SELECT kind, parent, key, data FROM items"))
    counts = list(first.app.state.store.shared_connection()[0].execute("SELECT kind, parent, n FROM item_counts"))
    first.app.state.store.shared_connection()[0].close()
    path.unlink()
    for extra in tmp_path.glob("old.db-*"):
        extra.unlink()
    old = sqlite3.connect(path)  # ... copied into a file with exactly the previous schema
    old.executescript(PREVIOUS_SCHEMA)
    old.executemany("INSERT INTO items(kind, parent, key, data) VALUES (?, ?, ?, ?)", rows)
    old.executemany("INSERT INTO item_counts(kind, parent, n) VALUES (?, ?, ?)", counts)
    old.commit()
    old.close()
    client = make_client(db_path=str(path))
    instance = "ccr-4a5b6c7d"
    listed = client.get(f"/v1/instances/{instance}/projects", params={"projectName": "lib"})
    assert listed.status_code == 200, listed.text
    assert [p["projectName"] for p in listed.json()["projects"]] == ["library"]
    assert (
        client.post(f"/v1/instances/{instance}/projects", json={"projectName": "libx", "public": "false"}).status_code
        == 200
    )
    assert client.get(f"/v1/instances/{instance}/projects", params={"projectName": "lib"}).json()["total"] == 2
    assert client.delete(f"/v1/instances/{instance}/projects/libx").status_code == 200
    assert client.get(f"/v1/instances/{instance}/projects", params={"projectName": "lib"}).json()["total"] == 1
    tables = {
        name for (name,) in client.app.state.store.shared_connection()[0].execute("SELECT name FROM sqlite_master")
    }
    assert {"item_text_stale", "item_text_indexes", "item_counts_by_parent"} <= tables
