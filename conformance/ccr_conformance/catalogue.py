"""The check catalogue: ``conformance/checks.yaml`` loaded, validated and rendered to ``CHECKS.md``.

The YAML file is the single source; ``CHECKS.md`` is generated from it (``python -m
ccr_conformance.catalogue --write``) and a test fails when the two disagree.  Every result the suite
reports is keyed by a catalogue id, and ``--checks`` selects by id, family or id prefix.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

CONFORMANCE_DIR = Path(__file__).resolve().parent.parent
if not (CONFORMANCE_DIR / "checks.yaml").is_file():  # an installed wheel: the catalogue ships in ccr_contract
    from ccr_contract.paths import data_path

    CONFORMANCE_DIR = data_path("conformance")
CATALOGUE_PATH = CONFORMANCE_DIR / "checks.yaml"
CHECKS_MD_PATH = CONFORMANCE_DIR / "CHECKS.md"
ID_PATTERN = re.compile(r"^[A-Z]+-\d{3}$")
REQUIRED_FIELDS = ("id", "family", "title", "rule", "source", "how", "since")
#: Engines a check may be judged by instead of a family module of the suite (``engine:``).
ENGINES = ("schemathesis",)


class CatalogueError(Exception):
    """The catalogue file is malformed, or a selection names no check."""


@dataclass(frozen=True)
class Check:
    """One catalogue entry."""

    id: str
    family: str
    title: str
    rule: str
    source: str
    how: str
    since: int
    retired: bool = False
    #: The engine that judges it (``schemathesis``), or None: a family of the suite's own runs it.
    engine: str | None = None


@dataclass(frozen=True)
class Catalogue:
    version: int
    families: dict[str, str]
    checks: tuple[Check, ...]

    def ids(self) -> list[str]:
        return [c.id for c in self.checks if not c.retired]

    def family_ids(self, family: str) -> tuple[str, ...]:
        """The active ids of ``family`` that the suite's own family module runs (not an engine)."""
        return tuple(c.id for c in self.checks if c.family == family and not c.retired and c.engine is None)

    def engine_ids(self, engine: str) -> frozenset[str]:
        """The active ids judged by ``engine`` (``schemathesis``)."""
        return frozenset(c.id for c in self.checks if c.engine == engine and not c.retired)

    def get(self, check_id: str) -> Check:
        for check in self.checks:
            if check.id == check_id:
                return check
        raise KeyError(check_id)

    def select(self, spec: str | None) -> list[str]:
        """Ids named by ``spec``: comma-separated ids (``AUTH-002``), families (``auth``) or id
        prefixes (``AUTH``, ``STATE-00``); ``None`` or empty means every active check."""
        active = self.ids()
        if not spec or not spec.strip():
            return active
        chosen: list[str] = []
        for raw in spec.split(","):
            token = raw.strip()
            if not token:
                continue
            if token.lower() == "all":
                return active
            matches = [
                c.id
                for c in self.checks
                if not c.retired
                and (c.id == token.upper() or c.family == token.lower() or c.id.startswith(token.upper()))
            ]
            if not matches:
                raise CatalogueError(f"--checks: {token!r} names no check (known: {', '.join(active)})")
            chosen += [m for m in matches if m not in chosen]
        return [i for i in active if i in chosen]


def parse(data: object) -> Catalogue:
    """Validate the YAML structure; raise :class:`CatalogueError` naming the first problem."""
    if not isinstance(data, dict) or not isinstance(data.get("checks"), list):
        raise CatalogueError("checks.yaml must be a mapping with a 'checks' list")
    families = data.get("families") or {}
    seen: set[str] = set()
    checks = []
    for entry in data["checks"]:
        if not isinstance(entry, dict):
            raise CatalogueError(f"catalogue entry is not a mapping: {entry!r}")
        missing = [f for f in REQUIRED_FIELDS if f not in entry]
        if missing:
            raise CatalogueError(f"{entry.get('id', '?')}: missing {', '.join(missing)}")
        if not ID_PATTERN.match(str(entry["id"])):
            raise CatalogueError(f"{entry['id']}: ids look like FAMILY-001")
        if entry["id"] in seen:
            raise CatalogueError(f"{entry['id']}: duplicate id")
        if entry["family"] not in families:
            raise CatalogueError(f"{entry['id']}: unknown family {entry['family']!r}")
        if entry.get("engine") not in (None, *ENGINES):
            raise CatalogueError(f"{entry['id']}: unknown engine {entry['engine']!r} (known: {', '.join(ENGINES)})")
        seen.add(entry["id"])
        checks.append(
            Check(
                id=str(entry["id"]),
                family=str(entry["family"]),
                title=str(entry["title"]).strip(),
                rule=" ".join(str(entry["rule"]).split()),
                source=" ".join(str(entry["source"]).split()),
                how=" ".join(str(entry["how"]).split()),
                since=int(entry["since"]),
                retired=bool(entry.get("retired", False)),
                engine=entry.get("engine"),
            )
        )
    return Catalogue(version=int(data.get("version", 1)), families=dict(families), checks=tuple(checks))


@lru_cache(maxsize=1)
def load(path: str | None = None) -> Catalogue:
    """The catalogue (cached; it does not change during a run)."""
    target = Path(path) if path else CATALOGUE_PATH
    try:
        data = yaml.safe_load(target.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogueError(f"cannot read {target}: {exc}".replace("\n", " ")) from None
    return parse(data)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown(catalogue: Catalogue) -> str:
    """``CHECKS.md``: a summary table, then one section per family with every field."""
    lines = [
        "# Conformance checks",
        "",
        "<!-- Generated from conformance/checks.yaml by `python -m ccr_conformance.catalogue --write`."
        " Do not edit by hand. -->",
        "",
        f"Catalogue version {catalogue.version}: {len(catalogue.ids())} checks. Each id is stable: results,"
        " `--checks` and the reports use it. Every check has a deliberately broken server in"
        " `tests/broken_servers.py` on which the suite is shown to fail.",
        "",
        "| Id | Family | Check |",
        "|---|---|---|",
    ]
    for check in catalogue.checks:
        title = f"~~{check.title}~~ (retired)" if check.retired else check.title
        lines.append(f"| [{check.id}](#{check.id.lower()}) | {check.family} | {_cell(title)} |")
    for family, description in catalogue.families.items():
        members = [c for c in catalogue.checks if c.family == family]
        if not members:
            continue
        lines += ["", f"## {family}", "", description]
        for check in members:
            lines += [
                "",
                f"### {check.id}",
                "",
                f"**{check.title}**" + (" (retired)" if check.retired else ""),
                "",
                f"- Rule: {check.rule}",
                f"- Source: {check.source}",
                f"- How it is tested: {check.how}",
                f"- Since catalogue version: {check.since}",
            ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render conformance/checks.yaml to conformance/CHECKS.md.")
    parser.add_argument("--write", action="store_true", help="write CHECKS.md (default: print to stdout)")
    parser.add_argument("--check", action="store_true", help="exit 1 when CHECKS.md is out of date")
    args = parser.parse_args(argv)
    try:
        text = render_markdown(load())
    except CatalogueError as exc:
        print(f"catalogue: {exc}", file=sys.stderr)
        return 2
    if args.check:
        current = CHECKS_MD_PATH.read_text(encoding="utf-8") if CHECKS_MD_PATH.exists() else ""
        if current != text:
            print("catalogue: conformance/CHECKS.md is out of date; run python -m ccr_conformance.catalogue --write")
            return 1
        return 0
    if args.write:
        CHECKS_MD_PATH.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
