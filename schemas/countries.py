"""ISO 3166-1 alpha-2 countries with their English and Chinese names.

The names let the engine pick a country in a <select> whose options are
written out ("United Kingdom", "英国") rather than coded.
"""

from __future__ import annotations

import gettext
from functools import cache

import pycountry


@cache
def _zh() -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    except OSError:
        return gettext.NullTranslations()


def is_country_code(code: str) -> bool:
    return len(code) == 2 and pycountry.countries.get(alpha_2=code.upper()) is not None


def country_names(code: str) -> dict[str, list[str]]:
    """English and Chinese names a form might show for ``code``."""
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return {"en": [], "zh": []}
    en = [country.name]
    for attr in ("common_name", "official_name"):
        name = getattr(country, attr, None)
        if name and name not in en:
            en.append(name)
    en.extend(n for n in _EXTRA_EN.get(country.alpha_2, ()) if n not in en)
    zh = [_zh().gettext(country.name)]
    zh.extend(n for n in _EXTRA_ZH.get(country.alpha_2, ()) if n not in zh)
    return {"en": en, "zh": [n for n in zh if n != country.name]}


def country_name(code: str, lang: str = "en") -> str:
    names = country_names(code)[lang] or country_names(code)["en"]
    return names[0] if names else code.upper()


# The names forms use most often that ISO's own list spells otherwise.
_EXTRA_EN: dict[str, tuple[str, ...]] = {
    "US": ("United States of America", "USA", "US"),
    "GB": ("UK", "Great Britain"),
    "CN": ("China", "PRC", "China (Mainland)", "Mainland China"),
    "HK": ("Hong Kong",),
    "TW": ("Taiwan",),
    "KR": ("South Korea", "Korea"),
    "RU": ("Russia",),
}
_EXTRA_ZH: dict[str, tuple[str, ...]] = {
    "CN": ("中国大陆", "中华人民共和国"),
    "HK": ("中国香港", "香港"),
    "MO": ("中国澳门", "澳门"),
    "TW": ("中国台湾", "台湾"),
}
