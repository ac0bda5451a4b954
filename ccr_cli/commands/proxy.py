"""``ccr-contract proxy``: a validating, bce-auth-v1-aware proxy in front of any CCR endpoint (docs-src/proxy.md).

Two ways to run it.  In the foreground it serves until SIGINT/SIGTERM, printing one line per
violation, then writes the reports.  With ``-- COMMAND ...`` it starts, runs the command with
``CCR_ENDPOINT`` naming the proxy, stops, writes the reports, and exits non-zero when the command
failed or any violation was seen (for CI).  The secret key comes from ``--sk`` or, better (``ps``
shows command lines to every local user), ``CCR_SK``; it is never printed.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading

from ccr_cli.main import CommandFailed, UsageError

DEFAULT_LISTEN = "127.0.0.1:8090"
ENV_AK, ENV_SK = "CCR_AK", "CCR_SK"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--upstream", required=True, metavar="URL", help="the CCR endpoint to forward to (http or https)"
    )
    parser.add_argument(
        "--listen",
        default=DEFAULT_LISTEN,
        metavar="HOST:PORT",
        help=f"where to listen (default {DEFAULT_LISTEN}; port 0: any free)",
    )
    parser.add_argument(
        "--ak", help=f"access key id: verify client signatures and re-sign for the upstream (or env {ENV_AK})"
    )
    parser.add_argument("--sk", help=f"secret access key (or env {ENV_SK}, preferred; never printed)")
    parser.add_argument(
        "--report",
        metavar="DIR",
        help="write JUnit, HTML, Markdown, failures.json/HAR, summary.json and coverage here at exit",
    )
    parser.add_argument(
        "--errors",
        action="store_true",
        help="answer a request that breaks the contract with a BCE 4xx naming the rule, instead of forwarding it",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=None,
        metavar="SECONDS",
        help="request head/body and upstream read timeout (default: the reference server's, 20 s)",
    )
    parser.add_argument(
        "command",
        nargs=argparse.REMAINDER,
        metavar="-- COMMAND ...",
        help="run COMMAND with CCR_ENDPOINT set to the proxy, then stop (exit non-zero on failure or any violation)",
    )


def _listen(value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit() or int(port) > 65535:
        raise UsageError(f"--listen must be HOST:PORT, not {value!r}")
    return host.strip("[]"), int(port)


def _key_pair(args: argparse.Namespace) -> tuple[str, str] | None:
    ak = args.ak or os.environ.get(ENV_AK)
    sk = args.sk or os.environ.get(ENV_SK)
    if bool(ak) != bool(sk):
        raise UsageError(f"give both the access key and the secret key (--ak/--sk or {ENV_AK}/{ENV_SK}), or neither")
    if ak and "/" in ak:
        raise UsageError("the access key id must not contain '/'")
    return (ak, sk) if ak and sk else None


def run(args: argparse.Namespace) -> int:
    from ccr_conformance.proxy.forwarding import ProxySettings
    from ccr_conformance.proxy.session import ProxySession, ProxyStartError, run_command

    from ccr_contract.server.http_limits import HttpLimits

    command = list(args.command or [])
    if command and command[0] == "--":
        command = command[1:]
    elif command:
        raise UsageError(f"unexpected argument {command[0]!r}; put a command to run after '--'")
    host, port = _listen(args.listen)
    limits = HttpLimits()
    if args.timeout is not None:
        if not 0 < args.timeout <= 3600:
            raise UsageError("--timeout must be a positive number of seconds up to 3600")
        limits = limits.with_timeout(args.timeout)
    settings = ProxySettings(args.upstream, _key_pair(args), bool(args.errors), limits)
    try:
        session = ProxySession(settings)
    except ProxyStartError as exc:
        raise CommandFailed(str(exc)) from None
    mode = "verifies signatures and re-signs for the upstream" if settings.key_pair else "passes signatures through"
    status = 0
    try:
        with session.serving(host, port) as url:
            session.say(f"listening on {url} -> {session.app.base_url} ({mode})")
            if command:
                try:
                    status = run_command(command, url)
                except ProxyStartError as exc:
                    raise CommandFailed(str(exc)) from None
                if status != 0:
                    session.say(f"the command exited with status {status}")
            else:
                _wait_for_signal()
    except RuntimeError as exc:  # uvicorn could not bind or start
        raise CommandFailed(f"cannot listen on {host}:{port}: {exc}") from None
    finally:
        session.report(args.report)
    if status != 0:
        return status if 0 < status < 256 else 1
    return 1 if session.violations else 0


def _wait_for_signal() -> None:
    """Block until SIGINT or SIGTERM (the reports are written after it)."""
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        while not stop.wait(0.5):
            pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print(file=sys.stderr)
