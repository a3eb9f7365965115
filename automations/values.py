"""What a fill puts into a page: one fill payload for every fill path.

The CLI, the runner and the per-site scripts all build their payload here, and
it is the same payload the helper serves the extension (server/fill_payload.py
builds both), so a form is filled alike whichever way the person starts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


class UnknownCase(LookupError):
    """The profile has no case with this number.  ``str()`` is safe to show."""


@dataclass(frozen=True, slots=True)
class Shortened:
    """A text cut to fit the channel's limit, at a sentence end where it could be."""

    key: str
    limit: int
    removed: int


def fill_payload(
    profile_name: str,
    url: str,
    case_id: int | None = None,
    allow_sensitive: Iterable[str] = (),
) -> dict[str, Any]:
    """The fill payload for ``url``: the profile, the case when given, the channel's rules.

    Sensitive values (ID number, date of birth) are in it only when listed in
    ``allow_sensitive``.  Raises the store's NotFound for an unknown profile and
    UnknownCase for a case this profile does not have.
    """
    from server import fill_payload as build
    from server.profile_cache import CachedProfile
    from server.store import ProfileStore

    profile = CachedProfile.of(ProfileStore().require(profile_name))
    try:
        return build.build_fill_payload(profile, url, case_id, allow_sensitive)
    except build.UnknownCase:
        raise UnknownCase(
            f"profile '{profile_name}' has no case {case_id} (see `plaint case list`)."
        ) from None


def fit_to_limits(payload: dict[str, Any]) -> list[Shortened]:
    """Shorten texts longer than the channel allows, in place; what was cut.

    A form that stops typing at its limit would drop the end of the story
    silently, so the text is cut here, at the last sentence that fits.
    """
    channel = payload.get("channel") or {}
    limits = (channel.get("rules") or {}).get("limits") or {}
    if not limits:
        return []
    from automations.sites.fitting import fit_text

    values = payload.get("values") or {}
    cut = []
    for key, limit in limits.items():
        text = values.get(key)
        if not isinstance(text, str) or not isinstance(limit, int) or limit < 1:
            continue
        fitted = fit_text(text, limit)
        if fitted.shortened:
            values[key] = fitted.text
            cut.append(Shortened(key, limit, fitted.removed))
    return cut
