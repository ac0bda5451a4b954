"""``ccr-contract sign``: the Authorization value for one request, for pasting into curl.

The secret key comes from ``CCR_SK`` or standard input (``--sk -``), so it need not appear on a
command line, which ``ps`` shows to every local user; ``--sk SECRET`` still works.  The access key
comes from ``--ak`` or ``CCR_AK``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from urllib.parse import urlsplit

from ccr_cli.main import UsageError
from ccr_contract.signing import DEFAULT_EXPIRATION, sign_request


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("url", help="full request URL, path and query exactly as sent (percent-encoded)")
    parser.add_argument("--ak", help="access key id (default: $CCR_AK)")
    parser.add_argument(
        "--sk",
        metavar="SK|-",
        help="secret access key, never printed; '-' reads it from standard input (default: $CCR_SK). "
        "Prefer CCR_SK or '-': a value given here is visible to other users in ps",
    )
    parser.add_argument("--method", default="GET", help="HTTP method (default GET)")
    parser.add_argument(
        "--header", "-H", action="append", default=[], metavar="'Name: value'", help="a request header (repeatable)"
    )
    parser.add_argument("--timestamp", help="signing time YYYY-MM-DDThh:mm:ssZ (default: now)")
    parser.add_argument(
        "--expiration", type=int, default=None, help="expirationPeriodInSeconds (default from the spec)"
    )
    parser.add_argument("--signed-headers", default=None, help="';'-separated header names (default from the spec)")
    parser.add_argument("--json", action="store_true", help="print every intermediate value as JSON")


def _keys(args: argparse.Namespace) -> tuple[str, str]:
    """The key pair from ``--ak``/``CCR_AK`` and ``--sk``/``-`` (stdin)/``CCR_SK``; a usage error when missing."""
    ak = args.ak or os.environ.get("CCR_AK") or ""
    if args.sk == "-":
        sk = sys.stdin.readline().rstrip("\r\n")
        if not sk:
            raise UsageError("--sk -: no secret key on standard input")
    else:
        sk = args.sk or os.environ.get("CCR_SK") or ""
    if not ak:
        raise UsageError("no access key: pass --ak or set CCR_AK")
    if not sk:
        raise UsageError("no secret key: set CCR_SK, or pass --sk - and write it to standard input")
    return ak, sk


def run(args: argparse.Namespace) -> int:
    from ccr_contract.spec import AuthRules, SpecError

    access_key, secret_key = _keys(args)
    try:
        rules = AuthRules.from_spec()
        default_signed, default_exp = rules.signed_headers, rules.default_expiration
    except SpecError as exc:  # signing must still work without a checkout's spec: say what we fall back to
        default_signed, default_exp = ("host", "x-bce-date"), DEFAULT_EXPIRATION
        print(f"ccr-contract sign: warning: {exc}; using host;x-bce-date and {default_exp} s", file=sys.stderr)
    try:
        parts = urlsplit(args.url)
        parts.port  # noqa: B018 - raises ValueError for a non-numeric or out-of-range port
    except ValueError as exc:
        raise UsageError(f"malformed URL {args.url!r}: {exc}") from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"URL must be absolute http(s), e.g. https://ccr.baidubce.com/v1/ccr/registries: {args.url!r}")
    if not args.method.isalpha():
        raise UsageError(f"--method must be an HTTP method name: {args.method!r}")
    headers: dict[str, str] = {}
    for raw in args.header:
        name, sep, value = raw.partition(":")
        if not sep or not name.strip():
            raise UsageError(f"--header must look like 'Name: value': {raw!r}")
        headers[name.strip()] = value.strip()
    if args.expiration is not None and args.expiration < 0:
        raise UsageError("--expiration must be a non-negative number of seconds")
    signed_headers = (
        [h for h in args.signed_headers.split(";") if h.strip()] if args.signed_headers is not None else default_signed
    )
    try:
        signed = sign_request(
            args.method,
            args.url,
            headers,
            access_key,
            secret_key,
            timestamp=args.timestamp,
            expiration=default_exp if args.expiration is None else args.expiration,
            signed_headers=signed_headers,
        )
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if "host" not in {h.strip().lower() for h in signed_headers}:
        print(
            "ccr-contract sign: warning: host is not among the signed headers; verifiers that follow "
            "x-bce-auth.requiredSignedHeaders (the reference server does) will reject this signature",
            file=sys.stderr,
        )
    if args.json:
        out = signed.as_dict()
        out["headers"] = signed.headers
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print(signed.authorization)
    return 0
