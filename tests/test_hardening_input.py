"""Issue 19, bad input that used to get through: unparseable URLs (500 from probes and pings),
repository names in non-canonical Base64, an unbounded robot duration, and ``1.0`` as an integer.

Every refusal must be a 400 BCE body; every real form (IPv6 literals, canonical Base64) must still
work, so a test of each side can fail.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from server_fixtures import SPEC, assert_bce_error, make_client, registry_body

from ccr_contract.server.engine.fixtures import demo_fixtures
from ccr_contract.server.health import UnusableUrl, parse_http_url

INSTANCE = "ccr-4a5b6c7d"
BAD_URLS = ["http://[", "http://[::1", "http://[zz]/", "http://[::1]x/", "http://a:99999/", "http:///x"]
GOOD_URLS = ["http://127.0.0.1:5000", "https://[2001:db8::1]/v2", "http://[::1]:8080/base", "https://hub.example.com"]
URL_PATTERN = SPEC["components"]["schemas"]["HttpUrl"]["pattern"]


def _url_fields(node: Any) -> list[dict[str, Any]]:
    """Every constrained property named ``url`` or ``address`` anywhere in the spec (request fields;
    answers echo what was stored and carry no pattern)."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        for name, value in node.items():
            if name in ("url", "address") and isinstance(value, dict) and ("pattern" in value or "$ref" in value):
                found.append(value)
            found += _url_fields(value)
    elif isinstance(node, list):
        for item in node:
            found += _url_fields(item)
    return found


def test_every_url_field_of_the_spec_is_the_one_http_url() -> None:
    fields = _url_fields(SPEC)
    assert len(fields) >= 4
    assert all(f.get("$ref") == "#/components/schemas/HttpUrl" and "pattern" not in f for f in fields), fields


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.from_regex(URL_PATTERN, fullmatch=True))
def test_every_url_the_spec_pattern_accepts_is_parsed(url: str) -> None:
    """The pattern and the server's parser agree: no schema-valid URL is refused as unparseable
    (a plain schemathesis run found ``http://[Bb36]#?`` and non-ASCII hosts the looser pattern let by)."""
    parse_http_url(url)


@pytest.mark.parametrize(
    "url",
    [*BAD_URLS[:5], "http://a:65536/", "http://a b/", "http://x@y@z/", "ftp://a/", "http://[Bb36]#?", "http://\U000c3c5b",
     "http://user:pw@reg.example/"],
)
def test_the_spec_pattern_refuses_urls_no_parser_reads(url: str) -> None:
    assert re.search(URL_PATTERN, url) is None


@pytest.mark.parametrize("url", [*GOOD_URLS, "http://reg.example:5000/p?q=1#f", "http://a:65535", "http://a:0/"])
def test_the_spec_pattern_keeps_real_urls_ipv6_literals_included(url: str) -> None:
    assert re.search(URL_PATTERN, url) is not None
    parse_http_url(url)


@pytest.mark.parametrize("url", [*BAD_URLS, "http://[:::::]/", "http://xn--/", "ftp://a/"])
def test_parse_http_url_refuses_what_cannot_be_called(url: str) -> None:
    with pytest.raises(UnusableUrl):
        parse_http_url(url)


def _no_pattern(client: Any) -> None:
    """Take the URL pattern out of the server's spec, so the server's own parsing is what answers
    (a spec with a looser pattern, or a URL stored before the pattern tightened)."""
    for node in _url_dicts(client.app.state.server.spec):
        node.pop("pattern", None)
    server = client.app.state.server
    server.validator._schemas._validator.cache_clear()


def _url_dicts(node: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if isinstance(node, dict):
        for name, value in node.items():
            if name in ("url", "address") and isinstance(value, dict) and "pattern" in value:
                out.append(value)
            out += _url_dicts(value)
    elif isinstance(node, list):
        for item in node:
            out += _url_dicts(item)
    return out


@pytest.mark.parametrize("url", BAD_URLS)
@pytest.mark.parametrize("patterned", [True, False])
def test_an_unparseable_url_is_a_400_everywhere_a_request_carries_one(url: str, patterned: bool) -> None:
    client = make_client()
    if not patterned:
        _no_pattern(client)
    calls = [
        (f"/v1/instances/{INSTANCE}/triggers/policies/targets", {"address": url}),
        (f"/v1/instances/{INSTANCE}/registries/ping", {**registry_body("r", url), "type": "harbor"}),
        ("/v1/ccr/registries/ping", registry_body("r", url)),
    ]
    if patterned:  # a create stores the URL without calling it: the spec's pattern is what refuses it
        calls.append(("/v1/ccr/registries", registry_body("r", url)))
    for path, body in calls:
        response = client.post(path, json=body)
        assert response.status_code == 400, (path, response.status_code, response.text)
        assert_bce_error(response, 400, response.json()["code"], "url" if "registr" in path else "address")
    assert client.app.state.server.internal_errors == 0


@pytest.mark.parametrize("url", GOOD_URLS)
def test_real_urls_are_still_accepted_ipv6_literals_included(url: str) -> None:
    client = make_client()
    response = client.post(f"/v1/instances/{INSTANCE}/triggers/policies/targets", json={"address": url})
    assert response.status_code == 200, response.text
    response = client.post("/v1/ccr/registries", json=registry_body("r", url))
    assert response.status_code == 200, response.text


def test_a_stored_unparseable_url_pings_false_not_500() -> None:
    """A URL stored before the pattern tightened: the probe reports it unhealthy."""
    client = make_client()
    reg_id = int(
        client.post("/v1/ccr/registries", json=registry_body("old", "http://127.0.0.1:1")).json()["targetName"]
    )
    items = client.app.state.server.engine.items
    ((kind, parent, key, data),) = [
        (kind, parent, key, json.loads(data))
        for kind, parent, key, data in items._conn.execute("SELECT kind, parent, key, data FROM items")
        if kind == "personalRegistries" and json.loads(data).get("id") == reg_id
    ]
    items.replace(kind, parent, key, {**data, "url": "http://[::1"})
    response = client.post("/v1/ccr/registries/ping", json={"id": reg_id})
    assert response.status_code == 200, response.text
    assert response.json()["targetName"] == "false"


# ----------------------------------------------------------------------- repository names (E39)


@pytest.mark.parametrize("segment", ["ubuntu", "dWJ1bnR1"])
def test_the_forms_e39_names_reach_the_repository(segment: str) -> None:
    response = make_client().get(f"/v1/instances/{INSTANCE}/projects/library/repositories/{segment}")
    assert response.status_code == 200, response.text
    assert response.json()["repositoryName"] == "ubuntu"


def test_padded_standard_base64_reaches_a_name_with_a_slash() -> None:
    seed = demo_fixtures()
    library = seed["instances"][0]["projects"][0]
    library["repositories"].append({**library["repositories"][0], "repositoryName": "lib/ubuntu", "tags": []})
    client = make_client(seed=seed)
    for segment in ("bGliL3VidW50dQ%3D%3D", "bGliL3VidW50dQ", "lib/ubuntu"):
        response = client.get(f"/v1/instances/{INSTANCE}/projects/library/repositories/{segment}")
        assert response.status_code == 200, (segment, response.text)
        assert response.json()["repositoryName"] == "lib/ubuntu"
    for segment in ("bGliL3VidW50dQ%3D", "bGliL3VidW50dQ%3D%3D%3D", "bGliL3VidW50dR", "bGliL3VidW50dQ%3D%3Dx"):
        response = client.get(f"/v1/instances/{INSTANCE}/projects/library/repositories/{segment}")
        assert response.status_code in (400, 404), (segment, response.text)


@pytest.mark.parametrize(
    "segment",
    ["dWJ1bnR1%00", "d.W.J.1.b.n.R.1", "dWJ1bnR1@@@", "dWJ1bnR1%3D%3D", "dWJ1bnR1====", "%20dWJ1bnR1", "dWJ1bn%0AR1"],
)
def test_base64_with_characters_outside_the_alphabet_names_nothing(segment: str) -> None:
    client = make_client()
    response = client.get(f"/v1/instances/{INSTANCE}/projects/library/repositories/{segment}")
    assert response.status_code in (400, 404), response.text
    assert client.app.state.server.internal_errors == 0


def test_non_canonical_trailing_bits_name_nothing() -> None:
    """``bmdpbng`` is ``nginx``; ``bmdpbnh`` decodes to the same bytes with stray low bits."""
    import base64

    assert base64.urlsafe_b64decode("bmdpbnh=") == base64.urlsafe_b64decode("bmdpbng=")
    client = make_client()
    client.post(f"/v1/instances/{INSTANCE}/projects/library/repositories", json={"repositoryName": "nginx"})
    canonical = client.get(f"/v1/instances/{INSTANCE}/projects/library/repositories/bmdpbng")
    stray = client.get(f"/v1/instances/{INSTANCE}/projects/library/repositories/bmdpbnh")
    if canonical.status_code == 200:
        assert canonical.json()["repositoryName"] in ("nginx", "bmdpbng")
    assert stray.status_code in (400, 404), stray.text


# ----------------------------------------------------------------------- robots and integers


def _robot(duration: Any) -> bytes:
    body = {
        "name": "r1",
        "description": "",
        "duration": 1,
        "permissions": [
            {"kind": "project", "namespace": "library", "access": [{"resource": "repository", "action": "pull"}]}
        ],
    }
    return json.dumps(body).replace('"duration": 1', f'"duration": {duration}').encode()


@pytest.mark.parametrize("duration", ["9223372036854775808", "3651", "1e4", "1.5"])
def test_a_robot_duration_past_the_bound_or_not_an_integer_is_a_400(duration: str) -> None:
    client = make_client()
    response = client.post(
        f"/v1/instances/{INSTANCE}/robots", content=_robot(duration), headers={"content-type": "application/json"}
    )
    assert_bce_error(response, 400, response.json().get("code", ""), "duration")


def test_the_longest_robot_duration_gives_an_int32_expiry() -> None:
    """3650 days (RobotDuration's maximum): ``expiresAt`` fits GO-GEN's int32 (ERRATA E85)."""
    client = make_client()
    response = client.post(
        f"/v1/instances/{INSTANCE}/robots", content=_robot(3650), headers={"content-type": "application/json"}
    )
    assert response.status_code == 200, response.text
    robots = client.get(f"/v1/instances/{INSTANCE}/robots").json()["robots"]
    expires = [r["expiresAt"] for r in robots if r["name"].endswith("r1")] + [response.json()["expiresAt"]]
    assert len(expires) == 2 and all(isinstance(e, int) and 0 < e < 2**31 for e in expires)


@pytest.mark.parametrize("item", ["1.5", "true", '"1"'])
def test_an_integer_id_that_is_not_a_whole_number_is_a_400(item: str) -> None:
    client = make_client()
    body = f'{{"items":[{item}]}}'.encode()
    response = client.request(
        "DELETE",
        f"/v1/instances/{INSTANCE}/triggers/policies",
        content=body,
        headers={"content-type": "application/json"},
    )
    assert_bce_error(response, 400, response.json()["code"], "items")


@pytest.mark.parametrize("item", ["987654.0", "9.87654e5"])
def test_a_whole_number_in_any_notation_names_the_item_of_that_integer(item: str) -> None:
    """JSON Schema counts ``987654.0`` as an integer: it is answered as 987654 would be (a 404 that
    names 987654), never as a key no item can have (issue 19: "rule 1.0 does not exist")."""
    client = make_client()
    answers = [
        client.request(
            "DELETE",
            f"/v1/instances/{INSTANCE}/triggers/policies",
            content=f'{{"items":[{text}]}}'.encode(),
            headers={"content-type": "application/json"},
        )
        for text in (item, "987654")
    ]
    assert answers[0].status_code == answers[1].status_code != 400, answers[0].text
    assert answers[0].json()["message"] == answers[1].json()["message"]
    assert ".0" not in answers[0].json()["message"] and "e5" not in answers[0].json()["message"]
