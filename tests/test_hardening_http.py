"""Issue 13, HTTP limits: raw-socket attacks on the reference server's HTTP layer
(ccr_contract.server.http_limits) and the app's own 413 and duplicate-header rules.

Each attack is sent byte by byte as an attacker would (no HTTP client library in between): a huge
header, a huge request line, a body over the documented maximum (declared and chunked), half a
request head, a body shorter than its Content-Length, an idle connection.  The server runs with a
1 s request timeout so the timeout tests take seconds.  ``test_attacks_keep_a_mock_process_small``
runs every attack against a real ``ccr-contract mock`` process and reads its peak RSS from /proc.
"""

from __future__ import annotations

import json
import re
import select
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from server_fixtures import BASE, assert_bce_error, make_client, mock_process, registry_body

from ccr_contract.liveserver import serve_in_thread
from ccr_contract.server import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, create_app
from ccr_contract.server.http_limits import HttpLimits
from ccr_contract.server.validation import MAX_BODY_BYTES
from ccr_contract.signing import sign_request
from ccr_contract.spec import AuthRules

#: What the spec answers a request without a signature (``x-bce-auth.errors.missing``).
MISSING = AuthRules.from_spec().errors["missing"]
UNSIGNED_LINE = f"HTTP/1.1 {MISSING['status']} ".encode()

FAST = HttpLimits(request_timeout=1.0, linger_seconds=0.5)
MB = 1 << 20


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, int]]:
    """(host:port, port) of one reference server with a 1 s request timeout."""
    with serve_in_thread(create_app(), limits=FAST) as base_url:
        netloc = urlsplit(base_url).netloc
        yield netloc, int(netloc.rsplit(":", 1)[1])


def signed_head(method: str, netloc: str, path: str = "/v1/ccr/registries", extra: str = "") -> bytes:
    """A signed request head (request line and headers, without the blank line)."""
    signed = sign_request(method, path, {"host": netloc}, DEMO_ACCESS_KEY, DEMO_SECRET_KEY)
    return (
        f"{method} {path} HTTP/1.1\r\nHost: {netloc}\r\nAuthorization: {signed.authorization}\r\n"
        f"x-bce-date: {signed.headers['x-bce-date']}\r\n{extra}"
    ).encode()


def read_all(sock: socket.socket, limit: float = 15.0) -> bytes:
    """Everything the server sends until it closes (a reset ends the read too)."""
    sock.settimeout(limit)
    data = b""
    try:
        while chunk := sock.recv(65536):
            data += chunk
    except (ConnectionResetError, TimeoutError):
        pass
    return data


def flood(sock: socket.socket, prefix: bytes, total: int, chunk: bytes = b"a" * 65536) -> int:
    """Send ``prefix`` then up to ``total`` bytes of ``chunk`` until the server answers or stops
    reading; returns the bytes of filler sent."""
    sock.sendall(prefix)
    sock.setblocking(False)
    sent = 0
    try:
        while sent < total:
            readable, writable, _ = select.select([sock], [sock], [], 5)
            if readable:
                break  # the answer (or the close) is there: an attacker learns nothing by going on
            if not writable:
                break  # the server stopped reading
            try:
                sent += sock.send(chunk)
            except BlockingIOError:
                continue
            except OSError:
                break
    finally:
        sock.setblocking(True)
    return sent


def answer(data: bytes) -> tuple[int, dict[str, str], dict]:
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    length = int(headers.get("content-length", "0"))
    return status, headers, json.loads(body[:length]) if length else {}


def assert_bce(data: bytes, status: int, code: str) -> dict:
    got, headers, body = answer(data)
    assert got == status, data[:300]
    assert headers["content-type"] == "application/json;charset=UTF-8"
    assert body["code"] == code and body["requestId"] == headers["x-bce-request-id"], body
    return body


# --------------------------------------------------------------------------- sizes


def test_a_100_mb_header_is_431_after_at_most_the_limit_and_a_linger(server: tuple[str, int]) -> None:
    _, port = server
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sent = flood(sock, b"GET /v1/ccr/registries HTTP/1.1\r\nHost: x\r\nX-Big: ", 100 * MB)
        data = read_all(sock)
    body = assert_bce(data, 431, "RequestHeaderFieldsTooLarge")
    assert "65536" in body["message"]
    assert sent < 100 * MB  # the server stopped reading long before the end


def test_a_100_mb_request_line_is_414(server: tuple[str, int]) -> None:
    _, port = server
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sent = flood(sock, b"GET /v1/ccr/registries?keyword=", 100 * MB)
        data = read_all(sock)
    assert_bce(data, 414, "RequestURITooLong")
    assert sent < 100 * MB


@pytest.mark.parametrize(("extra", "status"), [(0, int(MISSING["status"])), (1, 431)])
def test_the_header_limit_is_exact(server: tuple[str, int], extra: int, status: int) -> None:
    """A head of exactly 64 KiB reaches the app (unsigned: the spec's ``missing``); one byte more is 431."""
    _, port = server
    start = b"GET /v1/ccr/registries HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Pad: "
    pad = HttpLimits().max_header_bytes - len(start) - 4 + extra
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(start + b"p" * pad + b"\r\n\r\n")
        data = read_all(sock)
    assert answer(data)[0] == status, data[:200]


@pytest.mark.parametrize(("extra", "status"), [(0, 404), (1, 414)])
def test_the_request_line_limit_is_exact(server: tuple[str, int], extra: int, status: int) -> None:
    """A request target of 8 KiB reaches the app (404 for the unknown path); one byte more is 414."""
    _, port = server
    target = b"/" + b"x" * (HttpLimits().max_request_line - 1 + extra)
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        data = read_all(sock)
    assert answer(data)[0] == status, data[:200]


def test_a_declared_body_over_the_maximum_is_413_before_a_byte_of_it_is_sent(server: tuple[str, int]) -> None:
    netloc, port = server
    head = signed_head("POST", netloc, extra=f"Content-Type: application/json\r\nContent-Length: {100 * MB}\r\n\r\n")
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(head)  # no body at all: the answer comes from the headers alone
        started = time.monotonic()
        data = read_all(sock)
        elapsed = time.monotonic() - started
    assert_bce(data, 413, "EntityTooLarge")
    assert elapsed < FAST.request_timeout  # answered and closed at once, not after a timeout


def test_a_chunked_body_over_the_maximum_is_413_and_the_rest_is_not_read(server: tuple[str, int]) -> None:
    netloc, port = server
    head = signed_head("POST", netloc, extra="Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
    piece = b"10000\r\n" + b" " * 0x10000 + b"\r\n"
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sent = flood(sock, head, 100 * MB, piece)
        data = read_all(sock)
    assert_bce(data, 413, "EntityTooLarge")
    assert sent < MAX_BODY_BYTES + FAST.linger_bytes + 16 * MB  # (socket buffers hold a few MB more)


def test_an_early_answer_is_read_by_a_client_still_uploading_not_reset(server: tuple[str, int]) -> None:
    """An unsigned 900 KB upload gets its answer (``missing``) before the body is read; the lingering close lets the
    client finish sending and then read it (a plain close would reset the connection)."""
    _, port = server
    body = json.dumps({**registry_body(), "description": "d" * 900_000}).encode()
    head = b"POST /v1/ccr/registries HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
    head += f"Content-Length: {len(body)}\r\n\r\n".encode()
    for _ in range(3):
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.sendall(head + body)
            data = read_all(sock)
        assert_bce(data, int(MISSING["status"]), MISSING["code"])


def test_a_connection_answered_before_its_body_arrived_still_serves_the_next_request(server: tuple[str, int]) -> None:
    """The rest of a small body is drained, not a reason to close: a keep-alive client that sends
    its next request right away (before it could see a close) gets that one answered too."""
    netloc, port = server
    body = json.dumps(registry_body()).encode()
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(f"POST /v1/ccr/registries HTTP/1.1\r\nHost: x\r\nContent-Length: {len(body)}\r\n\r\n".encode())
        time.sleep(0.2)  # the unsigned head is answered (missing) before the body is sent
        sock.sendall(body + signed_head("GET", netloc) + b"Connection: close\r\n\r\n")
        data = read_all(sock)
    assert data.count(UNSIGNED_LINE) == 1 and data.count(b"HTTP/1.1 200 ") == 1, data[:600]


# --------------------------------------------------------------------------- timeouts


def test_half_a_request_head_gets_408_and_is_closed_after_the_timeout(server: tuple[str, int]) -> None:
    _, port = server
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(b"GET /v1/ccr/registries HTTP/1.1\r\nHost: x\r\n")
        started = time.monotonic()
        data = read_all(sock)
        elapsed = time.monotonic() - started
    assert_bce(data, 408, "RequestTimeout")
    assert FAST.request_timeout - 0.1 <= elapsed < FAST.request_timeout + 2


def test_a_head_dripped_byte_by_byte_is_cut_off_at_the_timeout(server: tuple[str, int]) -> None:
    """Slowloris: every byte resets nothing; the deadline is for the whole head."""
    _, port = server
    request = b"GET /v1/ccr/registries HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"s" * 100
    with socket.create_connection(("127.0.0.1", port)) as sock:
        started = time.monotonic()
        closed = None
        for byte in request:
            try:
                sock.sendall(bytes([byte]))
            except OSError:
                break
            if select.select([sock], [], [], 0.05)[0]:
                closed = time.monotonic() - started
                break
        data = read_all(sock)
    assert closed is not None and closed < FAST.request_timeout + 2
    assert_bce(data, 408, "RequestTimeout")


def test_a_body_shorter_than_its_content_length_gets_408_and_nothing_is_created(server: tuple[str, int]) -> None:
    netloc, port = server
    body = json.dumps(registry_body("short")).encode()
    head = signed_head(
        "POST", netloc, extra=f"Content-Type: application/json\r\nContent-Length: {len(body) + 10}\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(head + body)  # a complete, valid JSON body, but 10 bytes short of what was declared
        started = time.monotonic()
        data = read_all(sock)
        elapsed = time.monotonic() - started
    assert_bce(data, 408, "RequestTimeout")
    assert elapsed < FAST.request_timeout + 2
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(signed_head("GET", netloc) + b"Connection: close\r\n\r\n")
        listed = answer(read_all(sock))[2]
    assert all(item["name"] != "short" for item in listed["result"])  # the partial request did nothing


def test_an_answered_request_whose_body_never_comes_gets_one_answer_then_a_close(server: tuple[str, int]) -> None:
    """Answered early (unsigned), then the body stalls: the timeout closes the connection and writes no
    second answer (a 408 after that answer would be read as the answer to the client's next request)."""
    _, port = server
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(b"POST /v1/ccr/registries HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{")
        started = time.monotonic()
        data = read_all(sock)
        elapsed = time.monotonic() - started
    assert data.count(b"HTTP/1.1 ") == 1 and data.startswith(UNSIGNED_LINE), data[:400]
    assert elapsed < FAST.request_timeout + FAST.linger_seconds + 2


def test_an_idle_connection_is_closed_after_the_timeout(server: tuple[str, int]) -> None:
    _, port = server
    with socket.create_connection(("127.0.0.1", port)) as sock:
        started = time.monotonic()
        data = read_all(sock)
        elapsed = time.monotonic() - started
    assert data == b"" and elapsed < FAST.request_timeout + 2


def test_keep_alive_and_pipelining_still_work(server: tuple[str, int]) -> None:
    netloc, port = server
    one = signed_head("GET", netloc) + b"\r\n"
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(one + one)  # two pipelined requests
        time.sleep(0.3)
        sock.sendall(signed_head("GET", netloc) + b"Connection: close\r\n\r\n")  # a third, later
        data = read_all(sock)
    assert len(re.findall(rb"HTTP/1.1 200 OK", data)) == 3, data[:500]


# --------------------------------------------------------------------------- the app's own rules


@pytest.mark.parametrize("name", ["Host", "Authorization", "x-bce-date", "Content-Length"])
def test_a_repeated_signed_or_framing_header_is_400(server: tuple[str, int], name: str) -> None:
    netloc, port = server
    head = signed_head("GET", netloc, extra="Content-Length: 0\r\n")
    value = re.search(rf"(?im)^{name}: (.*)\r$", head.decode()).group(1)  # the very same value again
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(head + f"{name}: {value}\r\nConnection: close\r\n\r\n".encode())
        data = read_all(sock)
    status, _, body = answer(data)
    assert status == 400, data[:300]
    if name != "Content-Length":  # httptools refuses a repeated Content-Length itself (BCE body all the same)
        assert body["code"] == "InvalidHTTPRequest" and name.lower() in body["message"]


def test_an_over_long_content_length_is_413_in_process_too() -> None:
    client = make_client()
    request = client.build_request("POST", BASE + "/v1/ccr/registries", content=b"{}")
    request.headers["content-length"] = str(MAX_BODY_BYTES + 1)
    scope_response = client.send(request)
    assert_bce_error(scope_response, 413, "EntityTooLarge", "body")


# --------------------------------------------------------------------------- a real process under attack


def _rss_peak_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024


@pytest.mark.slow
def test_attacks_keep_a_mock_process_small_and_other_clients_served(tmp_path: Path) -> None:
    """Every attack above, against ``ccr-contract mock --request-timeout 2``: peak RSS stays under
    150 MB and a well-formed request sent meanwhile is answered quickly."""
    if not Path("/proc/self/status").exists():
        pytest.skip("needs /proc to read the server's RSS")
    with mock_process("--request-timeout", "2", log=tmp_path / "err.log") as (proc, base_url):
        netloc = urlsplit(base_url).netloc
        port = int(netloc.rsplit(":", 1)[1])
        latencies: list[float] = []
        stop = threading.Event()

        def bystander() -> None:
            while not stop.is_set():
                started = time.monotonic()
                with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
                    sock.sendall(signed_head("GET", netloc) + b"Connection: close\r\n\r\n")
                    assert b" 200 " in read_all(sock)[:20]
                latencies.append(time.monotonic() - started)
                time.sleep(0.05)

        watcher = threading.Thread(target=bystander, daemon=True)
        watcher.start()
        attacks = [
            (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: ", 431),
            (b"GET /?q=", 414),
            (signed_head("POST", netloc, extra=f"Content-Length: {100 * MB}\r\n\r\n"), 413),
            (signed_head("POST", netloc, extra="Transfer-Encoding: chunked\r\n\r\n"), 413),
        ]
        for prefix, status in attacks:
            chunk = b"10000\r\n" + b" " * 0x10000 + b"\r\n" if b"chunked" in prefix else b"a" * 65536
            with socket.create_connection(("127.0.0.1", port)) as sock:
                flood(sock, prefix, 100 * MB, chunk)
                assert answer(read_all(sock))[0] == status
        slow = [socket.create_connection(("127.0.0.1", port)) for _ in range(50)]  # 50 half requests
        for sock in slow:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        for sock in slow:
            assert answer(read_all(sock))[0] == 408
            sock.close()
        stop.set()
        watcher.join(timeout=30)
        peak = _rss_peak_mb(proc.pid)
    assert peak < 150, f"peak RSS {peak:.0f} MB"
    assert latencies and max(latencies) < 1.0, f"a well-formed request waited {max(latencies):.2f} s"
