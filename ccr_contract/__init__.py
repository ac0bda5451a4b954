"""ccr-contract: the CCR API contract (spec, bce-auth-v1 signer, reference server, conformance suite)."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    if name == "__version__":  # looked up on demand: importlib.metadata costs every import ~50 ms
        from importlib import metadata

        try:
            return metadata.version("ccr-contract")
        except metadata.PackageNotFoundError:  # imported from a source tree that was never installed
            return "0+unknown"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
