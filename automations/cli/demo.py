"""`plaint demo`: see plaint do its job on a sample, before giving it anything of yours."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .errors import EnvironmentProblem

if TYPE_CHECKING:
    from automations.demo import DemoRun

_SAY = {
    "intro": {
        "en": "plaint demo: a sample person and case fill the complaint form of Sample Wallet, "
        "a made-up wallet whose form is served on this computer. Your own profile, cases and "
        "keyring are not touched.",
        "zh": "plaint 演示：用示例人物和示例投诉填写“示例钱包”（虚构的钱包，表单由本机提供）"
        "的投诉表单。不会读取或改动你自己的资料、投诉和钥匙串。",
    },
    "submitted": {
        "en": "Submitted: {n}. plaint never presses '{submit}': you review the form and "
        "submit it yourself.",
        "zh": "已提交：{n} 次。plaint 从不点击“{submit}”：由你核对表单后自行提交。",
    },
    "report": {"en": "Fill report (JSON): {path}", "zh": "填写报告（JSON）：{path}"},
    "letter": {
        "en": "The complaint letter for the sample case (saved as {path}):",
        "zh": "示例投诉的投诉信（已保存为 {path}）：",
    },
    "next": {"en": "What the sample case would do next:", "zh": "示例投诉的下一步："},
    "your_turn": {
        "en": "Your turn (your profile goes into your system keyring):\n"
        "  plaint profile set given_name Alex     # and family_name, email, phone, address…\n"
        "  plaint case new                        # what happened, amounts, transaction ids\n"
        "  plaint channels --case 1               # where to complain, in order\n"
        "  plaint fill cfpb --case 1              # fills the real form; you review and submit",
        "zh": "轮到你了（你的资料保存在系统钥匙串中）：\n"
        "  plaint profile set given_name 小明      # 以及 family_name、phone、地址……\n"
        "  plaint case new                        # 经过、金额、交易单号\n"
        "  plaint channels --case 1               # 按顺序列出投诉渠道\n"
        "  plaint fill cn_12315 --case 1          # 填写真实表单，由你核对并提交",
    },
}

RULE = "─" * 72


@click.command("demo")
@click.option("--lang", type=click.Choice(["en", "zh"]), help="Language of the sample and output.")
@click.option(
    "--headless/--headed",
    default=None,
    help="Hide or show the browser window (default: shown when this computer has a display).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the screenshot, report and letter (default: plaint's cache folder).",
)
@click.option("--browser", help="Browser executable, channel (chrome, msedge…) or 'bundled'.")
@click.pass_context
def demo(
    ctx: click.Context,
    lang: str | None,
    headless: bool | None,
    out: Path | None,
    browser: str | None,
) -> None:
    """Fill a sample complaint form with a sample profile and case.

    No account, keyring or network is needed. Shows each step as the real
    `plaint fill` does, the screenshot and report it saves, the complaint letter
    for the sample case and where the case would go next. Nothing is submitted
    and nothing of yours is read or changed.
    """
    from automations.demo import run_demo
    from automations.engine import EngineError
    from automations.runner import RunnerError

    language = lang or _system_lang()
    say = _sayer(language)
    say("intro")
    click.echo("")
    try:
        run_demo(
            lang=language,
            out=out,
            headless=headless,
            browser=browser,
            progress=lambda line: click.echo(line, err=True),
            on_ready=lambda run: _show(ctx, run, language, say),
        )
    except (RunnerError, EngineError) as exc:
        raise EnvironmentProblem(str(exc)) from None


def _system_lang() -> str:
    """The system's language: the demo never reads the person's profile, even for that."""
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG")
    return "zh" if (locale or "").lower().startswith("zh") else "en"


def _sayer(lang: str) -> Callable[..., None]:
    def say(key: str, **params: object) -> None:
        click.echo(_SAY[key][lang].format(**params))

    return say


def _show(ctx: click.Context, run: DemoRun, lang: str, say: Callable[..., None]) -> None:
    from automations.channel_fill import report_lines
    from automations.demo.sample import PROFILE_NAME

    from .cases import _write_private, escalate

    report = run.report
    click.echo("\n".join(report_lines(report, lang)))
    click.echo("")
    say("submitted", n=run.submissions(), submit=run.submit_label)
    say("report", path=run.report_path)
    letter_path = run.out / f"letter-{lang}.txt"
    _write_private(letter_path, run.letter.encode("utf-8"), overwrite=True)
    click.echo("")
    say("letter", path=letter_path)
    click.echo(RULE)
    click.echo(run.letter.rstrip())
    click.echo(RULE)
    click.echo("")
    say("next")
    # The demo's home is still in place here, so the real `plaint escalate` reads the sample.
    ctx.ensure_object(dict)["profile"] = PROFILE_NAME
    ctx.invoke(escalate, case_id=run.case["id"], as_json=False, lang=lang)
    click.echo("")
    say("your_turn")
