"""`plaint --help` imports no command, the table of commands matches the commands,
errors keep their exit codes, and a reader that stops early is no crash."""

from __future__ import annotations

import importlib
import os
import pkgutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
from click.testing import CliRunner

import automations.cli
from automations.cli import cli
from automations.cli.errors import EXIT_INTERNAL, EXIT_INVALID
from automations.cli.main import COMMANDS, EXIT_PIPE_CLOSED, PlaintGroup, load_command
from tests.support.env import REPO, plaint_env

PLAINT = Path(sys.executable).with_name("plaint")
# What `plaint --help` may import besides the interpreter's own start: click and this.
DISPATCH = {
    "automations",
    "automations.cli",
    "automations.cli.errors",
    "automations.cli.help_text",
    "automations.cli.main",
    "automations.cli.pipe",
}
COMMAND_MODULES = {spec.partition(":")[0] for spec, _ in COMMANDS.values()}


def _imports(argv: list[str], **env: str) -> set[str]:
    """The modules a real process imports, from its -X importtime report."""
    proc = subprocess.run(
        argv,
        capture_output=True,
        text=True,
        env=plaint_env(PYTHONPROFILEIMPORTTIME="1", **env),
        cwd=REPO,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return {
        line.rpartition("|")[2].strip()
        for line in proc.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    } - {"package"}  # the report's own header line


@pytest.fixture(scope="module")
def interpreter_start() -> set[str]:
    return _imports([sys.executable, "-c", "pass"])


def _third_party(modules: set[str]) -> set[str]:
    """Modules neither of the standard library nor of click (which plaint needs to start)."""
    return {
        m
        for m in modules
        if m.partition(".")[0] not in sys.stdlib_module_names and m.partition(".")[0] != "click"
    }


@pytest.mark.parametrize(
    "argv",
    [
        [str(PLAINT), "--help"],
        [sys.executable, "-m", "automations.cli", "--help"],
        [sys.executable, "-m", "automations", "--help"],
        [str(PLAINT), "--version"],
    ],
    ids=["console-script", "python-m-automations.cli", "python-m-automations", "version"],
)
def test_help_imports_nothing_but_click(argv: list[str], interpreter_start: set[str]) -> None:
    unexpected = _third_party(_imports(argv) - interpreter_start) - DISPATCH
    if argv[1:] == ["-m", "automations.cli", "--help"]:
        unexpected.discard("automations.cli.__main__")
    if argv[1:] == ["-m", "automations", "--help"]:
        unexpected.discard("automations.__main__")
    assert not unexpected, f"`{' '.join(argv[1:])}` imports {sorted(unexpected)}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_commands_help_imports_its_own_module_only(
    name: str, interpreter_start: set[str]
) -> None:
    own = COMMANDS[name][0].partition(":")[0]
    shown = _imports([str(PLAINT), name, "--help"])
    allowed = _imports([sys.executable, "-c", f"import {own}; import automations.cli.main"])
    extra = _third_party(shown - allowed - interpreter_start)
    assert not extra, f"`plaint {name} --help` imports {sorted(extra)} beyond {own}"
    assert not (shown & COMMAND_MODULES) - {own}


def _defined_commands() -> dict[str, click.Command]:
    """Every top-level command the modules of automations/cli define, by "module:attribute"."""
    defined: dict[str, click.Command] = {}
    for info in pkgutil.iter_modules(automations.cli.__path__):
        if info.name.startswith("_"):  # __main__ would run plaint
            continue
        module = importlib.import_module(f"automations.cli.{info.name}")
        for attr, value in vars(module).items():
            callback = getattr(value, "callback", None)
            if isinstance(value, click.Command) and callback.__module__ == module.__name__:
                defined[f"{module.__name__}:{attr}"] = value
    subcommands = {
        id(sub)
        for command in defined.values()
        if isinstance(command, click.Group)
        for sub in command.commands.values()
    }
    return {
        spec: command
        for spec, command in defined.items()
        if id(command) not in subcommands and command is not cli
    }


def test_the_table_lists_every_command_the_modules_define() -> None:
    defined = _defined_commands()
    listed = {spec for spec, _ in COMMANDS.values()}
    assert listed == set(defined), (
        f"add to COMMANDS in automations/cli/main.py: {sorted(set(defined) - listed)}; "
        f"remove: {sorted(listed - set(defined))}"
    )
    for name, (spec, _) in COMMANDS.items():
        assert defined[spec].name == name, f"{spec} is called {defined[spec].name!r}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_tables_short_help_is_the_commands_own(name: str) -> None:
    command = load_command(name)
    assert COMMANDS[name][1] == command.get_short_help_str(limit=sys.maxsize), (
        f"update the short help of {name!r} in COMMANDS (automations/cli/main.py)"
    )


@pytest.mark.parametrize("width", [50, 80, 120])
def test_plaint_help_lists_the_commands_as_click_would(width: int) -> None:
    eager = click.Group("plaint", commands={name: load_command(name) for name in COMMANDS})

    def listing(group: click.Group) -> str:
        ctx = click.Context(group, info_name="plaint", terminal_width=width)
        formatter = ctx.make_formatter()
        group.format_commands(ctx, formatter)
        return formatter.getvalue()

    assert listing(cli) == listing(eager)


def test_a_mistyped_command_gets_close_names_and_exit_1() -> None:
    result = CliRunner().invoke(cli, ["profil"])
    assert result.exit_code == EXIT_INVALID
    assert "No such command 'profil'" in result.output and "'profile'" in result.output
    result = CliRunner().invoke(cli, ["zzz"])
    assert result.exit_code == EXIT_INVALID and "Did you mean" not in result.output


def test_a_bad_profile_name_is_refused_for_every_command() -> None:
    result = CliRunner().invoke(cli, ["--profile", "../etc", "doctor"])
    assert result.exit_code == EXIT_INVALID and "Invalid profile name" in result.output


def _failing_group(exc: Exception) -> click.Group:
    @click.group(cls=PlaintGroup)
    def group() -> None:
        pass

    @group.command()
    def boom() -> None:
        raise exc

    return group


def test_an_unexpected_error_is_exit_3_without_its_text() -> None:
    result = CliRunner().invoke(_failing_group(RuntimeError("secret 11010519491231002X")), ["boom"])
    assert result.exit_code == EXIT_INTERNAL
    assert "RuntimeError" in result.output and "11010519491231002X" not in result.output


def test_plaint_debug_shows_the_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLAINT_DEBUG", "1")
    result = CliRunner().invoke(_failing_group(RuntimeError("details")), ["boom"])
    assert isinstance(result.exception, RuntimeError) and str(result.exception) == "details"


def test_a_broken_pipe_that_is_not_stdout_is_a_bug() -> None:
    # click's runner gives stdout no file descriptor: the pipe broken is something else.
    result = CliRunner().invoke(_failing_group(BrokenPipeError()), ["boom"])
    assert result.exit_code == EXIT_INTERNAL and "BrokenPipeError" in result.output


def _into_closed_pipe(argv: list[str]) -> subprocess.CompletedProcess[str]:
    """Run plaint with stdout a pipe whose reader left before plaint wrote a byte."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            argv,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=plaint_env(),
            timeout=60,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "args",
    [["--help"], ["--version"], ["profile", "--help"], ["channels", "--json"], ["channels"]],
)
def test_output_into_a_closed_pipe_ends_quietly(args: list[str]) -> None:
    proc = _into_closed_pipe([str(PLAINT), *args])
    assert proc.stderr == ""  # no traceback, no "unexpected error"
    assert proc.returncode == EXIT_PIPE_CLOSED


@pytest.mark.skipif(not hasattr(fcntl, "F_SETPIPE_SZ"), reason="resizes a Linux pipe")
def test_plaint_case_list_into_head_1(case_store: Any, case_data: Any) -> None:
    """`plaint case list | head -1`: the reader leaves after one line, plaint ends quietly.

    The pipe holds one page and the listing is longer and written line by line, so
    plaint still has lines to write when the reader has gone.
    """
    for _ in range(60):
        case_store.create("default", case_data("en"))
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)
    proc = subprocess.Popen(
        [str(PLAINT), "case", "list", "--lang", "en"],
        stdout=write_end,
        stderr=subprocess.PIPE,
        text=True,
        env=plaint_env(),
    )
    os.close(write_end)
    first = b""
    while not first.endswith(b"\n"):
        chunk = os.read(read_end, 1)
        assert chunk, "plaint wrote no line"
        first += chunk
    os.close(read_end)
    _, stderr = proc.communicate(timeout=60)
    assert first.startswith(b"#60 ")
    assert stderr == ""
    assert proc.returncode == EXIT_PIPE_CLOSED


def test_plaint_help_in_a_wide_terminal_does_not_even_import_click() -> None:
    shown = _imports([str(PLAINT), "--help"], COLUMNS="100")
    assert "click" not in shown
    assert "automations.cli.help_text" in shown
