"""The server's read-path memories (issue 14): the item store's remembered reads, the validator's
accepted parameters and the signer's parsed Authorization headers.  Each may only ever save work:
a read after a write sees the write, a rolled-back write is never seen, a caller changing what it
got changes its own copy, and refusals are worked out (and answered) every time."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from ccr_contract import signing
from ccr_contract.schemas import SpecSchemas
from ccr_contract.server.engine import items as items_module
from ccr_contract.server.engine.items import ItemStore
from ccr_contract.server.errors import ApiError
from ccr_contract.server.validation import RequestValidator
from ccr_contract.spec import load_spec, operations


@pytest.fixture
def store() -> ItemStore:
    conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    return ItemStore(conn, threading.RLock())


def test_a_read_after_a_write_sees_the_write(store: ItemStore) -> None:
    store.insert("things", "", "a", {"name": "a", "n": 1})
    assert store.get("things", "", "a") == {"name": "a", "n": 1}
    assert store.page("things", "", 0, 10) == ([{"name": "a", "n": 1}], 1)
    store.replace("things", "", "a", {"name": "a", "n": 2})
    assert store.get("things", "", "a") == {"name": "a", "n": 2}
    store.insert("things", "", "b", {"name": "b"})
    assert store.page("things", "", 0, 10)[1] == 2
    assert store.counts_of(("things",), [""]) == {("things", ""): 2}
    store.delete("things", "", "a")
    assert store.get("things", "", "a") is None and not store.exists("things", "", "a")
    assert [row["name"] for row in store.all("things", "")] == ["b"]


def test_a_rolled_back_write_is_never_seen(store: ItemStore) -> None:
    store.insert("things", "", "a", {"name": "a", "n": 1})
    assert store.get("things", "", "a") == {"name": "a", "n": 1}

    class Boom(Exception):
        pass

    with pytest.raises(Boom), store.write():
        store.replace("things", "", "a", {"name": "a", "n": 99})
        assert store.get("things", "", "a") == {"name": "a", "n": 99}  # inside: the transaction's view
        raise Boom
    assert store.get("things", "", "a") == {"name": "a", "n": 1}
    assert store.count("things", "") == 1


def test_reads_are_answered_without_sql_until_a_write(store: ItemStore) -> None:
    store.insert("things", "", "a", {"name": "a"})
    traced: list[str] = []
    store._conn.set_trace_callback(traced.append)
    for _ in range(3):
        store.get("things", "", "a")
        store.exists("things", "", "a")
        store.page("things", "", 0, 10)
    selects = [sql for sql in traced if sql.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 4  # get, exists, page (its total and its rows) once each: the rest remembered
    store.insert("things", "", "b", {"name": "b"})
    traced.clear()
    assert store.exists("things", "", "b")
    assert any(sql.lstrip().upper().startswith("SELECT") for sql in traced)


def test_a_caller_changing_what_it_read_changes_its_own_copy(store: ItemStore) -> None:
    store.insert("things", "", "a", {"name": "a", "tags": ["x"]})
    first = store.get("things", "", "a")
    assert first is not None
    first["tags"].append("changed")
    first["name"] = "changed"
    assert store.get("things", "", "a") == {"name": "a", "tags": ["x"]}
    rows, _ = store.page("things", "", 0, 10)
    rows[0]["name"] = "changed"
    assert store.page("things", "", 0, 10)[0] == [{"name": "a", "tags": ["x"]}]


def test_the_remembered_reads_are_bounded(store: ItemStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(items_module, "READ_CACHE_BYTES", 4000)
    for i in range(40):
        store.insert("things", "", str(i), {"name": str(i), "pad": "x" * 50})
    for i in range(40):
        store.get("things", "", str(i))
        assert store._read_bytes <= 4000
    store.insert("big", "", "b", {"pad": "y" * 1000})  # more than an eighth of the budget: not kept
    store.get("big", "", "b")
    assert all("big" not in key[1] for key in store._reads)
    assert store.get("big", "", "b") == {"pad": "y" * 1000}


# ------------------------------------------------------------------------------ parameters


@pytest.fixture(scope="module")
def validator_and_op():  # type: ignore[no-untyped-def]
    spec = load_spec()
    ops = list(operations(spec))
    op = next(o for o in ops if o.operation_id == "ListProjects")
    return RequestValidator(spec, SpecSchemas(spec), ops), op


def test_accepted_parameters_are_a_new_dict_each_time(validator_and_op) -> None:  # type: ignore[no-untyped-def]
    validator, op = validator_and_op
    first = validator.parameters(op, {"instanceId": "ccr-11111111"}, "pageNo=2&pageSize=5")
    assert first["pageNo"] == 2 and first["pageSize"] == 5
    first["pageNo"] = 99
    first["extra"] = True
    again = validator.parameters(op, {"instanceId": "ccr-11111111"}, "pageNo=2&pageSize=5")
    assert again["pageNo"] == 2 and "extra" not in again
    other = validator.parameters(op, {"instanceId": "ccr-22222222"}, "pageNo=2&pageSize=5")
    assert other["instanceId"] == "ccr-22222222"


def test_refused_parameters_are_refused_every_time(validator_and_op) -> None:  # type: ignore[no-untyped-def]
    validator, op = validator_and_op
    for _ in range(2):
        with pytest.raises(ApiError) as caught:
            validator.parameters(op, {"instanceId": "ccr-11111111"}, "pageNo=zero")
        assert caught.value.status == 400 and "pageNo" in caught.value.message


# ------------------------------------------------------------------------------ Authorization


def test_a_parsed_authorization_is_reused_and_failures_are_not() -> None:
    signing._PARSED_AUTHORIZATIONS.clear()
    good = "bce-auth-v1/ak/2026-11-29T10:00:00Z/1800/host/" + "a" * 64
    assert signing.parse_authorization(good) is signing.parse_authorization(good)
    bad = "bce-auth-v1/ak/2026-11-29T10:00:00Z/01800/host/" + "a" * 64
    for _ in range(2):
        with pytest.raises(signing.MalformedAuthorization):
            signing.parse_authorization(bad)
    assert bad not in signing._PARSED_AUTHORIZATIONS
    with pytest.raises(signing.MissingAuthorization):
        signing.parse_authorization(None)


def test_the_parsed_authorizations_are_bounded() -> None:
    signing._PARSED_AUTHORIZATIONS.clear()
    for i in range(signing._PARSED_AUTHORIZATIONS_MAX + 10):
        signing.parse_authorization(f"bce-auth-v1/ak{i}/2026-11-29T10:00:00Z/1800/host/" + "a" * 64)
    assert len(signing._PARSED_AUTHORIZATIONS) <= signing._PARSED_AUTHORIZATIONS_MAX


def test_a_huge_authorization_header_is_parsed_but_not_kept() -> None:
    signing._PARSED_AUTHORIZATIONS.clear()
    huge = "bce-auth-v1/ak/2026-11-29T10:00:00Z/1800/" + ";".join(["host"] * 5000) + "/" + "a" * 64
    assert signing.parse_authorization(huge).signed_headers[0] == "host"
    assert huge not in signing._PARSED_AUTHORIZATIONS  # unauthenticated input cannot fill memory


def test_a_write_by_another_connection_to_the_file_is_seen(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A second server (or a sqlite3 shell) committing to the same --db file: SQLite's data_version
    changes, and the remembered reads are dropped."""
    path = str(tmp_path / "shared.db")
    ours = ItemStore(sqlite3.connect(path, check_same_thread=False, isolation_level=None), threading.RLock())
    other = ItemStore(sqlite3.connect(path, check_same_thread=False, isolation_level=None), threading.RLock())
    ours.insert("things", "", "a", {"n": 1})
    assert ours.get("things", "", "a") == {"n": 1} and ours.get("things", "", "a") == {"n": 1}  # now remembered
    other.replace("things", "", "a", {"n": 2})
    assert ours.get("things", "", "a") == {"n": 2}
    other.insert("things", "", "b", {"n": 3})
    assert ours.exists("things", "", "b") and ours.count("things", "") == 2
