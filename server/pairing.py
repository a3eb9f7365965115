"""The pairing token and the paired extension origins, kept in the OS keyring.

The token is 256 random bits, created on first use.  It and the extension
origins that proved they hold it live in one keyring entry, so rotating the
token and forgetting the origins is one atomic write.

A running helper caches this state.  Whenever plaint changes it (``plaint pair
--rotate``, a new origin), it also replaces the ``pairing.changed`` marker in
plaint's private data directory (``server.store.change_marker``: a random
token, never the pairing token).  The helper reads that file on each request
(microseconds, where a keyring read costs a millisecond or more) and reloads
from the keyring when it changed, so a rotated token stops working at once.
"""

from __future__ import annotations

import json
import re
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from .store.change_marker import UNCONFIRMED, ChangeMarker, Stamp
from .store.errors import StoreCorrupt, StoreError
from .store.keyring_blobs import KeyringBlobs
from .store.paths import data_dir
from .store.profiles import service_name

ENTRY = "helper:pairing"
TOKEN_BYTES = 32  # 256 bits
MAX_ORIGINS = 20
MARKER_NAME = "pairing.changed"

# Origins a web page can never have: browsers set these only for extension pages.
_EXTENSION_ORIGIN = re.compile(
    r"chrome-extension://[a-p]{32}"
    r"|moz-extension://[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    r"|safari-web-extension://[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}"
    r"-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
)


class TokenChanged(StoreError):
    """The token was rotated between checking it and using it."""


class TooManyOrigins(StoreError):
    pass


def is_extension_origin(origin: str) -> bool:
    return _EXTENSION_ORIGIN.fullmatch(origin) is not None


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


@dataclass(frozen=True, slots=True)
class PairingState:
    token: str
    origins: frozenset[str]
    version: str


class Pairing:
    """Read and change the pairing entry; every change also replaces the marker."""

    def __init__(self, blobs: KeyringBlobs | None = None, marker: Path | None = None) -> None:
        self.blobs = blobs or KeyringBlobs(service_name(), data_dir() / "keyring.lock")
        self.marker = ChangeMarker(marker or data_dir() / MARKER_NAME, self.blobs.locked)

    def _read(self) -> PairingState | None:
        blob = self.blobs.read(ENTRY)
        if blob is None:
            return None
        try:
            raw = json.loads(blob.text)
            token = raw["token"]
            origins = frozenset(raw.get("origins", ()))
            if not isinstance(token, str) or len(token) < 43:
                raise ValueError
        except (ValueError, KeyError, TypeError):
            raise StoreCorrupt(
                "The pairing entry in the keyring is damaged: replace it with "
                "`plaint pair --rotate`."
            ) from None
        return PairingState(token, origins, blob.version)

    def _write(self, token: str, origins: frozenset[str], expected: str | None) -> PairingState:
        text = json.dumps({"token": token, "origins": sorted(origins)})
        with self.marker.changing():
            version = self.blobs.write(ENTRY, text, expected)
        return PairingState(token, origins, version)

    def load(self, create: bool = True) -> PairingState | None:
        """The current state; with ``create``, make the token on first use."""
        state = self._read()
        if state is not None or not create:
            return state
        with self.blobs.locked():
            state = self._read()
            if state is not None:  # another process created it meanwhile
                return state
            return self._write(new_token(), frozenset(), None)

    def rotate(self) -> PairingState:
        """A new token; every paired origin is forgotten and must pair again."""
        with self.blobs.locked():
            return self._write(new_token(), frozenset(), True)  # type: ignore[arg-type]

    def add_origin(self, origin: str, token: str) -> PairingState:
        """Record ``origin`` as paired, if ``token`` is still the current one."""
        if not is_extension_origin(origin):
            raise ValueError("only extension origins can be paired")
        with self.blobs.locked():
            state = self.load()
            assert state is not None
            if not secrets.compare_digest(state.token.encode(), token.encode()):
                raise TokenChanged("The pairing token was just replaced: pair again.")
            if origin in state.origins:
                return state
            if len(state.origins) >= MAX_ORIGINS:
                raise TooManyOrigins(
                    f"{MAX_ORIGINS} extensions are paired already: forget them with "
                    "`plaint pair --forget-origins`, then pair again."
                )
            return self._write(state.token, state.origins | {origin}, state.version)

    def forget_origins(self) -> PairingState:
        with self.blobs.locked():
            state = self.load()
            assert state is not None
            return self._write(state.token, frozenset(), state.version)

    def delete(self) -> None:
        with self.marker.changing():
            self.blobs.delete(ENTRY)


class PairingCache:
    """The helper's copy of the pairing state, reloaded when the marker changed."""

    def __init__(self, pairing: Pairing) -> None:
        self.pairing = pairing
        self._lock = threading.Lock()
        self._cached: tuple[Stamp, PairingState] | None = None

    def _vouched(self) -> PairingState | None:
        cached = self._cached
        if cached is not None and self.pairing.marker.vouches_for(cached[0]):
            return cached[1]
        return None

    def state(self) -> PairingState:
        state = self._vouched()
        if state is not None:
            return state
        with self._lock:
            # Checked again: another request may have reloaded it while this one waited.
            state = self._vouched()
            if state is None:
                # The stamp comes before the read, so a change during the read
                # is noticed on the next request rather than lost.
                stamp = self.pairing.marker.stamp()
                state = self.pairing.load(create=True)
                assert state is not None
                self._cached = (stamp, state)
            return state

    def token_matches(self, presented: str) -> bool:
        expected = self.state().token
        return secrets.compare_digest(presented.encode("utf-8"), expected.encode("utf-8"))

    def is_paired(self, origin: str) -> bool:
        return origin in self.state().origins

    def add_origin(self, origin: str, token: str) -> PairingState:
        with self._lock:
            state = self.pairing.add_origin(origin, token)
            # Another process may change the entry right after this write: keep
            # the state, but confirm it from the keyring on the next request.
            self._cached = (UNCONFIRMED, state)
            return state
