"""Repository filters (``project_name`` / ``repository_name`` / ``tag`` with ``*`` and ``?`` globs),
shared by on-demand loading rules (TestAcceleratorFilter) and trigger policies (which events fire).

Why hand code: matching is a rule of the API, not stored data.  A filter set matches when every
filter matches (an empty set matches everything); a filter of an unknown type never matches.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Any

from ccr_contract.resource_model import Resource
from ccr_contract.server.engine.crud import Behaviour, Call, Engine, Reply
from ccr_contract.spec import Operation


def matches(filters: list[dict[str, Any]], project: str, repository: str, tag: str | None = None) -> bool:
    """Whether ``project/repository[:tag]`` passes every filter."""
    subject = {"project_name": project, "repository_name": repository, "tag": tag}
    for flt in filters or []:
        value = subject.get(str(flt.get("type")))
        pattern = str(flt.get("value") or "*")
        if value is None or not fnmatchcase(value, pattern):
            return False
    return True


async def accelerator_test_filter(engine: Engine, op: Operation, res: Resource, call: Call) -> Reply:
    body = call.body or {}
    project, _, repository = str(body.get("repository", "")).partition("/")
    return engine.answer(op, {"matched": bool(repository) and matches(body.get("filters") or [], project, repository)})


RECORDS = (Behaviour("accelerator-test-filter", accelerator_test_filter),)
