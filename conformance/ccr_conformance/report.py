"""Reports of a run: JUnit XML, Markdown, self-contained HTML and the failing exchanges (JSON + HAR).

JUnit has one testcase per check and operation (classname = check id, name = operationId), so CI
shows exactly which rule broke where.  Every text that reaches a report goes through the target's
:class:`~ccr_conformance.target.Redactor` (messages, notes, URLs, header values, bodies, the content
type): the Authorization value, the secret key, the run's registry passwords, any ``bce-auth-v1/...``
value a server echoes and the credentials of any URL are redacted in every format.

Every format also carries the run's metadata (:func:`run_metadata`): seed, example budget, the
versions of ccr-contract, the spec (``info.version``) and schemathesis, and the options that shaped
the run, so a report says how to reproduce it.  Failures are numbered (1, 2, ... in the order of
``failures.json``); ``ccr-contract conformance replay DIR --failure N`` re-sends one of them.
"""

from __future__ import annotations

import html
import json
import platform
import shlex
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from ccr_conformance import catalogue as catalogue_module
from ccr_conformance.results import RUN_SCOPE, Exchange, Finding, Status
from ccr_conformance.runner import SuiteRun
from ccr_conformance.target import Redactor

#: Request bodies are kept whole up to this size in failures.json (replay needs them whole).
REQUEST_BODY_LIMIT = 64 * 1024


@lru_cache(maxsize=1)
def _tool_versions() -> tuple[str, str]:
    import ccr_contract

    try:
        from importlib import metadata

        st_version = metadata.version("schemathesis")
    except Exception:  # not installed in this environment
        st_version = "unknown"
    return str(ccr_contract.__version__), st_version


def _spec_version() -> str:
    try:
        from ccr_contract.spec import load_spec

        return str(load_spec().get("info", {}).get("version", "unknown"))
    except Exception:
        return "unknown"


def run_metadata(run: SuiteRun) -> dict[str, Any]:
    """What shaped the run (no secrets): versions, seed, example budget, selection and safety options."""
    options = run.options
    tool_version, st_version = _tool_versions()
    operations = getattr(options, "operations", None)
    return {
        "tool": "ccr-contract",
        "tool_version": tool_version,
        "spec_version": _spec_version(),
        "schemathesis_version": st_version,
        "python_version": platform.python_version(),
        "seed": options.seed,
        "max_examples": options.max_examples,
        "workers": options.workers,
        "timeout": options.timeout,
        "checks": options.checks or "all",
        "operations": sorted(operations) if operations is not None else "all",
        "run_id": run.workspace.run_id,
        "base_url": run.target.redactor.text(run.target.base_url),
        "access_key": run.target.access_key,
        "embedded": bool(getattr(options, "embedded", False)),
        "read_only": bool(getattr(options, "read_only", False)),
        "instance_id": getattr(options, "instance_id", None),
        "project": getattr(options, "project", None),
        "repository": getattr(options, "repository", None),
        "max_failures": getattr(options, "max_failures", None),
        "rate_limit": getattr(options, "rate_limit", None),
    }


def metadata_line(meta: dict[str, Any]) -> str:
    """One line for people: versions, seed and budget."""
    ops = meta["operations"]
    ops_text = "all operations" if ops == "all" else f"{len(ops)} selected operations"
    return (
        f"ccr-contract {meta['tool_version']} · spec {meta['spec_version']} · schemathesis "
        f"{meta['schemathesis_version']} · seed {meta['seed']} · max examples {meta['max_examples']} · "
        f"checks {meta['checks']} · {ops_text}"
    )


def numbered_findings(run: SuiteRun) -> list[Finding]:
    """Every stored finding, in report order (failure N is the N-th, counting from 1)."""
    return [f for r in run.results.all() for f in r.findings]


def first_failure(run: SuiteRun, check_id: str) -> Finding | None:
    findings = run.results[check_id].findings
    return findings[0] if findings else None


def exchange_dict(run: SuiteRun, exchange: Exchange) -> dict[str, Any]:
    red: Redactor = run.target.redactor
    return {
        "operation": exchange.operation,
        "request": {
            "method": exchange.method,
            "url": red.text(exchange.url),
            "headers": red.headers(exchange.request_headers),
            "body": red.body(exchange.request_body, limit=REQUEST_BODY_LIMIT),
            "body_bytes": len(exchange.request_body or b""),
            #: Signed with the caller's key pair (replay signs it afresh); False for requests whose
            #: Authorization was made wrong on purpose (or absent).
            "signed": exchange.signed_by_caller,
        },
        "response": None
        if exchange.status is None
        else {
            "status": exchange.status,
            "headers": red.headers(exchange.response_headers),
            "body": red.body(exchange.response_body),
            "truncated": exchange.truncated,
        },
        "error": red.text(exchange.error) if exchange.error else None,
        "elapsed_seconds": round(exchange.elapsed, 3),
        "curl": run.target.curl(exchange),
    }


def _har_entry(run: SuiteRun, exchange: Exchange) -> dict[str, Any]:
    data = exchange_dict(run, exchange)
    req, resp = data["request"], data["response"] or {"status": 0, "headers": {}, "body": ""}
    return {
        "startedDateTime": "1970-01-01T00:00:00Z",
        "time": round(exchange.elapsed * 1000, 1),
        "request": {
            "method": req["method"],
            "url": req["url"],
            "httpVersion": "HTTP/1.1",
            "headers": [{"name": k, "value": v} for k, v in req["headers"].items()],
            "queryString": [],
            "cookies": [],
            "headersSize": -1,
            "bodySize": len(exchange.request_body or b""),
            **({"postData": {"mimeType": "application/json", "text": req["body"]}} if req["body"] else {}),
        },
        "response": {
            "status": resp["status"],
            "statusText": data["error"] or "",
            "httpVersion": "HTTP/1.1",
            "headers": [{"name": k, "value": v} for k, v in resp["headers"].items()],
            "cookies": [],
            "content": {
                "size": len(exchange.response_body),
                "mimeType": run.target.redactor.text(exchange.content_type),
                "text": resp["body"],
            },
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": len(exchange.response_body),
        },
        "cache": {},
        "timings": {"send": 0, "wait": round(exchange.elapsed * 1000, 1), "receive": 0},
        "comment": f"operation {exchange.operation}",
    }


def summary_rows(run: SuiteRun) -> list[dict[str, Any]]:
    cat = catalogue_module.load()
    rows = []
    for result in run.results.all():
        finding = first_failure(run, result.check_id)
        rows.append(
            {
                "id": result.check_id,
                "title": cat.get(result.check_id).title,
                "status": result.status.value,
                "operations": result.covered,
                "note": run.target.redactor.text(result.note) if result.note else result.note,
                "failure": None
                if finding is None
                else {
                    "operation": finding.operation,
                    "message": run.target.redactor.text(finding.message),
                    "curl": run.target.curl(finding.exchange) if finding.exchange is not None else None,
                },
                "failures": len(result.findings) + run.results.dropped.get(result.check_id, 0),
            }
        )
    return rows


def write_junit(run: SuiteRun, path: Path) -> None:
    red = run.target.redactor
    suite = ET.Element("testsuite", name="ccr-conformance", time=f"{run.elapsed:.2f}")
    properties = ET.SubElement(suite, "properties")
    for key, value in run_metadata(run).items():
        shown = ",".join(value) if isinstance(value, list) else "" if value is None else str(value)
        ET.SubElement(properties, "property", name=key, value=red.text(shown))
    tests = failures = skipped = 0
    for result in run.results.all():
        operations = result.operations or {RUN_SCOPE: None}
        for operation in sorted(operations):
            tally = result.operations.get(operation)
            case = ET.SubElement(suite, "testcase", classname=result.check_id, name=operation)
            tests += 1
            if tally is not None and tally.findings:
                failures += 1
                first = tally.findings[0]
                failure = ET.SubElement(case, "failure", message=red.text(first.message)[:500])
                failure.text = "\n\n".join(
                    red.text(f.message) + (f"\n{run.target.curl(f.exchange)}" if f.exchange is not None else "")
                    for f in tally.findings
                )
            elif tally is None and result.status is Status.NOT_APPLICABLE:
                skipped += 1
                ET.SubElement(case, "skipped", message=red.text(result.note or "not applicable"))
            elif tally is None:
                failures += 1
                note = red.text(result.note) if result.note else "no request exercised this check"
                ET.SubElement(case, "failure", message=note)
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("skipped", str(skipped))
    ET.ElementTree(suite).write(path, encoding="utf-8", xml_declaration=True)


def render_markdown(run: SuiteRun, report_dir: str | None = None) -> str:
    shown_url = run.target.redactor.text(run.target.base_url)
    meta = run_metadata(run)
    lines = [
        "# CCR conformance report",
        "",
        f"Target: `{shown_url}` · access key `{run.target.access_key}` · run id `{run.workspace.run_id}`",
        f"Result: **{'PASS' if run.ok else 'FAIL'}** · {sum(r.status is Status.PASSED for r in run.results.all())}"
        f"/{len(run.selected)} checks passed · "
        f"{sum(r.status is Status.NOT_APPLICABLE for r in run.results.all())} not applicable · "
        f"{run.request_count} requests · {run.elapsed:.1f} s",
        "",
        f"Run: {metadata_line(meta)}",
        "",
        "| Check | Result | Operations | First failure |",
        "|---|---|---|---|",
    ]
    for row in summary_rows(run):
        fail = row["failure"]
        first = f"{fail['operation']}: {fail['message']}" if fail else (row["note"] or "")
        first = first.replace("|", "\\|")[:300]
        lines.append(
            f"| [{row['id']}](../conformance/CHECKS.md#{row['id'].lower()}) {row['title']} | {row['status']} "
            f"| {len(row['operations'])} | {first} |"
        )
    failing = [r for r in summary_rows(run) if r["failure"]]
    if failing:
        lines += ["", "## Failures", ""]
        number = {id(f): n for n, f in enumerate(numbered_findings(run), 1)}
        for row in failing:
            fail = row["failure"]
            lines += [f"### {row['id']} — {row['title']}", "", f"{fail['operation']}: {fail['message']}", ""]
            if fail["curl"]:
                lines += ["```sh", fail["curl"], "```", ""]
            finding = first_failure(run, row["id"])
            if report_dir and finding is not None and finding.exchange is not None:
                lines += [
                    f"Replay (failure {number[id(finding)]} in failures.json):",
                    "",
                    "```sh",
                    f"ccr-contract conformance replay {shlex.quote(report_dir)} --failure {number[id(finding)]}",
                    "```",
                    "",
                ]
    if run.cleanup_problems:
        lines += ["", "## Cleanup", ""] + [f"- {run.target.redactor.text(p)}" for p in run.cleanup_problems]
    return "\n".join(lines) + "\n"


CSS = """body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}.passed{color:#176f2c}
.failed{color:#b00020;font-weight:bold}.not{color:#8a6d00}pre{background:#f5f5f5;padding:.5rem;white-space:pre-wrap}"""


def render_html(run: SuiteRun) -> str:
    esc = html.escape
    shown_url = run.target.redactor.text(run.target.base_url)
    rows = []
    for row in summary_rows(run):
        fail = row["failure"]
        detail = ""
        if fail:
            detail = f"{esc(fail['operation'])}: {esc(fail['message'])}"
            if fail["curl"]:
                detail += f"<pre>{esc(fail['curl'])}</pre>"
        elif row["note"]:
            detail = esc(row["note"])
        cls = row["status"].split()[0]
        rows.append(
            f"<tr><td>{esc(row['id'])}</td><td>{esc(row['title'])}</td><td class='{cls}'>{esc(row['status'])}</td>"
            f"<td>{esc(', '.join(row['operations']))}</td><td>{detail}</td></tr>"
        )
    verdict = "PASS" if run.ok else "FAIL"
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>CCR conformance report</title>"
        f"<style>{CSS}</style></head><body><h1>CCR conformance report: {verdict}</h1>"
        f"<p>Target <code>{esc(shown_url)}</code>, access key <code>{esc(run.target.access_key)}</code>, "
        f"run id <code>{esc(run.workspace.run_id)}</code>, {run.request_count} requests, {run.elapsed:.1f} s.</p>"
        f"<p>Run: {esc(metadata_line(run_metadata(run)))}</p>"
        "<table><tr><th>Check</th><th>Rule</th><th>Result</th><th>Operations</th><th>First failure</th></tr>"
        + "".join(rows)
        + "</table></body></html>\n"
    )


def write_reports(run: SuiteRun, directory: Path) -> list[Path]:
    """Write every report into ``directory``; return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    junit = directory / "junit.xml"
    write_junit(run, junit)
    written.append(junit)
    meta = run_metadata(run)
    for name, text in (("report.md", render_markdown(run, str(directory))), ("report.html", render_html(run))):
        (directory / name).write_text(text, encoding="utf-8")
        written.append(directory / name)
    findings = numbered_findings(run)
    failing = [
        {
            "n": n,
            "check": f.check_id,
            "operation": f.operation,
            "message": run.target.redactor.text(f.message),
            "exchange": exchange_dict(run, f.exchange) if f.exchange is not None else None,
        }
        for n, f in enumerate(findings, 1)
    ]
    (directory / "failures.json").write_text(
        json.dumps({"run": meta, "failures": failing}, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    har = {
        "log": {
            "version": "1.2",
            "creator": {"name": "ccr-contract conformance", "version": meta["tool_version"]},
            "comment": metadata_line(meta),
            "_run": meta,
            "entries": [
                {**_har_entry(run, f.exchange), "comment": f"failure {n}: {f.check_id} on operation {f.operation}"}
                for n, f in enumerate(findings, 1)
                if f.exchange is not None
            ],
        }
    }
    (directory / "failures.har").write_text(json.dumps(har, indent=2, ensure_ascii=False), encoding="utf-8")
    (directory / "summary.json").write_text(
        json.dumps(
            {
                "run": meta,
                "ok": run.ok,
                "elapsed": round(run.elapsed, 2),
                "requests": run.request_count,
                "checks": summary_rows(run),
            },
            indent=2,
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    written += [directory / "failures.json", directory / "failures.har", directory / "summary.json"]
    return written
