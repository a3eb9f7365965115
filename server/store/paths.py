"""Where plaint keeps its own (non-secret) files, created private."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "plaint"


def _private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path


HOME_ENV = "PLAINT_HOME"


def _home(part: str) -> Path | None:
    """``$PLAINT_HOME/<part>`` when set: one throw-away or portable folder for everything.

    The demo runs in such a folder so it never touches the person's own cases.
    """
    home = os.environ.get(HOME_ENV)
    return Path(home) / part if home else None


def data_dir() -> Path:
    return _private_dir(_home("data") or Path(platformdirs.user_data_dir(APP, appauthor=False)))


def config_dir() -> Path:
    return _private_dir(_home("config") or Path(platformdirs.user_config_dir(APP, appauthor=False)))


def cache_dir() -> Path:
    return _private_dir(_home("cache") or Path(platformdirs.user_cache_dir(APP, appauthor=False)))
