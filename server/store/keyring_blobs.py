"""Values of any size in an OS keyring that only takes small ones, written atomically.

Windows Credential Manager refuses a secret over 2560 bytes of UTF-16 (1280
characters) with ``(1783, 'CredWrite', 'The stub received bad data')``, so a
value is split into chunks.  A write never touches the entries the current
pointer names: it writes a new generation of chunks, then switches the pointer
(one small entry, written in one call), then deletes the old generation.  A
crash at any point leaves the previous value readable; the pointer remembers a
generation in progress so the next write can clean it up.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import keyring
import keyring.backend
import keyring.errors
from filelock import FileLock

from .errors import KeyringUnavailable, StoreCorrupt, VersionConflict

# UTF-16 code units per chunk, well under Windows' 1280 so a backend that
# counts differently (bytes, escapes) still has room.
CHUNK_UNITS = 1000

UNAVAILABLE_FIX = (
    "plaint keeps your profile only in the OS keyring, and no working keyring was found "
    "({detail}).\n"
    "Fix it in one of these ways:\n"
    "  - Linux desktop: log in to a session that runs GNOME Keyring or KWallet and unlock it.\n"
    "  - Linux without a desktop: run plaint inside `dbus-run-session -- sh -c 'echo -n PASSWORD "
    "| gnome-keyring-daemon --unlock --components=secrets; plaint ...'` "
    "(Debian/Ubuntu: apt install gnome-keyring dbus).\n"
    "  - Choose a backend explicitly with PYTHON_KEYRING_BACKEND=<module.Class> or in "
    "keyringrc.cfg (`python -m keyring diagnose` shows where it is read from).\n"
    "plaint never falls back to a plain file."
)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Blob:
    text: str
    version: str


def _chunks(text: str) -> list[str]:
    """Split on code-point boundaries so no surrogate pair is cut in two."""
    chunks: list[str] = []
    start, units = 0, 0
    for i, ch in enumerate(text):
        width = 2 if ord(ch) > 0xFFFF else 1
        if units + width > CHUNK_UNITS:
            chunks.append(text[start:i])
            start, units = i, 0
        units += width
    chunks.append(text[start:])
    return chunks


def backend_name(backend: keyring.backend.KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


class KeyringBlobs:
    """Named text values under one keyring service, with versions."""

    def __init__(
        self,
        service: str,
        lock_path: Path,
        backend: keyring.backend.KeyringBackend | None = None,
    ) -> None:
        self.service = service
        self._backend = backend
        # Keyring backends are not thread-safe, and the CLI and the helper may
        # write at the same time: one lock per process, one file lock across them.
        self._thread_lock = threading.RLock()
        self._file_lock = FileLock(str(lock_path))

    @property
    def backend(self) -> keyring.backend.KeyringBackend:
        if self._backend is None:
            self._backend = keyring.get_keyring()
        return self._backend

    # -- raw keyring access, every error made safe -------------------------------

    def _call(self, fn: Callable[..., T], *args: Any) -> T:
        try:
            return fn(*args)
        except keyring.errors.KeyringLocked:
            raise KeyringUnavailable(
                UNAVAILABLE_FIX.format(detail="the keyring is locked")
            ) from None
        except keyring.errors.PasswordDeleteError:
            raise
        except keyring.errors.NoKeyringError:
            detail = f"the keyring library found no backend: {backend_name(self.backend)}"
            raise KeyringUnavailable(UNAVAILABLE_FIX.format(detail=detail)) from None
        except Exception as exc:  # any backend failure: D-Bus gone, refused write …
            # The exception text is not shown: a backend could echo what it was given.
            detail = f"{backend_name(self.backend)} failed with {type(exc).__name__}"
            raise KeyringUnavailable(UNAVAILABLE_FIX.format(detail=detail)) from None

    def _get(self, username: str) -> str | None:
        return self._call(self.backend.get_password, self.service, username)

    def _set(self, username: str, value: str) -> None:
        self._call(self.backend.set_password, self.service, username, value)

    def _delete(self, username: str) -> None:
        with suppress(keyring.errors.PasswordDeleteError):
            self._call(self.backend.delete_password, self.service, username)

    @contextmanager
    def locked(self) -> Iterator[None]:
        with self._thread_lock, self._file_lock:
            yield

    # -- pointer and chunks ----------------------------------------------------

    @staticmethod
    def _chunk_name(name: str, gen: str, index: int) -> str:
        return f"{name}#{gen}.{index}"

    def _pointer(self, name: str) -> dict[str, Any] | None:
        raw = self._get(name)
        if raw is None:
            return None
        try:
            pointer = json.loads(raw)
        except ValueError:
            raise StoreCorrupt(f"The keyring entry for '{name}' is not plaint's.") from None
        if not isinstance(pointer, dict):
            raise StoreCorrupt(f"The keyring entry for '{name}' is not plaint's.")
        return pointer

    @staticmethod
    def _version(pointer: dict[str, Any] | None) -> str | None:
        if not pointer or "gen" not in pointer:
            return None
        return f"{pointer['v']}-{pointer['gen']}"

    def _delete_generation(self, name: str, gen: str, count: int | None) -> None:
        if count is not None:
            for i in range(count):
                self._delete(self._chunk_name(name, gen, i))
            return
        # An interrupted write does not know how far it got: delete until a gap.
        i = 0
        while self._get(self._chunk_name(name, gen, i)) is not None:
            self._delete(self._chunk_name(name, gen, i))
            i += 1

    # -- public API --------------------------------------------------------------

    def version(self, name: str) -> str | None:
        with self.locked():
            return self._version(self._pointer(name))

    def read(self, name: str) -> Blob | None:
        with self.locked():
            pointer = self._pointer(name)
            version = self._version(pointer)
            if pointer is None or version is None:
                return None
            parts = []
            for i in range(int(pointer["n"])):
                part = self._get(self._chunk_name(name, pointer["gen"], i))
                if part is None:
                    raise StoreCorrupt(f"Part of '{name}' is missing from the keyring.")
                parts.append(part)
            text = "".join(parts)
            if hashlib.sha256(text.encode()).hexdigest() != pointer.get("sha256"):
                raise StoreCorrupt(f"'{name}' in the keyring does not match its checksum.")
            return Blob(text, version)

    def write(self, name: str, text: str, expected_version: str | bool | None = True) -> str:
        """Store ``text``; return the new version.

        ``expected_version``: the version the caller last read (None when it
        expects no value yet); ``True`` writes whatever is there.
        """
        with self.locked():
            pointer = self._pointer(name)
            current = self._version(pointer)
            if expected_version is not True and expected_version != current:
                raise VersionConflict(name, expected_version, current)  # type: ignore[arg-type]
            pointer = pointer or {"v": 0}
            if pointer.get("pending"):
                self._delete_generation(name, pointer["pending"], None)
            gen = secrets.token_hex(6)
            self._set(name, json.dumps({**pointer, "pending": gen}))
            chunks = _chunks(text)
            for i, chunk in enumerate(chunks):
                self._set(self._chunk_name(name, gen, i), chunk)
            new_pointer = {
                "v": int(pointer["v"]) + 1,
                "gen": gen,
                "n": len(chunks),
                "sha256": hashlib.sha256(text.encode()).hexdigest(),
            }
            self._set(name, json.dumps(new_pointer))
            if "gen" in pointer:
                self._delete_generation(name, pointer["gen"], int(pointer["n"]))
            return self._version(new_pointer)  # type: ignore[return-value]

    def delete(self, name: str, expected_version: str | bool | None = True) -> bool:
        with self.locked():
            pointer = self._pointer(name)
            if pointer is None:
                return False
            current = self._version(pointer)
            if expected_version is not True and expected_version != current:
                raise VersionConflict(name, expected_version, current)  # type: ignore[arg-type]
            self._delete(name)
            if pointer.get("pending"):
                self._delete_generation(name, pointer["pending"], None)
            if "gen" in pointer:
                self._delete_generation(name, pointer["gen"], int(pointer["n"]))
            return current is not None

    def probe(self) -> None:
        """Write, read back and delete a throw-away entry; raise when that fails."""
        name = f"probe-{secrets.token_hex(4)}"
        value = secrets.token_hex(8)
        with self.locked():
            self._set(name, value)
            try:
                if self._get(name) != value:
                    raise KeyringUnavailable(
                        UNAVAILABLE_FIX.format(detail="it did not return what was stored")
                    )
            finally:
                self._delete(name)
