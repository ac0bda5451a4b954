"""Check families.  Each module exposes ``run(ctx)`` and ``CHECK_IDS``, the ids its catalogue family
holds (:func:`family_ids`: an id is written once, in ``conformance/checks.yaml``, with the family
that runs it); it records outcomes in ``ctx.results`` under those ids and runs only the ids the user
selected."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from ccr_conformance import catalogue
from ccr_conformance.contract import Contract
from ccr_conformance.results import Results
from ccr_conformance.target import Target
from ccr_conformance.workspace import Workspace


@dataclass
class Settings:
    """Knobs shared by every family (all have defaults that make the default run fit in a minute)."""

    seed: int = 0
    max_examples: int = 25
    workers: int = 1
    timeout: float = 10.0


@dataclass
class Context:
    target: Target
    contract: Contract
    workspace: Workspace
    results: Results
    settings: Settings
    #: The schemathesis phase and the hooks look here for what the suite's own traffic learned.
    shared: dict[str, Any] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def wants(self, *check_ids: str) -> bool:
        return any(self.results.wants(c) for c in check_ids)


def family_ids(family: str) -> tuple[str, ...]:
    """The catalogue ids a family module runs: its family's, less those an engine judges."""
    return catalogue.load().family_ids(family)
