"""The reference CCR server (``ccr-contract mock``): a stateful implementation of the contract.

``create_app(...)`` builds the ASGI app; tests and the conformance suite run it in-process, and
``ccr-contract mock`` serves it with uvicorn.  See ``docs-src/server.md``.
"""

from ccr_contract.server.app import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, create_app

__all__ = ["DEMO_ACCESS_KEY", "DEMO_SECRET_KEY", "create_app"]
