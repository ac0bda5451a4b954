"""ccr_contract.signing against the published vector suite in spec/signing-vectors/.

The vectors come from Baidu's SDKs (scripts/make_signing_vectors.py), so these tests compare our
signer and verifier with the oracles' recorded output, and check that the committed suite and
docs-src/signing.md are exactly what the generator produces.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from ccr_contract.paths import REPO_ROOT, SIGNING_VECTORS_DIR
from ccr_contract.signing import (
    MalformedAuthorization,
    SignatureMismatch,
    VerifyPolicy,
    normalize,
    parse_timestamp,
    sign_request,
    verify_request,
)

AK = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
SK = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
NODE_READY = (REPO_ROOT / "node_modules" / "@baiducloud" / "sdk").is_dir() and shutil.which("node") is not None


def _load_generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "make_signing_vectors", REPO_ROOT / "scripts" / "make_signing_vectors.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


GEN = _load_generator()


@dataclass(frozen=True)
class RawRequest:
    method: str
    target: str
    headers: list[tuple[str, str]]
    body: str

    @property
    def path(self) -> str:
        return self.target.partition("?")[0]

    @property
    def query(self) -> str:
        return self.target.partition("?")[2]


def parse_raw(text: str) -> RawRequest:
    """Parse a .req/.sreq file: request line, ``Name:value`` lines, blank line, body."""
    head, _, body = text.partition("\n\n")
    request_line, *header_lines = head.split("\n")
    method, target, version = request_line.split(" ")
    assert version == "HTTP/1.1"
    headers = [(name, value) for name, _, value in (line.partition(":") for line in header_lines)]
    return RawRequest(method, target, headers, body)


CASE_DIRS = sorted(p for p in SIGNING_VECTORS_DIR.iterdir() if p.is_dir())


def _files(case_dir: Path) -> dict[str, str]:
    return {
        suffix: (case_dir / f"{case_dir.name}{suffix}").read_text(encoding="utf-8")
        for suffix in (".req", ".creq", ".sk", ".authz", ".sreq", ".json")
    }


def test_suite_has_every_generator_case() -> None:
    assert [p.name for p in CASE_DIRS] == sorted(c.name for c in GEN.CASES)
    assert len(CASE_DIRS) >= 30


@pytest.mark.parametrize("case_dir", CASE_DIRS, ids=lambda p: p.name)
def test_our_signer_reproduces_vector(case_dir: Path) -> None:
    files = _files(case_dir)
    meta = json.loads(files[".json"])
    req = parse_raw(files[".req"])
    signed_headers = files[".authz"].split("/")[4].split(";")
    signed = sign_request(
        req.method,
        req.target,
        dict(req.headers),
        AK,
        SK,
        timestamp=meta["timestamp"],
        expiration=meta["expiration"],
        signed_headers=signed_headers,
    )
    assert signed.auth_string_prefix == meta["auth_string_prefix"]
    assert signed.canonical_request == files[".creq"]
    assert signed.signing_key == files[".sk"]
    assert signed.authorization == files[".authz"]
    # .sreq is .req with the Authorization header added
    sreq = parse_raw(files[".sreq"])
    assert sreq.headers == [*req.headers, ("Authorization", files[".authz"])]
    assert (sreq.method, sreq.target, sreq.body) == (req.method, req.target, req.body)


@pytest.mark.parametrize("case_dir", CASE_DIRS, ids=lambda p: p.name)
def test_our_verifier_accepts_vector_and_each_sdk_deviation_as_documented(case_dir: Path) -> None:
    files = _files(case_dir)
    meta = json.loads(files[".json"])
    sreq = parse_raw(files[".sreq"])
    now = parse_timestamp(meta["timestamp"]) + timedelta(seconds=1)
    lookup = {AK: SK}.get

    def verify(authorization: str, policy: VerifyPolicy | None = None):  # type: ignore[no-untyped-def]
        headers = [(k, v) for k, v in sreq.headers if k != "Authorization"] + [("Authorization", authorization)]
        return verify_request(sreq.method, sreq.path, sreq.query, dict(headers), lookup, now=now, policy=policy)

    assert verify(files[".authz"]).variant == "standard"
    assert verify(files[".authz"], VerifyPolicy(accept_variants=False)).variant == "standard"
    for deviation in meta["deviations"]:
        assert deviation["authorization"] != files[".authz"]
        assert verify(deviation["authorization"]).variant == deviation["verifier_variant"], deviation["sdk"]
        if deviation["verifier_variant"] != "standard":
            with pytest.raises((SignatureMismatch, MalformedAuthorization)):
                verify(deviation["authorization"], VerifyPolicy(accept_variants=False))


def test_published_worked_example_is_in_the_suite() -> None:
    folder = SIGNING_VECTORS_DIR / "seed-worked-example"
    # Values published by Baidu ("Generate Authentication String"), quoted in signing-notes.md.
    assert (folder / "seed-worked-example.sk").read_text() == (
        "1d5ce5f464064cbee060330d973218821825ac6952368a482a592e6615aef479"
    )
    assert (
        (folder / "seed-worked-example.authz")
        .read_text()
        .endswith("/d74a04362e6a848f5b39b15421cb449427f419c95a480fd6b8cf9fc783e2999e")
    )
    assert (folder / "seed-worked-example.creq").read_text().split("\n", 3)[3] == (
        "content-length:8\ncontent-md5:NFzcPqhviddjRNnSOGo4rw%3D%3D\ncontent-type:text%2Fplain\n"
        "host:bj.bcebos.com\nx-bce-date:2015-04-27T08%3A23%3A49Z"
    )


def test_normalized_string_vectors() -> None:
    data = json.loads((SIGNING_VECTORS_DIR / "normalized-strings.json").read_text(encoding="utf-8"))
    first = data["vectors"][0]
    assert first["input"] == "this is an example for 测试"
    assert first["normalized"] == "this%20is%20an%20example%20for%20%E6%B5%8B%E8%AF%95"
    assert len(data["vectors"]) >= 10
    for vector in data["vectors"]:
        assert normalize(vector["input"]) == vector["normalized"], vector["note"]
        assert normalize(vector["input"].encode("utf-8")) == vector["normalized"]


def test_python_oracle_still_produces_the_committed_expectations() -> None:
    """Without node: every Python-oracle case re-signed by bce-python-sdk gives the committed files."""
    checked = 0
    for case in GEN.CASES:
        if case.oracle != GEN.PYTHON_SDK:
            continue
        got = GEN.python_sign(case, GEN._restricted(case))
        folder = SIGNING_VECTORS_DIR / case.name
        assert got["authorization"] == (folder / f"{case.name}.authz").read_text(encoding="utf-8")
        assert got["canonical_request"] == (folder / f"{case.name}.creq").read_text(encoding="utf-8")
        assert got["signing_key"] == (folder / f"{case.name}.sk").read_text(encoding="utf-8")
        checked += 1
    assert checked >= 25


def test_docs_walkthrough_matches_the_vector() -> None:
    page = (REPO_ROOT / "docs-src" / "signing.md").read_text(encoding="utf-8")
    assert page == GEN.walkthrough(SIGNING_VECTORS_DIR / GEN.WALKTHROUGH)
    folder = SIGNING_VECTORS_DIR / GEN.WALKTHROUGH
    for suffix in (".sk", ".authz", ".creq"):
        assert (folder / f"{GEN.WALKTHROUGH}{suffix}").read_text(encoding="utf-8") in page


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.node
@pytest.mark.skipif(not NODE_READY, reason="node_modules/@baiducloud/sdk or node is missing")
def test_regeneration_reproduces_committed_files(tmp_path: Path) -> None:
    out, docs = tmp_path / "signing-vectors", tmp_path / "signing.md"
    GEN.build(out, docs)
    assert _tree(out) == _tree(SIGNING_VECTORS_DIR)
    assert docs.read_bytes() == (REPO_ROOT / "docs-src" / "signing.md").read_bytes()
