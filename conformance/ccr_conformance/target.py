"""The server under test, as the suite reaches it: base URL, key pair, timeouts, caps, redaction.

Every request the suite's own checks send goes through :meth:`Target.send`, which

* signs with :func:`ccr_contract.signing.sign_request` (the project's one signer) unless told not to;
* bounds the whole exchange by ``timeout`` (connect, each read, and the total time to read the body)
  and caps the body at ``max_body`` bytes, so a server that hangs, drips or floods cannot stall the run;
* turns every transport failure (refused, reset, timeout, oversized) into an :class:`Exchange` with
  ``error`` set, never an exception;
* hands the exchange to observers (structure and secret scanners see every response).

:class:`Redactor` removes the Authorization value and every secret from anything shown to people.
"""

from __future__ import annotations

import base64
import json
import re
import shlex
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

from ccr_conformance.invocation import program
from ccr_conformance.results import RUN_SCOPE, Exchange
from ccr_contract.signing import sign_request

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BODY = 5 * 1024 * 1024
REDACTED = "[REDACTED]"
SENSITIVE_HEADERS = frozenset({"authorization", "cookie", "set-cookie", "proxy-authorization"})
#: Parts of a header name that mark its value as a secret (``X-Api-Key``, ``X-Auth-Token``,
#: ``x-bce-security-token``, ``X-Client-Secret``): such values are shown as ``[REDACTED]``.
SECRET_NAME_PARTS = ("token", "secret", "passw", "apikey", "credential", "signature", "cookie", "session")
SECRET_NAME_WORDS = frozenset({"key", "auth", "authorization", "authentication", "sk", "pwd", "jwt"})
#: Headers the suite computes for every request (or the signature covers): ``-H`` may not set them.
RESERVED_HEADERS = frozenset(
    {"authorization", "host", "x-bce-date", "content-length", "content-type", "transfer-encoding", "accept-encoding"}
)
_TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")

Observer = Callable[[Exchange], None]


def looks_secret(name: str) -> bool:
    """Whether a header named ``name`` likely carries a secret (its value is never shown)."""
    lname = name.lower()
    if lname in SENSITIVE_HEADERS:
        return True
    words = re.split(r"[-_.]", lname)
    return any(w in SECRET_NAME_WORDS for w in words) or any(part in lname for part in SECRET_NAME_PARTS)


def parse_header(text: str) -> tuple[str, str]:
    """``NAME:VALUE`` (as ``-H`` takes it) -> ``(NAME, VALUE)``; ``ValueError`` with one line otherwise.

    The suite computes Authorization, Host, x-bce-date and the body's headers itself for every
    request (and the signature covers the first three): a header overriding one of them would break
    signatures or bodies, so it is refused rather than silently dropped or sent."""
    name, sep, value = text.partition(":")
    name, value = name.strip(), value.strip()
    if not sep or not name:
        raise ValueError(f"--header {text!r}: expected NAME:VALUE")
    if not _TOKEN.match(name):
        raise ValueError(f"--header {name!r}: not a valid header name")
    if any(c in value for c in "\r\n\0"):
        raise ValueError(f"--header {name}: the value must not contain line breaks")
    if name.lower() in RESERVED_HEADERS:
        raise ValueError(
            f"--header {name}: the suite sets {name} itself for every request (signing and bodies depend on it)"
        )
    return name, value


def parse_headers(texts: Iterable[str] | None) -> dict[str, str]:
    """Every ``-H NAME:VALUE``; a name given twice is an error (which one would win is not obvious)."""
    headers: dict[str, str] = {}
    for text in texts or ():
        name, value = parse_header(text)
        if any(k.lower() == name.lower() for k in headers):
            raise ValueError(f"--header {name}: given more than once")
        headers[name] = value
    return headers


#: A bce-auth-v1 credential wherever it shows up: a header, a JSON string (``/`` may be escaped as
#: ``\/``), a query value (``%2F``).  A server that echoes the Authorization header would otherwise
#: put live, replayable signatures into the reports.
AUTH_VALUE = r"(?i)bce-auth-v1(?:/|\\/|%2F)(?:[^\s\"'<>&\\]|\\/)*"
#: The ``user:password@`` of a URL (a registry URL may carry one).
URL_USERINFO = r"(?i)(?<=://)[^/?#\s]*(?=@)"


def _base64_cores(secret: str) -> list[str]:
    """The parts of ``base64(x + secret + y)`` that depend on ``secret`` only, for each of the three
    alignments ``x`` can give it: a server that echoes the secret base64-encoded (inside
    ``ak:sk``, say) still shows one of them."""
    raw = secret.encode("utf-8")
    cores = []
    for pad in range(3):
        encoded = base64.b64encode(b"\0" * pad + raw).decode("ascii")
        whole_groups = (pad + len(raw)) // 3
        core = encoded[4 if pad else 0 : whole_groups * 4]
        if len(core) >= 8:
            cores.append(core)
    return cores


class Redactor:
    """Replaces secrets in text shown to people (reports, summaries, curl lines).

    Secrets are literal strings (the secret key, passwords the suite wrote; also their
    percent-encoded and base64 forms) and patterns (every password marker of this run; built in:
    any ``bce-auth-v1/...`` value and the userinfo of any URL).  Every literal and pattern is
    matched against the original text and the union of the matches is replaced, so one secret
    replaced first can never hide the rest of another from its pattern (a password is its marker
    plus a random part: replacing the marker first used to leave the random part in the report).
    Header values named in ``SENSITIVE_HEADERS`` are replaced whole.
    """

    #: Shorter "secrets" (test keys like ``s``) would redact ordinary letters everywhere.
    MIN_SECRET = 4

    def __init__(self, secrets: Iterable[str] = (), patterns: Iterable[str] = ()) -> None:
        self._secrets: set[str] = set()
        self._patterns = [re.compile(AUTH_VALUE), re.compile(URL_USERINFO)]
        self._patterns += [re.compile(p) for p in patterns]
        self._lock = threading.Lock()
        for secret in secrets:
            self.add(secret)

    def add(self, secret: str) -> None:
        if len(secret) >= self.MIN_SECRET:
            forms = {secret, quote(secret, safe=""), *_base64_cores(secret)}
            with self._lock:
                self._secrets |= forms

    def add_pattern(self, pattern: str) -> None:
        with self._lock:
            self._patterns.append(re.compile(pattern))

    def text(self, value: str) -> str:
        with self._lock:
            secrets = list(self._secrets)
            patterns = list(self._patterns)
        spans: list[tuple[int, int]] = []
        for secret in secrets:
            start = value.find(secret)
            while start != -1:
                spans.append((start, start + len(secret)))
                start = value.find(secret, start + 1)
        for pattern in patterns:
            spans += [m.span() for m in pattern.finditer(value) if m.end() > m.start()]
        if not spans:
            return value
        spans.sort()
        out, last = [], 0
        merged: list[list[int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        for start, end in merged:
            out += [value[last:start], REDACTED]
            last = end
        out.append(value[last:])
        return "".join(out)

    def headers(self, headers: Mapping[str, str]) -> dict[str, str]:
        """Header values redacted; a header whose name looks secret (:func:`looks_secret`) whole."""
        return {k: (REDACTED if looks_secret(k) else self.text(str(v))) for k, v in headers.items()}

    def body(self, body: bytes | None, limit: int = 4000) -> str:
        if not body:
            return ""
        text = body[:limit].decode("utf-8", "replace")
        more = f"... ({len(body) - limit} more bytes)" if len(body) > limit else ""
        return self.text(text) + more


def describe_transport_error(exc: BaseException, timeout: float) -> str:
    """One clear sentence for a transport failure."""
    if isinstance(exc, httpx.ConnectTimeout):
        return f"could not connect within {timeout:g} s"
    if isinstance(exc, httpx.TimeoutException):
        return f"no complete response within the {timeout:g} s request timeout (server hangs?)"
    if isinstance(exc, httpx.ConnectError):
        if "SSL" in str(exc) or isinstance(exc.__cause__, ssl.SSLError) or isinstance(exc.__context__, ssl.SSLError):
            return f"TLS handshake failed ({exc}); is the server plain HTTP (use http://)?"
        return f"connection refused or unreachable ({exc})"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"the server closed or reset the connection without a valid HTTP response ({exc})"
    if isinstance(exc, httpx.ReadError | httpx.WriteError):
        return f"the connection was reset while talking to the server ({exc})"
    return f"{type(exc).__name__}: {exc}"


class Breaker:
    """A circuit breaker: ``threshold`` transport failures in a row open it; while open, requests are
    not sent; after ``cooldown`` seconds one trial request goes out (half-open) and closes it again
    on success or reopens it on failure."""

    def __init__(self, threshold: int, cooldown: float) -> None:
        self.threshold = threshold
        self.cooldown = cooldown
        self.failures = 0
        self.opened_at: float | None = None
        self.trial = False
        self.tripped = False

    def allow(self, now: float) -> bool:
        if self.opened_at is None:
            return True
        if not self.trial and now - self.opened_at >= self.cooldown:
            self.trial = True  # half-open: exactly one request tries again
            return True
        return False

    def record(self, ok: bool, now: float) -> None:
        self.trial = False
        if ok:
            self.failures, self.opened_at = 0, None
            return
        self.failures += 1
        if self.failures >= self.threshold:
            self.opened_at = now
            self.tripped = True


class Target:
    """Base URL + key pair + limits.  Thread-safe; one connection pool per target.

    Transport failures (hangs, resets, floods) feed one :class:`Breaker` per operation and one for the
    whole server: ``BREAKER_THRESHOLD`` in a row on one operation stop requests to that operation only,
    ``SERVER_BREAKER_THRESHOLD`` in a row across operations stop all of them; either retries after a
    cooldown.  Requests not sent are answered at once with an error naming the last failure, so a dead
    operation costs the run a few timeouts, not one per request, and a live one is still tested.
    """

    BREAKER_THRESHOLD = 3
    SERVER_BREAKER_THRESHOLD = 6

    def __init__(
        self,
        base_url: str,
        access_key: str,
        secret_key: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        max_body: int = DEFAULT_MAX_BODY,
        signed_headers: Iterable[str] = ("host", "x-bce-date"),
        expiration: int = 1800,
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"base URL must be absolute http(s): {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self.base_path = parts.path.rstrip("/")
        self.netloc = parts.netloc
        self.access_key = access_key
        self._secret_key = secret_key
        self.timeout = float(timeout)
        self.max_body = int(max_body)
        self.signed_headers = tuple(signed_headers)
        self.expiration = expiration
        self.observers: list[Observer] = []
        self.redactor = Redactor([secret_key])
        self.request_count = 0
        self._count_lock = threading.Lock()
        self._last_failure: str | None = None
        self._cooldown = max(2 * self.timeout, 5.0)
        self._breakers: dict[str, Breaker] = {}
        self._server_breaker = Breaker(self.SERVER_BREAKER_THRESHOLD, self._cooldown)
        #: Set when the whole server flooded the preflight (see the runner).
        self.flooded = False
        #: At most this many requests per second (None: unlimited); see :meth:`pace`.
        self.rate_limit: float | None = None
        #: Sent with every request (``-H``), after the suite's defaults and before a check's own
        #: headers; never signed (see :meth:`use_headers`).
        self.extra_headers: dict[str, str] = {}
        #: Called with one redacted line per exchange as it completes (``--verbose``); None: silent.
        self.tap: Callable[[str], None] | None = None
        self._next_slot = 0.0
        self._pace_lock = threading.Lock()
        self._client = httpx.Client(
            timeout=httpx.Timeout(self.timeout),
            follow_redirects=False,
            limits=httpx.Limits(max_connections=8, max_keepalive_connections=4),
            trust_env=False,
        )

    def pace(self) -> None:
        """Wait for this request's slot under :attr:`rate_limit` (shared by every thread)."""
        if not self.rate_limit:
            return
        import time

        with self._pace_lock:
            now = time.monotonic()
            slot = max(now, self._next_slot)
            self._next_slot = slot + 1.0 / self.rate_limit
        if slot > now:
            time.sleep(slot - now)

    def __repr__(self) -> str:  # never show the secret
        return f"Target({self.base_url!r}, access_key={self.access_key!r})"

    @property
    def last_failure(self) -> str | None:
        return self._last_failure

    @property
    def broken_transport(self) -> bool:
        """The server as a whole fails at the transport level (its breaker tripped, or it floods)."""
        return self.flooded or self._server_breaker.tripped

    @property
    def broken_operations(self) -> set[str]:
        """Operations whose own breaker tripped during the run."""
        with self._count_lock:
            return {op for op, breaker in self._breakers.items() if breaker.tripped}

    @property
    def secret_key(self) -> str:
        """The caller's secret (for the secret scanners and the schemathesis signer only)."""
        return self._secret_key

    def close(self) -> None:
        self._client.close()

    def use_headers(self, headers: Mapping[str, str]) -> None:
        """Send ``headers`` with every request (``-H``).  They are not signed: the signature keeps
        covering ``host`` and ``x-bce-date`` only, so no value can break it, and a proxy in front of
        the server may add or strip them freely.  Values of secret-looking names are redacted."""
        for name, value in headers.items():
            if name.lower() in RESERVED_HEADERS:
                raise ValueError(f"--header {name}: the suite sets {name} itself for every request")
            if looks_secret(name):
                self.redactor.add(value)
        self.extra_headers = dict(headers)

    def describe(self, exchange: Exchange) -> str:
        """One redacted line for ``--verbose``: method, path, status (or error), duration, operation."""
        url = exchange.url[len(self.base_url) :] if exchange.url.startswith(self.base_url) else exchange.url
        outcome = str(exchange.status) if exchange.status is not None else f"error: {exchange.error}"
        if exchange.status is not None and exchange.error:
            outcome += f" ({exchange.error})"
        return self.redactor.text(
            f"{exchange.method} {url or '/'} -> {outcome} {exchange.elapsed * 1000:.0f} ms [{exchange.operation}]"
        )

    def watching(self, auth: Callable[[Any], Any]) -> Callable[[Any], Any]:
        """Wrap a ``requests`` auth (how schemathesis signs) so that ``--verbose`` shows those
        exchanges too: the signed request gets a response hook that feeds :attr:`tap`."""

        def sign_and_watch(request: Any) -> Any:
            request = auth(request)
            tap = self.tap
            if tap is not None:

                def on_response(response: Any, *args: Any, **kwargs: Any) -> Any:
                    exchange = Exchange(
                        method=str(request.method or "GET").upper(),
                        url=str(request.url),
                        request_headers={},
                        status=response.status_code,
                        elapsed=response.elapsed.total_seconds(),
                        operation="schemathesis",
                    )
                    tap(self.describe(exchange))
                    return response

                request.register_hook("response", on_response)
            return request

        return sign_and_watch

    # ------------------------------------------------------------------ building requests

    def wire_url(self, path: str, query: str = "") -> str:
        """Absolute URL for an already percent-encoded ``path`` and raw ``query``."""
        url = self.base_url + path
        return f"{url}?{query}" if query else url

    def sign(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str] | None = None,
        *,
        access_key: str | None = None,
        secret_key: str | None = None,
        timestamp: datetime | str | None = None,
        expiration: int | None = None,
        signed_headers: Iterable[str] | None = None,
    ) -> dict[str, str]:
        """Headers (Authorization, x-bce-date, Host) signing ``url`` with our or the given keys."""
        signed = sign_request(
            method,
            url,
            dict(headers or {}),
            access_key if access_key is not None else self.access_key,
            secret_key if secret_key is not None else self._secret_key,
            timestamp=timestamp,
            expiration=self.expiration if expiration is None else expiration,
            signed_headers=self.signed_headers if signed_headers is None else signed_headers,
        )
        return dict(signed.headers)

    # ------------------------------------------------------------------ sending

    def send(
        self,
        method: str,
        path: str,
        *,
        query: str = "",
        json_body: Any = None,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        sign: bool = True,
        operation: str = RUN_SCOPE,
    ) -> Exchange:
        """Send one request; never raises for anything the server does."""
        url = self.wire_url(path, query)
        # identity: a compressed answer could inflate far past the body cap (decompression bomb).
        send_headers: dict[str, str] = {"Accept": "application/json", "Accept-Encoding": "identity"}
        if json_body is not None:
            body = json.dumps(json_body, ensure_ascii=False).encode("utf-8")
            send_headers["Content-Type"] = "application/json"
        send_headers.update(self.extra_headers)
        send_headers.update(headers or {})
        if sign:
            send_headers.update(self.sign(method, url, {k: v for k, v in send_headers.items() if k.lower() == "host"}))
        exchange = Exchange(
            method=method.upper(),
            url=url,
            request_headers=dict(send_headers),
            request_body=body,
            operation=operation,
            signed_by_caller=sign,
        )
        self.pace()
        self._transmit(exchange)
        for observer in list(self.observers):
            observer(exchange)
        tap = self.tap
        if tap is not None:
            tap(self.describe(exchange))
        return exchange

    def _transmit(self, exchange: Exchange) -> None:
        with self._count_lock:
            now = time.monotonic()
            breaker = self._breakers.setdefault(exchange.operation, Breaker(self.BREAKER_THRESHOLD, self._cooldown))
            for scope, guard in (("the server", self._server_breaker), (exchange.operation, breaker)):
                if not guard.allow(now):
                    exchange.started_at = time.time()
                    exchange.error = (
                        f"not sent: {scope} stopped answering ({guard.failures} transport failures in a row; "
                        f"last: {self._last_failure}); retried after {self._cooldown:g} s"
                    )
                    return
            self.request_count += 1
        self._transmit_now(exchange)
        with self._count_lock:
            ok = exchange.status is not None and not exchange.error  # hangs, resets and floods alike fail
            if not ok:
                self._last_failure = exchange.error
            now = time.monotonic()
            breaker.record(ok, now)
            self._server_breaker.record(ok, now)

    def _transmit_now(self, exchange: Exchange) -> None:
        exchange.started_at = time.time()
        started = time.monotonic()
        deadline = started + self.timeout
        marks: dict[str, float] = {}

        def trace(event: str, info: Any) -> None:  # httpcore's trace extension: when each phase ran
            marks[event.split(".", 1)[-1]] = time.monotonic()

        try:
            request = self._client.build_request(
                exchange.method,
                httpx.URL(exchange.url),
                headers=exchange.request_headers,
                content=exchange.request_body,
                extensions={"trace": trace},
            )
            response = self._client.send(request, stream=True)
            try:
                exchange.status = response.status_code
                exchange.response_headers = {k: v for k, v in response.headers.items()}
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_raw():
                    chunks.append(chunk)
                    size += len(chunk)
                    if size > self.max_body:
                        exchange.truncated = True
                        exchange.error = (
                            f"response body larger than the {self.max_body // (1024 * 1024)} MB cap; reading stopped"
                        )
                        break
                    if time.monotonic() > deadline:
                        exchange.error = f"response body not complete within the {self.timeout:g} s request timeout"
                        break
                raw = b"".join(chunks)
                exchange.response_body = raw[: self.max_body]
                encoding = response.headers.get("content-encoding", "")
                if not exchange.error and encoding and encoding.lower() != "identity":
                    exchange.response_body, too_big = _decode(raw, encoding.lower(), self.max_body)
                    if too_big:
                        exchange.truncated = True
                        exchange.error = (
                            f"the {encoding} body inflates past the {self.max_body // (1024 * 1024)} MB cap "
                            "(the request asked for Accept-Encoding: identity); reading stopped"
                        )
            finally:
                response.close()
        except httpx.HTTPError as exc:
            exchange.error = describe_transport_error(exc, self.timeout)
        except (OSError, ValueError) as exc:
            exchange.error = f"{type(exc).__name__}: {exc}"
        ended = time.monotonic()
        exchange.elapsed = ended - started
        exchange.timings = har_timings(marks, started, ended)

    # ------------------------------------------------------------------ presenting

    def curl(self, exchange: Exchange) -> str:
        """A curl line that reproduces ``exchange`` with the Authorization and secrets redacted.

        For requests the suite signed with the caller's key pair the line recomputes a fresh signature
        with ``ccr-contract sign`` from ``$CCR_SK`` (never printed); other Authorization values are
        shown as ``[REDACTED]``.
        """
        red = self.redactor
        url = red.text(exchange.url)
        parts = ["curl", "-sS", "-X", exchange.method, shlex.quote(url)]
        prefix = ""
        for name, value in exchange.request_headers.items():
            lname = name.lower()
            if lname in ("authorization", "x-bce-date") and exchange.signed_by_caller:
                continue
            shown = REDACTED if looks_secret(name) else red.text(value)
            parts += ["-H", shlex.quote(f"{name}: {shown}")]
        if exchange.signed_by_caller:
            prefix = "TS=$(date -u +%Y-%m-%dT%H:%M:%SZ); "
            sign_cmd = (
                f"{shlex.join(program())} sign --method {exchange.method} --ak {shlex.quote(self.access_key)} "
                f'--sk "$CCR_SK" --timestamp "$TS" {shlex.quote(url)}'
            )
            parts += ["-H", '"x-bce-date: $TS"', "-H", f'"Authorization: $({sign_cmd})"']
        if exchange.request_body:
            parts += ["--data-binary", shlex.quote(red.body(exchange.request_body, limit=2000))]
        return prefix + " ".join(parts)


def har_timings(marks: Mapping[str, float], started: float, ended: float) -> dict[str, float]:
    """HAR ``timings`` (ms) from httpcore's trace marks (monotonic seconds, keyed ``phase.started`` /
    ``phase.complete``): a phase that did not happen (connecting on a reused connection, TLS over
    plain HTTP) is -1; ``send``, ``wait`` and ``receive`` are never negative (HAR requires them)."""

    def ms(begin: float | None, end: float | None) -> float:
        return round(max(0.0, end - begin) * 1000, 3) if begin is not None and end is not None else -1

    tcp = ms(marks.get("connect_tcp.started"), marks.get("connect_tcp.complete"))
    tls = ms(marks.get("start_tls.started"), marks.get("start_tls.complete"))
    sent = marks.get("send_request_body.complete")
    answered = marks.get("receive_response_headers.complete")
    return {
        "blocked": ms(started, min(marks.values(), default=ended)),
        "dns": -1,  # httpcore resolves inside connect_tcp
        "connect": -1 if tcp < 0 else round(tcp + max(tls, 0), 3),
        "ssl": tls,
        "send": max(0, ms(marks.get("send_request_headers.started"), sent)),
        "wait": max(0, ms(sent, answered)),
        "receive": max(0, ms(answered, ended)),
    }


def _decode(raw: bytes, encoding: str, limit: int) -> tuple[bytes, bool]:
    """Undo gzip/deflate for the scanners (httpx's raw stream is still encoded), inflating at most
    ``limit`` bytes: ``(body, True)`` when the body inflates past it (a decompression bomb)."""
    import zlib

    wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS if "deflate" in encoding else None
    if wbits is None:
        return raw, False
    inflater = zlib.decompressobj(wbits)
    try:
        body = inflater.decompress(raw, limit)
    except zlib.error:
        return raw, False
    return body, bool(inflater.unconsumed_tail)


def parse_json(exchange: Exchange) -> tuple[Any, str | None]:
    """``(value, None)`` for a JSON body, ``(None, reason)`` otherwise."""
    if exchange.error and exchange.status is None:
        return None, exchange.error
    if exchange.truncated:
        return None, exchange.error
    try:
        return json.loads(exchange.response_body.decode("utf-8")), None
    except UnicodeDecodeError:
        return None, "response body is not UTF-8"
    except ValueError:
        snippet = exchange.response_body[:80].decode("utf-8", "replace")
        return None, f"response body is not JSON: {snippet!r}"
