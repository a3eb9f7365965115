"""A real helper for the server tests: waitress on 127.0.0.1, a random port, the real keyring."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests

from tests.support.env import REPO, plaint_env

LISTENING = re.compile(r"listening on http://127\.0\.0\.1:(\d+)/")


@dataclass
class LiveHelper:
    """A helper serving in this process; ``request`` talks to it over real HTTP."""

    app: Any
    server: Any
    token: str
    session: requests.Session = field(default_factory=requests.Session)

    @property
    def port(self) -> int:
        return int(self.server.port)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def auth(self, **headers: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", **headers}

    def request(
        self, method: str, path: str, *, token: str | None = "", **kwargs: Any
    ) -> requests.Response:
        """With the right token unless ``token`` names another (None: no header)."""
        headers = dict(kwargs.pop("headers", None) or {})
        if token is not None and "Authorization" not in headers:
            headers["Authorization"] = f"Bearer {token or self.token}"
        kwargs.setdefault("timeout", 20)
        return self.session.request(method, self.url + path, headers=headers, **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)


def _forget_pairing() -> None:
    from server.pairing import Pairing
    from server.store import KeyringUnavailable

    with suppress(KeyringUnavailable):
        Pairing().delete()


@pytest.fixture
def forget_pairing(secret_service: None) -> Iterator[None]:
    """Remove this test's pairing entry from the keyring afterwards."""
    yield
    _forget_pairing()


def start_helper(config: dict[str, Any] | None = None) -> LiveHelper:
    from server import create_app
    from server.wsgi import HelperServer

    app = create_app(config or {})
    token = app.extensions["plaint"].pairing.state().token
    server = HelperServer(app, port=0).start()
    return LiveHelper(app, server, token)


def stop_helper(live: LiveHelper) -> None:
    live.session.close()
    live.server.stop()
    backend = live.app.extensions["plaint"].store.blobs.backend
    if hasattr(backend, "close"):
        backend.close()


@pytest.fixture
def helper(secret_service: None, forget_pairing: None) -> Iterator[LiveHelper]:
    """The helper app served by waitress in a thread, on a random loopback port."""
    live = start_helper()
    try:
        yield live
    finally:
        stop_helper(live)


@dataclass
class HelperProcess:
    """`plaint serve` as a real process."""

    process: subprocess.Popen[str]
    port: int
    first_line: str

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def interrupt(self, timeout: float = 15) -> tuple[int, str, str]:
        """Ctrl-C, then the exit code and everything the process printed."""
        self.process.send_signal(signal.SIGINT)
        out, err = self.process.communicate(timeout=timeout)
        return self.process.returncode, self.first_line + out, err


def spawn_serve(*args: str, env: dict[str, str] | None = None) -> HelperProcess:
    process = subprocess.Popen(
        [sys.executable, "-m", "automations", "serve", "--port", "0", *args],
        cwd=REPO,
        env=env or plaint_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert process.stdout is not None
    deadline = time.monotonic() + 30
    line = ""
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line or process.poll() is not None:
            break
    match = LISTENING.search(line)
    if not match:
        process.kill()
        out, err = process.communicate()
        raise AssertionError(f"plaint serve did not start: {line!r} {out!r} {err!r}")
    return HelperProcess(process, int(match.group(1)), line)


@pytest.fixture
def serve_process(secret_service: None, forget_pairing: None) -> Iterator[HelperProcess]:
    """`plaint serve --port 0 -v` in a subprocess with this test's keyring and dirs."""
    helper = spawn_serve("-v")
    try:
        yield helper
    finally:
        if helper.process.poll() is None:
            helper.process.kill()
            helper.process.communicate()


def pair_token() -> str:
    """The pairing token as `plaint pair` prints it."""
    result = subprocess.run(
        [sys.executable, "-m", "automations", "pair"],
        cwd=REPO,
        env=plaint_env(),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout.strip()


__all__ = [
    "HelperProcess",
    "LiveHelper",
    "forget_pairing",
    "helper",
    "pair_token",
    "serve_process",
    "spawn_serve",
    "start_helper",
    "stop_helper",
]
