"""Behaviours of images and charts: build history, vulnerability scans, chart packages.

Why hand code: a scan is a process with a lifetime, and a chart package is a file; neither is
stored-and-returned data.  Everything simulated here is deterministic so tests can repeat it:

* a scan started by TriggerTagScan is ``Running`` for ``scan_seconds`` (the server's
  ``--execution-seconds``), then ``Success``; its findings are the tag's fixture
  ``vulnerabilities`` (none by default), its summary counts them by severity;
* a chart package is a gzip-compressed tar holding ``{chart}/Chart.yaml``, built from the stored
  version with a fixed modification time, so the same version always downloads the same bytes.
"""

from __future__ import annotations

import gzip
import io
import tarfile
import time
import uuid
from collections import Counter
from typing import Any

from ccr_contract.resource_model import Resource
from ccr_contract.server.engine.crud import Behaviour, Call, Engine, Reply, epoch, iso
from ccr_contract.server.engine.items import child_path
from ccr_contract.server.errors import conflict, not_found, shorten
from ccr_contract.spec import Operation
from ccr_contract.states import field_schema

#: Where a tag keeps its last scan's status (the states of ScanStatus, x-bce-states).
SCAN_STATUS = "scanOverview.scanStatus"


#: Where a tag keeps its last scan's highest severity (ScanSeverity: most severe first; x-bce-states.none).
SCAN_SEVERITY = "scanOverview.severity"


def _highest(engine: Engine, res: Resource, vulns: list[dict[str, Any]]) -> str:
    """The most severe level among ``vulns`` in the spec's order, or the level meaning none found."""
    none = engine.states(res, SCAN_SEVERITY).value("none")
    order = field_schema(engine.spec, res.item_schema, SCAN_SEVERITY) or {}
    found = {v.get("severity") for v in vulns}
    return next((s for s in order.get("enum", ()) if s in found and s != none), none)


async def tag_build_history(engine: Engine, op: Operation, res: Resource, call: Call) -> Reply:
    found = engine.locate(res, call.params)
    return engine.answer(op, {"items": found.data.get("buildHistory", [])})


async def tag_scan(engine: Engine, op: Operation, res: Resource, call: Call) -> Reply:
    """Start a scan; a second one while the first runs is a 409 (as the spec says)."""
    found = engine.locate(res, call.params)
    data = scan_progress(engine, res, found.data)
    current = data.get("scanOverview") or {}
    scan = engine.states(res, SCAN_STATUS)
    if current.get("scanStatus") in scan.values("unfinished"):
        raise conflict(f"a scan of tag {shorten(str(found.key), 100)} is already running")
    now = engine.clock()
    overview = {
        "scanStatus": scan.value("running"),
        "reportId": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{found.path}#{int(now)}")),
        "severity": engine.states(res, SCAN_SEVERITY).value("none"),
        "startTime": engine.now(),
        "endTime": engine.now(),
        "total": 0,
        "fixable": 0,
        "summary": {},
    }
    with engine.items.write():
        engine.update_item(found, {"scanOverview": overview})
    return engine.answer(op, {})


def scan_progress(engine: Engine, res: Resource, data: dict[str, Any]) -> dict[str, Any]:
    """A running scan whose time is up reads as finished (lazily: no timer, restart-safe)."""
    overview = data.get("scanOverview")
    scan = engine.states(res, SCAN_STATUS)
    if not isinstance(overview, dict) or overview.get("scanStatus") not in scan.values("unfinished"):
        return data
    started = epoch(overview.get("startTime"))
    seconds = float(engine.options.scan_seconds)
    if engine.clock() < started + seconds:
        return data
    vulns = list(data.get("vulnerabilities") or [])
    counts = Counter(v.get("severity", "Unknown") for v in vulns)
    finished = dict(overview)
    finished.update(
        scanStatus=scan.value("succeeded"),
        endTime=iso(started + seconds),
        severity=_highest(engine, res, vulns),
        total=len(vulns),
        fixable=sum(1 for v in vulns if v.get("fixVersion")),
        summary=dict(counts),
    )
    return {**data, "scanOverview": finished}


async def tag_scan_overview(engine: Engine, op: Operation, res: Resource, call: Call) -> Reply:
    found = engine.locate(res, call.params)
    data = scan_progress(engine, res, found.data)
    overview = data.get("scanOverview") or {}
    finished = overview.get("scanStatus") == engine.states(res, SCAN_STATUS).value("succeeded")
    vulns = list(data.get("vulnerabilities") or []) if finished else []
    page_no = int(call.params.get("pageNo") or 1)
    page_size = int(call.params.get("pageSize") or 10)
    start = (page_no - 1) * page_size
    return engine.answer(
        op,
        {
            "total": len(vulns),
            "pageNo": page_no,
            "pageSize": page_size,
            "lastScanTime": overview.get("endTime") or engine.now(),
            "summary": dict(Counter(v.get("severity", "Unknown") for v in vulns)),
            "items": vulns[start : start + page_size],
        },
    )


def chart_package(chart: dict[str, Any], version: dict[str, Any]) -> bytes:
    """A reproducible ``helm package``-shaped archive for one chart version."""
    name = str(chart.get("name"))
    lines = [
        f"apiVersion: {version.get('apiVersion') or 'v2'}",
        f"name: {name}",
        f"version: {version.get('version')}",
        f"appVersion: {version.get('appVersion') or ''!s}",
        f"description: {version.get('description') or 'A Helm chart'}",
    ]
    files = {
        f"{name}/Chart.yaml": ("\n".join(lines) + "\n").encode(),
        f"{name}/values.yaml": b"replicaCount: 1\n",
    }
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for path, content in files.items():
            info = tarfile.TarInfo(path)
            info.size = len(content)
            info.mtime = 1_700_000_000
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(content))
    return gzip.compress(raw.getvalue(), mtime=0)


async def chart_download(engine: Engine, op: Operation, res: Resource, call: Call) -> Reply:
    """``{chart}-{version}.tgz`` -> that version's package (names may hold dashes: try each split)."""
    parent = engine.parent_of(res, call.params)
    filename = str(call.params["filename"])
    stem = filename[: -len(".tgz")]
    versions = engine.model.children(res.name)
    for cut in range(len(stem) - 1, 0, -1):
        if stem[cut] != "-":
            continue
        name, version = stem[:cut], stem[cut + 1 :]
        chart = engine.items.get(res.name, parent, name)
        if chart is None:
            continue
        for child in versions:
            item = engine.items.get(child.name, child_path(parent, res.name, name), version)
            if item is not None:
                return Reply(chart_package(chart, item), "application/octet-stream")
    raise not_found(f"chart package {shorten(filename, 100)} does not exist")


RECORDS = (
    Behaviour("tag-build-history", tag_build_history),
    Behaviour(
        "tag-scan",
        tag_scan,
        reads=scan_progress,  # a tag whose scan's time is up reads as scanned, in every get and list
        states=((SCAN_STATUS, ("running", "succeeded", "unfinished")), (SCAN_SEVERITY, ("none",))),
    ),
    Behaviour("tag-scan-overview", tag_scan_overview),
    Behaviour("chart-download", chart_download),
)

__all__ = ["RECORDS", "time"]
