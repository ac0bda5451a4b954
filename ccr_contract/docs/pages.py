"""The site's page table: which source each page is rendered from, in navigation order.

One table drives the build, the navigation and the missing-source check, so adding a page is one
line here.  Every page is required: a page whose source is missing fails the build, unless its row
says ``optional=True`` (then it is left out of the site and the navigation).
"""

from __future__ import annotations

from dataclasses import dataclass

#: The README fragment the getting-started page shows (the integrator adds these markers).
QUICKSTART_START = "<!-- quickstart:start -->"
QUICKSTART_END = "<!-- quickstart:end -->"


@dataclass(frozen=True)
class Page:
    """One page of the site.

    ``source`` is a path relative to the source root (the repository); ``None`` marks the API
    reference, which Redocly renders from the spec instead of Markdown.
    """

    slug: str
    nav_title: str
    source: str | None
    optional: bool = False
    #: Replace the quickstart block of the source with README.md's (getting started).
    readme_quickstart: bool = False
    #: Append the table of the spec's operations, each linked into the reference (the home page).
    operations_table: bool = False

    @property
    def filename(self) -> str:
        return f"{self.slug}.html"


REFERENCE_SLUG = "reference"

PAGES: tuple[Page, ...] = (
    Page("index", "Overview", "docs-src/index.md", operations_table=True),
    Page("getting-started", "Getting started", "docs-src/getting-started.md", readme_quickstart=True),
    Page(REFERENCE_SLUG, "API reference", None),
    Page("authentication", "Authentication", "docs-src/signing.md"),
    Page("client", "Python client", "docs-src/client.md"),
    Page("server", "Reference server", "docs-src/server.md"),
    Page("threat-model", "Threat model", "docs-src/threat-model.md"),
    Page("conformance", "Conformance", "docs-src/conformance.md"),
    Page("conformance-checks", "Check catalogue", "conformance/CHECKS.md"),
    Page("errata", "Errata", "spec/ERRATA.md"),
    Page("extensions", "Extensions", "spec/EXTENSIONS.md"),
)

#: Repository files copied into the site (same relative path), so pages may link to them.
ASSETS: tuple[str, ...] = ("spec/ccr.openapi.yaml", "spec/signing-vectors")
