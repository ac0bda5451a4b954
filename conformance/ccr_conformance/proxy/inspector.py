"""Judging one request and its answer against the spec, with the project's own code only.

Nothing here restates the contract: requests are routed, authenticated and validated by the very
objects the reference server uses (:class:`~ccr_contract.server.routes.RouteTable`,
:func:`~ccr_contract.signing.verify_request` with the spec's verify policy,
:class:`~ccr_contract.server.validation.RequestValidator`), and answers are judged by the suite's
judges (:func:`ccr_conformance.checks.structure.judge`, :func:`ccr_conformance.checks.secrets.scan`)
plus the spec's response schemas through :class:`~ccr_conformance.contract.Contract`.  A verdict
is ``(rule id, problem)``, problem ``None`` when the rule holds, exactly as the suite's judges answer.
"""

from __future__ import annotations

import json
import secrets as _random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from jsonschema.exceptions import best_match

from ccr_conformance.checks import secrets as secret_checks
from ccr_conformance.checks import structure
from ccr_conformance.contract import Contract
from ccr_conformance.proxy import rules
from ccr_contract.server.app import SINGLE_HEADERS
from ccr_contract.server.auth import carries_digest
from ccr_contract.server.errors import REQUEST_ID_HEADER, ApiError
from ccr_contract.server.routes import Match, RouteTable
from ccr_contract.server.validation import MAX_BODY_BYTES, RequestValidator, check_content_type, safe_message
from ccr_contract.signing import (
    SDK_DEFAULT_SIGNED_HEADERS,
    VARIANT_EMPTY_SIGNED_HEADERS,
    VARIANT_EXPLICIT_LIST_PLUS_X_BCE,
    AuthError,
    RequestExpired,
    RequestNotYetValid,
    UnknownAccessKey,
    Verified,
    parse_authorization,
    verify_request,
)
from ccr_contract.spec import Operation

Verdict = tuple[str, "str | None"]

#: Answer rules judged per authentication outcome (the kinds of ``x-bce-auth.errors``).
AUTH_RULE_BY_KIND = {
    "missing": "AUTH-002",
    "malformed": "AUTH-003",
    "mismatch": "AUTH-004",
    "unknownKey": "AUTH-005",
    "expired": "AUTH-006",
    "notYetValid": "AUTH-007",
}
#: Every catalogue check the proxy can judge from traffic.
ANSWER_RULES = (
    "SCHEMA-001",
    "SCHEMA-002",
    "SCHEMA-003",
    "SCHEMA-004",
    "AUTH-001",
    *AUTH_RULE_BY_KIND.values(),
    "STRUCT-001",
    "STRUCT-002",
    "STRUCT-003",
    "STRUCT-004",
    "STRUCT-005",
    "SECRET-001",
    "SECRET-002",
)
#: Routes remembered (see :meth:`Inspector._route`); a path is at most 8 KiB (the request-line limit).
ROUTE_MEMO_SIZE = 4096
#: Answers whose verdicts are remembered (see :meth:`Inspector._answer_verdicts`), and the largest.
ANSWER_MEMO_SIZE = 256
ANSWER_MEMO_BYTES = 64 * 1024
#: Write-only values (passwords) remembered to look for in later answers (SECRET-001).
MAX_REMEMBERED_SECRETS = 32


@dataclass
class Problem:
    """One violated request rule, with the BCE answer ``--errors`` gives instead of forwarding."""

    rule: str
    message: str
    status: int
    code: str


@dataclass
class RequestVerdict:
    """What the proxy learnt from one request."""

    operation: Operation | None
    problems: list[Problem] = field(default_factory=list)
    #: ``"verified"``, an ``x-bce-auth.errors`` kind, ``"unchecked"`` (form fine, no key to verify
    #: with) or ``"none"`` (the operation needs no signature, or no operation matched).
    auth: str = "none"
    #: The signature's form is right (a replay may sign it afresh).
    well_formed_signature: bool = False
    #: Set when the client's HMAC is right (its time window aside): the proxy may re-sign it.
    verified: Verified | None = None
    #: The body was larger than the reference server accepts: it was not read, so cannot be sent.
    too_large: bool = False
    #: Write-only values (passwords, robot secrets) the body carried: the answer to this very
    #: request may repeat one (a robot's new secret is answered once), no later answer may.
    secrets: list[str] = field(default_factory=list)
    #: The request carries a body digest header (checked by the server, not by the proxy).
    digests: bool = False

    @property
    def valid_input(self) -> bool:
        """No parameter or body rule broken (the signature aside)."""
        return not any(p.rule in (rules.PARAMETERS, rules.BODY, rules.ROUTE, rules.HEADERS) for p in self.problems)


def _needs_auth(spec: dict[str, Any], op: Operation) -> bool:
    """Whether the operation is secured (its ``security``, else the document's, names a scheme)."""
    requirements = op.definition.get("security", spec.get("security", []))
    return bool(requirements) and {} not in requirements


def signed_names(headers: dict[str, str], verified: Verified) -> tuple[str, ...]:
    """The header names a verified signature covers, for signing the same set for the upstream: the
    listed names, widened as the tolerated SDK dialect that matched widens them; always ``host``."""
    listed = set(verified.signed_headers)
    dialects = verified.variant.split("+")
    x_bce = {name for name in headers if name.startswith("x-bce-")}
    if VARIANT_EMPTY_SIGNED_HEADERS in dialects:
        listed = (SDK_DEFAULT_SIGNED_HEADERS & headers.keys()) | x_bce
    if VARIANT_EXPLICIT_LIST_PLUS_X_BCE in dialects:
        listed |= x_bce
    return tuple(sorted({name for name in listed if headers.get(name, "").strip()} | {"host"}))


class Inspector:
    """The spec's rules for one proxy: ``key_pair`` (AK, SK) verifies signatures; None checks the form only."""

    def __init__(self, spec: dict[str, Any], key_pair: tuple[str, str] | None = None) -> None:
        self.contract = Contract(spec)
        self.routes = RouteTable(spec)
        self.validator = RequestValidator(spec, self.contract.schemas, self.routes.operations)
        self.auth_rules = self.contract.auth
        self.policy = self.auth_rules.verify_policy()
        self._key_pair = key_pair
        self._needs_auth = {op.operation_id: _needs_auth(spec, op) for op in self.routes.operations}
        self._has_body = {op.operation_id: self.validator.has_body(op) for op in self.routes.operations}
        self._auth_codes = {str(entry["code"]) for entry in self.auth_rules.errors.values()}
        self._write_only = self.contract.write_only
        #: Write-only values clients sent (registry passwords): no answer may carry them.
        self.remembered: list[str] = []
        self._marker = "ccrproxy-unsent-" + _random.token_hex(16)
        self._answer_memo: dict[tuple[Any, ...], tuple[Verdict, ...]] = {}
        self._routed: dict[tuple[str, str], Match] = {}

    @property
    def secret_key(self) -> str | None:
        return self._key_pair[1] if self._key_pair else None

    def _lookup(self, access_key: str) -> str | None:
        if self._key_pair is None:
            return None
        return self._key_pair[1] if access_key == self._key_pair[0] else None

    # ------------------------------------------------------------------ requests

    def _route(self, method: str, wire_path: str) -> Match:
        """``routes.match`` through a bounded memo of earlier matches (as the reference server
        keeps one): matching tries every template, and clients send the same paths again and
        again.  Only matches are kept; a 404/405 is worked out each time."""
        key = (method, wire_path)
        match = self._routed.get(key)
        if match is None:
            match = self.routes.match(method, wire_path)
            if len(self._routed) >= ROUTE_MEMO_SIZE:
                self._routed.clear()
            self._routed[key] = match
        return match

    def inspect_request(
        self,
        method: str,
        wire_path: str,
        raw_query: str,
        raw_headers: Iterable[tuple[str, str]],
        body: bytes | None,
        *,
        on_secret: Callable[[str], None] | None = None,
    ) -> tuple[RequestVerdict, dict[str, str]]:
        """The verdict on one request and its headers by lower-case name (first occurrence wins).
        ``body`` None: larger than the limit (not read).  ``on_secret`` learns each write-only value."""
        headers: dict[str, str] = {}
        repeated: list[str] = []
        for name, value in raw_headers:
            key = name.lower()
            if key in headers and key in SINGLE_HEADERS and key not in repeated:
                repeated.append(key)
            headers.setdefault(key, value)
        verdict = RequestVerdict(None, digests=carries_digest(headers))
        for key in repeated:
            verdict.problems.append(
                Problem(rules.HEADERS, f"the {key} header is given more than once", 400, "InvalidRequest")
            )
        try:
            match = self._route(method, wire_path)
        except ApiError as exc:
            verdict.problems.append(Problem(rules.ROUTE, exc.message, exc.status, exc.code))
            try:  # no operation, so no signing rule; a replay still signs afresh what was signed
                parse_authorization(headers.get("authorization"))
                verdict.well_formed_signature = True
            except AuthError:
                pass
            return verdict, headers
        op = verdict.operation = match.operation
        if self._needs_auth[op.operation_id]:
            self._authenticate(verdict, method, wire_path, raw_query, headers)
        try:
            self.validator.parameters(op, match.path_params, raw_query)
        except ApiError as exc:
            verdict.problems.append(Problem(rules.PARAMETERS, exc.message, exc.status, exc.code))
        if body is None:
            verdict.too_large = True
            message = f"body: the request body is larger than {MAX_BODY_BYTES} bytes"
            verdict.problems.append(Problem(rules.BODY, message, 413, "EntityTooLarge"))
        elif self._has_body[op.operation_id]:
            try:
                if body.strip():
                    check_content_type(headers.get("content-type"))
                document = self.validator.body(op, body)
            except ApiError as exc:
                verdict.problems.append(Problem(rules.BODY, exc.message, exc.status, exc.code))
            else:
                verdict.secrets = self._write_only_values(document)
                for value in verdict.secrets:
                    if on_secret is not None:
                        on_secret(value)
        return verdict, headers

    def _authenticate(
        self, verdict: RequestVerdict, method: str, wire_path: str, raw_query: str, headers: dict[str, str]
    ) -> None:
        """Form (always) and signature (with the key pair) by the one verifier.  Without a key the
        verifier's lookup answers "unknown key", which it reaches only after every form check."""
        try:
            verdict.verified = verify_request(method, wire_path, raw_query, headers, self._lookup, policy=self.policy)
        except UnknownAccessKey as exc:
            verdict.well_formed_signature = True
            if self._key_pair is None:
                verdict.auth = "unchecked"
                return
            self._auth_problem(verdict, rules.SIGNATURE, exc, "signed with an access key the proxy does not hold")
            return
        except (RequestExpired, RequestNotYetValid) as exc:
            verdict.well_formed_signature = True
            # Is the HMAC itself right?  Then the proxy re-signs with the same (stale) time, so the
            # upstream sees the very request the client made, expired as it was.
            moment = parse_authorization(headers.get("authorization")).timestamp
            verdict.verified = self._verify_at(method, wire_path, raw_query, headers, moment)
            self._auth_problem(verdict, rules.SIGNATURE, exc)
            return
        except AuthError as exc:
            verdict.well_formed_signature = exc.kind == "mismatch"
            self._auth_problem(verdict, rules.SIGNATURE if exc.kind == "mismatch" else rules.AUTH_FORM, exc)
            return
        verdict.well_formed_signature = True
        verdict.auth = "verified"

    def _verify_at(
        self, method: str, wire_path: str, raw_query: str, headers: dict[str, str], moment: datetime
    ) -> Verified | None:
        try:
            return verify_request(method, wire_path, raw_query, headers, self._lookup, now=moment, policy=self.policy)
        except AuthError:
            return None

    def _auth_problem(self, verdict: RequestVerdict, rule: str, exc: AuthError, message: str | None = None) -> None:
        verdict.auth = exc.kind
        status, code = self.auth_rules.error_for(exc)
        verdict.problems.append(Problem(rule, message or exc.message, status, code))

    def _write_only_values(self, document: Any) -> list[str]:
        """The write-only string values of a request body (at any depth)."""
        found: list[str] = []
        stack = [document]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                for key, value in node.items():
                    if key in self._write_only and isinstance(value, str) and len(value) >= 8:
                        found.append(value)
                    else:
                        stack.append(value)
            elif isinstance(node, list):
                stack.extend(node)
        return found

    def remember(self, verdict: RequestVerdict) -> None:
        """After its own answer was judged: no later answer may carry the request's secrets."""
        for value in verdict.secrets:
            if value not in self.remembered:
                self.remembered.append(value)
        del self.remembered[:-MAX_REMEMBERED_SECRETS]

    # ------------------------------------------------------------------ answers

    def judge_answer(
        self,
        verdict: RequestVerdict,
        method: str,
        status: int,
        headers: dict[str, str],
        body: bytes,
        complete: bool,
    ) -> list[Verdict]:
        """Every verdict on one answer; ``complete`` False when only the first part of the body was
        kept (a large chart package): then nothing that needs the whole body is judged."""
        op = verdict.operation
        op_id = op.operation_id if op else None
        out = list(self._answer_verdicts(op, method, status, headers, body, complete))
        out.append(("SCHEMA-002", f"answered {status}" if status >= 500 else None))
        code = _bce_code(body) if status >= 400 and complete else None
        if op is not None:
            if not verdict.valid_input and not verdict.too_large:
                first = next(p for p in verdict.problems if p.rule in (rules.PARAMETERS, rules.BODY, rules.HEADERS))
                accepted = 200 <= status < 300
                out.append(("SCHEMA-003", f"invalid input answered {status} ({first.message})" if accepted else None))
            elif (
                not verdict.problems
                and verdict.auth in ("verified", "unchecked", "none")
                and code not in self._auth_codes
                and not verdict.digests  # a body digest the proxy does not check may be why (BadDigest)
            ):
                refused = status in (400, 422) and op_id not in self.contract.verdict_400
                out.append(
                    ("SCHEMA-004", f"valid input answered {status}" + (f" {code}" if code else "") if refused else None)
                )
            out += self._auth_verdicts(verdict, status, code)
        out += self._secret_verdicts(body, headers)
        return out

    def _answer_verdicts(
        self, op: Operation | None, method: str, status: int, headers: dict[str, str], body: bytes, complete: bool
    ) -> tuple[Verdict, ...]:
        """The verdicts that depend on the answer alone: the suite's structure judge and SCHEMA-001.

        A pure function of the operation, method, status, content type, body and request id
        header, so a repeated answer (a poll, a page asked for again) is judged once: the last
        :data:`ANSWER_MEMO_SIZE` answers of at most :data:`ANSWER_MEMO_BYTES` are remembered.  The
        request id is part of the key only where a judge reads its value (STRUCT-003, on errors)."""
        request_id = next((v for k, v in headers.items() if k.lower() == REQUEST_ID_HEADER), None)
        content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), None)
        shown_id = request_id if status >= 400 else bool(request_id and request_id.strip())
        key = (op.operation_id if op else None, method, status, content_type, shown_id, complete, body)
        memo = self._answer_memo.get(key) if len(body) <= ANSWER_MEMO_BYTES else None
        if memo is not None:
            return memo
        op_id = op.operation_id if op else None
        judged = structure.judge(self.contract, op_id, status, headers, body if complete else b"", method)
        if not complete:
            judged = [(cid, problem) for cid, problem in judged if cid == "STRUCT-002"]
        if op is not None:
            judged += self._documented(op, status, body, complete, method)
        memo = tuple(judged)
        if len(body) <= ANSWER_MEMO_BYTES:
            if len(self._answer_memo) >= ANSWER_MEMO_SIZE:
                self._answer_memo.clear()
            self._answer_memo[key] = memo
        return memo

    def _documented(self, op: Operation, status: int, body: bytes, complete: bool, method: str) -> list[Verdict]:
        """SCHEMA-001: the status is documented for the operation and the body fits its schema."""
        responses = op.responses
        if not any(key in responses for key in (str(status), f"{str(status)[0]}XX", "default")):
            documented = ", ".join(sorted(responses))
            return [
                ("SCHEMA-001", f"status {status} is not documented for {op.operation_id} (documented: {documented})")
            ]
        pointer = self.contract.response_schema_pointer(op, status)
        if pointer is None or not complete or method.upper() == "HEAD" or not body:
            return [("SCHEMA-001", None)]
        try:
            data = json.loads(body)
        except ValueError:
            return [("SCHEMA-001", f"a {status} answer documented as JSON is not JSON")]
        errors = list(self.contract.schemas.validator(pointer).iter_errors(data))
        if errors:
            return [
                (
                    "SCHEMA-001",
                    f"{status} answer does not match its schema: {safe_message(best_match(errors), 'answer')}",
                )
            ]
        return [("SCHEMA-001", None)]

    def _auth_verdicts(self, verdict: RequestVerdict, status: int, code: str | None) -> list[Verdict]:
        if verdict.auth == "verified":
            return [("AUTH-001", f"a correctly signed request answered {status}" if status in (401, 403) else None)]
        rule = AUTH_RULE_BY_KIND.get(verdict.auth)
        if rule is None or (verdict.auth == "unknownKey" and self._key_pair is not None):
            return []  # no key to judge with, or a key the upstream may well know and the proxy not
        entry = self.auth_rules.errors[verdict.auth]
        want_status, want_code = int(entry["status"]), str(entry["code"])
        if status == want_status and code == want_code:
            return [(rule, None)]
        return [(rule, f"expected {want_status} {want_code}, answered {status}" + (f" {code}" if code else ""))]

    def _secret_verdicts(self, body: bytes, headers: dict[str, str]) -> list[Verdict]:
        """SECRET-001 (a password a client sent comes back) and SECRET-002 (the proxy's secret key
        comes back), by the suite's own scanner."""
        secret_key = self.secret_key or ""
        if not secret_key and not self.remembered:
            return []
        leaks: list[str] = []
        key_problem: str | None = None
        for password in list(self.remembered) or [self._marker]:
            for check_id, problem in secret_checks.scan(body, headers, password, secret_key):
                if check_id == "SECRET-001" and problem is not None:
                    leaks.append(problem.replace("the suite wrote", "a client sent"))
                elif check_id == "SECRET-002":
                    key_problem = problem
        out: list[Verdict] = []
        if self.remembered:
            out.append(("SECRET-001", leaks[0] if leaks else None))
        if secret_key:
            out.append(("SECRET-002", key_problem))
        return out


def _bce_code(body: bytes) -> str | None:
    try:
        data = json.loads(body)
    except ValueError:
        return None
    return data.get("code") if isinstance(data, dict) and isinstance(data.get("code"), str) else None
