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
    # Asked of the Secret Service itself, not of keyring's choice: any module that
    # defines another usable backend (a test fake, the demo's) makes keyring choose
    # a ChainerBackend for the whole process, which would skip these tests.
    if not SecretService.Keyring.viable:
        pytest.skip("there is no Secret Service here")
    ours = PersistentSecretService()
    yield ours, SecretService.Keyring()
    ours.close()


@pytest.fixture
def chosen_secret_service() -> Iterator[None]:
    """keyring's choice is the Secret Service, as on a Linux desktop."""
    if not SecretService.Keyring.viable:
        pytest.skip("there is no Secret Service here")
    before = keyring.get_keyring()
    keyring.set_keyring(SecretService.Keyring())
    yield
    keyring.set_keyring(before)


def test_the_helper_uses_one_session_when_keyring_chose_the_secret_service(
    chosen_secret_service: None, forget_pairing: None
) -> None:
    from server import create_app

    ours = helper_backend()
    assert isinstance(ours, PersistentSecretService)
    ours.close()
    app = create_app()
    backend = app.extensions["plaint"].store.blobs.backend
    assert isinstance(backend, PersistentSecretService)
    assert app.extensions["plaint"].pairing.pairing.blobs.backend is backend
    backend.close()


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
