"""The reference server's answers decode into baiducloud-go-sdk's (GO-GEN) models.

No Go toolchain runs here, so the models named in issue 19 are described field by field as their
Go source types them (``baidubce/baiducloud-go-sdk`` ``services/ccr/model_*.go``, commit 561f814:
every field a pointer or a slice of pointers, ``omitempty``), and :func:`go_decode` applies
``encoding/json``'s rules for those types: ``null`` is always accepted, a string only into
``string``, a boolean only into ``bool``, an integer number only into ``int32`` within
``[-2^31, 2^31-1]`` (a fraction or a larger value is an ``UnmarshalTypeError``), an object only into
a struct, an array only into a slice; keys the struct does not name are ignored.

The decisions checked: UpdateInstanceName's ``tags`` is never a list (GO-GEN
``UpdateInstanceNameResponse.Tags *LogicalTag``; ERRATA E49) and a robot's ``expiresAt`` fits an
``int32`` (``Robot.ExpiresAt``, ``CreateRobotAccountResponse.ExpiresAt``; ERRATA E85).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from ccr_contract.auth_adapters import BceRequestsAuth
from ccr_contract.liveserver import serve_in_thread
from ccr_contract.server import create_app

AK, SK = "go-gen-ak", "go-gen-sk"
INSTANCE = "ccr-4a5b6c7d"

#: Go field types, as ``services/ccr/model_<name>.go`` declares them (json name -> Go type).
MODELS: dict[str, dict[str, str]] = {
    "LogicalTag": {"tagKey": "*string", "tagValue": "*string"},
    "UpdateInstanceNameResponse": {
        "id": "*string",
        "name": "*string",
        "instanceType": "*string",
        "publicURL": "*string",
        "region": "*string",
        "status": "*string",
        "createTime": "*string",
        "tags": "*LogicalTag",
    },
    "Instance": {
        "id": "*string",
        "name": "*string",
        "instanceType": "*string",
        "publicURL": "*string",
        "privateURL": "*string",
        "customDomains": "[]*string",
        "region": "*string",
        "status": "*string",
        "createTime": "*string",
        "expireTime": "*string",
        "tags": "[]*LogicalTag",
    },
    "GetInstanceDetailResponse": {"bucket": "*string", "region": "*string", "info": "*Instance"},
    "RobotPermissionAccess": {"resource": "*string", "action": "*string"},
    "RobotPermission": {"kind": "*string", "namespace": "*string", "access": "[]*RobotPermissionAccess"},
    "Robot": {
        "id": "*int32",
        "name": "*string",
        "description": "*string",
        "level": "*string",
        "disable": "*bool",
        "duration": "*int32",
        "expiresAt": "*int32",
        "creationTime": "*string",
        "updateTime": "*string",
        "permissions": "[]*RobotPermission",
    },
    "ListRobotAccountsResponse": {"pageNo": "*int32", "pageSize": "*int32", "total": "*int32", "robots": "[]*Robot"},
    "CreateRobotAccountResponse": {
        "id": "*int32",
        "name": "*string",
        "secret": "*string",
        "creationTime": "*string",
        "expiresAt": "*int32",
    },
}

INT32 = (-(2**31), 2**31 - 1)


def go_decode(go_type: str, value: Any, where: str) -> list[str]:
    """The errors ``json.Unmarshal`` reports decoding ``value`` into ``go_type`` (empty: none)."""
    if value is None:
        return []  # null leaves a pointer or slice nil
    if go_type.startswith("[]"):
        if not isinstance(value, list):
            return [f"{where}: cannot unmarshal {type(value).__name__} into {go_type}"]
        return [e for i, item in enumerate(value) for e in go_decode(go_type[2:], item, f"{where}[{i}]")]
    base = go_type.lstrip("*")
    if base == "string":
        ok = isinstance(value, str)
    elif base == "bool":
        ok = isinstance(value, bool)
    elif base == "int32":
        ok = type(value) is int and INT32[0] <= value <= INT32[1]
    else:
        if not isinstance(value, dict):
            return [f"{where}: cannot unmarshal {type(value).__name__} into {base}"]
        fields = MODELS[base]
        known = [(key, item) for key, item in value.items() if key in fields]
        return [e for key, item in known for e in go_decode(fields[key], item, f"{where}.{key}")]
    return [] if ok else [f"{where}: cannot unmarshal {value!r} into {base}"]


def test_the_decoder_refuses_what_go_refuses() -> None:
    assert go_decode("UpdateInstanceNameResponse", {"tags": [{"tagKey": "a"}]}, "r")
    assert go_decode("Robot", {"expiresAt": 2**31}, "r")
    assert go_decode("Robot", {"expiresAt": 1.5}, "r")
    assert go_decode("Robot", {"disable": "true"}, "r")
    assert go_decode("Robot", {"expiresAt": -1, "unknown": [1]}, "r") == []


@pytest.fixture(scope="module")
def call() -> Iterator[Any]:
    with serve_in_thread(create_app(credentials={AK: SK})) as url:
        session = requests.Session()
        session.auth = BceRequestsAuth(AK, SK)

        def send(method: str, path: str, **kwargs: Any) -> Any:
            answer = session.request(method, url + path, timeout=10, **kwargs)
            assert answer.status_code == 200, answer.text
            return answer.json()

        yield send
        session.close()


def test_rename_of_an_instance_with_tags_decodes(call: Any) -> None:
    tags = [{"tagKey": "env", "tagValue": "prod"}, {"tagKey": "team", "tagValue": "ops"}]
    call("PUT", f"/v1/instances/{INSTANCE}/tags", json={"tags": tags})
    renamed = call("PUT", f"/v1/instances/{INSTANCE}", json={"name": "go-gen"})
    assert renamed["name"] == "go-gen"
    assert go_decode("UpdateInstanceNameResponse", renamed, "UpdateInstanceName") == []
    detail = call("GET", f"/v1/instances/{INSTANCE}")
    assert detail["info"]["tags"] == tags  # the list is read here
    assert go_decode("GetInstanceDetailResponse", detail, "GetInstanceDetail") == []


@pytest.mark.parametrize("duration", [1, 30, 3650, -1])
def test_robot_answers_decode(call: Any, duration: int) -> None:
    access = [{"resource": "repository", "action": "pull"}]
    permissions = [{"kind": "project", "namespace": "library", "access": access}]
    body = {"name": f"go-gen-{duration + 1}", "duration": duration, "disable": False, "permissions": permissions}
    created = call("POST", f"/v1/instances/{INSTANCE}/robots", json=body)
    assert go_decode("CreateRobotAccountResponse", created, "CreateRobotAccount") == []
    assert created["expiresAt"] == -1 if duration == -1 else created["expiresAt"] > 0
    listed = call("GET", f"/v1/instances/{INSTANCE}/robots")
    assert listed["robots"] and go_decode("ListRobotAccountsResponse", listed, "ListRobotAccounts") == []
