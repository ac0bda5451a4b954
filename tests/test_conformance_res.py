"""The Enterprise collections under the PAGE, STATE and RES checks (issue 11).

The reference server passes them over every Enterprise list and creatable collection; a server that
breaks a rule only in the Enterprise Edition is caught on the Enterprise operations.
"""

from __future__ import annotations

from broken_servers import Broken, Req, Resp, _query, _set_query, _shortcut
from ccr_conformance.contract import Contract
from ccr_conformance.results import Status
from test_conformance_broken import run_wrapped

ENTERPRISE = "/v1/instances"


def _enterprise(req: Req) -> bool:
    return req.path == ENTERPRISE or req.path.startswith(ENTERPRISE + "/")


def reference(app, creds):  # type: ignore[no-untyped-def]
    return app


def enterprise_page_size_ignored(app, creds):  # type: ignore[no-untyped-def]
    """Enterprise lists ignore a pageSize below 10; Personal lists are fine."""

    def on_request(req: Req) -> Resp | None:
        size = _query(req).get("pageSize", "")
        if req.method == "GET" and _enterprise(req) and size.isdigit() and int(size) < 10:
            _set_query(req, pageSize=None)
        return None

    return Broken(app, creds, on_request=on_request)


def enterprise_updates_ignored(app, creds):  # type: ignore[no-untyped-def]
    """Enterprise updates (not toggles) answer 200 and change nothing."""
    shortcut = _shortcut("update")

    def on_request(req: Req) -> Resp | None:
        special = req.path.endswith(("/enable", "/secret")) or "/executions/" in req.path
        if req.method == "PUT" and _enterprise(req) and not special:
            return shortcut(req)
        return None

    return Broken(app, creds, on_request=on_request)


def enterprise_stop_ignored(app, creds):  # type: ignore[no-untyped-def]
    """StopImageMigration answers 200 and stops nothing."""
    shortcut = _shortcut("stop")

    def on_request(req: Req) -> Resp | None:
        stop = req.method == "PUT" and _enterprise(req) and "/executions/" in req.path
        return shortcut(req) if stop else None

    return Broken(app, creds, on_request=on_request)


def test_every_enterprise_list_and_collection_is_covered() -> None:
    contract = Contract()
    run = run_wrapped(reference, "pagination,stateful,resources", engine=False)
    assert run.ok, [(r.check_id, r.findings[:1]) for r in run.results.all() if r.status is not Status.PASSED]
    lists = {op.operation_id for op in contract.operations if contract.is_list(op)}
    for check_id in ("PAGE-001", "PAGE-002", "PAGE-003"):
        assert lists <= set(run.results[check_id].operations), check_id
    creates = {
        res.operation("create").operation_id
        for res in contract.enterprise_resources
        if res.operation("create") is not None and res.operation("list") is not None and res.key is not None
    }
    # The run's own collections (instance-level whitelist aside, which has no list).
    assert creates <= set(run.results["STATE-001"].operations)
    assert {"ExecuteImageMigration"} <= set(run.results["STATE-004"].operations)
    assert {"StopImageMigration"} <= set(run.results["STATE-005"].operations)
    assert not run.cleanup_problems


def _failed_on(run, check_id: str) -> set[str]:  # type: ignore[no-untyped-def]
    result = run.results[check_id]
    assert result.status is Status.FAILED, (check_id, result.note)
    return {f.operation for f in result.findings}


def test_enterprise_paging_is_checked() -> None:
    run = run_wrapped(enterprise_page_size_ignored, "PAGE-001", engine=False)
    failed = _failed_on(run, "PAGE-001")
    assert "ListProjects" in failed and "ListTriggers" in failed
    assert not {"listRegistries", "listPolicies", "listExecutions"} & failed


def test_enterprise_updates_are_checked() -> None:
    run = run_wrapped(enterprise_updates_ignored, "STATE-002", engine=False)
    failed = _failed_on(run, "STATE-002")
    assert {"UpdateTrigger", "UpdateAcceleratorFilter"} <= failed
    assert not {"updateRegistry", "updatePolicy"} & failed


def test_enterprise_execution_lifecycle_is_checked() -> None:
    run = run_wrapped(enterprise_stop_ignored, "STATE-005", engine=False)
    assert _failed_on(run, "STATE-005") == {"StopImageMigration"}
