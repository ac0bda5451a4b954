"""The API reference page: Redocly CLI (pinned in package-lock.json) renders the spec into one HTML file.

``--inlineBundle`` embeds Redoc's scripts so the page needs no CDN.  Two defaults of Redoc would
still reach the network and are turned off here: its usage telemetry (disabled through the
environment, then verified in the page's options) and the "API docs by Redocly" badge image,
fetched from Redocly's CDN (replaced by an inline image).  The site's Content-Security-Policy
blocks anything else a future release might add, and the site check verifies the result.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from ccr_contract import redocly as redocly_cli
from ccr_contract.docs.errors import DocsError
from ccr_contract.docs.layout import NAV_HEIGHT

#: Redoc's badge image on Redocly's CDN, replaced by an inline SVG saying the same.
_BADGE_URL = re.compile(r"https://cdn\.redoc\.ly/redoc/logo-mini(?:-full)?\.svg")
_BADGE_SVG = (
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='52' height='14'%3E"
    "%3Ctext x='0' y='11' font-family='sans-serif' font-size='11' fill='%23555'%3ERedocly%3C/text%3E%3C/svg%3E"
)
_TIMEOUT_SECONDS = 180


def build_reference(redocly: Path, spec_path: Path, template: str, output: Path, *, cwd: Path) -> None:
    """Render ``spec_path`` to ``output`` with Redocly, using ``template`` (Handlebars source)."""
    if not redocly.exists():
        raise DocsError(f"{redocly} not found: install the Node tools with `npm ci` (package-lock.json)")
    if _runs_on_node(redocly) and shutil.which("node") is None:
        raise DocsError("node is not on PATH: Redocly CLI needs Node.js to render the API reference")
    with tempfile.TemporaryDirectory(prefix="ccr-docs-") as tmp:
        template_path = Path(tmp) / "reference.hbs"
        template_path.write_text(template, encoding="utf-8")
        command = [
            str(redocly),
            "build-docs",
            str(spec_path),
            "--inlineBundle",
            "--template",
            str(template_path),
            "--output",
            str(output),
            f"--openapi.scrollYOffset={NAV_HEIGHT}",
        ]
        try:
            done = redocly_cli.run(command, cwd=cwd, timeout=_TIMEOUT_SECONDS)
        except redocly_cli.RedoclyError as exc:
            raise DocsError(str(exc)) from None
    if done.returncode != 0 or not output.exists():
        raise DocsError(f"redocly build-docs failed: {_last_message(done.stderr + done.stdout)}")
    html = output.read_text(encoding="utf-8")
    output.write_text(_BADGE_URL.sub(_BADGE_SVG, html), encoding="utf-8")


def _runs_on_node(program: Path) -> bool:
    """Whether ``program`` is a Node script (npm's ``.bin`` entries are ``#!/usr/bin/env node`` scripts)."""
    try:
        with program.resolve().open("rb") as fh:
            first_line = fh.readline(200)
    except OSError:
        return True
    return program.resolve().suffix in (".js", ".mjs", ".cjs") or b"node" in first_line


def _last_message(text: str) -> str:
    """The most telling line of Redocly's output (it draws boxes around notices; skip those)."""
    lines = [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not set(line.strip()) & set("║╔╚═") and "Node.js" not in line
    ]
    errors = [line for line in lines if "rror" in line]
    return (errors or lines or ["no output"])[-1]


def embedded_json(html: str, name: str) -> Any:
    """The JSON value Redoc's page assigns to the script variable ``name`` (e.g. ``__redoc_definition``)."""
    match = re.search(rf"\b{re.escape(name)}\s*=\s*", html)
    if match is None:
        raise DocsError(f"the reference page has no {name}: Redocly's output format changed")
    try:
        value, _ = json.JSONDecoder().raw_decode(html, match.end())
    except json.JSONDecodeError as exc:
        raise DocsError(f"the reference page's {name} is not JSON: {exc}") from None
    return value
