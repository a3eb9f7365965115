"""How long `plaint --help` takes against a bare `python -c pass`, in the same run.

    python bench/cli_startup.py [--runs 30]

Target: the median of each `plaint --help` is at most 2 x the interpreter's own
start.  The console script (.venv/bin/plaint, beside this Python) and
``python -m automations.cli --help`` are timed; runs are interleaved, so noise
from other work on the machine falls on every command alike.  The run also
times, for information, a subcommand's help (`plaint profile --help`, which
imports click and that command's own module) and `import click` alone, the floor
for any click program; the top-level help is printed without click.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET = 2.0


def _commands() -> dict[str, list[str]]:
    script = Path(sys.executable).with_name("plaint")
    if not script.exists():
        sys.exit(f"no console script at {script}: run this with the venv's Python")
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        # The floor for any click program: plaint's own part is what lies above it.
        "python -c 'import click'": [sys.executable, "-c", "import click"],
        "plaint --help": [str(script), "--help"],
        "python -m automations.cli --help": [sys.executable, "-m", "automations.cli", "--help"],
        "plaint profile --help": [str(script), "profile", "--help"],
    }


def _time_once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="runs of each command (30)")
    args = parser.parse_args()

    env = dict(os.environ)
    env.pop("PLAINT_PROFILE", None)  # a chosen profile would add the store's import
    commands = _commands()
    for argv in commands.values():  # warm the file cache and the bytecode
        _time_once(argv, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, argv in commands.items():
            times[name].append(_time_once(argv, env))

    base = statistics.median(times["python -c pass"])
    print(f"{args.runs} interleaved runs each, median wall time (target <= {TARGET:.1f}x)")
    width = max(map(len, commands))
    for name, runs in times.items():
        median = statistics.median(runs)
        ratio = median / base
        judged = name in ("plaint --help", "python -m automations.cli --help")
        verdict = ("  ok" if ratio <= TARGET else "  over") if judged else ""
        print(f"  {name:<{width}}  {median * 1000:7.1f} ms  {ratio:5.2f}x{verdict}")


if __name__ == "__main__":
    main()
