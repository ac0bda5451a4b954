"""A list reads only its page: page 1 of a 100,000-item collection vs page 1 of a 100-item one.

Run: ``.venv/bin/python benchmarks/paging.py [--quick]``.  Exit status from ``benchmarks/_guard.py``.

Both collections live in one in-memory reference-server store (the engine of ``ccr-contract mock``),
as namespaces of two instances; each round times ``ListProjects`` (page 1, 10 per page) through the
engine's own handler, alternating between the two instances so machine load hits both alike, and
the figure is the median per-request time of the big list over the small one.  Target: at most 2x
(issue 10): the page read is an indexed range and ``total`` comes from a maintained count, so the
collection's size should not show.  The last page of the big list is printed without a target
(``OFFSET`` walks the index, so deep pages cost more; clients page from the start).

Every request is read through SQL: the store's remembered reads (``ItemStore``, kept until the
next write) are dropped before each one, or the loop would time a memory lookup, whatever the
collection's size.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _guard import Guard, spread

from ccr_contract.server.engine import behaviours
from ccr_contract.server.engine.crud import Call, Engine
from ccr_contract.server.engine.items import ItemStore, child_path
from ccr_contract.spec import load_spec

BIG, SMALL, TARGET = 100_000, 100, 2.0


def build() -> Engine:
    conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    engine = Engine(load_spec(), ItemStore(conn, threading.RLock()), behaviours.REGISTRY)
    instances = engine.model.resources["instances"]
    projects = engine.model.resources["projects"]
    for iid, count in (("ccr-big00000", BIG), ("ccr-small000", SMALL)):
        engine.create_item(instances, "", {"id": iid, "name": iid})
        parent = child_path("", instances.name, iid)
        with engine.items.write():  # one transaction: fast bulk load
            for n in range(count):
                engine.create_item(projects, parent, {"projectName": f"p{n:06d}", "public": "false"})
    return engine


def per_request(engine: Engine, instance: str, page_no: int, n: int) -> float:
    handler = engine.handlers["ListProjects"]
    call = Call({"instanceId": instance, "pageNo": page_no, "pageSize": 10}, None)

    forget = engine.items.forget_reads

    async def loop() -> float:
        start = time.perf_counter()
        for _ in range(n):
            forget()
            await handler(call)
        return (time.perf_counter() - start) / n

    return asyncio.run(loop())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds (CI)")
    args = parser.parse_args()
    rounds, n = (5, 200) if args.quick else (15, 500)
    guard = Guard("paging")
    t0 = time.perf_counter()
    engine = build()
    print(f"ccr-contract paging benchmark: {BIG:,} vs {SMALL} namespaces loaded in {time.perf_counter() - t0:.1f} s")
    ratios = []
    for _ in range(rounds):
        small = per_request(engine, "ccr-small000", 1, n)
        big = per_request(engine, "ccr-big00000", 1, n)
        ratios.append(big / small)
    guard.check(f"page 1 of {BIG:,} / page 1 of {SMALL}", statistics.median(ratios), TARGET, higher_is_better=False)
    guard.info("per-round ratio", spread(ratios))
    guard.info("page 1 of 100, ms per request", f"{per_request(engine, 'ccr-small000', 1, n) * 1000:.3f}")
    last = per_request(engine, "ccr-big00000", BIG // 10, max(20, n // 10))
    guard.info(f"last page of {BIG:,}, ms per request", f"{last * 1000:.3f}")
    return guard.exit_status()


if __name__ == "__main__":
    sys.exit(main())
