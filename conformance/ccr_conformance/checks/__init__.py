"""Check families.  Each module exposes ``CHECK_IDS`` and ``run(ctx)``; it records outcomes in
``ctx.results`` under catalogue ids and runs only the ids the user selected."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

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
