"""What the stores raise.  Messages never contain a stored value."""

from __future__ import annotations


class StoreError(Exception):
    """Base of every store error; ``str()`` is safe to show the person."""


class KeyringUnavailable(StoreError):
    """No usable OS keyring: the environment must be fixed, not the input."""


class VersionConflict(StoreError):
    def __init__(self, name: str, expected: str | None, actual: str | None) -> None:
        super().__init__(
            f"{name} was changed elsewhere (expected version {expected}, found {actual}); "
            "reload it and apply your change again."
        )
        self.expected = expected
        self.actual = actual


class NotFound(StoreError):
    pass


class StoreCorrupt(StoreError):
    pass
