"""The site's page table: which source each page is rendered from, in navigation order.

One table drives the build, the navigation and the missing-source check, so adding a page is one
line here.  Every page is required: a page whose source is missing fails the build, unless its row
says ``optional=True`` (then it is left out of the site and the navigation).

Most pages are Markdown (``kind="markdown"``, with a ``source``).  Three are generated and have no
source: the API reference (Redocly renders the spec), the operation index (every operation, by
edition and API group, with a filter box) and the coverage table (``ccr_contract.coverage``).
"""

from __future__ import annotations

from dataclasses import dataclass

#: The README fragment the getting-started page shows (the integrator adds these markers).
QUICKSTART_START = "<!-- quickstart:start -->"
QUICKSTART_END = "<!-- quickstart:end -->"

MARKDOWN = "markdown"
REFERENCE = "reference"
OPERATIONS = "operations"
COVERAGE = "coverage"
KINDS = (MARKDOWN, REFERENCE, OPERATIONS, COVERAGE)


@dataclass(frozen=True)
class Page:
    """One page of the site.

    ``source`` is a path relative to the source root (the repository), for Markdown pages; the
    generated pages (``kind`` other than ``"markdown"``) have none.
    """

    slug: str
    nav_title: str
    source: str | None
    optional: bool = False
    #: Replace the quickstart block of the source with README.md's (getting started).
    readme_quickstart: bool = False
    #: Append the table of editions and API groups, each linked into the operation index (the home page).
    groups_table: bool = False
    kind: str = MARKDOWN

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"page {self.slug}: unknown kind {self.kind!r}")
        if (self.source is None) != (self.kind != MARKDOWN):
            raise ValueError(f"page {self.slug}: a Markdown page needs a source, a generated page has none")

    @property
    def filename(self) -> str:
        return f"{self.slug}.html"


REFERENCE_SLUG = "reference"
OPERATIONS_SLUG = "operations"

PAGES: tuple[Page, ...] = (
    Page("index", "Overview", "docs-src/index.md", groups_table=True),
    Page("getting-started", "Getting started", "docs-src/getting-started.md", readme_quickstart=True),
    Page(OPERATIONS_SLUG, "Operations", None, kind=OPERATIONS),
    Page(REFERENCE_SLUG, "API reference", None, kind=REFERENCE),
    Page("authentication", "Authentication", "docs-src/signing.md"),
    Page("client", "Python client", "docs-src/client.md"),
    Page("typescript", "TypeScript client", "docs-src/typescript.md"),
    Page("server", "Reference server", "docs-src/server.md"),
    Page("threat-model", "Threat model", "docs-src/threat-model.md"),
    Page("conformance", "Conformance", "docs-src/conformance.md"),
    Page("conformance-checks", "Check catalogue", "conformance/CHECKS.md"),
    Page("proxy", "Validating proxy", "docs-src/proxy.md"),
    Page("coverage", "Coverage", None, kind=COVERAGE),
    Page("errata", "Errata", "spec/ERRATA.md"),
    Page("extensions", "Extensions", "spec/EXTENSIONS.md"),
)

#: Repository files copied into the site (same relative path), so pages may link to them.
ASSETS: tuple[str, ...] = ("spec/ccr.openapi.yaml", "spec/signing-vectors")
