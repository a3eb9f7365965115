"""`plaint pair` and `plaint serve` as the person runs them."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from server.pairing import Pairing
from tests.support.env import REPO, plaint_env
from tests.support.fixtures_server import HelperProcess, pair_token

pytestmark = pytest.mark.usefixtures("secret_service", "forget_pairing")

TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")
EXTENSION = "chrome-extension://" + "abcdefghijklmnopabcdefghijklmnop"


def plaint(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "automations", *args],
        cwd=REPO,
        env=plaint_env(**env),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_pair_prints_only_the_token_on_stdout_and_the_steps_on_stderr() -> None:
    result = plaint("pair")
    assert result.returncode == 0, result.stderr
    assert TOKEN.match(result.stdout.strip())
    assert result.stdout.count("\n") == 1
    assert '"Pairing token"' in result.stderr and '"Save"' in result.stderr
    assert "配对令牌" in result.stderr
    assert "plaint serve" in result.stderr
    # Created once, then the same token every time.
    assert plaint("pair").stdout == result.stdout
    assert Pairing().load().token == result.stdout.strip()  # type: ignore[union-attr]


def test_the_token_is_in_the_keyring_and_in_no_file(tmp_path: Path) -> None:
    token = pair_token()
    assert Pairing().load().token == token  # type: ignore[union-attr]
    files = [p for p in (tmp_path / "xdg").rglob("*") if p.is_file()]
    assert files, "the change marker should exist"
    for path in files:
        assert token.encode() not in path.read_bytes(), path


def test_rotate_replaces_the_token_and_forgets_paired_extensions() -> None:
    old = pair_token()
    Pairing().add_origin(EXTENSION, old)
    result = plaint("pair", "--rotate")
    assert result.returncode == 0
    new = result.stdout.strip()
    assert TOKEN.match(new) and new != old
    assert "pair again" in result.stderr
    state = Pairing().load()
    assert state.token == new and state.origins == frozenset()  # type: ignore[union-attr]


def test_forget_origins_keeps_the_token() -> None:
    token = pair_token()
    Pairing().add_origin(EXTENSION, token)
    assert "Paired extensions: 1." in plaint("pair").stderr
    result = plaint("pair", "--forget-origins")
    assert result.stdout.strip() == token
    assert "Paired extensions: 0." in result.stderr
    assert Pairing().load().origins == frozenset()  # type: ignore[union-attr]


def test_pair_without_a_keyring_says_how_to_fix_it() -> None:
    result = plaint("pair", PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    assert result.returncode == 2
    assert "keyring" in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_serve_has_no_option_to_listen_elsewhere() -> None:
    result = plaint("serve", "--help")
    assert result.returncode == 0
    assert "--port" in result.stdout
    assert "127.0.0.1" in result.stdout
    for option in ("--host", "--bind", "--listen", "--address"):
        assert option not in result.stdout


def test_serve_serves_then_stops_cleanly_on_ctrl_c(serve_process: HelperProcess) -> None:
    token = pair_token()
    health = requests.get(f"{serve_process.url}/api/health", timeout=20)
    assert health.json()["service"] == "plaint"
    keys = requests.get(
        f"{serve_process.url}/api/keys", headers={"Authorization": f"Bearer {token}"}, timeout=20
    )
    assert keys.status_code == 200
    code, out, err = serve_process.interrupt()
    assert code == 0
    assert "listening on http://127.0.0.1:" in out
    assert "plaint helper stopped." in err
    assert "Traceback" not in err
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", serve_process.port), timeout=5).close()


def test_serve_on_a_busy_port_says_so(serve_process: HelperProcess) -> None:
    result = plaint("serve", "--port", str(serve_process.port))
    assert result.returncode == 2
    assert str(serve_process.port) in result.stderr
    assert "--port" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_without_a_keyring_fails_at_once_with_the_fix() -> None:
    result = plaint("serve", "--port", "0", PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    assert result.returncode == 2
    assert "keyring" in result.stderr
    assert "listening" not in result.stdout
