"""Replay one failure of a report: re-send the recorded request, show the new answer, judge the rule.

``ccr-contract conformance replay REPORT_DIR --failure N`` (or ``--check ID [--operation OP]``) reads
``failures.json`` (failure N is the N-th entry, numbered in the file and in ``report.md``), rebuilds
the request and sends it again:

* Reports never hold secrets, so the request is rebuilt from the redacted record: the Authorization
  and ``x-bce-date`` headers are dropped and, for a request the run signed with the caller's key pair,
  the request is signed afresh (``--ak``/``--sk`` or ``CCR_AK``/``CCR_SK``).  A request whose
  Authorization was made wrong on purpose (the AUTH checks) cannot be rebuilt from a report; the
  command says so and prints the ``ccr-contract conformance`` line that re-runs that check on that
  operation.  A redacted value in the body (a registry password the run wrote) is replaced by a fresh
  password carrying the run's marker, so SECRET-001 can still be judged.
* Target: ``--base-url``, else the run's base URL; a report of a run against the embedded reference
  server is replayed against a fresh embedded server (with fresh keys; the run's fixtures are not
  there, so a request naming one answers 404).
* A request that changes state (anything but GET/HEAD/OPTIONS) is sent to a server you named only with
  ``--allow-write``.
* The verdict: STRUCT and SECRET checks are judged on the new response exactly as the suite judges
  every response.  Other checks' rules need more than one exchange; their verdict compares the new
  answer with the recorded one (same status and BCE error code: still fails; different: changed, and
  the re-run line confirms).

Exit status: 0 the rule holds now, 1 it still fails, 2 usage error or not replayable, 3 the answer
changed but one exchange cannot decide (re-run the check).
"""

from __future__ import annotations

import json
import secrets
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ccr_conformance.invocation import program

REDACTED = "[REDACTED]"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DROPPED_HEADERS = frozenset({"authorization", "x-bce-date", "host", "content-length", "connection"})
HOLDS, FAILS, UNDECIDED = 0, 1, 3


class ReplayError(ValueError):
    """The failure cannot be replayed (one line, exit 2)."""


@dataclass
class Report:
    directory: Path
    meta: dict[str, Any]
    failures: list[dict[str, Any]]


@dataclass
class Verdict:
    code: int  # HOLDS, FAILS or UNDECIDED
    text: str


@dataclass
class Prepared:
    method: str
    path: str  # percent-encoded path below the base URL
    query: str
    headers: dict[str, str]
    body: bytes | None
    signed: bool
    notes: list[str] = field(default_factory=list)
    passwords: list[str] = field(default_factory=list)


def load_report(location: str | Path) -> Report:
    """Read ``failures.json`` from a report folder (or the file itself)."""
    path = Path(location)
    if path.is_dir():
        path = path / "failures.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReplayError(f"{path}: not found (pass the folder given to --report)") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ReplayError(f"{path}: cannot be read as a report ({exc})") from None
    if isinstance(data, list):  # a report written before failures were numbered
        meta, failures = {}, [dict(f, n=n) for n, f in enumerate(data, 1)]
    elif isinstance(data, dict) and isinstance(data.get("failures"), list):
        meta, failures = data.get("run") or {}, data["failures"]
    else:
        raise ReplayError(f"{path}: not a failures.json written by ccr-contract conformance")
    return Report(path.parent, meta, failures)


def pick(report: Report, number: int | None = None, check: str | None = None, operation: str | None = None) -> dict:
    """The failure named by ``--failure N`` or by ``--check`` (and ``--operation``)."""
    if not report.failures:
        raise ReplayError(f"{report.directory}: the report has no failures to replay")
    if number is not None:
        for failure in report.failures:
            if failure.get("n") == number:
                return failure
        raise ReplayError(f"--failure {number}: the report has failures 1 to {len(report.failures)}")
    for failure in report.failures:
        if check and str(failure.get("check", "")).upper() != check.upper():
            continue
        if operation and failure.get("operation") != operation:
            continue
        return failure
    wanted = " ".join(f"{flag} {v}" for flag, v in (("--check", check), ("--operation", operation)) if v)
    raise ReplayError(f"no failure in the report matches {wanted}")


def listing(report: Report) -> list[str]:
    lines = []
    for failure in report.failures:
        exchange = failure.get("exchange") or {}
        request = exchange.get("request") or {}
        what = f"{request.get('method', '?')} {request.get('url', '')}" if request else "(no request recorded)"
        lines.append(f"{failure.get('n')}\t{failure.get('check')}\t{failure.get('operation')}\t{what}")
    return lines


def rerun_command(report: Report, failure: dict[str, Any], base_url: str | None) -> str:
    """The ``ccr-contract conformance`` line that re-runs the failure's check on its operation."""
    parts = [*program(), "conformance", "--checks", str(failure.get("check"))]
    operation = failure.get("operation")
    if operation and not str(operation).startswith("("):
        parts += ["--include-operation-id", str(operation)]
    url = base_url or (None if report.meta.get("embedded") else report.meta.get("base_url"))
    if url:
        parts += ["--base-url", str(url)]
    if report.meta.get("seed") is not None:
        parts += ["--seed", str(report.meta["seed"])]
    return shlex.join(parts)


def prepare(report: Report, failure: dict[str, Any], recorded_base: str) -> Prepared:
    """The request to send again, relative to the recorded base URL."""
    exchange = failure.get("exchange")
    if not exchange or not exchange.get("request"):
        raise ReplayError(f"failure {failure.get('n')} ({failure.get('check')}) recorded no request to replay")
    request = exchange["request"]
    method = str(request["method"]).upper()
    url = str(request["url"])
    base = recorded_base.rstrip("/")
    if not url.startswith(base):
        raise ReplayError(f"failure {failure.get('n')}: its URL {url} is not below the run's base URL {base}")
    rest = url[len(base) :]
    path, _, query = rest.partition("?")
    headers: dict[str, str] = dict(request.get("headers") or {})
    had_authorization = any(k.lower() == "authorization" for k in headers)
    signed = request.get("signed", had_authorization)
    if had_authorization and not signed:
        raise ReplayError(
            f"failure {failure.get('n')} ({failure.get('check')}) sent an Authorization made wrong on purpose, "
            "which reports never keep; re-run the check instead: " + rerun_command(report, failure, None)
        )
    if REDACTED in path or REDACTED in query:
        raise ReplayError(f"failure {failure.get('n')}: its URL has a redacted part and cannot be sent again")
    prepared = Prepared(method, path or "/", query, {}, None, bool(signed))
    for name, value in headers.items():
        if name.lower() in DROPPED_HEADERS:
            continue
        if REDACTED in str(value):
            prepared.notes.append(f"header {name} was redacted in the report; not sent (give it with -H)")
            continue
        prepared.headers[name] = str(value)
    body = request.get("body") or ""
    size = request.get("body_bytes")
    if body:
        if (size is not None and len(body.encode("utf-8")) < size and REDACTED not in body) or body.endswith(
            "more bytes)"
        ):
            raise ReplayError(f"failure {failure.get('n')}: the report kept only part of the request body")
        if REDACTED in body:
            run_id = str(report.meta.get("run_id") or "replay")
            pieces = body.split(REDACTED)
            passwords = [f"ccrconfpw{run_id}{secrets.token_hex(6)}" for _ in pieces[1:]]
            body = pieces[0] + "".join(pw + piece for pw, piece in zip(passwords, pieces[1:], strict=True))
            prepared.passwords = passwords
            prepared.notes.append(
                f"{len(passwords)} redacted value(s) in the body replaced by fresh passwords with the run's marker"
            )
        prepared.body = body.encode("utf-8")
    return prepared


def with_headers(prepared: Prepared, headers: dict[str, str]) -> None:
    """Send ``headers`` (``-H``) instead of recorded headers of the same names."""
    names = {name.lower() for name in headers}
    prepared.headers = {k: v for k, v in prepared.headers.items() if k.lower() not in names}
    prepared.headers.update(headers)
    prepared.notes = [
        note for note in prepared.notes if not any(note.lower().startswith(f"header {n} ") for n in names)
    ]


def judge(check_id: str, failure: dict[str, Any], exchange: Any, run_id: str, secret_key: str) -> Verdict:
    """Does ``check_id``'s rule still fail on the new ``exchange``?"""
    if exchange.status is None:
        return Verdict(UNDECIDED, f"no answer: {exchange.error}")
    check = check_id.upper()
    try:
        if check.startswith("STRUCT-"):
            from ccr_conformance.checks import structure
            from ccr_conformance.contract import Contract

            operation = failure.get("operation")
            verdicts = structure.judge(
                Contract(),
                None if not operation or str(operation).startswith("(") else operation,
                exchange.status,
                exchange.response_headers,
                exchange.response_body,
                exchange.method,
            )
            return _from_verdicts(check, verdicts)
        if check.startswith("SECRET-"):
            from ccr_conformance.checks import secrets as secret_checks

            verdicts = secret_checks.scan(
                exchange.response_body, exchange.response_headers, f"ccrconfpw{run_id}", secret_key
            )
            return _from_verdicts(check, verdicts)
    except Exception as exc:  # the judges changed shape: fall back to comparing answers
        note = f" (the {check} judge could not run: {type(exc).__name__})"
    else:
        note = ""
    return _compare(failure, exchange, note)


def _from_verdicts(check: str, verdicts: list[tuple[str, str | None]]) -> Verdict:
    for check_id, problem in verdicts:
        if check_id == check:
            if problem is None:
                return Verdict(HOLDS, f"{check} holds on the new answer")
            return Verdict(FAILS, f"{check} still fails: {problem}")
    return Verdict(UNDECIDED, f"{check} does not apply to the new answer")


def _bce_code(body: bytes | str | None) -> str | None:
    try:
        data = json.loads(body) if body else None
    except (ValueError, TypeError):
        return None
    return data.get("code") if isinstance(data, dict) and isinstance(data.get("code"), str) else None


def _compare(failure: dict[str, Any], exchange: Any, note: str = "") -> Verdict:
    recorded = (failure.get("exchange") or {}).get("response") or {}
    was_status, was_code = recorded.get("status"), _bce_code(recorded.get("body"))
    now_code = _bce_code(exchange.response_body)
    was = f"{was_status}" + (f" {was_code}" if was_code else "")
    now = f"{exchange.status}" + (f" {now_code}" if now_code else "")
    check = failure.get("check")
    if was_status == exchange.status and was_code == now_code:
        return Verdict(FAILS, f"{check} still fails (judged by comparison: the same answer, {now}, as recorded){note}")
    return Verdict(
        UNDECIDED,
        f"{check}: the answer changed (recorded {was}, now {now}); one exchange cannot decide this rule{note}",
    )


def replay(
    location: str | Path,
    *,
    number: int | None = None,
    check: str | None = None,
    operation: str | None = None,
    base_url: str | None = None,
    access_key: str | None = None,
    secret_key: str | None = None,
    timeout: float = 10.0,
    allow_write: bool = False,
    headers: dict[str, str] | None = None,
    out: Callable[[str], None] = print,
) -> int:
    """Replay one failure and print what happened; return the exit status (see the module doc).

    ``headers`` (``-H``) are sent too, replacing recorded headers of the same name: that is how a
    header the report redacted (a gateway token) is given again."""
    report = load_report(location)
    if number is None and check is None and operation is None:
        out(f"{len(report.failures)} failure(s) in {report.directory} (n, check, operation, request):")
        for line in listing(report):
            out(line)
        return 0
    failure = pick(report, number, check, operation)
    recorded_base = str(report.meta.get("base_url") or "")
    if not recorded_base:
        parts = urlsplit(str(((failure.get("exchange") or {}).get("request") or {}).get("url", "")))
        recorded_base = f"{parts.scheme}://{parts.netloc}"
    prepared = prepare(report, failure, recorded_base)
    with_headers(prepared, headers or {})
    embedded = base_url is None and bool(report.meta.get("embedded"))
    if base_url is None and not embedded:
        if REDACTED in recorded_base:
            raise ReplayError("the report's base URL is redacted; pass --base-url")
        base_url = recorded_base
    if not embedded and prepared.method not in SAFE_METHODS and not allow_write:
        raise ReplayError(
            f"failure {failure.get('n')} is a {prepared.method}, which changes state on {base_url}; "
            "pass --allow-write to send it"
        )
    if embedded:
        return _replay_embedded(report, failure, prepared, timeout, out)
    if prepared.signed and (not access_key or not secret_key):
        raise ReplayError("the request is signed afresh: pass --ak and --sk (or set CCR_AK and CCR_SK)")
    assert base_url is not None
    return _send_and_judge(report, failure, prepared, base_url, access_key or "", secret_key or "", timeout, out)


def _replay_embedded(
    report: Report, failure: dict[str, Any], prepared: Prepared, timeout: float, out: Callable[[str], None]
) -> int:
    import logging

    from ccr_contract.liveserver import serve_in_thread
    from ccr_contract.server import create_app

    logging.getLogger("uvicorn.error").setLevel(logging.ERROR)
    ak, sk = "ccrreplay-" + secrets.token_hex(6), secrets.token_hex(20)
    out("the report comes from the embedded reference server: replaying against a fresh one (its fixtures are gone)")
    with serve_in_thread(create_app(credentials={ak: sk})) as url:
        return _send_and_judge(report, failure, prepared, url, ak, sk, timeout, out)


def _send_and_judge(
    report: Report,
    failure: dict[str, Any],
    prepared: Prepared,
    base_url: str,
    access_key: str,
    secret_key: str,
    timeout: float,
    out: Callable[[str], None],
) -> int:
    from ccr_conformance.target import Target, looks_secret

    try:
        target = Target(base_url, access_key, secret_key, timeout=timeout)
    except ValueError as exc:
        raise ReplayError(str(exc)) from None
    run_id = str(report.meta.get("run_id") or "replay")
    for password in prepared.passwords:
        target.redactor.add(password)
    for name, value in prepared.headers.items():
        if looks_secret(name):
            target.redactor.add(value)
    target.redactor.add_pattern(f"ccrconfpw{run_id}[0-9a-f]*")
    red = target.redactor
    try:
        exchange = target.send(
            prepared.method,
            prepared.path,
            query=prepared.query,
            body=prepared.body,
            headers=prepared.headers,
            sign=prepared.signed,
            operation=str(failure.get("operation") or "(run)"),
        )
    finally:
        target.close()
    recorded = (failure.get("exchange") or {}).get("response") or {}
    out(f"failure {failure.get('n')} of {len(report.failures)}: {failure.get('check')} on {failure.get('operation')}")
    out(f"recorded: {red.text(str(failure.get('message', '')))}")
    if recorded:
        out(f"recorded answer: {recorded.get('status')}")
    how = f"signed afresh as {access_key}" if prepared.signed else "unsigned, as recorded"
    out(f"replayed: {prepared.method} {red.text(exchange.url)} ({how})")
    for note in prepared.notes:
        out(f"  note: {note}")
    if exchange.status is None:
        out(f"answer: none ({red.text(exchange.error or '')})")
    else:
        out(
            f"answer: {exchange.status}, {red.text(exchange.content_type) or 'no content type'}, "
            f"{len(exchange.response_body)} bytes, {exchange.elapsed:.2f} s"
        )
        for name, value in red.headers(exchange.response_headers).items():
            out(f"  {name}: {value}")
        if exchange.response_body:
            out(red.body(exchange.response_body, limit=2000))
    verdict = judge(str(failure.get("check", "")), failure, exchange, run_id, secret_key)
    label = {HOLDS: "HOLDS", FAILS: "STILL FAILS", UNDECIDED: "UNDECIDED"}[verdict.code]
    out(f"verdict: {label} — {red.text(verdict.text)}")
    if verdict.code == UNDECIDED:
        out(f"re-run the check: {rerun_command(report, failure, None if report.meta.get('embedded') else base_url)}")
    return verdict.code
