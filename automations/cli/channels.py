"""`plaint channels`: where a person can complain, and how plaint helps on each."""

from __future__ import annotations

import json
import os
from typing import Any

import click

from .errors import InvalidInput

_LABELS = {
    "en": {
        "id": "ID",
        "name": "Channel",
        "kind": "Kind",
        "jurisdiction": "Where",
        "automation": "How",
        "url": "Start",
        "stage": "Stage",
        "state": "State",
        "script": "fills the form",
        "guide": "guide",
        "title": "Complaint channels",
        "title_case": "Where to complain for case #{case}, in order",
        "parallel": "in parallel",
        "operator": "Run by",
        "login": "Login",
        "yes": "yes",
        "no": "no",
        "unsure": "not known",
        "promises": "Response times",
        "limits": "Text limits",
        "forbidden": "Keep out of free text",
        "categories": "Categories",
        "not_taken": "not taken here",
        "taken": "taken (no field to choose)",
        "contacts": "Official contacts",
        "steps": "Form steps (plaint stops on the last one; you press {submit})",
        "unsure_facts": "Not settled by the sources",
        "chars": "characters",
        "hint": "Details: plaint channels ID",
    },
    "zh": {
        "id": "编号",
        "name": "渠道",
        "kind": "类型",
        "jurisdiction": "地区",
        "automation": "方式",
        "url": "入口",
        "stage": "阶段",
        "state": "状态",
        "script": "自动填表",
        "guide": "指引",
        "title": "投诉渠道",
        "title_case": "案件 #{case} 的投诉顺序",
        "parallel": "可同时进行",
        "operator": "运营方",
        "login": "需要登录",
        "yes": "是",
        "no": "否",
        "unsure": "不确定",
        "promises": "答复时限",
        "limits": "字数限制",
        "forbidden": "不要写进描述的信息",
        "categories": "投诉类别",
        "not_taken": "不受理",
        "taken": "受理（无需选择）",
        "contacts": "官方联系方式",
        "steps": "表单步骤（plaint 停在最后一步，由你点“{submit}”）",
        "unsure_facts": "来源未能确认",
        "chars": "字",
        "hint": "查看详情：plaint channels 编号",
    },
}


def _lang(ctx: click.Context, option: str | None) -> str:
    """--lang, else the profile's preferred language, else the system locale, else English."""
    if option:
        return option
    try:
        from server.store import ProfileStore

        found = ProfileStore().get(ctx.obj["profile"])
        preferred = found.data.get("preferred_language") if found else None
    except Exception:  # no keyring: the language is a nicety, not worth failing over
        preferred = None
    if preferred in ("en", "zh"):
        return str(preferred)
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG")
    return "zh" if (locale or "").lower().startswith("zh") else "en"


def _ladder_rows(ctx: click.Context, case_id: int, lang: str) -> list[dict[str, Any]]:
    """The registry channels of the case's escalation ladder, in its order."""
    from automations import sites
    from server.casework.escalation import ladder
    from server.store.cases import CaseStore

    case = CaseStore().require(case_id, ctx.obj["profile"])
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for step in ladder(case):
        if step.channel is None or step.channel in seen or step.channel not in sites.CHANNEL_IDS:
            continue
        seen.add(step.channel)
        row = sites.get(step.channel).summary_dict(lang)
        row.update(stage=step.stage, state=step.state, parallel=step.parallel)
        rows.append(row)
    return rows


def _print_table(rows: list[dict[str, Any]], lang: str, title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    from automations.sites.channel import KIND_NAMES

    words = _LABELS[lang]
    with_ladder = bool(rows) and "stage" in rows[0]
    console = Console(soft_wrap=False)
    # Addresses are long; in a narrow terminal `plaint channels ID` shows them whole.
    with_url = console.width >= 120
    table = Table(title=title, title_justify="left", show_lines=False)
    for key in ("id", "name", "kind", "jurisdiction", "automation"):
        table.add_column(words[key], no_wrap=key in ("id", "jurisdiction"))
    if with_ladder:
        table.add_column(words["stage"])
    if with_url:
        table.add_column(words["url"], no_wrap=True)
    for row in rows:
        cells = [
            row["id"],
            row["name"],
            KIND_NAMES[row["kind"]].pick(lang),
            row["jurisdiction"],
            words[row["automation"]],
        ]
        if with_ladder:
            stage = f"{row['stage']} · {row['state']}"
            cells.append(stage + (f" ({words['parallel']})" if row["parallel"] else ""))
        if with_url:
            cells.append(row["url"])
        table.add_row(*cells)
    console.print(table)
    click.echo(words["hint"], err=True)


def _describe(channel: Any, lang: str, contacts: bool = True) -> str:
    """A channel in full, as plain text."""
    from automations.sites.channel import KIND_NAMES, PLAINT_CATEGORIES
    from schemas.case import CATEGORIES, label
    from schemas.keys import KEYS_BY_NAME

    words = _LABELS[lang]
    colon = "：" if lang == "zh" else ": "

    def key_label(key: str) -> str:
        found = KEYS_BY_NAME[key]
        return found.label_zh if lang == "zh" else found.label_en

    login = {True: words["yes"], False: words["no"], None: words["unsure"]}
    out = [
        f"{channel.name(lang)} ({channel.id})",
        f"{words['operator']}{colon}{channel.operator.pick(lang)} · "
        f"{KIND_NAMES[channel.kind].pick(lang)} · {channel.jurisdiction}",
        f"{words['login']}{colon}{login[channel.login_required]} · "
        f"{words['automation']}{colon}{words[channel.automation]}",
        f"{words['url']}{colon}{channel.url}",
        "",
        channel.summary.pick(lang),
    ]
    if channel.promises:
        out += ["", f"{words['promises']}{colon}{channel.promises.pick(lang)}"]
    if channel.limits:
        limits = ", ".join(
            f"{key_label(k)} {v} {words['chars']}" for k, v in channel.limits.items()
        )
        out.append(f"{words['limits']}{colon}{limits}")
    if channel.forbidden_in_text:
        keys = ", ".join(key_label(k) for k in channel.forbidden_in_text)
        out.append(f"{words['forbidden']}{colon}{keys}")
    out += ["", f"{words['categories']}{colon.strip()}"]
    for category in PLAINT_CATEGORIES:
        mapped = channel.categories[category]
        if mapped is None:
            shown = words["not_taken"]
        else:
            shown = mapped.wording or words["taken"]
            if mapped.note:
                shown += f" — {mapped.note.pick(lang)}"
        out.append(f"  {label(CATEGORIES, category, lang)}{colon}{shown}")
    if contacts:
        out += ["", f"{words['contacts']}{colon.strip()}"]
        for contact in channel.contacts:
            hours = f" ({contact.hours.pick(lang)})" if contact.hours else ""
            out.append(f"  {contact.label.pick(lang)}{colon}{contact.value}{hours}")
    if channel.wizard:
        out += ["", words["steps"].format(submit=channel.wizard.submit) + colon.strip()]
        out += [f"  {n}. {step.title}" for n, step in enumerate(channel.wizard.steps, 1)]
    if channel.unsure:
        out += [
            "",
            f"{words['unsure_facts']}{colon.strip()}",
            *(f"  - {u}" for u in channel.unsure),
        ]
    return "\n".join(out)


def _guide_text(
    ctx: click.Context, channel: Any, case_id: int, lang: str
) -> tuple[str | None, list[str]]:
    """The case's letter for this channel, fitted to its limit, and what was left out.

    None, with the reason, when even the letter's essentials exceed the limit.
    """
    from server.casework.letters import LetterTooLong, compose_letter
    from server.store import ProfileStore
    from server.store.cases import CaseStore

    case = CaseStore().require(case_id, ctx.obj["profile"])
    found = ProfileStore().get(ctx.obj["profile"])
    try:
        letter = compose_letter(
            case,
            found.data if found else None,
            lang,
            channel.guide.text_limit,
            channel=channel.id,
            channel_name=channel.name(lang),
            forbidden=channel.forbidden_in_text,
        )
    except LetterTooLong as exc:  # its message holds counts only, no case details
        return None, [str(exc)]
    return letter.text, list(letter.notes)


@click.command()
@click.argument("channel_id", required=False, metavar="[CHANNEL]")
@click.option(
    "--case",
    "case_id",
    type=click.IntRange(min=1),
    help="Order the channels as the case's escalation ladder; with CHANNEL, add the case's text.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--lang", type=click.Choice(["en", "zh"]), help="Language of names and guides.")
@click.pass_context
def channels(
    ctx: click.Context, channel_id: str | None, case_id: int | None, as_json: bool, lang: str | None
) -> None:
    """List the complaint channels, or show one (with its guide and the case's text).

    plaint fills the web form of a "script" channel and stops for you to submit;
    for a "guide" channel (an app or a hotline) it shows the steps and a text
    to copy.
    """
    from automations import sites

    lang = _lang(ctx, lang)
    if channel_id is not None:
        try:
            channel = sites.get(channel_id)
        except KeyError:
            raise InvalidInput(
                f"unknown channel {channel_id!r}. Channels: {', '.join(sites.CHANNEL_IDS)}"
            ) from None
        _show_one(ctx, channel, case_id, as_json, lang)
        return
    if case_id is not None:
        rows = _ladder_rows(ctx, case_id, lang)
        title = _LABELS[lang]["title_case"].format(case=case_id)
    else:
        rows = [c.summary_dict(lang) for c in sites.all_channels()]
        title = _LABELS[lang]["title"]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        _print_table(rows, lang, title)


def _show_one(
    ctx: click.Context, channel: Any, case_id: int | None, as_json: bool, lang: str
) -> None:
    from automations.sites.guides import render_guide

    text, notes = (None, [])
    if channel.guide is not None and case_id is not None:
        text, notes = _guide_text(ctx, channel, case_id, lang)
    guide = render_guide(channel, lang, text) if channel.guide is not None else None
    # A case was given but its text cannot fit: the guide still helps, the exit says so.
    too_long = case_id is not None and guide is not None and text is None
    if as_json:
        data = channel.to_dict()
        data["name"] = channel.name(lang)
        if guide is not None:
            data["rendered_guide"] = {**guide.to_dict(), "notes": notes}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        # A guide lists the contacts itself, next to the steps that use them.
        click.echo(_describe(channel, lang, contacts=guide is None))
        if guide is not None:
            click.echo("")
            click.echo(guide.as_text(title=False), nl=False)
            if not too_long:
                for note in notes:
                    click.echo(f"- {note}")
    if too_long:
        raise InvalidInput(notes[0])
