"""Progress in CI logs: without a terminal the command prints counted, flushed ``[i/n] phase`` lines."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from ccr_conformance.progress import PhaseStarted, StepStarted

from ccr_cli.commands import conformance
from ccr_cli.commands.conformance import PhaseCounter, planned_phases

LINE = re.compile(r"^\[(\d+)/(\d+)\] (.+) \(\+\d+\.\d s\)$")


def test_phases_are_counted_against_the_plan() -> None:
    lines: list[str] = []
    counter = PhaseCounter(["preflight", "auth", "cleanup"], lines.append)
    for name in ("preflight", "auth", "cleanup"):
        counter(PhaseStarted(name))
    assert [LINE.match(line).groups()[:3] for line in lines] == [  # type: ignore[union-attr]
        ("1", "3", "preflight"),
        ("2", "3", "auth"),
        ("3", "3", "cleanup"),
    ]


def test_an_unplanned_phase_is_added_before_cleanup_and_steps_keep_their_phase() -> None:
    lines: list[str] = []
    counter = PhaseCounter(["preflight", "cleanup"], lines.append)
    counter(PhaseStarted("preflight"))
    counter(PhaseStarted("schemathesis"))
    counter(StepStarted("schemathesis", "examples"))
    counter(PhaseStarted("cleanup"))
    assert [line.split(" (+")[0] for line in lines] == [
        "[1/2] preflight",
        "[2/3] schemathesis",
        "[2/3] schemathesis: examples",
        "[3/3] cleanup",
    ]


def test_counters_are_shown_every_n_operations_and_at_the_end(monkeypatch: pytest.MonkeyPatch) -> None:
    lines: list[str] = []
    counter = PhaseCounter(["schemathesis", "cleanup"], lines.append, every=10)
    for done in range(1, 26):
        counter(StepStarted("schemathesis", "examples", done, 25))
    shown = [re.search(r"(\d+)/25", line).group(1) for line in lines]  # type: ignore[union-attr]
    assert shown == ["1", "11", "21", "25"]
    # a slow phase still says something every PROGRESS_SECONDS
    monkeypatch.setattr(conformance, "PROGRESS_SECONDS", 0.0)
    counter(StepStarted("schemathesis", "coverage", 1, 25))
    counter(StepStarted("schemathesis", "coverage", 2, 25))
    assert lines[-1].startswith("[1/2] schemathesis: coverage 2/25")


def test_planned_phases_follow_the_selection() -> None:
    phases = planned_phases("AUTH-002,STRUCT-004")
    assert phases[0] == "preflight" and phases[-1] == "cleanup"
    assert "auth" in phases and "structure" in phases and "pagination" not in phases


def test_non_tty_run_prints_counted_lines_to_stderr() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("CCR_AK", "CCR_SK")}
    command = [sys.executable, "-m", "ccr_cli.main", "conformance", "--checks", "AUTH-002", "--max-examples", "1"]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    counted = [LINE.match(line) for line in proc.stderr.splitlines()]
    phases = [m.group(3) for m in counted if m]
    assert phases[0] == "preflight" and "auth" in phases and phases[-1] == "cleanup", proc.stderr
    totals = {m.group(2) for m in counted if m}
    assert len(totals) == 1  # the plan was right: the total never changed
    assert proc.stderr.splitlines()[0].startswith("conformance against the embedded reference server")
    assert "run: ccr-contract " in proc.stdout and "seed 0" in proc.stdout and "spec " in proc.stdout
    # --quiet: see test_conformance_filters.test_flags_reach_suite_options (stderr holds no progress)
