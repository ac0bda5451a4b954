"""What the suite records: exchanges on the wire, per-check per-operation outcomes, findings.

Checks never print; they record here.  The runner turns a :class:`Results` into the summary table,
the exit status and the reports, so every outcome is keyed by a catalogue id and an operationId.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

#: Operation label for a finding that concerns the run rather than one operation.
RUN_SCOPE = "(run)"


@dataclass
class Exchange:
    """One request as sent and what came back (or why nothing did).

    Bodies are raw bytes (the response capped by the target); redaction happens when an exchange
    is rendered, never here, so the secret scanners see exactly what the server sent.
    """

    method: str
    url: str
    request_headers: dict[str, str]
    request_body: bytes | None = None
    status: int | None = None
    response_headers: dict[str, str] = field(default_factory=dict)
    response_body: bytes = b""
    elapsed: float = 0.0
    error: str | None = None
    truncated: bool = False
    operation: str = RUN_SCOPE
    #: The request was signed with the caller's key pair (so a curl can recompute the signature).
    signed_by_caller: bool = False
    #: Wall-clock time (epoch seconds) the request left, for HAR ``startedDateTime``; None: unknown.
    started_at: float | None = None
    #: Measured HAR phases in milliseconds (``connect``, ``ssl``, ``send``, ``wait``, ``receive``;
    #: -1 where a phase did not happen, e.g. ``connect`` on a reused connection); None: only
    #: :attr:`elapsed` is known (an exchange schemathesis recorded).
    timings: dict[str, float] | None = None

    def header(self, name: str) -> str | None:
        lname = name.lower()
        for key, value in self.response_headers.items():
            if key.lower() == lname:
                return value
        return None

    @property
    def content_type(self) -> str:
        return self.header("content-type") or ""


class Status(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    #: The run asked for it but nothing exercised it: a gap (a failing verdict).
    NOT_RUN = "not run"
    #: The run's own settings rule it out (``--read-only``; an operation a real account cannot
    #: safely call): said with the reason, and no failure of the target's.
    NOT_APPLICABLE = "not applicable"


@dataclass
class Finding:
    """One violation of a check's rule, with the exchange that shows it."""

    check_id: str
    operation: str
    message: str
    exchange: Exchange | None = None


@dataclass
class OperationTally:
    passed: int = 0
    findings: list[Finding] = field(default_factory=list)


@dataclass
class CheckResult:
    check_id: str
    operations: dict[str, OperationTally] = field(default_factory=dict)
    #: Why the check ran nothing, when it did not (e.g. the target was unreachable).
    note: str | None = None
    #: Set when the run's settings rule the check out (see :meth:`Results.not_applicable`).
    ruled_out: bool = False

    @property
    def findings(self) -> list[Finding]:
        return [f for tally in self.operations.values() for f in tally.findings]

    @property
    def status(self) -> Status:
        if self.findings:
            return Status.FAILED
        if not any(t.passed for t in self.operations.values()):
            return Status.NOT_APPLICABLE if self.ruled_out else Status.NOT_RUN
        return Status.PASSED

    @property
    def covered(self) -> list[str]:
        return sorted(op for op in self.operations if op != RUN_SCOPE)


class Results:
    """Thread-safe store of every check's outcome (schemathesis workers record concurrently)."""

    #: Findings kept per check and operation; more are counted, not stored (keeps reports small).
    MAX_FINDINGS = 5

    def __init__(self, check_ids: list[str]) -> None:
        self.selected = list(check_ids)
        self._results = {cid: CheckResult(cid) for cid in check_ids}
        self._lock = threading.Lock()
        self.dropped: dict[str, int] = {}
        self.request_count = 0

    def wants(self, check_id: str) -> bool:
        return check_id in self._results

    def passed(self, check_id: str, operation: str = RUN_SCOPE) -> None:
        self.passed_all((check_id,), operation)

    def passed_all(self, check_ids: Iterable[str], operation: str = RUN_SCOPE) -> None:
        """One pass of each check on ``operation``, under one lock (the proxy records ~15 a request)."""
        with self._lock:
            for check_id in check_ids:
                result = self._results.get(check_id)
                if result is None:
                    continue
                tally = result.operations.get(operation)
                if tally is None:
                    tally = result.operations[operation] = OperationTally()
                tally.passed += 1

    def failed(self, check_id: str, operation: str, message: str, exchange: Exchange | None = None) -> None:
        if check_id not in self._results:
            return
        with self._lock:
            tally = self._results[check_id].operations.setdefault(operation, OperationTally())
            if len(tally.findings) >= self.MAX_FINDINGS:
                self.dropped[check_id] = self.dropped.get(check_id, 0) + 1
                return
            if any(f.message == message for f in tally.findings):
                return
            tally.findings.append(Finding(check_id, operation, message, exchange))

    def failure_count(self) -> int:
        """Findings recorded so far (kept and dropped), for ``--max-failures``."""
        with self._lock:
            kept = sum(len(t.findings) for r in self._results.values() for t in r.operations.values())
            return kept + sum(self.dropped.values())

    def expect(self, check_id: str, operation: str, ok: bool, message: str, exchange: Exchange | None = None) -> bool:
        """Record a pass when ``ok``, else a finding; return ``ok``."""
        if ok:
            self.passed(check_id, operation)
        else:
            self.failed(check_id, operation, message, exchange)
        return ok

    def note(self, check_id: str, text: str) -> None:
        if check_id in self._results:
            with self._lock:
                self._results[check_id].note = self._results[check_id].note or text

    def not_applicable(self, check_id: str, reason: str, operation: str | None = None) -> None:
        """The run's settings rule ``check_id`` out: reported ``not applicable`` with the reason
        (unless it found something, or passed elsewhere).  With ``operation``, only that operation
        is ruled out: the reason is noted, but a check that exercised nothing else is still ``not
        run`` -- one excluded operation must not turn a gap into a pass."""
        if check_id in self._results:
            with self._lock:
                result = self._results[check_id]
                if operation is None:
                    result.ruled_out = True
                    result.note = result.note or f"not applicable: {reason}"
                else:
                    result.note = result.note or f"{operation}: not applicable: {reason}"

    def count_request(self, n: int = 1) -> None:
        with self._lock:
            self.request_count += n

    def __getitem__(self, check_id: str) -> CheckResult:
        return self._results[check_id]

    def all(self) -> list[CheckResult]:
        return [self._results[cid] for cid in self.selected]

    @property
    def ok(self) -> bool:
        """Every check passed or is not applicable, and at least one passed (a run that checked
        nothing proves nothing)."""
        statuses = [r.status for r in self.all()]
        return any(s is Status.PASSED for s in statuses) and all(
            s in (Status.PASSED, Status.NOT_APPLICABLE) for s in statuses
        )
