"""The shared page frame: one Jinja layout gives every page, the API reference included, the same header.

The reference page is rendered by Redocly from a Handlebars template; that template is produced
from this same layout (with Redocly's placeholders as its body), so the navigation exists once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ccr_contract.docs.pages import OPERATIONS, REFERENCE, Page

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
SITE_NAME = "ccr-contract"
#: Height of the fixed header in CSS pixels; Redoc is told to keep its sidebar below it.
NAV_HEIGHT = 44
#: Every page forbids the browser to load anything remote, even if a renderer's default changes:
#: scripts and styles come inline or from the site's own files, images from data:/blob:/the site.
CSP = (
    "default-src 'none'; script-src 'unsafe-inline' blob:; worker-src blob:; "
    "style-src 'self' file: 'unsafe-inline'; img-src 'self' file: data: blob:; font-src 'self' file: data:; "
    "connect-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'"
)
#: Comments around Redoc's own markup: its router links ("/registries") are checked in the browser, not on disk.
REDOC_START = "<!-- redoc:start -->"
REDOC_END = "<!-- redoc:end -->"


@dataclass(frozen=True)
class NavItem:
    title: str
    href: str
    current: bool


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=select_autoescape(["html", "html.j2"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def navigation(pages: tuple[Page, ...], current: Page) -> list[NavItem]:
    return [NavItem(p.nav_title, p.filename, p.slug == current.slug) for p in pages]


def _filename(pages: tuple[Page, ...], kind: str, default: str) -> str:
    return next((p.filename for p in pages if p.kind == kind), default)


def _frame(pages: tuple[Page, ...], page: Page, *, title: str, body: str) -> str:
    return (
        _environment()
        .get_template("layout.html.j2")
        .render(
            csp=CSP,
            title=f"{title} · {SITE_NAME}",
            head_extra="",
            body_class="markdown",
            site_name=SITE_NAME,
            nav=navigation(pages, page),
            body=Markup(body),
        )
    )


def render_page(
    pages: tuple[Page, ...],
    page: Page,
    *,
    title: str,
    content_html: str,
    source: str,
    editions: list[Any] | None = None,
) -> str:
    """A Markdown page inside the shared frame (``editions``: the home page's table of API groups)."""
    body = (
        _environment()
        .get_template("page-body.html.j2")
        .render(
            content=Markup(content_html),
            editions=editions or [],
            total=sum(e.count for e in editions or []),
            reference=_filename(pages, REFERENCE, "reference.html"),
            operations_page=_filename(pages, OPERATIONS, "operations.html"),
            source=source,
        )
    )
    return _frame(pages, page, title=title, body=body)


def render_operations_page(pages: tuple[Page, ...], page: Page, *, editions: list[Any], source: str) -> str:
    """The operation index: ``editions`` whose groups carry ``operations`` (template rows) and ``description_html``."""
    body = (
        _environment()
        .get_template("operations.html.j2")
        .render(
            editions=editions,
            total=sum(e.count for e in editions),
            reference=_filename(pages, REFERENCE, "reference.html"),
            source=source,
        )
    )
    return _frame(pages, page, title="Operations", body=body)


def reference_template(pages: tuple[Page, ...], page: Page) -> str:
    """The Handlebars template handed to ``redocly build-docs --template``."""
    return (
        _environment()
        .get_template("layout.html.j2")
        .render(
            csp=CSP,
            title=Markup("{{title}}"),
            head_extra=Markup("{{{redocHead}}}"),
            body_class="reference",
            site_name=SITE_NAME,
            nav=navigation(pages, page),
            body=Markup(f"{REDOC_START}\n  {{{{{{redocHTML}}}}}}\n  {REDOC_END}"),
        )
    )


def stylesheet() -> str:
    return _environment().get_template("site.css.j2").render(nav_height=NAV_HEIGHT)
