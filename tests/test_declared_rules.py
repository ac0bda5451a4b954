"""Every rule ``x-bce-resources`` declares between items answers its documented status.

Nothing here names a resource or an operation: the cases are derived from the declarations
(``references``, ``unique``, ``busy``, ``sort``), the requests from the spec's own request
examples, and each expected status must be one the operation documents.  So a rule added to the
spec is tested here without a new test, and a rule the engine stops enforcing fails here.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from engine_fixtures import DEMO, Harness

from ccr_contract.resource_model import Reference, Resource, ResourceModel, properties
from ccr_contract.spec import Operation, load_spec, resolve_ref

SPEC = load_spec()
MODEL = ResourceModel.from_spec(SPEC)
#: A second instance of the demo: "another parent" for the rule that a reference stays in its instance.
OTHER_INSTANCE = "ccr-9z8y7x6w"
_names = itertools.count(1)


def _body_schema(op: Operation) -> dict[str, Any]:
    body = resolve_ref(SPEC, op.definition.get("requestBody") or {})
    return ((body.get("content") or {}).get("application/json") or {}).get("schema") or {}


def _example(op: Operation) -> dict[str, Any]:
    media = (resolve_ref(SPEC, op.definition.get("requestBody") or {}).get("content") or {}).get("application/json")
    examples = (media or {}).get("examples") or {}
    for example in examples.values():
        value = resolve_ref(SPEC, example).get("value")
        if isinstance(value, dict):
            return copy.deepcopy(value)
    pytest.fail(f"{op.operation_id} has no request example to derive a request from")


def _path_params(op: Operation) -> set[str]:
    return {p["name"] for p in op.parameters if p.get("in") == "path"}


def _documents(op: Operation, status: int) -> None:
    assert str(status) in op.responses, f"{op.operation_id} answers {status} but does not document it"


class World:
    """The demo engine, and items made from the spec's examples wherever a rule needs one."""

    def __init__(self) -> None:
        self.h = Harness()
        self.engine = self.h.engine

    # -- where an item lives -----------------------------------------------------------------
    def params(self, res: Resource, instance: str = DEMO["instanceId"]) -> dict[str, Any]:
        """Path parameters naming the parent of a new item of ``res`` (the demo's, or another instance's)."""
        names = [r.name for r in MODEL.chain(res.name)[:-1]]
        assert names in ([], ["instances"]), f"{res.name}: add parent parameters for {names}"
        return {"instanceId": instance} if names else {}

    def parent(self, res: Resource, params: dict[str, Any]) -> str:
        return self.engine.parent_of(res, {**DEMO, **params})

    def keys(self, res: Resource, params: dict[str, Any]) -> list[Any]:
        """Keys of the items of ``res`` under the parent ``params`` name, in creation order."""
        return [item[res.key] for item in self.engine.items.all(res.name, self.parent(res, params))]

    # -- requests ------------------------------------------------------------------------------
    def call(self, op: Operation, body: Any = None, **params: Any) -> int:
        """The status ``op`` answers (200, or the error's)."""
        typed = {k: v for k, v in params.items() if k in _path_params(op) or k not in DEMO}
        return self.h.status(op.operation_id, body, **typed)

    def body(self, res: Resource, op: Operation, params: dict[str, Any], **refs: Any) -> dict[str, Any]:
        """``op``'s first request example with fresh values for the unique fields and every reference
        naming an existing item (``refs``: field -> key to name instead)."""
        body = _example(op)
        renamed = {v: k for k, v in res.renames.items()}
        fresh = [*res.unique, *([res.key] if res.key_from == "body" and res.key else [])]
        for fld in fresh:
            sent = renamed.get(fld, fld)
            if isinstance(body.get(sent), str):
                body[sent] = f"{body[sent][:40]}x{next(_names)}"
        for fld, ref in res.references.items():
            sent = renamed.get(fld, fld)
            if sent not in body and fld not in refs:
                continue
            key = refs[fld] if fld in refs else self.existing(ref, params)
            body[sent] = {ref.key_field: key} if ref.key_field else key
        return body

    def existing(self, ref: Reference, params: dict[str, Any]) -> Any:
        """A key of an existing item ``ref`` may name from the parent ``params`` name (made when none)."""
        target = MODEL.resources[ref.resources[0]]
        here = self.params(target, params.get("instanceId", DEMO["instanceId"]))
        keys = self.keys(target, here)
        return keys[0] if keys else self.make(target, here)

    def make(self, res: Resource, params: dict[str, Any], **refs: Any) -> Any:
        """A new item of ``res`` made with its create operation; its key."""
        op = res.operation("create")
        assert op is not None, f"{res.name} has no create operation"
        status = self.call(op, self.body(res, op, params, **refs), **params)
        assert status == 200, f"{op.operation_id} from its own example answered {status}"
        return self.keys(res, params)[-1]

    def key_params(self, res: Resource, key: Any, params: dict[str, Any]) -> dict[str, Any]:
        return {**params, res.key_param: key} if res.key_param else dict(params)

    def starter(self, res: Resource, ref: Reference) -> Operation:
        """The operation that creates an item of ``res`` (a behaviour: an execution is started, not
        created) naming the referenced item by ``ref``'s field in its path or body."""
        for op_id in res.behaviours:
            op = res.by_id[op_id]
            named = _path_params(op) | set(properties(SPEC, _body_schema(op)))
            if op.method == "POST" and ref.field in named:
                return op
        pytest.fail(f"{res.name}: no operation starts an item naming {ref.field}")

    def start(self, res: Resource, ref: Reference, key: Any, params: dict[str, Any]) -> int:
        op = self.starter(res, ref)
        if ref.field in _path_params(op):
            return self.call(op, None, **params, **{ref.field: key})
        return self.call(op, {ref.field: key}, **params)


def _cases(kind: str) -> Iterator[Any]:
    for res in MODEL.resources.values():
        if kind == "references":
            for ref in res.references.values():
                yield pytest.param(res, ref, id=f"{res.name}.{ref.field}")
        elif kind == "unique":
            for fld in res.unique:
                yield pytest.param(res, fld, id=f"{res.name}.{fld}")
        elif kind == "busy" and res.busy is not None:
            for ref in res.references.values():
                for target in ref.resources:
                    yield pytest.param(res, ref, MODEL.resources[target], id=f"{res.name}.{ref.field}->{target}")
        elif kind == "sort" and res.declaration.get("sort"):
            yield pytest.param(res, id=res.name)


def test_the_spec_declares_the_rules_issue_19_names() -> None:
    """The derived cases below cover these rules (a declaration dropped from the spec fails here)."""
    refs = {(r.name, f): ref for r in MODEL.resources.values() for f, ref in r.references.items()}
    assert refs[("migrationRules", "srcRegistry")].expand and refs[("migrationRules", "destProjectName")]
    assert ("syncs", "srcProjectName") in refs and ("syncs", "destInstanceId") in refs
    assert "name" in MODEL.resources["instanceRegistries"].unique
    busy = MODEL.resources["executions"].busy
    assert busy is not None and busy.exclusive
    assert set(refs[("executions", "policyId")].resources) == {"migrationRules", "syncs"}
    assert MODEL.resources["executions"].sort == (None, "desc")


@pytest.mark.parametrize(("res", "ref"), list(_cases("references")))
def test_a_reference_to_a_missing_item_is_404(res: Resource, ref: Reference) -> None:
    world = World()
    op = res.operation("create")
    if op is None:
        pytest.skip(f"{res.name} items are made by behaviours (see the busy cases)")
    params = world.params(res)
    missing = world.existing(ref, params)  # an existing key changed in its last place (so of a valid form)
    missing = 999_999 if isinstance(missing, int) else missing[:-1] + ("y" if missing.endswith("z") else "z")
    status = world.call(op, world.body(res, op, params, **{ref.field: missing}), **params)
    assert status == 404
    _documents(op, 404)
    assert world.call(op, world.body(res, op, params), **params) == 200  # the same request naming one that exists
    update = res.operation("update")
    if update is None or not update.definition.get("requestBody"):
        return
    key = world.keys(res, params)[-1]
    body = world.body(res, update, params, **{ref.field: missing})
    sent = {v: k for k, v in res.renames.items()}.get(ref.field, ref.field)
    if sent not in body:
        return  # the update cannot name the field
    if res.update_key:
        body[res.update_key] = key
    assert world.call(update, body, **world.key_params(res, key, params)) == 404  # an update is checked too
    _documents(update, 404)


@pytest.mark.parametrize(("res", "ref"), list(_cases("references")))
def test_a_reference_to_an_item_of_another_parent_is_404(res: Resource, ref: Reference) -> None:
    """A registry of another instance is not one of this instance's registries."""
    target = MODEL.resources[ref.resources[0]]
    op = res.operation("create")
    if op is None or target.parent is None or target.operation("create") is None:
        pytest.skip("the referenced item has no parent besides the top level, or cannot be made")
    world = World()
    elsewhere = world.make(target, world.params(target, OTHER_INSTANCE))
    assert elsewhere not in world.keys(target, world.params(target))
    params = world.params(res)
    assert world.call(op, world.body(res, op, params, **{ref.field: elsewhere}), **params) == 404


@pytest.mark.parametrize(("res", "ref"), list(_cases("references")))
def test_deleting_a_referenced_item_follows_on_delete(res: Resource, ref: Reference) -> None:
    """``restrict``: 409 while the item is named; ``cascade``: the naming items go too; ``keep``: they stay."""
    target = MODEL.resources[ref.resources[0]]
    delete = target.operation("delete")
    if delete is None or res.operation("create") is None or target.operation("create") is None:
        pytest.skip("no create for the naming item, or no delete for the named one")
    world = World()
    params = world.params(res)
    key = world.make(target, world.params(target))
    user = world.make(res, params, **{ref.field: key})
    status = world.call(delete, None, **world.key_params(target, key, world.params(target)))
    if ref.on_delete == "restrict":
        assert status == 409
        _documents(delete, 409)
        world.call(res.operation("delete"), None, **world.key_params(res, user, params))  # type: ignore[arg-type]
        assert world.call(delete, None, **world.key_params(target, key, world.params(target))) == 200
    else:
        assert status == 200
        assert (user in world.keys(res, params)) is (ref.on_delete == "keep")


@pytest.mark.parametrize(("res", "ref"), list(_cases("references")))
def test_a_reference_is_answered_as_declared(res: Resource, ref: Reference) -> None:
    """``expand``: the answer carries the named item itself (not a stub); ``show``: one of its fields."""
    if not (ref.expand or ref.show) or res.operation("list") is None or res.operation("create") is None:
        pytest.skip("answered as stored")
    world = World()
    params = world.params(res)
    key = world.existing(ref, params)
    world.h.clock.now += 3600  # a stub would carry the time of the read
    user = world.make(res, params, **{ref.field: key})
    target = MODEL.resources[ref.resources[0]]
    stored = world.engine.items.get(target.name, world.parent(target, world.params(target)), key)
    answered = {i[res.key]: i for i in world.h.call(res.operation("list").operation_id, **params).body[res.list_key]}  # type: ignore[union-attr]
    value = answered[user][ref.field]
    if ref.show:
        assert value == stored[ref.show]
    else:
        shared = [f for f in value if f in stored and not isinstance(stored[f], dict | list)]
        assert {"name", "creationTime"} <= set(shared) or len(shared) >= 2
        assert {f: value[f] for f in shared} == {f: stored[f] for f in shared}


@pytest.mark.parametrize(("res", "fld"), list(_cases("unique")))
def test_a_duplicate_of_a_unique_field_is_409(res: Resource, fld: str) -> None:
    """At create, and at an update that renames onto a sibling's value."""
    create = res.operation("create")
    if create is None:
        pytest.skip(f"{res.name} has no create operation")
    world = World()
    params = world.params(res)
    first = world.body(res, create, params)
    assert world.call(create, first, **params) == 200
    sent = {v: k for k, v in res.renames.items()}.get(fld, fld)
    again = world.body(res, create, params)
    again[sent] = first[sent]
    assert world.call(create, again, **params) == 409
    _documents(create, 409)
    update = res.operation("update")
    if update is None:
        return
    other = world.make(res, params)
    body = world.body(res, update, params) if update.definition.get("requestBody") else {}
    if sent not in body:
        return  # the update cannot name the field
    body[sent] = first[sent]
    if res.update_key:
        body[res.update_key] = other
    assert world.call(update, body, **world.key_params(res, other, params)) == 409
    _documents(update, 409)


@pytest.mark.parametrize(("res", "ref", "target"), list(_cases("busy")))
def test_a_busy_item_holds_what_it_names(res: Resource, ref: Reference, target: Resource) -> None:
    """While an item is busy (a running execution), what it names cannot be deleted (409), and
    for an ``exclusive`` resource not started again (409, leaving one busy item, not two)."""
    world = World()
    params = world.params(res)
    key = world.make(target, world.params(target))
    assert world.start(res, ref, key, params) == 200
    busy = [i for i in world.engine.items.all(res.name, world.parent(res, params)) if i.get(ref.field) == key]
    assert len(busy) == 1
    assert res.busy is not None
    start = world.starter(res, ref)
    if res.busy.exclusive:
        assert world.start(res, ref, key, params) == 409
        _documents(start, 409)
        again = [i for i in world.engine.items.all(res.name, world.parent(res, params)) if i.get(ref.field) == key]
        assert len(again) == 1
    delete = target.operation("delete")
    assert delete is not None
    target_params = world.key_params(target, key, world.params(target))
    assert world.call(delete, None, **target_params) == 409
    _documents(delete, 409)
    world.h.clock.now += 3600  # the execution finishes
    if res.busy.exclusive:
        assert world.start(res, ref, key, params) == 200
        world.h.clock.now += 3600
    assert world.call(delete, None, **target_params) == 200
    left = [i for i in world.engine.items.all(res.name, world.parent(res, params)) if i.get(ref.field) == key]
    assert bool(left) is (ref.on_delete == "keep")  # cascade: gone with it; keep: still listed


@pytest.mark.parametrize("res", list(_cases("sort")))
def test_lists_come_in_the_declared_order(res: Resource) -> None:
    """``sort``: by a field, or (no field) by creation, ``desc`` newest first."""
    world = World()
    params = world.params(res)
    made = 0
    if res.operation("create") is not None:
        for _ in range(3):
            world.make(res, params)
            made += 1
    else:  # started, not created: start each item it may name, letting each finish first
        ref = next(iter(res.references.values()))
        for target in ref.resources:
            key = world.make(MODEL.resources[target], params)
            for _ in range(2):
                assert world.start(res, ref, key, params) == 200
                world.h.clock.now += 3600
                made += 1
    list_op = res.operation("list")
    assert list_op is not None
    query = {}
    for flt in res.filters:  # a list that needs a filter (Personal executions: policyId) gets none here
        if any(p.get("name") == flt.param and p.get("required") for p in list_op.parameters):
            query[flt.param] = world.engine.items.all(res.name, world.parent(res, params))[-1][flt.field]
    page = world.h.call(list_op.operation_id, pageSize=100, **params, **query).body[res.list_key]
    assert len(page) >= 2
    fld, order = res.sort
    if fld is None:
        created = [k for k in world.keys(res, params) if k in {i[res.key] for i in page}]
        listed = [i[res.key] for i in page]
        assert listed == (created[::-1] if order == "desc" else created)
    else:
        values = [i[fld] for i in page]
        assert values == sorted(values, reverse=order == "desc")
