"""One proxy session: check the spec, serve, (run a command,) stop, report.

A spec that does not validate (``ccr-contract validate``'s own checks) stops the proxy before it
listens, in one line: a proxy that judged traffic against a broken contract would pass or fail it
silently for the wrong reasons.  The server runs in a background thread (uvicorn with the
reference server's HTTP limits, :mod:`ccr_contract.server.http_limits`), so the caller's thread is
free to wait for a signal or a command.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ccr_conformance.proxy.forwarding import ProxyApp, ProxySettings
from ccr_conformance.proxy.inspector import Inspector
from ccr_conformance.proxy.recorder import Recorder
from ccr_conformance.proxy.reporting import build_run, write_reports
from ccr_conformance.target import Target


class ProxyStartError(ValueError):
    """The proxy cannot start (bad upstream, invalid spec): one line for the user."""


def _stderr_line(text: str) -> None:
    print(f"ccr-contract proxy: {text}", file=sys.stderr, flush=True)


def check_spec(path: str | Path | None = None) -> dict[str, Any]:
    """The spec, loaded; :class:`ProxyStartError` in one line when it does not validate."""
    from ccr_contract.paths import spec_path
    from ccr_contract.spec import SpecError, load_spec
    from ccr_contract.validate import validate_file

    where = Path(path) if path else spec_path()
    try:
        stat = where.stat()
        problems = _problems(str(where.resolve()), stat.st_mtime_ns, stat.st_size, validate_file)
    except OSError as exc:
        raise ProxyStartError(f"the spec cannot be read: {where}: {exc.strerror or exc}") from None
    except SpecError as exc:
        raise ProxyStartError(f"the spec cannot be used: {exc}") from None
    if problems:
        # A validator's problem can span lines and quote the whole document: its first line, cut short.
        first = " ".join(problems[0].strip().split("\n", 1)[0].split())[:200]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ProxyStartError(f"the spec {where} does not validate: {first}{more}; see ccr-contract validate")
    return load_spec(where)


@lru_cache(maxsize=8)
def _problems(path: str, mtime_ns: int, size: int, validate: Callable[[str], list[str]]) -> tuple[str, ...]:
    """``ccr-contract validate``'s problems with one file version (validation takes seconds; a
    process that starts several proxies on an unchanged spec validates it once)."""
    return tuple(validate(path))


def check_upstream(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ProxyStartError(f"--upstream must be an absolute http(s) URL, not {url!r}")
    if parts.query or parts.fragment:
        raise ProxyStartError("--upstream must not have a query or fragment")
    return url.rstrip("/")


class ProxySession:
    """The proxy's parts for one run; :meth:`serving` starts and stops it, :meth:`report` writes."""

    def __init__(
        self,
        settings: ProxySettings,
        spec: dict[str, Any] | None = None,
        say: Callable[[str], None] = _stderr_line,
    ) -> None:
        upstream = check_upstream(settings.upstream)
        spec = spec if spec is not None else check_spec()
        key_pair = settings.key_pair
        # The report target: base URL the failures are replayed against, the redactor (secret key).
        self.target = Target(upstream, key_pair[0] if key_pair else "", key_pair[1] if key_pair else "")
        self.inspector = Inspector(spec, key_pair)
        self.recorder = Recorder(self.inspector.routes.operations, self.target.redactor, say)
        self.app = ProxyApp(settings, self.inspector, self.recorder, say)
        self.settings = settings
        self.say = say

    @contextlib.contextmanager
    def serving(self, host: str = "127.0.0.1", port: int = 0, timeout: float = 10.0) -> Iterator[str]:
        """Serve until the block ends (uvicorn in a thread, as :func:`ccr_contract.liveserver.serve_in_thread`);
        yields the proxy's base URL.  uvicorn's own ``date`` and ``server`` headers are off: the
        upstream's pass through, and a second copy of each would change the answer.  uvicorn's
        X-Forwarded-For handling is off too: it rewrites only what the app is told about its
        client, which the proxy does not use, at a cost on every request."""
        from ccr_contract.liveserver import serve_in_thread

        try:
            with serve_in_thread(
                self.app,
                host,
                port,
                timeout,
                limits=self.settings.limits,
                lifespan="on",
                server_header=False,
                date_header=False,
                proxy_headers=False,  # X-Forwarded-* pass through to the upstream; the proxy reads none
            ) as url:
                yield url
        except RuntimeError as exc:
            raise RuntimeError(f"the proxy could not listen on {host}:{port}: {exc}") from None

    def report(self, directory: str | Path | None) -> list[Path]:
        """Write the reports (when ``directory``); always say the verdict in one line."""
        run = build_run(self.recorder, self.target)
        written = write_reports(run, self.recorder, Path(directory)) if directory else []
        coverage = self.recorder.coverage()
        self.say(
            f"{self.recorder.requests} request(s), {self.recorder.violations} violation(s), "
            f"{coverage['operations_hit']}/{coverage['operations_total']} operations hit"
            + (f"; reports in {directory}" if directory else "")
        )
        self.target.close()
        return written

    @property
    def violations(self) -> int:
        return self.recorder.violations


def run_command(command: Sequence[str], proxy_url: str) -> int:
    """Run ``command`` with ``CCR_ENDPOINT`` naming the proxy; its exit status (127: not found)."""
    env = dict(os.environ, CCR_ENDPOINT=proxy_url)
    try:
        return subprocess.run(list(command), env=env, check=False).returncode
    except FileNotFoundError:
        raise ProxyStartError(f"command not found: {command[0]}") from None
    except PermissionError:
        raise ProxyStartError(f"command cannot be run: {command[0]}") from None
