"""Which operations a run covers: ``--include-operation-id``, ``--exclude-operation-id``, ``--tag``, ``--path``.

The filters work like ``schemathesis run``'s: values of one filter are alternatives (any may match),
different filters must all match, and excluded operation ids are removed last.

* ``--include-operation-id ID`` / ``--exclude-operation-id ID``: exact operationIds from the spec; an
  id the spec does not have is an error (a typo would otherwise silently select nothing or everything).
* ``--tag NAME``: the operation carries that tag (case-insensitive).
* ``--path PATTERN``: a regular expression matched against the *whole* path template as the spec
  writes it (``re.fullmatch``), so a plain path such as ``/v1/ccr/registries/{registryId}`` selects
  exactly that path, and ``/v1/ccr/registries.*`` everything under it.

The result is the set of selected operationIds (``SuiteOptions.operations``), or ``None`` when no
filter was given (every operation).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any


class SelectionError(ValueError):
    """A filter is invalid or the filters select nothing (a usage error, one line)."""


def _compile(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise SelectionError(f"--path {pattern!r} is not a valid regular expression ({exc})") from None


def path_matches(pattern: str, path: str) -> bool:
    """``pattern`` is the path itself or a regular expression matching all of it."""
    return pattern == path or _compile(pattern).fullmatch(path) is not None


def select_operations(
    include: Sequence[str] | None = None,
    exclude: Sequence[str] | None = None,
    tags: Sequence[str] | None = None,
    paths: Sequence[str] | None = None,
    spec: dict[str, Any] | None = None,
) -> frozenset[str] | None:
    """The operationIds the filters select; ``None`` when no filter is given.

    Raises :class:`SelectionError` for an unknown operationId, an invalid ``--path`` regular
    expression, or filters that select no operation.
    """
    include, exclude, tags, paths = (list(v or ()) for v in (include, exclude, tags, paths))
    if not (include or exclude or tags or paths):
        return None
    from ccr_contract.spec import operations

    ops = list(operations(spec))
    known = {op.operation_id for op in ops}
    for flag, values in (("--include-operation-id", include), ("--exclude-operation-id", exclude)):
        unknown = [v for v in values if v not in known]
        if unknown:
            hint = _close(unknown[0], known)
            raise SelectionError(f"{flag}: the spec has no operation {unknown[0]!r}{hint}")
    patterns = [_compile(p) for p in paths]  # fail on a bad regex even when another filter is empty
    wanted_tags = {t.lower() for t in tags}
    chosen = set()
    for op in ops:
        if include and op.operation_id not in include:
            continue
        if wanted_tags and not wanted_tags & {str(t).lower() for t in op.definition.get("tags", [])}:
            continue
        if paths and not any(p == op.path or rx.fullmatch(op.path) for p, rx in zip(paths, patterns, strict=True)):
            continue
        chosen.add(op.operation_id)
    chosen -= set(exclude)
    if not chosen:
        raise SelectionError(f"the operation filters ({describe(include, exclude, tags, paths)}) select no operation")
    return frozenset(chosen)


def describe(include: Iterable[str], exclude: Iterable[str], tags: Iterable[str], paths: Iterable[str]) -> str:
    parts = [f"--include-operation-id {v}" for v in include]
    parts += [f"--exclude-operation-id {v}" for v in exclude]
    parts += [f"--tag {v}" for v in tags]
    parts += [f"--path {v}" for v in paths]
    return " ".join(parts)


def _close(name: str, known: Iterable[str]) -> str:
    import difflib

    match = difflib.get_close_matches(name, sorted(known), n=1)
    return f" (did you mean {match[0]!r}?)" if match else ""
