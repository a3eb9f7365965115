"""Paths and environments the tests share."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def plaint_env(**extra: str) -> dict[str, str]:
    """The environment for a plaint subprocess: this test's keyring service and dirs."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.update(extra)
    return env
