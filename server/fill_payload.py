"""What a form is filled with: the profile's values, a case's, and the channel's rules.

The same payload goes to the extension (through ``POST /api/fill-payload``) and
to the Playwright runner; the engine never sees more than this.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from schemas.keys import SENSITIVE_KEYS

from .profile_cache import CachedProfile

log = logging.getLogger("plaint.helper")


class UnknownCase(LookupError):
    pass


def build_fill_payload(
    profile: CachedProfile,
    url: str,
    case_id: int | None = None,
    include_sensitive: Iterable[str] = (),
    cases: Callable[[], Any] | None = None,
) -> dict[str, Any]:
    """The agreed fill payload; sensitive values only for the keys listed."""
    allowed = sorted(set(include_sensitive) & SENSITIVE_KEYS)
    values = {
        key: value
        for key, value in profile.values.items()
        if key not in SENSITIVE_KEYS or key in allowed
    }
    if case_id is not None:
        values.update(case_values_for(case_id, profile.name, cases))
    language = profile.data.get("preferred_language") or "en"
    return {
        "profile": profile.name,
        "case_id": case_id,
        "values": values,
        "variants": profile.variants,
        "sensitive_allowed": allowed,
        "channel": channel_for(url, language),
    }


def case_values_for(
    case_id: int, profile: str, cases: Callable[[], Any] | None = None
) -> dict[str, str]:
    """The values of this profile's case ``case_id``; UnknownCase when it has none such.

    ``cases`` gives the case store (the helper keeps one open); by default one is opened.
    """
    try:
        # Imported here: cases are their own area, and the helper works without them.
        from schemas.case import case_values

        if cases is None:
            from server.store.cases import CaseStore

            store = CaseStore()
        else:
            store = cases()
    except ImportError:
        raise UnknownCase(case_id) from None
    # A case of another profile is unknown here: one person's identity, one person's cases.
    case = store.get(case_id, profile)
    if case is None:
        raise UnknownCase(case_id)
    return case_values(case)


def channel_for(url: str, language: str = "en") -> dict[str, Any] | None:
    """The known complaint channel this URL belongs to, with its fill rules."""
    try:
        from automations.sites import match_url

        channel = match_url(url)
    except ImportError as exc:
        # The channel registry is optional: without it, the engine's heuristics fill alone.
        log.warning("no channel registry (%s): filling without per-site rules", type(exc).__name__)
        return None
    if channel is None:
        return None
    names = channel.names or {}
    return {
        "id": channel.id,
        "name": names.get(language) or names.get("en") or channel.id,
        "rules": dict(channel.fill_rules or {}),
    }
