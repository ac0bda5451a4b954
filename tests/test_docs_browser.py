"""The built site in a real browser: headless Debian Chromium, driven over the DevTools protocol by Playwright.

Chromium is started by the test itself with the flags the project asks for and a fresh profile;
Playwright only attaches to it (``connect_over_cdp``), so no browser is downloaded.  The site is
built from the repository's spec and sources; a page whose source has not been written yet gets a
one-line stand-in, so this test does not wait for other pages to land.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ccr_contract.docs import PAGES, build_site
from ccr_contract.docs.operations import editions, operation_rows
from ccr_contract.paths import NODE_BIN, REPO_ROOT
from ccr_contract.spec import load_spec

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_SCHEMES = {"file", "data", "blob", "about"}
VIEWPORT = {"width": 1280, "height": 900}
STEP_TIMEOUT_MS = 15_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.node,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed (Debian package 'chromium')"),
    pytest.mark.skipif(not (NODE_BIN / "redocly").exists(), reason="node_modules missing: run `npm ci`"),
]
playwright_sync = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")


@dataclass
class Recorder:
    """Everything a page did that the test forbids: console errors, page errors, requests off the machine."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attach(self, page) -> None:  # type: ignore[no-untyped-def]
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(f"console: {msg.text}"))
        page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))

    @property
    def remote_requests(self) -> list[str]:
        return [url for url in self.requests if urlsplit(url).scheme not in LOCAL_SCHEMES]


def _source_tree(tmp: Path) -> Path:
    """The repository's sources (spec, docs-src, conformance catalogue, README), stand-ins for missing pages."""
    root = tmp / "src"
    root.mkdir()
    for name in ("spec", "docs-src"):
        if (REPO_ROOT / name).is_dir():
            shutil.copytree(REPO_ROOT / name, root / name)
    for name in ("README.md", "conformance/CHECKS.md"):
        if (REPO_ROOT / name).is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(REPO_ROOT / name, root / name)
    for page in PAGES:
        if page.source and not (root / page.source).is_file():
            (root / page.source).parent.mkdir(parents=True, exist_ok=True)
            (root / page.source).write_text(f"# {page.nav_title}\n\nNot written yet.\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    tmp = tmp_path_factory.mktemp("docs-site")
    root = _source_tree(tmp)
    build_site(tmp / "site", root=root)
    return tmp / "site", load_spec(root / "spec" / "ccr.openapi.yaml")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """Debian's Chromium with the project's flags and a fresh profile, attached over CDP."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    process = subprocess.Popen(
        [str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port = _devtools_port(profile / "DevToolsActivePort", process)
        with playwright_sync.sync_playwright() as pw:
            browser = pw.chromium.connect_over_cdp(f"http://127.0.0.1:{port}", timeout=STEP_TIMEOUT_MS)
            yield browser
            browser.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _devtools_port(port_file: Path, process: subprocess.Popen) -> int:
    """Chromium writes the port it chose (``--remote-debugging-port=0``) into the profile."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"chromium exited with status {process.returncode} before opening DevTools")
        lines = port_file.read_text().splitlines() if port_file.exists() else []
        if len(lines) >= 2:
            return int(lines[0])
        time.sleep(0.05)
    pytest.fail("chromium did not open its DevTools port within 30 s")


def _new_page(browser):  # type: ignore[no-untyped-def]
    page = browser.contexts[0].new_page()
    page.set_viewport_size(VIEWPORT)
    page.set_default_timeout(STEP_TIMEOUT_MS)
    recorder = Recorder()
    recorder.attach(page)
    return page, recorder


def _settled_top(page, locator) -> float:  # type: ignore[no-untyped-def]
    """The element's distance from the viewport's top once it stopped moving (Redoc renders sections lazily)."""
    previous = None
    for _ in range(40):
        top = float(locator.evaluate("e => e.getBoundingClientRect().top"))
        if top == previous:
            return top
        previous = top
        page.wait_for_timeout(100)
    pytest.fail("the page kept moving for 4 s")


def _heading(page, summary: str):  # type: ignore[no-untyped-def]
    """The operation's own heading: exact text, since summaries nest ("Delete namespace" in "Delete namespaces")."""
    return page.locator("h1, h2").filter(has_text=re.compile(rf"^\s*{re.escape(summary)}\s*$")).first


def _sample(spec: dict) -> list:
    """The operations the reference test opens: an Enterprise one first (a fresh load of the page at its
    anchor), then every Personal one and the first and last of each Enterprise group (the router)."""
    groups = [group for edition in editions(spec) for group in edition.groups]
    enterprise = [group for group in groups if group.tag.startswith("enterprise-")]
    picked = [enterprise[0].rows[0]] if enterprise else []
    for group in groups:
        rows = group.rows if group not in enterprise else [group.rows[0], group.rows[-1]]
        picked += [row for row in rows if row not in picked]
    return picked


def test_reference_page_shows_every_operation(site, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site_dir, spec = site
    page, recorder = _new_page(browser)
    rows = operation_rows(spec)
    assert rows, "the spec has no operations"
    page.goto((site_dir / "operations.html").as_uri())
    index_links = {
        a["id"]: a["href"]
        for a in page.eval_on_selector_all(
            "table.operations tr[data-operation-id] td:first-child a",
            "els => els.map(e => ({id: e.closest('tr').dataset.operationId, href: e.href}))",
        )
    }
    assert sorted(index_links) == sorted(row.operation_id for row in rows), "the index does not link every operation"
    sample = _sample(spec)
    assert any(row.tag.startswith("enterprise-") for row in sample[:1]), "no Enterprise operation to open"
    for index, row in enumerate(sample):
        # Open the index's link as a reader would: the operation's own section must be rendered and stay
        # in view once Redoc has laid it out.  The first is a fresh load of the reference page at an
        # Enterprise operation (the route read at start-up), the others change the route of the loaded
        # page (Redoc's router).
        href = index_links[row.operation_id]
        if index == 0:
            page.goto("about:blank")
        page.goto(href)
        heading = _heading(page, row.summary)
        heading.wait_for(state="visible")
        top = _settled_top(page, heading)
        assert 0 <= top < VIEWPORT["height"] / 2, f"{row.operation_id}: its heading is at y={top}, not in view"
        body_text = page.locator("body").inner_text()
        assert row.path in body_text, f"{row.operation_id}: path {row.path} not shown"
        assert row.method in body_text
    # The screenshot: the reference page opened at an Enterprise operation with a request body (a POST), if any.
    shown = next(
        (row for row in rows if row.method == "POST" and row.tag.startswith("enterprise-")),
        next((row for row in rows if row.method == "POST"), rows[0]),
    )
    page.goto("about:blank")
    page.goto(index_links[shown.operation_id])
    _settled_top(page, _heading(page, shown.summary))
    shot = tmp_path / "reference.png"
    page.screenshot(path=str(shot))
    reports = REPO_ROOT / "reports"
    reports.mkdir(exist_ok=True)
    shutil.copyfile(shot, reports / "docs-screenshot.png")
    page.close()
    assert recorder.errors == []
    assert recorder.remote_requests == []
    assert any(url.endswith("/reference.html") or "/reference.html#" in url for url in recorder.requests)


def test_operation_index_filters_and_navigates_by_group(site, browser) -> None:  # type: ignore[no-untyped-def]
    """The filter box narrows the index as the reader types; the table of contents jumps to a group."""
    site_dir, spec = site
    rows = operation_rows(spec)
    page, recorder = _new_page(browser)
    page.goto((site_dir / "operations.html").as_uri())
    visible = "table.operations tbody tr:not([hidden])"
    box = page.locator("#op-filter")
    box.wait_for(state="visible")
    assert page.locator(visible).count() == len(rows)
    target = next((row for row in rows if row.tag.startswith("enterprise-")), rows[-1])
    box.fill(target.operation_id.lower())
    ids = page.eval_on_selector_all(visible, "els => els.map(e => e.dataset.operationId)")
    assert target.operation_id in ids and len(ids) < len(rows)
    assert page.locator("#op-filter-count").inner_text().startswith(f"{len(ids)} of {len(rows)}")
    box.fill("no such operation anywhere")
    assert page.locator(visible).count() == 0
    assert page.locator("#op-filter-none").is_visible()
    box.fill("")
    assert page.locator(visible).count() == len(rows)
    # The table of contents leads to a group's section, below the sticky header.
    group = next(g for e in editions(spec) for g in e.groups if g.tag == target.tag)
    page.locator(f'nav.toc a[href="#{group.anchor}"]').click()
    section = page.locator(f"#{group.anchor} h3")
    top = _settled_top(page, section)
    assert 0 < top < VIEWPORT["height"] / 2, f"{group.anchor}: at y={top}"
    # A link with ?q= opens the index already filtered.
    page.goto((site_dir / "operations.html").as_uri() + f"?q={target.operation_id}")
    assert target.operation_id in page.eval_on_selector_all(visible, "els => els.map(e => e.dataset.operationId)")
    assert page.locator(visible).count() < len(rows)
    page.close()
    assert recorder.errors == []
    assert recorder.remote_requests == []


def test_index_names_every_operation_without_javascript(site, browser) -> None:  # type: ignore[no-untyped-def]
    """With scripts off the filter box stays hidden and every operation is on the page, in plain HTML."""
    site_dir, spec = site
    context = browser.new_context(java_script_enabled=False, viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto((site_dir / "operations.html").as_uri())
        text = page.locator("main.doc").inner_text()
        assert not page.locator("#op-filter").is_visible()
        missing = [row.operation_id for row in operation_rows(spec) if row.operation_id not in text]
        assert missing == []
        assert all(row.summary in text for row in operation_rows(spec))
    finally:
        context.close()


def test_navigation_walks_every_page(site, browser) -> None:  # type: ignore[no-untyped-def]
    """From the home page, each page's own header leads to the next; the last leads home again."""
    site_dir, _ = site
    page, recorder = _new_page(browser)
    expected = [p.filename for p in PAGES]
    page.goto((site_dir / "index.html").as_uri())
    for target in [*expected[1:], expected[0]]:
        page.locator(f'header.site-nav nav a[href="{target}"]').click()
        page.wait_for_url(f"**/{target}")
        nav = page.eval_on_selector_all("header.site-nav nav a", "els => els.map(e => e.getAttribute('href'))")
        assert nav == expected, f"{target}: its navigation differs"
        marked = page.eval_on_selector_all("header.site-nav a[aria-current=page]", "els => els.map(e => e.href)")
        assert len(marked) == 1 and marked[0].endswith("/" + target), f"{target}: current page not marked"
        if target == "reference.html":
            page.locator("#redoc h1").first.wait_for(state="visible")
        else:
            assert page.locator("main.doc h1").first.inner_text().strip(), f"{target}: no title"
        assert page.locator("header.site-nav").is_visible()
    page.close()
    assert recorder.errors == []
    assert recorder.remote_requests == []


def test_recorder_catches_remote_requests_and_console_errors(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The harness itself can fail: a page fetching off the machine and logging an error is caught."""
    bad = tmp_path / "bad.html"
    # Port 9 on loopback (discard): nothing leaves the machine, but it is not a file:// request.
    bad.write_text(
        '<!DOCTYPE html><img src="http://127.0.0.1:9/pixel.png"><script>console.error("boom")</script>',
        encoding="utf-8",
    )
    page, recorder = _new_page(browser)
    page.goto(bad.as_uri())
    page.wait_for_load_state("load")
    page.close()
    assert recorder.remote_requests == ["http://127.0.0.1:9/pixel.png"]
    assert any("boom" in error for error in recorder.errors)
