"""`plaint inspect URL`, `plaint fill --url URL` and `plaint fill CHANNEL`.

``inspect`` and ``fill --url`` run the field engine on any page: http(s) pages
and local files (a path or a file:// address).  ``fill CHANNEL`` walks every
page of a scripted channel's form (``automations.channel_fill``).  plaint fills
and stops: it never submits, and the browser stays open for the person to
review the form and press submit.
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
    from automations.channel_fill import ChannelFillReport
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
    """A fill's error as the person sees it: their input (1) or the machine (2).

    Any other exception is returned as it is, for the command group to handle.
    """
    from automations.channel_fill import ChannelError
    from automations.engine import EngineError
    from automations.runner import PageLoadError, RunnerError
    from automations.values import UnknownCase

    if isinstance(exc, (PageLoadError, ChannelError, UnknownCase)):
        return InvalidInput(str(exc))
    if isinstance(exc, (RunnerError, EngineError)):
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
@click.argument("channel_id", metavar="[CHANNEL]", required=False)
@click.option(
    "--url",
    "url",
    help="The form to fill (or a local file). With CHANNEL: another copy of its form "
    "(a mirror or a local replica).",
)
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
@click.option(
    "--overwrite", is_flag=True, help="Replace values already typed on the page (--url only)."
)
@click.option("--browser", help="Browser executable, channel (chrome, msedge…) or 'bundled'.")
@click.pass_context
def fill(
    ctx: click.Context,
    channel_id: str | None,
    url: str | None,
    case_id: int | None,
    headless: bool,
    report_json: Path | None,
    screenshot: Path | None,
    no_screenshot: bool,
    allow_sensitive: tuple[str, ...],
    overwrite: bool,
    browser: str | None,
) -> None:
    """Fill a complaint form with your profile (and a case), then stop.

    \b
      plaint fill CHANNEL --case N [--url URL]   a channel's form, every page of it
      plaint fill --url URL [--case N]           any form: the fields plaint recognises

    With CHANNEL (`plaint channels` lists them) plaint walks the channel's form
    page by page, says what it filled on each, and stops on the last page;
    --url points it at another copy of that form. With --url alone it fills the
    one page at URL.

    \b
    Examples:
      plaint fill cfpb --case 3
      plaint fill cfpb --case 3 --url http://127.0.0.1:8000/cfpb/
      plaint fill --url https://example.org/complaint --case 3
      plaint fill --url ./complaint.html

    plaint never submits: the browser stays open with the filled fields outlined,
    for you to check every answer and press submit yourself.

    With CHANNEL the exit status is 0 when plaint stopped on the form's last
    page, 1 when the form has changed or the fill stopped before its last page,
    and 2 when the site needs you to log in first (run it with a window).
    """
    if screenshot and no_screenshot:
        raise InvalidInput("--screenshot and --no-screenshot contradict each other.")
    if channel_id is None and url is None:
        raise click.UsageError(
            "give a CHANNEL (`plaint channels` lists them) or --url URL.", ctx=ctx
        )
    target = page_url(url) if url else None
    shot: Path | bool = False if no_screenshot else (screenshot or True)
    if channel_id is not None:
        if overwrite:
            raise InvalidInput(
                "--overwrite is for `plaint fill --url`: a channel fill replaces what the "
                "page put in its fields itself and names them."
            )
        code = _fill_channel(
            ctx, channel_id, target, case_id, headless, report_json, shot, allow_sensitive, browser
        )
        if code:
            ctx.exit(code)
        return
    assert target is not None
    _fill_page(
        ctx, target, case_id, headless, report_json, shot, allow_sensitive, overwrite, browser
    )


def _fill_channel(
    ctx: click.Context,
    channel_id: str,
    url: str | None,
    case_id: int | None,
    headless: bool,
    report_json: Path | None,
    screenshot: Path | bool,
    allow_sensitive: tuple[str, ...],
    browser: str | None,
) -> int:
    """`plaint fill CHANNEL`: progress on stderr and the report on stdout, as `plaint check`."""
    from automations.channel_fill import fill_channel, report_lines

    from .channels import _lang
    from .check import exit_code

    language = _lang(ctx, None)

    def progress(line: str) -> None:
        click.echo(line, err=True)

    def ready(report: ChannelFillReport) -> None:
        # Shown while the window is still open: it says what to check before submitting.
        click.echo("\n".join(report_lines(report, language)))

    try:
        report = fill_channel(
            channel_id,
            profile=ctx.obj["profile"],
            case_id=case_id,
            url=url,
            headless=headless,
            browser=browser,
            report_json=report_json,
            screenshot=screenshot,
            progress=progress,
            allow_sensitive=allow_sensitive,
            lang=language,
            on_ready=ready,
        )
    except Exception as exc:
        shown = _runner_errors(exc)
        if shown is exc:
            raise
        raise shown from None
    return exit_code(report)


def _fill_page(
    ctx: click.Context,
    target: str,
    case_id: int | None,
    headless: bool,
    report_json: Path | None,
    screenshot: Path | bool,
    allow_sensitive: tuple[str, ...],
    overwrite: bool,
    browser: str | None,
) -> None:
    """`plaint fill --url URL`: the field engine on the one page at URL."""
    from automations.runner import RunnerError, fill_url
    from automations.values import UnknownCase, fill_payload, fit_to_limits

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

    try:
        fill_url(
            target,
            payload,
            profile=ctx.obj["profile"],
            browser=browser,
            headless=headless,
            screenshot=screenshot,
            overwrite=overwrite,
            on_filled=filled,
        )
    except RunnerError as exc:
        raise _runner_errors(exc) from None
