"""Issue 13, outbound traffic: the health probe connects only to loopback and allowed hosts, a
default ``ccr-contract conformance`` run makes no other connection and no DNS lookup, and a
registry URL's credentials are never answered back.

How the spy sees connections: a ``sys.addaudithook`` hook records the ``socket.connect`` and
``socket.getaddrinfo``/``gethostbyname``/``gethostbyaddr`` events CPython raises for every Python
socket, in every thread (the embedded server runs in a thread of this process).  uvloop opens its
sockets in C, where no hook sees them, so the spied run sets ``ccr_contract.liveserver.LOOP`` to
``asyncio``; the run is otherwise the default one.  A positive control keeps the spy honest: every
ping the suite's own registry received must show up as a spied loopback connection to it.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from ccr_conformance.registry_stub import RegistryStub
from server_fixtures import make_client, registry_body

from ccr_cli.main import main
from ccr_contract import liveserver
from ccr_contract.server import health
from ccr_contract.server.health import ProbePolicy, Prober, is_loopback_host, ping_url


@dataclass
class Spy:
    connects: list[tuple[str, int]] = field(default_factory=list)
    lookups: list[str] = field(default_factory=list)

    @property
    def remote_connects(self) -> list[tuple[str, int]]:
        return [address for address in self.connects if not _is_loopback_ip(address[0])]


def _is_loopback_ip(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def _is_ip_literal(host: object) -> bool:
    text = host.decode("ascii", "replace") if isinstance(host, bytes) else str(host)
    try:
        ipaddress.ip_address(text.split("%", 1)[0])
        return True
    except ValueError:
        return False


_ACTIVE: list[Spy] = []
_LOCK = threading.Lock()


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if not _ACTIVE or not event.startswith("socket."):
        return
    spy = _ACTIVE[-1]
    if event == "socket.connect":
        address = args[1]
        if isinstance(address, tuple) and len(address) >= 2:
            with _LOCK:
                spy.connects.append((str(address[0]), int(address[1])))
    elif event == "socket.getaddrinfo":
        if args[0] is not None and not _is_ip_literal(args[0]):
            with _LOCK:
                spy.lookups.append(str(args[0]))
    elif event in ("socket.gethostbyname", "socket.gethostbyaddr", "socket.gethostbyname_ex"):
        with _LOCK:
            spy.lookups.append(f"{event}:{args[0]}")


sys.addaudithook(_hook)  # audit hooks cannot be removed: this one is inert while no spy is active


@contextmanager
def spying() -> Iterator[Spy]:
    spy = Spy()
    _ACTIVE.append(spy)
    try:
        yield spy
    finally:
        _ACTIVE.remove(spy)


# --------------------------------------------------------------------------- the default conformance run


@pytest.mark.slow
def test_a_default_conformance_run_connects_only_to_loopback_and_looks_up_no_name(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(liveserver, "LOOP", "asyncio", raising=False)
    stubs: list[tuple[str, int]] = []
    close = RegistryStub.close

    def remember(self: RegistryStub) -> None:
        stubs.append((self.url, self.requests))
        close(self)

    monkeypatch.setattr(RegistryStub, "close", remember)
    with spying() as spy:
        code = main(["conformance"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert spy.remote_connects == [], sorted(set(spy.remote_connects))[:20]
    assert spy.lookups == [], sorted(set(spy.lookups))[:20]
    ((stub_url, pings),) = stubs
    stub_port = int(stub_url.rsplit(":", 1)[1])
    assert pings > 0  # the server did probe registries: the suite's own
    assert sum(1 for _, port in spy.connects if port == stub_port) >= pings  # and the spy saw each


# --------------------------------------------------------------------------- the probe's policy


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("::ffff:127.0.0.1", True),
        ("localhost", True),
        ("LOCALHOST.", True),
        ("127.1", False),  # not an IP literal: refused rather than guessed at
        ("2130706433", False),
        ("0.0.0.0", False),
        ("10.0.0.1", False),
        ("hub.baidubce.com", False),
        ("localhost.example.com", False),
    ],
)
def test_loopback_is_decided_from_the_host_as_written(host: str, loopback: bool) -> None:
    assert is_loopback_host(host) is loopback


def test_ping_url_drops_the_urls_own_credentials() -> None:
    assert str(ping_url("https://admin:hunter2@reg.example:5000/base?x=1#f")) == "https://reg.example:5000/base/v2/"


@pytest.mark.parametrize(
    "url",
    [
        "http://hub.baidubce.com",
        "https://registry.invalid/v2",
        "http://10.0.0.1:5000",
        "http://127.1",
        "ftp://127.0.0.1",
    ],
)
def test_a_probe_elsewhere_is_false_without_a_lookup_or_a_connection(url: str) -> None:
    prober = Prober()
    with spying() as spy:
        healthy = asyncio.run(prober.probe(url, "u", "p", timeout=2))
    assert healthy is False
    assert (spy.connects, spy.lookups) == ([], [])
    assert prober.refused == 1


def test_the_server_refuses_a_health_check_of_an_outside_registry_without_connecting() -> None:
    client = make_client()
    with spying() as spy:
        response = client.post("/v1/ccr/registries/ping", json=registry_body("outside", "http://hub.baidubce.com"))
    assert response.json()["targetName"] == "false"
    assert (spy.connects, spy.lookups) == ([], [])
    assert client.app.state.server.prober.refused == 1


def _local_non_loopback_address() -> str | None:
    """This machine's address on its default route (a UDP connect sends nothing), if it has one."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: only picks the route
            address = probe.getsockname()[0]
    except OSError:
        return None
    return None if ipaddress.ip_address(address).is_loopback else address


def test_allow_probe_host_opens_exactly_that_host() -> None:
    address = _local_non_loopback_address()
    if address is None:
        pytest.skip("no non-loopback address to listen on")
    stub = RegistryStub(address)
    try:
        body = registry_body("allowed", stub.url)
        refused = make_client().post("/v1/ccr/registries/ping", json=body).json()["targetName"]
        assert (refused, stub.requests) == ("false", 0)
        allowed = make_client(allow_probe_hosts=[address]).post("/v1/ccr/registries/ping", json=body)
        assert (allowed.json()["targetName"], stub.requests) == ("true", 1)
    finally:
        stub.close()


def test_probes_share_one_client_and_build_tls_contexts_off_the_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[tuple[bool, int]] = []
    real = httpx.create_ssl_context

    def counting(*args: Any, **kwargs: Any) -> Any:
        built.append((kwargs.get("verify", True), threading.get_ident()))
        return real(*args, **kwargs)

    monkeypatch.setattr(httpx, "create_ssl_context", counting)
    monkeypatch.setattr(health, "_contexts", {})
    stub = RegistryStub()
    prober = Prober(ProbePolicy())

    async def scenario() -> tuple[list[bool], set[int], int]:
        loop_thread = threading.get_ident()
        results = [await prober.probe(stub.url, "u", "p", insecure=bool(i % 2), timeout=5) for i in range(10)]
        clients = {id(client) for client in prober._clients.values()}
        await prober.aclose()
        return results, clients, loop_thread

    try:
        results, clients, loop_thread = asyncio.run(scenario())
    finally:
        stub.close()
    assert results == [True] * 10 and len(clients) == 2  # one verifying, one insecure client
    assert sorted(verify for verify, _ in built) == [False, True]  # two TLS contexts for ten probes
    assert all(thread != loop_thread for _, thread in built)  # neither built on the event loop


# --------------------------------------------------------------------------- URL credentials


def test_a_registry_url_carrying_credentials_is_refused_without_echoing_them() -> None:
    """Credentials travel in ``credential``, never in a URL (spec ``HttpUrl``): a URL with
    ``user:password@`` is a 400 whose answer does not carry the password, and nothing is stored."""
    stub = RegistryStub()
    try:
        client = make_client()
        host = stub.url.removeprefix("http://")
        body = registry_body("with-creds", f"http://admin:hunter2@{host}/base")
        refused = client.post("/v1/ccr/registries", json=body)
        assert refused.status_code == 400 and "hunter2" not in refused.text, refused.text
        assert client.get("/v1/ccr/registries").json()["result"] == []
        bad = client.post("/v1/ccr/registries", json={**body, "url": "http://admin:hunter2@ bad host"})
        assert bad.status_code == 400 and "hunter2" not in bad.text
        created = client.post("/v1/ccr/registries", json=registry_body("plain", f"http://{host}/base"))
        reg_id = int(created.json()["targetName"])
        assert client.post("/v1/ccr/registries/ping", json={"id": reg_id}).json()["targetName"] == "true"
    finally:
        stub.close()
