"""Serve any ASGI app with uvicorn on a free loopback port, in a background thread.

Tests, benchmarks and ``ccr-contract conformance`` (with no ``--base-url``) use this to put a
server on real HTTP without a subprocess.  Every app gets the HTTP limits of
:mod:`ccr_contract.server.http_limits` (header size, timeouts, lingering close): the app's own
``app.state.http_limits`` when it has one (``create_app`` sets it), else the defaults.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

#: uvicorn's event loop for :func:`serve_in_thread` ("auto": uvloop when installed).  Tests that
#: watch the server's sockets through Python's audit hooks set "asyncio": uvloop opens its sockets
#: in C, where no Python hook sees them.
LOOP = "auto"


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that was free a moment ago on ``host``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serve_in_thread(
    app: Any,
    host: str = "127.0.0.1",
    port: int = 0,
    timeout: float = 10.0,
    log_level: str = "error",
    limits: Any = None,
    **uvicorn_options: Any,
) -> Iterator[str]:
    """Run ``app`` until the block ends; yields its base URL, e.g. ``http://127.0.0.1:40123``.

    uvicorn logs at ``error`` by default: fuzzing sends request lines it rejects, and its
    per-request warnings would drown the output of whatever runs the server.  ``limits`` (an
    :class:`~ccr_contract.server.http_limits.HttpLimits`) overrides the app's own; other keyword
    arguments go to ``uvicorn.Config`` (a proxy turns off uvicorn's own ``server`` and ``date`` headers).
    """
    import uvicorn

    from ccr_contract.server.http_limits import protocol_class

    port = port or free_port(host)
    chosen = limits or getattr(getattr(app, "state", None), "http_limits", None)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        access_log=False,
        http=protocol_class(chosen),
        loop=LOOP,
        **{"lifespan": "auto", **uvicorn_options},
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError(f"server on {host}:{port} exited during startup")
        if time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"server on {host}:{port} did not start within {timeout:.0f}s")
        time.sleep(0.02)
    try:
        yield f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=timeout)
