"""The local helper (Flask) and the stores it and the CLI share.

Flask is imported only when an app is made, so the CLI starts fast.
"""

from __future__ import annotations

from typing import Any


def create_app(config: dict[str, Any] | None = None) -> Any:
    from .app import create_app as _create_app

    return _create_app(config)
