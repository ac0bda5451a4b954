"""The benchmarks' guard turns a missed target into a non-zero exit status (issue 14).

A benchmark that only prints can let a regression pass CI unseen, so these tests pin the guard's
verdicts with made-up figures.  Nothing here times anything: wall-clock assertions in unit tests
fail on a busy machine and pass on a fast one, which would test the machine, not the code.
"""

from __future__ import annotations

import importlib.util
import io
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


guard_module = _load("_guard")
Guard = guard_module.Guard


def _guard() -> tuple[Guard, io.StringIO]:
    out = io.StringIO()
    return Guard("bench", out=out), out


def test_all_targets_met_exits_zero() -> None:
    guard, out = _guard()
    assert guard.check("cold ratio", 2.4, 2.0)
    assert guard.check("seconds", 3.0, 5.0, higher_is_better=False, unit=" s")
    assert guard.exit_status() == guard_module.EXIT_OK == 0
    assert "PASS  cold ratio" in out.getvalue() and "(target >= 2x)" in out.getvalue()
    assert "all 2 targets met" in out.getvalue()


def test_one_missed_target_exits_non_zero_and_names_it() -> None:
    guard, out = _guard()
    guard.check("warm ratio", 3.5, 3.0)
    assert not guard.check("cold ratio", 1.9, 2.0)
    status = guard.exit_status()
    assert status == guard_module.EXIT_MISSED != 0
    text = out.getvalue()
    assert "MISS  cold ratio" in text and "1.90x  (target >= 2x)" in text
    assert "1 of 2 targets MISSED (cold ratio)" in text


def test_lower_is_better_figures_miss_above_their_budget() -> None:
    guard, out = _guard()
    assert not guard.check("regenerate", 5.01, 5.0, higher_is_better=False, unit=" s")
    assert guard.exit_status() == guard_module.EXIT_MISSED
    assert "(target <= 5 s)" in out.getvalue()


@pytest.mark.parametrize(("measured", "higher", "met"), [(2.0, True, True), (5.0, False, True)])
def test_a_figure_exactly_on_target_meets_it(measured: float, higher: bool, met: bool) -> None:
    guard, _ = _guard()
    assert guard.check("edge", measured, measured, higher_is_better=higher) is met


def test_info_lines_never_fail_a_run() -> None:
    guard, out = _guard()
    guard.info("context", "12.3 us")
    guard.check("ratio", 2.5, 2.0)
    assert guard.exit_status() == guard_module.EXIT_OK
    assert "(no target)" in out.getvalue()


def test_an_invalid_measurement_beats_met_targets() -> None:
    """Signers that disagree (or a generator that fails) must not read as a pass."""
    guard, out = _guard()
    guard.check("ratio", 9.0, 2.0)
    guard.fail_invalid("signers disagree on 1 request(s)")
    assert guard.exit_status() == guard_module.EXIT_INVALID not in (0, guard_module.EXIT_MISSED)
    assert "INVALID" in out.getvalue()


def test_recording_nothing_is_not_success() -> None:
    guard, _ = _guard()
    assert guard.exit_status() == guard_module.EXIT_INVALID


def test_spread_reports_the_variation_of_repeated_figures() -> None:
    assert guard_module.spread([2.0, 2.0, 2.0]) == "median 2.00 (min 2.00, max 2.00, cv 0.0%)"
    assert "cv 70.7%" in guard_module.spread([1.0, 3.0])  # sample stdev / mean
    assert guard_module.spread([]) == "no samples"


def test_the_exit_status_reaches_the_shell() -> None:
    """What CI sees: a script ending in ``sys.exit(guard.exit_status())`` fails the step on a miss."""
    script = (
        f"import sys; sys.path.insert(0, {str(BENCHMARKS)!r}); from _guard import Guard; "
        "g = Guard('bench'); g.check('ratio', float(sys.argv[1]), 2.0); sys.exit(g.exit_status())"
    )
    missed = subprocess.run([sys.executable, "-c", script, "1.5"], capture_output=True, text=True, check=False)
    met = subprocess.run([sys.executable, "-c", script, "2.5"], capture_output=True, text=True, check=False)
    assert (missed.returncode, met.returncode) == (1, 0), (missed.stdout, met.stdout)


def test_the_signing_benchmark_refuses_to_time_signers_that_disagree(monkeypatch: pytest.MonkeyPatch) -> None:
    """Equality with bce-python-sdk is checked request by request before any timing."""
    pytest.importorskip("baidubce")
    monkeypatch.setattr(sys, "path", list(sys.path))  # the benchmark puts benchmarks/ first; undo it
    bench = _load("signing")
    monkeypatch.setattr(bench, "ours", lambda req: "not-the-sdk-signature")
    monkeypatch.setattr(bench, "round_seconds", lambda requests: pytest.fail("timed signers that disagree"))
    assert bench.main(["--rounds", "1", "--requests", "7"]) == guard_module.EXIT_INVALID


def test_the_signing_benchmark_exits_non_zero_when_a_ratio_misses(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fed fixed per-round times (ours as slow as the SDK), the benchmark's own targets are missed."""
    pytest.importorskip("baidubce")
    monkeypatch.setattr(sys, "path", list(sys.path))
    bench = _load("signing")
    for timed in ("round_seconds", "cold_round_seconds"):
        monkeypatch.setattr(bench, timed, lambda requests: (1e-5, 1e-5))
    assert bench.main(["--rounds", "1", "--requests", "7"]) == guard_module.EXIT_MISSED
    monkeypatch.setattr(bench, "round_seconds", lambda requests: (1e-5, 1e-6))  # warm met, cold missed
    assert bench.main(["--rounds", "1", "--requests", "7"]) == guard_module.EXIT_MISSED
    monkeypatch.setattr(bench, "cold_round_seconds", lambda requests: (1e-5, 1e-6))
    assert bench.main(["--rounds", "1", "--requests", "7"]) == guard_module.EXIT_OK


def test_the_server_benchmark_reads_cpu_time_of_a_whole_process_group() -> None:
    """The guarded server figure is CPU per request (benchmarks/server.py): the reading must count a
    busy process of the group and not an idle one (CPU time is counted, never wall time)."""
    import time

    server = _load("server")
    burn = "import time\nend = time.process_time() + 0.4\nwhile time.process_time() < end: pass\ntime.sleep(30)"
    busy = subprocess.Popen([sys.executable, "-c", burn], start_new_session=True)
    idle = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"], start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while server.group_cpu_seconds(busy.pid) < 0.35 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.group_cpu_seconds(busy.pid) >= 0.35
        assert server.group_cpu_seconds(idle.pid) < 0.3  # an interpreter's start-up, no more
        assert server.group_cpu_seconds(2**22 + 12345) == 0  # no such group: nothing counted
    finally:
        for proc in (busy, idle):
            proc.kill()
            proc.wait()
