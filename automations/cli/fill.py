"""`plaint inspect URL` and `plaint fill --url URL`: the field engine on any page.

Both work on http(s) pages and on local files (a path or a file:// address).
plaint fills and stops: it never submits, and the browser stays open for the
person to review the form and press submit.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import click

from schemas.keys import SENSITIVE_KEYS

from .errors import EnvironmentProblem, InvalidInput

if TYPE_CHECKING:
    from automations.runner import FillResult

SCHEMES = ("http", "https", "file")


def page_url(text: str) -> str:
    """An address the browser may open: http(s), file://, or a path to a local file."""
    parts = urlsplit(text)
    if parts.scheme.lower() in SCHEMES:
        if parts.scheme.lower() != "file" and not parts.netloc:
            raise InvalidInput(f"{text!r} has no host.")
        return text
    if len(parts.scheme) > 1:  # "C:\\form.html" is a path, "javascript:" is not
        raise InvalidInput(
            f"plaint opens http, https and file addresses only, not {parts.scheme}: addresses."
        )
    path = Path(text).expanduser()
    if path.is_file():
        return path.resolve().as_uri()
    if "." in text and "/" not in text.split(".")[0] and not path.exists():
        return "https://" + text  # "example.org/complaint"
    raise InvalidInput(f"{text!r} is neither a web address nor a file.")


def _runner_errors(exc: Exception) -> Exception:
    from automations.engine import EngineError
    from automations.runner import BrowserLaunchError, PageLoadError

    if isinstance(exc, PageLoadError):
        return InvalidInput(str(exc))
    if isinstance(exc, (BrowserLaunchError, EngineError)):
        return EnvironmentProblem(str(exc))
    return exc


def _channel_rules(url: str) -> dict[str, Any] | None:
    from server.fill_payload import channel_for

    channel = channel_for(url)
    return channel["rules"] if channel else None


@click.command("inspect")
@click.argument("url")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per control.")
@click.option("--browser", help="Browser executable, channel (chrome, msedge…) or 'bundled'.")
def inspect(url: str, as_json: bool, browser: str | None) -> None:
    """Show what plaint would fill on the page at URL, without filling anything.

    For each form control: its label, name, type, the profile or case value plaint
    would put there (or why it never would), and how sure it is.
    """
    from automations.runner import RunnerError, inspect_url

    target = page_url(url)
    try:
        records = inspect_url(target, browser=browser, rules=_channel_rules(target))
    except RunnerError as exc:
        raise _runner_errors(exc) from None
    if as_json:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    from automations.report import print_controls

    print_controls(records)


@click.command("fill")
@click.option("--url", "url", required=True, help="The complaint form to fill (or a local file).")
@click.option("--case", "case_id", type=click.IntRange(min=1), help="Also fill this case's values.")
@click.option("--headless", is_flag=True, help="No browser window; return once filled (tests).")
@click.option(
    "--report-json",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write the fill report (keys and fields, no values) to this file.",
)
@click.option(
    "--screenshot",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Where to save the screenshot of the filled form (default: plaint's data folder).",
)
@click.option("--no-screenshot", is_flag=True, help="Do not save a screenshot.")
@click.option(
    "--allow",
    "allow_sensitive",
    multiple=True,
    type=click.Choice(sorted(SENSITIVE_KEYS)),
    help="Also fill this sensitive value, where a field asks for exactly it (repeatable).",
)
@click.option("--overwrite", is_flag=True, help="Replace values already typed on the page.")
@click.option("--browser", help="Browser executable, channel (chrome, msedge…) or 'bundled'.")
@click.pass_context
def fill(
    ctx: click.Context,
    url: str,
    case_id: int | None,
    headless: bool,
    report_json: Path | None,
    screenshot: Path | None,
    no_screenshot: bool,
    allow_sensitive: tuple[str, ...],
    overwrite: bool,
    browser: str | None,
) -> None:
    """Fill the form at --url with your profile (and a case), then stop.

    plaint never submits: the browser stays open with the filled fields outlined,
    for you to check every answer and press submit yourself.
    """
    from automations.runner import RunnerError, fill_url
    from automations.values import UnknownCase, fill_payload, fit_to_limits

    if screenshot and no_screenshot:
        raise InvalidInput("--screenshot and --no-screenshot contradict each other.")
    target = page_url(url)
    try:
        payload = fill_payload(ctx.obj["profile"], target, case_id, allow_sensitive)
    except UnknownCase as exc:
        raise InvalidInput(str(exc)) from None
    shortened = fit_to_limits(payload)

    def filled(result: FillResult) -> None:
        from automations.report import print_report

        if report_json is not None:
            report_json.write_text(
                json.dumps(result.report.to_dict(), ensure_ascii=False, indent=2) + "\n",
                encoding="utf-8",
            )
        print_report(
            result.report, url=result.url, screenshot=result.screenshot, shortened=shortened
        )
        if not headless:
            click.echo(
                "\nplaint never submits. Check every field in the browser window, correct "
                "anything that is wrong, and press submit yourself.\n"
                "plaint waits here until you close the browser.",
                err=True,
            )

    shot: Path | bool = False if no_screenshot else (screenshot or True)
    try:
        fill_url(
            target,
            payload,
            browser=browser,
            headless=headless,
            screenshot=shot,
            overwrite=overwrite,
            on_filled=filled,
        )
    except RunnerError as exc:
        raise _runner_errors(exc) from None
