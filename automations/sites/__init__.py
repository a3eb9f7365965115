"""The channel registry: every complaint channel plaint knows, one module each.

``all_channels()`` lists them in the order a person usually goes: the provider
first, then the regulator or ombudsman, fraud reporting in parallel, then public
and mediation channels.  Nothing here imports Playwright.
"""

from __future__ import annotations

import importlib
from functools import cache

from .channel import (
    CATEGORY,
    FIXED,
    LANGS,
    PAID,
    PERSON,
    PLAINT_CATEGORIES,
    SPECIAL_KEYS,
    TAKEN,
    THIRD_PARTY,
    Channel,
    Choice,
    Contact,
    FieldSpec,
    Guide,
    Pick,
    Source,
    Step,
    Text,
    Wizard,
    choice,
)
from .urls import match_pattern

CHANNEL_IDS: tuple[str, ...] = (
    # The provider first.
    "paypal",
    "venmo",
    "cash_app",
    "coinbase",
    "alipay",
    "wechat_pay",
    # Regulators and ombudsmen.
    "cfpb",
    "uk_fos",
    "cn_12363",
    "cn_12378",
    "cn_12315",
    # Fraud reporting, in parallel.
    "ftc",
    "ic3",
    "uk_action_fraud",
    # Public and mediation channels.
    "ca_ag",
    "ny_ag",
    "bbb",
    "heimao",
)


@cache
def _registry() -> dict[str, Channel]:
    channels: dict[str, Channel] = {}
    for channel_id in CHANNEL_IDS:
        channel = importlib.import_module(f"{__name__}.{channel_id}").CHANNEL
        if channel.id != channel_id:
            raise ValueError(f"module {channel_id} declares channel {channel.id!r}")
        channels[channel_id] = channel
    return channels


def all_channels() -> list[Channel]:
    return list(_registry().values())


def get(channel_id: str) -> Channel:
    """The channel with this id; KeyError naming the known ids when there is none."""
    try:
        return _registry()[channel_id]
    except KeyError:
        raise KeyError(f"unknown channel {channel_id!r}; known: {', '.join(CHANNEL_IDS)}") from None


def match_url(url: str) -> Channel | None:
    """The channel whose official address this is, or None (lookalikes never match)."""
    best: tuple[int, Channel] | None = None
    for channel in _registry().values():
        score = match_pattern(channel.url_patterns, url)
        if score is not None and (best is None or score > best[0]):
            best = (score, channel)
    return best[1] if best else None


__all__ = [
    "CATEGORY",
    "CHANNEL_IDS",
    "FIXED",
    "LANGS",
    "PAID",
    "PERSON",
    "PLAINT_CATEGORIES",
    "SPECIAL_KEYS",
    "TAKEN",
    "THIRD_PARTY",
    "Channel",
    "Choice",
    "Contact",
    "FieldSpec",
    "Guide",
    "Pick",
    "Source",
    "Step",
    "Text",
    "Wizard",
    "all_channels",
    "choice",
    "get",
    "match_url",
]
