"""Checks on the built site: every operation is in the reference, every internal link resolves, nothing is remote.

These run on the output, not on the sources, so they catch what a renderer did as well as what an
author wrote.  Each returns a list of problems (empty when the site is sound); the builder turns
a non-empty list into one error line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt

from ccr_contract.docs.errors import DocsError
from ccr_contract.docs.layout import REDOC_END, REDOC_START
from ccr_contract.docs.reference import embedded_json
from ccr_contract.spec import operations

#: Elements and attributes through which a page loads something (as opposed to linking to it).
RESOURCE_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
}
#: Schemes that stay on the machine.
LOCAL_SCHEMES = {"data", "blob"}
#: Schemes of plain links that are not files of the site (not followed by the dead-link check).
EXTERNAL_LINK_SCHEMES = {"http", "https", "mailto", "tel", "data", "blob", "javascript"}
_CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.IGNORECASE)


@dataclass
class PageScan:
    """What one HTML page references and which fragment targets (ids) it defines."""

    links: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attribute, value)
    resources: list[tuple[str, str, str]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    styles: list[str] = field(default_factory=list)
    #: The page's text outside scripts and styles: what a reader sees without JavaScript.
    text: list[str] = field(default_factory=list)
    csp: str | None = None


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()
        self._skip = False  # inside Redoc's prerendered markup
        self._in_style = False
        self._in_script = False

    def handle_comment(self, data: str) -> None:
        marker = f"<!--{data}-->"
        if marker == REDOC_START:
            self._skip = True
        elif marker == REDOC_END:
            self._skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if tag == "style":
            self._in_style = True
        if tag == "script":
            self._in_script = True
        if tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            self.scan.csp = values.get("content")
        if "style" in values:
            self.scan.styles.append(values["style"])
        if self._skip:
            return
        for name in ("id",) + (("name",) if tag == "a" else ()):
            if values.get(name):
                self.scan.ids.add(values[name])
        for name in RESOURCE_ATTRIBUTES.get(tag, ()):
            if name in values:
                for url in _srcset_urls(values[name]) if name == "srcset" else [values[name]]:
                    self.scan.resources.append((tag, name, url))
        if tag in ("a", "area") and "href" in values:
            self.scan.links.append((tag, "href", values["href"]))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.scan.styles.append(data)
        elif not self._in_script:
            self.scan.text.append(data)


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def scan_html(html: str) -> PageScan:
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.scan


def _is_remote(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme.lower() not in ("", "file", *LOCAL_SCHEMES)


def check_offline(name: str, html: str, scan: PageScan | None = None) -> list[str]:
    """Problems that would make page ``name`` load something from the network, or lack the CSP that forbids it."""
    scan = scan or scan_html(html)
    problems = [f"{name}: <{tag} {attr}> loads remote {url}" for tag, attr, url in scan.resources if _is_remote(url)]
    for css in scan.styles:
        problems.extend(f"{name}: CSS loads remote {url}" for url in _CSS_URL.findall(css))
    if scan.csp is None or "default-src 'none'" not in scan.csp:
        problems.append(f"{name}: no Content-Security-Policy with default-src 'none'")
    return problems


def check_reference(name: str, html: str, spec: dict[str, Any]) -> list[str]:
    """Problems with the reference page: an operation of ``spec`` missing from it, or Redoc's telemetry on."""
    try:
        definition = embedded_json(html, "__redoc_definition")
        options = embedded_json(html, "__redoc_options")
    except DocsError as exc:
        return [f"{name}: {exc}"]
    problems = []
    if not isinstance(options, dict) or options.get("disableTelemetry") is not True:
        problems.append(f"{name}: Redoc telemetry is not disabled (set REDOCLY_TELEMETRY=off)")
    paths = definition.get("paths", {}) if isinstance(definition, dict) else {}
    for op in operations(spec):
        rendered = (paths.get(op.path) or {}).get(op.method.lower())
        summary = op.definition.get("summary")
        where = f"{op.operation_id} ({op.method} {op.path})"
        if not isinstance(rendered, dict):
            problems.append(f"{name} is missing operation {where}")
        elif rendered.get("operationId") != op.definition.get("operationId"):
            problems.append(f"{name}: operation {where} is rendered as {rendered.get('operationId')!r}")
        elif summary is not None and rendered.get("summary") != summary:
            problems.append(f"{name}: operation {where} has summary {rendered.get('summary')!r}, not {summary!r}")
    return problems


def check_operation_index(name: str, html: str, spec: dict[str, Any], scan: PageScan | None = None) -> list[str]:
    """Problems with the operation index: an operation of ``spec`` not named in plain HTML (outside scripts).

    Each operation needs its row (``id="op-<operationId>"``) and its operationId and summary in the
    page's text, so a reader finds it without JavaScript (and a search engine indexes it).
    """
    scan = scan or scan_html(html)
    text = " ".join(" ".join(scan.text).split())
    problems = []
    for op in operations(spec):
        summary = " ".join(str(op.definition.get("summary", op.operation_id)).split())
        where = f"{op.operation_id} ({op.method} {op.path})"
        if f"op-{op.operation_id}" not in scan.ids:
            problems.append(f"{name} has no row for operation {where}")
        elif op.operation_id not in text or summary not in text or op.path not in text:
            problems.append(f"{name} does not name operation {where} outside its scripts")
    return problems


def check_links(site: Path, scans: Mapping[str, PageScan], fragments: Mapping[str, set[str]]) -> list[str]:
    """Dead internal links: every relative href/src of every page must name a file of the site (and an anchor in it).

    ``scans`` maps a page's site-relative path (POSIX) to its scan; ``fragments`` adds fragment targets
    a page answers without an element id (the reference page's hash routes).
    """
    problems = []
    root = site.resolve()
    for page, scan in scans.items():
        for tag, attr, url in [*scan.links, *scan.resources]:
            problem = _check_link(root, page, url, scans, fragments)
            if problem:
                problems.append(f"{page}: <{tag} {attr}={url!r}> {problem}")
    return problems


def _check_link(
    root: Path, page: str, url: str, scans: Mapping[str, PageScan], fragments: Mapping[str, set[str]]
) -> str | None:
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme == "file":
        return "is an absolute file:// URL (breaks when the site moves)"
    if scheme in EXTERNAL_LINK_SCHEMES or parts.netloc:
        return None  # not a file of the site; remote loads are check_offline's concern
    if scheme:
        return f"uses an unknown scheme {scheme!r}"
    if parts.path.startswith("/"):
        return "is root-absolute (does not resolve when the site is opened from disk)"
    target_key = page
    if parts.path:
        target = ((root / page).parent / unquote(parts.path)).resolve()
        if not target.is_relative_to(root):
            return "points outside the site"
        if not target.exists():
            return "points to a file that is not in the site"
        target_key = target.relative_to(root).as_posix()
    fragment = unquote(parts.fragment)
    if fragment and target_key in scans and fragment not in scans[target_key].ids | fragments.get(target_key, set()):
        return f"names #{fragment}, which {target_key} does not define"
    return None


def description_links(spec: dict[str, Any]) -> list[str]:
    """Every link written in the spec's Markdown ``description`` fields (Redoc renders them as they are)."""
    md = MarkdownIt("commonmark")
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "description" and isinstance(value, str):
                    found.extend(_markdown_links(md, value))
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(spec)
    return found


def _markdown_links(md: MarkdownIt, text: str) -> list[str]:
    links = []
    for token in md.parse(text):
        for child in token.children or []:
            url = child.attrGet("href") if child.type == "link_open" else child.attrGet("src")
            if isinstance(url, str) and child.type in ("link_open", "image"):
                links.append(url)
    return links


def html_pages(site: Path) -> Iterable[Path]:
    return sorted(p for p in site.rglob("*.html") if p.is_file())
