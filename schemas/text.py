"""Small text rules shared by the schemas: scripts, clean single-line text."""

from __future__ import annotations

import re
import unicodedata

# CJK Unified Ideographs (+ extension A and compatibility), kana and hangul:
# names and addresses written in these scripts run without spaces, family first.
_CJK = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\U00020000-\U0002fa1f]"
)


def has_cjk(text: str | None) -> bool:
    return bool(text) and bool(_CJK.search(text))


def has_control_chars(text: str, allow_newlines: bool = False) -> bool:
    for ch in text:
        if allow_newlines and ch in "\n\t":
            continue
        if unicodedata.category(ch) == "Cc":
            return True
    return False
