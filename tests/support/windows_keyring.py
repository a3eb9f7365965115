"""A keyring that refuses what Windows Credential Manager refuses.

It stores in the real Secret Service but first applies Windows' limit: a
secret over 2560 bytes of UTF-16 (1280 characters) fails with the error
CredWrite gives.  Select it with
PYTHON_KEYRING_BACKEND=tests.support.windows_keyring.WindowsSizedKeyring.
"""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.backends import SecretService

CRED_MAX_CREDENTIAL_BLOB_SIZE = 5 * 512  # bytes, as in wincred.h


class error(Exception):
    pass


class WindowsSizedKeyring(KeyringBackend):
    # Below the fail backend's 0: keyring never picks it (nor chains it) by itself,
    # even in a process that merely imported this module.
    priority = -1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self._inner = SecretService.Keyring()
        self.refused = 0

    def get_password(self, service: str, username: str) -> str | None:
        return self._inner.get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        if len(password.encode("utf-16-le")) > CRED_MAX_CREDENTIAL_BLOB_SIZE:
            self.refused += 1
            raise error(1783, "CredWrite", "The stub received bad data")
        self._inner.set_password(service, username, password)

    def delete_password(self, service: str, username: str) -> None:
        self._inner.delete_password(service, username)
