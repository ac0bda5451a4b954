"""Seeding the engine's state from a fixtures document (the embedded demo, or ``--fixtures FILE``).

A fixtures document mirrors the resource tree of the spec: its top-level keys are top-level
resources (``instances``), each item is that resource's fields plus, under a child resource's
name, the child items (``projects`` -> ``repositories`` -> ``tags``).  Images and charts reach a
real registry by ``docker push`` / ``helm push``, not by this API, so fixtures are how a user puts
them into the reference server.  Items go in through the engine's own create path, so server-set
fields (ids, times, counters) are filled exactly as for an API create; a fixture may still give
them (a stable ``creationTime``, say), and then its value wins.
"""

from __future__ import annotations

import json
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

import yaml

from ccr_contract.resource_model import Resource
from ccr_contract.server.engine.crud import Engine
from ccr_contract.server.engine.items import child_path
from ccr_contract.server.errors import ApiError


class FixtureError(Exception):
    """The fixtures document does not fit the spec's resource tree (one line, names the item)."""


def read_fixtures(path: str | Path) -> dict[str, Any]:
    """A fixtures file (YAML or JSON) as data; :class:`FixtureError` for anything unreadable."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise FixtureError(f"cannot read fixtures {path}: {exc.strerror or exc}") from None
    try:
        data = json.loads(text) if str(path).endswith(".json") else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        raise FixtureError(f"fixtures {path} are not valid YAML/JSON: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise FixtureError(f"fixtures {path}: the document must be a mapping of resource names to lists")
    return data


def demo_fixtures() -> dict[str, Any]:
    """The embedded demo (two instances, a project with repositories, tags and charts)."""
    text = importlib_resources.files("ccr_contract.server.engine").joinpath("demo.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def load(engine: Engine, data: dict[str, Any]) -> int:
    """Insert every item of ``data``; returns how many.  All or nothing (one transaction).

    Items go in level by level (every instance before any namespace), and within a level the
    resources other items reference first (registries before the migration rules naming them), so
    the engine's reference checks (``x-bce-resources`` ``references``) hold for any order the
    document lists them in."""
    top = [r for r in engine.model.resources.values() if r.parent is None]
    try:
        with engine.items.write():
            count = 0
            level = _top_entries(engine, data, top)
            while level:
                deeper: list[_Entry] = []
                for entry in sorted(level, key=lambda e: _rank(engine, e[0].name, ())):
                    loaded, children = _load_items(engine, *entry)
                    count += loaded
                    deeper += children
                level = deeper
    except ApiError as exc:  # a duplicate, an invalid key or a dangling reference inside the fixtures
        raise FixtureError(f"fixtures: {exc.message}") from None
    return count


#: Items of one resource under one parent: ``(resource, parent path, items, where in the document)``.
_Entry = tuple[Resource, str, Any, str]


def _rank(engine: Engine, name: str, seen: tuple[str, ...]) -> int:
    """0 for a resource that references nothing, else one more than what it references."""
    if name in seen:
        return 0
    refs = engine.model.resources[name].references.values()
    return max((1 + _rank(engine, t, (*seen, name)) for ref in refs for t in ref.resources), default=0)


def _top_entries(engine: Engine, data: dict[str, Any], top: list[Resource]) -> list[_Entry]:
    entries: list[_Entry] = []
    for name, items in data.items():
        res = engine.model.resources.get(name)
        if res is None or res not in top:
            known = ", ".join(sorted(r.name for r in top))
            raise FixtureError(f"fixtures: unknown top-level resource {name!r} (known: {known})")
        entries.append((res, "", items, name))
    return entries


def _load_items(engine: Engine, res: Resource, parent: str, items: Any, where: str) -> tuple[int, list[_Entry]]:
    """Insert the items of one entry; how many, and the entries of their children."""
    if not isinstance(items, list):
        raise FixtureError(f"fixtures {where}: expected a list of items")
    children = {c.name: c for c in engine.model.children(res.name)}
    count = 0
    deeper: list[_Entry] = []
    for index, item in enumerate(items):
        here = f"{where}[{index}]"
        if not isinstance(item, dict):
            raise FixtureError(f"fixtures {here}: expected a mapping")
        fields = {k: v for k, v in item.items() if k not in children}
        if res.singleton:
            key = "-"
            engine.items.insert(res.name, parent, key, fields)
        else:
            if res.key_from == "body" and res.key not in fields:
                raise FixtureError(f"fixtures {here}: {res.key} is required")
            key, data = engine.create_item(res, parent, fields)
            given = {k: v for k, v in item.items() if k in res.server_set and k not in children}
            if given:
                data.update(given)
                if res.key in given:
                    raise FixtureError(f"fixtures {here}: {res.key} is assigned by the server")
                engine.items.replace(res.name, parent, key, data)
        count += 1
        path = child_path(parent, res.name, key)
        for child_name, child in children.items():
            if child_name in item:
                deeper.append((child, path, item[child_name], f"{here}.{child_name}"))
    return count, deeper
