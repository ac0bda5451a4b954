"""Where the project's files live, so every tool reads the same spec (one source of truth)."""

from __future__ import annotations

import os
from pathlib import Path

#: The repository root (this package is installed editable from it).
REPO_ROOT = Path(__file__).resolve().parent.parent
#: The hand-maintained OpenAPI document; ``CCR_CONTRACT_SPEC`` overrides it (tests use that).
SPEC_PATH = Path(os.environ.get("CCR_CONTRACT_SPEC", REPO_ROOT / "spec" / "ccr.openapi.yaml"))
#: The spec's per-group sources; ``ccr-contract bundle`` merges them into ``SPEC_PATH``.
SPEC_SOURCES = REPO_ROOT / "spec" / "src" / "openapi.yaml"
GENERATED_DIR = REPO_ROOT / "generated"
SIGNING_VECTORS_DIR = REPO_ROOT / "spec" / "signing-vectors"
NODE_BIN = REPO_ROOT / "node_modules" / ".bin"
