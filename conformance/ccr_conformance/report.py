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
import re
import shlex
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from ccr_conformance import catalogue as catalogue_module
from ccr_conformance.invocation import program
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
        #: ``-H`` headers, values of secret-looking names redacted.
        "headers": run.target.redactor.headers(getattr(run.target, "extra_headers", {}) or {}),
    }


def run_command(run: SuiteRun) -> str:
    """The command line that repeats this run, with the executable the user ran (no secrets: the
    secret key comes from ``CCR_SK``; redacted ``-H`` values must be filled in)."""
    meta = run_metadata(run)
    words = ["conformance"]
    if not meta["embedded"]:
        words += ["--base-url", meta["base_url"], "--ak", meta["access_key"]]
    optional = (
        ("--instance-id", meta["instance_id"]),
        ("--project", meta["project"]),
        ("--repository", meta["repository"]),
        ("--checks", None if meta["checks"] == "all" else meta["checks"]),
    )
    words += [w for flag, value in optional if value is not None for w in (flag, str(value))]
    words += ["--seed", str(meta["seed"]), "--max-examples", str(meta["max_examples"])]
    if meta["workers"] != 1:
        words += ["--workers", str(meta["workers"])]
    if meta["timeout"] != 10.0:
        words += ["--timeout", f"{meta['timeout']:g}"]
    if meta["operations"] != "all":
        words += [w for op in meta["operations"] for w in ("--include-operation-id", op)]
    if meta["read_only"]:
        words.append("--read-only")
    for flag, value in (("--max-failures", meta["max_failures"]), ("--rate-limit", meta["rate_limit"])):
        if value is not None:
            words += [flag, f"{value:g}" if isinstance(value, float) else str(value)]
    for name, value in meta["headers"].items():
        words += ["-H", f"{name}: {value}"]
    return shlex.join([*program(), *words])


def replay_command(report_dir: str | Path, number: int) -> str:
    """``<the user's executable> conformance replay <absolute report dir> --failure N``: pasted from
    anywhere (the report may be read far from where the run started), it names the same folder."""
    where = str(Path(report_dir).resolve())
    return shlex.join([*program(), "conformance", "replay", where, "--failure", str(number)])


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
        "started": har_started(exchange) if exchange.started_at is not None else None,
        "curl": run.target.curl(exchange),
    }


#: HAR phases that add up to an entry's ``time`` (``ssl`` is part of ``connect``).
HAR_PHASES = ("blocked", "dns", "connect", "send", "wait", "receive")


def har_started(exchange: Exchange) -> str:
    """ISO 8601 UTC with milliseconds of the moment the request left (the epoch when unknown)."""
    moment = datetime.fromtimestamp(exchange.started_at or 0, UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def har_timings(exchange: Exchange) -> dict[str, float]:
    """The measured phases (see ``Target``); an exchange timed only as a whole waits all of it."""
    if exchange.timings:
        return dict(exchange.timings)
    return {"send": 0, "wait": round(exchange.elapsed * 1000, 3), "receive": 0}


def _har_entry(run: SuiteRun, exchange: Exchange) -> dict[str, Any]:
    from urllib.parse import parse_qsl, urlsplit

    data = exchange_dict(run, exchange)
    req, resp = data["request"], data["response"] or {"status": 0, "headers": {}, "body": ""}
    timings = har_timings(exchange)
    query = parse_qsl(urlsplit(req["url"]).query, keep_blank_values=True)
    return {
        "startedDateTime": har_started(exchange),
        "time": round(sum(timings.get(phase, -1) for phase in HAR_PHASES if timings.get(phase, -1) > 0), 3),
        "request": {
            "method": req["method"],
            "url": req["url"],
            "httpVersion": "HTTP/1.1",
            "headers": [{"name": k, "value": v} for k, v in req["headers"].items()],
            "queryString": [{"name": k, "value": v} for k, v in query],
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
        "timings": timings,
        "comment": f"operation {exchange.operation}",
    }


def summary_rows(run: SuiteRun) -> list[dict[str, Any]]:
    cat = run.catalogue
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


#: The files :func:`write_reports` writes, linked from ``report.md`` (relative to the report folder).
REPORT_FILES = ("report.html", "failures.json", "failures.har", "junit.xml", "summary.json")


def rule_text(check_id: str, markup: str, cat: catalogue_module.Catalogue) -> str:
    """A check's rule for a report (``markup``: ``"html"`` or ``"md"``).  Rules may quote the
    Authorization format (``bce-auth-v1/{ak}/...``); its slash is written as an entity so that no
    report file ever holds text shaped like a credential (what the secret scanners look for), while
    a reader sees the format unchanged."""
    rule = " ".join(cat.get(check_id).rule.split())
    if markup == "html":
        return html.escape(rule).replace("bce-auth-v1/", "bce-auth-v1&#47;")
    return _md(rule.replace("`", "")).replace("bce-auth-v1/", "bce-auth-v1&#47;")


def _md(text: str) -> str:
    """Text for a Markdown line or table cell: no table breaks, no accidental links, no raw HTML
    (a server's message is quoted, never rendered)."""
    for plain, escaped in (("\\", "\\\\"), ("|", "\\|"), ("[", "\\["), ("]", "\\]"), ("<", "&lt;"), ("\n", " ")):
        text = text.replace(plain, escaped)
    return text


def _fenced(text: str, language: str = "sh") -> list[str]:
    """A code block whose fence is longer than any run of backticks in ``text`` (a fuzzed body
    with backticks must not end the block and spill into the page)."""
    runs = [len(m) for m in re.findall(r"`+", text)]
    fence = "`" * max(3, max(runs, default=0) + 1)
    return [fence + language, text, fence, ""]


#: Characters of the answer's body shown under a failure in report.md (the HTML shows it whole).
MD_BODY_CHARS = 500


def _answer_lines(run: SuiteRun, exchange: Exchange) -> list[str]:
    """The request line and the server's answer (status, start of the body) of a failure, redacted."""
    red = run.target.redactor
    text = f"{exchange.method} {red.text(exchange.url)}\n\n"
    if exchange.status is None:
        text += f"no answer: {red.text(exchange.error or 'no response')}"
    else:
        text += f"answered {exchange.status}\n{red.body(exchange.response_body, limit=MD_BODY_CHARS)}".rstrip()
    return _fenced(text, "text")


def render_markdown(run: SuiteRun, report_dir: str | Path | None = None) -> str:
    """The summary for people.  Links are relative to the report folder (the files written with it:
    ``CHECKS.md`` explains every check id), never to a checkout; without ``report_dir`` (the
    Markdown alone) there are no links at all."""
    red = run.target.redactor
    shown_url = red.text(run.target.base_url)
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
        "Run it again:",
        "",
        *_fenced(run_command(run)),
    ]
    if report_dir is not None:
        lines += ["Files: " + " · ".join(f"[{name}]({name})" for name in REPORT_FILES), ""]
    lines += ["| Check | Result | Operations | First failure |", "|---|---|---|---|"]
    for row in summary_rows(run):
        fail = row["failure"]
        first = f"{fail['operation']}: {fail['message']}" if fail else (row["note"] or "")
        first = _md(first)[:300]
        lines.append(f"| {row['id']} {_md(row['title'])} | {row['status']} | {len(row['operations'])} | {first} |")
    failing = [r for r in summary_rows(run) if r["failure"]]
    if failing:
        lines += ["", "## Failures", ""]
        number = {id(f): n for n, f in enumerate(numbered_findings(run), 1)}
        for row in failing:
            fail = row["failure"]
            lines += [f"### {row['id']} — {row['title']}", "", f"> {rule_text(row['id'], 'md', run.catalogue)}", ""]
            lines += [_md(f"{fail['operation']}: {fail['message']}"), ""]
            finding = first_failure(run, row["id"])
            if finding is not None and finding.exchange is not None:
                lines += _answer_lines(run, finding.exchange)
            if fail["curl"]:
                lines += _fenced(fail["curl"])
            if report_dir is not None and finding is not None and finding.exchange is not None:
                lines += [f"Replay (failure {number[id(finding)]} in failures.json):", ""]
                lines += _fenced(replay_command(report_dir, number[id(finding)]))
    if run.cleanup_problems:
        lines += ["", "## Cleanup", ""] + [f"- {red.text(p)}" for p in run.cleanup_problems]
    return "\n".join(lines) + "\n"


CSS = """body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:80rem}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}
.passed{color:#176f2c}.failed,.not-run{color:#b00020;font-weight:bold}.not-applicable{color:#8a6d00}
pre{background:#f5f5f5;padding:.5rem;white-space:pre-wrap;word-break:break-all;margin:.3rem 0}
details.failure{border:1px solid #e3b4b4;border-radius:4px;margin:.5rem 0;padding:.3rem .6rem}
details.failure>summary{cursor:pointer;font-weight:600}h4{margin:.6rem 0 .2rem}
.rule{color:#555}.verdict-FAIL{color:#b00020}.verdict-PASS{color:#176f2c}"""

#: Failures shown whole (request, answer, replay) in the HTML; the rest are listed by number.
HTML_FULL_FAILURES = 100


def _pretty(body: str) -> str:
    """A JSON body indented (bodies are redacted before this), anything else as it is."""
    try:
        return json.dumps(json.loads(body), indent=2, ensure_ascii=False)
    except ValueError:
        return body


def _exchange_html(run: SuiteRun, exchange: Exchange) -> str:
    esc = html.escape
    data = exchange_dict(run, exchange)
    req = data["request"]
    request_text = f"{req['method']} {req['url']}\n" + "".join(f"{k}: {v}\n" for k, v in req["headers"].items())
    if req["body"]:
        request_text += "\n" + _pretty(req["body"])
    parts = [f"<h4>Request</h4><pre>{esc(request_text)}</pre>"]
    resp = data["response"]
    if resp is None:
        parts.append(f"<h4>Answer</h4><p>none: {esc(data['error'] or 'no response')}</p>")
    else:
        answer = f"{resp['status']} ({data['elapsed_seconds']:g} s)\n" + "".join(
            f"{k}: {v}\n" for k, v in resp["headers"].items()
        )
        if resp["body"]:
            answer += "\n" + _pretty(resp["body"])
        if data["error"]:
            answer += f"\n({data['error']})"
        parts.append(f"<h4>Answer</h4><pre>{esc(answer)}</pre>")
    return "".join(parts)


def _failure_html(run: SuiteRun, finding: Finding, n: int, report_dir: str | Path | None, open_: bool) -> str:
    esc = html.escape
    red = run.target.redactor
    head = f"Failure {n} · {finding.operation}: {red.text(finding.message)}"
    body = [f"<details class='failure' id='failure-{n}'{' open' if open_ else ''}><summary>{esc(head)}</summary>"]
    if finding.exchange is None:
        body.append("<p>No request recorded: this finding concerns the run as a whole.</p>")
    else:
        body.append(_exchange_html(run, finding.exchange))
        if report_dir is not None:
            body.append(f"<h4>Replay</h4><pre>{esc(replay_command(report_dir, n))}</pre>")
        body.append(f"<h4>curl</h4><pre>{esc(run.target.curl(finding.exchange))}</pre>")
    body.append("</details>")
    return "".join(body)


def render_html(run: SuiteRun, report_dir: str | Path | None = None) -> str:
    """One self-contained page (no scripts, styles or fonts from elsewhere) that leads with what
    failed: per failing check its rule and, per failure, the request, the answer and the replay
    command; then every check with its coverage as a count (the operations folded away)."""
    esc = html.escape
    red = run.target.redactor
    rows = summary_rows(run)
    numbered = {id(f): n for n, f in enumerate(numbered_findings(run), 1)}
    verdict = "PASS" if run.ok else "FAIL"
    failing = [r for r in rows if r["status"] not in (Status.PASSED.value, Status.NOT_APPLICABLE.value)]
    out = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>CCR conformance report: "
        f"{verdict}</title><style>{CSS}</style></head><body>",
        f"<h1>CCR conformance report: <span class='verdict-{verdict}'>{verdict}</span></h1>",
        f"<p>{len(failing)} of {len(rows)} checks failing · target <code>{esc(red.text(run.target.base_url))}</code>"
        f", access key <code>{esc(run.target.access_key)}</code>, run id <code>{esc(run.workspace.run_id)}</code>,"
        f" {run.request_count} requests, {run.elapsed:.1f} s.</p>",
        f"<p>Run: {esc(metadata_line(run_metadata(run)))}</p>",
        f"<p>Run it again:</p><pre>{esc(run_command(run))}</pre>",
    ]
    if failing:
        out.append(f"<h2 id='failures'>Failures ({len(failing)} failing check{'s' if len(failing) != 1 else ''})</h2>")
        out.append("<ul>")
        out += [
            f"<li><a href='#check-{esc(r['id'])}'>{esc(r['id'])}</a> {esc(r['title'])}: "
            f"{r['failures'] or esc(r['status'])}{' failures' if r['failures'] else ''}</li>"
            for r in failing
        ]
        out.append("</ul>")
        shown = 0
        rest: list[tuple[int, Finding]] = []
        for row in failing:
            out.append(
                f"<section id='check-{esc(row['id'])}'><h3>{esc(row['id'])} — {esc(row['title'])}</h3>"
                f"<p class='rule'>{rule_text(row['id'], 'html', run.catalogue)}</p>"
            )
            findings = run.results[row["id"]].findings
            if not findings:
                out.append(f"<p>{esc(row['status'])}: {esc(row['note'] or 'no request exercised this check')}</p>")
            for i, finding in enumerate(findings):
                n = numbered[id(finding)]
                if shown < HTML_FULL_FAILURES:
                    out.append(_failure_html(run, finding, n, report_dir, open_=i == 0))
                    shown += 1
                else:
                    rest.append((n, finding))
            dropped = run.results.dropped.get(row["id"], 0)
            if dropped:
                out.append(f"<p>… and {dropped} more failures of this check, not kept.</p>")
            out.append("</section>")
        if rest:
            out.append(
                f"<h3>More failures</h3><p>{len(rest)} more, shown whole in failures.json and failures.har:</p><ul>"
            )
            out += [
                f"<li>{n}: {esc(f.check_id)} · {esc(f.operation)}: {esc(red.text(f.message))}</li>" for n, f in rest
            ]
            out.append("</ul>")
    out.append(
        "<h2 id='checks'>All checks</h2><table><tr><th>Check</th><th>Rule</th><th>Result</th>"
        "<th>Coverage</th><th>Note</th></tr>"
    )
    for row in rows:
        ops = row["operations"]
        coverage = (
            f"<details><summary>{len(ops)} operation{'s' if len(ops) != 1 else ''}</summary>"
            f"{esc(', '.join(ops))}</details>"
            if ops
            else "—"
        )
        note = ""
        if row["failure"]:
            n = numbered[id(first_failure(run, row["id"]))]
            note = f"<a href='#failure-{n}'>failure {n}</a>: {esc(row['failure']['message'])}"
        elif row["note"]:
            note = esc(row["note"])
        cls = row["status"].replace(" ", "-")
        out.append(
            f"<tr><td>{esc(row['id'])}</td><td>{esc(row['title'])}</td><td class='{cls}'>{esc(row['status'])}</td>"
            f"<td>{coverage}</td><td>{note}</td></tr>"
        )
    out.append("</table>")
    if run.cleanup_problems:
        out.append("<h2>Cleanup</h2><ul>" + "".join(f"<li>{esc(red.text(p))}</li>" for p in run.cleanup_problems))
        out.append("</ul>")
    out.append("</body></html>\n")
    return "".join(out)


def write_reports(run: SuiteRun, directory: Path) -> list[Path]:
    """Write every report into ``directory``; return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    junit = directory / "junit.xml"
    write_junit(run, junit)
    written.append(junit)
    meta = run_metadata(run)
    pages = (
        ("report.md", render_markdown(run, directory)),
        ("report.html", render_html(run, directory)),
    )
    for name, text in pages:
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
