"""``build_site`` on a minimal source tree of its own, so these tests never wait for other pages to be written.

Most tests replace Redocly with a small stand-in script (it embeds the spec the way Redoc's page
does), which lets them craft a broken reference page; the ``node`` tests run the pinned Redocly CLI.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from ccr_contract.docs import PAGES, DocsError, Page, build_site
from ccr_contract.docs.builder import SITE_MARKER
from ccr_contract.docs.checks import scan_html
from ccr_contract.paths import NODE_BIN

SPEC = """\
openapi: 3.1.0
info: {title: Tiny CCR, version: 1.0.0, license: {name: Apache-2.0, identifier: Apache-2.0}}
tags:
  - {name: registries, description: Registries.}
paths:
  /v1/ccr/registries:
    get:
      tags: [registries]
      operationId: listRegistries
      summary: List registry authorizations
      responses: {'200': {description: OK}}
    post:
      tags: [registries]
      operationId: createRegistry
      summary: Create registry authorization
      responses: {'200': {description: OK}}
"""

SOURCES = {
    "docs-src/index.md": "# Home\n\nSee [the errata](../spec/ERRATA.md#paths) and [signing](signing.md).\n",
    "docs-src/getting-started.md": (
        "# Getting started\n\n<!-- quickstart:start -->\n```sh\nfallback-command\n```\n<!-- quickstart:end -->\n"
    ),
    "docs-src/signing.md": (
        "# Signing\n\nThe [spec](../spec/ccr.openapi.yaml) and [a vector](../spec/signing-vectors/v1.json).\n"
    ),
    "docs-src/client.md": "# Client\n\n[Groups](../docs-src/index.md#api-groups).\n",
    "docs-src/typescript.md": "# TypeScript client\n\nSee [the Python client](client.md).\n",
    "docs-src/server.md": "# Server\n\nText.\n",
    "docs-src/threat-model.md": "# Threat model\n\nSee [coverage](../COVERAGE.md).\n",
    "docs-src/conformance.md": "# Conformance\n\nThe [catalogue](../conformance/CHECKS.md).\n",
    "docs-src/proxy.md": "# Validating proxy\n\nText.\n",
    "conformance/CHECKS.md": "# Checks\n\n| id | check |\n| --- | --- |\n| C1 | one |\n",
    "spec/ERRATA.md": "# Errata\n\n## Paths\n\nE1.\n",
    "spec/EXTENSIONS.md": "# Extensions\n\n`x-bce-auth`.\n",
    "spec/signing-vectors/v1.json": "{}\n",
    "spec/ccr.openapi.yaml": SPEC,
}

#: A stand-in for ``redocly build-docs``: fills the template and embeds the spec like Redoc's page.
FAKE_REDOCLY = """\
import json, sys, yaml
args = sys.argv[1:]
mode = {mode!r}
if mode == "fail":
    print("Error: the stand-in was told to fail", file=sys.stderr)
    sys.exit(1)
with open(args[1], encoding="utf-8") as fh:
    spec = yaml.safe_load(fh)
if mode == "drop-operation":
    del spec["paths"]["/v1/ccr/registries"]["post"]
options = {{"scrollYOffset": 44, "disableTelemetry": mode != "telemetry"}}
with open(args[args.index("--template") + 1], encoding="utf-8") as fh:
    template = fh.read()
body = '<div id="redoc"><h1>Tiny</h1><a href="/registries">registries</a></div>'
script = (
    "<script>const __redoc_definition = " + json.dumps(spec, default=str) + ";\\n"
    + "const __redoc_options = " + json.dumps(options) + ";</script>"
)
html = (
    template.replace("{{{{title}}}}", "Tiny")
    .replace("{{{{{{redocHead}}}}}}", "")
    .replace("{{{{{{redocHTML}}}}}}", body + script)
)
with open(args[args.index("--output") + 1], "w", encoding="utf-8") as fh:
    fh.write(html)
"""

needs_node = pytest.mark.skipif(not (NODE_BIN / "redocly").exists(), reason="node_modules missing: run `npm ci`")


def make_tree(root: Path, **overrides: str | None) -> Path:
    """Write the minimal sources under ``root``; an override of None leaves that file out."""
    for relative, text in {**SOURCES, **overrides}.items():
        if text is None:
            continue
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def fake_redocly(tmp: Path, mode: str = "ok") -> Path:
    script = tmp / f"fake-redocly-{mode}"
    script.write_text(f"#!{sys.executable}\n" + FAKE_REDOCLY.format(mode=mode), encoding="utf-8")
    script.chmod(0o755)
    return script


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return make_tree(tmp_path / "src")


def nav_of(html: str) -> list[str]:
    header = html.split('<header class="site-nav">', 1)[1].split("</header>", 1)[0]
    return re.findall(r'<li><a href="([^"]+)"', header)


def test_builds_every_page_with_one_navigation(tree: Path, tmp_path: Path) -> None:
    result = build_site(tmp_path / "site", root=tree, redocly=fake_redocly(tmp_path))
    site = tmp_path / "site"
    expected = [p.filename for p in PAGES]
    assert list(result.pages) == expected
    assert result.operations == 2
    for name in expected:
        html = (site / name).read_text(encoding="utf-8")
        assert nav_of(html) == expected, name
        assert f'href="{name}" aria-current="page"' in html, name
    assert (site / "spec" / "ccr.openapi.yaml").read_text(encoding="utf-8") == SPEC
    assert (site / "spec" / "signing-vectors" / "v1.json").is_file()
    assert (site / SITE_MARKER).is_file()
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="errata.html#paths"' in index and 'href="authentication.html"' in index
    assert 'href="operations.html#group-registries"' in index  # the home page's table of API groups
    operations = (site / "operations.html").read_text(encoding="utf-8")
    assert 'href="reference.html#/registries/createregistry"' in operations
    assert 'id="op-createRegistry"' in operations and 'id="group-registries"' in operations
    coverage = (site / "coverage.html").read_text(encoding="utf-8")
    assert "2 operations" in coverage and "<code>POST /v1/ccr/registries</code> createRegistry" in coverage
    assert 'href="coverage.html"' in (site / "threat-model.html").read_text(encoding="utf-8")  # ../COVERAGE.md
    auth = (site / "authentication.html").read_text(encoding="utf-8")
    assert 'href="spec/ccr.openapi.yaml"' in auth and 'href="spec/signing-vectors/v1.json"' in auth
    # No README in this tree: getting started falls back to its own commands.
    assert "fallback-command" in (site / "getting-started.html").read_text(encoding="utf-8")


def test_getting_started_takes_the_readme_quickstart(tree: Path, tmp_path: Path) -> None:
    (tree / "README.md").write_text(
        "# x\n\n<!-- quickstart:start -->\n```sh\nreadme-command --flag\n```\n"
        "See [the errata](spec/ERRATA.md).\n<!-- quickstart:end -->\n",
        encoding="utf-8",
    )
    build_site(tmp_path / "site", root=tree, redocly=fake_redocly(tmp_path))
    html = (tmp_path / "site" / "getting-started.html").read_text(encoding="utf-8")
    assert "readme-command --flag" in html and "fallback-command" not in html
    assert 'href="errata.html"' in html  # README links resolve from the repository root
    assert "README.md" in html


def test_unbalanced_quickstart_markers_fail(tree: Path, tmp_path: Path) -> None:
    (tree / "README.md").write_text("<!-- quickstart:start -->\nno end\n", encoding="utf-8")
    with pytest.raises(DocsError, match=r"README\.md: the quickstart markers"):
        build_site(tmp_path / "site", root=tree, redocly=fake_redocly(tmp_path))


def test_missing_required_source_fails_before_rendering(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "src", **{"docs-src/signing.md": None, "spec/EXTENSIONS.md": None})
    with pytest.raises(DocsError) as caught:
        build_site(tmp_path / "site", root=tree, redocly=tmp_path / "no-redocly-needed")
    message = str(caught.value)
    assert "\n" not in message
    assert "docs-src/signing.md (page 'Authentication')" in message
    assert "spec/EXTENSIONS.md (page 'Extensions')" in message
    assert not (tmp_path / "site").exists()


def test_optional_page_without_source_is_left_out(tree: Path, tmp_path: Path) -> None:
    pages = (*PAGES, Page("later", "Later", "docs-src/later.md", optional=True))
    result = build_site(tmp_path / "site", root=tree, pages=pages, redocly=fake_redocly(tmp_path))
    assert "later.html" not in result.pages
    assert "later.html" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("[gone](nowhere.md)", "<a href='docs-src/nowhere.md'> points to a file that is not in the site"),
        ("[anchor](../spec/ERRATA.md#no-such-entry)", "names #no-such-entry, which errata.html does not define"),
        ("[code](../ccr_contract/signing.py)", "'ccr_contract/signing.py'> points to a file that is not in the site"),
        ("[root](/index.html)", "is root-absolute"),
        ("[here](#nowhere)", "names #nowhere, which authentication.html does not define"),
    ],
)
def test_dead_internal_link_fails_the_build(tmp_path: Path, link: str, expected: str) -> None:
    tree = make_tree(tmp_path / "src", **{"docs-src/signing.md": f"# Signing\n\n{link}\n"})
    with pytest.raises(DocsError) as caught:
        build_site(tmp_path / "site", root=tree, redocly=fake_redocly(tmp_path))
    message = str(caught.value)
    assert "authentication.html (from docs-src/signing.md)" in message
    assert expected in message
    assert "\n" not in message
    assert not (tmp_path / "site").exists(), "a failed build must not leave a site behind"


def test_dead_link_in_a_spec_description_fails_the_build(tmp_path: Path) -> None:
    spec = SPEC.replace(
        "summary: Create registry authorization",
        "summary: Create registry authorization\n"
        "      description: 'See [the errata](ERRATA.md) and [E1](errata.html#paths).'",
    )
    tree = make_tree(tmp_path / "src", **{"spec/ccr.openapi.yaml": spec})
    with pytest.raises(DocsError) as caught:
        build_site(tmp_path / "site", root=tree, redocly=fake_redocly(tmp_path))
    assert "reference.html: <a href (spec description)='ERRATA.md'> points to a file that is not in the site" in str(
        caught.value
    )
    assert "errata.html#paths" not in str(caught.value)


def test_operation_missing_from_reference_fails_the_build(tree: Path, tmp_path: Path) -> None:
    with pytest.raises(
        DocsError, match=r"reference\.html is missing operation createRegistry \(POST /v1/ccr/registries\)"
    ):
        build_site(tmp_path / "site", root=tree, redocly=fake_redocly(tmp_path, "drop-operation"))


def test_reference_with_telemetry_on_fails_the_build(tree: Path, tmp_path: Path) -> None:
    with pytest.raises(DocsError, match="telemetry is not disabled"):
        build_site(tmp_path / "site", root=tree, redocly=fake_redocly(tmp_path, "telemetry"))


def test_remote_resource_in_a_page_fails_the_build(tmp_path: Path) -> None:
    tree = make_tree(
        tmp_path / "src",
        **{"docs-src/server.md": '# Server\n\n<img src="https://example.com/diagram.png" alt="d">\n'},
    )
    with pytest.raises(DocsError, match=r"server\.html \(from docs-src/server\.md\): <img src> loads remote"):
        build_site(tmp_path / "site", root=tree, redocly=fake_redocly(tmp_path))


def test_redocly_failure_is_one_line(tree: Path, tmp_path: Path) -> None:
    with pytest.raises(DocsError) as caught:
        build_site(tmp_path / "site", root=tree, redocly=fake_redocly(tmp_path, "fail"))
    assert str(caught.value) == "redocly build-docs failed: Error: the stand-in was told to fail"


def test_missing_redocly_is_reported(tree: Path, tmp_path: Path) -> None:
    with pytest.raises(DocsError, match="npm ci"):
        build_site(tmp_path / "site", root=tree, redocly=tmp_path / "node_modules" / ".bin" / "redocly")


def test_out_folder_rules(tree: Path, tmp_path: Path) -> None:
    redocly = fake_redocly(tmp_path)
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(DocsError, match="non-empty folder this command did not build"):
        build_site(foreign, root=tree, redocly=redocly)
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "keep me"
    with pytest.raises(DocsError, match="would replace the sources"):
        build_site(tree.parent, root=tree, redocly=redocly)

    site = tmp_path / "site"
    build_site(site, root=tree, redocly=redocly)
    (site / "stale.html").write_text("old", encoding="utf-8")
    build_site(site, root=tree, redocly=redocly)  # a rebuild replaces the previous site
    assert not (site / "stale.html").exists()
    (tree / "docs-src" / "server.md").write_text("# Server\n\n[x](gone.md)\n", encoding="utf-8")
    with pytest.raises(DocsError):
        build_site(site, root=tree, redocly=redocly)
    assert (site / "server.html").is_file(), "a failed rebuild must keep the previous site"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".ccr-docs-")], "staging folder left behind"


@pytest.mark.node
@needs_node
def test_real_redocly_renders_an_offline_reference(tree: Path, tmp_path: Path) -> None:
    result = build_site(tmp_path / "site", root=tree)
    html = (tmp_path / "site" / "reference.html").read_text(encoding="utf-8")
    assert result.operations == 2
    assert "cdn.redoc.ly" not in html, "Redoc's badge image would be fetched from its CDN"
    assert '"disableTelemetry":true' in html.replace(" ", "")
    assert "<script src=" not in html, "--inlineBundle must embed Redoc"
    assert nav_of(html) == [p.filename for p in PAGES]
    options = json.loads(re.search(r"__redoc_options = (\{.*?\});", html).group(1))
    assert options["scrollYOffset"] == 44
    scan = scan_html(html)
    assert scan.csp and "default-src 'none'" in scan.csp


def test_unreadable_spec_is_one_line(tree: Path, tmp_path: Path) -> None:
    (tree / "spec" / "ccr.openapi.yaml").write_text("openapi: 3.1.0\ninfo: [\n", encoding="utf-8")
    with pytest.raises(DocsError, match="is not valid YAML") as caught:
        build_site(tmp_path / "site", root=tree, redocly=fake_redocly(tmp_path))
    assert "\n" not in str(caught.value)


def test_operation_index_groups_by_edition_and_names_every_operation(tmp_path: Path) -> None:
    spec = SPEC.replace(
        "tags:\n  - {name: registries, description: Registries.}\n",
        "tags:\n  - {name: registries, description: Registries.}\n"
        "  - {name: enterprise-instances, x-displayName: Instances, description: 'Enterprise **instances**.'}\n"
        "x-tagGroups:\n  - {name: Personal Edition, tags: [registries]}\n"
        "  - {name: Enterprise Edition, tags: [enterprise-instances]}\n",
    ) + (
        "  /v1/instances:\n    get:\n      tags: [enterprise-instances]\n      operationId: ListInstances\n"
        "      summary: List instances\n      x-bce-api-actions: [ListInstances, ListInstancesAgain]\n"
        "      responses: {'200': {description: OK}}\n"
    )
    tree = make_tree(tmp_path / "src", **{"spec/ccr.openapi.yaml": spec})
    result = build_site(tmp_path / "site", root=tree, redocly=fake_redocly(tmp_path))
    assert result.operations == 3
    html = (tmp_path / "site" / "operations.html").read_text(encoding="utf-8")
    personal, enterprise = html.index('id="edition-personal-edition"'), html.index('id="edition-enterprise-edition"')
    assert personal < html.index('id="op-createRegistry"') < enterprise < html.index('id="op-ListInstances"')
    assert 'href="reference.html#/enterprise-instances/listinstances"' in html
    assert "<h3>Instances <small>(tag <code>enterprise-instances</code>)</small></h3>" in html
    assert "<strong>instances</strong>" in html  # the group's description, rendered
    assert "<code>ListInstancesAgain</code>" in html  # Baidu's action names are searchable too
    assert 'href="#group-enterprise-instances"' in html  # the table of contents
    text = " ".join(" ".join(scan_html(html).text).split())
    for name in ("listRegistries", "createRegistry", "ListInstances", "List instances", "/v1/instances"):
        assert name in text, f"{name} is not named outside the page's scripts"
    assert 'type="search" id="op-filter"' in html
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="operations.html#group-enterprise-instances">Instances</a>' in index


def test_operation_missing_from_the_index_fails_the_build(tree: Path, tmp_path: Path, monkeypatch) -> None:
    from ccr_contract.docs import builder

    real = builder.editions

    def without_create(spec):  # type: ignore[no-untyped-def]
        found = real(spec)
        for edition in found:
            for group in edition.groups:
                group.rows = [row for row in group.rows if row.operation_id != "createRegistry"]
        return found

    monkeypatch.setattr(builder, "editions", without_create)
    with pytest.raises(DocsError, match=r"operations\.html has no row for operation createRegistry"):
        build_site(tmp_path / "site", root=tree, redocly=fake_redocly(tmp_path))
