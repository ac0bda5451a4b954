"""The registry health check: the Docker Registry API v2 ping, ``GET {url}/v2/`` with basic auth.

A registry is healthy when the ping answers 200 with the stored (or given) credential.  The probe
goes to the URL given and nowhere else: redirects are not followed and proxy settings from the
environment are ignored.  The password is handed to httpx's basic auth and never logged.
"""

from __future__ import annotations

import asyncio
import logging

import httpx

log = logging.getLogger(__name__)


def ping_url(registry_url: str) -> httpx.URL:
    """``{url}/v2/`` — the registry's base path with ``/v2/`` appended, query and fragment dropped."""
    base = httpx.URL(registry_url)
    return base.copy_with(path=base.path.rstrip("/") + "/v2/", query=None, fragment=None)


async def probe_registry(
    registry_url: str, username: str, password: str, *, insecure: bool = False, timeout: float = 3.0
) -> bool:
    """True when the registry answers its ping with 200 within ``timeout`` seconds; anything else is False."""
    try:
        target = ping_url(registry_url)
        async with (
            asyncio.timeout(timeout),  # a total deadline: httpx's timeouts apply per phase
            httpx.AsyncClient(timeout=timeout, verify=not insecure, follow_redirects=False, trust_env=False) as client,
        ):
            response = await client.get(target, auth=httpx.BasicAuth(username, password))
    except Exception as exc:  # unreachable, refused, TLS failure, bad URL: all mean "not healthy"
        log.info("registry ping failed: %s", type(exc).__name__)
        return False
    return response.status_code == 200
