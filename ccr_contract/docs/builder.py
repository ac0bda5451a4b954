"""Build the documentation site: the API reference from the spec, the other pages from Markdown, then check it.

The site is built in a staging folder beside the output and only replaces the output once every
check passed, so a failed build never leaves a half-written site behind.  The output folder is
only ever replaced if an earlier build made it (a marker file says so): ``--out`` pointed at
a folder of the user's own is refused, not emptied.
"""

from __future__ import annotations

import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from markupsafe import Markup

from ccr_contract import paths
from ccr_contract import redocly as redocly_cli
from ccr_contract.docs import checks
from ccr_contract.docs.errors import DocsError
from ccr_contract.docs.layout import reference_template, render_operations_page, render_page, stylesheet
from ccr_contract.docs.markdown import RenderedMarkdown, render_markdown, split_quickstart
from ccr_contract.docs.operations import Edition, editions, operation_rows, reference_routes
from ccr_contract.docs.pages import ASSETS, COVERAGE, MARKDOWN, OPERATIONS, PAGES, REFERENCE, Page
from ccr_contract.docs.reference import build_reference
from ccr_contract.spec import SpecError, load_spec

#: Present in every site this builder wrote; its absence protects folders it did not write.
SITE_MARKER = ".ccr-docs-site"
SPEC_ASSET = "spec/ccr.openapi.yaml"
_MAX_PROBLEMS_SHOWN = 5


@dataclass(frozen=True)
class BuildResult:
    out: Path
    pages: tuple[str, ...]
    operations: int
    links_checked: int


def build_site(
    out: Path,
    *,
    root: Path | None = None,
    spec_path: Path | None = None,
    pages: tuple[Page, ...] = PAGES,
    redocly: Path | None = None,
) -> BuildResult:
    """Build the site from the sources under ``root`` into ``out``; raise ``DocsError`` (one line) on any problem.

    ``root`` defaults to the shipped sources (the checkout, or the copy inside the installed
    package); their spec is the current one (``--spec``, ``$CCR_CONTRACT_SPEC``, else the published
    spec), while another ``root`` brings its own ``spec/ccr.openapi.yaml`` unless ``spec_path`` is given.
    ``redocly`` defaults to the checkout's ``node_modules/.bin/redocly``, else ``redocly`` on PATH.
    """
    default_root = paths.data_root().resolve()
    root = (root or default_root).resolve()
    out = out.resolve()
    spec_path = (spec_path or (paths.spec_path() if root == default_root else root / SPEC_ASSET)).resolve()
    _check_out(out, root)
    active = _active_pages(root, pages)
    try:
        spec = load_spec(spec_path)
    except SpecError as exc:
        raise DocsError(str(exc)) from None
    if redocly is None:
        redocly = _find_redocly()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".ccr-docs-", dir=out.parent))
    except OSError as exc:
        raise DocsError(f"cannot create {out}: {exc.strerror}") from None
    staging.chmod(0o755)  # mkdtemp makes it private; a site is meant to be read
    try:
        result = _build_into(staging, root, spec_path, spec, active, redocly)
        (staging / SITE_MARKER).write_text("built by ccr-contract docs\n", encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise DocsError(f"cannot write the site: {exc.strerror}: {exc.filename}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BuildResult(out, *result)


def _find_redocly() -> Path:
    """The Redocly CLI to render the reference with, or one line saying how to get it."""
    found = redocly_cli.find()
    if found is None:
        raise DocsError(redocly_cli.missing_message())
    return found


def _check_out(out: Path, root: Path) -> None:
    if out == root or root.is_relative_to(out):
        raise DocsError(f"--out {out} would replace the sources under {root}")
    if out.exists() and not out.is_dir():
        raise DocsError(f"--out {out} is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / SITE_MARKER).exists():
        raise DocsError(f"--out {out} is a non-empty folder this command did not build; remove it or choose another")


def _active_pages(root: Path, pages: tuple[Page, ...]) -> tuple[Page, ...]:
    """The pages to build; a missing required source fails here, before anything is rendered."""
    missing = [p for p in pages if p.source and not p.optional and not (root / p.source).is_file()]
    if missing:
        listed = ", ".join(f"{p.source} (page '{p.nav_title}')" for p in missing)
        raise DocsError(f"missing source{'s' if len(missing) > 1 else ''} under {root}: {listed}")
    return tuple(p for p in pages if p.kind != MARKDOWN or (root / str(p.source)).is_file())


def _build_into(
    site: Path, root: Path, spec_path: Path, spec: dict[str, Any], pages: tuple[Page, ...], redocly: Path
) -> tuple[tuple[str, ...], int, int]:
    link_map = _copy_assets(site, root, spec_path)
    link_map.update({p.source: p.filename for p in pages if p.source})
    # COVERAGE.md (repository root) is the coverage page's twin: links to it land on the page.
    for page in pages:
        if page.kind == COVERAGE:
            link_map["COVERAGE.md"] = page.filename
    reference = next((p for p in pages if p.kind == REFERENCE), None)
    if reference is None:
        raise DocsError("the page table has no API reference page")
    rows = operation_rows(spec)
    groups = editions(spec)
    with ThreadPoolExecutor(max_workers=1) as pool:
        # The coverage table imports the server and the suite (seconds): done while Redocly renders.
        coverage = pool.submit(_coverage_markdown, spec) if any(p.kind == COVERAGE for p in pages) else None
        build_reference(redocly, spec_path, reference_template(pages, reference), site / reference.filename, cwd=root)
        coverage_text = coverage.result() if coverage is not None else ""
    for page in pages:
        if page.kind == REFERENCE:
            continue
        if page.kind == OPERATIONS:
            html = render_operations_page(
                pages,
                page,
                editions=_operation_views(groups, reference.filename, link_map),
                source=f"{SPEC_ASSET} (its tags and x-tagGroups)",
            )
        elif page.kind == COVERAGE:
            rendered = render_markdown(coverage_text, "COVERAGE.md", link_map)
            html = render_page(
                pages,
                page,
                title=rendered.title or page.nav_title,
                content_html=rendered.html,
                source="the spec, the reference server, the conformance suite and the generated client "
                "(ccr_contract/coverage.py; `ccr-contract coverage` writes the same table to COVERAGE.md)",
            )
        else:
            rendered = _render_source(root, page, link_map)
            html = render_page(
                pages,
                page,
                title=rendered.title or page.nav_title,
                content_html=rendered.html,
                source=rendered.source or str(page.source),
                editions=groups if page.groups_table else None,
            )
        (site / page.filename).write_text(html, encoding="utf-8")
    (site / "assets").mkdir()
    (site / "assets" / "site.css").write_text(stylesheet(), encoding="utf-8")
    links = _check_site(site, spec, pages, reference)
    return tuple(p.filename for p in pages), len(rows), links


def _operation_views(groups: list[Edition], reference_file: str, link_map: dict[str, str]) -> list[SimpleNamespace]:
    """The operation index's editions, each group with its rows and the first paragraph of its description."""
    return [
        SimpleNamespace(
            title=edition.title,
            anchor=edition.anchor,
            count=edition.count,
            groups=[
                SimpleNamespace(
                    tag=group.tag,
                    title=group.title,
                    anchor=group.anchor,
                    rows=group.rows,
                    operations=[row.as_template_row(reference_file) for row in group.rows],
                    description_html=Markup(
                        render_markdown(group.description.strip().split("\n\n", 1)[0], SPEC_ASSET, link_map).html
                    ),
                )
                for group in edition.groups
            ],
        )
        for edition in groups
    ]


def _coverage_markdown(spec: dict[str, Any]) -> str:
    from ccr_contract import coverage

    try:
        return coverage.markdown(coverage.table(spec, coverage.client_package()))
    except Exception as exc:  # the server or the suite choking on this spec: one line, not a traceback
        raise DocsError(f"cannot compute the coverage table: {type(exc).__name__}: {exc}") from None


def _copy_assets(site: Path, root: Path, spec_path: Path) -> dict[str, str]:
    """Copy the repository files pages may link to; returns repository path -> site path for each."""
    link_map: dict[str, str] = {}
    for asset in ASSETS:
        source = spec_path if asset == SPEC_ASSET else root / asset
        if not source.exists():
            continue
        target = site / asset
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
            for path in target.rglob("*"):
                relative = path.relative_to(site).as_posix()
                link_map[relative] = relative
        else:
            shutil.copyfile(source, target)
        link_map[asset] = asset
    return link_map


def _render_source(root: Path, page: Page, link_map: dict[str, str]) -> RenderedMarkdown:
    assert page.source is not None
    text = _read(root, page.source)
    quickstart = None
    if page.readme_quickstart and (root / "README.md").is_file():
        quickstart = split_quickstart(_read(root, "README.md"), "README.md")
    if quickstart is None:
        return render_markdown(text, page.source, link_map)
    own = split_quickstart(text, page.source)
    if own is None:
        raise DocsError(f"{page.source} has no quickstart markers to receive README.md's quickstart")
    before, _, after = own
    parts = [
        render_markdown(before, page.source, link_map),
        render_markdown(quickstart[1], "README.md", link_map),
        render_markdown(after, page.source, link_map),
    ]
    title = next((p.title for p in parts if p.title), None)
    return RenderedMarkdown("".join(p.html for p in parts), title, f"{page.source} and README.md")


def _read(root: Path, relative: str) -> str:
    try:
        return (root / relative).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DocsError(f"{relative} is not UTF-8 text") from None
    except OSError as exc:
        raise DocsError(f"cannot read {relative}: {exc.strerror}") from None


def _check_site(site: Path, spec: dict[str, Any], pages: tuple[Page, ...], reference: Page) -> int:
    """Run every check on the built site; raise one line listing the first problems."""
    scans: dict[str, checks.PageScan] = {}
    problems: list[str] = []
    operation_pages = {p.filename for p in pages if p.kind == OPERATIONS}
    for path in checks.html_pages(site):
        key = path.relative_to(site).as_posix()
        html = path.read_text(encoding="utf-8")
        scans[key] = checks.scan_html(html)
        problems += checks.check_offline(key, html, scans[key])
        if key in operation_pages:
            problems += checks.check_operation_index(key, html, spec, scans[key])
        if key == reference.filename:
            problems += checks.check_reference(key, html, spec)
            # Links in the spec's descriptions end up in this page once Redoc renders them.
            scans[key].links += [("a", "href (spec description)", url) for url in checks.description_links(spec)]
    problems += checks.check_links(site, scans, {reference.filename: reference_routes(spec)})
    sources = {p.filename: p.source for p in pages if p.source}
    problems = [_label(problem, sources) for problem in problems]
    if problems:
        shown = "; ".join(problems[:_MAX_PROBLEMS_SHOWN])
        more = f"; and {len(problems) - _MAX_PROBLEMS_SHOWN} more" if len(problems) > _MAX_PROBLEMS_SHOWN else ""
        raise DocsError(f"the built site is broken ({len(problems)} problem{'s' * (len(problems) > 1)}): {shown}{more}")
    return sum(len(scan.links) + len(scan.resources) for scan in scans.values())


def _label(problem: str, sources: dict[str, str]) -> str:
    """Name the Markdown source next to the page, since that is the file to fix."""
    page, sep, rest = problem.partition(": ")
    return f"{page} (from {sources[page]}): {rest}" if sep and page in sources else problem
