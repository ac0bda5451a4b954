"""What the proxy saw: verdicts into the suite's :class:`~ccr_conformance.results.Results`, one live
line per violation, and the coverage of the spec by the traffic (operations hit, statuses each).

The same result objects as a conformance run, so the suite's report writers render them unchanged
(see :mod:`ccr_conformance.proxy.reporting`).  Every line shown goes through the target's
:class:`~ccr_conformance.target.Redactor`: the secret key, Authorization values and every password a
client sent never reach stderr or a report.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from ccr_conformance.proxy import rules
from ccr_conformance.proxy.inspector import ANSWER_RULES
from ccr_conformance.results import RUN_SCOPE, Exchange, Results
from ccr_conformance.target import Redactor
from ccr_contract.spec import Operation

#: Live lines printed for the same rule, operation and message (the rest are counted).
MAX_REPEATS = 1


class Recorder:
    """Thread-safe sink of verdicts; ``say`` prints one live line (stderr by default)."""

    def __init__(self, operations: list[Operation], redactor: Redactor, say: Callable[[str], None]) -> None:
        self.selected = [*rules.REQUEST_RULES, *ANSWER_RULES]
        self.results = Results(self.selected)
        self.redactor = redactor
        self._say = say
        self._operations = {op.operation_id: op for op in operations}
        self._lock = threading.Lock()
        #: operationId -> status -> count (answers the upstream gave; the proxy's own refusals too).
        self.statuses: dict[str, Counter[int]] = {}
        #: Requests that named no operation, by ``METHOD path`` (bounded).
        self.unrouted: Counter[str] = Counter()
        self.requests = 0
        self.violations = 0
        self._shown: Counter[tuple[str, str, str]] = Counter()
        self.started = time.monotonic()

    def record(
        self, operation: str | None, status: int | None, verdicts: list[tuple[str, str | None]], exchange: Exchange
    ) -> None:
        """One exchange and its verdicts (request and answer rules alike)."""
        op = operation or RUN_SCOPE
        with self._lock:
            self.requests += 1
            if operation is not None and status is not None:
                self.statuses.setdefault(operation, Counter())[status] += 1
            elif operation is None and len(self.unrouted) < 1000:
                self.unrouted[f"{exchange.method} {exchange.url.split('?', 1)[0]}"] += 1
        self.results.passed_all((check_id for check_id, problem in verdicts if problem is None), op)
        for check_id, problem in verdicts:
            if problem is None:
                continue
            message = self.redactor.text(problem)
            self.results.failed(check_id, op, message, exchange)
            with self._lock:
                self.violations += 1
                key = (check_id, op, message)
                self._shown[key] += 1
                show = self._shown[key] <= MAX_REPEATS
            if show:
                self._say(f"VIOLATION {check_id} {op}: {exchange.method} {self.redactor.text(exchange.url)}: {message}")

    def coverage(self) -> dict[str, Any]:
        """Operations hit and not hit, with the statuses seen per operation."""
        with self._lock:
            statuses = {op: dict(sorted(c.items())) for op, c in self.statuses.items()}
            unrouted = dict(self.unrouted.most_common(50))
        operations = {
            op_id: {
                "method": op.method,
                "path": op.path,
                "requests": sum(statuses.get(op_id, {}).values()),
                "statuses": {str(k): v for k, v in statuses.get(op_id, {}).items()},
            }
            for op_id, op in self._operations.items()
        }
        hit = sorted(op for op, entry in operations.items() if entry["requests"])
        return {
            "operations_total": len(operations),
            "operations_hit": len(hit),
            "hit": hit,
            "not_hit": sorted(op for op, entry in operations.items() if not entry["requests"]),
            "operations": operations,
            "unrouted": unrouted,
        }

    def elapsed(self) -> float:
        return time.monotonic() - self.started


def coverage_markdown(coverage: dict[str, Any]) -> str:
    """The coverage as a Markdown page (coverage.md in the report folder)."""
    lines = [
        "# Spec coverage by the traffic seen",
        "",
        f"{coverage['operations_hit']} of {coverage['operations_total']} operations were called.",
        "",
        "| Operation | Method | Path | Requests | Statuses |",
        "|---|---|---|---|---|",
    ]
    for op_id, entry in sorted(coverage["operations"].items(), key=lambda item: (-item[1]["requests"], item[0])):
        statuses = ", ".join(f"{code}×{n}" for code, n in entry["statuses"].items()) or "not hit"
        lines.append(f"| {op_id} | {entry['method']} | `{entry['path']}` | {entry['requests']} | {statuses} |")
    if coverage["unrouted"]:
        lines += ["", "## Requests that named no operation", ""]
        lines += [f"- `{what}` ×{n}" for what, n in coverage["unrouted"].items()]
    return "\n".join(lines) + "\n"
