"""marshmallow fields with plaint's text rules built in."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields

from .text import has_control_chars


class Line(fields.String):
    """One line of human text: trimmed, not empty, bounded, no control characters.

    Emoji and every script are welcome; only invisible control characters are
    refused, because forms and letters would carry them on silently.
    """

    def __init__(self, *, max_length: int = 200, multiline: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_length = max_length
        self.multiline = multiline

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if not text:
            raise ValidationError("Must not be empty.")
        if len(text) > self.max_length:
            raise ValidationError(f"Too long: {len(text)} characters, at most {self.max_length}.")
        if has_control_chars(text, allow_newlines=self.multiline):
            raise ValidationError("Contains control characters.")
        return text


class CountryCode(fields.String):
    """ISO 3166-1 alpha-2, stored upper-case."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        from .countries import is_country_code

        code = super()._deserialize(value, attr, data, **kwargs).strip().upper()
        if not is_country_code(code):
            raise ValidationError("Use the two-letter ISO 3166-1 country code, e.g. CN, US or GB.")
        return code
