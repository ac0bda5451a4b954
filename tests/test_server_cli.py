"""``ccr-contract mock``: what it prints, which key it reveals, and one-line errors for bad input.

uvicorn's ``Server.run`` is replaced by a recorder so these run in-process and instantly; the
real process is exercised by tests/test_server_persistence.py.
"""

from __future__ import annotations

import logging
import socket
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from ccr_cli.commands.mock import RedactQueryCredentials
from ccr_cli.main import main
from ccr_contract.server import DEMO_ACCESS_KEY, DEMO_SECRET_KEY


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    calls: list[Any] = []
    monkeypatch.delenv("CCR_AK", raising=False)  # the caller's environment must not change the defaults
    monkeypatch.delenv("CCR_SK", raising=False)

    def fake_run(self: uvicorn.Server, sockets: list[socket.socket] | None = None) -> None:
        calls.append((self.config, [sock.getsockname()[1] for sock in sockets or []]))
        for sock in sockets or []:
            sock.close()

    monkeypatch.setattr(uvicorn.Server, "run", fake_run)
    return calls


def test_defaults_print_the_url_and_the_demo_pair(served: list[Any], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mock", "--port", "0"]) == 0
    out = capsys.readouterr().out
    config, (port,) = served[0]
    assert port != 0
    assert out.splitlines()[0] == f"ccr-contract mock: listening on http://127.0.0.1:{port}"
    assert DEMO_ACCESS_KEY in out and DEMO_SECRET_KEY in out
    assert "in memory" in out
    assert config.access_log is False


def test_a_user_secret_key_is_never_printed(served: list[Any], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mock", "--port", "0", "--ak", "my-ak", "--sk", "my-very-secret-sk"]) == 0
    captured = capsys.readouterr()
    assert "my-ak" in captured.out
    assert "my-very-secret-sk" not in captured.out + captured.err
    assert DEMO_SECRET_KEY not in captured.out


def test_db_path_is_reported(served: list[Any], capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "state.db"
    assert main(["mock", "--port", "0", "--db", str(db), "--execution-seconds", "1.5"]) == 0
    out = capsys.readouterr().out
    assert f"SQLite file {db}" in out and "1.5 s" in out
    assert db.exists()


@pytest.mark.parametrize(
    ("argv", "status", "fragment"),
    [
        (["--ak", "only-ak"], 2, "--ak and --sk go together"),
        (["--port", "70000"], 2, "--port"),
        (["--execution-seconds", "-1"], 2, "--execution-seconds"),
        (["--execution-seconds", "nan"], 2, "--execution-seconds"),
        (["--probe-timeout", "0"], 2, "--probe-timeout"),
        (["--host", "no-such-host.invalid"], 1, "cannot listen"),
    ],
)
def test_bad_arguments_fail_with_one_line(
    served: list[Any], capsys: pytest.CaptureFixture[str], argv: list[str], status: int, fragment: str
) -> None:
    assert main(["mock", *argv]) == status
    err = capsys.readouterr().err
    assert fragment in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert served == []


def test_a_port_in_use_and_a_bad_database_fail_with_one_line(
    served: list[Any], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        assert main(["mock", "--port", str(busy.getsockname()[1])]) == 1
    assert "cannot listen on 127.0.0.1" in capsys.readouterr().err
    not_a_db = tmp_path / "garbage.db"
    not_a_db.write_text("this is not SQLite")
    assert main(["mock", "--port", "0", "--db", str(not_a_db)]) == 1
    err = capsys.readouterr().err
    assert "cannot open database" in err and len(err.strip().splitlines()) == 1
    assert main(["mock", "--port", "0", "--db", str(tmp_path / "missing-dir" / "x.db")]) == 1
    assert "cannot open database" in capsys.readouterr().err
    assert served == []


def test_the_key_pair_can_come_from_the_environment(
    served: list[Any], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCR_AK", "env-ak")
    monkeypatch.setenv("CCR_SK", "env-secret-sk-not-in-ps")
    assert main(["mock", "--port", "0"]) == 0
    captured = capsys.readouterr()
    assert "access key: env-ak" in captured.out
    assert "env-secret-sk-not-in-ps" not in captured.out + captured.err
    assert DEMO_SECRET_KEY not in captured.out
    app = served[0][0].app
    assert app.state.server.verifier._credentials == {"env-ak": "env-secret-sk-not-in-ps"}


def test_an_environment_secret_pairs_with_an_ak_flag_but_not_alone(
    served: list[Any], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CCR_AK", raising=False)
    monkeypatch.setenv("CCR_SK", "env-secret")
    assert main(["mock", "--port", "0"]) == 2
    assert "CCR_AK" in capsys.readouterr().err
    assert main(["mock", "--port", "0", "--ak", "flag-ak"]) == 0
    assert served[0][0].app.state.server.verifier._credentials == {"flag-ak": "env-secret"}


def test_access_log_config_logs_access_lines_at_info_and_redacts_query_credentials(served: list[Any]) -> None:
    assert main(["mock", "--port", "0", "--access-log"]) == 0
    config = served[0][0]
    assert config.access_log is True and config.log_level is None
    assert config.log_config["loggers"]["uvicorn.access"]["level"] == "INFO"
    assert config.log_config["loggers"]["uvicorn.error"]["level"] == "WARNING"
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5", "GET", "/v1/ccr/registries?pageNo=1&Authorization=bce-auth-v1/ak/sig", "1.1", 200),
        None,
    )
    RedactQueryCredentials().filter(record)
    assert "bce-auth-v1" not in record.getMessage() and "pageNo=1" in record.getMessage()
