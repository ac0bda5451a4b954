"""Sign the same requests with ccr-contract's signer and with Baidu's bce-python-sdk; guard the ratio.

Run: ``.venv/bin/python benchmarks/signing.py [--quick] [--rounds N] [--requests N]``.
Exit status (``benchmarks/_guard.py``): 0 when every target is met, 1 when one is missed, 3 when
the two signers disagree on any signature (then nothing is timed).

Targets (issues 14 and 19), as SDK time / our time:

* **cold >= 2x** -- what a fresh client pays for one call: a new timestamp, and no cache of the
  signer filled by anything before it -- not the signing key, not the timestamp text, not a header
  name or line -- because every one of the signer's caches is emptied before each request (that
  time is subtracted), and every request has its own path, query and ids.  The request is
  built as Baidu's SDKs build it (``bce_http_client.send_request``): ``User-Agent``, ``Host``,
  ``Content-Length`` (``0`` without a body), ``Content-Type`` for JSON bodies and ``x-bce-date``,
  signed ``host;x-bce-date``.  The time spent emptying the caches is measured apart and subtracted
  (:func:`cold_round_seconds`).
* **warm >= 3x** -- steady state within one second: the same few typical requests signed again and
  again with one timestamp, so the per-second caches (signing key and its HMAC pad states,
  timestamp text, header lines) hit.

Each signer gets the requests in its own natural input form: ours what the project's HTTP adapters
pass (origin-form ``path?query`` as sent, the headers as ``str``, an aware ``datetime``); the SDK a
pre-normalized ``bytes`` path, a ``params`` dict, ``bytes`` headers and epoch seconds.  Before any
timing both signers sign every request of both sets and the signatures are compared request by
request, so the benchmark only ever times two implementations that agree.

Within a round the signers take turns every :data:`CHUNK` requests, so a busy machine slows both
alike; each round yields one ratio per figure (SDK time / our time over the same requests in that
round), and the guarded figure is the median of those per-round ratios, printed with its spread.
Time is process CPU time with the garbage collector paused (as ``timeit`` does): other jobs on a
shared 2-core machine then distort the ratio much less than they would wall-clock time.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from baidubce.auth import bce_v1_signer
from baidubce.auth.bce_credentials import BceCredentials

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _guard import Guard, spread

from ccr_contract import signing

AK = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
SK = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
START = datetime(2015, 4, 27, 8, 23, 49, tzinfo=UTC)
HOST = "ccr.baidubce.com"
SIGNED = ("host", "x-bce-date")
#: What baiducloud-python-sdk-core's ``send_request`` puts in ``User-Agent`` (its shape and length).
USER_AGENT = "baiducloud-python-sdk/0.0.6/3.11.2 (main, Mar 13 2023, 12:18:29) [GCC 12.2.0]/linux"
#: Requests per alternation between the signers (about a millisecond of work each).
CHUNK = 49
COLD_TARGET = 2.0
WARM_TARGET = 3.0

Params = list[tuple[str, str]]
#: One typical CCR call per entry: method, path (normalized, as on the wire), query, extra headers.
#: ``{n}`` is replaced by a per-request number for the cold set; the warm set uses fixed numbers.
TEMPLATES: list[tuple[str, str, Params, dict[str, str]]] = [
    ("GET", "/v1/instances/ccr-{n:08x}/projects", [("pageNo", "{n}"), ("pageSize", "10")], {}),
    (
        "POST",
        "/v1/instances/ccr-{n:08x}/registries",
        [],
        {"Content-Type": "application/json;charset=UTF-8", "Content-Length": "187"},
    ),
    ("PUT", "/v1/ccr/policies/{n}", [], {"Content-Type": "application/json", "Content-Length": "96"}),
    ("POST", "/v1/ccr/policies/{n}", [("execute", "")], {}),
    ("GET", "/v1/ccr/executions/{n}", [("policyId", "{n}"), ("pageNo", "2"), ("name", "镜像 migration {n}")], {}),
    ("DELETE", "/v1/ccr/registries/{n}", [], {}),
    ("GET", "/v1/ccr/%E9%95%9C%E5%83%8F/a%20b/{n}", [("keyword", "a+b/c:{n}")], {"x-bce-request-id": "r-{n}"}),
]

#: The caches of signers older than ``signing.clear_caches`` (cleared at the start of each round).
CACHE_NAMES = ("signing_key", "parse_timestamp", "_header_line", "_header_name", "_signed_names")


@dataclass(frozen=True)
class Request:
    """One request in both signers' input forms."""

    method: str
    target: str  # origin-form, as the adapters pass it
    headers: dict[str, str]
    moment: datetime
    sdk_method: bytes
    sdk_path: bytes
    sdk_headers: dict[bytes, bytes]
    sdk_params: dict[bytes, bytes]
    sdk_epoch: int


def build(n: int, template: tuple[str, str, Params, dict[str, str]], moment: datetime) -> Request:
    """Instantiate ``template`` with number ``n`` at ``moment`` for both signers."""
    method, path_fmt, params_fmt, extra_fmt = template
    path = path_fmt.format(n=n)
    params = [(k, v.format(n=n)) for k, v in params_fmt]
    extra = {k: v.format(n=n) for k, v in extra_fmt.items()}
    query = "&".join(f"{signing.normalize(k)}={signing.normalize(v)}" for k, v in params)
    stamp = signing.format_timestamp(moment)
    # As the SDK's send_request builds it: User-Agent, Host, Content-Length (0 without a body).
    built = {"User-Agent": USER_AGENT, "Host": HOST, "Content-Length": "0", **extra}
    sdk_headers = {b"x-bce-date": stamp.encode()}
    # x-bce-* headers stay out of the SDK's input: it signs them even when given an explicit list.
    sdk_headers.update({k.encode(): v.encode() for k, v in built.items() if not k.lower().startswith("x-bce-")})
    return Request(
        method=method,
        target=path + (f"?{query}" if query else ""),
        headers=built,
        moment=moment,
        sdk_method=method.encode(),
        sdk_path=path.encode(),
        sdk_headers=sdk_headers,
        sdk_params={k.encode(): v.encode() for k, v in params},
        sdk_epoch=int(moment.timestamp()),
    )


def cold_set(count: int) -> list[Request]:
    """``count`` requests, each with its own timestamp (one second apart) and its own path (the
    caches are emptied before each one as well, see :func:`cold_round_seconds`)."""
    return [build(1000 + i, TEMPLATES[i % len(TEMPLATES)], START + timedelta(seconds=i)) for i in range(count)]


def warm_set() -> list[Request]:
    """The typical requests, all signed within one second."""
    return [build(42, template, START) for template in TEMPLATES]


def ours(req: Request) -> str:
    """Sign ``req`` with ``ccr_contract.signing`` the way the project's HTTP adapters do."""
    return signing.sign_request(
        req.method, req.target, req.headers, AK, SK, timestamp=req.moment, signed_headers=SIGNED
    ).authorization


_CREDENTIALS = BceCredentials(AK, SK)
_SDK_SIGNED = [name.encode() for name in SIGNED]


def sdk(req: Request) -> str:
    """Sign ``req`` with bce-python-sdk's ``bce_v1_signer.sign``."""
    return bce_v1_signer.sign(
        _CREDENTIALS,
        req.sdk_method,
        req.sdk_path,
        req.sdk_headers,
        req.sdk_params,
        timestamp=req.sdk_epoch,
        headers_to_sign=_SDK_SIGNED,
    ).decode()


def clear_caches() -> None:
    """Empty every cache in ``ccr_contract.signing`` (by name in versions without ``clear_caches``,
    so the benchmark can also measure an older signer for before/after figures)."""
    if hasattr(signing, "clear_caches"):
        signing.clear_caches()
        return
    for name in CACHE_NAMES:
        cached = getattr(signing, name, None)
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()


def disagreements(requests: list[Request]) -> list[str]:
    """Requests whose Authorization differs between the two signers (empty when all agree)."""
    return [f"{r.method} {r.target} @ {r.moment:%H:%M:%S}" for r in requests if ours(r) != sdk(r)]


def _cpu_seconds(sign: Callable[[Request], str], requests: list[Request]) -> float:
    started = time.process_time()
    for req in requests:
        sign(req)
    return time.process_time() - started


def round_seconds(requests: list[Request]) -> tuple[float, float]:
    """``(sdk, ours)`` process CPU seconds per signature for one round over ``requests``.

    The signers alternate every :data:`CHUNK` requests (and swap which goes first each time), so a
    burst of load from other jobs -- frequent on a shared 2-core machine -- lands on both alike
    instead of on whichever signer happened to be running a whole round.
    """
    totals = [0.0, 0.0]
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for index, start in enumerate(range(0, len(requests), CHUNK)):
            part = requests[start : start + CHUNK]
            order = (0, 1) if index % 2 == 0 else (1, 0)
            for which in order:
                totals[which] += _cpu_seconds(sdk if which == 0 else ours, part)
    finally:
        if gc_was_enabled:
            gc.enable()
    return totals[0] / len(requests), totals[1] / len(requests)


def _forget_then_sign(requests: list[Request]) -> None:
    for req in requests:
        clear_caches()
        ours(req)


def _forget_only(requests: list[Request]) -> None:
    for _ in requests:
        clear_caches()


def _sdk_each(requests: list[Request]) -> None:
    for req in requests:
        sdk(req)


def _cpu(run: Callable[[list[Request]], None], requests: list[Request]) -> float:
    started = time.process_time()
    run(requests)
    return time.process_time() - started


def cold_round_seconds(requests: list[Request]) -> tuple[float, float]:
    """``(sdk, ours)`` CPU seconds per signature for one cold round: every request signed as a
    fresh client would, our caches emptied right before each one.

    Emptying the caches is not signing, so its cost is measured on its own over the same chunk
    (the same number of calls) and subtracted.  A timer around each single request cannot do it
    here: reading the process CPU clock costs several microseconds on this machine, of the order of
    a signature.  The signers alternate per chunk as in :func:`round_seconds`.
    """
    totals = [0.0, 0.0]
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for index, start in enumerate(range(0, len(requests), CHUNK)):
            part = requests[start : start + CHUNK]
            for which in (0, 1) if index % 2 == 0 else (1, 0):
                if which == 0:
                    totals[0] += _cpu(_sdk_each, part)
                else:
                    totals[1] += _cpu(_forget_then_sign, part) - _cpu(_forget_only, part)
    finally:
        if gc_was_enabled:
            gc.enable()
    return totals[0] / len(requests), totals[1] / len(requests)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="CI mode: fewer rounds and requests (a few seconds)")
    parser.add_argument("--rounds", type=int, help="alternating timing rounds (default 25, quick 11)")
    parser.add_argument("--requests", type=int, help="distinct cold requests per round (default 3000, quick 1200)")
    args = parser.parse_args(argv)
    rounds = args.rounds or (11 if args.quick else 25)
    count = args.requests or (1200 if args.quick else 3000)
    guard = Guard("benchmarks/signing.py" + (" --quick" if args.quick else ""))

    cold, warm = cold_set(count), warm_set()
    bad = disagreements(cold) + disagreements(warm)
    if bad:
        guard.fail_invalid(f"signers disagree on {len(bad)} request(s), first: {bad[0]}")
        return guard.exit_status()
    # The warm set is tiny: repeat it so a warm round signs about as many requests as a cold one.
    warm_round = warm * max(1, count // len(warm))

    ratios: dict[str, list[float]] = {"cold": [], "warm": []}
    per_request: dict[str, list[float]] = {"sdk cold": [], "ours cold": [], "sdk warm": [], "ours warm": []}
    for _ in range(rounds):
        clear_caches()
        sdk_cold, ours_cold = cold_round_seconds(cold)
        sdk_warm, ours_warm = round_seconds(warm_round)
        ratios["cold"].append(sdk_cold / ours_cold)
        ratios["warm"].append(sdk_warm / ours_warm)
        for name, value in zip(per_request, (sdk_cold, ours_cold, sdk_warm, ours_warm), strict=True):
            per_request[name].append(value * 1e6)

    print(
        f"{len(cold)} cold + {len(warm_round)} warm signatures per round, {rounds} rounds; "
        f"all {len(cold) + len(warm)} signatures equal to bce-python-sdk's"
    )
    for name, samples in per_request.items():
        guard.info(f"{name} (us/request)", spread(samples))
    guard.info("cold ratio per round", spread(ratios["cold"]))
    guard.info("warm ratio per round", spread(ratios["warm"]))
    guard.check("cold: sdk/ours (fresh client, nothing cached)", statistics.median(ratios["cold"]), COLD_TARGET)
    guard.check("warm: sdk/ours (one second, caches hit)", statistics.median(ratios["warm"]), WARM_TARGET)
    return guard.exit_status()


if __name__ == "__main__":
    sys.exit(main())
