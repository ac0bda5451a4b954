"""schemathesis hooks module: the plain schemathesis CLI, signing and checking like the suite.

    CCR_AK=... CCR_SK=... SCHEMATHESIS_HOOKS=ccr_conformance.hooks \\
        schemathesis run spec/ccr.openapi.yaml --url http://127.0.0.1:8080

* every final request is signed with bce-auth-v1 through ``schemathesis.auth.set_from_requests``;
* ``with-security-parameters`` is turned off (negative cases stay signed) and the built-in checks the
  suite also turns off are disabled (``ignored_auth`` resends through our signer, which re-signs;
  ``use_after_free``/``ensure_resource_availability`` would see the guard's sentinel ids);
* the project's custom checks run on every response: AUTH-001 (a positive case answered 401/403
  fails), STRUCT-001..005, SECRET-001/002;
* the guard keeps writes under the prefix ``ccrconf-<runid>-`` and away from ids the run did not
  create; at exit, what the run created is deleted.
"""

from __future__ import annotations

import atexit
import os
import sys
from typing import Any

import schemathesis

from ccr_conformance import st_integration
from ccr_conformance.contract import Contract
from ccr_conformance.workspace import Workspace
from ccr_contract.auth_adapters import BceRequestsAuth

ACCESS_KEY = os.environ.get("CCR_AK", "")
SECRET_KEY = os.environ.get("CCR_SK", "")

if ACCESS_KEY and SECRET_KEY:
    schemathesis.auth.set_from_requests(BceRequestsAuth(ACCESS_KEY, SECRET_KEY))
else:
    print("ccr_conformance.hooks: CCR_AK and CCR_SK are not set; requests go out unsigned", file=sys.stderr)

st_integration.register()
_CONTRACT = Contract()
_WORKSPACE = Workspace(None, _CONTRACT)  # type: ignore[arg-type]  # connected at the first case


def _connect(base_url: str) -> Any:
    """The target of the run's first case: the guard reads it (which instance is under test)."""
    from ccr_conformance.target import Target

    return Target(base_url, ACCESS_KEY, SECRET_KEY, timeout=10.0)


_RUN = st_integration.ActiveRun(
    _CONTRACT, _WORKSPACE, SECRET_KEY, connect=_connect if ACCESS_KEY and SECRET_KEY else None
)
st_integration.activate(_RUN)


@schemathesis.hook
def after_load_schema(context: schemathesis.HookContext, schema: schemathesis.BaseSchema) -> None:
    """Keep negative cases signed and drop the check that cannot work with a request signer."""
    schema.config.generation.update(with_security_parameters=False)
    checks = schema.config.checks
    for name in st_integration.DISABLED_BUILTINS:
        if hasattr(checks, name):
            getattr(checks, name).enabled = False


def _cleanup() -> None:
    """Delete what the run created (needs the base URL the run talked to)."""
    if not (ACCESS_KEY and SECRET_KEY) or not _RUN.base_urls:
        return
    for base_url in sorted(_RUN.base_urls):
        target = _connect(base_url)
        _WORKSPACE.target = target
        try:
            problems = _WORKSPACE.cleanup()
        finally:
            target.close()
        for problem in problems:
            print(f"ccr_conformance.hooks: cleanup: {target.redactor.text(problem)}", file=sys.stderr)


atexit.register(_cleanup)
