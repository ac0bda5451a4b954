"""The proxy's own rules: what a *client's request* must satisfy, as catalogue entries.

The conformance catalogue (``conformance/checks.yaml``) judges servers; a proxy also sees what
clients send, and a client that breaks the contract is worth a finding too.  These rules are parsed
with the catalogue's own :func:`ccr_conformance.catalogue.parse` (same fields, same id pattern) and
appended to the catalogue only when the proxy writes its reports, so ``ccr-contract conformance``
never selects them.  What an *answer* must satisfy is judged under the catalogue's own ids
(SCHEMA-001, STRUCT-*, AUTH-*, SECRET-*), with the suite's own judges.
"""

from __future__ import annotations

from functools import lru_cache

from ccr_conformance import catalogue as catalogue_module

ROUTE = "PROXY-001"
PARAMETERS = "PROXY-002"
BODY = "PROXY-003"
HEADERS = "PROXY-004"
AUTH_FORM = "PROXY-005"
SIGNATURE = "PROXY-006"

_SOURCE = "spec/ccr.openapi.yaml, read by the reference server's own validation (ccr_contract.server.validation)"
_RULES = {
    "version": 1,
    "families": {"proxy": "What a client's request must satisfy (seen by ccr-contract proxy)"},
    "checks": [
        {
            "id": ROUTE,
            "family": "proxy",
            "title": "Requests name a documented operation",
            "rule": "The method and path of every request are an operation of the spec.",
            "source": "spec paths",
            "how": "Each request is routed with the reference server's route table.",
            "since": 1,
        },
        {
            "id": PARAMETERS,
            "family": "proxy",
            "title": "Path and query parameters are valid",
            "rule": "Required parameters are present, each declared parameter is given once and is valid "
            "against its schema (undeclared query parameters are ignored, as BCE services do).",
            "source": _SOURCE,
            "how": "The reference server's RequestValidator.parameters on every request.",
            "since": 1,
        },
        {
            "id": BODY,
            "family": "proxy",
            "title": "Request bodies are JSON valid against the operation's schema",
            "rule": "A body is at most 1 MiB, declared as JSON when it has a Content-Type, strict UTF-8 JSON, "
            "and valid against the operation's request body schema; a required body is present.",
            "source": _SOURCE,
            "how": "The reference server's check_content_type and RequestValidator.body on every request.",
            "since": 1,
        },
        {
            "id": HEADERS,
            "family": "proxy",
            "title": "Signed and framing headers are given once",
            "rule": "Host, Authorization, x-bce-date, the body digests, Content-Type and Content-Length appear "
            "at most once.",
            "source": "bce-auth-v1 (a signed header must mean one value); the reference server's SINGLE_HEADERS",
            "how": "Every request's header list.",
            "since": 1,
        },
        {
            "id": AUTH_FORM,
            "family": "proxy",
            "title": "Authorization is a well-formed bce-auth-v1 value",
            "rule": "Operations that require authentication carry `bce-auth-v1/{ak}/{timestamp}/{expiration}/"
            "{signedHeaders}/{signature}` signing at least the spec's required headers (host).",
            "source": "Seed 000 API authentication mechanism; spec x-bce-auth",
            "how": "ccr_contract.signing.parse_authorization on every request.",
            "since": 1,
        },
        {
            "id": SIGNATURE,
            "family": "proxy",
            "title": "Signatures verify with the proxy's key pair",
            "rule": "With the key pair given to the proxy, every signature is made by that access key, is within "
            "its time window and matches the request as received.",
            "source": "Seed 000 API authentication mechanism",
            "how": "ccr_contract.signing.verify_request with the spec's verify policy (only with --ak/--sk).",
            "since": 1,
        },
    ],
}

#: Ids of the request rules, in order.
REQUEST_RULES = tuple(entry["id"] for entry in _RULES["checks"])


@lru_cache(maxsize=1)
def proxy_rules() -> catalogue_module.Catalogue:
    """The proxy's rules as a catalogue of their own (validated by the catalogue's parser)."""
    return catalogue_module.parse(_RULES)


def with_proxy_rules(base: catalogue_module.Catalogue) -> catalogue_module.Catalogue:
    """``base`` with the proxy's rules appended (what the reports look titles up in)."""
    extra = proxy_rules()
    return catalogue_module.Catalogue(
        version=base.version, families={**base.families, **extra.families}, checks=base.checks + extra.checks
    )
