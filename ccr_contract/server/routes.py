"""The route table, derived from the spec's ``paths`` (no hand-written list of URLs).

A request path is matched segment by segment against every path template of the spec.  The
segments are split on the *wire* form, before percent-decoding, so an encoded ``%2F`` inside an
id stays inside that id.  When several templates match, the one with the most literal segments
is the resource (``/registries/ping`` rather than ``/registries/{registryId}``): ``DELETE
/v1/ccr/registries/ping`` is a 405 whose ``Allow`` lists exactly that resource's methods.

A repository name may hold ``/`` (``lib/ubuntu``) and the Python SDK sends it raw, as several
segments (ERRATA E39).  When a path matches no template segment for segment, the templates with a
``{repositoryName}`` segment are tried once more, that parameter taking as many consecutive
segments as the surplus requires (joined with ``/``); the most literal such template wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_to_bytes

from ccr_contract.server import codes
from ccr_contract.server.errors import ApiError, not_found, shorten
from ccr_contract.spec import Operation, operations


@dataclass
class _Template:
    path: str
    segments: tuple[str, ...]
    by_method: dict[str, Operation] = field(default_factory=dict)

    @property
    def literal_count(self) -> int:
        return sum(1 for s in self.segments if not _is_param(s))


@dataclass(frozen=True)
class Match:
    """The operation a request names, with its raw (decoded, not yet typed) path parameters."""

    operation: Operation
    path_params: dict[str, str]


#: Path parameters that may span several raw segments when nothing else matches (ERRATA E39).
MULTI_SEGMENT_PARAMS = frozenset({"repositoryName"})


def _is_param(segment: str) -> bool:
    return segment.startswith("{") and segment.endswith("}")


def _decode_segment(raw: str) -> str:
    """Percent-decode one wire segment; bytes that are not UTF-8 become U+FFFD (and then fail validation)."""
    return unquote_to_bytes(raw).decode("utf-8", "replace")


class RouteTable:
    """Every ``(method, path template)`` of the spec, answering which operation a request names."""

    def __init__(self, spec: dict[str, Any]) -> None:
        templates: dict[str, _Template] = {}
        for op in operations(spec):
            tpl = templates.setdefault(op.path, _Template(op.path, tuple(op.path.strip("/").split("/"))))
            tpl.by_method[op.method] = op
        # Most literal segments first, so the first template that allows the method is the most specific.
        self._templates = sorted(templates.values(), key=lambda t: -t.literal_count)
        # Templates without parameters are found by one dict lookup (the common case); a fully
        # literal template always wins over templates with parameters.
        self._literal = {t.path: t for t in self._templates if t.literal_count == len(t.segments)}

    @property
    def operations(self) -> list[Operation]:
        return [op for tpl in self._templates for op in tpl.by_method.values()]

    def match(self, method: str, wire_path: str) -> Match:
        """The operation for ``method`` on ``wire_path``; ``ApiError`` 404 (no such path) or 405."""
        literal = self._literal.get(wire_path)
        if literal is not None:
            return self._pick(method, [(literal, {})])
        raw_segments = wire_path.strip("/").split("/") if wire_path.startswith("/") else None
        candidates: list[tuple[_Template, dict[str, str]]] = []
        if raw_segments is not None:
            for tpl in self._templates:
                params = self._bind(tpl, raw_segments)
                if params is not None:
                    candidates.append((tpl, params))
        if not candidates and raw_segments is not None:
            for tpl in self._templates:
                params = self._bind_multi(tpl, raw_segments)
                if params is not None:
                    candidates.append((tpl, params))
        if not candidates or wire_path != "/" + "/".join(raw_segments or []):
            raise not_found(f"no API at path {shorten(wire_path, 200)!r}")
        most_specific = candidates[0][0].literal_count  # templates are sorted most literal first
        return self._pick(method, [(tpl, params) for tpl, params in candidates if tpl.literal_count == most_specific])

    @staticmethod
    def _pick(method: str, candidates: list[tuple[_Template, dict[str, str]]]) -> Match:
        """The candidate that allows ``method``, or a 405 listing what the resource allows."""
        for tpl, params in candidates:
            op = tpl.by_method.get(method.upper())
            if op is not None:
                return Match(op, params)
        allowed = sorted({m for tpl, _ in candidates for m in tpl.by_method})
        raise ApiError(
            405,
            codes.METHOD_NOT_ALLOWED,
            f"method {shorten(method, 20)} is not allowed on this path; allowed: {', '.join(allowed)}",
            headers={"Allow": ", ".join(allowed)},
        )

    @staticmethod
    def _bind(tpl: _Template, raw_segments: list[str]) -> dict[str, str] | None:
        if len(raw_segments) != len(tpl.segments):
            return None
        params: dict[str, str] = {}
        for want, got in zip(tpl.segments, raw_segments, strict=True):
            if _is_param(want):
                params[want[1:-1]] = _decode_segment(got)
            elif _decode_segment(got) != want:
                return None
        return params

    @classmethod
    def _bind_multi(cls, tpl: _Template, raw_segments: list[str]) -> dict[str, str] | None:
        """Like :meth:`_bind`, letting one :data:`MULTI_SEGMENT_PARAMS` parameter take the surplus
        segments (each non-empty), joined with ``/``."""
        extra = len(raw_segments) - len(tpl.segments)
        if extra <= 0:
            return None
        at = next(
            (i for i, seg in enumerate(tpl.segments) if _is_param(seg) and seg[1:-1] in MULTI_SEGMENT_PARAMS), None
        )
        if at is None:
            return None
        spanned = raw_segments[at : at + extra + 1]
        if any(not seg for seg in spanned):
            return None
        folded = [*raw_segments[:at], "/".join(spanned), *raw_segments[at + extra + 1 :]]
        params = cls._bind(tpl, folded)
        if params is not None:
            params[tpl.segments[at][1:-1]] = "/".join(_decode_segment(seg) for seg in spanned)
        return params
