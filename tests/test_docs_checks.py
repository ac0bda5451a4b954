"""The site checks and the link mapping, on crafted inputs (no Node, no browser)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ccr_contract.docs import PAGES, DocsError
from ccr_contract.docs.checks import check_links, check_offline, check_reference, scan_html
from ccr_contract.docs.layout import CSP, REDOC_END, REDOC_START
from ccr_contract.docs.markdown import map_link, render_markdown, split_quickstart
from ccr_contract.docs.operations import operation_rows, redoc_slug, reference_routes

HEAD = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
SPEC = {
    "openapi": "3.1.0",
    "tags": [{"name": "registries"}],
    "paths": {
        "/v1/ccr/registries": {
            "get": {"tags": ["registries"], "operationId": "listRegistries", "summary": "List registries"},
            "post": {"tags": ["registries"], "operationId": "createRegistry", "summary": "Create registry"},
        }
    },
}


def page(body: str, head: str = HEAD) -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def reference_html(definition: dict, telemetry_off: bool = True) -> str:
    options = {"disableTelemetry": telemetry_off}
    script = f"const __redoc_definition = {json.dumps(definition)};\nconst __redoc_options = {json.dumps(options)};"
    return page(f"<script>{script}</script>")


def write_site(root: Path, pages: dict[str, str]) -> dict:
    for name, html in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(html, encoding="utf-8")
    return {name: scan_html(html) for name, html in pages.items() if name.endswith(".html")}


def test_sound_links_pass(tmp_path: Path) -> None:
    scans = write_site(
        tmp_path,
        {
            "index.html": page(
                '<h2 id="ops">Ops</h2><a href="#ops">self</a><a href="b.html#part">b</a>'
                '<a href="reference.html#/registries/createregistry">op</a><a href="spec/x.yaml">spec</a>'
                '<a href="https://example.com/">out</a><a href="mailto:a@b.c">mail</a><img src="data:,">'
            ),
            "b.html": page('<p id="part">x</p><a name="legacy"></a><a href="index.html#ops">back</a>'),
            "reference.html": page(f'{REDOC_START}<a href="/registries">redoc router link</a>{REDOC_END}'),
            "spec/x.yaml": "openapi: 3.1.0\n",
        },
    )
    assert check_links(tmp_path, scans, {"reference.html": reference_routes(SPEC)}) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<a href="missing.html">x</a>', "points to a file that is not in the site"),
        ('<a href="b.html#nope">x</a>', "names #nope, which b.html does not define"),
        ('<a href="#nope">x</a>', "names #nope, which index.html does not define"),
        ('<a href="/b.html">x</a>', "is root-absolute"),
        ('<a href="file:///tmp/b.html">x</a>', "absolute file:// URL"),
        ('<a href="../outside.html">x</a>', "points outside the site"),
        ('<img src="img/missing.png">', "<img src='img/missing.png'> points to a file that is not in the site"),
        ('<link rel="stylesheet" href="assets/gone.css">', "<link href='assets/gone.css'>"),
        ('<a href="reference.html#/registries/deleteregistry">x</a>', "names #/registries/deleteregistry"),
    ],
)
def test_dead_links_are_reported(tmp_path: Path, body: str, expected: str) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "outside.html").write_text("x", encoding="utf-8")
    scans = write_site(
        tmp_path / "site",
        {"index.html": page(body), "b.html": page('<p id="part">x</p>'), "reference.html": page("")},
    )
    problems = check_links(tmp_path / "site", scans, {"reference.html": reference_routes(SPEC)})
    assert len(problems) == 1, problems
    assert problems[0].startswith("index.html: ")
    assert expected in problems[0]


def test_links_inside_redoc_markup_are_left_to_the_browser(tmp_path: Path) -> None:
    html = page(f'<a href="/outside-markers">x</a>{REDOC_START}<a href="/inside">y</a>{REDOC_END}')
    scans = write_site(tmp_path, {"reference.html": html})
    problems = check_links(tmp_path, scans, {})
    assert len(problems) == 1 and "/outside-markers" in problems[0]


@pytest.mark.parametrize(
    ("body", "head", "expected"),
    [
        ("", HEAD + '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">', "loads remote"),
        (
            "",
            HEAD + "<style>@import url('https://fonts.googleapis.com/css2?family=Inter');</style>",
            "CSS loads remote",
        ),
        ("", HEAD + "<style>@font-face{src:url(//fonts.gstatic.com/x.woff2)}</style>", "CSS loads remote"),
        ('<script src="https://cdn.redoc.ly/redoc/latest/bundles/redoc.standalone.js"></script>', HEAD, "<script src>"),
        ('<img srcset="a.png 1x, https://example.com/b.png 2x">', HEAD, "loads remote https://example.com/b.png"),
        ('<div style="background:url(https://example.com/bg.png)"></div>', HEAD, "CSS loads remote"),
        ("", "", "no Content-Security-Policy"),
    ],
)
def test_remote_loads_are_reported(body: str, head: str, expected: str) -> None:
    problems = check_offline("p.html", page(body, head))
    assert len(problems) == 1, problems
    assert expected in problems[0]


def test_local_loads_and_plain_links_are_offline() -> None:
    html = page(
        '<a href="https://example.com/">a link is not a load</a><img src="data:image/png;base64,AA==">'
        '<img src="assets/x.png"><style>.a{background:url(#grad)}</style>'
    )
    assert check_offline("p.html", html) == []


def test_reference_check_finds_missing_and_renamed_operations() -> None:
    assert check_reference("reference.html", reference_html(SPEC), SPEC) == []
    dropped = json.loads(json.dumps(SPEC))
    del dropped["paths"]["/v1/ccr/registries"]["post"]
    assert check_reference("reference.html", reference_html(dropped), SPEC) == [
        "reference.html is missing operation createRegistry (POST /v1/ccr/registries)"
    ]
    renamed = json.loads(json.dumps(SPEC))
    renamed["paths"]["/v1/ccr/registries"]["get"]["summary"] = "Something else"
    [problem] = check_reference("reference.html", reference_html(renamed), SPEC)
    assert "listRegistries" in problem and "Something else" in problem


def test_reference_check_wants_telemetry_off_and_an_embedded_definition() -> None:
    assert check_reference("r.html", reference_html(SPEC, telemetry_off=False), SPEC) == [
        "r.html: Redoc telemetry is not disabled (set REDOCLY_TELEMETRY=off)"
    ]
    [problem] = check_reference("r.html", page("<p>no script</p>"), SPEC)
    assert "__redoc_definition" in problem


def test_map_link_into_the_flat_site() -> None:
    link_map = {"spec/ERRATA.md": "errata.html", "docs-src/signing.md": "authentication.html"}
    assert map_link("../spec/ERRATA.md#e1", "docs-src/index.md", link_map) == "errata.html#e1"
    assert map_link("signing.md", "docs-src/index.md", link_map) == "authentication.html"
    assert map_link("spec/ERRATA.md", "README.md", link_map) == "errata.html"
    assert map_link("#local", "docs-src/index.md", link_map) == "#local"
    assert map_link("https://x.org/a.md", "docs-src/index.md", link_map) == "https://x.org/a.md"
    assert map_link("other.md", "docs-src/index.md", link_map) == "docs-src/other.md"  # left for the check
    assert map_link("../../up.md", "docs-src/index.md", link_map) == "../../up.md"


def test_markdown_gets_heading_ids_and_mapped_links() -> None:
    rendered = render_markdown(
        "# The *title* (`v1`)\n\n## Signing, step 2\n\n[e](../spec/ERRATA.md)\n\n| a |\n| - |\n| 1 |\n",
        "docs-src/x.md",
        {"spec/ERRATA.md": "errata.html"},
    )
    assert rendered.title == "The title (v1)"
    assert '<h2 id="signing-step-2">' in rendered.html
    assert '<a href="errata.html">' in rendered.html
    assert "<table>" in rendered.html


def test_quickstart_markers() -> None:
    assert split_quickstart("no markers", "f") is None
    assert split_quickstart("a<!-- quickstart:start -->b<!-- quickstart:end -->c", "f") == ("a", "b", "c")
    start, end = "<!-- quickstart:start -->", "<!-- quickstart:end -->"
    for broken in (end + start, start, end, start + start + end):
        with pytest.raises(DocsError, match=r"^f: the quickstart markers"):
            split_quickstart(broken, "f")


def test_operation_rows_route_into_redoc() -> None:
    rows = operation_rows(SPEC)
    assert [(r.operation_id, r.route) for r in rows] == [
        ("listRegistries", "/registries/listregistries"),
        ("createRegistry", "/registries/createregistry"),
    ]
    assert redoc_slug("Image Migration & Policies") == "image-migration-and-policies"


def test_page_table_is_consistent() -> None:
    filenames = [p.filename for p in PAGES]
    assert len(set(filenames)) == len(filenames)
    assert [p.slug for p in PAGES if p.kind == "reference"] == ["reference"]
    assert {p.kind for p in PAGES if p.source is None} == {"reference", "operations", "coverage"}
    assert PAGES[0].filename == "index.html"
    assert not any(p.optional for p in PAGES), "every page of the published site is required"


def test_every_docs_source_is_a_page() -> None:
    """A page written under docs-src/ but left out of the page table would never reach the site."""
    from ccr_contract.paths import REPO_ROOT

    registered = {p.source for p in PAGES if p.source}
    unregistered = sorted(
        path.relative_to(REPO_ROOT).as_posix()
        for path in (REPO_ROOT / "docs-src").glob("*.md")
        if path.relative_to(REPO_ROOT).as_posix() not in registered
    )
    assert unregistered == []
