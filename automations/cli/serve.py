"""`plaint serve` runs the local helper; `plaint pair` prints the token that pairs the extension."""

from __future__ import annotations

import logging
import signal
from contextlib import suppress
from typing import Any

import click

from .errors import EnvironmentProblem

DEFAULT_PORT = 8765  # also the extension's default

PAIR_STEPS = """\
To pair the plaint browser extension:
  1. Start the helper: plaint serve
  2. Open the extension's options page (right-click the plaint icon → Options).
  3. Paste the token into "Pairing token" and press "Save".
配对浏览器扩展：运行 plaint serve，打开扩展的选项页，把令牌粘贴到“配对令牌”，然后点击“保存”。"""


def _configure_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(name)s %(levelname)s: %(message)s",
    )
    if not verbose:
        # "Task queue depth" under a burst of requests is not the person's concern.
        logging.getLogger("waitress.queue").setLevel(logging.ERROR)


def _stop_on_signals() -> None:
    def handler(signum: int, frame: Any) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, handler)
    # A shell starts background jobs with SIGINT ignored; Ctrl-C must still stop us.
    signal.signal(signal.SIGINT, signal.default_int_handler)


@click.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=DEFAULT_PORT,
    show_default=True,
    envvar="PLAINT_PORT",
    help="Port on 127.0.0.1 (0 picks a free one and prints it). Also PLAINT_PORT.",
)
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="Log each request's method, path and status (never a query, body or token).",
)
def serve(port: int, verbose: bool) -> None:
    """Run the helper the browser extension talks to, on 127.0.0.1 only. Ctrl-C stops it."""
    from server import create_app
    from server.wsgi import HelperServer, PortInUse

    _configure_logging(verbose)
    app = create_app({"PLAINT_ACCESS_LOG": verbose})
    # The token is created on first use; without a keyring this fails here (exit 2).
    app.extensions["plaint"].pairing.state()
    try:
        server = HelperServer(app, port)
    except PortInUse as exc:
        raise EnvironmentProblem(str(exc)) from None
    click.echo(f"plaint helper listening on {server.url}/ (Ctrl-C to stop)")
    click.echo(
        "Only the paired extension and programs with the token can use it; "
        "`plaint pair` prints the token.",
        err=True,
    )
    _stop_on_signals()
    # A Ctrl-C before the loop starts has nothing to shut down.
    with suppress(KeyboardInterrupt):
        server.serve_forever()
    click.echo("plaint helper stopped.", err=True)


@click.command()
@click.option(
    "--rotate",
    is_flag=True,
    help="Replace the token. Paired extensions stop working until they pair again.",
)
@click.option(
    "--forget-origins",
    is_flag=True,
    help="Forget which extensions are paired (they pair again with the same token).",
)
def pair(rotate: bool, forget_origins: bool) -> None:
    """Print the token that pairs the browser extension with the helper.

    The token is created on first use and kept in the OS keyring. Only the
    token goes to standard output, so it can be piped to a clipboard tool.
    """
    from server.pairing import Pairing

    pairing = Pairing()
    if rotate:
        state = pairing.rotate()
        click.echo("A new token replaced the old one; every extension must pair again.", err=True)
    elif forget_origins:
        state = pairing.forget_origins()
        click.echo("Forgot every paired extension; pair them again with this token.", err=True)
    else:
        state = pairing.load(create=True)
        assert state is not None
    click.echo(
        "Pairing token (keep it private: with it, a program on this computer can read "
        "your profile):",
        err=True,
    )
    click.echo(state.token)
    click.echo("", err=True)
    click.echo(PAIR_STEPS, err=True)
    count = len(state.origins)
    click.echo(f"Paired extensions: {count}.", err=True)
