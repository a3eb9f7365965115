"""A throw-away home for the demo: its own folder and a keyring that lives in memory.

The demo stores its sample profile and case through the real stores, so it
shows exactly what a person's own run does; but nothing reaches the person's
keyring or case database, and it works on a machine that has no keyring yet.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors

DEMO_SERVICE = "plaint-demo"
SERVICE_ENV = "PLAINT_KEYRING_SERVICE"  # read by server.store.profiles


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Secrets kept in this process only, forgotten when it ends."""

    priority = -1  # type: ignore[assignment]  # never chosen by keyring itself: only set explicitly

    def __init__(self) -> None:
        super().__init__()
        self._items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self._items.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


@contextlib.contextmanager
def demo_home() -> Iterator[Path]:
    """Point plaint's files and keyring at a temporary home; restore everything after."""
    from server.store.paths import HOME_ENV

    folder = Path(tempfile.mkdtemp(prefix="plaint-demo-home-"))
    saved_env = {name: os.environ.get(name) for name in (HOME_ENV, SERVICE_ENV)}
    saved_keyring = keyring.get_keyring()
    os.environ[HOME_ENV] = str(folder)
    os.environ[SERVICE_ENV] = DEMO_SERVICE
    keyring.set_keyring(MemoryKeyring())
    try:
        yield folder
    finally:
        keyring.set_keyring(saved_keyring)
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(folder, ignore_errors=True)
