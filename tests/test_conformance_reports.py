"""Issue 18, reports a person can act on: the HTML leads with the failures (request, answer, replay
command), report.md's links resolve from the report folder alone, HAR times are real, printed
commands name the executable the user ran, ``-H`` reaches every request (schemathesis's too) and
``-v`` prints each exchange, and nothing secret shows anywhere.

One run does most of the work: ``python -m ccr_cli conformance`` in a subprocess started in a folder
outside the checkout, against a reference server behind a gateway that answers 403 unless the two
``-H`` headers are present, and that quotes the secret one plus some HTML in every error message.
"""

from __future__ import annotations

import json
import re
import secrets
import shlex
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from broken_servers import BROKEN, Broken, Req, Resp, bce_error
from ccr_conformance import invocation
from ccr_conformance.results import Exchange
from ccr_conformance.target import REDACTED, Redactor, Target, har_timings, looks_secret, parse_headers

from ccr_cli.main import main
from ccr_contract.liveserver import serve_in_thread
from ccr_contract.server import create_app

API_KEY = "gw-" + secrets.token_hex(12)
HOSTILE = "<script>alert(1)</script></pre><b>bold</b>"
#: ``-v`` lines: method, path, arrow, status (or error), duration, operation.
VERBOSE = re.compile(r"^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) /\S* -> (\d{3}|error: .*) \d+ ms \[[^\]]+\]$")


def gateway(app: Any, creds: dict[str, str], seen: dict[str, list[str]]) -> Any:
    """403 unless ``X-Gateway: open`` and the right ``X-Api-Key``; error bodies quote the key (and
    answers echo it in a header) and some HTML: reports must redact the one and escape the other."""

    def on_request(req: Req) -> Resp | None:
        agent = req.headers.get("user-agent", "")
        if req.headers.get("x-gateway") != "open" or req.headers.get("x-api-key") != API_KEY:
            seen["missing"].append(f"{req.method} {req.path} ({agent})")
            return bce_error(403, "GatewayClosed", "no gateway headers")
        seen["agents"].append(agent)
        return None

    def on_response(req: Req, resp: Resp) -> None:
        data = resp.json()
        resp.headers["x-echo-key"] = req.headers.get("x-api-key", "")
        if resp.status >= 400 and isinstance(data, dict):
            data["detail"] = f"{HOSTILE} (key {req.headers.get('x-api-key')})"
            resp.set_json(data)

    return Broken(app, creds, on_request=on_request, on_response=on_response)


@pytest.fixture(scope="module")
def gated_run(tmp_path_factory: pytest.TempPathFactory) -> Any:
    ak, sk = "ak-" + secrets.token_hex(3), "sk-" + secrets.token_hex(16)
    creds = {ak: sk}
    seen: dict[str, list[str]] = {"missing": [], "agents": []}
    cwd = tmp_path_factory.mktemp("elsewhere")  # not the checkout: links and commands must work from here
    app = gateway(BROKEN["STRUCT-004"](create_app(credentials=creds), creds), creds, seen)
    with serve_in_thread(app) as url:
        command = [sys.executable, "-m", "ccr_cli", "conformance", "--base-url", url, "--ak", ak]
        command += ["--checks", "STRUCT-004,AUTH-002,SCHEMA-002", "--tag", "registries", "--max-examples", "1"]
        command += ["-H", "X-Gateway: open", "-H", f"X-Api-Key: {API_KEY}", "-v", "--report", "rep"]
        before = time.time()
        proc = subprocess.run(
            command, cwd=cwd, capture_output=True, text=True, timeout=300, env={"CCR_SK": sk, "PATH": ""}
        )
        after = time.time()
    yield {
        "proc": proc,
        "dir": cwd / "rep",
        "seen": seen,
        "sk": sk,
        "window": (before, after),
        "program": shlex.join([sys.executable, "-m", "ccr_cli"]),
    }


def report_files(run: Any) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in run["dir"].iterdir()}


def test_the_run_fails_on_the_broken_server_and_every_request_carried_the_headers(gated_run: Any) -> None:
    proc = gated_run["proc"]
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert gated_run["seen"]["missing"] == []  # the suite's own requests and schemathesis's alike
    agents = gated_run["seen"]["agents"]
    assert any(a.startswith("schemathesis/") for a in agents), set(agents)
    assert any(a.startswith("python-httpx/") for a in agents), set(agents)
    # extra headers are not signed, so the reference server's signature check still passes:
    summary = json.loads((gated_run["dir"] / "summary.json").read_text())
    by_id = {row["id"]: row["status"] for row in summary["checks"]}
    assert by_id == {"STRUCT-004": "failed", "AUTH-002": "passed", "SCHEMA-002": "passed"}
    assert summary["run"]["headers"] == {"X-Gateway": "open", "X-Api-Key": REDACTED}


def test_no_secret_in_reports_output_or_verbose_lines(gated_run: Any) -> None:
    proc = gated_run["proc"]
    texts = {"stdout": proc.stdout, "stderr": proc.stderr, **report_files(gated_run)}
    for name, text in texts.items():
        assert API_KEY not in text, name
        assert gated_run["sk"] not in text, name
    assert "X-Api-Key: [REDACTED]" in texts["report.html"]


def test_html_leads_with_failures_showing_request_answer_and_replay(gated_run: Any) -> None:
    page = (gated_run["dir"] / "report.html").read_text(encoding="utf-8")
    failures = json.loads((gated_run["dir"] / "failures.json").read_text())["failures"]
    assert failures and page.index("id='failures'") < page.index("id='checks'")
    assert page.index("href='#check-STRUCT-004'") < page.index("id='check-STRUCT-004'")  # a list of what failed
    first_struct = next(f for f in failures if f["check"] == "STRUCT-004" and f["exchange"])
    n = first_struct["n"]
    block = page[page.index(f"id='failure-{n}'") :]
    block = block[: block.index("</details>")]
    request = first_struct["exchange"]["request"]
    assert f"{request['method']} {request['url']}" in block
    assert "X-Gateway: open" in block and "Authorization: [REDACTED]" in block
    assert f"<h4>Answer</h4><pre>{first_struct['exchange']['response']['status']} " in block
    replay = shlex.join([*shlex.split(gated_run["program"]), "conformance", "replay"])
    assert f"{replay} {gated_run['dir'].resolve()} --failure {n}" in block.replace("&#x27;", "'")
    assert "<h4>curl</h4>" in block


def test_html_summarises_coverage_and_is_self_contained_and_escaped(gated_run: Any) -> None:
    page = (gated_run["dir"] / "report.html").read_text(encoding="utf-8")
    table = page[page.index("id='checks'") :]
    assert re.search(r"<details><summary>\d+ operations</summary>", table)
    for row in re.findall(r"<tr>.*?</tr>", table):  # operation names only inside the folded list
        outside = re.sub(r"<details>.*?</details>", "", row)
        assert "listRegistries" not in outside and "createRegistry" not in outside
    assert HOSTILE not in page and "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r"""(?i)<link|<img|\ssrc=|@import|url\(|href=['"]?(https?:)?//""", page)


def test_markdown_links_resolve_from_the_report_folder(gated_run: Any) -> None:
    text = (gated_run["dir"] / "report.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    assert "failures.json" in links and "report.html" in links
    for link in links:
        if re.match(r"^[a-z][a-z0-9+.-]*://", link):
            continue
        assert ".." not in link and not link.startswith("/"), link
        assert (gated_run["dir"] / link.split("#")[0]).is_file(), link
    assert "../" not in text and "](conformance/" not in text
    prose = re.sub(r"(?ms)^(`{3,})[a-z]*\n.*?^\1$", "", text)  # code blocks show server text literally
    assert HOSTILE in text and HOSTILE not in prose and "<script" not in prose


def test_printed_commands_use_the_executable_that_ran(gated_run: Any) -> None:
    text = (gated_run["dir"] / "report.md").read_text(encoding="utf-8")
    program = gated_run["program"]
    commands = [line for line in text.splitlines() if "conformance replay" in line or " conformance --" in line]
    assert commands and all(line.startswith(program + " conformance") for line in commands), commands
    rerun = next(line for line in commands if " conformance --" in line)
    assert "--tag" not in rerun and "--include-operation-id listRegistries" in rerun
    assert "-H 'X-Gateway: open'" in rerun and "-H 'X-Api-Key: [REDACTED]'" in rerun
    assert f"{program} sign --method" in text  # the curl lines' signer too


def test_har_times_are_when_the_requests_left(gated_run: Any) -> None:
    har = json.loads((gated_run["dir"] / "failures.har").read_text())
    before, after = gated_run["window"]
    entries = har["log"]["entries"]
    assert entries
    for entry in entries:
        started = datetime.fromisoformat(entry["startedDateTime"].replace("Z", "+00:00")).timestamp()
        assert before - 1 <= started <= after, entry["startedDateTime"]
        timings = entry["timings"]
        assert all(timings[k] >= 0 for k in ("send", "wait", "receive"))
        parts = sum(v for k, v in timings.items() if k != "ssl" and v > 0)
        assert entry["time"] == pytest.approx(parts, abs=0.01)
    assert any(set(e["timings"]) >= {"blocked", "connect", "send", "wait", "receive"} for e in entries)


def test_verbose_prints_each_exchange_beside_the_progress(gated_run: Any) -> None:
    proc = gated_run["proc"]
    lines = proc.stderr.splitlines()
    exchanges = [line for line in lines if VERBOSE.match(line)]
    summary = json.loads((gated_run["dir"] / "summary.json").read_text())
    # one line per request: the suite's own and schemathesis's
    assert len(exchanges) == summary["requests"], proc.stderr[-2000:]
    assert any(line.endswith("[schemathesis]") for line in exchanges)
    assert any("[listRegistries]" in line for line in exchanges)
    assert any(re.match(r"^\[\d+/\d+\] preflight", line) for line in lines)  # progress still there
    assert all(VERBOSE.match(line) or line.startswith(("[", "conformance against")) for line in lines), lines


def test_quiet_and_verbose_print_only_exchanges(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["conformance", "--checks", "AUTH-002", "--max-examples", "1", "--quiet", "-v"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err and all(VERBOSE.match(line) for line in err), err


def test_quiet_alone_prints_no_exchange(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["conformance", "--checks", "AUTH-002", "--max-examples", "1", "--quiet"]) == 0
    assert capsys.readouterr().err == ""


# ------------------------------------------------------------------------------------------ -H


@pytest.mark.parametrize("name", ["Authorization", "host", "X-BCE-Date", "Content-Length", "Content-Type"])
def test_a_header_the_suite_sets_is_refused_in_one_line(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["conformance", "--checks", "AUTH-002", "-H", f"{name}: x"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and f"--header {name}" in err and "sets" in err


@pytest.mark.parametrize(
    ("given", "problem"),
    [
        (["NoColon"], "expected NAME:VALUE"),
        ([": value"], "expected NAME:VALUE"),
        (["Bad Name: x"], "not a valid header name"),
        (["X-A: 1", "x-a: 2"], "given more than once"),
        (["X-A: one\r\nInjected: yes"], "line breaks"),
    ],
)
def test_malformed_headers_are_refused(given: list[str], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_headers(given)


def test_headers_are_parsed_with_values_kept_whole() -> None:
    assert parse_headers(["X-Trace: a:b:c", "X-Empty:"]) == {"X-Trace": "a:b:c", "X-Empty": ""}


@pytest.mark.parametrize(
    ("name", "secret"),
    [
        ("X-Api-Key", True),
        ("X-Auth-Token", True),
        ("x-bce-security-token", True),
        ("X-Client-Secret", True),
        ("Proxy-Authorization", True),
        ("X-Session-Id", True),
        ("X-Trace", False),
        ("x-bce-request-id", False),
        ("Content-Type", False),
        ("X-Gateway", False),
    ],
)
def test_secret_looking_header_names(name: str, secret: bool) -> None:
    assert looks_secret(name) is secret
    shown = Redactor().headers({name: "value-1234"})[name]
    assert shown == (REDACTED if secret else "value-1234")


def test_a_secret_header_value_echoed_anywhere_is_redacted_and_not_signed() -> None:
    target = Target("http://127.0.0.1:9", "ak", "sk-long-enough")
    target.use_headers({"X-Api-Key": "the-gateway-key", "X-Trace": "visible"})
    assert target.redactor.text("echo: the-gateway-key") == f"echo: {REDACTED}"
    signed = target.sign("GET", "http://127.0.0.1:9/v1/ccr/registries", {})
    assert "x-api-key" not in signed["Authorization"].lower()
    with pytest.raises(ValueError, match="Authorization"):
        target.use_headers({"Authorization": "x"})
    target.close()


def test_secret_looking_headers_are_refused_in_pyproject(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.ccr-contract]\nheader = ["X-Api-Key: k"]\n')
    from ccr_conformance import config

    with pytest.raises(config.ConfigError, match="looks secret"):
        config.load(None, {"header": config.Option("header", "header", "list")}, cwd=tmp_path)
    (tmp_path / "ccr-contract.toml").write_text('header = ["X-Api-Key: k", "X-Trace: t"]\n')
    loaded = config.load(None, {"header": config.Option("header", "header", "list")}, cwd=tmp_path)
    assert loaded.values["header"] == ["X-Api-Key: k", "X-Trace: t"]
    assert len(loaded.warnings) == 1 and "X-Api-Key" in loaded.warnings[0] and "-H" in loaded.warnings[0]


# ------------------------------------------------------------------------------------------ timings


def test_har_timings_come_from_the_trace_marks() -> None:
    marks = {
        "connect_tcp.started": 10.001,
        "connect_tcp.complete": 10.004,
        "send_request_headers.started": 10.004,
        "send_request_body.complete": 10.005,
        "receive_response_headers.complete": 10.025,
    }
    timings = har_timings(marks, started=10.0, ended=10.030)
    assert timings == pytest.approx(
        {"blocked": 1, "dns": -1, "connect": 3, "ssl": -1, "send": 1, "wait": 20, "receive": 5}, abs=1e-6
    )
    reused = har_timings({"send_request_headers.started": 1.0, "send_request_body.complete": 1.0}, 1.0, 1.5)
    assert reused["connect"] == -1 and reused["wait"] == 0 and reused["receive"] == 0


def test_a_sent_request_records_its_wall_clock_start_and_phases() -> None:
    with serve_in_thread(create_app(credentials={"akak": "sksksksk"})) as url:
        target = Target(url, "akak", "sksksksk")
        before = time.time()
        exchange = target.send("GET", "/v1/ccr/registries")
        after = time.time()
        target.close()
    assert exchange.status == 200
    assert exchange.started_at is not None and before <= exchange.started_at <= after
    assert exchange.timings is not None and exchange.timings["wait"] >= 0 and exchange.timings["connect"] >= 0


# ------------------------------------------------------------------------------------------ invocation


@pytest.mark.parametrize(
    ("argv", "orig", "expected"),
    [
        (
            ["/x/ccr_cli/__main__.py", "conformance"],
            ["python3", "-m", "ccr_cli", "conformance"],
            ["python3", "-m", "ccr_cli"],
        ),
        (
            [".venv/bin/ccr-contract", "-m", "ccr_cli"],
            [".venv/bin/python", ".venv/bin/ccr-contract", "-m", "ccr_cli"],
            [".venv/bin/ccr-contract"],
        ),
        (
            ["/x/m.py"],
            ["/v/bin/python", "-X", "utf8", "-m", "ccr_contract"],
            ["/v/bin/python", "-X", "utf8", "-m", "ccr_contract"],
        ),
        (
            [".venv/bin/ccr-contract", "conformance"],
            [".venv/bin/python", ".venv/bin/ccr-contract"],
            [".venv/bin/ccr-contract"],
        ),
        (["/usr/lib/python3/site-packages/pytest/__main__.py"], ["python", "-m", "pytest"], ["ccr-contract"]),
        ([], [], ["ccr-contract"]),
    ],
)
def test_the_program_is_what_the_user_ran(argv: list[str], orig: list[str], expected: list[str]) -> None:
    assert invocation.program(argv, orig) == expected


def test_a_script_found_on_path_is_named_by_its_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "ccr-contract"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert invocation.program([str(script)], []) == ["ccr-contract"]
    assert invocation.command("conformance", "replay", "my dir", argv=[str(script)], orig_argv=[]) == (
        "ccr-contract conformance replay 'my dir'"
    )


def test_the_console_script_names_itself_in_the_report(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "ccr-contract"
    if not script.is_file():
        pytest.skip("no console script in this environment")
    proc = subprocess.run(
        [str(script), "conformance", "--checks", "AUTH-002", "--max-examples", "1", "--quiet", "--report", "r"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": ""},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    text = (tmp_path / "r" / "report.md").read_text()
    assert f"{shlex.quote(str(script))} conformance --checks AUTH-002" in text


def test_exchange_lines_are_redacted() -> None:
    target = Target("http://127.0.0.1:9", "ak", "sk-long-enough")
    target.redactor.add("ccrconfpwRUN123456")
    exchange = Exchange("GET", "http://127.0.0.1:9/v1/x?password=ccrconfpwRUN123456", {}, status=200, elapsed=0.012)
    exchange.operation = "listX"
    assert target.describe(exchange) == f"GET /v1/x?password={REDACTED} -> 200 12 ms [listX]"
    failed = Exchange("GET", "http://127.0.0.1:9/v1/x", {}, error="connection refused", elapsed=0.001)
    assert VERBOSE.match(target.describe(failed))
    target.close()


# ------------------------------------------------------------------------------------------ replay -H


def test_replay_sends_headers_given_with_h_in_place_of_redacted_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ak, sk = "ak-" + secrets.token_hex(3), "sk-" + secrets.token_hex(16)
    creds = {ak: sk}
    seen: dict[str, list[str]] = {"missing": [], "agents": []}
    with serve_in_thread(gateway(create_app(credentials=creds), creds, seen)) as url:
        request = {
            "method": "GET",
            "url": f"{url}/v1/ccr/registries",
            "headers": {"X-Gateway": "open", "X-Api-Key": REDACTED, "Authorization": REDACTED},
            "body": "",
            "body_bytes": 0,
            "signed": True,
        }
        failure = {"n": 1, "check": "STRUCT-004", "operation": "listRegistries", "message": "m"}
        failure["exchange"] = {"request": request, "response": {"status": 403, "headers": {}, "body": "{}"}}
        (tmp_path / "failures.json").write_text(json.dumps({"run": {"base_url": url}, "failures": [failure]}))
        argv = ["conformance", "replay", str(tmp_path), "--failure", "1", "--ak", ak, "--sk", sk]
        main(argv)
        out = capsys.readouterr().out
        assert "header X-Api-Key was redacted in the report; not sent (give it with -H)" in out
        assert "answer: 403" in out and len(seen["missing"]) == 1
        main([*argv, "-H", f"X-Api-Key: {API_KEY}"])
        out = capsys.readouterr().out
        assert "answer: 200" in out and len(seen["missing"]) == 1 and "redacted in the report" not in out
        assert API_KEY not in out  # echoed in x-echo-key: redacted in what replay prints
        assert main([*argv, "-H", "Host: evil"]) == 2
        assert "--header Host" in capsys.readouterr().err


# ------------------------------------------------------------------------------------------ wiring


def captured_options(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> Any:
    """The SuiteOptions the CLI would run with (run_suite replaced by a fake that stops there)."""
    from ccr_conformance import runner

    seen: list[Any] = []

    def fake_run_suite(options: Any, progress: Any = None) -> Any:
        seen.append(options)
        raise ValueError("captured")

    monkeypatch.setattr(runner, "run_suite", fake_run_suite)
    assert main(["conformance", *argv]) == 2
    return seen[0]


def test_h_and_v_reach_the_suite(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    options = captured_options(monkeypatch, ["--quiet", "-H", "X-Trace: a", "--header", "X-Tenant:b", "-v"])
    assert options.extra_headers == {"X-Trace": "a", "X-Tenant": "b"} and callable(options.on_exchange)
    options = captured_options(monkeypatch, ["--quiet"])
    assert options.extra_headers == {} and options.on_exchange is None
    (tmp_path / "ccr-contract.toml").write_text('header = ["X-From-File: 1"]\nverbose = true\n')
    options = captured_options(monkeypatch, ["--quiet"])
    assert options.extra_headers == {"X-From-File": "1"} and callable(options.on_exchange)


def test_markdown_code_blocks_outlast_backticks_in_their_text() -> None:
    from ccr_conformance.report import _fenced

    block = _fenced("body ```` then `x`", "text")
    assert block[0] == "`````text" and block[2] == "`````"
    assert _fenced("plain")[0] == "```sh"


def test_markdown_failures_show_the_request_and_the_answer(gated_run: Any) -> None:
    text = (gated_run["dir"] / "report.md").read_text(encoding="utf-8")
    failure = json.loads((gated_run["dir"] / "failures.json").read_text())["failures"][0]
    request, response = failure["exchange"]["request"], failure["exchange"]["response"]
    assert f"{request['method']} {request['url']}\n\nanswered {response['status']}\n" in text


def test_server_text_in_markdown_prose_cannot_link_break_tables_or_render_html() -> None:
    from ccr_conformance.report import _md

    shown = _md("a|b [x](../y) <script>\nz")
    assert "|" not in shown.replace("\\|", "") and "[x]" not in shown and "<" not in shown and "\n" not in shown
