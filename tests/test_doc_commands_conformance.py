"""Every shell block of docs-src/conformance.md runs, in order (see ``test_doc_commands``; a file of
its own so that the two pages' runs, each over a minute, go to different workers)."""

from __future__ import annotations

from pathlib import Path

import pytest
import test_doc_commands as doc
from test_doc_commands import mock_url

__all__ = ["mock_url"]


@pytest.mark.timeout(900)
def test_every_shell_block_of_the_conformance_page_runs(mock_url: str, tmp_path: Path) -> None:
    doc.run_page_blocks(doc.PAGES[1], mock_url, tmp_path)
