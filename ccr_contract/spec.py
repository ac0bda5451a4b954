"""Loading the OpenAPI document and reading the facts tools need from it.

The server's validation, the suite's operation discovery and the signer's policy all come from
here, so adding an operation to ``spec/ccr.openapi.yaml`` is enough for them to see it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ccr_contract import paths
from ccr_contract.signing import AuthError, VerifyPolicy

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


class SpecError(Exception):
    """The spec file is missing or is not a readable OpenAPI document."""


def load_spec(path: Path | str | None = None) -> dict[str, Any]:
    """Read the spec as plain data (a fresh deep copy, safe to mutate).

    Without ``path``: the spec the process was pointed at (``--spec``, ``$CCR_CONTRACT_SPEC``, else
    the published one), asked at call time so the CLI's ``--spec`` reaches every tool.
    """
    return copy.deepcopy(_load_cached(str(Path(path or paths.spec_path()).resolve())))


@lru_cache(maxsize=8)
def _load_cached(path: str) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except FileNotFoundError:
        raise SpecError(f"spec file not found: {path}") from None
    except yaml.YAMLError as exc:
        raise SpecError(f"spec file {path} is not valid YAML: {exc}".replace("\n", " ")) from None
    if not isinstance(data, dict) or "paths" not in data:
        raise SpecError(f"{path} is not an OpenAPI document (no 'paths')")
    return data


def resolve_ref(spec: dict[str, Any], node: Any) -> Any:
    """Follow a local ``$ref`` (repeatedly) and return the target node."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            raise SpecError(f"only local references are supported: {ref}")
        target: Any = spec
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
        seen += 1
        if seen > 50:
            raise SpecError(f"reference cycle at {ref}")
    return node


@dataclass(frozen=True)
class Operation:
    """One operation of the spec, as the tools see it."""

    operation_id: str
    method: str  # upper case
    path: str
    definition: dict[str, Any]

    @property
    def parameters(self) -> list[dict[str, Any]]:
        return self.definition.get("parameters", [])

    @property
    def responses(self) -> dict[str, Any]:
        return self.definition.get("responses", {})


def operations(spec: dict[str, Any] | None = None) -> Iterator[Operation]:
    """Every operation, in document order."""
    spec = spec or load_spec()
    for path, item in spec.get("paths", {}).items():
        shared = item.get("parameters", [])
        for method in HTTP_METHODS:
            if method in item:
                op = dict(item[method])
                op["parameters"] = [resolve_ref(spec, p) for p in shared + op.get("parameters", [])]
                yield Operation(op.get("operationId", f"{method} {path}"), method.upper(), path, op)


def auth_extension(spec: dict[str, Any] | None = None) -> dict[str, Any]:
    """The ``x-bce-auth`` extension of the spec's (single) security scheme."""
    spec = spec or load_spec()
    for scheme in spec.get("components", {}).get("securitySchemes", {}).values():
        if "x-bce-auth" in scheme:
            return scheme["x-bce-auth"]
    raise SpecError("no security scheme carries x-bce-auth")


@dataclass(frozen=True)
class AuthRules:
    """Signing rules read from ``x-bce-auth``: what to sign, how long, and which error to answer."""

    signed_headers: tuple[str, ...]
    default_expiration: int
    clock_skew: int
    required_signed_headers: frozenset[str]
    errors: dict[str, dict[str, Any]]
    #: Longest ``expirationPeriodInSeconds`` a verifier accepts (``maxExpirationSeconds``); ``None``
    #: for a spec written before the key existed, which stated no ceiling.
    max_expiration: int | None
    #: Headers the signature must cover whenever they are sent (``signedWhenPresent``).
    signed_when_present: frozenset[str] = frozenset()

    @classmethod
    def from_spec(cls, spec: dict[str, Any] | None = None) -> AuthRules:
        ext = auth_extension(spec)
        return cls(
            signed_headers=tuple(ext["signedHeaders"]),
            default_expiration=int(ext["defaultExpirationSeconds"]),
            clock_skew=int(ext["clockSkewSeconds"]),
            required_signed_headers=frozenset(ext.get("requiredSignedHeaders", ["host"])),
            errors=dict(ext["errors"]),
            max_expiration=int(ext["maxExpirationSeconds"]) if "maxExpirationSeconds" in ext else None,
            signed_when_present=frozenset(ext.get("signedWhenPresent", [])),
        )

    def verify_policy(self) -> VerifyPolicy:
        return VerifyPolicy(
            clock_skew=self.clock_skew,
            required_signed_headers=self.required_signed_headers,
            max_expiration=self.max_expiration,
            signed_when_present=self.signed_when_present,
        )

    def error_for(self, error: AuthError) -> tuple[int, str]:
        """HTTP status and BCE code to answer for an authentication failure."""
        entry = self.errors[error.kind]
        return int(entry["status"]), str(entry["code"])


def write_only_fields(spec: dict[str, Any] | None = None) -> frozenset[str]:
    """Names of the properties the spec marks ``writeOnly`` (secrets a server stores but never returns).

    The server keeps them out of error messages and the conformance suite never expects them back;
    both ask the spec which fields they are instead of naming ``accessSecret``.
    """
    spec = spec or load_spec()
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for name, prop in (node.get("properties") or {}).items():
                if isinstance(prop, dict) and prop.get("writeOnly") is True:
                    found.add(name)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec.get("components", {}))
    return frozenset(found)
