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


def data_dir() -> Path:
    return _private_dir(Path(platformdirs.user_data_dir(APP, appauthor=False)))


def config_dir() -> Path:
    return _private_dir(Path(platformdirs.user_config_dir(APP, appauthor=False)))


def cache_dir() -> Path:
    return _private_dir(Path(platformdirs.user_cache_dir(APP, appauthor=False)))
