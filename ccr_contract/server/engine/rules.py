"""The rules ``x-bce-resources`` declares between items: ``references``, ``unique`` and ``busy``.

Why a module of its own: these rules are the contract's integrity constraints (a migration rule
names a registry that exists; two registries of an instance never share a name; a rule that is
running cannot be deleted or started again), stated once in the spec and enforced here for every
resource that declares them, with no code per operation.  The engine calls :func:`check_write`
before it stores an item and :func:`before_delete` before it deletes one.

Every query goes through the store's public reads (``exists``, ``get``, ``page`` with ``equals``
filters), so the checks cost what an indexed lookup of the referenced item and a filtered page of
the referencing ones cost, not a scan of every sibling.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ccr_contract.resource_model import Reference, Resource
from ccr_contract.server.engine.items import SEP, child_path
from ccr_contract.server.errors import conflict, not_found, shorten

if TYPE_CHECKING:  # the engine imports this module
    from ccr_contract.server.engine.crud import Engine, Located


def noun(res: Resource) -> str:
    """How messages name one item of ``res`` (its declared ``noun``)."""
    return str(res.declaration.get("noun") or res.name.rstrip("s"))


def whole(value: Any) -> Any:
    """A JSON number with no fraction as an int (JSON Schema counts ``1.0`` as an integer; its
    key is still 1)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def target_parent(engine: Engine, target: Resource, parent: str) -> str:
    """The parent path of ``target``'s items as seen from an item stored under ``parent``: the
    ancestor at the target's depth (the model checked that the target hangs off an ancestor)."""
    depth = len(engine.model.chain(target.name)) - 1
    return SEP.join(parent.split(SEP)[:depth]) if depth else ""


def referenced(engine: Engine, ref: Reference, parent: str, key: Any) -> tuple[Resource, Any] | None:
    """The resource holding the item ``key`` names and its stored key, or None when none does."""
    for name in ref.resources:
        target = engine.model.resources[name]
        found = engine.existing_key(target, target_parent(engine, target, parent), whole(key))
        if found is not None:
            return target, found
    return None


def referenced_item(engine: Engine, ref: Reference, parent: str, value: Any) -> dict[str, Any] | None:
    """The item a stored reference value names (for ``show`` and ``expand``), or None."""
    key = ref.key_of(value)
    if key is None:
        return None
    for name in ref.resources:
        target = engine.model.resources[name]
        item = engine.items.get(target.name, target_parent(engine, target, parent), key)
        if item is not None:
            return item
    return None


def _match_path(ref: Reference) -> str:
    """The (dotted) stored field a store filter compares with a referenced key."""
    return f"{ref.field}.{ref.key_field}" if ref.key_field else ref.field


def check_write(engine: Engine, res: Resource, parent: str, data: dict[str, Any], key: Any) -> None:
    """Before ``data`` is stored as item ``key`` (None: a new item) of ``res`` under ``parent``:
    404 for a reference to an item that does not exist (stored by its canonical key), 409 for a
    duplicate of a ``unique`` field, 409 for a second busy item of an ``exclusive`` resource."""
    for ref in res.references.values():
        value = data.get(ref.field)
        if value is None:
            continue  # an optional reference left out (the request schema says which are required)
        wanted = ref.key_of(value)
        found = None if wanted is None else referenced(engine, ref, parent, wanted)
        if found is None:
            first = engine.model.resources[ref.resources[0]]
            raise not_found(f"{noun(first)} {shorten(str(wanted), 100)} does not exist")
        if ref.key_field is None:
            data[ref.field] = found[1]
        else:
            data[ref.field] = {**value, ref.key_field: whole(wanted)}
    for fld in res.unique:
        if fld not in data:
            continue
        same, _ = engine.items.page(res.name, parent, 0, 2, [(fld, "equals", data[fld])], total=False)
        if any(key is None or str(other.get(res.key)) != str(key) for other in same):
            raise conflict(f"{noun(res)} with {fld} {shorten(str(data[fld]), 100)!r} already exists")
    if key is None and res.busy is not None and res.busy.exclusive:
        for ref in res.references.values():
            wanted = ref.key_of(data.get(ref.field))
            if wanted is None:
                continue
            other = _busy_one(engine, res, parent, ref, wanted)
            if other is not None:
                target = engine.model.resources[ref.resources[0]]
                raise conflict(
                    f"{noun(target)} {shorten(str(wanted), 100)} already has {noun(res)} {other.get(res.key)} "
                    f"{_busy_text(engine, res)}"
                )


def _busy_values(engine: Engine, res: Resource) -> list[tuple[str, Any]]:
    """``(field, value)`` of the declared busy roles (``x-bce-states``)."""
    assert res.busy is not None
    return [(fld, engine.states(res, fld).value(role)) for fld, role in res.busy.when]


def _busy_text(engine: Engine, res: Resource) -> str:
    return ", ".join(str(value) for _, value in _busy_values(engine, res))


def _busy_one(engine: Engine, res: Resource, parent: str, ref: Reference, key: Any) -> dict[str, Any] | None:
    """An item of ``res`` under ``parent`` that names ``key`` through ``ref`` and is busy, or None.
    Items are stored in a busy state and may read as finished later (a reader advances them), so
    the store narrows by the stored values and the computed item decides."""
    if res.busy is None:
        return None
    values = _busy_values(engine, res)
    filters = [(_match_path(ref), "equals", whole(key)), *((fld, "equals", value) for fld, value in values)]
    candidates, _ = engine.items.page(res.name, parent, 0, -1, filters, total=False)
    for item in candidates:
        current = engine.computed(res, child_path(parent, res.name, item.get(res.key)), item)
        if all(_dotted(current, fld) == value for fld, value in values):
            return item
    return None


def before_delete(engine: Engine, found: Located) -> list[tuple[Resource, Any]]:
    """Before ``found`` is deleted: 409 while a busy item, or an item whose reference to it is
    ``restrict``, names it; the items to delete with it (``cascade``) otherwise."""
    res = found.resource
    doomed: list[tuple[Resource, Any]] = []
    for other in engine.model.resources.values():
        if other.parent != res.parent:
            continue  # only siblings are found under the same parent (the model allows no other)
        for ref in other.references.values():
            if res.name not in ref.resources:
                continue
            busy = _busy_one(engine, other, found.parent, ref, found.key)
            if busy is not None:
                raise conflict(
                    f"{noun(res)} {shorten(str(found.key), 100)} has {noun(other)} {busy.get(other.key)} "
                    f"{_busy_text(engine, other)}; stop it first"
                )
            if ref.on_delete == "keep":
                continue
            limit = 1 if ref.on_delete == "restrict" else -1
            users, _ = engine.items.page(
                other.name, found.parent, 0, limit, [(_match_path(ref), "equals", whole(found.key))], total=False
            )
            if users and ref.on_delete == "restrict":
                raise conflict(
                    f"{noun(res)} {shorten(str(found.key), 100)} is used by {noun(other)} "
                    f"{users[0].get(other.key)}; delete that first"
                )
            doomed += [(other, user.get(other.key)) for user in users]
    return doomed


def _dotted(data: dict[str, Any], path: str) -> Any:
    value: Any = data
    for step in path.split("."):
        value = value.get(step) if isinstance(value, dict) else None
    return value
