"""The generic resource engine: CRUD from the spec's x-bce-resources, the rules a registry user
expects (404 under a wrong parent, 409 duplicates, cascades, all-or-nothing batches), the
behaviours (executions, scans, secrets, triggers), and a CRUD operation added to a copy of the spec
being served with no Python."""

from __future__ import annotations

import base64
import copy
import gzip
import io
import tarfile

import pytest

from ccr_contract.resource_model import ResourceModel
from ccr_contract.server.engine.fixtures import FixtureError, load, read_fixtures
from ccr_contract.spec import SpecError, load_spec, operations
from tests.engine_fixtures import Harness


@pytest.fixture
def h() -> Harness:
    return Harness()


def test_every_operation_outside_the_personal_edition_has_a_handler(h: Harness) -> None:
    enterprise = [op.operation_id for op in operations(h.spec) if op.operation_id[0].isupper()]
    assert len(enterprise) == 92
    assert [op for op in enterprise if op not in h.engine.handlers] == []


def test_every_read_of_the_demo_answers_what_the_spec_allows(h: Harness) -> None:
    params = dict(repositoryName="ubuntu", tagName="latest", chartName="nginx", policyId=1, registryID=1)
    seen = 0
    for op in operations(h.spec):
        if op.method == "GET" and op.operation_id in h.engine.handlers and "{" not in op.path.split("}")[-1]:
            needed = {p["name"] for p in op.parameters if p.get("in") == "path"}
            if needed <= set(params) | {"instanceId", "projectName"}:
                if op.operation_id == "GetInstanceSyncDetail":
                    needed, params = needed, {**params, "policyId": 2}  # policy ids are shared with migration rules
                h.call(op.operation_id, **{k: v for k, v in params.items() if k in needed})
                params["policyId"] = 1
                seen += 1
    assert seen >= 25


def test_namespace_lifecycle_create_get_list_update_delete(h: Harness) -> None:
    h.call("CreateProject", {"projectName": "team-a", "public": "false"})
    got = h.call("GetProjectDetail", projectName="team-a").body
    assert got["public"] == "false" and got["repoCount"] == 0 and got["projectId"] >= 1
    names = [p["projectName"] for p in h.call("ListProjects", pageSize=100).body["projects"]]
    assert "team-a" in names
    h.call("UpdateProject", {"public": "true", "autoScan": "true"}, projectName="team-a")
    assert h.call("GetProjectDetail", projectName="team-a").body["autoScan"] == "true"
    h.call("DeleteProject", projectName="team-a")
    assert h.status("GetProjectDetail", projectName="team-a") == 404
    assert h.status("DeleteProject", projectName="team-a") == 404


def test_duplicate_names_are_conflicts(h: Harness) -> None:
    assert h.status("CreateProject", {"projectName": "library", "public": "true"}) == 409
    body = {"name": "notify-ci", "eventTypes": ["PUSH_ARTIFACT"]}
    assert h.status("CreateTrigger", body) == 409


def test_children_of_a_deleted_parent_are_gone(h: Harness) -> None:
    assert h.call("GetTagDetail", repositoryName="ubuntu", tagName="latest").body["tagName"] == "latest"
    h.call("DeleteProject", projectName="library")
    assert h.status("GetRepository", repositoryName="ubuntu") == 404
    assert h.status("GetTagDetail", repositoryName="ubuntu", tagName="latest") == 404
    h.call("CreateProject", {"projectName": "library", "public": "true"})
    assert h.call("ListRepositories").body["total"] == 0


def test_a_child_under_the_wrong_parent_is_not_found(h: Harness) -> None:
    assert h.status("GetRepository", repositoryName="ubuntu") == 200
    assert h.status("GetRepository", instanceId="ccr-9z8y7x6w", projectName="backup", repositoryName="ubuntu") == 404
    assert h.status("GetProjectDetail", instanceId="ccr-00000000", projectName="library") == 404


def test_batch_delete_is_all_or_nothing(h: Harness) -> None:
    assert h.status("DeleteRepositories", {"items": ["ubuntu", "missing"]}) == 404
    assert h.call("ListRepositories").body["total"] == 2
    h.call("DeleteRepositories", {"items": ["ubuntu", "nginx"]})
    assert h.call("ListRepositories").body["total"] == 0
    assert h.call("GetProjectDetail").body["repoCount"] == 0


def test_counters_follow_the_state(h: Harness) -> None:
    assert h.call("GetRepository", repositoryName="ubuntu").body["tagCount"] == 2
    h.call("DeleteTag", repositoryName="ubuntu", tagName="1.0")
    assert h.call("GetRepository", repositoryName="ubuntu").body["tagCount"] == 1
    stats = h.call("GetInstanceDetail").body["statistic"]
    assert (stats["namespace"], stats["repo"], stats["chart"]) == (1, 2, 2)


@pytest.mark.parametrize("encode", [base64.b64encode, lambda b: base64.urlsafe_b64encode(b).rstrip(b"=")])
def test_repository_names_may_travel_base64_encoded(h: Harness, encode) -> None:  # type: ignore[no-untyped-def]
    h.call("CreateProject", {"projectName": "lib", "public": "true"})
    parent = h.engine.parent_of(
        h.engine.model.resources["repositories"], {"instanceId": "ccr-4a5b6c7d", "projectName": "lib"}
    )
    h.engine.create_item(h.engine.model.resources["repositories"], parent, {"repositoryName": "lib/ubuntu"})
    name = encode(b"lib/ubuntu").decode()
    assert h.call("GetRepository", projectName="lib", repositoryName=name).body["repositoryName"] == "lib/ubuntu"


def test_a_decoded_repository_name_counts_only_when_the_spec_s_key_pattern_allows_it() -> None:
    spec = copy.deepcopy(load_spec())
    spec["x-bce-resources"]["repositories"]["keyPattern"] = "^ubuntu$"  # the spec, not code, decides
    h = Harness(spec)
    repositories = h.engine.model.resources["repositories"]
    parent = h.engine.parent_of(repositories, {"instanceId": "ccr-4a5b6c7d", "projectName": "library"})
    h.engine.create_item(repositories, parent, {"repositoryName": "lib/ubuntu"})
    assert (
        h.call("GetRepository", repositoryName=base64.b64encode(b"ubuntu").decode()).body["repositoryName"] == "ubuntu"
    )
    assert h.status("GetRepository", repositoryName=base64.b64encode(b"lib/ubuntu").decode()) == 404
    assert h.call("GetRepository", repositoryName="lib/ubuntu").body["repositoryName"] == "lib/ubuntu"  # raw: always
    h.engine.create_item(repositories, parent, {"repositoryName": "ubuntu\n"})  # stored behind the API's back
    assert h.status("GetRepository", repositoryName=base64.b64encode(b"ubuntu\n").decode()) == 404  # all must match


def test_a_key_pattern_that_is_no_regular_expression_stops_the_start() -> None:
    spec = copy.deepcopy(load_spec())
    spec["x-bce-resources"]["repositories"]["keyPattern"] = "^[a-z"
    with pytest.raises(SpecError, match="keyPattern"):
        Harness(spec)


def test_robot_secret_is_returned_at_create_and_refresh_only(h: Harness) -> None:
    body = {"name": "ci", "duration": 30, "permissions": [{"kind": "project", "namespace": "*", "access": []}]}
    created = h.call("CreateRobotAccount", body).body
    assert created["name"] == "ccr$ci" and len(created["secret"]) >= 8
    listed = h.call("ListRobotAccounts").body["robots"]
    assert listed and all("secret" not in r for r in listed)
    refreshed = h.call("RefreshRobotAccountKey", {}, robotID=created["id"]).body["secret"]
    assert refreshed != created["secret"]
    assert "secret" not in str(h.call("ListRobotAccounts").body)


def test_toggles_are_visible_in_get(h: Harness) -> None:
    h.call("ToggleTrigger", policyId=1, enabled=False)
    assert h.call("GetTriggerDetail", policyId=1).body["enabled"] is False
    h.call("ToggleAcceleratorFilter", policyId=1, enabled="TRUE")
    assert h.call("GetAcceleratorFilterDetail", policyId=1).body["enabled"] is True


def test_execution_lifecycle_is_deterministic(h: Harness) -> None:
    h.call("ExecuteImageMigration", {"policyId": 1})
    execution = h.call("ListImageMigrationRecords", policyId=1).body["items"][0]
    assert execution["status"] == "InProgress"
    tasks = h.call("ListImageMigrationTaskRecords", executionId=execution["id"]).body["items"]
    assert len(tasks) == 1 and tasks[0]["status"] == "InProgress"
    h.clock.now += 10
    assert h.call("GetImageMigrationExecutionRecordDetail", executionId=execution["id"]).body["status"] == "Succeed"
    assert h.status("StopImageMigration", executionId=execution["id"]) == 409
    log = h.call("GetImageMigrationTaskLogs", executionId=execution["id"], taskId=tasks[0]["id"])
    assert log.content_type.startswith("text/plain") and "Succeed" in log.body
    assert h.call("GetImageMigrationRuleDetail", policyId=1).body["executionTimes"] == 1


def test_stopping_a_running_execution(h: Harness) -> None:
    h.call("ExecuteInstanceSync" if "ExecuteInstanceSync" in h.ops else "ExecuteImageMigration", {"policyId": 2})
    execution = h.call("ListImageMigrationRecords").body["items"][0]
    h.call("StopImageMigration", executionId=execution["id"])
    h.clock.now += 10
    assert h.call("GetImageMigrationExecutionRecordDetail", executionId=execution["id"]).body["status"] == "Stopped"


def test_scan_runs_then_reports_the_fixture_findings(h: Harness) -> None:
    h.call("TriggerTagScan", repositoryName="ubuntu", tagName="latest")
    running = h.call("GetTagDetail", repositoryName="ubuntu", tagName="latest").body["scanOverview"]
    assert running["scanStatus"] == "Running"
    assert h.status("TriggerTagScan", repositoryName="ubuntu", tagName="latest") == 409
    h.clock.now += 10
    done = h.call("GetTagDetail", repositoryName="ubuntu", tagName="latest").body["scanOverview"]
    assert done["scanStatus"] == "Success" and done["total"] == 3 and done["severity"] == "High"
    assert h.call("GetTagsScanOverview", repositoryName="ubuntu", tagName="latest", pageSize=2).body["total"] == 3


def test_deleting_a_tag_records_a_job_for_matching_enabled_triggers(h: Harness) -> None:
    h.call("DeleteTag", repositoryName="nginx", tagName="latest")
    jobs = h.call("ListTriggerTasks", policyId=1).body["jobs"]
    assert [j["eventType"] for j in jobs] == ["DELETE_ARTIFACT"] and jobs[0]["images"] == ["library/nginx:latest"]
    h.call("ToggleTrigger", policyId=1, enabled=False)
    h.call("DeleteTag", repositoryName="ubuntu", tagName="1.0")
    assert h.call("ListTriggerTasks", policyId=1).body["total"] == 1


def test_chart_packages_download_as_tgz(h: Harness) -> None:
    reply = h.call("DownloadChart", filename="nginx-1.1.0.tgz")
    with tarfile.open(fileobj=io.BytesIO(gzip.decompress(reply.body))) as tar:
        chart = tar.extractfile("nginx/Chart.yaml").read().decode()  # type: ignore[union-attr]
    assert "version: 1.1.0" in chart
    assert reply.body == h.call("DownloadChart", filename="nginx-1.1.0.tgz").body
    assert h.status("DownloadChart", filename="nginx-9.9.9.tgz") == 404


def test_a_crud_operation_added_to_a_copy_of_the_spec_is_served_without_python() -> None:
    spec = copy.deepcopy(load_spec())
    item_path = "/v1/instances/{instanceId}/widgets/{widgetName}"
    coll_path = "/v1/instances/{instanceId}/widgets"
    schema = {
        "type": "object",
        "required": ["widgetName", "size"],
        "properties": {"widgetName": {"type": "string"}, "size": {"type": "integer"}},
    }
    page = {
        "type": "object",
        "properties": {
            "total": {"type": "integer"},
            "pageNo": {"type": "integer"},
            "pageSize": {"type": "integer"},
            "widgets": {"type": "array", "items": schema},
        },
    }
    ok = lambda s: {"200": {"description": "ok", "content": {"application/json": {"schema": s}}}}  # noqa: E731
    inst = {"$ref": "#/components/parameters/InstanceId"}
    name = {"name": "widgetName", "in": "path", "required": True, "schema": {"type": "string"}}
    spec["paths"][coll_path] = {
        "get": {"operationId": "ListWidgets", "parameters": [inst], "responses": ok(page)},
        "post": {"operationId": "CreateWidget", "parameters": [inst], "responses": ok(schema)},
    }
    spec["paths"][item_path] = {
        "get": {"operationId": "GetWidget", "parameters": [inst, name], "responses": ok(schema)},
        "delete": {
            "operationId": "DeleteWidget",
            "parameters": [inst, name],
            "responses": {"200": {"description": "The body is empty."}},
        },
    }
    spec["x-bce-resources"]["widgets"] = {
        "parent": "instances",
        "key": "widgetName",
        "operations": {"list": "ListWidgets", "create": "CreateWidget", "get": "GetWidget", "delete": "DeleteWidget"},
    }
    h = Harness(spec)
    assert h.call("CreateWidget", {"widgetName": "w1", "size": 3}).body == {"widgetName": "w1", "size": 3}
    assert h.call("ListWidgets").body["widgets"] == [{"widgetName": "w1", "size": 3}]
    h.call("DeleteWidget", widgetName="w1")
    assert h.status("GetWidget", widgetName="w1") == 404


def test_the_model_refuses_an_operation_claimed_twice() -> None:
    spec = copy.deepcopy(load_spec())
    spec["x-bce-resources"]["projects"]["behaviours"] = {"ListTags": "tag-scan"}
    with pytest.raises(Exception, match="claimed by resources"):
        ResourceModel.from_spec(spec)


def test_fixtures_files_are_checked(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "f.yaml"
    bad.write_text("widgets: []\n")
    h = Harness(demo=False)
    with pytest.raises(FixtureError, match="unknown top-level resource 'widgets'"):
        load(h.engine, read_fixtures(bad))
    bad.write_text("instances: [{name: x}]\n")
    with pytest.raises(FixtureError, match=r"instances\[0\]: id is required"):
        load(h.engine, read_fixtures(bad))
    bad.write_text(": : :\n")
    with pytest.raises(FixtureError, match="not valid YAML"):
        read_fixtures(bad)
    good = tmp_path / "g.json"
    good.write_text(
        '{"instances": [{"id": "ccr-aaaaaaaa", "name": "x", "projects": [{"projectName": "p1", "public": "true"}]}]}'
    )
    assert load(h.engine, read_fixtures(good)) == 2
    assert h.call("ListProjects", instanceId="ccr-aaaaaaaa").body["total"] == 1
