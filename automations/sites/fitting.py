"""Fit a complaint text into a channel's character limit, and say when it was cut.

A form that stops typing at its limit would silently drop the end of the story,
so plaint shortens the text itself: at the last sentence end that fits, else at
the last word or clause break with an ellipsis; only a single huge word (a pasted
link) is cut inside.  Lengths are counted as a web form's ``maxlength`` counts
them, in UTF-16 code units: one per Chinese character, two per emoji.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ELLIPSIS = "…"
# Sentence ends in English and Chinese, with any closing quotes or brackets after them.
_SENTENCE_END = re.compile(r"(?:[.!?](?=\s)|[。！？；;]|\n\s*\n)[\"'”’)）」』]*")
_SOFT_BREAK = re.compile(r"[\s,，、：:]")
# Don't cut so early that most of the text is lost just to end on a full stop.
MIN_KEEP = 0.5


@dataclass(frozen=True, slots=True)
class Fitted:
    text: str
    shortened: bool
    original_length: int
    limit: int | None

    @property
    def length(self) -> int:
        return form_length(self.text)


def form_length(text: str) -> int:
    """The length a browser counts: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def normalize(text: str) -> str:
    """Trim line ends and collapse runs of blank lines: they cost characters for nothing."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def fit_text(text: str, limit: int | None) -> Fitted:
    """``text`` in at most ``limit`` characters, cut at a sentence end when it must be cut."""
    clean = normalize(text)
    length = form_length(clean)
    if limit is None or length <= limit:
        return Fitted(clean, False, length, limit)
    if limit < 1:
        raise ValueError("a limit is at least one character")
    # Work on code points, with the limit lowered by what characters outside the
    # basic plane cost extra, so the result never splits a surrogate pair.
    budget = limit
    while True:
        cut = _cut(clean, budget)
        if form_length(cut) <= limit:
            return Fitted(cut, True, length, limit)
        budget -= form_length(cut) - limit


def _cut(text: str, limit: int) -> str:
    if limit <= len(ELLIPSIS) + 1:
        return text[:limit]
    floor = int(limit * MIN_KEEP)
    # One character past the limit, so a full stop right at the limit sees its space.
    ends = [m.end() for m in _SENTENCE_END.finditer(text[: limit + 1])]
    ends = [e for e in ends if floor <= e <= limit]
    if ends:
        return text[: ends[-1]].rstrip()
    # No sentence ends late enough: end on a word or clause break, with an ellipsis.
    room = text[: limit - len(ELLIPSIS)]
    breaks = [m.start() for m in _SOFT_BREAK.finditer(room) if m.start() >= floor]
    if breaks:
        return room[: breaks[-1]].rstrip(" ,，、：:") + ELLIPSIS
    if _is_cjk(text[len(room) - 1 : len(room) + 1]):
        return room + ELLIPSIS  # Chinese may break between any two characters
    # One enormous word (a pasted link or hash): a hard cut is all that is left.
    return room + ELLIPSIS


def _is_cjk(pair: str) -> bool:
    from schemas.text import has_cjk

    return len(pair) == 2 and has_cjk(pair[0]) and has_cjk(pair[1])
