"""The helper's long-lived Secret Service connection sees exactly what everyone else sees."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import suppress

import keyring
import pytest
from keyring.backends import SecretService

from server.keyring_session import PersistentSecretService, helper_backend

pytestmark = pytest.mark.usefixtures("secret_service")


@pytest.fixture
def backends() -> Iterator[tuple[PersistentSecretService, keyring.backend.KeyringBackend]]:
    ours = helper_backend()
    if ours is None:
        pytest.skip("the keyring here is not the Secret Service")
    assert isinstance(ours, PersistentSecretService)
    yield ours, SecretService.Keyring()
    ours.close()


def test_it_reads_and_writes_what_the_standard_backend_does(backends) -> None:  # type: ignore[no-untyped-def]
    ours, standard = backends
    service = f"plaint-test-{uuid.uuid4().hex[:8]}"
    try:
        assert ours.get_password(service, "a") is None
        ours.set_password(service, "a", "première valeur ✓")
        assert standard.get_password(service, "a") == "première valeur ✓"
        standard.set_password(service, "a", "second 第二")
        assert ours.get_password(service, "a") == "second 第二"  # changed elsewhere: seen at once
        standard.delete_password(service, "a")
        assert ours.get_password(service, "a") is None  # the remembered item is gone
        standard.set_password(service, "a", "again")
        assert ours.get_password(service, "a") == "again"  # and lives somewhere new
        ours.delete_password(service, "a")
        assert standard.get_password(service, "a") is None
        with pytest.raises(keyring.errors.PasswordDeleteError):
            ours.delete_password(service, "a")
    finally:
        with suppress(keyring.errors.PasswordDeleteError):
            standard.delete_password(service, "a")


def test_a_broken_connection_is_replaced(backends) -> None:  # type: ignore[no-untyped-def]
    ours, standard = backends
    service = f"plaint-test-{uuid.uuid4().hex[:8]}"
    try:
        ours.set_password(service, "b", "value")
        assert ours._state is not None
        ours._state[0].close()  # as if the daemon restarted
        assert ours.get_password(service, "b") == "value"
    finally:
        standard.delete_password(service, "b")


def test_keyring_never_chooses_it_by_itself() -> None:
    assert not PersistentSecretService.viable
    assert PersistentSecretService not in {type(k) for k in keyring.backend.get_all_keyring()}
