"""marshmallow's nested error messages as flat, readable field paths."""

from __future__ import annotations

from typing import Any


def flatten_errors(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """``{"address": {"country": ["…"]}}`` → ``{"address.country": ["…"]}``."""
    flat: dict[str, list[str]] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            if key == "_schema" and prefix:
                path = prefix
            for sub_path, msgs in flatten_errors(value, path).items():
                flat.setdefault(sub_path, []).extend(msgs)
    elif isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        flat[prefix or "_schema"] = list(messages)
    elif isinstance(messages, list):
        for i, value in enumerate(messages):
            flat.update(flatten_errors(value, f"{prefix}.{i}" if prefix else str(i)))
    else:
        flat[prefix or "_schema"] = [str(messages)]
    return flat


def describe_errors(messages: Any) -> str:
    lines = []
    for path, msgs in flatten_errors(messages).items():
        label = "(whole input)" if path == "_schema" else path
        lines.extend(f"  {label}: {m}" for m in msgs)
    return "\n".join(lines)
