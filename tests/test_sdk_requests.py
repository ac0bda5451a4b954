"""Proof by Baidu's own client: every request baiducloud-python-sdk-ccr sends validates against the spec.

All 84 methods of the SDK's ``CcrClient`` are driven against a loopback capture server with request
models whose every field is filled (optional ones and nested models too) with values that follow
Baidu's documented rules. Each captured request must (1) pass openapi-core's request validation
against the bundled spec (``ccr_contract.paths.SPEC_PATH``, overridable with ``CCR_CONTRACT_SPEC``),
(2) send no query key and no body key, at any depth, that the matched operation does not declare,
and (3) land on an operation whose ``x-bce-api-actions`` lists the SDK method's action name.
A new SDK version with more or fewer methods fails ``test_sdk_method_count`` so it gets looked at.
"""

from __future__ import annotations

import contextlib
import inspect
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import baiducloud_python_sdk_ccr.models as m
import pytest
from baiducloud_python_sdk_ccr.api.ccr_client import CcrClient
from baiducloud_python_sdk_core.abstract_model import AbstractModel
from sdk_capture import (
    CannedResponse,
    CapturedRequest,
    CaptureServer,
    SpecChecker,
    SpecRequest,
    checker_for,
    make_ccr_client,
    snake_to_pascal,
)

from ccr_contract.paths import SPEC_PATH

#: The SDK version these cases were written for has exactly this many client methods.
EXPECTED_METHOD_COUNT = 84
#: Baidu's operation inventory (research notes, outside the repo): its ``sdk_names.PY`` must agree.
REFERENCE_OPERATIONS = Path(
    os.environ.get("CCR_REFERENCE_OPERATIONS", "/work/shared/reference/ccr-enterprise-operations.json")
)

# One consistent world, the same the spec's examples use.
INSTANCE = "ccr-4a5b6c7d"
OTHER_INSTANCE = "ccr-9z8y7x6w"
PROJECT = "library"
REPOSITORY = "ubuntu"  # no '/': PY sends repository names raw (ERRATA E39)
TAG = "latest"
CHART = "nginx"
CHART_VERSION = "1.0.0"
POLICY_ID = "1"
EXECUTION_ID = "12"
TASK_ID = "34"
JOB_ID = "56"
ROBOT_ID = "7"
VPC_ID = "vpc-i80sab2ipmd8"
SUBNET_ID = "sbn-ejqy0asa8bhw"
WEBHOOK = "https://hooks.example.com/ccr"
WEBHOOK_HEADERS = {"Authorization": "Bearer 0123456789abcdef"}


def _robot_permissions() -> list[Any]:
    """Pull and push on the `library` namespace (kind and resource are fixed values)."""
    access = [
        m.RobotPermissionAccess(resource="repository", action="pull"),
        m.RobotPermissionAccess(resource="repository", action="push"),
    ]
    return [m.RobotPermission(kind="project", namespace=PROJECT, access=access)]


def _trigger_filters() -> list[Any]:
    return [
        m.TriggerFilter(type="project_name", value=PROJECT),
        m.TriggerFilter(type="repository_name", value=REPOSITORY),
        m.TriggerFilter(type="tag", value=TAG),
    ]


def _trigger_targets() -> list[Any]:
    return [m.TriggerTarget(address=WEBHOOK, headers=dict(WEBHOOK_HEADERS))]


def _accelerator_filters() -> list[Any]:
    return [m.AcceleratorFilter(type="project_name", value=PROJECT)]


def _migration_fields() -> dict[str, Any]:
    return {
        "name": "from-office-harbor",
        "description": "Copy ubuntu images from the office Harbor",
        "dest_project_name": PROJECT,
        "filters": [
            m.ReplicationFilterRequest(type="name", value=f"{PROJECT}/{REPOSITORY}"),
            m.ReplicationFilterRequest(type="tag", value=TAG),
        ],
        "override": True,
        "src_registry": m.ReplicationRegistryRequest(id=1),
        "trigger": m.ReplicationTriggerRequest(type="manual"),
    }


def _sync_fields() -> dict[str, Any]:
    return {
        "name": "sync-to-guangzhou",
        "description": "Mirror library/ubuntu to the second instance",
        "dest_instance_id": OTHER_INSTANCE,
        "dest_project_name": PROJECT,
        "src_project_name": PROJECT,
        "src_repository": REPOSITORY,
        "src_tag": TAG,
        "sync_type": "image",
        "override": False,
        "trigger": m.ReplicationSyncTriggerRequest(type="event_based"),
    }


def _paging() -> dict[str, int]:
    return {"page_no": 1, "page_size": 10}


#: SDK method -> a factory for its request model, every field filled.
CASES: dict[str, Callable[[], AbstractModel]] = {
    "add_public_network_whitelist": lambda: m.AddPublicNetworkWhitelistRequest(
        instance_id=INSTANCE, ip_addr="10.0.0.0/24", description="office egress"
    ),
    "add_vpc_link": lambda: m.AddVpcLinkRequest(
        instance_id=INSTANCE,
        vpc_id=VPC_ID,
        subnet_id=SUBNET_ID,
        ip_type="manual",
        auto_dns_resolve=True,
        ip_address="192.168.0.10",
    ),
    "create_accelerator_filter": lambda: m.CreateAcceleratorFilterRequest(
        instance_id=INSTANCE,
        name="library-on-demand",
        description="Lazy-load library images",
        filters=_accelerator_filters(),
    ),
    "create_image_migration_rule": lambda: m.CreateImageMigrationRuleRequest(
        instance_id=INSTANCE, **_migration_fields()
    ),
    "create_instance_sync": lambda: m.CreateInstanceSyncRequest(instance_id=INSTANCE, **_sync_fields()),
    "create_project": lambda: m.CreateProjectRequest(instance_id=INSTANCE, project_name=PROJECT, public="false"),
    "create_robot_account": lambda: m.CreateRobotAccountRequest(
        instance_id=INSTANCE,
        name="ci-pusher",
        secret="Robot2024!pass",
        disable=False,
        duration=30,
        description="Pushes images from CI",
        permissions=_robot_permissions(),
    ),
    "create_temporary_password": lambda: m.CreateTemporaryPasswordRequest(instance_id=INSTANCE, duration=12),
    "create_trigger": lambda: m.CreateTriggerRequest(
        instance_id=INSTANCE,
        name="notify-ci",
        description="Tell CI about new ubuntu images",
        event_types=["PUSH_ARTIFACT", "DELETE_ARTIFACT"],
        filters=_trigger_filters(),
        targets=_trigger_targets(),
    ),
    "delete_accelerator_filter": lambda: m.DeleteAcceleratorFilterRequest(instance_id=INSTANCE, policy_id=POLICY_ID),
    "delete_accelerator_filters": lambda: m.DeleteAcceleratorFiltersRequest(instance_id=INSTANCE, items=[1, 2]),
    "delete_chart": lambda: m.DeleteChartRequest(instance_id=INSTANCE, project_name=PROJECT, chart_name=CHART),
    "delete_chart_version": lambda: m.DeleteChartVersionRequest(
        instance_id=INSTANCE, project_name=PROJECT, chart_name=CHART, chart_version=CHART_VERSION
    ),
    "delete_chart_versions": lambda: m.DeleteChartVersionsRequest(
        instance_id=INSTANCE, project_name=PROJECT, chart_name=CHART, items=["1.0.0", "1.1.0"]
    ),
    "delete_charts": lambda: m.DeleteChartsRequest(instance_id=INSTANCE, project_name=PROJECT, items=[CHART]),
    "delete_image_migration_rule": lambda: m.DeleteImageMigrationRuleRequest(instance_id=INSTANCE, policy_id=POLICY_ID),
    "delete_instance_sync": lambda: m.DeleteInstanceSyncRequest(instance_id=INSTANCE, policy_id=POLICY_ID),
    "delete_project": lambda: m.DeleteProjectRequest(instance_id=INSTANCE, project_name=PROJECT),
    "delete_projects": lambda: m.DeleteProjectsRequest(instance_id=INSTANCE, items=[PROJECT, "staging"]),
    "delete_public_network_whitelist": lambda: m.DeletePublicNetworkWhitelistRequest(
        instance_id=INSTANCE, items=["10.0.0.0/24", "203.0.113.7"]
    ),
    "delete_repositories": lambda: m.DeleteRepositoriesRequest(
        instance_id=INSTANCE, project_name=PROJECT, items=[REPOSITORY, "nginx"]
    ),
    "delete_repository": lambda: m.DeleteRepositoryRequest(
        instance_id=INSTANCE, project_name=PROJECT, repository_name=REPOSITORY
    ),
    "delete_robot_account": lambda: m.DeleteRobotAccountRequest(instance_id=INSTANCE, robot_id=ROBOT_ID),
    "delete_tag": lambda: m.DeleteTagRequest(
        instance_id=INSTANCE, project_name=PROJECT, repository_name=REPOSITORY, tag_name=TAG
    ),
    "delete_tags": lambda: m.DeleteTagsRequest(
        instance_id=INSTANCE, project_name=PROJECT, repository_name=REPOSITORY, items=[TAG, "1.0"]
    ),
    "delete_trigger": lambda: m.DeleteTriggerRequest(instance_id=INSTANCE, policy_id=POLICY_ID),
    "delete_triggers": lambda: m.DeleteTriggersRequest(instance_id=INSTANCE, items=[1, 2]),
    "delete_vpc_link": lambda: m.DeleteVpcLinkRequest(instance_id=INSTANCE, vpc_id=VPC_ID, subnet_id=SUBNET_ID),
    "download_chart": lambda: m.DownloadChartRequest(
        instance_id=INSTANCE, project_name=PROJECT, filename=f"{CHART}-{CHART_VERSION}.tgz"
    ),
    "execute_image_migration": lambda: m.ExecuteImageMigrationRequest(instance_id=INSTANCE, policy_id=1),
    "execute_instance_sync": lambda: m.ExecuteInstanceSyncRequest(instance_id=INSTANCE, policy_id=1),
    "get_accelerator_filter_detail": lambda: m.GetAcceleratorFilterDetailRequest(
        instance_id=INSTANCE, policy_id=POLICY_ID
    ),
    "get_image_migration_execution_record_detail": lambda: m.GetImageMigrationExecutionRecordDetailRequest(
        instance_id=INSTANCE, execution_id=EXECUTION_ID
    ),
    "get_image_migration_rule_detail": lambda: m.GetImageMigrationRuleDetailRequest(
        instance_id=INSTANCE, policy_id=POLICY_ID
    ),
    "get_image_migration_task_logs": lambda: m.GetImageMigrationTaskLogsRequest(
        instance_id=INSTANCE, execution_id=EXECUTION_ID, task_id=TASK_ID
    ),
    "get_instance_detail": lambda: m.GetInstanceDetailRequest(instance_id=INSTANCE),
    "get_instance_sync_detail": lambda: m.GetInstanceSyncDetailRequest(instance_id=INSTANCE, policy_id=POLICY_ID),
    "get_instance_sync_execution_detail": lambda: m.GetInstanceSyncExecutionDetailRequest(
        instance_id=INSTANCE, execution_id=EXECUTION_ID
    ),
    "get_instance_sync_task_logs": lambda: m.GetInstanceSyncTaskLogsRequest(
        instance_id=INSTANCE, execution_id=EXECUTION_ID, task_id=TASK_ID
    ),
    "get_project_detail": lambda: m.GetProjectDetailRequest(instance_id=INSTANCE, project_name=PROJECT),
    "get_public_network_config": lambda: m.GetPublicNetworkConfigRequest(instance_id=INSTANCE),
    "get_repository": lambda: m.GetRepositoryRequest(
        instance_id=INSTANCE, project_name=PROJECT, repository_name=REPOSITORY
    ),
    "get_tag_build_history": lambda: m.GetTagBuildHistoryRequest(
        instance_id=INSTANCE, project_name=PROJECT, repository_name=REPOSITORY, tag_name=TAG
    ),
    "get_tag_detail": lambda: m.GetTagDetailRequest(
        instance_id=INSTANCE, project_name=PROJECT, repository_name=REPOSITORY, tag_name=TAG
    ),
    "get_tags_scan_overview": lambda: m.GetTagsScanOverviewRequest(
        instance_id=INSTANCE, project_name=PROJECT, repository_name=REPOSITORY, tag_name=TAG, **_paging()
    ),
    "get_trigger_detail": lambda: m.GetTriggerDetailRequest(instance_id=INSTANCE, policy_id=POLICY_ID),
    "get_user_detail": lambda: m.GetUserDetailRequest(user_id="e1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"),
    "list_accelerator_filters": lambda: m.ListAcceleratorFiltersRequest(
        instance_id=INSTANCE, policy_name="library", **_paging()
    ),
    "list_chart_versions": lambda: m.ListChartVersionsRequest(
        instance_id=INSTANCE, project_name=PROJECT, chart_name=CHART, chart_version="1.0", **_paging()
    ),
    "list_charts": lambda: m.ListChartsRequest(
        instance_id=INSTANCE, project_name=PROJECT, chart_name=CHART, **_paging()
    ),
    "list_image_migration_records": lambda: m.ListImageMigrationRecordsRequest(
        instance_id=INSTANCE, policy_id=POLICY_ID, **_paging()
    ),
    "list_image_migration_rules": lambda: m.ListImageMigrationRulesRequest(
        instance_id=INSTANCE, policy_name="office", **_paging()
    ),
    "list_image_migration_task_records": lambda: m.ListImageMigrationTaskRecordsRequest(
        instance_id=INSTANCE, execution_id=EXECUTION_ID, **_paging()
    ),
    "list_instance_sync_records": lambda: m.ListInstanceSyncRecordsRequest(
        instance_id=INSTANCE, policy_id=POLICY_ID, **_paging()
    ),
    "list_instance_sync_task_records": lambda: m.ListInstanceSyncTaskRecordsRequest(
        instance_id=INSTANCE, execution_id=EXECUTION_ID, **_paging()
    ),
    "list_instance_syncs": lambda: m.ListInstanceSyncsRequest(instance_id=INSTANCE, policy_name="sync", **_paging()),
    "list_instances": lambda: m.ListInstancesRequest(
        keyword_type="name", keyword="prod", acrossregion="false", **_paging()
    ),
    "list_projects": lambda: m.ListProjectsRequest(instance_id=INSTANCE, project_name="lib", **_paging()),
    "list_repositories": lambda: m.ListRepositoriesRequest(
        instance_id=INSTANCE, project_name=PROJECT, repository_name="ubu", **_paging()
    ),
    "list_robot_accounts": lambda: m.ListRobotAccountsRequest(instance_id=INSTANCE, status="enabled", **_paging()),
    "list_tags": lambda: m.ListTagsRequest(
        instance_id=INSTANCE, project_name=PROJECT, repository_name=REPOSITORY, tag_name="lat", **_paging()
    ),
    "list_trigger_tasks": lambda: m.ListTriggerTasksRequest(instance_id=INSTANCE, policy_id=POLICY_ID, **_paging()),
    "list_triggers": lambda: m.ListTriggersRequest(instance_id=INSTANCE, policy_name="notify", **_paging()),
    "list_vpc_links": lambda: m.ListVpcLinksRequest(instance_id=INSTANCE),
    "re_execute_trigger_task": lambda: m.ReExecuteTriggerTaskRequest(
        instance_id=INSTANCE, policy_id=POLICY_ID, job_id=JOB_ID
    ),
    "refresh_robot_account_key": lambda: m.RefreshRobotAccountKeyRequest(
        instance_id=INSTANCE, robot_id=ROBOT_ID, secret="Robot2025!pass"
    ),
    "reset_password": lambda: m.ResetPasswordRequest(instance_id=INSTANCE, password="Ccr@2024pass"),
    "stop_image_migration": lambda: m.StopImageMigrationRequest(instance_id=INSTANCE, execution_id=EXECUTION_ID),
    "stop_instance_sync": lambda: m.StopInstanceSyncRequest(instance_id=INSTANCE, execution_id=EXECUTION_ID),
    "test_accelerator_filter": lambda: m.TestAcceleratorFilterRequest(
        filters=_accelerator_filters(), repository=f"{INSTANCE}-pub.cnc.bj.baidubce.com/{PROJECT}/{REPOSITORY}"
    ),
    "test_trigger_target_address": lambda: m.TestTriggerTargetAddressRequest(
        instance_id=INSTANCE, address=WEBHOOK, headers=dict(WEBHOOK_HEADERS)
    ),
    "toggle_accelerator_filter": lambda: m.ToggleAcceleratorFilterRequest(
        instance_id=INSTANCE, policy_id=POLICY_ID, enabled="true"
    ),
    "toggle_trigger": lambda: m.ToggleTriggerRequest(instance_id=INSTANCE, policy_id=POLICY_ID, enabled="false"),
    "trigger_tag_scan": lambda: m.TriggerTagScanRequest(
        instance_id=INSTANCE, project_name=PROJECT, repository_name=REPOSITORY, tag_name=TAG
    ),
    "update_accelerator_filter": lambda: m.UpdateAcceleratorFilterRequest(
        instance_id=INSTANCE,
        policy_id=POLICY_ID,
        name="library-on-demand",
        description="Lazy-load library images",
        filters=_accelerator_filters(),
    ),
    "update_image_migration_rule": lambda: m.UpdateImageMigrationRuleRequest(
        instance_id=INSTANCE, policy_id=POLICY_ID, **_migration_fields()
    ),
    "update_instance_name": lambda: m.UpdateInstanceNameRequest(instance_id=INSTANCE, name="prod-registry"),
    "update_instance_sync": lambda: m.UpdateInstanceSyncRequest(
        instance_id=INSTANCE, policy_id=POLICY_ID, **_sync_fields()
    ),
    "update_instance_tags": lambda: m.UpdateInstanceTagsRequest(
        instance_id=INSTANCE, tags=[m.LogicalTag(tag_key="env", tag_value="prod")]
    ),
    "update_project": lambda: m.UpdateProjectRequest(
        instance_id=INSTANCE, project_name=PROJECT, auto_scan="true", public="false"
    ),
    "update_public_network": lambda: m.UpdatePublicNetworkRequest(instance_id=INSTANCE, action="open"),
    "update_repository": lambda: m.UpdateRepositoryRequest(
        instance_id=INSTANCE, project_name=PROJECT, repository_name=REPOSITORY, description="Ubuntu base images"
    ),
    "update_robot_account": lambda: m.UpdateRobotAccountRequest(
        instance_id=INSTANCE,
        robot_id=ROBOT_ID,
        disable=True,
        duration=-1,
        description="Pushes images from CI (paused)",
        permissions=_robot_permissions(),
    ),
    "update_trigger": lambda: m.UpdateTriggerRequest(
        instance_id=INSTANCE,
        policy_id=POLICY_ID,
        name="notify-ci",
        description="Tell CI about new ubuntu images",
        event_types=["PUSH_ARTIFACT", "PULL_ARTIFACT"],
        filters=_trigger_filters(),
        targets=_trigger_targets(),
    ),
}

#: What the capture server answers the methods whose real answer is not JSON (the SDK then raises
#: while parsing, after the request went out; the request is what is checked).
NON_JSON_ANSWERS: dict[str, CannedResponse] = {
    "download_chart": CannedResponse(body=b"\x1f\x8b\x08\x00chart-bytes", content_type="application/octet-stream"),
    "get_image_migration_task_logs": CannedResponse(body=b"2024-03-01T08:00:00Z copying\n", content_type="text/plain"),
    "get_instance_sync_task_logs": CannedResponse(body=b"2024-03-01T08:00:00Z copying\n", content_type="text/plain"),
}


def sdk_methods() -> list[str]:
    """The public request methods ``CcrClient`` itself defines (inherited plumbing excluded)."""
    return sorted(name for name, value in vars(CcrClient).items() if inspect.isfunction(value) and name[0] != "_")


def unfilled_fields(model: Any, where: str = "") -> Iterator[str]:
    """Constructor arguments left ``None`` in a request model, recursively into nested models."""
    if isinstance(model, list):
        for index, item in enumerate(model):
            yield from unfilled_fields(item, f"{where}[{index}]")
        if not model:
            yield f"{where} (empty list)"
        return
    if not isinstance(model, AbstractModel):
        return
    for name in list(inspect.signature(type(model).__init__).parameters)[1:]:
        value = getattr(model, name, None)
        path = f"{where}.{name}" if where else name
        if value is None:
            yield path
        else:
            yield from unfilled_fields(value, path)


def send(server: CaptureServer, client: Any, method: str, request: AbstractModel) -> CapturedRequest:
    """Call one SDK method against the capture server; return the request it sent."""
    server.clear()
    server.set_response(NON_JSON_ANSWERS.get(method, CannedResponse()))
    if method in NON_JSON_ANSWERS:
        # The SDK parses every non-empty answer as JSON, so it raises here, after sending: the
        # request is what is checked, whatever the SDK makes of the answer.
        with contextlib.suppress(Exception):
            getattr(client, method)(request)
    else:
        getattr(client, method)(request)
    return server.pop_only()


@pytest.fixture(scope="module")
def server() -> Iterator[CaptureServer]:
    """One loopback capture server for the module."""
    with CaptureServer() as capture:
        yield capture


@pytest.fixture(scope="module")
def client(server: CaptureServer) -> Any:
    """Baidu's Python client, aimed at the capture server."""
    return make_ccr_client(server.endpoint)


@pytest.fixture(scope="module")
def checker() -> SpecChecker:
    """The spec under test (``CCR_CONTRACT_SPEC`` or spec/ccr.openapi.yaml)."""
    return checker_for(SPEC_PATH)


def test_sdk_method_count() -> None:
    """The SDK still has 84 methods and this file has a case for each (a new SDK version is noticed)."""
    methods = sdk_methods()
    assert len(methods) == EXPECTED_METHOD_COUNT, f"CcrClient now has {len(methods)} methods: {methods}"
    assert sorted(CASES) == methods, {
        "methods without a case": sorted(set(methods) - set(CASES)),
        "cases without a method": sorted(set(CASES) - set(methods)),
    }


def test_action_names_match_reference() -> None:
    """snake_case method -> PascalCase action agrees with the inventory's ``sdk_names.PY`` mapping."""
    if not REFERENCE_OPERATIONS.is_file():
        pytest.skip(f"reference inventory not on this machine: {REFERENCE_OPERATIONS}")
    operations = json.loads(REFERENCE_OPERATIONS.read_text(encoding="utf-8"))
    by_py = {op["sdk_names"]["PY"]: op["action"] for op in operations if op["sdk_names"].get("PY")}
    assert sorted(by_py) == sorted(CASES)
    assert {method: snake_to_pascal(method) for method in CASES} == by_py


@pytest.mark.parametrize("method", sorted(CASES))
def test_sdk_request_matches_spec(method: str, server: CaptureServer, client: Any, checker: SpecChecker) -> None:
    """What the SDK sends for ``method`` (all fields filled) is a valid request for its action."""
    request = CASES[method]()
    assert list(unfilled_fields(request)) == [], "fill every field, optional ones too"
    captured = send(server, client, method, request)
    verdict = checker.check(SpecRequest.from_capture(captured), expected_action=snake_to_pascal(method))
    assert verdict.ok, verdict.report() + f"\n  sent query: {captured.raw_query!r}\n  sent body: {captured.body!r}"


# --- the check can fail ----------------------------------------------------------------------


def _captured(server: CaptureServer, client: Any, method: str) -> CapturedRequest:
    return send(server, client, method, CASES[method]())


def _with_body(captured: CapturedRequest, body: Any) -> SpecRequest:
    return SpecRequest.build(
        captured.method, captured.raw_path, captured.query, captured.headers, json.dumps(body).encode()
    )


def test_rejects_undeclared_body_key(server: CaptureServer, client: Any, checker: SpecChecker) -> None:
    """A key the operation does not declare, at the top or nested in an array, is an error."""
    captured = _captured(server, client, "create_robot_account")
    assert checker.check(SpecRequest.from_capture(captured), "CreateRobotAccount").ok

    top = {**captured.json_body(), "bogusField": "x"}
    verdict = checker.check(_with_body(captured, top), "CreateRobotAccount")
    assert not verdict.ok
    assert any("bogusField" in e for e in verdict.errors), verdict.report()

    nested = captured.json_body()
    nested["permissions"][0]["access"][0]["bogusNested"] = 1
    verdict = checker.check(_with_body(captured, nested), "CreateRobotAccount")
    assert any("body.permissions[0].access[0].bogusNested" in e for e in verdict.errors), verdict.report()


def test_rejects_wrong_type(server: CaptureServer, client: Any, checker: SpecChecker) -> None:
    """A string where the spec wants an integer (duration) is rejected by openapi-core."""
    captured = _captured(server, client, "create_temporary_password")
    assert checker.check(SpecRequest.from_capture(captured), "CreateTemporaryPassword").ok
    verdict = checker.check(_with_body(captured, {"duration": "12"}), "CreateTemporaryPassword")
    assert not verdict.ok
    assert any("duration" in e and "integer" in e for e in verdict.errors), verdict.report()


def test_rejects_undeclared_query_key(server: CaptureServer, client: Any, checker: SpecChecker) -> None:
    """openapi-core ignores unknown query parameters; the extra check does not."""
    captured = _captured(server, client, "list_projects")
    request = SpecRequest.build(
        captured.method, captured.raw_path, [*captured.query, ("projectname", "lib")], captured.headers
    )
    verdict = checker.check(request, "ListProjects")
    assert verdict.errors == ["query.projectname: query parameter not declared by the spec"], verdict.report()


def test_rejects_wrong_action(server: CaptureServer, client: Any, checker: SpecChecker) -> None:
    """A request landing on an operation that does not list the expected action is an error."""
    captured = _captured(server, client, "get_instance_detail")
    verdict = checker.check(SpecRequest.from_capture(captured), expected_action="ListInstances")
    assert len(verdict.errors) == 1
    assert "expected it to list ListInstances" in verdict.errors[0]


def test_key_check_reaches_where_openapi_core_does_not() -> None:
    """Nested objects without ``additionalProperties: false`` still get their keys checked; maps pass."""
    document = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "servers": [{"url": "https://ccr.bj.baidubce.com"}],
        "paths": {
            "/things": {
                "post": {
                    "operationId": "PostThing",
                    "x-bce-api-actions": ["PostThing"],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                    },
                    "responses": {"200": {"description": "ok"}},
                }
            }
        },
        "components": {
            "schemas": {
                "Thing": {
                    "type": "object",
                    "properties": {
                        "parts": {"type": "array", "items": {"$ref": "#/components/schemas/Part"}},
                        "headers": {"type": "object", "additionalProperties": {"type": "string"}},
                    },
                },
                "Part": {"type": "object", "properties": {"name": {"type": "string"}}},
            }
        },
    }
    checker = SpecChecker(document)
    body = {"parts": [{"name": "a"}, {"name": "b", "colour": "red"}], "headers": {"Authorization": "x"}}
    request = SpecRequest.build("POST", "/things", body=json.dumps(body).encode())
    verdict = checker.check(request, "PostThing")
    assert verdict.errors == ["body.parts[1].colour: key not declared by the spec"], verdict.report()
