"""Checks the schemas share: Chinese resident ID numbers, phone numbers."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import phonenumbers

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")


def cn_resident_id_problem(value: str) -> str | None:
    """Why ``value`` is not a valid 18-character PRC resident ID, or None.

    GB 11643-1999: 6-digit area code, birth date YYYYMMDD, 3-digit sequence,
    and an ISO 7064 MOD 11-2 check character.
    """
    number = value.strip().upper()
    if not _ID_SHAPE.match(number):
        return "A Chinese resident ID has 18 characters: 17 digits and a final digit or X."
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "The birth date inside this resident ID is not a real date."
    if born > dt.date.today() or born.year < 1900:
        return "The birth date inside this resident ID is not plausible."
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    if _ID_CHECK[total % 11] != number[17]:
        return "This resident ID fails its checksum: check for a mistyped digit."
    return None


def cn_resident_id_birth_date(value: str) -> dt.date:
    number = value.strip()
    return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


@dataclass(frozen=True, slots=True)
class Phone:
    typed: str
    e164: str | None


def normalise_phone(typed: str, region: str | None) -> Phone:
    """Parse ``typed`` (with the address's country as default region).

    Raises ValueError with a reason the person can act on.
    """
    digits = re.sub(r"\D", "", typed)
    if len(digits) < 5:
        raise ValueError("A phone number needs at least 5 digits.")
    try:
        parsed = phonenumbers.parse(typed, (region or "").upper() or None)
    except phonenumbers.NumberParseException:
        raise ValueError(
            "Could not read this phone number: start it with + and the country code "
            "(e.g. +86 138 0013 8000), or set the address country first."
        ) from None
    if not phonenumbers.is_possible_number(parsed):
        raise ValueError("This is not a possible phone number for its country.")
    return Phone(typed, phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))
