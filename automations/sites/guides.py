"""A guided channel's steps in the person's language, with a copy-ready text.

The text (normally the letter plaint composes for the case) is fitted to the
channel's limit here, so what the person pastes is never cut off by the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .channel import Channel
from .fitting import Fitted, fit_text

_WORDS = {
    "en": {
        "steps": "Steps",
        "contacts": "Official contacts",
        "tips": "Good to know",
        "text": "Text to copy into {where}",
        "limit": " (at most {limit} characters)",
        "shortened": "Shortened from {original} to {length} characters to fit the limit of "
        "{limit}: check that the key facts are still there.",
        "hours": "hours",
        ":": ": ",
    },
    "zh": {
        "steps": "步骤",
        "contacts": "官方联系方式",
        "tips": "提示",
        "text": "复制到{where}的文字",
        "limit": "（最多 {limit} 字）",
        "shortened": "原文 {original} 字，为符合 {limit} 字的限制已缩短为 {length} 字：请检查关键"
        "事实是否保留。",
        "hours": "时间",
        ":": "：",
    },
}


@dataclass(frozen=True, slots=True)
class RenderedGuide:
    channel_id: str
    lang: str
    title: str
    steps: tuple[str, ...]
    contacts: tuple[str, ...]
    tips: tuple[str, ...]
    text_where: str
    text_limit: int | None
    text: Fitted | None

    def as_text(self, title: bool = True) -> str:
        """Plain text for the terminal or the clipboard."""
        words = _WORDS[self.lang]
        colon = words[":"].strip()
        out = [self.title, ""] if title else []
        out += [words["steps"] + colon]
        out += [f"{n}. {step}" for n, step in enumerate(self.steps, 1)]
        if self.contacts:
            out += ["", words["contacts"] + colon, *(f"- {c}" for c in self.contacts)]
        if self.tips:
            out += ["", words["tips"] + colon, *(f"- {t}" for t in self.tips)]
        if self.text is not None:
            heading = words["text"].format(where=self.text_where)
            if self.text_limit is not None:
                heading += words["limit"].format(limit=self.text_limit)
            out += ["", heading + colon, "", self.text.text]
            if self.text.shortened:
                out += ["", self.shortened_note()]
        return "\n".join(out) + "\n"

    def shortened_note(self) -> str:
        if self.text is None or not self.text.shortened:
            return ""
        return _WORDS[self.lang]["shortened"].format(
            original=self.text.original_length, length=self.text.length, limit=self.text_limit
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "channel": self.channel_id,
            "lang": self.lang,
            "title": self.title,
            "steps": list(self.steps),
            "contacts": list(self.contacts),
            "tips": list(self.tips),
            "text_where": self.text_where,
            "text_limit": self.text_limit,
            "text": self.text.text if self.text else None,
            "shortened": bool(self.text and self.text.shortened),
        }


def render_guide(channel: Channel, lang: str = "en", text: str | None = None) -> RenderedGuide:
    """The guide of ``channel`` in ``lang`` ("en" or "zh"), with ``text`` fitted to its limit."""
    guide = channel.guide
    if guide is None:
        raise ValueError(f"{channel.id} is filled by a script, it has no guide")
    lang = "zh" if lang == "zh" else "en"
    words = _WORDS[lang]
    contacts = tuple(
        f"{c.label.pick(lang)}{words[':']}{c.value}"
        + (f" ({words['hours']}{words[':']}{c.hours.pick(lang)})" if c.hours else "")
        for c in channel.contacts
    )
    return RenderedGuide(
        channel_id=channel.id,
        lang=lang,
        title=channel.name(lang),
        steps=tuple(step.pick(lang) for step in guide.steps),
        contacts=contacts,
        tips=tuple(tip.pick(lang) for tip in guide.tips),
        text_where=guide.text_where.pick(lang),
        text_limit=guide.text_limit,
        text=fit_text(text, guide.text_limit) if text is not None else None,
    )
