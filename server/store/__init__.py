"""Where plaint's data lives: profiles in the OS keyring, cases on disk."""

from .errors import KeyringUnavailable, NotFound, StoreCorrupt, StoreError, VersionConflict
from .profiles import DEFAULT_PROFILE, InvalidProfileName, ProfileStore, StoredProfile

__all__ = [
    "DEFAULT_PROFILE",
    "InvalidProfileName",
    "KeyringUnavailable",
    "NotFound",
    "ProfileStore",
    "StoreCorrupt",
    "StoreError",
    "StoredProfile",
    "VersionConflict",
]
