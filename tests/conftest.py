"""Every test runs against its own keyring service and private plaint directories.

Keyring tests need a real Secret Service: `make test` (and CI) start an
unlocked gnome-keyring inside dbus-run-session.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

# Each area keeps its fixtures in tests/support/fixtures_<area>.py.  They may import
# one another, so their asserts are rewritten whichever loads first.
pytest.register_assert_rewrite("tests.support")
pytest_plugins = sorted(
    f"tests.support.{p.stem}" for p in (Path(__file__).parent / "support").glob("fixtures_*.py")
)


@pytest.fixture(autouse=True)
def private_plaint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A keyring service and XDG directories of the test's own; removed afterwards."""
    service = f"plaint-test-{uuid.uuid4().hex[:10]}"
    monkeypatch.setenv("PLAINT_KEYRING_SERVICE", service)
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        path = tmp_path / "xdg" / var.lower()
        path.mkdir(parents=True)
        monkeypatch.setenv(var, str(path))
    monkeypatch.delenv("PLAINT_PROFILE", raising=False)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    yield service
    _forget(service)


def _forget(service: str) -> None:
    from server.store import KeyringUnavailable, ProfileStore

    try:
        store = ProfileStore()
        for name in store.names():
            store.delete(name)
        store.blobs.delete("profiles")
    except KeyringUnavailable:
        pass


@pytest.fixture(scope="session")
def secret_service() -> None:
    """Fail (not skip) when there is no working keyring: these tests must run."""
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__qualname__}"
    probe = f"plaint-probe-{uuid.uuid4().hex[:8]}"
    try:
        keyring.set_password(probe, "probe", "ok")
        assert keyring.get_password(probe, "probe") == "ok"
        keyring.delete_password(probe, "probe")
    except Exception as exc:  # pragma: no cover - environment problem
        pytest.fail(
            f"No working Secret Service ({name}: {type(exc).__name__}). Run the suite with "
            "`make test`, which starts one.",
            pytrace=False,
        )


@pytest.fixture
def store(secret_service: None) -> object:
    from server.store import ProfileStore

    return ProfileStore()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright launches the browser plaint itself would choose."""
    from automations.browser import choose_browser

    kwargs = choose_browser().launch_kwargs()
    return {**browser_type_launch_args, **kwargs}
