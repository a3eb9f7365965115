"""Objective complaint letters in English and Chinese, as text, Markdown or HTML.

A letter states the parties, the facts and the timeline, the amounts and
transaction ids, what was already tried (the contact log and filings), the
evidence with its hashes, the resolution asked for and a reply deadline from
the deadline table.  To a UK firm it asks for a *final response*, the letter
that opens the way to the Financial Ombudsman.

Fitted to a channel's limit, a letter loses its least important parts first
(the sender block, the closing, evidence hashes, the oldest log entries, the
evidence list, then the narrative's last sentences) and never stops
mid-sentence; ``Letter.notes`` says what was left out.  Limits are counted in
UTF-16 code units, as a web form's ``maxlength`` counts them.
"""

from __future__ import annotations

import datetime as dt
import decimal
import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from schemas.case import CATEGORIES, COMPANY_CHANNEL, EVIDENCE_KINDS, label, plain_amount
from schemas.values import profile_values

from .deadlines import Due, reply_deadline
from .escalation import provider_channel

Lang = Literal["en", "zh"]
Format = Literal["txt", "md", "html"]
LANGS: tuple[str, ...] = ("en", "zh")
FORMATS: tuple[str, ...] = ("txt", "md", "html")

# ISO 4217 currencies without minor units: no ".00" after their amounts.
_ZERO_DECIMAL = frozenset(
    "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF".split()  # noqa: SIM905
)
_FIELD_SEP = "\x1f"  # between a fact's label and its value inside a block
# Profile keys whose values make up the sender block.
_ADDRESS_KEYS = frozenset(
    ("address_line1", "address_line2", "city", "state", "postal_code", "full_address")
)
_SENDER_KEYS = frozenset(("full_name", "given_name", "family_name", "email", "phone"))


class LetterTooLong(ValueError):
    """Even the parts a letter cannot do without exceed the limit."""

    def __init__(self, needed: int, limit: int) -> None:
        super().__init__(
            f"Even the essential parts of the letter need {needed} characters; the limit is "
            f"{limit}. Shorten the title, the resolution or the narrative."
        )
        self.needed = needed
        self.limit = limit


@dataclass(frozen=True, slots=True)
class Letter:
    text: str
    lang: str
    fmt: str
    subject: str
    reply_by: dt.date
    length: int  # UTF-16 code units
    limit: int | None
    shortened: bool
    notes: tuple[str, ...]  # what was left out or changed, in the letter's language

    def as_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "lang": self.lang,
            "format": self.fmt,
            "subject": self.subject,
            "reply_by": self.reply_by.isoformat(),
            "length": self.length,
            "limit": self.limit,
            "shortened": self.shortened,
            "notes": list(self.notes),
        }


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# -- wording -------------------------------------------------------------------

_W: dict[str, dict[str, str]] = {
    "to": {"en": "To: {0}", "zh": "致：{0}"},
    "subject": {"en": "Formal complaint: {0}", "zh": "正式投诉：{0}"},
    "subject_refs": {"en": " (transaction {0})", "zh": "（交易单号：{0}）"},
    "greeting": {"en": "Dear Sir or Madam,", "zh": "尊敬的{0}："},
    "opening_company": {
        "en": "I am writing to make a formal complaint to {company} about the following "
        "problem: {category}.",
        "zh": "本人就以下问题向{company}正式投诉：{category}。",
    },
    "opening_other": {
        "en": "I am complaining about {company} concerning the following problem: {category}.",
        "zh": "本人投诉{company}，问题如下：{category}。",
    },
    "facts": {"en": "The facts", "zh": "基本事实"},
    "company": {"en": "Company complained about", "zh": "被投诉方"},
    "account": {"en": "My account", "zh": "本人账户"},
    "problem": {"en": "Problem", "zh": "问题类型"},
    "incident_date": {"en": "Date of the incident", "zh": "发生日期"},
    "amount": {"en": "Amount involved", "zh": "涉及金额"},
    "transactions": {"en": "Transaction IDs", "zh": "交易单号"},
    # Shorter words for a small description box (compact layout).
    "company_short": {"en": "Company", "zh": "被投诉方"},
    "account_short": {"en": "Account", "zh": "账户"},
    "problem_short": {"en": "Problem", "zh": "问题"},
    "incident_date_short": {"en": "Date", "zh": "日期"},
    "amount_short": {"en": "Amount", "zh": "金额"},
    "transactions_short": {"en": "Transactions", "zh": "交易单号"},
    "resolution_short": {"en": "I ask for", "zh": "诉求"},
    "what_happened": {"en": "What happened", "zh": "事情经过"},
    "tried": {"en": "What I have already done", "zh": "已采取的措施"},
    "filed": {"en": "filed a complaint with {0}", "zh": "向{0}提交投诉"},
    "ref": {"en": "reference {0}", "zh": "编号 {0}"},
    "with": {"en": "with {0}", "zh": "联系人 {0}"},
    "outcome": {"en": "Outcome: {0}", "zh": "结果：{0}"},
    "final_response_on": {
        "en": "final response received on {0}",
        "zh": "已于{0}收到最终答复",
    },
    "responded_on": {"en": "answered on {0}", "zh": "已于{0}答复"},
    "evidence": {"en": "Evidence", "zh": "证据清单"},
    "evidence_offer": {
        "en": "I can provide a copy of every item on request; the SHA-256 values show that "
        "each file is unchanged since I recorded it.",
        "zh": "如有需要，本人可提供上述全部材料；SHA-256 值可证明文件自记录以来未被改动。",
    },
    "resolution": {"en": "What I am asking for", "zh": "投诉请求"},
    "deadline": {"en": "Reply deadline", "zh": "答复期限"},
    "reply_by": {
        "en": "Please reply to me in writing by {0}.",
        "zh": "请于{0}前书面答复本人。",
    },
    "reply_by_channel": {
        "en": "I look forward to a response by {0}.",
        "zh": "期待于{0}前得到答复。",
    },
    "uk_final": {
        "en": "Please treat this letter as a formal complaint and send me your final response "
        "in writing by {date} ({period}). If you cannot, please send me a holding response "
        "explaining why; your final response must then follow within {longer}. If I remain "
        "unhappy, I may refer my complaint to the Financial Ombudsman Service.",
        "zh": "请将本函视为正式投诉，并于{date}前（{period}内）向本人书面发出最终答复"
        "（final response）。如无法按期答复，请发出临时答复说明原因，最终答复须在{longer}内发出。"
        "如本人仍不满意，可将投诉提交英国金融申诉专员服务机构（Financial Ombudsman Service）。",
    },
    "closing": {"en": "Yours faithfully,", "zh": "此致\n敬礼"},
    "list_sep": {"en": ", ", "zh": "、"},
    "removed": {"en": "[removed]", "zh": "[已删除]"},
    # Notes about fitting, in the letter's language.
    "note_limit": {
        "en": "Shortened to fit {limit} characters{where}: left out {parts}.",
        "zh": "为符合{where}字数限制（{limit}字符），已省略：{parts}。",
    },
    "note_where": {"en": " ({0})", "zh": "{0}的"},
    "note_forbidden": {
        "en": "Left out {parts}: {where} asks not to put them in this text.",
        "zh": "已省略{parts}：{where}要求不要在此文本中填写这些信息。",
    },
    "part_sender": {"en": "your contact details", "zh": "您的联系方式"},
    "part_header": {"en": "the date and addressee", "zh": "日期和收件方"},
    "part_closing": {"en": "the closing", "zh": "结尾敬语"},
    "part_hashes": {"en": "the evidence hashes", "zh": "证据的哈希值"},
    "part_evidence": {"en": "the evidence list", "zh": "证据清单"},
    "part_timeline": {
        "en": "{0} earlier entries of the contact log",
        "zh": "联系记录中较早的{0}条",
    },
    "part_timeline_1": {
        "en": "the earliest entry of the contact log",
        "zh": "联系记录中最早的1条",
    },
    "part_sentences": {
        "en": "the last {0} sentences of the narrative",
        "zh": "事情经过的最后{0}句",
    },
    "part_sentences_1": {
        "en": "the last sentence of the narrative",
        "zh": "事情经过的最后1句",
    },
    "part_account": {"en": "the account", "zh": "账户信息"},
    "part_layout": {
        "en": "the opening sentence and the headings",
        "zh": "开头语和各部分标题",
    },
}


def _w(key: str, lang: str, *args: Any, **kwargs: Any) -> str:
    return _W[key][lang].format(*args, **kwargs)


def _counted(key: str, lang: str, count: int) -> str:
    return _w(f"{key}_1", lang) if count == 1 else _w(key, lang, count)


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def format_date(value: dt.date | str, lang: str) -> str:
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {day:%B} {day.year}"


def format_amount(amount: Any, currency: str, lang: str) -> str:
    """``GBP 1,234.50`` / ``1,234.50 英镑（GBP）``: grouped, with the currency's decimals."""
    value = decimal.Decimal(plain_amount(amount) or "0")
    places = max(-int(value.as_tuple().exponent), 0 if currency in _ZERO_DECIMAL else 2)
    number = f"{value:,.{places}f}"
    if lang != "zh":
        return f"{currency} {number}"
    if currency == "CNY":
        return f"人民币 {number} 元（CNY）"
    return f"{number} {_currency_zh(currency)}（{currency}）"


def _currency_zh(code: str) -> str:
    import gettext

    import pycountry

    currency = pycountry.currencies.get(alpha_3=code)
    if currency is None:
        return code
    try:
        zh = gettext.translation("iso4217", pycountry.LOCALES_DIR, languages=["zh_CN"])
    except OSError:
        return currency.name
    return zh.gettext(currency.name)


def _format_size(size: int, lang: str) -> str:
    if size < 1024:
        return f"{size} 字节" if lang == "zh" else f"{size} bytes"
    for unit in ("KB", "MB", "GB"):
        size_f = size / 1024
        if size_f < 1024 or unit == "GB":
            return f"{size_f:.1f} {unit}"
        size = int(size_f)
    return f"{size} GB"  # pragma: no cover


# Where a sentence ends: a Western end mark before a space or a line end, a
# Chinese one anywhere, or a line break; closing quotes and brackets stay with it.
_SENTENCE_END = re.compile(r"(?:[.!?]+[\"'”’)）]*(?=\s|$)|[。！？]+[”’」』）)]*|\n)")


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence of ``text`` (the last one is its length)."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    ends = [e for e in ends if text[:e].strip()]
    if not ends or text[ends[-1] :].strip():
        ends.append(len(text))
    # Blank stretches are no sentence of their own.
    out: list[int] = []
    for end in ends:
        if not out or text[out[-1] : end].strip():
            out.append(end)
    return out


# -- the document --------------------------------------------------------------


@dataclass
class _Block:
    kind: Literal["lines", "heading", "para", "items", "fields", "sign"]
    part: str  # what the block is, for dropping
    lines: list[str] = field(default_factory=list)
    title: str | None = None


@dataclass
class _Draft:
    sender: list[str]
    header: list[str]
    subject: str
    title: str  # the subject without "Formal complaint:", for the compact layout
    subject_refs: str  # the transaction ids after the subject (the facts repeat them)
    greeting: str | None
    opening: str | None
    facts: list[tuple[str, str]]
    narrative: str
    timeline: list[str]
    evidence: list[tuple[str, str | None]]  # (line, hash line)
    resolution: str
    deadline: str
    closing: list[str]
    lang: str
    keep_hashes: bool = True
    keep_evidence: bool = True
    compact: bool = False  # no headings, facts on one line: for small description boxes


def _compacted(blocks: list[_Block], lang: str) -> list[_Block]:
    """The same content without headings: each section one paragraph, led by its title."""
    out = []
    semicolon = "；" if lang == "zh" else "; "
    for b in blocks:
        if b.kind == "fields":
            line = semicolon.join(x.replace(_FIELD_SEP, _colon(lang)) for x in b.lines)
            out.append(_Block("para", b.part, [line]))
        elif b.title and b.kind in ("para", "items"):
            body = semicolon.join(x.replace("\n", " ") for x in b.lines)
            out.append(_Block("para", b.part, [b.title + _colon(lang) + body]))
        else:
            out.append(b)
    return out


def _blocks(d: _Draft) -> list[_Block]:
    lang = d.lang
    blocks: list[_Block] = []
    if d.sender:
        blocks.append(_Block("lines", "sender", list(d.sender)))
    if d.header:
        blocks.append(_Block("lines", "header", list(d.header)))
    # Compact, the title alone: the facts give the transaction ids.
    subject = d.title if d.compact else d.subject + d.subject_refs
    blocks.append(_Block("heading", "subject", [subject]))
    if d.greeting:
        blocks.append(_Block("para", "greeting", [d.greeting]))
    if d.opening:
        blocks.append(_Block("para", "opening", [d.opening]))
    suffix = "_short" if d.compact else ""
    facts = [f"{_w(k + suffix, lang)}{_FIELD_SEP}{v}" for k, v in d.facts]
    blocks.append(_Block("fields", "facts", facts, _w("facts", lang)))
    if d.narrative.strip():
        blocks.append(_Block("para", "narrative", [d.narrative.strip()], _w("what_happened", lang)))
    if d.timeline:
        blocks.append(_Block("items", "timeline", list(d.timeline), _w("tried", lang)))
    if d.keep_evidence and d.evidence:
        lines = []
        for line, hash_line in d.evidence:
            lines.append(f"{line}\n{hash_line}" if d.keep_hashes and hash_line else line)
        blocks.append(_Block("items", "evidence", lines, _w("evidence", lang)))
        if d.keep_hashes:
            blocks.append(_Block("para", "evidence_offer", [_w("evidence_offer", lang)]))
    blocks.append(_Block("para", "resolution", [d.resolution], _w("resolution" + suffix, lang)))
    # Compact, the deadline sentence speaks for itself.
    blocks.append(
        _Block("para", "deadline", [d.deadline], None if d.compact else _w("deadline", lang))
    )
    if d.closing:
        blocks.append(_Block("sign", "closing", list(d.closing)))
    return _compacted(blocks, lang) if d.compact else blocks


def _md_escape(text: str) -> str:
    text = re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text)
    return re.sub(r"(?m)^(\s*)([#+\-]|\d+\.)(?=\s)", r"\1\\\2", text)


def _render_txt(blocks: list[_Block], lang: str) -> str:
    out = []
    for b in blocks:
        if b.kind == "heading":
            out.append(b.lines[0])
            continue
        body = ""
        if b.title:
            body = b.title + "\n"
        if b.kind == "items":
            numbered = b.part == "evidence"
            rows = []
            for i, line in enumerate(b.lines, 1):
                marker = f"{i}. " if numbered else "- "
                rows.append(marker + line.replace("\n", "\n" + " " * len(marker)))
            body += "\n".join(rows)
        elif b.kind == "fields":
            body += "\n".join(f"- {line.replace(_FIELD_SEP, _colon(lang))}" for line in b.lines)
        else:
            body += "\n".join(b.lines)
        out.append(body)
    return "\n\n".join(out) + "\n"


def _render_md(blocks: list[_Block], lang: str) -> str:
    out = []
    for b in blocks:
        if b.kind == "heading":
            out.append("# " + _md_escape(b.lines[0]))
            continue
        body = f"## {_md_escape(b.title)}\n\n" if b.title else ""
        if b.kind == "items":
            numbered = b.part == "evidence"
            rows = []
            for i, line in enumerate(b.lines, 1):
                marker = f"{i}. " if numbered else "- "
                text = _md_escape(line).replace("\n", "  \n" + " " * len(marker))
                rows.append(marker + text)
            body += "\n".join(rows)
        elif b.kind == "fields":
            rows = []
            for line in b.lines:
                key, _, value = line.partition(_FIELD_SEP)
                rows.append(f"- **{_md_escape(key)}**{_colon(lang)}{_md_escape(value)}")
            body += "\n".join(rows)
        else:
            # Two trailing spaces keep the line breaks (the person's own, and the sender's).
            body += "  \n".join(_md_escape(line).replace("\n", "  \n") for line in b.lines)
        out.append(body)
    return "\n\n".join(out) + "\n"


def _render_html(blocks: list[_Block], lang: str) -> str:
    def esc(text: str) -> str:
        return html.escape(text).replace("\n", "<br>\n")

    body = []
    subject = ""
    for b in blocks:
        if b.kind == "heading":
            subject = b.lines[0]
            body.append(f"<h1>{esc(subject)}</h1>")
            continue
        if b.title:
            body.append(f"<h2>{esc(b.title)}</h2>")
        if b.kind == "items":
            tag = "ol" if b.part == "evidence" else "ul"
            items = "\n".join(f"<li>{esc(line)}</li>" for line in b.lines)
            body.append(f"<{tag}>\n{items}\n</{tag}>")
        elif b.kind == "fields":
            rows = []
            for line in b.lines:
                key, _, value = line.partition(_FIELD_SEP)
                rows.append(f"<dt>{esc(key)}</dt><dd>{esc(value)}</dd>")
            body.append("<dl>\n" + "\n".join(rows) + "\n</dl>")
        else:
            css = {"sender": "sender", "header": "header", "closing": "closing"}.get(b.part)
            attr = f' class="{css}"' if css else ""
            body.append(f"<p{attr}>{esc(chr(10).join(b.lines))}</p>")
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(subject)}</title>\n"
        "<style>body{font-family:system-ui,'Noto Sans CJK SC','PingFang SC',sans-serif;"
        "max-width:42em;margin:2em auto;line-height:1.5}dt{font-weight:bold}"
        "dd{margin:0 0 .4em 1.5em}.sender,.header{color:#333}"
        "li{margin-bottom:.4em;overflow-wrap:anywhere}</style>\n"
        "</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _render(blocks: list[_Block], fmt: str, lang: str) -> str:
    if fmt == "md":
        return _render_md(blocks, lang)
    if fmt == "html":
        return _render_html(blocks, lang)
    return _render_txt(blocks, lang)


# -- composing -----------------------------------------------------------------


def _timeline(
    case: dict[str, Any], lang: str, name_of: Callable[[str], str]
) -> list[tuple[str, str]]:
    """(sort key, line) for every contact and filing, oldest first."""
    entries: list[tuple[str, str]] = []
    sep = "，" if lang == "zh" else ", "
    for f in case.get("filings") or ():
        bits = [_w("filed", lang, name_of(f["channel"]))]
        if f.get("reference"):
            bits.append(_w("ref", lang, f["reference"]))
        if f.get("final_response_on"):
            bits.append(_w("final_response_on", lang, format_date(f["final_response_on"], lang)))
        elif f.get("responded_on"):
            bits.append(_w("responded_on", lang, format_date(f["responded_on"], lang)))
        line = f"{format_date(f['filed_on'], lang)} — {sep.join(bits)}"
        entries.append((f["filed_on"], line))
    for c in case.get("contacts") or ():
        if c.get("direction") == "note":
            continue
        day = c["at"][:10]
        head = [name_of(c["channel"])]
        if c.get("person"):
            head.append(_w("with", lang, c["person"]))
        if c.get("reference"):
            head.append(_w("ref", lang, c["reference"]))
        colon = "：" if lang == "zh" else ": "
        line = f"{format_date(day, lang)} — {sep.join(head)}{colon}{c['summary']}"
        if c.get("outcome"):
            line = _end_sentence(line, lang) + _w("outcome", lang, c["outcome"])
        entries.append((c["at"], line))
    return sorted(entries, key=lambda e: e[0])


def _end_sentence(text: str, lang: str) -> str:
    """``text`` ending with a full stop, ready for the next sentence."""
    text = text.rstrip()
    if lang == "zh":
        return text if text[-1:] in "。！？.!?" else text + "。"
    return (text if text[-1:] in ".!?。！？" else text + ".") + " "


def _scrub(text: str, values: list[str], lang: str) -> str:
    # Longest first, so a full address goes before the street it contains.
    for value in sorted(set(values), key=len, reverse=True):
        if len(value) >= 4:
            text = re.sub(re.escape(value), _w("removed", lang), text, flags=re.IGNORECASE)
    return text


def compose_letter(
    case: dict[str, Any],
    profile: dict[str, Any] | None,
    lang: str = "en",
    channel_limit: int | None = None,
    fmt: str = "txt",
    *,
    channel: str | None = None,
    channel_name: str | None = None,
    channel_names: Mapping[str, str] | None = None,
    forbidden: tuple[str, ...] = (),
    today: dt.date | None = None,
) -> Letter:
    """The complaint letter for ``case`` (the case store's JSON form, with children).

    ``profile`` is the stored profile (its sender details); ``channel`` the
    channel id the text is for (default: the company itself); ``channel_limit``
    the most characters it takes; ``forbidden`` canonical keys whose values
    that channel wants kept out of free text; ``channel_names`` id → name for
    the timeline.  Raises LetterTooLong when even the essentials do not fit.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}")
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {', '.join(FORMATS)}")
    today = today or dt.date.today()
    names = dict(channel_names or {})
    company = case["company"]
    provider = provider_channel(company)

    def name_of(channel_id: str) -> str:
        if channel_id == COMPANY_CHANNEL:
            return company
        return names.get(channel_id, channel_id)

    target = channel or provider
    to_company = target in (provider, COMPANY_CHANNEL)
    addressee = company if to_company else (channel_name or name_of(target))
    values = profile_values(profile or {})
    forbidden_set = set(forbidden)
    notes: list[str] = []
    left_for_channel: list[str] = []
    scrub_values: list[str] = []

    sender: list[str] = []
    hidden_sender = forbidden_set & (_SENDER_KEYS | _ADDRESS_KEYS)
    # Every value a channel wants kept out of the text is blanked wherever it appears.
    every_value = profile_values(profile or {}, include_sensitive=True)
    scrub_values += [every_value[k] for k in sorted(forbidden_set) if every_value.get(k)]
    if forbidden_set & _ADDRESS_KEYS and every_value.get("full_address"):
        scrub_values.append(every_value["full_address"])
    if not hidden_sender:
        sender = [values[k] for k in ("full_name", "full_address") if values.get(k)]
        reach = [values[k] for k in ("email", "phone") if values.get(k)]
        if reach:
            sender.append(" · ".join(reach))
    else:
        left_for_channel.append(_w("part_sender", lang))
    signer = values.get("full_name") if "full_name" not in forbidden_set else None

    category = label(CATEGORIES, case["category"], lang)
    ids = list(case.get("transaction_ids") or ())
    list_sep = _w("list_sep", lang)
    subject = _w("subject", lang, case["title"])
    subject_refs = _w("subject_refs", lang, list_sep.join(ids)) if ids else ""

    # (word key, value): the words are chosen when the letter is laid out.
    facts: list[tuple[str, str]] = [("company", company)]
    if case.get("account_id"):
        if "account_id" in forbidden_set:
            left_for_channel.append(_w("part_account", lang))
            scrub_values.append(case["account_id"])
        else:
            facts.append(("account", case["account_id"]))
    facts.append(("problem", category))
    if case.get("incident_date"):
        facts.append(("incident_date", format_date(case["incident_date"], lang)))
    if case.get("amount"):
        facts.append(("amount", format_amount(case["amount"], case.get("currency", ""), lang)))
    if ids:
        facts.append(("transactions", list_sep.join(ids)))

    due = _reply_due(case, target, today)
    if to_company and case.get("jurisdiction") == "GB":
        longer = "35个工作日" if lang == "zh" else "35 business days"
        if due.rule == "uk_firm":
            longer = "8周" if lang == "zh" else "eight weeks"
        deadline = _w(
            "uk_final",
            lang,
            date=format_date(due.date, lang),
            period=_period_text(due, lang),
            longer=longer,
        )
    elif to_company:
        deadline = _w("reply_by", lang, format_date(due.date, lang))
    else:
        deadline = _w("reply_by_channel", lang, format_date(due.date, lang))

    evidence = []
    for item in case.get("evidence") or ():
        kind = label(EVIDENCE_KINDS, item["kind"], lang)
        colon = "：" if lang == "zh" else ": "
        line = f"{kind}{colon}{item['file_name']}"
        if item.get("note"):
            line += f" — {item['note']}"
        meta = ("，" if lang == "zh" else ", ").join(
            (_format_size(item["size"], lang), item["media_type"])
        )
        line += f"（{meta}）" if lang == "zh" else f" ({meta})"
        evidence.append((line, f"SHA-256{colon}{item['sha256']}"))

    header = [format_date(today, lang), _w("to", lang, addressee)]
    greeting = None
    if to_company:
        greeting = _w("greeting", lang, company)
    opening_key = "opening_company" if to_company else "opening_other"
    opening = _w(opening_key, lang, company=company, category=category)
    closing = [_w("closing", lang)] + ([signer] if signer else [])

    narrative = case["narrative"]
    resolution = case["desired_resolution"]
    timeline = [line for _, line in _timeline(case, lang, name_of)]
    if scrub_values:
        narrative = _scrub(narrative, scrub_values, lang)
        resolution = _scrub(resolution, scrub_values, lang)
        timeline = [_scrub(line, scrub_values, lang) for line in timeline]
        subject = _scrub(subject, scrub_values, lang)
    if left_for_channel:
        notes.append(
            _w(
                "note_forbidden",
                lang,
                parts=list_sep.join(left_for_channel),
                where=addressee,
            )
        )

    draft = _Draft(
        sender=sender,
        header=header,
        subject=subject,
        title=_scrub(case["title"], scrub_values, lang) if scrub_values else case["title"],
        subject_refs=subject_refs,
        greeting=greeting,
        opening=opening,
        facts=facts,
        narrative=narrative,
        timeline=timeline,
        evidence=evidence,
        resolution=resolution,
        deadline=deadline,
        closing=closing,
        lang=lang,
    )
    text, dropped = _fit(draft, fmt, channel_limit)
    if dropped:
        where = _w("note_where", lang, addressee) if channel else ""
        notes.append(
            _w("note_limit", lang, limit=channel_limit, where=where, parts=list_sep.join(dropped))
        )
    return Letter(
        text=text,
        lang=lang,
        fmt=fmt,
        subject=subject + subject_refs,
        reply_by=due.date,
        length=utf16_length(text),
        limit=channel_limit,
        shortened=bool(dropped),
        notes=tuple(notes),
    )


def _reply_due(case: dict[str, Any], target: str, today: dt.date) -> Due:
    return reply_deadline(case.get("jurisdiction"), case.get("category"), target, today)


def _period_text(due: Due, lang: str) -> str:
    from .deadlines import RULES

    for m in RULES[due.rule].milestones:
        if m.key == due.key:
            return m.period.describe(lang)
    return ""  # pragma: no cover


def _fit(draft: _Draft, fmt: str, limit: int | None) -> tuple[str, list[str]]:
    """Render; when over ``limit``, drop the least important parts until it fits."""
    lang = draft.lang

    def render(d: _Draft) -> str:
        return _render(_blocks(d), fmt, lang)

    text = render(draft)
    if limit is None or utf16_length(text) <= limit:
        return text, []

    dropped: list[str] = []
    d = replace(draft)
    steps: list[tuple[str, Callable[[_Draft], None]]] = []
    if d.sender:
        steps.append(("part_sender", lambda x: setattr(x, "sender", [])))
    steps.append(("part_header", lambda x: setattr(x, "header", [])))
    steps.append(
        ("part_closing", lambda x: (setattr(x, "closing", []), setattr(x, "greeting", None)))
    )
    if d.evidence:
        steps.append(("part_hashes", lambda x: setattr(x, "keep_hashes", False)))
    for key, action in steps:
        action(d)
        dropped.append(_w(key, lang))
        text = render(d)
        if utf16_length(text) <= limit:
            return text, dropped

    removed = 0
    while d.timeline:
        d.timeline = d.timeline[1:]  # the oldest entry first
        removed += 1
        text = render(d)
        if utf16_length(text) <= limit:
            return text, [*dropped, _counted("part_timeline", lang, removed)]
    if removed:
        dropped.append(_counted("part_timeline", lang, removed))

    if d.evidence:
        d.keep_evidence = False
        dropped.append(_w("part_evidence", lang))
        text = render(d)
        if utf16_length(text) <= limit:
            return text, dropped

    # The opening repeats the facts, and headings take room a small box lacks.
    d.opening = None
    d.compact = True
    dropped.append(_w("part_layout", lang))
    text = render(d)
    if utf16_length(text) <= limit:
        return text, dropped

    ends = sentence_ends(d.narrative)[:-1]  # cut after a whole sentence, never inside one
    total = len(ends) + 1
    while ends:
        d.narrative = draft.narrative[: ends.pop()].rstrip()
        text = render(d)
        if utf16_length(text) <= limit:
            return text, [*dropped, _counted("part_sentences", lang, total - len(ends) - 1)]
    d.narrative = ""
    text = render(d)
    if utf16_length(text) <= limit:
        return text, [*dropped, _counted("part_sentences", lang, total)]
    raise LetterTooLong(utf16_length(text), limit)
