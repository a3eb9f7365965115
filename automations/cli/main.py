"""The `plaint` command: one group, subcommands registered from their modules."""

from __future__ import annotations

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
    """Exit codes 0/1/2 everywhere, and no traceback ever reaches the person."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
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
    from server.store import InvalidProfileName
    from server.store.profiles import check_name

    try:
        check_name(profile_name)
    except InvalidProfileName as exc:
        raise InvalidInput(str(exc)) from None
    ctx.obj = {"profile": profile_name}


def _register() -> None:
    from . import cases, channels, check, doctor, fill, profile, serve

    cli.add_command(profile.profile)
    cli.add_command(doctor.doctor)
    cli.add_command(serve.serve)
    cli.add_command(serve.pair)
    cli.add_command(channels.channels)
    cli.add_command(fill.inspect)
    cli.add_command(fill.fill)
    cli.add_command(check.check)
    for command in cases.COMMANDS:
        cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="plaint")


__all__ = ["EXIT_INVALID", "cli", "main"]
