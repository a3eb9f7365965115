"""The `plaint` command: one group whose subcommands are imported only when used.

`plaint --help` and dispatching stay fast because nothing here imports marshmallow,
Flask, Playwright, rich or keyring: COMMANDS names each command's module and short
help, and a command's module is imported when that command runs or shows its help.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from .errors import (
    EXIT_INTERNAL,
    EXIT_INVALID,
    EnvironmentProblem,
    InvalidInput,
    PlaintCliError,
)
from .pipe import EXIT_PIPE_CLOSED
from .pipe import stdout_closed as _stdout_closed
from .pipe import stdout_is_a_pipe as _stdout_is_a_pipe

# name → ("module:attribute", the command's first help sentence).  `plaint --help`
# lists these without importing a command; tests/test_cli_startup.py fails when a
# short help here differs from the command's own or a command is missing.
COMMANDS: dict[str, tuple[str, str]] = {
    "case": (
        "automations.cli.cases:case",
        "Record complaint cases: evidence, contacts, filings.",
    ),
    "channels": (
        "automations.cli.channels:channels",
        "List the complaint channels, or show one (with its guide and the case's text).",
    ),
    "check": (
        "automations.cli.check:check",
        "Check that CHANNEL's form still has the pages and fields plaint expects.",
    ),
    "demo": (
        "automations.cli.demo:demo",
        "Fill a sample complaint form with a sample profile and case.",
    ),
    "doctor": (
        "automations.cli.doctor:doctor",
        "Check keyring, browser and versions, with a fix for each problem.",
    ),
    "escalate": ("automations.cli.cases:escalate", "Where to go next with a case."),
    "fill": (
        "automations.cli.fill:fill",
        "Fill a complaint form with your profile (and a case), then stop.",
    ),
    "followups": ("automations.cli.cases:followups", "What is due or overdue, soonest first."),
    "inspect": (
        "automations.cli.fill:inspect",
        "Show what plaint would fill on the page at URL, without filling anything.",
    ),
    "letter": ("automations.cli.cases:letter", "Write the complaint letter for a case."),
    "pair": (
        "automations.cli.serve:pair",
        "Print the token that pairs the browser extension with the helper.",
    ),
    "profile": (
        "automations.cli.profile:profile",
        "Show and change the complaint profile (kept in the OS keyring).",
    ),
    "serve": (
        "automations.cli.serve:serve",
        "Run the helper the browser extension talks to, on 127.0.0.1 only.",
    ),
}


def load_command(name: str) -> click.Command:
    """Import the module of COMMANDS[name] and return its command."""
    module, _, attr = COMMANDS[name][0].partition(":")
    command = getattr(importlib.import_module(module), attr)
    assert isinstance(command, click.Command), f"{COMMANDS[name][0]} is not a click command"
    return command


def _translate(exc: Exception) -> PlaintCliError | None:
    """Map a lower layer's error to an exit code and a safe message."""
    from marshmallow import ValidationError

    from automations.browser import BrowserNotFound
    from schemas.errors import describe_errors
    from server.store import KeyringUnavailable, StoreCorrupt, StoreError

    if isinstance(exc, ValidationError):
        return InvalidInput("invalid input, nothing was saved:\n" + describe_errors(exc.messages))
    if isinstance(exc, (KeyringUnavailable, BrowserNotFound, StoreCorrupt)):
        return EnvironmentProblem(str(exc))
    if isinstance(exc, StoreError):
        return InvalidInput(str(exc))
    return None


class PlaintGroup(click.Group):
    """Exit codes 0/1/2 everywhere, no traceback ever reaches the person, and
    subcommands come from COMMANDS, imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        return load_command(cmd_name) if cmd_name in COMMANDS else None

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:
            # click suggests close names from the commands it holds: here, none yet.
            raise click.exceptions.NoSuchCommand(
                exc.command_name, possibilities=self.list_commands(ctx), ctx=ctx
            ) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # click's own listing, fed from the table instead of the imported commands.
        listing = click.Group(
            commands=[click.Command(name, help=short) for name, (_, short) in COMMANDS.items()]
        )
        listing.format_commands(ctx, formatter)

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except BrokenPipeError:  # printing `plaint --help` or --version into a closed pipe
            if not _stdout_is_a_pipe():
                raise
            raise click.exceptions.Exit(_stdout_closed()) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            if isinstance(exc, BrokenPipeError) and _stdout_is_a_pipe():
                raise click.exceptions.Exit(_stdout_closed()) from None
            translated = _translate(exc)
            if translated is not None:
                raise translated from None
            if os.environ.get("PLAINT_DEBUG"):
                raise
            # The exception text may hold personal data, so only its type is shown.
            raise PlaintCliError(
                f"unexpected error ({type(exc).__name__}). Nothing was shown of its details "
                "because they may contain personal data; rerun with PLAINT_DEBUG=1 to see them.",
                EXIT_INTERNAL,
            ) from None

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        try:
            try:
                rv = super().main(*args, standalone_mode=False, **kwargs)
                code = rv if isinstance(rv, int) else 0
            except click.UsageError as exc:
                # click gives usage errors exit 2, which plaint keeps for the environment.
                exc.show()
                code = EXIT_INVALID
            except click.ClickException as exc:
                exc.show()
                code = exc.exit_code
            except click.Abort:
                click.echo("Aborted.", err=True)
                code = EXIT_INVALID
            # What is still buffered meets a closed pipe here, where it can be handled.
            sys.stdout.flush()
        except BrokenPipeError:
            if not _stdout_is_a_pipe():
                raise
            code = _stdout_closed()
        if standalone_mode:
            sys.exit(code)
        return code


@click.group(cls=PlaintGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--profile",
    "profile_name",
    envvar="PLAINT_PROFILE",
    default="default",
    show_default=True,
    help="Which complaint profile to use (also PLAINT_PROFILE).",
)
@click.version_option(package_name="plaint", prog_name="plaint")
@click.pass_context
def cli(ctx: click.Context, profile_name: str) -> None:
    """plaint: one complaint profile, pre-filled into every complaint form.

    plaint fills and stops: you review every form and press submit yourself.
    """
    # This runs before a subcommand parses its --help; the default name is valid, and
    # leaving the store unimported keeps `plaint profile --help` fast.
    if profile_name != "default":
        from server.store import InvalidProfileName
        from server.store.profiles import check_name

        try:
            check_name(profile_name)
        except InvalidProfileName as exc:
            raise InvalidInput(str(exc)) from None
    ctx.obj = {"profile": profile_name}


def main() -> None:
    cli(prog_name="plaint")


__all__ = ["COMMANDS", "EXIT_INVALID", "EXIT_PIPE_CLOSED", "cli", "load_command", "main"]
