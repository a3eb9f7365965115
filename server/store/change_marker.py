"""A small file that tells a long-running reader whether some keyring entries changed.

A keyring read costs a D-Bus round trip (a millisecond or more), far too much
for every request the helper answers.  So every process that changes the
entries a marker covers (the CLI, the helper itself) replaces the marker around
the change:

1. before touching the keyring: the word ``changing``;
2. after, even when the change failed: a new random token (128 bits, hex).

The file lives in plaint's private data directory, mode 600, and holds nothing
else: never a profile value, never the pairing token.  A reader notes the token
*before* it reads the keyring and trusts what it read for as long as the marker
still holds that same token.  A token is random and never repeats, so two
changes within one clock tick are told apart (an mtime could not); a marker that
is missing, unreadable, damaged or still says ``changing`` (a writer killed
mid-change) vouches for nothing, and the reader goes to the keyring as it would
without a marker.  The reader also goes back to the keyring at least every
``REVALIDATE_SECONDS``, so a change made outside plaint (a keyring manager, the
keyring being locked) is noticed soon even though it never touches the marker.

Checking is one ``stat`` per request on POSIX: the reader keeps the file it
read the token from open, so no new file can get its inode number, and a path
that still leads to that inode leads to that unchanged file (plaint never
rewrites a marker in place).  Elsewhere the reader reads the token again.

Writers hold the keyring lock (``KeyringBlobs.locked``) around all of this, so
one process's ``changing`` … token sequence never interleaves with another's.
"""

from __future__ import annotations

import math
import os
import re
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from .errors import StoreError

REVALIDATE_SECONDS = 1.0
CHANGING = b"changing"
_TOKEN = re.compile(rb"[0-9a-f]{32}")
# Windows refuses to replace a file another process has open (the helper reads the
# marker there for a few microseconds per request): try again briefly, not fail a write.
_REPLACE_ATTEMPTS = 50 if os.name == "nt" else 1


class _OpenMarker:
    """A marker file held open, so that its inode number cannot be given to a new file.

    While it is open, a path that still leads to this inode leads to this very
    file, and plaint never rewrites a marker in place: one ``stat`` of the path
    then tells whether the token changed, without opening and reading the file.
    """

    __slots__ = ("fd", "identity")

    def __init__(self, fd: int, identity: tuple[int, int]) -> None:
        self.fd = fd
        self.identity = identity

    def __del__(self) -> None:
        with suppress(OSError):
            os.close(self.fd)


# Windows refuses to replace a file that is open: there the reader reads the token again.
_HOLD_OPEN = os.name == "posix"


@dataclass(frozen=True, slots=True)
class Stamp:
    """The marker's token when a reader began reading the keyring, and when."""

    token: str | None
    at: float
    file: _OpenMarker | None = None


# What a reader holds for a value it did not read itself: never vouched for.
UNCONFIRMED = Stamp(None, -math.inf)


class MarkerUnwritable(StoreError):
    pass


class ChangeMarker:
    def __init__(
        self,
        path: Path,
        lock: Callable[[], AbstractContextManager[object]],
        revalidate_seconds: float = REVALIDATE_SECONDS,
    ) -> None:
        self.path = path
        self._lock = lock  # the writers' lock: the keyring lock of the entries covered
        self.revalidate_seconds = revalidate_seconds
        self._open: _OpenMarker | None = None  # the last file held open, shared by stamps

    # -- readers ----------------------------------------------------------------------

    def _read(self) -> tuple[str | None, _OpenMarker | None]:
        """The token (None for ``changing`` or anything damaged) and, on POSIX, the
        file it was read from, held open.  Raises OSError."""
        # os.open rather than open(): no buffered file object, half the cost.
        fd = os.open(self.path, os.O_RDONLY)
        try:
            raw = os.read(fd, 64)
            token = raw.decode("ascii") if _TOKEN.fullmatch(raw) else None
            if token is None or not _HOLD_OPEN:
                return token, None
            st = os.fstat(fd)
            identity = (st.st_dev, st.st_ino)
            held = self._open
            if held is None or held.identity != identity:
                held = self._open = _OpenMarker(fd, identity)
                fd = -1  # kept open by ``held``
            return token, held
        finally:
            if fd >= 0:
                os.close(fd)

    def token(self) -> str | None:
        try:
            return self._read()[0]
        except OSError:
            return None

    def stamp(self) -> Stamp:
        """Call before reading the entries from the keyring; keep it with what was read."""
        at = time.monotonic()
        try:
            token, held = self._read()
        except FileNotFoundError:
            token, held = self._start()
        except OSError:
            token, held = None, None
        return Stamp(token, at, held)

    def vouches_for(self, stamp: Stamp) -> bool:
        """Whether what was read after ``stamp`` is still what the keyring holds."""
        if stamp.token is None or time.monotonic() - stamp.at >= self.revalidate_seconds:
            return False
        if stamp.file is None:
            return self.token() == stamp.token
        try:
            st = os.stat(self.path)
        except OSError:
            return False
        return (st.st_dev, st.st_ino) == stamp.file.identity

    def _start(self) -> tuple[str | None, _OpenMarker | None]:
        """No marker yet (first run, or it was removed): make one.

        Under the writers' lock, so no change is half done while it appears.
        """
        try:
            with self._lock():
                with suppress(FileNotFoundError):
                    return self._read()  # another process made it meanwhile
                self._write_token()
                return self._read()
        except OSError:
            return None, None

    # -- writers ----------------------------------------------------------------------

    @contextmanager
    def changing(self) -> Iterator[None]:
        """Wrap every change to the entries this marker covers."""
        with self._lock():
            self.begin()
            try:
                yield
            finally:
                self.end()

    def begin(self) -> None:
        try:
            self._replace(CHANGING)
        except OSError:
            # No marker at all vouches for nothing either; only a marker we can
            # neither replace nor remove could let a reader miss this change.
            try:
                self.path.unlink(missing_ok=True)
            except OSError:
                raise MarkerUnwritable(
                    f"plaint could not update {self.path}: make plaint's data folder "
                    "writable for you, then try again."
                ) from None

    def end(self) -> None:
        # If this fails the marker still says ``changing`` (or is gone), which
        # sends readers to the keyring: safe, only slower.
        with suppress(OSError):
            self._write_token()

    def _write_token(self) -> None:
        self._replace(secrets.token_hex(16).encode("ascii"))

    def _replace(self, content: bytes) -> None:
        """Atomically: a reader sees the old content or the new, never a mix."""
        temporary = self.path.with_name(f".{self.path.name}.{secrets.token_hex(4)}")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(content)
            for attempt in range(_REPLACE_ATTEMPTS):
                try:
                    os.replace(temporary, self.path)
                    return
                except PermissionError:
                    if attempt == _REPLACE_ATTEMPTS - 1:
                        raise
                    time.sleep(0.002)
        finally:
            with suppress(FileNotFoundError):
                temporary.unlink()
