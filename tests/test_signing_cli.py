"""``ccr-contract sign``, run as users run it (the installed console script, in a subprocess)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from ccr_contract.paths import REPO_ROOT, SIGNING_VECTORS_DIR
from ccr_contract.signing import parse_timestamp, sign_request, verify_request

CLI = REPO_ROOT / ".venv" / "bin" / "ccr-contract"
AK, SK = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
TS = "2015-04-27T08:23:49Z"
BASE = ["--ak", AK, "--sk", SK, "--timestamp", TS]

pytestmark = pytest.mark.skipif(not CLI.exists(), reason="the ccr-contract console script is not installed in .venv")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CLI), "sign", *args], capture_output=True, text=True, timeout=60, check=False)


def sign_json(*args: str) -> dict:
    done = run(*args, *BASE, "--json")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return json.loads(done.stdout)


def test_plain_output_is_the_authorization_value_only() -> None:
    done = run("https://ccr.baidubce.com/v1/ccr/registries", *BASE)
    assert done.returncode == 0, done.stderr
    expected = sign_request("GET", "https://ccr.baidubce.com/v1/ccr/registries", {}, AK, SK, timestamp=TS)
    assert done.stdout == expected.authorization + "\n"
    assert SK not in done.stdout


def test_json_output_fields_are_consistent_and_verify() -> None:
    out = sign_json("https://ccr.baidubce.com/v1/ccr/registries?pageNo=1", "--method", "post")
    assert {"authorization", "canonical_request", "signing_key", "signature", "auth_string_prefix",
            "signed_headers", "headers"} <= out.keys()  # fmt: skip
    assert SK not in json.dumps(out)
    assert out["auth_string_prefix"] == f"bce-auth-v1/{AK}/{TS}/1800"
    assert out["authorization"] == f"{out['auth_string_prefix']}/{out['signed_headers']}/{out['signature']}"
    assert out["signed_headers"] == "host;x-bce-date"  # from the spec's x-bce-auth
    assert out["canonical_request"].split("\n")[:3] == ["POST", "/v1/ccr/registries", "pageNo=1"]
    assert out["headers"] == {"Authorization": out["authorization"], "x-bce-date": TS, "Host": "ccr.baidubce.com"}
    verified = verify_request(
        "POST", "/v1/ccr/registries", "pageNo=1", out["headers"], {AK: SK}.get, now=parse_timestamp(TS)
    )
    assert verified.variant == "standard"


def test_host_comes_from_the_url_with_its_port() -> None:
    out = sign_json("http://127.0.0.1:8080/v1/ccr/registries")
    assert out["canonical_request"].endswith("\nhost:127.0.0.1%3A8080\nx-bce-date:2015-04-27T08%3A23%3A49Z")
    assert out["headers"]["Host"] == "127.0.0.1:8080"


def test_an_explicit_host_header_wins_over_the_url() -> None:
    out = sign_json("http://127.0.0.1:8080/v1/ccr/registries", "--header", "Host: ccr.baidubce.com")
    assert "\nhost:ccr.baidubce.com\n" in out["canonical_request"]
    assert out["headers"]["Host"] == "ccr.baidubce.com"


def test_percent_encoded_wire_path_and_query_are_normalized_once() -> None:
    out = sign_json("https://ccr.baidubce.com/v1/ccr/%E9%95%9C%E5%83%8F/a%20b?keyword=%e9%95%9c%20hub")
    _, uri, query, _ = out["canonical_request"].split("\n", 3)
    assert uri == "/v1/ccr/%E9%95%9C%E5%83%8F/a%20b"  # not %25E9...
    assert query == "keyword=%E9%95%9C%20hub"
    assert "%25" not in out["canonical_request"]


def test_options_change_the_signature_as_documented() -> None:
    out = sign_json(
        "https://ccr.baidubce.com/v1/ccr/registries", "--expiration", "300",
        "--signed-headers", "host;x-bce-date;content-type", "-H", "Content-Type: application/json",
    )  # fmt: skip
    assert out["auth_string_prefix"].endswith("/300")
    assert out["signed_headers"] == "content-type;host;x-bce-date"
    assert "content-type:application%2Fjson" in out["canonical_request"]


def test_the_docs_walkthrough_command_reproduces_the_vector() -> None:
    """docs-src/signing.md tells readers to run this command: it must print the vector's values."""
    import importlib.util
    import shlex
    import sys

    spec = importlib.util.spec_from_file_location(
        "make_signing_vectors", REPO_ROOT / "scripts" / "make_signing_vectors.py"
    )
    assert spec and spec.loader
    gen = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, gen)
    spec.loader.exec_module(gen)
    folder: Path = SIGNING_VECTORS_DIR / gen.WALKTHROUGH
    argv = shlex.split(gen.walkthrough_command(folder))
    assert argv[:2] == ["ccr-contract", "sign"]
    assert " ".join(argv) in (REPO_ROOT / "docs-src" / "signing.md").read_text(encoding="utf-8").replace("'", "")
    done = run(*argv[2:])
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["authorization"] == (folder / f"{folder.name}.authz").read_text(encoding="utf-8")
    assert out["canonical_request"] == (folder / f"{folder.name}.creq").read_text(encoding="utf-8")
    assert out["signing_key"] == (folder / f"{folder.name}.sk").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        (["not a url", *BASE], "URL"),
        (["http://", *BASE], "URL"),
        (["ftp://ccr.baidubce.com/v1", *BASE], "URL"),
        (["/v1/ccr/registries", *BASE], "URL"),
        (["https://ccr.baidubce.com/", "--ak", AK, "--sk", SK, "--timestamp", "2015-04-27 08:23:49"], "timestamp"),
        (["https://ccr.baidubce.com/", "--ak", AK, "--sk", SK, "--timestamp", "2015-02-30T08:23:49Z"], "timestamp"),
        (["https://ccr.baidubce.com/", *BASE, "--header", "NoColonHere"], "header"),
        (["https://ccr.baidubce.com/", *BASE, "--header", ": value"], "header"),
        (["https://ccr.baidubce.com/", *BASE, "--header", "Bad Name: value"], "header"),
        (["https://ccr.baidubce.com/", *BASE, "--method", "G ET"], "method"),
        (["https://ccr.baidubce.com/", *BASE, "--expiration", "-5"], "expiration"),
        (["https://ccr.baidubce.com/", *BASE, "--signed-headers", "host;bad name"], "header"),
    ],
)
def test_bad_input_is_one_line_on_stderr_exit_2(args: list[str], mentions: str) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert lines[0].startswith("ccr-contract sign: error:")
    assert mentions.lower() in lines[0].lower()
    assert SK not in done.stderr


def test_the_secret_can_stay_off_the_command_line() -> None:
    """``CCR_SK`` or ``--sk -`` (standard input) sign exactly as ``--sk SK`` does; ``ps`` never sees the secret."""
    import os

    url = "https://ccr.baidubce.com/v1/ccr/registries"
    argv = [str(CLI), "sign", url, "--timestamp", TS]
    expected = run(url, *BASE).stdout
    env = {k: v for k, v in os.environ.items() if k not in ("CCR_AK", "CCR_SK")}
    from_env = subprocess.run(argv, env={**env, "CCR_AK": AK, "CCR_SK": SK}, capture_output=True, text=True, timeout=60)
    assert (from_env.returncode, from_env.stdout) == (0, expected), from_env.stderr
    from_stdin = subprocess.run(
        [*argv, "--ak", AK, "--sk", "-"], env=env, input=SK + "\n", capture_output=True, text=True, timeout=60
    )
    assert (from_stdin.returncode, from_stdin.stdout) == (0, expected), from_stdin.stderr
    for extra, needle in ((["--ak", AK], "no secret key"), (["--sk", "-"], "no secret key on standard input")):
        done = subprocess.run([*argv, *extra], env=env, input="", capture_output=True, text=True, timeout=60)
        assert done.returncode == 2 and needle in done.stderr, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
