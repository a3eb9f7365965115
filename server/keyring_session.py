"""The Secret Service on one long-lived D-Bus connection, for the long-running helper.

keyring's own Secret Service backend opens a new D-Bus connection and a new
encrypted session (a Diffie-Hellman exchange) for every call: about 15 ms here.
That is fine for a CLI command and too slow for the helper, which reads the
keyring whenever a change marker moved and at least once a second
(``server.store.change_marker``).  This backend keeps one connection and one
session, and reads a secret in two D-Bus calls (SearchItems, GetSecret), one
once the item's path is known.

Only the Secret Service needs this: macOS Keychain and Windows Credential
Manager are local API calls already, so any other backend is used as it is.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import suppress
from typing import Any, TypeVar

import keyring
import keyring.backend
import keyring.errors
from keyring.backends import SecretService
from keyring.compat import properties

T = TypeVar("T")

_IS_LOCKED = "org.freedesktop.Secret.Error.IsLocked"


def helper_backend() -> keyring.backend.KeyringBackend | None:
    """The backend the helper should use, or None for keyring's own choice."""
    chosen = keyring.get_keyring()
    if type(chosen) is not SecretService.Keyring:
        return None
    return PersistentSecretService(
        scheme=chosen.scheme, collection=getattr(chosen, "preferred_collection", None)
    )


class PersistentSecretService(SecretService.Keyring):
    """keyring's Secret Service backend, reusing one connection and session."""

    @properties.classproperty
    def priority(cls) -> float:
        # Never picked by keyring's own discovery: only the helper asks for it.
        raise RuntimeError("plaint's helper creates this backend itself")

    def __init__(self, *, scheme: str = "default", collection: str | None = None) -> None:
        super().__init__()
        self.scheme = scheme
        self._collection_path = collection
        self._lock = threading.Lock()
        self._state: tuple[Any, Any, Any] | None = None  # connection, collection, session
        # (service, username) → item path.  Item paths are not reused while the
        # daemon runs, and a new connection (after a restart) starts afresh.
        self._paths: dict[tuple[str, str], str] = {}

    # -- connection ---------------------------------------------------------------

    def _open(self) -> tuple[Any, Any, Any]:
        import secretstorage
        from secretstorage.util import open_session

        if self._state is None:
            connection = secretstorage.dbus_init()
            try:
                if self._collection_path:
                    collection = secretstorage.Collection(connection, self._collection_path)
                else:
                    collection = secretstorage.get_default_collection(connection)
                session = open_session(connection)
            except Exception:
                connection.close()
                raise
            self._state = (connection, collection, session)
        return self._state

    def _drop(self) -> None:
        if self._state is not None:
            with suppress(Exception):  # already broken: nothing more to release
                self._state[0].close()
            self._state = None
        self._paths.clear()

    def _run(self, operation: Callable[[Any, Any, Any], T]) -> T:
        """Run ``operation`` on the shared connection; reconnect once if it broke.

        The daemon may restart while the helper runs, which invalidates the
        connection, the session and even the collection's object path.
        """
        with self._lock:
            for attempt in (1, 2):
                try:
                    return operation(*self._open())
                except (keyring.errors.KeyringLocked, keyring.errors.PasswordDeleteError):
                    raise
                except Exception:
                    self._drop()
                    if attempt == 2:
                        raise
        raise AssertionError("unreachable")

    def _unlock(self, connection: Any, collection: Any) -> None:
        if collection.is_locked():
            collection.unlock()
            if collection.is_locked():  # the person dismissed the prompt
                raise keyring.errors.KeyringLocked("Failed to unlock the collection!")

    def _search(self, connection: Any, collection: Any, service: str, username: str) -> str | None:
        from secretstorage.collection import COLLECTION_IFACE
        from secretstorage.util import DBusAddressWrapper

        address = DBusAddressWrapper(collection.collection_path, COLLECTION_IFACE, connection)
        (paths,) = address.call("SearchItems", "a{ss}", self._query(service, username))
        if not paths:
            self._paths.pop((service, username), None)
            return None
        self._paths[(service, username)] = paths[0]
        return str(paths[0])

    # -- the keyring API ----------------------------------------------------------

    def get_password(self, service: str, username: str) -> str | None:
        def read(connection: Any, collection: Any, session: Any) -> str | None:
            from jeepney import DBusErrorResponse
            from secretstorage.exceptions import ItemNotFoundException

            path = self._paths.get((service, username))
            for _attempt in range(3):
                if path is None:
                    path = self._search(connection, collection, service, username)
                    if path is None:
                        return None
                try:
                    return _read_secret(connection, session, path)
                except ItemNotFoundException:  # deleted meanwhile: look it up again
                    self._paths.pop((service, username), None)
                    path = None
                except DBusErrorResponse as exc:
                    if exc.name != _IS_LOCKED:
                        raise
                    self._unlock(connection, collection)
            raise keyring.errors.KeyringError("the keyring entry kept changing while read")

        return self._run(read)

    def set_password(self, service: str, username: str, password: str) -> None:
        def write(connection: Any, collection: Any, session: Any) -> None:
            self._unlock(connection, collection)
            collection.session = session
            attributes = self._query(service, username, application=self.appid)
            label = f"Password for '{username}' on '{service}'"
            item = collection.create_item(label, attributes, password.encode(), replace=True)
            self._paths[(service, username)] = item.item_path

        self._run(write)

    def delete_password(self, service: str, username: str) -> None:
        def delete(connection: Any, collection: Any, session: Any) -> None:
            from secretstorage import Item

            self._unlock(connection, collection)
            path = self._search(connection, collection, service, username)
            if path is None:
                raise keyring.errors.PasswordDeleteError("No such password!")
            self._paths.pop((service, username), None)
            Item(connection, path, session).delete()

        self._run(delete)

    def get_credential(self, service: str, username: str | None) -> Any:
        if username is None:
            return super().get_credential(service, username)
        password = self.get_password(service, username)
        if password is None:
            return None
        from keyring.credentials import SimpleCredential

        return SimpleCredential(username, password)

    def __str__(self) -> str:
        return f"{type(self).__module__}.{type(self).__qualname__}"

    def close(self) -> None:
        with self._lock:
            self._drop()


def _read_secret(connection: Any, session: Any, item_path: str) -> str:
    """GetSecret on one item, decrypted with the session's key (as secretstorage does)."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    from secretstorage.item import ITEM_IFACE
    from secretstorage.util import DBusAddressWrapper

    item = DBusAddressWrapper(item_path, ITEM_IFACE, connection)
    (secret,) = item.call("GetSecret", "o", session.object_path)
    if not session.encrypted:
        return bytes(secret[2]).decode("utf-8")
    decryptor = Cipher(algorithms.AES(session.aes_key), modes.CBC(bytes(secret[1]))).decryptor()
    padded = decryptor.update(bytes(secret[2])) + decryptor.finalize()
    return padded[: -padded[-1]].decode("utf-8")
