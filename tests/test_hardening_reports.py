"""Issue 13, reports: nothing secret in any report format (HAR, JSON, Markdown, HTML, JUnit).

Runs the suite against servers that leak on purpose, writes every report, and scans every file for
the secret key (also base64-encoded), every registry password the run wrote (the marker and its
random part), any ``bce-auth-v1`` value (also with JSON-escaped or percent-encoded slashes) and URL
credentials.  The leaking servers: the reference server with its passwords listed back, the secret
key in signature errors and the ``ak:sk`` pair base64-encoded in 403s (tests/broken_servers.py),
and an echoing server of this file that quotes the request's Authorization, its body and a URL with
credentials in every answer.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
from pathlib import Path
from typing import Any

import pytest
from broken_servers import BROKEN, Broken, Req, Resp, secret_key_base64_in_errors
from ccr_conformance.report import write_reports
from ccr_conformance.runner import SuiteOptions, SuiteRun, run_suite
from ccr_conformance.target import REDACTED, Redactor
from ccr_conformance.workspace import Workspace

from ccr_contract.liveserver import serve_in_thread
from ccr_contract.server import create_app

URL_PASSWORD = "hunter2-url-" + secrets.token_hex(4)
#: A bce-auth-v1 *value* (the scheme name alone, e.g. in "expected bce-auth-v1", is not a credential).
AUTH_TEXT = re.compile(r"(?i)bce-auth-v1(?:/|\\/|%2F)")
CHECKS = "SECRET-001,SECRET-002,AUTH-003,AUTH-004,STRUCT-004,SCHEMA-002"


def echoing(app: Any, creds: dict[str, str]) -> Any:
    """Every answer echoes the request: an ``x-echo-authorization`` header, and in the body the
    Authorization three ways (as sent, with JSON-escaped slashes, percent-encoded), the request body
    (which carries the run's registry passwords) and a registry URL with credentials."""

    def on_response(req: Req, resp: Resp) -> None:
        auth = req.headers.get("authorization", "")
        resp.headers["x-echo-authorization"] = auth
        data = resp.json()
        if not isinstance(data, dict):
            return
        data["echo"] = {
            "authorization": auth,
            "escaped": "@ESCAPED@",
            "query": "authorization=" + auth.replace("/", "%2F"),
            "body": req.body.decode("utf-8", "replace"),
            "registry": f"https://admin:{URL_PASSWORD}@registry.example/v2/",
        }
        if isinstance(data.get("message"), str):
            data["message"] += f" (you sent {auth}, {req.body.decode('utf-8', 'replace')})"
        resp.set_json(data)
        resp.body = resp.body.replace(b"@ESCAPED@", auth.replace("/", "\\/").encode())

    return Broken(app, creds, on_response=on_response)


def failing(app: Any, creds: dict[str, str]) -> Any:
    """Lists passwords back, explains signature errors with the secret key, and puts ``ak:sk``
    base64-encoded into 403 messages."""
    return secret_key_base64_in_errors(BROKEN["SECRET-002"](BROKEN["SECRET-001"](app, creds), creds), creds)


def run_against(wrap: Any, tmp_path: Path) -> tuple[SuiteRun, str, str, list[Path]]:
    """Run the suite against ``wrap(reference app)`` and write every report into ``tmp_path``."""
    ak, sk = "ak-" + secrets.token_hex(3), "sk-" + secrets.token_hex(16)
    app = wrap(create_app(credentials={ak: sk}, probe_timeout=0.5, execution_seconds=30), {ak: sk})
    with serve_in_thread(app) as base_url:
        run = run_suite(SuiteOptions(base_url, ak, sk, checks=CHECKS, max_examples=2, timeout=5))
    paths = write_reports(run, tmp_path)
    return run, ak, sk, paths


def leaks(text: str, run: SuiteRun, ak: str, sk: str, passwords: list[str]) -> list[str]:
    found = []
    marker = run.workspace.marker
    if sk in text:
        found.append("the secret key")
    if base64.b64encode(f"{ak}:{sk}".encode()).decode()[8:-4] in text:
        found.append("the key pair, base64")
    if marker in text:
        found.append("a registry password (its marker)")
    # A password is the marker plus a short random part ("Z" and two digits: 20 characters at most),
    # too short to look for on its own (it matches fuzzed text by chance).  The failure mode this
    # guards is redacting the marker alone, which leaves the random part right after the mark.
    if any(f"{REDACTED}{password[len(marker) :]}" in text for password in passwords):
        found.append("a registry password (its random part, after a redacted marker)")
    if AUTH_TEXT.search(text):
        found.append("a bce-auth-v1 value")
    if URL_PASSWORD in text:
        found.append("a URL's password")
    return found


@pytest.mark.slow
@pytest.mark.parametrize("wrap", [echoing, failing], ids=["echoing", "failing"])
def test_no_report_carries_a_secret(wrap: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    passwords: list[str] = []
    issue = Workspace.password

    def recorded(self: Workspace) -> str:
        passwords.append(issue(self))
        return passwords[-1]

    monkeypatch.setattr(Workspace, "password", recorded)
    run, ak, sk, paths = run_against(wrap, tmp_path)
    assert passwords  # the run wrote registry passwords, and the servers sent them back
    assert not run.ok  # both servers fail checks, so the reports do carry exchanges
    names = {p.name for p in paths}
    assert {"junit.xml", "report.md", "report.html", "failures.json", "failures.har", "summary.json"} <= names
    har = json.loads((tmp_path / "failures.har").read_text(encoding="utf-8"))
    assert har["log"]["entries"], "the HAR holds the failing exchanges"
    everything = ""
    for path in paths:
        text = path.read_text(encoding="utf-8")
        everything += text
        assert leaks(text, run, ak, sk, passwords) == [], path.name
    assert REDACTED in everything  # the secrets were there, and were redacted
    if wrap is echoing:
        assert "x-echo-authorization" in everything  # the echoed header made it into the report, redacted


# --------------------------------------------------------------------------- the redactor itself


def test_a_password_is_redacted_whole_not_just_its_marker() -> None:
    """The marker used to be replaced as a literal first, which left the random part visible."""
    red = Redactor()
    red.add("ccrconfpwabcd1234")
    red.add_pattern("ccrconfpwabcd1234[0-9a-f]*")
    assert red.text('{"accessSecret": "ccrconfpwabcd12349f8e7d6c5b4a"}') == '{"accessSecret": "[REDACTED]"}'


@pytest.mark.parametrize(
    "shown",
    [
        "Authorization: bce-auth-v1/ak/2026-01-01T00:00:00Z/1800/host;x-bce-date/" + "0a" * 32,
        '{"m": "bce-auth-v1\\/ak\\/2026-01-01T00:00:00Z\\/1800\\/host\\/' + "0a" * 32 + '"}',
        "?authorization=bce-auth-v1%2Fak%2F2026-01-01T00%3A00%3A00Z%2F1800%2Fhost%2F" + "0a" * 32 + "&x=1",
        "BCE-AUTH-V1/AK/x",
    ],
)
def test_any_bce_auth_value_is_redacted(shown: str) -> None:
    out = Redactor().text(shown)
    assert not AUTH_TEXT.search(out) and "0a0a0a" not in out, out


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://admin:pw@reg.example/v2", "https://[REDACTED]@reg.example/v2"),
        ("http://token@reg.example", "http://[REDACTED]@reg.example"),
        ("http://reg.example/a@b", "http://reg.example/a@b"),
    ],
)
def test_url_credentials_are_redacted(url: str, shown: str) -> None:
    assert Redactor().text(url) == shown


def test_a_secret_is_redacted_in_base64_at_any_alignment() -> None:
    sk = "sk-" + secrets.token_hex(16)
    red = Redactor([sk])
    for prefix in ("", "a", "ab", "abc:"):
        shown = red.text(base64.b64encode(f"{prefix}{sk}".encode()).decode())
        assert REDACTED in shown and len(shown.replace(REDACTED, "")) <= 12, shown  # at most the edges


def test_the_leak_detector_sees_a_random_part_left_behind_by_a_marker_only_redaction() -> None:
    from types import SimpleNamespace

    run: Any = SimpleNamespace(workspace=SimpleNamespace(marker="ccrconfpw0123abcd"))
    password, keys = "ccrconfpw0123abcdZ14", ("ak-0123456789", "sk-0123456789abcdef")
    assert leaks(f'{{"accessSecret": "{REDACTED}Z14"}}', run, *keys, [password])
    assert leaks(f'{{"accessSecret": "{REDACTED}", "fuzz": "xZ14y"}}', run, *keys, [password]) == []
    assert leaks(f'{{"accessSecret": "{password}"}}', run, *keys, [password])
