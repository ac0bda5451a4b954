"""The docs builder's one error type: its message is a single line a user can act on."""

from __future__ import annotations


class DocsError(Exception):
    """The site cannot be built, or the built site is broken (missing source, dead link, ...)."""
