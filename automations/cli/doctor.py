"""`plaint doctor`: is this machine ready, and if not, what to do."""

from __future__ import annotations

import platform
import sys
from importlib import metadata, resources

import click

from .errors import EXIT_ENVIRONMENT

PACKAGES = ("plaint", "playwright", "flask", "marshmallow", "keyring", "click")


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


@click.command()
@click.option("--browser", help="Browser to check: a path, a channel or 'bundled'.")
@click.pass_context
def doctor(ctx: click.Context, browser: str | None) -> None:
    """Check keyring, browser and versions, with a fix for each problem."""
    from automations.browser import BrowserNotFound, choose_browser
    from server.store import KeyringUnavailable, ProfileStore
    from server.store.keyring_blobs import backend_name

    problems = 0
    store = ProfileStore()
    click.echo(f"Keyring backend: {backend_name(store.blobs.backend)}")
    try:
        store.blobs.probe()
        click.echo(f"  ok: stores and reads secrets (service '{store.blobs.service}')")
    except KeyringUnavailable as exc:
        problems += 1
        click.echo(f"  PROBLEM: {exc}")
    try:
        choice = choose_browser(browser)
        click.echo(f"Browser: {choice.describe()}")
    except BrowserNotFound as exc:
        problems += 1
        click.echo(f"Browser: PROBLEM: {exc}")
    # Where "Load unpacked" must point, wherever pip put the package.
    click.echo(f"Browser extension (load it unpacked): {resources.files('extension')}")
    click.echo(f"Python {platform.python_version()} on {sys.platform}")
    click.echo("Versions: " + ", ".join(f"{p} {_version(p)}" for p in PACKAGES))
    if problems:
        click.echo(f"{problems} problem(s) found.", err=True)
        ctx.exit(EXIT_ENVIRONMENT)
    click.echo("All good.", err=True)
