"""Deletes and filtered lists cost the same in a store of 100,000 items as in one of 100 (issue 19).

Run: ``.venv/bin/python benchmarks/store_scale.py [--quick]``.  Exit status from ``benchmarks/_guard.py``.

Two in-memory reference-server stores (the engine of ``ccr-contract mock``), one holding 100 namespaces
of one instance and one holding 100,000; the same requests go to each through the engine's own
handlers, alternating between the two stores round by round so machine load hits both alike.  Each
figure is the median over rounds of the big store's per-request time over the small store's.
Single-threaded figures are the thread's CPU time (on a shared machine the wall clock measures the
queue for the CPU, see codegen.py); the contended one is wall-clock time, since waiting is its point.
Target: at most 2x each (the issue's numbers before: a batch delete of 100 namespaces 7 ms at 100
rows, ~3 s at 100,000):

* **batch delete**: ``DeleteProjects`` of 100 namespaces just created;
* **single delete**: ``DeleteProject`` of one;
* **filtered list after a write**: ``ListProjects?projectName=needle`` (9 matches in either store;
  the other names are ``ns-`` and 12 characters of a hash, as varied as real names)
  right after a write, so the store's remembered reads are gone and it is answered through SQL
  (the first such list of each store, which builds the field's trigram index, is printed apart);
* **others' p50 while deletes loop**: the median time of ``ListInstances`` (another client's
  request, due every 10 ms and timed from when it was due) while a second client creates 100
  namespaces (one request each) and batch-deletes them, a batch every 100 ms; both contend for the
  one store lock, as a live server's clients do.  Guarded in absolute terms, at most 50 ms at
  100,000 rows (before: each delete held the lock ~2 s there): with two Python threads the figure
  also measures the share of the GIL the writer takes, which grows with the trigram index's insert
  cost, so its ratio to the small store is printed without a target.

The big store is filled with one ``executemany`` (the engine's own create path would take a minute);
its rows are what the engine writes for a namespace, with the maintained count set to match.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import json
import sqlite3
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _guard import Guard, spread

from ccr_contract.server.engine import behaviours
from ccr_contract.server.engine.crud import Call, Engine, run_sync
from ccr_contract.server.engine.items import ItemStore, child_path
from ccr_contract.spec import load_spec

BIG, SMALL, TARGET = 100_000, 100, 2.0
INSTANCE = "ccr-bench000"
BATCH = 100
#: The filtered list's value and how many namespaces of either store it matches.
NEEDLE, MATCHES = "needle", 10
#: Batches the other thread must delete while ``others_p50`` reads.
CHURN_CYCLES = 2
#: Seconds from one churn batch to the next in ``others_p50``: a client deleting in a loop, not a
#: saturated store (under saturation every read waits whatever a delete costs).
CHURN_PERIOD = 0.1
#: Seconds between two of the other client's requests in ``others_p50``.
ARRIVAL = 0.01
#: Most milliseconds another client's median request may wait at 100,000 rows while deletes loop.
CONTENDED_MS = 50.0


def _name(n: int) -> str:
    """A namespace name as varied as real ones (``ns-`` and 12 base-32 characters of a hash)."""
    return "ns-" + base64.b32encode(hashlib.sha256(str(n).encode()).digest()).decode()[:12].lower()


def build(rows: int, spec: dict[str, Any]) -> Engine:
    """An engine over a fresh in-memory store holding ``rows`` namespaces of one instance."""
    conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    engine = Engine(spec, ItemStore(conn, threading.RLock()), behaviours.REGISTRY)
    instances = engine.model.resources["instances"]
    projects = engine.model.resources["projects"]
    engine.create_item(instances, "", {"id": INSTANCE, "name": INSTANCE})
    parent = child_path("", instances.name, INSTANCE)
    _, template = engine.create_item(projects, parent, {"projectName": _name(0), "public": "false"})
    with engine.items.write():
        conn.executemany(
            "INSERT INTO items(kind, parent, key, data) VALUES (?, ?, ?, ?)",
            (
                (projects.name, parent, name, json.dumps({**template, "projectName": name, "projectId": n + 1}))
                for n in range(1, rows)
                for name in [_name(n) if n >= MATCHES else f"{NEEDLE}-{n}"]
            ),
        )
        conn.execute("UPDATE item_counts SET n=? WHERE kind=? AND parent=?", (rows, projects.name, parent))
    return engine


def call(engine: Engine, operation: str, params: dict[str, Any], body: Any = None) -> Any:
    reply = run_sync(engine.handlers[operation](Call({"instanceId": INSTANCE, **params}, body)))
    if reply.status != 200:
        raise RuntimeError(f"{operation} answered {reply.status}: {reply.body}")
    return reply.body


def create_batch(engine: Engine, tag: str) -> list[str]:
    names = [f"zz-{tag}-{i:03d}" for i in range(BATCH)]
    for name in names:
        call(engine, "CreateProject", {}, {"projectName": name, "public": "false"})
    return names


def batch_delete(engine: Engine, n: int) -> float:
    spent = 0.0
    for r in range(n):
        names = create_batch(engine, f"b{r}")
        start = time.thread_time()
        call(engine, "DeleteProjects", {}, {"items": names})
        spent += time.thread_time() - start
    return spent / n


def single_delete(engine: Engine, n: int) -> float:
    spent = 0.0
    for r in range(n):
        call(engine, "CreateProject", {}, {"projectName": f"zz-s{r}", "public": "false"})
        start = time.thread_time()
        call(engine, "DeleteProject", {"projectName": f"zz-s{r}"})
        spent += time.thread_time() - start
    return spent / n


def filtered_list(engine: Engine, n: int) -> float:
    spent = 0.0
    for r in range(n):
        call(engine, "CreateProject", {}, {"projectName": f"zz-f{r}", "public": "false"})  # a write: reads forgotten
        start = time.thread_time()
        body = call(engine, "ListProjects", {"projectName": NEEDLE, "pageNo": 1, "pageSize": 10})
        spent += time.thread_time() - start
        if body["total"] != MATCHES - 1:  # needle-1 .. needle-9 (namespace 0 is the template)
            raise RuntimeError(f"the filter matched {body['total']} namespaces, not {MATCHES - 1}")
        call(engine, "DeleteProject", {"projectName": f"zz-f{r}"})
    return spent / n


def others_p50(engine: Engine, n: int) -> float:
    """Median ``ListInstances`` time while another thread loops batch creates and deletes; reads go
    on until the other thread has deleted at least :data:`CHURN_CYCLES` batches (and ``n`` reads
    were timed), so the window always holds deletes, however long they take."""
    stop = threading.Event()
    cycles = [0]

    def churn() -> None:  # a batch created and deleted every CHURN_PERIOD seconds (or back to back)
        while not stop.is_set():
            started = time.perf_counter()
            names = create_batch(engine, f"c{cycles[0]}")  # one request (transaction) each
            call(engine, "DeleteProjects", {}, {"items": names})
            cycles[0] += 1
            stop.wait(max(0.0, CHURN_PERIOD - (time.perf_counter() - started)))

    worker = threading.Thread(target=churn, daemon=True)
    worker.start()
    handler = engine.handlers["ListInstances"]
    times = []
    try:
        # Open loop: requests are due every ARRIVAL seconds whatever the server does, as other
        # clients' are, and each is timed from when it was due; a closed loop would send nothing
        # while one read waits, and so count a long delete once.
        due = time.perf_counter()
        while len(times) < n or cycles[0] < CHURN_CYCLES:
            due += ARRIVAL
            idle = due - time.perf_counter()
            if idle > 0:
                time.sleep(idle)
            asyncio.run(handler(Call({"pageNo": 1, "pageSize": 10}, None)))
            times.append(time.perf_counter() - due)
    finally:
        stop.set()
        worker.join()
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds (CI)")
    args = parser.parse_args()
    rounds, n = (3, 3) if args.quick else (7, 6)
    guard = Guard("store_scale")
    spec = load_spec()
    t0 = time.perf_counter()
    small, big = build(SMALL, spec), build(BIG, spec)
    print(
        f"ccr-contract store scale benchmark: {BIG:,} vs {SMALL} namespaces loaded in {time.perf_counter() - t0:.1f} s"
    )
    # The first filter on a field builds its trigram index (once per store, then kept by triggers).
    first = filtered_list(big, 1)
    filtered_list(small, 1)
    guard.info(f"first filtered list at {BIG:,} (builds the index), ms", f"{first * 1000:.1f}")
    figures = {
        f"batch delete of {BATCH}": (batch_delete, n),
        "single delete": (single_delete, n * 4),
        "filtered list after a write": (filtered_list, n * 4),
        "others' p50 while deletes loop": (others_p50, n * 20),
    }
    for name, (measure, count) in figures.items():
        ratios, big_ms, small_ms = [], [], []
        for _ in range(rounds):
            s = measure(small, count)
            b = measure(big, count)
            ratios.append(b / s)
            small_ms.append(s * 1000)
            big_ms.append(b * 1000)
        if measure is others_p50:
            guard.check(
                f"{name} at {BIG:,}", statistics.median(big_ms), CONTENDED_MS, higher_is_better=False, unit=" ms"
            )
            guard.info(f"  {BIG:,} / {SMALL}", f"{statistics.median(ratios):.2f}x")
        else:
            guard.check(f"{name}: {BIG:,} / {SMALL}", statistics.median(ratios), TARGET, higher_is_better=False)
        guard.info("  per-round ratio", spread(ratios))
        guard.info("  ms at 100 / at 100,000", f"{statistics.median(small_ms):.2f} / {statistics.median(big_ms):.2f}")
    return guard.exit_status()


if __name__ == "__main__":
    sys.exit(main())
