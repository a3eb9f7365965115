"""Exit codes and the errors that carry them to the person."""

from __future__ import annotations

from typing import IO, Any

import click

EXIT_OK = 0
EXIT_INVALID = 1  # the input was wrong: each bad field is named
EXIT_ENVIRONMENT = 2  # the machine needs fixing: no keyring, no browser
EXIT_INTERNAL = 3  # a bug in plaint


class PlaintCliError(click.ClickException):
    exit_code = EXIT_INVALID

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"plaint: {self.format_message()}", err=True, file=file)


class InvalidInput(PlaintCliError):
    exit_code = EXIT_INVALID


class EnvironmentProblem(PlaintCliError):
    exit_code = EXIT_ENVIRONMENT
