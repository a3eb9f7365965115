"""Named complaint profiles, kept only in the OS keyring.

Each profile is one JSON blob under the keyring service (``plaint`` unless
``PLAINT_KEYRING_SERVICE`` says otherwise); a small index blob lists the
names, because keyrings cannot be enumerated portably.

Every change also replaces the ``profiles.changed`` marker in plaint's data
directory (``change_marker``), so the long-running helper knows when to read
the keyring again without reading it on every request.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schemas import validate_profile

from .change_marker import ChangeMarker
from .errors import NotFound, StoreCorrupt, StoreError, VersionConflict
from .keyring_blobs import KeyringBlobs
from .paths import data_dir

DEFAULT_SERVICE = "plaint"
DEFAULT_PROFILE = "default"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")
_INDEX = "profiles"
MARKER_NAME = "profiles.changed"


class InvalidProfileName(StoreError):
    pass


def check_name(name: str) -> str:
    if not _NAME.match(name or ""):
        raise InvalidProfileName(
            f"Invalid profile name {name!r}: use 1–40 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit."
        )
    return name


def service_name() -> str:
    return os.environ.get("PLAINT_KEYRING_SERVICE") or DEFAULT_SERVICE


@dataclass(frozen=True, slots=True)
class StoredProfile:
    name: str
    data: dict[str, Any]
    version: str


class ProfileStore:
    def __init__(self, blobs: KeyringBlobs | None = None, marker: Path | None = None) -> None:
        self.blobs = blobs or KeyringBlobs(service_name(), data_dir() / "keyring.lock")
        self.marker = ChangeMarker(marker or data_dir() / MARKER_NAME, self.blobs.locked)

    @staticmethod
    def _key(name: str) -> str:
        return f"profile:{check_name(name)}"

    def names(self) -> list[str]:
        blob = self.blobs.read(_INDEX)
        return json.loads(blob.text) if blob else []

    def _update_index(self, add: str | None = None, remove: str | None = None) -> None:
        names = set(self.names())
        new = (names | {add}) - {remove} if add else names - {remove}
        if new != names:
            self.blobs.write(_INDEX, json.dumps(sorted(new)))

    def version(self, name: str) -> str | None:
        return self.blobs.version(self._key(name))

    def get(self, name: str) -> StoredProfile | None:
        blob = self.blobs.read(self._key(name))
        if blob is None:
            return None
        try:
            data = json.loads(blob.text)
        except ValueError:
            raise StoreCorrupt(f"Profile '{name}' in the keyring is not valid JSON.") from None
        return StoredProfile(name, data, blob.version)

    def require(self, name: str) -> StoredProfile:
        found = self.get(name)
        if found is None:
            raise NotFound(
                f"There is no profile '{name}' yet: create it with "
                "`plaint profile set KEY VALUE`, `plaint profile edit` or `plaint profile import`."
            )
        return found

    def put(
        self, name: str, data: Any, expected_version: str | bool | None = True
    ) -> StoredProfile:
        """Validate and store ``data`` as the whole profile.

        Raises marshmallow.ValidationError (nothing is stored) or
        VersionConflict when ``expected_version`` is stale.
        """
        clean = validate_profile(data)
        text = json.dumps(clean, ensure_ascii=False, separators=(",", ":"))
        key = self._key(name)
        with self.marker.changing():  # holds the keyring lock
            try:
                version = self.blobs.write(key, text, expected_version)
            except VersionConflict as exc:
                raise VersionConflict(f"Profile '{name}'", exc.expected, exc.actual) from None
            self._update_index(add=name)
        return StoredProfile(name, clean, version)

    def delete(self, name: str, expected_version: str | bool | None = True) -> bool:
        key = self._key(name)
        with self.marker.changing():
            existed = self.blobs.delete(key, expected_version)
            self._update_index(remove=name)
        return existed
