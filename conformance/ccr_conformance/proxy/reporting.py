"""The proxy's reports: the conformance suite's own writers, fed a run made of the proxy's results.

:func:`ccr_conformance.report.write_reports` renders a ``SuiteRun`` (options, results, target,
workspace, elapsed); :class:`ProxyRun` is that shape built from what the proxy recorded, so JUnit,
HTML, Markdown, ``failures.json`` (which ``ccr-contract conformance replay`` reads), the redacted HAR
and ``summary.json`` come out exactly as for a conformance run.  Two additions, in files of their
own: ``coverage.json`` / ``coverage.md`` (the spec's operations hit by the traffic) and a
``proxy`` entry in ``summary.json``.

The writers look each check's title up in the run's catalogue
(``run.catalogue``); the proxy's request rules
(:mod:`ccr_conformance.proxy.rules`) are not in the suite's (a conformance run must never select
them), so a :class:`ProxyRun` carries the suite's catalogue plus those rules.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from ccr_conformance import catalogue as catalogue_module
from ccr_conformance import report as report_module
from ccr_conformance.proxy.recorder import Recorder, coverage_markdown
from ccr_conformance.proxy.rules import with_proxy_rules
from ccr_conformance.results import Results, Status
from ccr_conformance.target import Target


@dataclass
class ProxyRun:
    """The attributes of a ``SuiteRun`` the report writers read, for the proxy's traffic."""

    options: Any
    selected: list[str]
    results: Results
    target: Target
    workspace: Any
    elapsed: float = 0.0
    cleanup_problems: list[str] = field(default_factory=list)
    requests: int = 0
    #: The suite's catalogue plus the proxy's request rules (titles and rules for the reports).
    catalogue: catalogue_module.Catalogue = field(default_factory=lambda: with_proxy_rules(catalogue_module.load()))

    @property
    def ok(self) -> bool:
        """No violation seen (a check no traffic exercised is not a failure of the proxy's run)."""
        return not any(r.status is Status.FAILED for r in self.results.all())

    @property
    def request_count(self) -> int:
        return self.requests


def build_run(recorder: Recorder, target: Target, run_id: str | None = None) -> ProxyRun:
    """A report-ready run; checks no request exercised are marked not applicable (not failures)."""
    results = recorder.results
    for result in results.all():
        if not any(t.passed or t.findings for t in result.operations.values()):
            results.not_applicable(result.check_id, "no request seen by the proxy exercised this rule")
    options = SimpleNamespace(
        seed=None,
        max_examples=None,
        workers=1,
        timeout=target.timeout,
        checks="proxy",
        operations=None,
        embedded=False,
        read_only=False,
    )
    workspace = SimpleNamespace(run_id=run_id or f"proxy-{secrets.token_hex(4)}")
    return ProxyRun(
        options, list(recorder.selected), results, target, workspace, recorder.elapsed(), [], recorder.requests
    )


def write_reports(run: ProxyRun, recorder: Recorder, directory: Path) -> list[Path]:
    """Every conformance report format plus the coverage, into ``directory``."""
    written = report_module.write_reports(run, directory)  # type: ignore[arg-type]
    coverage = recorder.coverage()
    (directory / "coverage.json").write_text(json.dumps(coverage, indent=2), encoding="utf-8")
    (directory / "coverage.md").write_text(coverage_markdown(coverage), encoding="utf-8")
    summary_path = directory / "summary.json"
    summary = json.loads(summary_path.read_text(encoding="utf-8"))
    summary["proxy"] = {
        "violations": recorder.violations,
        "operations_hit": coverage["operations_hit"],
        "operations_total": coverage["operations_total"],
        "not_hit": coverage["not_hit"],
    }
    summary_path.write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    return [*written, directory / "coverage.json", directory / "coverage.md"]
