"""`plaint case …`, `plaint followups`, `plaint escalate`, `plaint letter`.

Cases live in the SQLite case store (server.store.cases); this module only
reads options, calls the store and the casework functions, and prints.
Channel names and official contacts come from the channel registry
(automations.sites), read lazily so a missing entry never blocks a command.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .errors import EXIT_INVALID, InvalidInput

CASE_FIELDS = (
    "company",
    "account_id",
    "category",
    "jurisdiction",
    "incident_date",
    "amount",
    "currency",
    "transaction_ids",
    "title",
    "narrative",
    "desired_resolution",
)
REQUIRED = ("company", "category", "jurisdiction", "title", "narrative", "desired_resolution")
# The choices of schemas.case, spelled out so `plaint --help` need not load
# marshmallow (a test keeps them equal).
CATEGORY_IDS = (
    "unauthorized_transaction",
    "account_frozen",
    "payment_failed_but_charged",
    "refund_refused",
    "no_response",
    "fraud_scam",
    "fees",
    "other",
)
STATUS_IDS = ("draft", "filed", "awaiting_response", "escalated", "resolved", "closed")
EVIDENCE_KIND_IDS = ("transaction_record", "screenshot", "chat_log", "email", "other")
DIRECTION_IDS = ("outgoing", "incoming", "note")
FILING_STATUS_IDS = ("awaiting_response", "responded", "final_response", "escalated", "closed")

# CLI words in both languages; case content is printed as the person wrote it.
_T: dict[str, dict[str, str]] = {
    "case": {"en": "Case", "zh": "案件"},
    "company": {"en": "Company", "zh": "被投诉方"},
    "account": {"en": "Account", "zh": "账户"},
    "category": {"en": "Problem", "zh": "问题类型"},
    "jurisdiction": {"en": "Jurisdiction", "zh": "适用地区"},
    "incident_date": {"en": "Incident date", "zh": "发生日期"},
    "amount": {"en": "Amount", "zh": "金额"},
    "transactions": {"en": "Transactions", "zh": "交易单号"},
    "status": {"en": "Status", "zh": "状态"},
    "narrative": {"en": "What happened", "zh": "事情经过"},
    "resolution": {"en": "Resolution wanted", "zh": "投诉请求"},
    "evidence": {"en": "Evidence", "zh": "证据"},
    "contacts": {"en": "Contact log", "zh": "联系记录"},
    "filings": {"en": "Filings", "zh": "投诉记录"},
    "none": {"en": "none yet", "zh": "暂无"},
    "ok": {"en": "hash ok", "zh": "哈希一致"},
    "modified": {"en": "CHANGED since it was added", "zh": "添加后已被改动"},
    "missing": {"en": "MISSING from the vault", "zh": "证据库中已缺失"},
    "urgent": {"en": "Do these now", "zh": "请立即处理"},
    "ladder": {"en": "Escalation ladder", "zh": "升级投诉路径"},
    "next": {"en": "Next step", "zh": "下一步"},
    "parallel": {"en": "in parallel", "zh": "可同时进行"},
    "done": {"en": "done", "zh": "已完成"},
    "open": {"en": "filed, waiting", "zh": "已投诉，等待答复"},
    "ready": {"en": "ready now", "zh": "现在可以进行"},
    "waiting": {"en": "from {0}", "zh": "{0}起可进行"},
    "later": {"en": "later", "zh": "稍后"},
    "filed": {"en": "filed {0}", "zh": "{0}提交"},
    "ref": {"en": "ref {0}", "zh": "编号 {0}"},
    "due": {"en": "{label}: {date} ({left})", "zh": "{label}：{date}（{left}）"},
    "window": {"en": "{label}: {date}", "zh": "{label}：{date}"},
    "unsure": {"en": " [unconfirmed]", "zh": "［未经确认］"},
    "no_followups": {
        "en": "Nothing is due: no open case has a date coming up.",
        "zh": "暂无待办：没有即将到期的事项。",
    },
    "no_cases": {
        "en": "No cases yet. Start one with: plaint case new",
        "zh": "暂无案件。新建案件：plaint case new",
    },
}
_STAGES = {
    "provider": {"en": "provider", "zh": "服务商"},
    "regulator": {"en": "regulator", "zh": "监管机构"},
    "police": {"en": "police / fraud report", "zh": "报警 / 诈骗举报"},
    "mediation": {"en": "mediation / public", "zh": "调解 / 公开投诉"},
    "legal": {"en": "legal", "zh": "法律途径"},
}


def t(key: str, lang: str, *args: Any, **kwargs: Any) -> str:
    return _T[key][lang].format(*args, **kwargs)


def colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def heading(key: str, lang: str) -> str:
    """A section heading, with the colon of the language."""
    return t(key, lang) + ("：" if lang == "zh" else ":")


# -- shared plumbing -----------------------------------------------------------


class CaseId(click.ParamType):
    name = "CASE"

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        text = str(value).strip().lstrip("#")
        if not text.isdigit() or int(text) < 1:
            self.fail(f"{value!r} is not a case number (like 12 or #12).", param, ctx)
        return int(text)


CASE = CaseId()


def _cases() -> Any:
    from server.store.cases import CaseStore

    return CaseStore()


def _profile_name(ctx: click.Context) -> str:
    return str(ctx.obj["profile"])


def _profile_data(ctx: click.Context, required: bool) -> dict[str, Any] | None:
    from server.store import ProfileStore

    store = ProfileStore()
    if required:
        return store.require(_profile_name(ctx)).data
    found = store.get(_profile_name(ctx))
    return found.data if found else None


def _lang(ctx: click.Context, option: str | None) -> str:
    """--lang, else the profile's preferred language, else the system locale, else English."""
    if option:
        return option
    try:
        data = _profile_data(ctx, required=False)
    except Exception:  # no keyring: the language is a nicety, not worth failing over
        data = None
    if data and data.get("preferred_language") in ("en", "zh"):
        return str(data["preferred_language"])
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG")
    return "zh" if (locale or "").lower().startswith("zh") else "en"


LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(["en", "zh"]),
    help="Language of the output (default: the profile's preferred language).",
)


def _channel(channel_id: str) -> Any | None:
    """The registry's channel, or None when the registry does not have it (yet)."""
    try:
        from automations import sites

        return sites.get(channel_id)
    except Exception:
        return None


def _channel_name(channel_id: str | None, lang: str, company: str | None = None) -> str:
    if channel_id is None:
        return ""
    if channel_id == "company":
        return company or channel_id
    channel = _channel(channel_id)
    return channel.name(lang) if channel is not None else channel_id


def _channel_names(lang: str) -> dict[str, str]:
    from schemas.case import CHANNEL_IDS

    return {cid: _channel_name(cid, lang) for cid in CHANNEL_IDS}


def _read_json_file(file: Any) -> Any:
    try:
        return json.loads(file.read().lstrip("\ufeff"))
    except ValueError as exc:
        raise InvalidInput(f"the input is not valid JSON ({exc.msg}, line {exc.lineno}).") from None


def _write_private(path: Path, data: bytes, overwrite: bool) -> None:
    """Write ``path`` (mode 600) completely or not at all."""
    if path.exists() and not overwrite:
        raise InvalidInput(f"{path} already exists; use --force to replace it.")
    if not path.parent.is_dir():
        raise InvalidInput(f"the folder {path.parent} does not exist.")
    tmp = path.parent / f".{path.name}.{secrets.token_hex(6)}.part"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _fmt_date(value: str | dt.date | None, lang: str) -> str:
    from server.casework.letters import format_date

    return format_date(value, lang) if value else ""


def _amount(case: dict[str, Any], lang: str) -> str:
    from server.casework.letters import format_amount

    if not case.get("amount"):
        return ""
    return format_amount(case["amount"], case.get("currency", ""), lang)


# -- case fields from options and prompts ----------------------------------------


def case_field_options() -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The options naming each case field, shared by `case new` and `case edit`."""

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        options = [
            click.option("--company", help="The company complained about, e.g. PayPal."),
            click.option("--account-id", help="Your wallet account: email, phone or address."),
            click.option(
                "--category",
                type=click.Choice(CATEGORY_IDS),
                help="What kind of problem it is.",
            ),
            click.option(
                "--jurisdiction",
                help="Country whose rules apply (ISO code: US, GB, CN …); default your address.",
            ),
            click.option("--incident-date", help="When it happened (YYYY-MM-DD)."),
            click.option("--amount", help="Money involved, e.g. 1234.50."),
            click.option("--currency", help="ISO 4217 code, e.g. CNY, USD, GBP."),
            click.option(
                "--transaction-id",
                "transaction_ids",
                multiple=True,
                help="A transaction id (repeat for several).",
            ),
            click.option("--title", help="One line that says what the complaint is."),
            click.option("--narrative", help="What happened, in your words."),
            click.option(
                "--narrative-file",
                type=click.File("r", encoding="utf-8"),
                help="Read the narrative from a file (- for standard input).",
            ),
            click.option(
                "--desired-resolution",
                "--resolution",
                "desired_resolution",
                help="What you want: a refund, the account unfrozen …",
            ),
        ]
        for option in reversed(options):
            fn = option(fn)
        return fn

    return decorate


def _given_fields(kwargs: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in CASE_FIELDS:
        value = kwargs.get(name)
        if name == "transaction_ids":
            if value:
                data[name] = list(value)
        elif value is not None:
            data[name] = value
    narrative_file = kwargs.get("narrative_file")
    if narrative_file is not None:
        if "narrative" in data:
            raise InvalidInput("give the narrative with --narrative or --narrative-file, not both.")
        data["narrative"] = narrative_file.read()
    return data


def _prompt_field(name: str, default: str | None) -> Any:
    """Ask for one field until its value is valid (or empty for an optional one)."""
    from marshmallow import ValidationError

    from schemas.case import CATEGORIES, CaseSchema

    field = CaseSchema().fields[name]
    labels = {
        "company": "Company complained about / 被投诉方",
        "account_id": "Your wallet account (optional) / 账户（可选）",
        "category": "Problem / 问题类型",
        "jurisdiction": "Country whose rules apply (US, GB, CN …) / 适用地区",
        "incident_date": "When it happened, YYYY-MM-DD (optional) / 发生日期（可选）",
        "amount": "Amount involved (optional) / 涉及金额（可选）",
        "currency": "Currency, e.g. CNY, USD, GBP / 币种",
        "transaction_ids": "Transaction ids, comma separated (optional) / 交易单号（可选）",
        "title": "Complaint title (one line) / 投诉标题",
        "narrative": "What happened / 事情经过",
        "desired_resolution": "What you want / 投诉要求",
    }
    if name == "category":
        for i, (key, names) in enumerate(CATEGORIES.items(), 1):
            click.echo(f"  {i}. {key:<28} {names['en']} / {names['zh']}", err=True)
    while True:
        raw = click.prompt(
            labels[name],
            default=default or "",
            show_default=bool(default),
            err=True,
        ).strip()
        if not raw:
            if name in REQUIRED:
                click.echo("  This is needed. / 此项必填。", err=True)
                continue
            return None
        if name == "category" and raw.isdigit() and 1 <= int(raw) <= len(CATEGORIES):
            raw = list(CATEGORIES)[int(raw) - 1]
        value: Any = raw
        if name == "transaction_ids":
            value = [p.strip() for p in raw.replace("，", ",").split(",") if p.strip()]
        try:
            field.deserialize(value)
        except ValidationError as exc:
            messages = exc.messages if isinstance(exc.messages, list) else [str(exc.messages)]
            click.echo("  " + " ".join(str(m) for m in messages), err=True)
            continue
        return value


def _prompt_case(data: dict[str, Any], ctx: click.Context) -> dict[str, Any]:
    default_country = None
    try:
        profile = _profile_data(ctx, required=False) or {}
        default_country = (profile.get("address") or {}).get("country")
    except Exception:  # the keyring only supplies a default here
        pass
    out = dict(data)
    for name in CASE_FIELDS:
        if name in out:
            continue
        if name == "currency" and "amount" not in out:
            continue
        default = default_country if name == "jurisdiction" else None
        value = _prompt_field(name, default)
        if value not in (None, []):
            out[name] = value
    return out


def _stdin_is_terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


# -- the `case` group ------------------------------------------------------------


@click.group()
def case() -> None:
    """Record complaint cases: evidence, contacts, filings."""


@case.command("new")
@case_field_options()
@click.option(
    "--from-json",
    "from_json",
    type=click.File("r", encoding="utf-8"),
    help="Read the case from a JSON file (- for standard input).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the new case as JSON.")
@click.pass_context
def new(ctx: click.Context, from_json: Any, as_json: bool, **kwargs: Any) -> None:
    """Start a case (prompts, flags or --from-json).

    Without flags plaint asks for each field; with some flags it asks only
    for the missing ones (or, when not run in a terminal, names them).
    """
    data = _given_fields(kwargs)
    if from_json is not None:
        loaded = _read_json_file(from_json)
        if not isinstance(loaded, dict):
            raise InvalidInput("the JSON input must be an object with the case fields.")
        data = {**loaded, **data}
    elif not data or _stdin_is_terminal():
        data = _prompt_case(data, ctx)
    if "jurisdiction" not in data:
        try:
            profile = _profile_data(ctx, required=False) or {}
        except Exception:  # the keyring only supplies a default here
            profile = {}
        country = (profile.get("address") or {}).get("country")
        if country:
            data["jurisdiction"] = country
    created = _cases().create(_profile_name(ctx), data)
    if as_json:
        click.echo(json.dumps(created, ensure_ascii=False, indent=2))
    else:
        click.echo(f"Created case #{created['id']}: {created['title']}")
    click.echo(
        f"Next: add evidence (plaint case evidence add {created['id']} FILE --kind screenshot), "
        f"then write the letter (plaint letter {created['id']}).",
        err=True,
    )


@case.command("list")
@click.option("--open", "only_open", is_flag=True, help="Only cases still open.")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(STATUS_IDS),
    help="Only cases with this status (repeat for several).",
)
@click.option("--all-profiles", is_flag=True, help="Cases of every profile.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@LANG_OPTION
@click.pass_context
def list_(
    ctx: click.Context,
    only_open: bool,
    statuses: tuple[str, ...],
    all_profiles: bool,
    as_json: bool,
    lang: str | None,
) -> None:
    """List cases, newest first."""
    from rich.cells import cell_len

    from schemas.case import CATEGORIES, OPEN_STATUSES, STATUSES, label

    lang = _lang(ctx, lang)
    wanted = tuple(statuses) or (OPEN_STATUSES if only_open else None)
    profile = None if all_profiles else _profile_name(ctx)
    rows = _cases().list_cases(profile=profile, statuses=wanted)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo(t("no_cases", lang), err=True)
        return

    def pad(text: str, width: int) -> str:
        return text + " " * max(width - cell_len(text), 0)

    table = [
        [
            f"#{r['id']}",
            label(STATUSES, r["status"], lang),
            r["company"],
            label(CATEGORIES, r["category"], lang),
            _amount(r, lang),
            r["title"],
        ]
        for r in rows
    ]
    widths = [max(cell_len(row[i]) for row in table) for i in range(5)]
    for source, row in zip(rows, table, strict=True):
        cells = [pad(row[i], widths[i]) for i in range(5)]
        profile_note = f"  [{source['profile']}]" if all_profiles else ""
        click.echo("  ".join([*cells, row[5]]) + profile_note)


def _print_case(case: dict[str, Any], checks: dict[int, Any], lang: str) -> None:
    from schemas.case import CATEGORIES, DIRECTIONS, EVIDENCE_KINDS, FILING_STATUSES, STATUSES
    from schemas.case import label as lbl
    from server.casework.deadlines import describe_due

    today = dt.date.today()
    click.echo(f"{t('case', lang)} #{case['id']}{colon(lang)}{case['title']}")
    rows = [
        ("status", lbl(STATUSES, case["status"], lang)),
        ("company", case["company"]),
        ("account", case.get("account_id", "")),
        ("category", lbl(CATEGORIES, case["category"], lang)),
        ("jurisdiction", case["jurisdiction"]),
        ("incident_date", _fmt_date(case.get("incident_date"), lang)),
        ("amount", _amount(case, lang)),
        ("transactions", ", ".join(case.get("transaction_ids") or ())),
    ]
    from rich.cells import cell_len

    width = max(cell_len(t(key, lang)) for key, _ in rows) + 2
    for key, value in rows:
        if value:
            name = t(key, lang)
            click.echo(f"  {name}{' ' * (width - cell_len(name))}{value}")
    click.echo(f"\n{heading('narrative', lang)}\n  " + case["narrative"].replace("\n", "\n  "))
    click.echo(
        f"\n{heading('resolution', lang)}\n  " + case["desired_resolution"].replace("\n", "\n  ")
    )

    click.echo(f"\n{heading('evidence', lang)}")
    if not case["evidence"]:
        click.echo(f"  {t('none', lang)}")
    for number, item in enumerate(case["evidence"], 1):
        check = checks.get(item["id"])
        state = t(check.state, lang) if check else ""
        note = f" — {item['note']}" if item.get("note") else ""
        kind = lbl(EVIDENCE_KINDS, item["kind"], lang)
        click.echo(f"  {number}. [#{item['id']}] {kind}: {item['file_name']}{note}")
        click.echo(f"     SHA-256 {item['sha256']}  {item['size']} B  {state}")

    click.echo(f"\n{heading('contacts', lang)}")
    if not case["contacts"]:
        click.echo(f"  {t('none', lang)}")
    for c in case["contacts"]:
        bits = [c["at"].replace("T", " ")[:16], c["channel"], lbl(DIRECTIONS, c["direction"], lang)]
        if c.get("person"):
            bits.append(c["person"])
        if c.get("reference"):
            bits.append(t("ref", lang, c["reference"]))
        click.echo("  " + " · ".join(bits))
        click.echo("     " + c["summary"].replace("\n", "\n     "))
        if c.get("outcome"):
            click.echo("     → " + c["outcome"].replace("\n", "\n       "))

    click.echo(f"\n{heading('filings', lang)}")
    if not case["filings"]:
        click.echo(f"  {t('none', lang)}")
    for f in case["filings"]:
        name = _channel_name(f["channel"], lang, case["company"])
        ref = f" · {t('ref', lang, f['reference'])}" if f.get("reference") else ""
        status = lbl(FILING_STATUSES, f["status"], lang)
        click.echo(
            f"  [#{f['id']}] {name} · {t('filed', lang, _fmt_date(f['filed_on'], lang))}"
            f"{ref} · {status}"
        )
        if f["status"] == "awaiting_response":
            from server.casework.deadlines import Due

            for m in f["milestones"]:
                due = Due.from_json(m)
                unsure = t("unsure", lang) if due.certainty == "unsure" else ""
                left = describe_due(due, today, lang)
                click.echo(
                    "     "
                    + t(
                        "due",
                        lang,
                        label=due.label[lang],
                        date=_fmt_date(due.date, lang),
                        left=left,
                    )
                    + unsure
                )


@case.command("show")
@click.argument("case_id", type=CASE, metavar="CASE")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--no-verify", is_flag=True, help="Do not hash the evidence files again.")
@LANG_OPTION
@click.pass_context
def show(
    ctx: click.Context, case_id: int, as_json: bool, no_verify: bool, lang: str | None
) -> None:
    """Show a case and check its evidence.

    Every vault copy is hashed again; one that changed or is missing is
    reported and the exit status is 1.
    """
    store = _cases()
    found = store.require(case_id, _profile_name(ctx))
    checks = {} if no_verify else {c.evidence_id: c for c in store.verify_evidence(case_id)}
    bad = [c for c in checks.values() if not c.ok]
    if as_json:
        found["evidence_checks"] = [
            {"evidence_id": c.evidence_id, "state": c.state} for c in checks.values()
        ]
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        _print_case(found, checks, _lang(ctx, lang))
    if bad:
        for c in bad:
            what = "was changed after it was added" if c.state == "modified" else "is missing"
            click.echo(
                f"plaint: WARNING: evidence #{c.evidence_id} {what}: the vault copy no longer "
                "matches the SHA-256 recorded when it was added.",
                err=True,
            )
        ctx.exit(EXIT_INVALID)


def _edit_in_editor(found: dict[str, Any]) -> dict[str, Any] | None:
    from automations.cli.profile import _private_edit_dir, _strip_comments

    current = {k: found[k] for k in (*CASE_FIELDS, "status") if k in found}
    directory = _private_edit_dir()
    path = Path(directory) / f"case-{found['id']}.json"
    header = (
        "# Edit the case below, save and close. Lines starting with # are ignored.\n"
        "# Remove a field to clear it. Evidence, contacts and filings have their own commands.\n"
    )
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(header + json.dumps(current, ensure_ascii=False, indent=2) + "\n")
        before = path.read_text(encoding="utf-8")
        click.edit(filename=str(path))
        after = path.read_text(encoding="utf-8")
        if after == before:
            return None
        try:
            edited = json.loads(_strip_comments(after))
        except ValueError as exc:
            raise InvalidInput(
                f"the edited case is not valid JSON ({exc.msg}, line {exc.lineno}); "
                "nothing was saved."
            ) from None
        if not isinstance(edited, dict):
            raise InvalidInput("the edited case must be a JSON object; nothing was saved.")
        return {**{k: None for k in current if k not in edited}, **edited}
    finally:
        path.unlink(missing_ok=True)
        os.rmdir(directory)


@case.command("edit")
@click.argument("case_id", type=CASE, metavar="CASE")
@case_field_options()
@click.option(
    "--status",
    type=click.Choice(STATUS_IDS),
    help="Set the status.",
)
@click.option(
    "--clear",
    "clear",
    multiple=True,
    type=click.Choice(["account_id", "incident_date", "amount", "transaction_ids"]),
    help="Remove an optional field (repeat for several); clearing amount clears currency.",
)
@click.option(
    "--from-json",
    "from_json",
    type=click.File("r", encoding="utf-8"),
    help="Apply the fields in a JSON file (null clears a field).",
)
@click.pass_context
def edit(
    ctx: click.Context,
    case_id: int,
    status: str | None,
    clear: tuple[str, ...],
    from_json: Any,
    **kwargs: Any,
) -> None:
    """Change a case (flags, --from-json or $EDITOR).

    With neither flags nor --from-json the case opens in $EDITOR as JSON.
    """
    store = _cases()
    found = store.require(case_id, _profile_name(ctx))
    changes = _given_fields(kwargs)
    if from_json is not None:
        loaded = _read_json_file(from_json)
        if not isinstance(loaded, dict):
            raise InvalidInput("the JSON input must be an object with the fields to change.")
        changes = {**loaded, **changes}
    for name in clear:
        changes[name] = None
        if name == "amount":
            changes["currency"] = None
    if status:
        changes["status"] = status
    if not changes and from_json is None:
        edited = _edit_in_editor(found)
        if edited is None:
            click.echo("No changes made.", err=True)
            return
        changes = edited
    updated = store.update(case_id, changes, found["version"], _profile_name(ctx))
    click.echo(f"Saved case #{case_id} (version {updated['version']}).", err=True)


@case.command("close")
@click.argument("case_id", type=CASE, metavar="CASE")
@click.option("--resolved", is_flag=True, help="It was resolved (otherwise: closed unresolved).")
@click.option("--note", help="A last note for the contact log: how it ended.")
@click.pass_context
def close(ctx: click.Context, case_id: int, resolved: bool, note: str | None) -> None:
    """Close a case, as resolved or not."""
    store = _cases()
    found = store.require(case_id, _profile_name(ctx))
    status = "resolved" if resolved else "closed"
    if note:
        store.log_contact(
            case_id,
            {"channel": "note", "direction": "note", "summary": note},
            _profile_name(ctx),
            found["version"],
        )
        found = store.require(case_id, _profile_name(ctx))
    store.set_status(case_id, status, found["version"], _profile_name(ctx))
    click.echo(f"Case #{case_id} is {status}.", err=True)


@case.command("delete")
@click.argument("case_id", type=CASE, metavar="CASE")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def delete(ctx: click.Context, case_id: int, yes: bool) -> None:
    """Delete a case and its evidence copies.

    Its contact log, filings and the vault copies of its evidence go too.
    """
    store = _cases()
    store.require(case_id, _profile_name(ctx))
    if not yes:
        click.confirm(
            f"Delete case #{case_id} and its evidence copies? This cannot be undone.",
            abort=True,
            err=True,
        )
    store.delete(case_id, _profile_name(ctx))
    click.echo(f"Deleted case #{case_id}.", err=True)


@case.group("evidence")
def evidence() -> None:
    """Add evidence and check it is unchanged."""


@evidence.command("add")
@click.argument("case_id", type=CASE, metavar="CASE")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--kind",
    required=True,
    type=click.Choice(EVIDENCE_KIND_IDS),
    help="What the file is.",
)
@click.option("--note", help="What it shows.")
@click.pass_context
def evidence_add(ctx: click.Context, case_id: int, file: Path, kind: str, note: str | None) -> None:
    """Copy FILE into the case's vault; prints its SHA-256."""
    added = _cases().add_evidence(case_id, file, kind, note, _profile_name(ctx))
    click.echo(f"{added['sha256']}  {added['file_name']}")
    click.echo(
        f"Added evidence #{added['id']} to case #{case_id} ({added['size']} bytes, "
        f"{added['media_type']}).",
        err=True,
    )


@evidence.command("verify")
@click.argument("case_id", type=CASE, metavar="CASE")
@click.pass_context
def evidence_verify(ctx: click.Context, case_id: int) -> None:
    """Hash every vault copy again; exit 1 when one changed or is missing."""
    checks = _cases().verify_evidence(case_id, _profile_name(ctx))
    for c in checks:
        click.echo(f"#{c.evidence_id}  {c.state:<8}  {c.expected_sha256}")
    if any(not c.ok for c in checks):
        click.echo("plaint: some evidence no longer matches its recorded hash.", err=True)
        ctx.exit(EXIT_INVALID)


@case.command("log")
@click.argument("case_id", type=CASE, metavar="CASE")
@click.option(
    "--channel",
    required=True,
    help="A channel id (paypal, cfpb …) or how: phone, email, chat, letter.",
)
@click.option("--summary", required=True, help="What was said or done.")
@click.option("--person", help="Who you dealt with (name or staff id).")
@click.option("--ref", "reference", help="The reference or ticket number they gave.")
@click.option("--outcome", help="What came of it.")
@click.option(
    "--direction",
    type=click.Choice(DIRECTION_IDS),
    default="outgoing",
    show_default=True,
    help="outgoing: you contacted them; incoming: they contacted you.",
)
@click.option("--at", "at", help="When (YYYY-MM-DD or YYYY-MM-DD HH:MM); default now.")
@click.pass_context
def log(ctx: click.Context, case_id: int, **kwargs: Any) -> None:
    """Record a contact in the case's log.

    When, the channel, who, their reference, what was said and the outcome.
    """
    data = {k: v for k, v in kwargs.items() if v is not None}
    added = _cases().log_contact(case_id, data, _profile_name(ctx))
    click.echo(f"Logged contact #{added['id']} on case #{case_id}.", err=True)


@case.command("filed")
@click.argument("case_id", type=CASE, metavar="CASE")
@click.argument("channel")
@click.option("--ref", "reference", required=True, help="The reference number you were given.")
@click.option("--date", "filed_on", help="When you filed it (YYYY-MM-DD); default today.")
@LANG_OPTION
@click.pass_context
def filed(
    ctx: click.Context,
    case_id: int,
    channel: str,
    reference: str,
    filed_on: str | None,
    lang: str | None,
) -> None:
    """Record a complaint filed on a channel.

    CHANNEL is a channel id (cfpb, paypal, cn_12315 …) or `company` for the
    company's own complaint address; the due dates follow from the deadline
    table.
    """
    from server.casework.deadlines import describe_due, windows

    lang = _lang(ctx, lang)
    store = _cases()
    data: dict[str, Any] = {"channel": channel, "reference": reference}
    if filed_on:
        data["filed_on"] = filed_on
    found = store.require(case_id, _profile_name(ctx))
    filing = store.add_filing(case_id, data, _profile_name(ctx), found["version"])
    name = _channel_name(channel, lang, found["company"])
    click.echo(f"Recorded filing #{filing['id']}: {name}, {t('ref', lang, reference)}.")
    today = dt.date.today()
    from server.casework.deadlines import Due

    for m in filing["milestones"]:
        due = Due.from_json(m)
        unsure = t("unsure", lang) if due.certainty == "unsure" else ""
        line = t(
            "due",
            lang,
            label=due.label[lang],
            date=_fmt_date(due.date, lang),
            left=describe_due(due, today, lang),
        )
        click.echo(f"  {line}{unsure}")
    if not filing["milestones"]:
        from server.casework.deadlines import RULES

        for rule_id in filing["rules"]:
            note = RULES[rule_id].note
            if note:
                click.echo(f"  {note[lang]}")
    incident = found.get("incident_date")
    if incident:
        day = dt.date.fromisoformat(filing["filed_on"])
        for w in windows(channel, found["category"], dt.date.fromisoformat(incident)):
            if w.date < day:
                click.echo(
                    f"plaint: WARNING: {w.label[lang]}: {_fmt_date(w.date, lang)} — "
                    "this filing is later than that.",
                    err=True,
                )


def _find_filing(case: dict[str, Any], which: str) -> dict[str, Any]:
    text = which.lstrip("#")
    if text.isdigit():
        for f in case["filings"]:
            if f["id"] == int(text):
                return f
        raise InvalidInput(f"case #{case['id']} has no filing #{text}.")
    matching = [f for f in case["filings"] if f["channel"] == which]
    if not matching:
        raise InvalidInput(f"case #{case['id']} has no filing on {which!r}.")
    return matching[-1]


@case.command("response")
@click.argument("case_id", type=CASE, metavar="CASE")
@click.argument("filing")
@click.option("--date", "responded_on", help="When the answer came (YYYY-MM-DD); default today.")
@click.option(
    "--final",
    is_flag=True,
    help="It is the firm's final response (in the UK this starts the ombudsman's 6 months).",
)
@click.option("--summary", help="What they said; also recorded in the contact log.")
@click.pass_context
def response(
    ctx: click.Context,
    case_id: int,
    filing: str,
    responded_on: str | None,
    final: bool,
    summary: str | None,
) -> None:
    """Record the answer to a filing.

    FILING is the filing's number or its channel id.
    """
    store = _cases()
    found = store.require(case_id, _profile_name(ctx))
    target = _find_filing(found, filing)
    updated = store.record_response(
        case_id,
        target["id"],
        responded_on or dt.date.today().isoformat(),
        final=final,
        summary=summary,
        profile=_profile_name(ctx),
    )
    what = "final response" if final else "response"
    click.echo(f"Recorded the {what} to filing #{updated['id']} on case #{case_id}.", err=True)


@case.command("filing-status")
@click.argument("case_id", type=CASE, metavar="CASE")
@click.argument("filing")
@click.argument(
    "status",
    type=click.Choice(FILING_STATUS_IDS),
)
@click.pass_context
def filing_status(ctx: click.Context, case_id: int, filing: str, status: str) -> None:
    """Set a filing's status (e.g. closed)."""
    store = _cases()
    found = store.require(case_id, _profile_name(ctx))
    target = _find_filing(found, filing)
    store.set_filing_status(case_id, target["id"], status, _profile_name(ctx))
    click.echo(f"Filing #{target['id']} of case #{case_id} is now {status}.", err=True)


@case.command("export")
@click.argument("case_id", type=CASE, metavar="CASE")
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The zip file to write.",
)
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
@LANG_OPTION
@click.pass_context
def export(ctx: click.Context, case_id: int, out: Path, force: bool, lang: str | None) -> None:
    """Write the case bundle for a regulator (zip).

    The letter, the evidence, a manifest with hashes, the contact log and the
    filings.
    """
    from server.casework.export import EvidenceMismatch, export_bundle

    lang = _lang(ctx, lang)
    store = _cases()
    found = store.require(case_id, _profile_name(ctx))
    profile = _profile_data(ctx, required=True)
    try:
        bundle = export_bundle(
            found,
            profile,
            lambda item: store.evidence_path(case_id, item),
            out,
            lang,
            channel_names=_channel_names(lang),
            overwrite=force,
        )
    except EvidenceMismatch as exc:
        raise InvalidInput(str(exc)) from None
    except FileExistsError:
        raise InvalidInput(f"{out} already exists; use --force to replace it.") from None
    except FileNotFoundError:
        raise InvalidInput(f"the folder {out.parent} does not exist.") from None
    click.echo(str(bundle.path))
    click.echo(
        f"Wrote {len(bundle.files) + 1} files ({bundle.size} bytes); check them with "
        "`sha256sum -c SHA256SUMS` after unzipping.",
        err=True,
    )


# -- top-level commands ------------------------------------------------------------


@click.command()
@click.option("--all-profiles", is_flag=True, help="Cases of every profile.")
@click.option("--within", type=click.IntRange(min=0), help="Only dates up to this many days away.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@LANG_OPTION
@click.pass_context
def followups(
    ctx: click.Context, all_profiles: bool, within: int | None, as_json: bool, lang: str | None
) -> None:
    """What is due or overdue, soonest first.

    Across your open cases, with the next step for each.
    """
    from schemas.case import OPEN_STATUSES
    from server.casework.followups import followups as compute

    lang = _lang(ctx, lang)
    today = dt.date.today()
    profile = None if all_profiles else _profile_name(ctx)
    cases = _cases().list_cases(profile=profile, statuses=OPEN_STATUSES, full=True)
    items = compute(cases, today)
    if within is not None:
        items = [i for i in items if (i.due.date - today).days <= within]
    if as_json:
        click.echo(json.dumps([i.as_json(today) for i in items], ensure_ascii=False, indent=2))
        return
    if not items:
        click.echo(t("no_followups", lang), err=True)
        return
    for item in items:
        when = _when_text(item, today, lang)
        channel = _channel_name(item.channel, lang, item.company) if item.channel else ""
        where = f" · {channel}" if channel else ""
        ref = f" · {t('ref', lang, item.reference)}" if item.reference else ""
        unsure = t("unsure", lang) if item.due.certainty == "unsure" else ""
        click.echo(
            f"{_fmt_date(item.due.date, lang)}  {when}  #{item.case_id} {item.title}{where}{ref}"
        )
        click.echo(f"    {item.due.label[lang]}{unsure}")
        if item.due.date <= today or item.due.who == "you":
            click.echo(f"    → {item.due.action[lang]}")
        if item.next is not None and item.next.state in ("ready", "waiting"):
            click.echo(
                f"    {t('next', lang)}{colon(lang)}{_step_name(item.next, lang, item.company)}"
            )


def _when_text(item: Any, today: dt.date, lang: str) -> str:
    """``OVERDUE by 3 days`` / ``TODAY`` / ``in 5 days``; 已逾期3天 / 今天到期 / 还有5天."""
    from server.casework.deadlines import describe_due

    text = describe_due(item.due, today, lang)
    if lang == "zh":
        return text
    when = item.when(today)
    if when == "overdue":
        return "OVERDUE" + text[len("overdue") :]
    return "DUE TODAY" if when == "today" else text


def _step_name(step: Any, lang: str, company: str) -> str:
    if step.channel is None:
        return str(step.title[lang]) if step.title else ""
    return _channel_name(step.channel, lang, company)


def _official_contacts(channel_id: str | None, lang: str) -> list[str]:
    """The registry's official address and contacts; nothing from anywhere else."""
    if channel_id is None or channel_id == "company":
        return []
    channel = _channel(channel_id)
    if channel is None:
        return [f"(no details for {channel_id} in the channel registry)"]
    lines = [] if channel.url.startswith("tel:") else [channel.url]
    for contact in channel.contacts:
        hours = f" ({contact.hours.pick(lang)})" if contact.hours else ""
        lines.append(f"{contact.label.pick(lang)}{colon(lang)}{contact.value}{hours}")
    return lines


@click.command()
@click.argument("case_id", type=CASE, metavar="CASE")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@LANG_OPTION
@click.pass_context
def escalate(ctx: click.Context, case_id: int, as_json: bool, lang: str | None) -> None:
    """Where to go next with a case.

    The escalation ladder for the case's jurisdiction and category: where it
    stands, what is next, the deadline and official contacts only. For fraud,
    the urgent checklist comes first.
    """
    from schemas.case import CATEGORIES, label
    from server.casework.deadlines import describe_due
    from server.casework.escalation import ladder, next_step, urgent_checklist

    lang = _lang(ctx, lang)
    today = dt.date.today()
    found = _cases().require(case_id, _profile_name(ctx))
    steps = ladder(found, today)
    checklist = urgent_checklist(found)
    upcoming = next_step(steps)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "case_id": case_id,
                    "urgent": checklist,
                    "steps": [s.as_json() for s in steps],
                    "next": steps.index(upcoming) if upcoming else None,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    category = label(CATEGORIES, found["category"], lang)
    click.echo(
        f"{t('case', lang)} #{case_id}{colon(lang)}{found['title']} — {found['company']}, "
        f"{category} ({found['jurisdiction']})"
    )
    if checklist:
        click.echo(f"\n!! {heading('urgent', lang)}")
        for i, item in enumerate(checklist, 1):
            click.echo(f"  {i}. {item[lang]}")
    click.echo(f"\n{heading('ladder', lang)}")
    marks = {"done": "✓", "open": "…", "ready": "→", "waiting": "·", "later": " "}
    for i, step in enumerate(steps, 1):
        name = _step_name(step, lang, found["company"])
        stage = _STAGES[step.stage][lang]
        if step.parallel:
            stage += ", " + t("parallel", lang)
        if step.state == "waiting" and step.ready_on:
            state = t("waiting", lang, _fmt_date(step.ready_on, lang))
        else:
            state = t(step.state, lang)
        pointer = "▶" if step is upcoming else marks[step.state]
        click.echo(f" {pointer} {i}. {name} ({stage}) — {state}")
        if step.when:
            click.echo(f"       {step.when[lang]}")
        if step.filing:
            f = step.filing
            ref = f", {t('ref', lang, f['reference'])}" if f.get("reference") else ""
            click.echo(f"       {t('filed', lang, _fmt_date(f['filed_on'], lang))}{ref}")
        if step.due:
            left = describe_due(step.due, today, lang)
            due_line = t(
                "due",
                lang,
                label=step.due.label[lang],
                date=_fmt_date(step.due.date, lang),
                left=left,
            )
            click.echo(f"       {due_line}")
        if step.window:
            window_line = t(
                "window",
                lang,
                label=step.window.label[lang],
                date=_fmt_date(step.window.date, lang),
            )
            click.echo(f"       {window_line}")
        if step.state in ("ready", "waiting", "open") or step is upcoming:
            for line in _official_contacts(step.channel, lang):
                click.echo(f"       {line}")
    if upcoming is not None:
        click.echo(
            f"\n{t('next', lang)}{colon(lang)}{_step_name(upcoming, lang, found['company'])}"
        )


@click.command()
@click.argument("case_id", type=CASE, metavar="CASE")
@LANG_OPTION
@click.option(
    "--channel",
    help="Fit the text to this channel (a channel id): its length limit and its rules.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["txt", "md", "html"]),
    default="txt",
    show_default=True,
    help="Plain text, Markdown or printable HTML.",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file.")
@click.option("--force", is_flag=True, help="Replace --out if it exists.")
@click.pass_context
def letter(
    ctx: click.Context,
    case_id: int,
    lang: str | None,
    channel: str | None,
    fmt: str,
    out: Path | None,
    force: bool,
) -> None:
    """Write the complaint letter for a case.

    Facts, timeline, evidence with hashes, the resolution and a reply
    deadline; --channel fits it to that channel's limit and rules.
    """
    from schemas.case import FILING_CHANNELS
    from server.casework.letters import LetterTooLong, compose_letter

    lang = _lang(ctx, lang)
    found = _cases().require(case_id, _profile_name(ctx))
    profile = _profile_data(ctx, required=True)
    limit = None
    forbidden: tuple[str, ...] = ()
    channel_name = None
    if channel is not None:
        if channel not in FILING_CHANNELS:
            raise InvalidInput(
                f"unknown channel {channel!r}; use one of: {', '.join(FILING_CHANNELS)}."
            )
        registered = _channel(channel) if channel != "company" else None
        if registered is not None:
            limit = registered.limits.get("complaint_description")
            forbidden = tuple(registered.forbidden_in_text)
            channel_name = registered.name(lang)
        elif channel != "company":
            click.echo(
                f"plaint: no details for {channel} in the channel registry; the letter is not "
                "fitted to its limits.",
                err=True,
            )
    try:
        composed = compose_letter(
            found,
            profile,
            lang,
            channel_limit=limit,
            fmt=fmt,
            channel=channel,
            channel_name=channel_name,
            channel_names=_channel_names(lang),
            forbidden=forbidden,
        )
    except LetterTooLong as exc:
        raise InvalidInput(str(exc)) from None
    for note in composed.notes:
        click.echo(f"plaint: {note}", err=True)
    if out is None:
        click.echo(composed.text, nl=False)
        return
    _write_private(out, composed.text.encode("utf-8"), force)
    click.echo(f"Wrote {out} ({composed.length} characters).", err=True)


COMMANDS = (case, followups, escalate, letter)
