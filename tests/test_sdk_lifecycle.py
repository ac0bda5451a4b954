"""Baidu's own Python client works against the reference server, unmodified.

``baiducloud-python-sdk-ccr`` is driven against ``ccr-contract mock``'s app on real HTTP (uvicorn
in a thread, the demo data, a key pair of the test's own) through a full lifecycle of every one of
its 84 ``CcrClient`` methods: create -> get -> list -> update -> get -> delete -> 404 for each
collection, executions started and stopped, batch deletes, toggles, a robot's secret at create and
refresh only, scans, trigger jobs, chart download and task logs.

Three methods cannot return what the server answers (ERRATA E43): ``download_chart`` (a ``.tgz``),
``get_image_migration_task_logs`` and ``get_instance_sync_task_logs`` (plain text). The SDK parses
every non-empty 200 as JSON, so it raises after one request; the tests assert exactly that, then
fetch the same URL with a signed ``requests`` call to prove the server answers the bytes.

The steps run in file order and share one server: deletes of repositories, tags and charts come
last, so the embedded demo is enough. ``test_every_sdk_method_was_called`` closes the module.
"""

from __future__ import annotations

import contextlib
import copy
import gzip
import inspect
import io
import json
import re
import tarfile
from collections.abc import Callable, Iterator
from typing import Any

import baiducloud_python_sdk_ccr.models as m
import pytest
import requests
from baiducloud_python_sdk_ccr.api.ccr_client import CcrClient
from baiducloud_python_sdk_core.bce_response import BceResponse
from baiducloud_python_sdk_core.exception import BceError
from baiducloud_python_sdk_core.http import handler
from sdk_capture import THROWAWAY_AK, THROWAWAY_SK, make_ccr_client

from ccr_contract.auth_adapters import BceRequestsAuth
from ccr_contract.liveserver import serve_in_thread
from ccr_contract.server import create_app
from ccr_contract.server.engine.fixtures import demo_fixtures

INSTANCE = "ccr-4a5b6c7d"
OTHER_INSTANCE = "ccr-9z8y7x6w"
PROJECT = "library"
UNKNOWN_INSTANCE = "ccr-00000000"

#: Whether the spec declares E68's renames for synchronization policies (``x-bce-resources.syncs.
#: renames``); without them the policy answers ``srcRepositoryName: ""`` after a create naming one.

#: Every method called so far (the last test checks that all 84 were).
CALLED: set[str] = set()


#: ``(model class, JSON object)`` of every answer the SDK decoded into a model in this module.
DECODED: list[tuple[type, dict[str, Any]]] = []


@pytest.fixture(scope="module", autouse=True)
def record_decoded_answers() -> Iterator[None]:
    """Wrap the SDK's ``handler.parse_json`` (looked up on every request) to keep each answer it
    hands to a model's ``from_dict``; decoding itself is left to the SDK."""
    original = handler.parse_json

    def parse_json(http_response: Any, response: Any) -> bool:
        raw = http_response.read()
        obj = json.loads(raw) if raw else None
        if isinstance(obj, dict) and type(response).from_dict is not BceResponse.from_dict:
            DECODED.append((type(response), obj))
        http_response.read = lambda *args: raw  # the SDK reads the body again
        return original(http_response, response)

    handler.parse_json = parse_json
    try:
        yield
    finally:
        handler.parse_json = original


_READS = re.compile(r"m\.get\('(\w+)'\)")
_NESTED = re.compile(r"= (\w+)\(\)\.from_dict\(m\.get\('(\w+)'\)\)")
_NESTED_LIST = re.compile(r"\[(\w+)\(\)\.from_dict\(\w+\) for \w+ in m\.get\('(\w+)'\)\]")


def model_fields(model: type) -> dict[str, tuple[str, type | None]]:
    """What ``model.from_dict`` reads, from its source: key -> ("value" | "object" | "list", model)."""
    source = inspect.getsource(model.from_dict)
    fields: dict[str, tuple[str, type | None]] = {key: ("value", None) for key in _READS.findall(source)}
    fields.update({key: ("object", getattr(m, name)) for name, key in _NESTED.findall(source)})
    fields.update({key: ("list", getattr(m, name)) for name, key in _NESTED_LIST.findall(source)})
    return fields


def _known(model: type, body: dict[str, Any]) -> dict[str, Any]:
    """``body`` cut down to what ``model`` reads (recursively): what a round trip must give back."""
    out: dict[str, Any] = {}
    for key, (kind, nested) in model_fields(model).items():
        value = body.get(key)
        if value is None:
            continue
        if kind == "object":
            out[key] = _known(nested, value)  # type: ignore[arg-type]
        elif kind == "list":
            out[key] = [_known(nested, item) for item in value]  # type: ignore[arg-type]
        else:
            out[key] = value
    return out


def decode_problems(model: type, body: Any, where: str) -> list[str]:
    """Why ``body`` does not decode through ``model`` and come back unchanged (empty: it does)."""
    if not isinstance(body, dict):
        return [f"{where}: {type(body).__name__} where {model.__name__} reads an object"]
    problems = []
    for key, (kind, nested) in model_fields(model).items():
        value = body.get(key)
        if value is None or kind == "value":
            continue
        if kind == "object":
            problems += decode_problems(nested, value, f"{where}.{key}")  # type: ignore[arg-type]
        elif not isinstance(value, list):
            problems.append(f"{where}.{key}: {type(value).__name__} where {model.__name__} reads a list")
        else:
            for index, item in enumerate(value):
                problems += decode_problems(nested, item, f"{where}.{key}[{index}]")  # type: ignore[arg-type]
    if problems:
        return problems
    back = dict(model().from_dict(copy.deepcopy(body)).to_dict() or {})
    back.pop("metadata", None)
    if back != _known(model, body):
        problems.append(f"{where}: the round trip changed the answer: {back!r} != {_known(model, body)!r}")
    return problems


def sdk_methods() -> list[str]:
    """The public request methods ``CcrClient`` itself defines (inherited plumbing excluded)."""
    return sorted(name for name, value in vars(CcrClient).items() if inspect.isfunction(value) and name[0] != "_")


class Recorder:
    """The SDK client, recording which methods are called (by any test of this module)."""

    def __init__(self, client: CcrClient) -> None:
        self._client = client

    def __getattr__(self, name: str) -> Callable[..., Any]:
        method = getattr(self._client, name)
        CALLED.add(name)
        return method


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    # Executions stay InProgress for an hour (so they can be stopped); scans too.
    app = create_app(credentials={THROWAWAY_AK: THROWAWAY_SK}, execution_seconds=3600)
    with serve_in_thread(app) as url:
        yield url


@pytest.fixture(scope="module")
def sdk(base_url: str) -> Recorder:
    return Recorder(make_ccr_client(base_url))


@pytest.fixture(scope="module")
def http(base_url: str) -> Iterator[Callable[..., requests.Response]]:
    """A signed raw call (``requests`` + bce-auth-v1) to the same server."""
    session = requests.Session()
    session.auth = BceRequestsAuth(THROWAWAY_AK, THROWAWAY_SK)

    def call(method: str, path: str, **kwargs: Any) -> requests.Response:
        return session.request(method, base_url + path, timeout=10, **kwargs)

    yield call
    session.close()


def data(response: Any) -> dict[str, Any]:
    """An SDK answer as a dict (its model's ``to_dict``), without the HTTP metadata."""
    out = dict(response.to_dict() or {})
    out.pop("metadata", None)
    return out


def status_of(error: BaseException) -> int | None:
    """The HTTP status an SDK exception carries (directly or in the error it wraps)."""
    seen: BaseException | None = error
    while seen is not None:
        code = getattr(seen, "status_code", None)
        if code is not None:
            return int(code)
        seen = getattr(seen, "last_error", None)
    return None


@contextlib.contextmanager
def raises_status(status: int) -> Iterator[None]:
    """The SDK call inside raises a BCE error whose HTTP status is ``status``."""
    with pytest.raises(BceError) as caught:
        yield
    assert status_of(caught.value) == status, repr(caught.value)


def names(items: list[dict[str, Any]] | None, key: str) -> list[Any]:
    return [item[key] for item in items or []]


# --------------------------------------------------------------------------- instances, user


def test_instances(sdk: Recorder) -> None:
    listed = data(sdk.list_instances(m.ListInstancesRequest(page_no=1, page_size=10)))
    assert {INSTANCE, OTHER_INSTANCE} <= set(names(listed["instances"], "id"))
    detail = data(sdk.get_instance_detail(m.GetInstanceDetailRequest(instance_id=INSTANCE)))
    assert detail["info"]["id"] == INSTANCE
    assert detail["statistic"]["namespace"] >= 1 and detail["statistic"]["repo"] >= 2
    tags = [m.LogicalTag(tag_key="env", tag_value="prod"), m.LogicalTag(tag_key="team", tag_value="ops")]
    sdk.update_instance_tags(m.UpdateInstanceTagsRequest(instance_id=INSTANCE, tags=tags))
    detail = data(sdk.get_instance_detail(m.GetInstanceDetailRequest(instance_id=INSTANCE)))
    assert detail["info"]["tags"] == [{"tagKey": "env", "tagValue": "prod"}, {"tagKey": "team", "tagValue": "ops"}]
    # ERRATA E49: renaming an instance that has tags answers what PY's model decodes (one
    # LogicalTag or none); a list there raised AttributeError inside the SDK.
    renamed = data(sdk.update_instance_name(m.UpdateInstanceNameRequest(instance_id=INSTANCE, name="renamed-demo")))
    assert renamed["name"] == "renamed-demo" and renamed["id"] == INSTANCE
    detail = data(sdk.get_instance_detail(m.GetInstanceDetailRequest(instance_id=INSTANCE)))
    assert detail["info"]["name"] == "renamed-demo" and len(detail["info"]["tags"]) == 2
    with raises_status(404):
        sdk.get_instance_detail(m.GetInstanceDetailRequest(instance_id=UNKNOWN_INSTANCE))


def test_user(sdk: Recorder) -> None:
    user = data(sdk.get_user_detail(m.GetUserDetailRequest(user_id="demo-user")))
    assert user


def test_credentials(sdk: Recorder) -> None:
    sdk.reset_password(m.ResetPasswordRequest(instance_id=INSTANCE, password="Ccr@2024pass"))
    with raises_status(400):  # no upper-case letter, no special character
        sdk.reset_password(m.ResetPasswordRequest(instance_id=INSTANCE, password="weakpassword1"))
    temporary = data(sdk.create_temporary_password(m.CreateTemporaryPasswordRequest(instance_id=INSTANCE, duration=12)))
    assert temporary["password"]


# --------------------------------------------------------------------------- namespaces


def test_project_lifecycle(sdk: Recorder) -> None:
    created = sdk.create_project(m.CreateProjectRequest(instance_id=INSTANCE, project_name="team-a", public="false"))
    assert data(created)
    got = data(sdk.get_project_detail(m.GetProjectDetailRequest(instance_id=INSTANCE, project_name="team-a")))
    assert got["projectName"] == "team-a" and got["public"] == "false"
    listed = data(sdk.list_projects(m.ListProjectsRequest(instance_id=INSTANCE, page_no=1, page_size=100)))
    assert {"library", "team-a"} <= set(names(listed["projects"], "projectName"))
    assert listed["total"] == len(listed["projects"])
    filtered = data(sdk.list_projects(m.ListProjectsRequest(instance_id=INSTANCE, project_name="team")))
    assert names(filtered["projects"], "projectName") == ["team-a"]
    sdk.update_project(
        m.UpdateProjectRequest(instance_id=INSTANCE, project_name="team-a", public="true", auto_scan="true")
    )
    got = data(sdk.get_project_detail(m.GetProjectDetailRequest(instance_id=INSTANCE, project_name="team-a")))
    assert got["public"] == "true" and got["autoScan"] == "true"
    with raises_status(409):
        sdk.create_project(m.CreateProjectRequest(instance_id=INSTANCE, project_name="team-a", public="false"))
    sdk.delete_project(m.DeleteProjectRequest(instance_id=INSTANCE, project_name="team-a"))
    with raises_status(404):
        sdk.get_project_detail(m.GetProjectDetailRequest(instance_id=INSTANCE, project_name="team-a"))
    with raises_status(404):
        sdk.delete_project(m.DeleteProjectRequest(instance_id=INSTANCE, project_name="team-a"))


def test_project_batch_delete(sdk: Recorder) -> None:
    for name in ("team-b", "team-c"):
        sdk.create_project(m.CreateProjectRequest(instance_id=INSTANCE, project_name=name, public="false"))
    sdk.delete_projects(m.DeleteProjectsRequest(instance_id=INSTANCE, items=["team-b", "team-c"]))
    listed = data(sdk.list_projects(m.ListProjectsRequest(instance_id=INSTANCE, page_no=1, page_size=100)))
    assert not {"team-b", "team-c"} & set(names(listed["projects"], "projectName"))


# --------------------------------------------------------------------------- repositories and tags (no deletes yet)


def test_repositories_read_and_update(sdk: Recorder) -> None:
    listed = data(sdk.list_repositories(m.ListRepositoriesRequest(instance_id=INSTANCE, project_name=PROJECT)))
    assert {"ubuntu", "nginx"} <= set(names(listed["items"], "repositoryName"))
    got = data(
        sdk.get_repository(m.GetRepositoryRequest(instance_id=INSTANCE, project_name=PROJECT, repository_name="ubuntu"))
    )
    assert got["repositoryName"] == "ubuntu" and got["tagCount"] == 2
    sdk.update_repository(
        m.UpdateRepositoryRequest(
            instance_id=INSTANCE, project_name=PROJECT, repository_name="ubuntu", description="LTS images"
        )
    )
    got = data(
        sdk.get_repository(m.GetRepositoryRequest(instance_id=INSTANCE, project_name=PROJECT, repository_name="ubuntu"))
    )
    assert got["description"] == "LTS images"
    with raises_status(404):
        sdk.get_repository(m.GetRepositoryRequest(instance_id=INSTANCE, project_name=PROJECT, repository_name="nope"))
    with raises_status(404):  # a real repository under the wrong instance
        sdk.get_repository(
            m.GetRepositoryRequest(instance_id=OTHER_INSTANCE, project_name=PROJECT, repository_name="ubuntu")
        )


def _tag(**kwargs: Any) -> dict[str, Any]:
    return {"instance_id": INSTANCE, "project_name": PROJECT, "repository_name": "ubuntu", **kwargs}


def test_tags_read_and_scan(sdk: Recorder) -> None:
    listed = data(sdk.list_tags(m.ListTagsRequest(**_tag(page_no=1, page_size=10))))
    assert set(names(listed["items"], "tagName")) == {"latest", "1.0"}
    got = data(sdk.get_tag_detail(m.GetTagDetailRequest(**_tag(tag_name="latest"))))
    assert got["tagName"] == "latest" and got["digest"].startswith("sha256:")
    history = data(sdk.get_tag_build_history(m.GetTagBuildHistoryRequest(**_tag(tag_name="latest"))))
    assert history["items"] and history["items"][0]["createdBy"]
    overview = data(sdk.get_tags_scan_overview(m.GetTagsScanOverviewRequest(**_tag(tag_name="latest"))))
    assert overview["items"], overview  # the demo's finished scan: three findings
    sdk.trigger_tag_scan(m.TriggerTagScanRequest(**_tag(tag_name="1.0")))
    with raises_status(409):  # a second scan while the first runs
        sdk.trigger_tag_scan(m.TriggerTagScanRequest(**_tag(tag_name="1.0")))
    got = data(sdk.get_tag_detail(m.GetTagDetailRequest(**_tag(tag_name="1.0"))))
    assert got["scanOverview"]["scanStatus"] in ("Pending", "Scheduled", "Running")
    with raises_status(404):
        sdk.get_tag_detail(m.GetTagDetailRequest(**_tag(tag_name="no-such-tag")))


# --------------------------------------------------------------------------- charts (reads, download)


def test_charts_read_and_download(sdk: Recorder, http: Callable[..., requests.Response]) -> None:
    charts = data(sdk.list_charts(m.ListChartsRequest(instance_id=INSTANCE, project_name=PROJECT)))
    assert {"nginx", "redis"} <= set(names(charts["items"], "name"))
    versions = data(
        sdk.list_chart_versions(
            m.ListChartVersionsRequest(instance_id=INSTANCE, project_name=PROJECT, chart_name="nginx")
        )
    )
    assert set(names(versions["items"], "version")) == {"1.0.0", "1.1.0"}
    # ERRATA E43: the SDK parses the .tgz as JSON and raises after one request.
    request = m.DownloadChartRequest(instance_id=INSTANCE, project_name=PROJECT, filename="nginx-1.0.0.tgz")
    with pytest.raises(BceError) as caught:
        sdk.download_chart(request)
    assert "UnicodeDecodeError" in repr(caught.value) or "codec" in str(caught.value), repr(caught.value)
    answer = http("GET", f"/v1/instances/{INSTANCE}/projects/{PROJECT}/charts/download/nginx-1.0.0.tgz")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("application/octet-stream")
    assert answer.headers["x-bce-request-id"]
    with tarfile.open(fileobj=io.BytesIO(gzip.decompress(answer.content))) as tar:
        assert "nginx/Chart.yaml" in tar.getnames()


# --------------------------------------------------------------------------- robots


def _permissions() -> list[Any]:
    access = [m.RobotPermissionAccess(resource="repository", action="pull")]
    return [m.RobotPermission(kind="project", namespace=PROJECT, access=access)]


def test_robot_lifecycle(sdk: Recorder, http: Callable[..., requests.Response]) -> None:
    created = data(
        sdk.create_robot_account(
            m.CreateRobotAccountRequest(
                instance_id=INSTANCE,
                name="ci-pusher",
                description="CI",
                duration=30,
                disable=False,
                permissions=_permissions(),
            )
        )
    )
    assert created["name"] == "ccr$ci-pusher"
    assert created["secret"]  # generated, shown this once
    listed = data(sdk.list_robot_accounts(m.ListRobotAccountsRequest(instance_id=INSTANCE)))
    robot = next(r for r in listed["robots"] if r["name"] == "ccr$ci-pusher")
    robot_id = str(robot["id"])
    raw = http("GET", f"/v1/instances/{INSTANCE}/robots")
    assert created["secret"] not in raw.text and all("secret" not in r for r in raw.json()["robots"])
    sdk.update_robot_account(
        m.UpdateRobotAccountRequest(
            instance_id=INSTANCE,
            robot_id=robot_id,
            disable=True,
            duration=-1,
            description="paused",
            permissions=_permissions(),
        )
    )
    listed = data(sdk.list_robot_accounts(m.ListRobotAccountsRequest(instance_id=INSTANCE)))
    robot = next(r for r in listed["robots"] if r["name"] == "ccr$ci-pusher")
    assert robot["description"] == "paused" and robot["disable"] is True
    refreshed = data(
        sdk.refresh_robot_account_key(
            m.RefreshRobotAccountKeyRequest(instance_id=INSTANCE, robot_id=robot_id, secret="Robot2025!pass")
        )
    )
    assert refreshed["secret"] == "Robot2025!pass"
    assert "Robot2025!pass" not in http("GET", f"/v1/instances/{INSTANCE}/robots").text
    with raises_status(409):
        sdk.create_robot_account(
            m.CreateRobotAccountRequest(
                instance_id=INSTANCE, name="ci-pusher", duration=30, disable=False, permissions=_permissions()
            )
        )
    sdk.delete_robot_account(m.DeleteRobotAccountRequest(instance_id=INSTANCE, robot_id=robot_id))
    with raises_status(404):
        sdk.delete_robot_account(m.DeleteRobotAccountRequest(instance_id=INSTANCE, robot_id=robot_id))


# --------------------------------------------------------------------------- network


def test_public_network(sdk: Recorder) -> None:
    config = data(sdk.get_public_network_config(m.GetPublicNetworkConfigRequest(instance_id=INSTANCE)))
    assert "192.168.0.0/24" in names(config["whitelist"], "ipAddr")
    sdk.update_public_network(m.UpdatePublicNetworkRequest(instance_id=INSTANCE, action="close"))
    assert (
        data(sdk.get_public_network_config(m.GetPublicNetworkConfigRequest(instance_id=INSTANCE)))["status"] == "closed"
    )
    sdk.update_public_network(m.UpdatePublicNetworkRequest(instance_id=INSTANCE, action="open"))
    sdk.add_public_network_whitelist(
        m.AddPublicNetworkWhitelistRequest(instance_id=INSTANCE, ip_addr="10.0.0.0/24", description="office")
    )
    sdk.add_public_network_whitelist(
        m.AddPublicNetworkWhitelistRequest(instance_id=INSTANCE, ip_addr="203.0.113.7", description="ci")
    )
    config = data(sdk.get_public_network_config(m.GetPublicNetworkConfigRequest(instance_id=INSTANCE)))
    assert config["status"] == "opened"
    assert {"10.0.0.0/24", "203.0.113.7"} <= set(names(config["whitelist"], "ipAddr"))
    with raises_status(400):
        sdk.add_public_network_whitelist(
            m.AddPublicNetworkWhitelistRequest(instance_id=INSTANCE, ip_addr="10.0.0.0/33", description="bad")
        )
    sdk.delete_public_network_whitelist(
        m.DeletePublicNetworkWhitelistRequest(instance_id=INSTANCE, items=["10.0.0.0/24", "203.0.113.7"])
    )
    config = data(sdk.get_public_network_config(m.GetPublicNetworkConfigRequest(instance_id=INSTANCE)))
    assert names(config["whitelist"], "ipAddr") == ["192.168.0.0/24"]


def test_vpc_links(sdk: Recorder) -> None:
    link = {"instance_id": INSTANCE, "vpc_id": "vpc-i80sab2ipmd8", "subnet_id": "sbn-ejqy0asa8bhw"}
    sdk.add_vpc_link(m.AddVpcLinkRequest(**link, ip_type="auto", auto_dns_resolve=True))
    listed = data(sdk.list_vpc_links(m.ListVpcLinksRequest(instance_id=INSTANCE)))
    assert names(listed["items"], "subnetID") == ["sbn-ejqy0asa8bhw"]
    with raises_status(409):
        sdk.add_vpc_link(m.AddVpcLinkRequest(**link, ip_type="auto", auto_dns_resolve=True))
    sdk.delete_vpc_link(m.DeleteVpcLinkRequest(**link))
    assert not data(sdk.list_vpc_links(m.ListVpcLinksRequest(instance_id=INSTANCE)))["items"]
    with raises_status(404):
        sdk.delete_vpc_link(m.DeleteVpcLinkRequest(**link))


# --------------------------------------------------------------------------- accelerators


def test_accelerator_lifecycle(sdk: Recorder) -> None:
    filters = [m.AcceleratorFilter(type="project_name", value=PROJECT)]
    sdk.create_accelerator_filter(
        m.CreateAcceleratorFilterRequest(instance_id=INSTANCE, name="lazy-lib", description="d", filters=filters)
    )
    listed = data(
        sdk.list_accelerator_filters(m.ListAcceleratorFiltersRequest(instance_id=INSTANCE, policy_name="lazy"))
    )
    (policy,) = listed["policies"]
    policy_id = str(policy["id"])
    got = data(
        sdk.get_accelerator_filter_detail(
            m.GetAcceleratorFilterDetailRequest(instance_id=INSTANCE, policy_id=policy_id)
        )
    )
    assert got["name"] == "lazy-lib"
    sdk.update_accelerator_filter(
        m.UpdateAcceleratorFilterRequest(
            instance_id=INSTANCE, policy_id=policy_id, name="lazy-lib", description="changed", filters=filters
        )
    )
    got = data(
        sdk.get_accelerator_filter_detail(
            m.GetAcceleratorFilterDetailRequest(instance_id=INSTANCE, policy_id=policy_id)
        )
    )
    assert got["description"] == "changed"
    sdk.toggle_accelerator_filter(
        m.ToggleAcceleratorFilterRequest(instance_id=INSTANCE, policy_id=policy_id, enabled="false")
    )
    got = data(
        sdk.get_accelerator_filter_detail(
            m.GetAcceleratorFilterDetailRequest(instance_id=INSTANCE, policy_id=policy_id)
        )
    )
    assert got["enabled"] is False
    matched = data(
        sdk.test_accelerator_filter(m.TestAcceleratorFilterRequest(filters=filters, repository=f"{PROJECT}/ubuntu"))
    )
    assert matched["matched"] is True
    sdk.delete_accelerator_filter(m.DeleteAcceleratorFilterRequest(instance_id=INSTANCE, policy_id=policy_id))
    with raises_status(404):
        sdk.get_accelerator_filter_detail(
            m.GetAcceleratorFilterDetailRequest(instance_id=INSTANCE, policy_id=policy_id)
        )
    ids = []
    for name in ("lazy-a", "lazy-b"):
        sdk.create_accelerator_filter(
            m.CreateAcceleratorFilterRequest(instance_id=INSTANCE, name=name, description="d", filters=filters)
        )
        listed = data(
            sdk.list_accelerator_filters(m.ListAcceleratorFiltersRequest(instance_id=INSTANCE, policy_name=name))
        )
        ids.append(int(listed["policies"][0]["id"]))
    sdk.delete_accelerator_filters(m.DeleteAcceleratorFiltersRequest(instance_id=INSTANCE, items=ids))
    listed = data(
        sdk.list_accelerator_filters(m.ListAcceleratorFiltersRequest(instance_id=INSTANCE, policy_name="lazy"))
    )
    assert not listed.get("policies")


# --------------------------------------------------------------------------- migration and synchronization


def _migration(name: str, description: str) -> dict[str, Any]:
    return {
        "instance_id": INSTANCE,
        "name": name,
        "description": description,
        "dest_project_name": PROJECT,
        "filters": [m.ReplicationFilterRequest(type="name", value=f"{PROJECT}/ubuntu")],
        "override": True,
        "src_registry": m.ReplicationRegistryRequest(id=1),
        "trigger": m.ReplicationTriggerRequest(type="manual"),
    }


def test_migration_lifecycle(sdk: Recorder, http: Callable[..., requests.Response]) -> None:
    sdk.create_image_migration_rule(m.CreateImageMigrationRuleRequest(**_migration("from-harbor", "first")))
    listed = data(
        sdk.list_image_migration_rules(
            m.ListImageMigrationRulesRequest(instance_id=INSTANCE, policy_name="from-harbor")
        )
    )
    (rule,) = listed["items"]
    policy_id = str(rule["id"])
    got = data(
        sdk.get_image_migration_rule_detail(
            m.GetImageMigrationRuleDetailRequest(instance_id=INSTANCE, policy_id=policy_id)
        )
    )
    assert got["name"] == "from-harbor"
    sdk.update_image_migration_rule(
        m.UpdateImageMigrationRuleRequest(policy_id=policy_id, **_migration("from-harbor", "second"))
    )
    got = data(
        sdk.get_image_migration_rule_detail(
            m.GetImageMigrationRuleDetailRequest(instance_id=INSTANCE, policy_id=policy_id)
        )
    )
    assert got["description"] == "second"

    sdk.execute_image_migration(m.ExecuteImageMigrationRequest(instance_id=INSTANCE, policy_id=int(policy_id)))
    records = data(
        sdk.list_image_migration_records(m.ListImageMigrationRecordsRequest(instance_id=INSTANCE, policy_id=policy_id))
    )
    (execution,) = records["items"]
    execution_id = str(execution["id"])
    detail = data(
        sdk.get_image_migration_execution_record_detail(
            m.GetImageMigrationExecutionRecordDetailRequest(instance_id=INSTANCE, execution_id=execution_id)
        )
    )
    assert detail["status"] == "InProgress"
    tasks = data(
        sdk.list_image_migration_task_records(
            m.ListImageMigrationTaskRecordsRequest(instance_id=INSTANCE, execution_id=execution_id)
        )
    )
    (task,) = tasks["items"]
    _assert_log_raises_then_reads(
        lambda: sdk.get_image_migration_task_logs(
            m.GetImageMigrationTaskLogsRequest(instance_id=INSTANCE, execution_id=execution_id, task_id=str(task["id"]))
        ),
        http,
        f"/v1/instances/{INSTANCE}/executions/{execution_id}/tasks/{task['id']}/log",
    )
    sdk.stop_image_migration(m.StopImageMigrationRequest(instance_id=INSTANCE, execution_id=execution_id))
    detail = data(
        sdk.get_image_migration_execution_record_detail(
            m.GetImageMigrationExecutionRecordDetailRequest(instance_id=INSTANCE, execution_id=execution_id)
        )
    )
    assert detail["status"] == "Stopped"
    with raises_status(409):
        sdk.stop_image_migration(m.StopImageMigrationRequest(instance_id=INSTANCE, execution_id=execution_id))

    sdk.delete_image_migration_rule(m.DeleteImageMigrationRuleRequest(instance_id=INSTANCE, policy_id=policy_id))
    with raises_status(404):
        sdk.get_image_migration_rule_detail(
            m.GetImageMigrationRuleDetailRequest(instance_id=INSTANCE, policy_id=policy_id)
        )


def _assert_log_raises_then_reads(call: Callable[[], Any], http: Callable[..., requests.Response], path: str) -> None:
    """ERRATA E43: the SDK cannot parse a text log (it raises); a signed raw GET reads it."""
    with pytest.raises(BceError):
        call()
    answer = http("GET", path)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/plain")
    assert "copy" in answer.text and answer.headers["x-bce-request-id"]


def _sync(name: str, description: str) -> dict[str, Any]:
    return {
        "instance_id": INSTANCE,
        "name": name,
        "description": description,
        "dest_instance_id": OTHER_INSTANCE,
        "dest_project_name": "backup",
        "src_project_name": PROJECT,
        "src_repository": "ubuntu",
        "src_tag": "latest",
        "sync_type": "image",
        "override": False,
        "trigger": m.ReplicationSyncTriggerRequest(type="manual"),
    }


def test_sync_lifecycle(sdk: Recorder, http: Callable[..., requests.Response]) -> None:
    sdk.create_instance_sync(m.CreateInstanceSyncRequest(**_sync("to-backup", "first")))
    listed = data(sdk.list_instance_syncs(m.ListInstanceSyncsRequest(instance_id=INSTANCE, policy_name="to-backup")))
    (policy,) = [p for p in listed["items"] if p["name"] == "to-backup"]  # the filter is a substring match
    policy_id = str(policy["id"])
    got = data(sdk.get_instance_sync_detail(m.GetInstanceSyncDetailRequest(instance_id=INSTANCE, policy_id=policy_id)))
    assert got["name"] == "to-backup"
    # ERRATA E68: sent as srcRepository/srcTag, answered as ...Name
    assert (got["srcRepositoryName"], got["srcTagName"]) == ("ubuntu", "latest")
    sdk.update_instance_sync(m.UpdateInstanceSyncRequest(policy_id=policy_id, **_sync("to-backup", "second")))
    got = data(sdk.get_instance_sync_detail(m.GetInstanceSyncDetailRequest(instance_id=INSTANCE, policy_id=policy_id)))
    assert got["description"] == "second"

    sdk.execute_instance_sync(m.ExecuteInstanceSyncRequest(instance_id=INSTANCE, policy_id=int(policy_id)))
    records = data(
        sdk.list_instance_sync_records(m.ListInstanceSyncRecordsRequest(instance_id=INSTANCE, policy_id=policy_id))
    )
    (execution,) = records["items"]
    execution_id = str(execution["id"])
    detail = data(
        sdk.get_instance_sync_execution_detail(
            m.GetInstanceSyncExecutionDetailRequest(instance_id=INSTANCE, execution_id=execution_id)
        )
    )
    assert detail["status"] == "InProgress"
    tasks = data(
        sdk.list_instance_sync_task_records(
            m.ListInstanceSyncTaskRecordsRequest(instance_id=INSTANCE, execution_id=execution_id)
        )
    )
    (task,) = tasks["items"]
    _assert_log_raises_then_reads(
        lambda: sdk.get_instance_sync_task_logs(
            m.GetInstanceSyncTaskLogsRequest(instance_id=INSTANCE, execution_id=execution_id, task_id=str(task["id"]))
        ),
        http,
        f"/v1/instances/{INSTANCE}/executions/{execution_id}/tasks/{task['id']}/log",
    )
    sdk.stop_instance_sync(m.StopInstanceSyncRequest(instance_id=INSTANCE, execution_id=execution_id))
    detail = data(
        sdk.get_instance_sync_execution_detail(
            m.GetInstanceSyncExecutionDetailRequest(instance_id=INSTANCE, execution_id=execution_id)
        )
    )
    assert detail["status"] == "Stopped"
    sdk.delete_instance_sync(m.DeleteInstanceSyncRequest(instance_id=INSTANCE, policy_id=policy_id))
    with raises_status(404):
        sdk.get_instance_sync_detail(m.GetInstanceSyncDetailRequest(instance_id=INSTANCE, policy_id=policy_id))


# --------------------------------------------------------------------------- triggers, then the deletes


def _trigger(name: str, description: str, event_types: list[str]) -> dict[str, Any]:
    return {
        "instance_id": INSTANCE,
        "name": name,
        "description": description,
        "event_types": event_types,
        "filters": [
            m.TriggerFilter(type="project_name", value=PROJECT),
            m.TriggerFilter(type="repository_name", value="ubuntu"),
        ],
        "targets": [m.TriggerTarget(address="http://127.0.0.1:9/hook", headers={"Authorization": "Bearer t"})],
    }


def test_trigger_lifecycle_and_jobs(sdk: Recorder) -> None:
    sdk.create_trigger(m.CreateTriggerRequest(**_trigger("on-ubuntu", "first", ["PUSH_ARTIFACT"])))
    listed = data(sdk.list_triggers(m.ListTriggersRequest(instance_id=INSTANCE, policy_name="on-ubuntu")))
    (trigger,) = listed["policies"]
    policy_id = str(trigger["id"])
    got = data(sdk.get_trigger_detail(m.GetTriggerDetailRequest(instance_id=INSTANCE, policy_id=policy_id)))
    assert got["name"] == "on-ubuntu" and got["enabled"] is True
    sdk.update_trigger(
        m.UpdateTriggerRequest(policy_id=policy_id, **_trigger("on-ubuntu", "second", ["DELETE_ARTIFACT"]))
    )
    got = data(sdk.get_trigger_detail(m.GetTriggerDetailRequest(instance_id=INSTANCE, policy_id=policy_id)))
    assert got["description"] == "second" and got["eventTypes"] == ["DELETE_ARTIFACT"]
    sdk.test_trigger_target_address(
        m.TestTriggerTargetAddressRequest(
            instance_id=INSTANCE, address="http://127.0.0.1:9/hook", headers={"Authorization": "x"}
        )
    )
    with raises_status(409):
        sdk.create_trigger(m.CreateTriggerRequest(**_trigger("on-ubuntu", "dup", ["PUSH_ARTIFACT"])))

    # A disabled trigger records nothing; enabled, a tag deleted through the API records a job.
    sdk.toggle_trigger(m.ToggleTriggerRequest(instance_id=INSTANCE, policy_id=policy_id, enabled="false"))
    assert (
        data(sdk.get_trigger_detail(m.GetTriggerDetailRequest(instance_id=INSTANCE, policy_id=policy_id)))["enabled"]
        is False
    )
    sdk.delete_tag(m.DeleteTagRequest(**_tag(tag_name="1.0")))
    assert not data(sdk.list_trigger_tasks(m.ListTriggerTasksRequest(instance_id=INSTANCE, policy_id=policy_id))).get(
        "jobs"
    )
    sdk.toggle_trigger(m.ToggleTriggerRequest(instance_id=INSTANCE, policy_id=policy_id, enabled="true"))
    sdk.delete_tags(m.DeleteTagsRequest(**_tag(items=["latest"])))
    jobs = data(sdk.list_trigger_tasks(m.ListTriggerTasksRequest(instance_id=INSTANCE, policy_id=policy_id)))
    (job,) = jobs["jobs"]
    assert job["eventType"] == "DELETE_ARTIFACT" and job["images"] == [f"{PROJECT}/ubuntu:latest"]
    sdk.re_execute_trigger_task(
        m.ReExecuteTriggerTaskRequest(instance_id=INSTANCE, policy_id=policy_id, job_id=str(job["id"]))
    )
    with raises_status(404):
        sdk.get_tag_detail(m.GetTagDetailRequest(**_tag(tag_name="latest")))

    sdk.delete_trigger(m.DeleteTriggerRequest(instance_id=INSTANCE, policy_id=policy_id))
    with raises_status(404):
        sdk.get_trigger_detail(m.GetTriggerDetailRequest(instance_id=INSTANCE, policy_id=policy_id))
    ids = []
    for name in ("hook-a", "hook-b"):
        sdk.create_trigger(m.CreateTriggerRequest(**_trigger(name, "d", ["PUSH_ARTIFACT"])))
        ids.append(
            int(
                data(sdk.list_triggers(m.ListTriggersRequest(instance_id=INSTANCE, policy_name=name)))["policies"][0][
                    "id"
                ]
            )
        )
    sdk.delete_triggers(m.DeleteTriggersRequest(instance_id=INSTANCE, items=ids))
    remaining = names(data(sdk.list_triggers(m.ListTriggersRequest(instance_id=INSTANCE)))["policies"], "name")
    assert not {"hook-a", "hook-b"} & set(remaining)


def test_chart_deletes(sdk: Recorder) -> None:
    where = {"instance_id": INSTANCE, "project_name": PROJECT}
    sdk.delete_chart_version(m.DeleteChartVersionRequest(**where, chart_name="nginx", chart_version="1.0.0"))
    with raises_status(404):
        sdk.delete_chart_version(m.DeleteChartVersionRequest(**where, chart_name="nginx", chart_version="1.0.0"))
    sdk.delete_chart_versions(m.DeleteChartVersionsRequest(**where, chart_name="redis", items=["1.0.0"]))
    versions = data(sdk.list_chart_versions(m.ListChartVersionsRequest(**where, chart_name="redis")))
    assert names(versions["items"], "version") == ["2.0.0"]
    sdk.delete_chart(m.DeleteChartRequest(**where, chart_name="nginx"))
    sdk.delete_charts(m.DeleteChartsRequest(**where, items=["redis"]))
    assert not data(sdk.list_charts(m.ListChartsRequest(**where))).get("items")
    with raises_status(404):
        sdk.delete_chart(m.DeleteChartRequest(**where, chart_name="nginx"))


def test_repository_deletes(sdk: Recorder) -> None:
    where = {"instance_id": INSTANCE, "project_name": PROJECT}
    sdk.delete_repository(m.DeleteRepositoryRequest(**where, repository_name="ubuntu"))
    with raises_status(404):
        sdk.get_repository(m.GetRepositoryRequest(**where, repository_name="ubuntu"))
    with raises_status(404):  # the tags went with it
        sdk.list_tags(m.ListTagsRequest(**where, repository_name="ubuntu"))
    sdk.delete_repositories(m.DeleteRepositoriesRequest(**where, items=["nginx"]))
    assert not data(sdk.list_repositories(m.ListRepositoriesRequest(**where))).get("items")
    project = data(sdk.get_project_detail(m.GetProjectDetailRequest(**where)))
    assert project["repoCount"] == 0


def test_repository_names_holding_a_slash(base_url: str) -> None:
    """ERRATA E39: PY sends ``lib/ubuntu`` raw (two segments) and a caller's padded Base64 as
    ``bGliL3VidW50dQ%3D%3D``; the server reaches the repository either way."""
    seed = demo_fixtures()
    seed["instances"][0]["projects"][0]["repositories"].append({"repositoryName": "lib/ubuntu", "tags": []})
    with serve_in_thread(create_app(credentials={THROWAWAY_AK: THROWAWAY_SK}, seed=seed)) as url:
        client = make_ccr_client(url)
        for sent in ("lib/ubuntu", "bGliL3VidW50dQ==", "bGliL3VidW50dQ"):
            request = m.GetRepositoryRequest(instance_id=INSTANCE, project_name=PROJECT, repository_name=sent)
            assert data(client.get_repository(request))["repositoryName"] == "lib/ubuntu", sent
        update = m.UpdateRepositoryRequest(
            instance_id=INSTANCE, project_name=PROJECT, repository_name="lib/ubuntu", description="slash"
        )
        client.update_repository(update)
        where = {"instance_id": INSTANCE, "project_name": PROJECT, "repository_name": "lib/ubuntu"}
        assert data(client.list_tags(m.ListTagsRequest(**where)))["items"] == []
        client.delete_repository(m.DeleteRepositoryRequest(**where))
        with raises_status(404):
            client.get_repository(m.GetRepositoryRequest(**where))


def test_sync_answers_name_what_the_body_called_src_repository(sdk: Recorder) -> None:
    sdk.create_instance_sync(m.CreateInstanceSyncRequest(**_sync("renames", "E68")))
    listed = data(sdk.list_instance_syncs(m.ListInstanceSyncsRequest(instance_id=INSTANCE, policy_name="renames")))
    (policy,) = listed["items"]
    assert (policy["srcRepositoryName"], policy["srcTagName"]) == ("ubuntu", "latest")


def test_every_answer_decodes_through_the_sdk_models_and_round_trips() -> None:
    """Every JSON answer the SDK parsed in this module fits its model: each field the model reads
    has the shape the model expects (an object where it builds a model, a list where it builds a
    list of them), and ``from_dict`` then ``to_dict`` gives back exactly the fields the model
    knows, nested included.  An answer of every model a ``CcrClient`` method names was seen."""
    assert DECODED, "no answer was captured"
    problems = [problem for model, body in DECODED for problem in decode_problems(model, body, model.__name__)]
    assert problems == []
    expected = set(re.findall(r"model=([A-Z]\w+)", inspect.getsource(CcrClient))) - {"None"}
    assert len(expected) > 30
    assert sorted(expected - {model.__name__ for model, _ in DECODED}) == []


def test_the_round_trip_check_can_fail() -> None:
    """A tag list where UpdateInstanceNameResponse reads one LogicalTag is reported (ERRATA E49)."""
    body = {"id": INSTANCE, "name": "n", "tags": [{"tagKey": "a", "tagValue": "b"}]}
    assert decode_problems(m.UpdateInstanceNameResponse, body, "UpdateInstanceNameResponse")
    robots = {"robots": [{"id": 1, "permissions": {"kind": "project"}}]}
    assert decode_problems(m.ListRobotAccountsResponse, robots, "ListRobotAccountsResponse")


def test_every_sdk_method_was_called() -> None:
    methods = sdk_methods()
    assert len(methods) == 84, methods
    assert sorted(set(methods) - CALLED) == []
