"""The helper's in-memory copy of each profile, never older than the request.

The CLI may change a profile while the helper runs.  Every change replaces the
store's change marker (``server.store.change_marker``), so a request only reads
that small file and serves the cached profile while the marker still holds the
token it held when the profile was read.  Otherwise (a change since, no marker,
a writer that died mid-change, or a second gone by) it reads the store's version
from the keyring and reloads the profile only when the version changed.  Under
load, concurrent requests share one such read, but only a read that *began
after the request arrived*: a change that finished before a request arrived is
always seen by it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Generic, TypeVar

from schemas.values import profile_values, value_variants

from .store import ProfileStore, StoredProfile
from .store.change_marker import UNCONFIRMED, Stamp

T = TypeVar("T")


@dataclass(frozen=True)
class CachedProfile:
    """One version of a profile, with what the endpoints serve from it."""

    name: str
    version: str
    data: dict[str, Any] = field(repr=False)

    @property
    def etag(self) -> str:
        return f'"{self.version}"'

    @cached_property
    def body(self) -> bytes:
        return json.dumps(self.data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    @cached_property
    def values(self) -> dict[str, str]:
        """Canonical key → value, sensitive ones included (filtered per request)."""
        return profile_values(self.data, include_sensitive=True)

    @cached_property
    def variants(self) -> dict[str, dict[str, Any]]:
        return value_variants(self.data)

    @classmethod
    def of(cls, stored: StoredProfile) -> CachedProfile:
        return cls(stored.name, stored.version, stored.data)


class SharedRead(Generic[T]):
    """Run a read for many waiting callers at once, never reusing a stale one.

    A caller joins a read only if it started after the caller arrived;
    otherwise it waits for the running read to end and starts (or joins) the
    next.  So each caller's answer reflects every change completed before it
    asked, and a burst of callers costs two reads, not one each.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._started = 0
        self._finished = 0
        self._running = False
        self._outcome: tuple[T | None, BaseException | None] = (None, None)

    def run(self, read: Callable[[], T]) -> T:
        with self._cond:
            arrived = self._started
            while True:
                if self._finished > arrived:
                    return self._unwrap(self._outcome)
                if not self._running:
                    break
                self._cond.wait()
            self._running = True
            self._started += 1
            mine = self._started
        outcome: tuple[T | None, BaseException | None]
        try:
            outcome = (read(), None)
        except Exception as exc:
            outcome = (None, exc)
        with self._cond:
            self._running = False
            self._finished = mine
            self._outcome = outcome
            self._cond.notify_all()
        return self._unwrap(outcome)

    @staticmethod
    def _unwrap(outcome: tuple[T | None, BaseException | None]) -> T:
        value, error = outcome
        if error is not None:
            raise error
        return value  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class _Known:
    """What the keyring held (None: no such profile), read after ``stamp`` was taken."""

    stamp: Stamp
    profile: CachedProfile | None


class ProfileCache:
    def __init__(self, store: ProfileStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._known: dict[str, _Known] = {}
        self._reads: dict[str, SharedRead[CachedProfile | None]] = {}

    def current(self, name: str) -> CachedProfile | None:
        """The profile as stored now (None when there is none)."""
        known = self._known.get(name)
        if known is not None and self.store.marker.vouches_for(known.stamp):
            return known.profile
        with self._lock:
            shared = self._reads.get(name)
            if shared is None:
                shared = self._reads[name] = SharedRead()
        return shared.run(lambda: self._refresh(name))

    def _refresh(self, name: str) -> CachedProfile | None:
        # The stamp comes first: a change during the reads below moves the marker
        # on, so the next request reads again instead of trusting this one.
        stamp = self.store.marker.stamp()
        version = self.store.version(name)
        known = self._known.get(name)
        cached = known.profile if known is not None else None
        entry: CachedProfile | None
        if version is None:
            entry = None
        elif cached is not None and cached.version == version:
            entry = cached
        else:
            stored = self.store.get(name)  # None: deleted between the two reads
            entry = CachedProfile.of(stored) if stored is not None else None
        self._known[name] = _Known(stamp, entry)
        return entry

    def remember(self, stored: StoredProfile) -> CachedProfile:
        """After this helper wrote a profile: keep what was written.

        Another process may write right after, so the next request still checks
        the version in the keyring (one call) before serving it.
        """
        entry = CachedProfile.of(stored)
        self._known[stored.name] = _Known(UNCONFIRMED, entry)
        return entry
