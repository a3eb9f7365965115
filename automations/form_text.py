"""The free texts a channel's form gets: clear of what it forbids, fitted to its limit.

CFPB asks for no name, contact details, account number or Social Security
number in its narrative; IC3 for no ID number or date of birth.  People write
them into their story anyway, so before a narrative goes into such a box every
forbidden value is taken out wherever it appears, in the spellings people
use (a birth date as 31/01/1980 or 1980年1月31日, a phone number with or
without spaces), and, where account numbers are forbidden, any long run of
digits that could be one is cut down to its last four digits.  Then the text
is fitted to the field's limit at a sentence end (``automations.sites.fitting``).

Only the names of what was taken out are reported, never the values.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from automations.sites.fitting import fit_text, form_length
from schemas.text import has_cjk

# The case's free texts; the other keys go into fields of their own, where they belong.
FREE_TEXT_KEYS: tuple[str, ...] = ("complaint_title", "complaint_description", "desired_resolution")
REMOVED = {"en": "[removed]", "zh": "[已删除]"}
# What a reader of the report is told was taken out besides profile and case values.
LONG_NUMBER = "long_number"  # a run of digits that may be an account or card number
ID_LIKE = "id_like"  # something shaped like a US SSN or a Chinese resident ID number

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Separators people put inside numbers: spaces, dashes, dots, brackets.
_NUMBER_GAP = r"[\s\-.()]*"
# Nine digits or more, possibly grouped: shorter runs are dates, amounts and years.
_LONG_DIGITS = re.compile(r"(?<![\w*])\d(?:[ \-]?\d){8,}(?![\w*])")
_SSN = re.compile(r"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)")
_CN_RESIDENT_ID = re.compile(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])")
_SPACES = re.compile(r"[ \t]{2,}")


@dataclass(frozen=True, slots=True)
class PreparedText:
    """A free text ready for one field, and what was done to it."""

    key: str
    text: str
    removed: tuple[str, ...]  # keys (or LONG_NUMBER / ID_LIKE) whose values were taken out
    shortened: bool
    original_length: int  # after taking values out, before fitting
    limit: int | None

    @property
    def length(self) -> int:
        return form_length(self.text)


def prepare_text(
    key: str,
    text: str,
    *,
    limit: int | None,
    forbidden: Mapping[str, str] | None = None,
    lang: str | None = None,
) -> PreparedText:
    """``text`` for a field of ``key``: forbidden values out, then fitted to ``limit``.

    ``forbidden`` maps each canonical key the channel keeps out of free text to
    the person's value for it (sensitive ones included: they never leave here).
    """
    clean, removed = scrub(text, forbidden or {}, lang=lang)
    fitted = fit_text(clean, limit)
    return PreparedText(
        key=key,
        text=fitted.text,
        removed=removed,
        shortened=fitted.shortened,
        original_length=fitted.original_length,
        limit=limit,
    )


def scrub(
    text: str, forbidden: Mapping[str, str], *, lang: str | None = None
) -> tuple[str, tuple[str, ...]]:
    """``text`` with every forbidden value replaced; the keys that were found in it."""
    if not forbidden:
        return text, ()
    mark = REMOVED[lang if lang in REMOVED else _language(text)]
    found: list[str] = []
    # Longest spellings first, so a whole address goes before the street inside it.
    patterns = sorted(
        ((key, p) for key, value in forbidden.items() for p in _patterns(key, value)),
        key=lambda kp: len(kp[1].pattern),
        reverse=True,
    )
    for key, pattern in patterns:
        text, n = pattern.subn(mark, text)
        if n and key not in found:
            found.append(key)
    if "id_number" in forbidden:
        for pattern in (_SSN, _CN_RESIDENT_ID):
            text, n = pattern.subn(mark, text)
            if n and ID_LIKE not in found:
                found.append(ID_LIKE)
    if "account_id" in forbidden:
        text, n = _LONG_DIGITS.subn(_last_four, text)
        if n:
            found.append(LONG_NUMBER)
    if found:
        text = _SPACES.sub(" ", text)
    return text, tuple(found)


def _language(text: str) -> str:
    """Chinese when Chinese carries the text, not for a date or a name inside English."""
    chinese = sum(1 for ch in text if has_cjk(ch))
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return "zh" if chinese and chinese * 3 > latin else "en"


def forbidden_values(keys: Iterable[str], values: Mapping[str, str]) -> dict[str, str]:
    """The person's values for the keys a channel keeps out of free text."""
    return {k: values[k] for k in keys if values.get(k) and k not in FREE_TEXT_KEYS}


def _last_four(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return "****" + digits[-4:]


def _patterns(key: str, value: str) -> list[re.Pattern[str]]:
    value = value.strip()
    if not value:
        return []
    if key == "date_of_birth":
        return _date_patterns(value)
    if key in ("phone", "id_number"):
        return _number_patterns(value, dialling_code=key == "phone")
    if key == "account_id":
        # "138****8000 / wang@example.cn": each account named on its own.
        parts = [p.strip() for p in re.split(r"\s+/\s+|[,;，；、]|\s{2,}", value)]
        return [_literal(p) for p in parts if _worth_removing(p)]
    if key == "full_name":
        words = value.split()
        spellings = [value, " ".join(reversed(words))] if len(words) == 2 else [value]
        return [_literal(s) for s in spellings if _worth_removing(s)]
    return [_literal(value)] if _worth_removing(value) else []


def _worth_removing(text: str) -> bool:
    # Two or three characters match inside ordinary words; CJK names are short but distinct.
    return len(re.sub(r"\W", "", text)) >= (2 if has_cjk(text) else 4)


def _literal(text: str) -> re.Pattern[str]:
    """The text as typed, with any run of spaces matching any other run.

    Latin letters and digits at either end must not continue a longer word
    ("Jane" is not removed from "Janet"); Chinese has no spaces to check for.
    """
    words = [re.escape(w) for w in text.split()]
    start = r"(?<![A-Za-z0-9])" if text[:1].isascii() and text[:1].isalnum() else ""
    end = r"(?![A-Za-z0-9])" if text[-1:].isascii() and text[-1:].isalnum() else ""
    return re.compile(start + r"\s+".join(words) + end, re.IGNORECASE)


def _number_patterns(value: str, *, dialling_code: bool) -> list[re.Pattern[str]]:
    """A phone or ID number however it is grouped: its characters with any separators.

    A phone number is also found in its national form, with or without the
    dialling code and the trunk 0 ("+44 20 7946 0018", "020 7946 0018").
    """
    chars = re.sub(r"[^\dA-Za-z]", "", value)
    spellings = {chars}
    prefix = ""
    if dialling_code:
        national = _national_number(value)
        if national:
            spellings.add(national)
        prefix = r"(?:(?:\+|00)?\d{1,3}" + _NUMBER_GAP + r")?\(?0?"
    out = []
    for spelling in sorted(spellings, key=len, reverse=True):
        if len(spelling) < 6:
            continue
        body = _NUMBER_GAP.join(re.escape(c) for c in spelling)
        out.append(
            re.compile(r"(?<![\dA-Za-z+])" + prefix + body + r"(?![\dA-Za-z])", re.IGNORECASE)
        )
    return out


def _national_number(value: str) -> str | None:
    import phonenumbers

    try:
        parsed = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return None
    return str(parsed.national_number)


def _date_patterns(value: str) -> list[re.Pattern[str]]:
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return [_literal(value)]
    y, m, d = day.year, day.month, day.day
    num = r"0?{}"
    sep = r"\s*[-/.]\s*"
    month_name = _MONTHS[m - 1]
    short = month_name[:3]
    alternatives = [
        rf"{y}{sep}{num.format(m)}{sep}{num.format(d)}",  # 1980-01-31
        rf"{num.format(d)}{sep}{num.format(m)}{sep}{y}",  # 31/01/1980
        rf"{num.format(m)}{sep}{num.format(d)}{sep}{y}",  # 01/31/1980
        rf"{y}\s*年\s*{num.format(m)}\s*月\s*{num.format(d)}\s*[日号]",  # 1980年1月31日
        rf"(?:{month_name}|{short}\.?)\s+{num.format(d)}(?:st|nd|rd|th)?,?\s+{y}",
        rf"{num.format(d)}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{month_name}|{short}\.?),?\s+{y}",
    ]
    return [re.compile(r"(?<!\d)(?:" + a + r")(?!\d)", re.IGNORECASE) for a in alternatives]
