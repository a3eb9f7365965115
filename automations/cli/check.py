"""`plaint check CHANNEL`: does the channel's form still look as plaint expects?

Sites change their forms.  A check walks the form from its start address,
fills only what a page needs to move on (from the profile and, with --case, a
case), never submits, and says page by page which expected fields it found.
A renamed or missing field is named at once, before any fill puts a value in
the wrong place.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from .errors import EXIT_ENVIRONMENT, EXIT_INVALID, EnvironmentProblem, InvalidInput

if TYPE_CHECKING:
    from automations.channel_fill import ChannelFillReport


@click.command("check")
@click.argument("channel_id", metavar="CHANNEL")
@click.option("--url", help="Check another copy of the form (a mirror or a local replica).")
@click.option(
    "--case",
    "case_id",
    type=click.IntRange(min=1),
    help="Fill this case's values where a page needs them to move on.",
)
@click.option("--headed", is_flag=True, help="Show the browser window (log in there if asked).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--lang", type=click.Choice(["en", "zh"]), help="Language of the report.")
@click.option("--browser", help="Browser executable, channel (chrome, msedge…) or 'bundled'.")
@click.pass_context
def check(
    ctx: click.Context,
    channel_id: str,
    url: str | None,
    case_id: int | None,
    headed: bool,
    as_json: bool,
    lang: str | None,
    browser: str | None,
) -> None:
    """Check that CHANNEL's form still has the pages and fields plaint expects.

    Nothing is submitted. Exit status: 0 when every expected field was found,
    1 when the form changed or could not be checked to its last page, 2 when
    the machine or the site needs something first (a browser, a login).
    """
    from automations.channel_fill import ChannelError, check_channel, report_lines
    from automations.engine import EngineError
    from automations.runner import PageLoadError, RunnerError
    from automations.values import UnknownCase

    from .channels import _lang
    from .fill import page_url

    target = page_url(url) if url else None
    language = _lang(ctx, lang)

    def progress(line: str) -> None:
        click.echo(line, err=True)

    try:
        report = check_channel(
            channel_id,
            profile=ctx.obj["profile"],
            case_id=case_id,
            url=target,
            headless=not headed,
            browser=browser,
            progress=None if as_json else progress,
            lang=language,
        )
    except (ChannelError, UnknownCase, PageLoadError) as exc:
        raise InvalidInput(str(exc)) from None
    except (RunnerError, EngineError) as exc:
        raise EnvironmentProblem(str(exc)) from None
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(report_lines(report, language)))
    code = exit_code(report)
    if code:
        ctx.exit(code)


def exit_code(report: ChannelFillReport) -> int:
    if report.outcome == "login_required":
        return EXIT_ENVIRONMENT
    if report.drifted or not report.ready:
        return EXIT_INVALID
    return 0
