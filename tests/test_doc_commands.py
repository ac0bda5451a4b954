"""Every shell block of README.md and docs-src/conformance.md is run (issue 18): a command a
newcomer copies must do what the page says.

Blocks run with bash in an empty folder whose ``.venv`` is this checkout's, against a separately
started ``ccr-contract mock``.  The only edits are the placeholders a reader replaces too: the
example hosts become the mock's URL, the placeholder keys the mock's pair, ``ccr-xxxxxxxx`` the
demo's instance.  Two lines are not run here, each for a stated reason (:data:`NOT_RUN`).
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
from pathlib import Path

import pytest
from server_fixtures import mock_process

from ccr_contract.paths import REPO_ROOT

PAGES = [REPO_ROOT / "README.md", REPO_ROOT / "docs-src" / "conformance.md"]
#: The pages this file runs (``test_doc_commands_conformance.py`` runs the other, on its own worker).
RUN_HERE = [PAGES[0]]
BLOCK = re.compile(r"^```(?:sh|bash)\n(.*?)^```", re.DOTALL | re.MULTILINE)
AK, SK = "doc-" + secrets.token_hex(4), secrets.token_hex(20)
DEMO_INSTANCE = "ccr-4a5b6c7d"
#: Lines not run by this test, and why (each is run elsewhere).
NOT_RUN = {
    "bash scripts/test.sh": "the test command itself: CI runs it, and running it here would recurse",
    "bash scripts/install.sh && ": "the install is what CI's first step did; the rest of the line is run",
}
#: Commands that start a server and keep serving: run with a port of their own and stopped after a while.
SERVING = re.compile(r"ccr-contract mock\b")
#: Replay commands: they read the report an earlier block wrote.
REPLAY = re.compile(r"ccr-contract conformance replay\b")


def blocks() -> list[tuple[str, int, str]]:
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for n, match in enumerate(BLOCK.finditer(text), start=1):
            found.append((page.relative_to(REPO_ROOT).as_posix(), n, match.group(1)))
    return found


def prepare(script: str, url: str) -> str:
    """The block as a reader would run it against the mock (placeholders filled in)."""
    lines = []
    for line in script.replace("\\\n", " ").splitlines():
        stripped = line.strip()
        if stripped == "bash scripts/test.sh" or stripped.startswith("bash scripts/test.sh "):
            continue
        line = line.replace("bash scripts/install.sh && ", "")
        if SERVING.search(line):
            command = line.split("#")[0].strip()
            line = (
                f"{command} --port 0 > mock.out 2>&1 & pid=$!; "
                "for _ in $(seq 300); do grep -q 'listening on' mock.out && break; sleep 0.2; done; "
                "kill -INT $pid; wait $pid || true; grep -q 'listening on' mock.out"
            )
        if REPLAY.search(line):
            # The report of a run against a correct server holds no failures: replay says so in one
            # line and exits 2 (a usage error), which is what the page's command must then do.
            command = line.split("#")[0].strip()
            line = f"rc=0; {command} 2> replay.err || rc=$?; cat replay.err; "
            line += "test $rc -eq 0 || grep -q 'no failures' replay.err"
        lines.append(line)
    text = "\n".join(lines)
    for host in (
        "https://ccr.example.com",
        "https://ccr.bj.baidubce.com",
        "https://ccr.baidubce.com",
        "http://127.0.0.1:8080",
    ):
        text = text.replace(host, url)
    text = text.replace("your-access-key", AK).replace("your-secret-key", SK)
    text = re.sub(r"CCR_AK=\.\.\.", f"CCR_AK={AK}", text)
    text = re.sub(r"CCR_SK=\.\.\.", f"CCR_SK={SK}", text)
    return text.replace("ccr-xxxxxxxx", DEMO_INSTANCE)


@pytest.fixture(scope="module")
def mock_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    log = tmp_path_factory.mktemp("doc-mock") / "mock.log"
    with mock_process("--ak", AK, "--sk", SK, log=log) as (_proc, url):
        yield url


@pytest.mark.timeout(900)
@pytest.mark.parametrize("page", RUN_HERE, ids=lambda p: p.name)
def test_every_shell_block_runs_in_order(page: Path, mock_url: str, tmp_path: Path) -> None:
    run_page_blocks(page, mock_url, tmp_path)


def run_page_blocks(page: Path, mock_url: str, tmp_path: Path) -> None:
    """A page's blocks run one after the other in one folder, as a reader runs them (a replay
    block reads the report an earlier block wrote)."""
    (tmp_path / ".venv").symlink_to(REPO_ROOT / ".venv")
    (tmp_path / "spec").symlink_to(REPO_ROOT / "spec")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCR_")}
    for label, number, script in blocks():
        if label != page.relative_to(REPO_ROOT).as_posix():
            continue
        prepared = prepare(script, mock_url)
        done = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", prepared],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        shown = (
            f"{label} block {number}:\n{prepared}\n--- stdout\n{done.stdout[-3000:]}\n--- stderr\n{done.stderr[-3000:]}"
        )
        assert done.returncode == 0, shown
        assert "Traceback" not in done.stderr, shown


def test_the_blocks_are_found_and_the_lines_left_out_are_named() -> None:
    scripts = "\n".join(script for _, _, script in blocks())
    assert len(blocks()) >= 8
    for line in NOT_RUN:
        assert line in scripts, f"NOT_RUN names {line!r}, which no page has any more"
