"""From a stored profile to the values forms are filled with.

Derived values (full name, one-line address, normalised phone) are computed
here, once, for every fill path.
"""

from __future__ import annotations

from typing import Any

from .countries import country_name, country_names
from .keys import PROFILE_KEYS, SENSITIVE_KEYS
from .text import has_cjk
from .validators import normalise_phone


def full_name(profile: dict[str, Any]) -> str | None:
    if profile.get("full_name"):
        return profile["full_name"]
    given, family = profile.get("given_name"), profile.get("family_name")
    if given and family:
        # Chinese, Japanese and Korean names run family first with no space.
        if has_cjk(given) or has_cjk(family):
            return f"{family}{given}"
        return f"{given} {family}"
    return given or family


def full_address(address: dict[str, Any] | None) -> str | None:
    if not address or not (address.get("line1") or address.get("city")):
        return None
    country = address.get("country")
    parts_text = " ".join(str(v) for k, v in address.items() if k != "country")
    if has_cjk(parts_text):
        # Chinese order, largest first: country, province, city, street.
        parts = [
            country_name(country, "zh") if country else None,
            address.get("state"),
            address.get("city"),
            address.get("line1"),
            address.get("line2"),
        ]
        return "".join(p for p in parts if p) or None
    locality = " ".join(p for p in (address.get("state"), address.get("postal_code")) if p)
    parts = [
        address.get("line1"),
        address.get("line2"),
        address.get("city"),
        locality,
        country_name(country, "en") if country else None,
    ]
    return ", ".join(p for p in parts if p) or None


def phone_e164(profile: dict[str, Any]) -> str | None:
    if not profile.get("phone"):
        return None
    country = (profile.get("address") or {}).get("country")
    try:
        return normalise_phone(profile["phone"], country).e164
    except ValueError:
        return None


def profile_values(profile: dict[str, Any], include_sensitive: bool = False) -> dict[str, str]:
    """The profile as canonical key → text, derived keys included."""
    address = profile.get("address") or {}
    values: dict[str, Any] = {
        "given_name": profile.get("given_name"),
        "family_name": profile.get("family_name"),
        "full_name": full_name(profile),
        "email": profile.get("email"),
        "phone": profile.get("phone"),
        "address_line1": address.get("line1"),
        "address_line2": address.get("line2"),
        "city": address.get("city"),
        "state": address.get("state"),
        "postal_code": address.get("postal_code"),
        "country": address.get("country"),
        "full_address": full_address(address),
        "date_of_birth": profile.get("date_of_birth"),
        "id_number": profile.get("id_number"),
    }
    assert set(values) == set(PROFILE_KEYS)
    return {
        k: str(v) for k, v in values.items() if v and (include_sensitive or k not in SENSITIVE_KEYS)
    }


def value_variants(profile: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Other spellings of a value that a form's options or format may need."""
    variants: dict[str, dict[str, Any]] = {}
    country = (profile.get("address") or {}).get("country")
    if country:
        variants["country"] = {"names": country_names(country)}
    e164 = phone_e164(profile)
    if e164:
        variants["phone"] = {"e164": e164}
    return variants


def mask(key: str, value: str) -> str:
    """Hide a sensitive value but leave enough to recognise it."""
    if key not in SENSITIVE_KEYS:
        return value
    if key == "id_number" and len(value) > 4:
        return "*" * (len(value) - 4) + value[-4:]
    return "*" * len(value) if key != "date_of_birth" else "****-**-**"


def mask_profile(profile: dict[str, Any]) -> dict[str, Any]:
    return {k: mask(k, v) if isinstance(v, str) else v for k, v in profile.items()}
