"""The `plaint` command line.

`plaint --help` is the command people run first and most: in a terminal at least
80 columns wide (where click's help is always 78 wide) it is printed from
help_text.py without importing click; anything else goes to click in main.py.
"""

from __future__ import annotations

import os
import sys
from typing import Any

HELP_OPTIONS = (["--help"], ["-h"])


def _columns() -> int:
    """The terminal width, found as shutil.get_terminal_size() finds it."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def main() -> Any:
    if sys.argv[1:] in HELP_OPTIONS and _columns() >= 80:
        from .help_text import TOP_HELP

        try:
            sys.stdout.write(TOP_HELP)
            sys.stdout.flush()
        except BrokenPipeError:
            from .pipe import stdout_closed

            sys.exit(stdout_closed())
        sys.exit(0)
    from .main import main as run

    return run()


def __getattr__(name: str) -> Any:
    # `from automations.cli import cli` keeps working without importing click up front.
    if name == "cli":
        from .main import cli

        return cli
    raise AttributeError(name)


__all__ = ["cli", "main"]
