"""The server's JSON codec (orjson, the json module for what orjson refuses or would misread):
every answer encodes and every stored item decodes exactly, whatever it holds."""

from __future__ import annotations

import json

import pytest

from ccr_contract.server.json_codec import decode, encode

AWKWARD = [
    {"n": 2**70, "m": -(2**64) - 1},  # beyond 64 bits: orjson refuses to write them
    {"big": 12345678901234567890123},  # and would read this one as a float
    {"fraction": 0.1234567890123456789},
    {"text": "caf\u00e9 \u6d4b\u8bd5 \u2028 \x1f \"q\" \\", "emoji": "\U0001f600"},
    {"nested": [{"a": [1, 2, {"b": None}]}, True, False, 1.5]},
    {1: "a non-string key"},
    [],
    "plain",
]


@pytest.mark.parametrize("value", AWKWARD, ids=range(len(AWKWARD)))
def test_what_is_encoded_decodes_to_the_same_value(value: object) -> None:
    data = encode(value)
    assert isinstance(data, bytes)
    expected = json.loads(json.dumps(value))  # what JSON can say of it (a non-string key becomes a string)
    assert json.loads(data) == expected
    assert decode(data) == expected and decode(data.decode("utf-8")) == expected


def test_big_integers_stay_integers_when_read() -> None:
    text = json.dumps({"id": 2**70, "ids": [2**64 + 5, 7]})
    got = decode(text)
    assert got["id"] == 2**70 and isinstance(got["id"], int)
    assert got["ids"] == [2**64 + 5, 7] and all(isinstance(i, int) for i in got["ids"])


def test_stored_items_keep_big_integers(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3
    import threading

    from ccr_contract.server.engine.items import ItemStore

    store = ItemStore(sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None), threading.RLock())
    store.insert("things", "", "a", {"n": 2**70, "s": "\ud83d\ude00 ok"})
    assert store.get("things", "", "a") == {"n": 2**70, "s": "\U0001f600 ok"}
    assert store.page("things", "", 0, 10)[0][0]["n"] == 2**70


def test_an_escaped_lone_surrogate_is_still_read() -> None:
    assert decode('"\\ud800"') == "\ud800"  # valid JSON that orjson refuses
