"""``ccr-contract mock``: serve the reference CCR server (see docs-src/server.md).

The socket is bound before anything is printed, so the printed URL is already connectable (and
``--port 0`` prints the port the system picked).  The secret key is printed only when it is the
public demo pair; a key given with ``--sk`` or ``CCR_SK`` is never echoed.  ``CCR_AK``/``CCR_SK``
exist so a secret need not appear on a command line (which ``ps`` shows to every local user).
"""

from __future__ import annotations

import argparse
import copy
import logging
import math
import os
import re
import socket
import sys
from typing import Any

from ccr_cli.main import CommandFailed, UsageError

LOOPBACK = ("127.0.0.1", "::1", "localhost")
DEFAULT_REQUEST_TIMEOUT = 20.0
MAX_REQUEST_TIMEOUT = 30.0
ENV_AK, ENV_SK = "CCR_AK", "CCR_SK"
#: A query parameter that could carry a credential (BCE accepts ``authorization`` in the query).
_QUERY_CREDENTIAL = re.compile(r"(?i)([?&]authorization=)[^&]*")


class RedactQueryCredentials(logging.Filter):
    """Blanks an ``authorization=`` query value in uvicorn's access line (args: client, method,
    path with query, HTTP version, status).  Headers are never part of that line."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], _QUERY_CREDENTIAL.sub(r"\1-redacted-", args[2]), *args[3:])
        return True


def log_config(access_log: bool) -> dict[str, Any]:
    """uvicorn's logging config with its own messages at WARNING and, when asked for, access lines at
    INFO (uvicorn's ``log_level`` sets both loggers alike, which silenced the access lines)."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    for name in ("uvicorn", "uvicorn.error"):
        config["loggers"][name]["level"] = "WARNING"
    config["loggers"]["uvicorn.access"]["level"] = "INFO" if access_log else "WARNING"
    config.setdefault("filters", {})["redact"] = {"()": RedactQueryCredentials}
    config["handlers"]["access"]["filters"] = ["redact"]
    return config


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="TCP port (default 8080; 0 picks a free one)")
    parser.add_argument("--ak", help=f"access key id to accept (default: ${ENV_AK}, else the documented demo pair)")
    parser.add_argument("--sk", help=f"secret access key for --ak (default: ${ENV_SK}; never printed)")
    parser.add_argument("--db", metavar="PATH", help="keep state in this SQLite file (default: in memory)")
    parser.add_argument(
        "--execution-seconds",
        type=float,
        default=5.0,
        metavar="S",
        help="how long a started execution stays InProgress (default 5)",
    )
    parser.add_argument(
        "--probe-timeout", type=float, default=3.0, metavar="S", help="registry health probe timeout (default 3)"
    )
    parser.add_argument(
        "--allow-probe-host",
        action="append",
        default=[],
        metavar="HOST",
        help="a registry host the health probe may connect to besides loopback (repeatable; default: none)",
    )
    parser.add_argument(
        "--require-body-signature",
        action="store_true",
        help="refuse writes whose signature covers no x-bce-content-sha256 or content-md5 header",
    )
    parser.add_argument(
        "--request-timeout",
        type=float,
        default=DEFAULT_REQUEST_TIMEOUT,
        metavar="S",
        help=f"seconds a request's headers, then its body, may take to arrive (default {DEFAULT_REQUEST_TIMEOUT:g}, "
        f"at most {MAX_REQUEST_TIMEOUT:g})",
    )
    parser.add_argument("--access-log", action="store_true", help="log one line per request (no bodies, no headers)")
    parser.add_argument(
        "--validate-responses",
        nargs="?",
        const="log",
        choices=("log", "strict"),
        metavar="MODE",
        help="check every answer against the spec and log each violation (field and rule, never values); "
        "'strict' also answers a violating request with a 500",
    )
    seeding = parser.add_mutually_exclusive_group()
    seeding.add_argument(
        "--fixtures",
        metavar="FILE",
        help="seed a new store from this YAML/JSON file (instances, projects, repositories, tags, charts, ...)",
    )
    seeding.add_argument("--empty", action="store_true", help="start with no data (default: the embedded demo)")


def _check(args: argparse.Namespace) -> None:
    """Validate the arguments; ``--ak``/``--sk`` fall back to ``CCR_AK``/``CCR_SK`` (empty means unset)."""
    if args.ak is None:
        args.ak = os.environ.get(ENV_AK) or None
    if args.sk is None:
        args.sk = os.environ.get(ENV_SK) or None
    if (args.ak is None) != (args.sk is None):
        raise UsageError(f"--ak and --sk go together (or set both {ENV_AK} and {ENV_SK})")
    if args.ak is not None and (not args.ak.strip() or not args.sk):
        raise UsageError("--ak and --sk must not be empty")
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be between 0 and 65535: {args.port}")
    if not (math.isfinite(args.execution_seconds) and args.execution_seconds >= 0):
        raise UsageError("--execution-seconds must be a non-negative number")
    if not (math.isfinite(args.probe_timeout) and args.probe_timeout > 0):
        raise UsageError("--probe-timeout must be a positive number")
    if not (math.isfinite(args.request_timeout) and 0 < args.request_timeout <= MAX_REQUEST_TIMEOUT):
        raise UsageError(f"--request-timeout must be a number of seconds above 0 and at most {MAX_REQUEST_TIMEOUT:g}")
    for host in args.allow_probe_host:
        if not host.strip() or any(c in host for c in "/@?# \t"):
            raise UsageError(f"--allow-probe-host takes a host name or IP address, not {host!r}")


def _bind(host: str, port: int) -> socket.socket:
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
    except (OSError, UnicodeError) as exc:
        raise CommandFailed(f"cannot listen on {host}:{port}: {exc}") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise CommandFailed(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


def run(args: argparse.Namespace) -> int:
    _check(args)
    import uvicorn

    from ccr_contract.server import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, create_app
    from ccr_contract.server.engine.fixtures import FixtureError, read_fixtures
    from ccr_contract.server.http_limits import HttpLimits, protocol_class
    from ccr_contract.server.store import StoreOpenError
    from ccr_contract.spec import SpecError

    credentials = {args.ak: args.sk} if args.ak is not None else {DEMO_ACCESS_KEY: DEMO_SECRET_KEY}
    try:
        seed = None if args.empty else (read_fixtures(args.fixtures) if args.fixtures else "demo")
        app = create_app(
            seed=seed,
            credentials=credentials,
            db_path=args.db,
            execution_seconds=args.execution_seconds,
            probe_timeout=args.probe_timeout,
            allow_probe_hosts=args.allow_probe_host,
            require_body_signature=args.require_body_signature,
            http_limits=HttpLimits(request_timeout=args.request_timeout),
            validate_responses=args.validate_responses,
        )
    except (StoreOpenError, SpecError, FixtureError) as exc:
        raise CommandFailed(str(exc)) from None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    sock = _bind(args.host, args.port)
    host, port = sock.getsockname()[:2]
    shown_host = f"[{host}]" if ":" in host else host
    ((access_key, secret_key),) = credentials.items()
    print(f"ccr-contract mock: listening on http://{shown_host}:{port}")
    print(f"  access key: {access_key}")
    if (access_key, secret_key) == (DEMO_ACCESS_KEY, DEMO_SECRET_KEY):
        print(f"  secret key: {secret_key}  (the public demo pair; pass --ak/--sk to use your own)")
    else:
        print(f"  secret key: as given with --sk or {ENV_SK} (not shown)")
    print(f"  state: {'SQLite file ' + args.db if args.db else 'in memory (lost on exit; use --db PATH to keep it)'}")
    data = "none (--empty)" if args.empty else (f"fixtures from {args.fixtures}" if args.fixtures else "the demo")
    if data == "the demo":
        data += " (Enterprise instances ccr-4a5b6c7d and ccr-9z8y7x6w)"
    print(f"  data: {data}")
    print(f"  executions stay InProgress for {args.execution_seconds:g} s")
    allowed = ", ".join(args.allow_probe_host) or "none"
    print(f"  health probes reach loopback only, plus allowed hosts: {allowed}")
    if args.require_body_signature:
        print("  writes must sign x-bce-content-sha256 or content-md5")
    if args.validate_responses:
        print(f"  every answer is checked against the spec ({args.validate_responses}); violations are logged")
    sys.stdout.flush()
    if args.host not in LOOPBACK:
        print(f"ccr-contract mock: warning: listening on {args.host}, not only on loopback", file=sys.stderr)
    config = uvicorn.Config(
        app,
        log_config=log_config(args.access_log),
        log_level=None,
        access_log=args.access_log,
        lifespan="on",
        http=protocol_class(app.state.http_limits),
    )
    uvicorn.Server(config).run(sockets=[sock])
    return 0
