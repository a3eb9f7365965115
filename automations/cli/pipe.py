"""When the program reading plaint's output stops early (`plaint … | head -1`).

No click here: the fast `plaint --help` path needs this too.
"""

from __future__ import annotations

import os
import stat
import sys

# Python's documented status when the reader of stdout went away; rich (tables) and
# click (help) end with it too, so `plaint … | head -1` ends alike whoever was writing.
EXIT_PIPE_CLOSED = 1


def stdout_is_a_pipe() -> bool:
    """Only a pipe or socket on stdout can break because its reader went away."""
    try:
        mode = os.fstat(sys.stdout.fileno()).st_mode
    except (OSError, ValueError):  # not a real file (click's test runner) or closed
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def stdout_closed() -> int:
    """The reader of plaint's output stopped reading.

    Python's documented answer: point stdout at devnull, so the flush at exit of
    whatever is still buffered cannot fail again, and leave without a word.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_PIPE_CLOSED
