"""Markdown pages: CommonMark (plus tables) rendered with markdown-it-py, links mapped into the site.

Sources are written to be read on a forge as well, so their links point at repository files
(``../spec/ERRATA.md``, ``signing.md#the-normalized-string``).  Each relative link is resolved
against the source file's folder; a link to another page's source becomes a link to that page,
a link to a copied asset stays a link to that asset, and anything else is left as the repository
path, which the site check then reports as a dead link.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin

from ccr_contract.docs.errors import DocsError
from ccr_contract.docs.pages import QUICKSTART_END, QUICKSTART_START


@dataclass(frozen=True)
class RenderedMarkdown:
    """HTML of one Markdown document and its first top-level heading (the page title)."""

    html: str
    title: str | None
    #: The files it came from, when more than the page's own source (shown in the page footer).
    source: str | None = None


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    # GitHub-style heading ids, so "#section" links written for the forge also work here.
    anchors_plugin(md, min_level=1, max_level=6)
    return md


def render_markdown(text: str, source: str, link_map: Mapping[str, str]) -> RenderedMarkdown:
    """Render ``text`` (from repository path ``source``); ``link_map`` maps repository paths to site paths."""
    md = _parser()
    tokens = md.parse(text)
    title = None
    for index, token in enumerate(tokens):
        if title is None and token.type == "heading_open" and token.tag == "h1":
            title = _plain_text(tokens[index + 1]) or None
        if token.children:
            for child in token.children:
                _rewrite(child, source, link_map)
    return RenderedMarkdown(md.renderer.render(tokens, md.options, {}), title)


def _plain_text(inline: Token) -> str:
    """A heading's text without its Markdown (for ``<title>``): "Signing (`bce-auth-v1`)" -> "Signing (bce-auth-v1)"."""
    parts = [child.content for child in inline.children or [] if child.type in ("text", "code_inline")]
    return "".join(parts).strip()


def _rewrite(token: Token, source: str, link_map: Mapping[str, str]) -> None:
    attr = {"link_open": "href", "image": "src"}.get(token.type)
    if attr is None:
        return
    value = token.attrGet(attr)
    if isinstance(value, str):
        token.attrSet(attr, map_link(value, source, link_map))


def map_link(url: str, source: str, link_map: Mapping[str, str]) -> str:
    """Map one link written in repository file ``source`` to its URL in the flat site."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return url  # external, same-page anchor, or root-absolute (the site check rejects the latter)
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(source), unquote(parts.path)))
    target = link_map.get(joined)
    if target is None:
        # Not part of the site: keep the repository path so the dead-link check names it.
        target = joined if not joined.startswith("..") else parts.path
    return urlunsplit(("", "", target, parts.query, parts.fragment))


def split_quickstart(text: str, source: str) -> tuple[str, str, str] | None:
    """``(before, inside, after)`` around the quickstart markers, or None when ``text`` has none."""
    start, end = text.find(QUICKSTART_START), text.find(QUICKSTART_END)
    if start < 0 and end < 0:
        return None
    if start < 0 or end < 0 or end < start:
        raise DocsError(f"{source}: the quickstart markers must appear once each, {QUICKSTART_START} first")
    if text.count(QUICKSTART_START) > 1 or text.count(QUICKSTART_END) > 1:
        raise DocsError(f"{source}: the quickstart markers must appear once each, {QUICKSTART_START} first")
    inside = text[start + len(QUICKSTART_START) : end]
    return text[:start], inside, text[end + len(QUICKSTART_END) :]
