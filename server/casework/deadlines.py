"""The deadlines complaint channels promise, and the ones the person must meet.

``RULES`` is the one table every part of plaint reads: the CLI's follow-ups,
filing due dates, the escalation ladder and the reply deadline in letters.
Each rule names its source (from the channel research in docs/cases.md) and
how certain it is.

Business and working days skip weekends and the public holidays of the
rule's country (England and Wales bank holidays for the UK; for China also the
swapped working weekends, 调休), from the ``holidays`` package.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

Unit = Literal["days", "business_days", "weeks", "months"]
Who = Literal["them", "you"]
Certainty = Literal["official", "secondary", "unsure"]
Anchor = Literal["filed", "incident", "final_response"]

# Holiday calendars: the part of the country whose rules the deadline uses.
_CALENDARS: dict[str, dict[str, Any]] = {
    "GB": {"subdiv": "ENG"},  # FCA business days: England and Wales bank holidays
    "CN": {},
    "US": {},
}


@dataclass(frozen=True, slots=True)
class Period:
    amount: int
    unit: Unit

    def describe(self, lang: str = "en") -> str:
        if lang == "zh":
            unit = {"days": "天", "business_days": "个工作日", "weeks": "周", "months": "个月"}
            return f"{self.amount}{unit[self.unit]}"
        unit_en = {
            "days": "day",
            "business_days": "business day",
            "weeks": "week",
            "months": "month",
        }[self.unit]
        return f"{self.amount} {unit_en}{'' if self.amount == 1 else 's'}"


@dataclass(frozen=True, slots=True)
class Milestone:
    key: str
    period: Period
    who: Who  # whose deadline: the other side's answer, or the person's own step
    label: dict[str, str]
    action: dict[str, str]  # what to do once the date has passed
    after: str | None = None  # counted from another milestone instead of the start


@dataclass(frozen=True, slots=True)
class Window:
    """How long the person has to use a channel at all."""

    period: Period
    anchor: Anchor
    label: dict[str, str]
    categories: tuple[str, ...] = ()  # empty: every category


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    names: dict[str, str]
    milestones: tuple[Milestone, ...]
    sources: tuple[str, ...]
    certainty: Certainty
    calendar: str | None = None  # country whose business days count
    windows: tuple[Window, ...] = ()
    note: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Due:
    """One computed date: what is due, by whom, and what to do after it."""

    rule: str
    key: str
    date: dt.date
    who: Who
    label: dict[str, str]
    action: dict[str, str]
    certainty: Certainty

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "key": self.key,
            "due": self.date.isoformat(),
            "who": self.who,
            "label": self.label,
            "action": self.action,
            "certainty": self.certainty,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Due:
        return cls(
            rule=data["rule"],
            key=data["key"],
            date=dt.date.fromisoformat(data["due"]),
            who=data["who"],
            label=data["label"],
            action=data["action"],
            certainty=data["certainty"],
        )


def _t(en: str, zh: str) -> dict[str, str]:
    return {"en": en, "zh": zh}


_FOS_NEXT = _t(
    "Refer the complaint to the Financial Ombudsman Service (uk_fos).",
    "向英国金融申诉专员服务机构（uk_fos）提出申诉。",
)
_CHASE = _t(
    "Chase them in writing, quoting your reference, and log the contact.",
    "引用投诉编号书面催促，并记录本次联系。",
)
_ESCALATE = _t(
    "Escalate: see `plaint escalate` for the next channel.",
    "升级投诉：运行 `plaint escalate` 查看下一步渠道。",
)

RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule(
            id="cfpb",
            names=_t("CFPB complaint", "美国消费者金融保护局（CFPB）投诉"),
            milestones=(
                Milestone(
                    "company_response",
                    Period(15, "days"),
                    "them",
                    _t("The company's response to the CFPB is due", "被投诉公司应答复CFPB"),
                    _t(
                        "Check the CFPB portal; if the company has not responded, tell the "
                        "CFPB there.",
                        "登录CFPB门户查看；如公司未答复，在门户中告知CFPB。",
                    ),
                ),
                Milestone(
                    "closing",
                    Period(60, "days"),
                    "them",
                    _t("The company should have closed the complaint", "公司应已处理完毕该投诉"),
                    _t(
                        "Give your feedback on the response in the portal within 60 days; "
                        "if it is unresolved, escalate.",
                        "在60天内于门户中反馈对答复的意见；如仍未解决，继续升级。",
                    ),
                ),
            ),
            sources=(
                "https://www.consumerfinance.gov/complaint/process/",
                "https://issuhub.com/view/index/4410?pageIndex=42",
            ),
            certainty="official",
        ),
        Rule(
            id="uk_payment_firm",
            names=_t(
                "UK payment or e-money firm: final response",
                "英国支付或电子货币机构：最终答复期限",
            ),
            calendar="GB",
            milestones=(
                Milestone(
                    "final_response",
                    Period(15, "business_days"),
                    "them",
                    _t(
                        "The firm's final response is due (or a holding response)",
                        "机构应发出最终答复（或说明延迟的临时答复）",
                    ),
                    _t(
                        "Without a final or holding response, refer the complaint to the "
                        "Financial Ombudsman Service (uk_fos).",
                        "如未收到最终答复或临时答复，可向英国金融申诉专员服务机构（uk_fos）申诉。",
                    ),
                ),
                Milestone(
                    "final_response_exceptional",
                    Period(35, "business_days"),
                    "them",
                    _t(
                        "Latest final response after a holding response",
                        "发出临时答复后，最终答复的最迟期限",
                    ),
                    _FOS_NEXT,
                ),
            ),
            sources=("https://www.fca.org.uk/consumers/how-complain",),
            certainty="official",
            note=_t(
                "Unless resolved within 3 business days, the firm must acknowledge the "
                "complaint in writing.",
                "除非在3个工作日内解决，机构须书面确认收到投诉。",
            ),
        ),
        Rule(
            id="uk_firm",
            names=_t("UK financial firm: final response", "英国金融机构：最终答复期限"),
            milestones=(
                Milestone(
                    "final_response",
                    Period(8, "weeks"),
                    "them",
                    _t("The firm's final response is due", "机构应发出最终答复"),
                    _FOS_NEXT,
                ),
            ),
            sources=(
                "http://www.financial-ombudsman.org.uk/publications/consumer-leaflet.htm",
                "https://www.fca.org.uk/consumers/how-complain",
            ),
            certainty="official",
        ),
        Rule(
            id="uk_fos",
            names=_t("UK Financial Ombudsman Service", "英国金融申诉专员服务机构"),
            milestones=(
                Milestone(
                    "follow_up",
                    Period(14, "days"),
                    "them",
                    _t("Expect the ombudsman's first contact", "申诉专员应已与您联系"),
                    _CHASE,
                ),
            ),
            windows=(
                Window(
                    Period(6, "months"),
                    "final_response",
                    _t(
                        "Last day to refer the complaint to the Financial Ombudsman "
                        "(6 months after the final response)",
                        "向金融申诉专员申诉的最后一天（最终答复后6个月内）",
                    ),
                ),
            ),
            sources=("http://www.financial-ombudsman.org.uk/publications/consumer-leaflet.htm",),
            certainty="official",
            note=_t(
                "The ombudsman promises no response time; plaint reminds you after two weeks.",
                "申诉专员未承诺答复时间；plaint 在两周后提醒您跟进。",
            ),
        ),
        Rule(
            id="cn_12315",
            names=_t("12315 (SAMR) consumer complaint", "全国12315平台投诉"),
            calendar="CN",
            milestones=(
                Milestone(
                    "accept",
                    Period(7, "business_days"),
                    "them",
                    _t(
                        "The market regulator decides whether to accept the complaint",
                        "市场监管部门应作出是否受理的决定",
                    ),
                    _t(
                        "If you have heard nothing, check the status with your complaint "
                        "code on 12315.",
                        "如未收到通知，凭投诉编码在12315平台查询进度。",
                    ),
                ),
                Milestone(
                    "mediation_end",
                    Period(45, "business_days"),
                    "them",
                    _t(
                        "Mediation ends if no agreement was reached",
                        "调解期满，未达成协议的将终止调解",
                    ),
                    _t(
                        "Without agreement: consider a court claim or arbitration, or "
                        "another channel (`plaint escalate`).",
                        "未达成协议：可考虑起诉、仲裁或其他渠道（`plaint escalate`）。",
                    ),
                    after="accept",
                ),
            ),
            windows=(
                Window(
                    Period(36, "months"),
                    "incident",
                    _t(
                        "12315 refuses complaints made more than 3 years after you knew of "
                        "the harm",
                        "自知道或应当知道权益受损之日起超过3年的投诉不予受理",
                    ),
                ),
            ),
            sources=(
                "http://xxgk.jccq.gov.cn/qzf/cqscjgj/fdzdgknr/zzjg/jgfdzz/202201/"
                "t20220104_1534293.shtml",
            ),
            certainty="official",
            note=_t(
                "Times are working days under SAMR Order No. 20 (2019); the order was later "
                "revised.",
                "期限为工作日，依据《市场监督管理投诉举报处理暂行办法》（2019），该办法其后有修订。",
            ),
        ),
        Rule(
            id="cn_12378",
            names=_t(
                "Bank or insurer complaint (12378, NFRA rules)",
                "银行保险机构投诉（12378，金融监管总局规定）",
            ),
            milestones=(
                Milestone(
                    "institution_response",
                    Period(15, "days"),
                    "them",
                    _t(
                        "The bank or insurer should have dealt with a simple complaint",
                        "银行保险机构应已处理完毕简单投诉",
                    ),
                    _CHASE,
                ),
                Milestone(
                    "extended_response",
                    Period(30, "days"),
                    "them",
                    _t(
                        "Latest answer for a complex complaint (a further 30 days only "
                        "with approval)",
                        "复杂投诉的最迟答复期限（经批准可再延长30天）",
                    ),
                    _ESCALATE,
                ),
            ),
            sources=("http://nakedoat.com/xinwen/2020-01/17/content_5470220.htm",),
            certainty="secondary",
        ),
        Rule(
            id="cn_12363",
            names=_t("PBOC 12363 complaint", "中国人民银行12363投诉"),
            calendar="CN",
            milestones=(
                Milestone(
                    "reply",
                    Period(15, "business_days"),
                    "them",
                    _t("The first reply is usually due", "通常应已答复"),
                    _CHASE,
                ),
                Milestone(
                    "reply_latest",
                    Period(20, "business_days"),
                    "them",
                    _t("Latest reply", "最迟答复期限"),
                    _ESCALATE,
                ),
            ),
            sources=(
                "https://22.wendadaohang.com/zd/20hTShCXTXX6T0ShS2.html",
                "http://fsou.com/html/text/lar/174089/17408968_5.html",
            ),
            certainty="unsure",
        ),
        Rule(
            id="paypal",
            names=_t("PayPal dispute", "PayPal 争议"),
            milestones=(
                Milestone(
                    "escalate_to_claim",
                    Period(20, "days"),
                    "you",
                    _t(
                        "Last day to escalate the dispute to a claim (it closes for good "
                        "after this)",
                        "将争议升级为索赔的最后一天（逾期争议关闭且不能重开）",
                    ),
                    _t(
                        "If it was not escalated, the dispute is closed: complain to the "
                        "regulator (`plaint escalate`).",
                        "如未升级，争议已关闭：向监管机构投诉（`plaint escalate`）。",
                    ),
                ),
            ),
            windows=(
                Window(
                    Period(180, "days"),
                    "incident",
                    _t(
                        "Last day to open a PayPal dispute (180 days after the payment)",
                        "发起 PayPal 争议的最后一天（付款后180天）",
                    ),
                ),
            ),
            sources=(
                "https://www.paypal.com/il/selfhelp/article/faq854",
                "https://developer.paypal.com/docs/disputes/disputes-reference",
            ),
            certainty="official",
        ),
        Rule(
            id="venmo",
            names=_t("Venmo dispute", "Venmo 争议"),
            milestones=(
                Milestone(
                    "follow_up",
                    Period(7, "days"),
                    "them",
                    _t("Follow up if Venmo has not answered", "如 Venmo 未答复，应跟进"),
                    _CHASE,
                ),
                Milestone(
                    "escalate",
                    Period(14, "days"),
                    "them",
                    _t("Escalate if there is still no answer", "仍无答复则升级投诉"),
                    _ESCALATE,
                ),
            ),
            windows=(
                Window(
                    Period(180, "days"),
                    "incident",
                    _t(
                        "Last day to dispute an item not received or not as described "
                        "(180 days after payment)",
                        "对未收到或与描述不符的商品发起争议的最后一天（付款后180天）",
                    ),
                    categories=("refund_refused", "fraud_scam", "other"),
                ),
                Window(
                    Period(60, "days"),
                    "incident",
                    _t(
                        "Last day to report a billing error (60 days after the first statement "
                        "showing it; plaint counts from the incident date)",
                        "报告账单错误的最后一天"
                        "（首次出现该错误的账单后60天；plaint 从发生日期起算）",
                    ),
                    categories=("payment_failed_but_charged", "fees"),
                ),
            ),
            sources=(
                "https://help.venmo.com/hc/en-us/articles/35679933994899-Dispute-filing-timeframes",
            ),
            certainty="official",
            note=_t(
                "Report unauthorized activity to Venmo at once.",
                "发现未经授权的交易应立即报告 Venmo。",
            ),
        ),
        Rule(
            id="coinbase",
            names=_t("Coinbase formal complaint", "Coinbase 正式投诉"),
            milestones=(
                Milestone(
                    "decision",
                    Period(45, "days"),
                    "them",
                    _t("Coinbase's written decision is due", "Coinbase 应作出书面决定"),
                    _ESCALATE,
                ),
            ),
            sources=(
                "https://help.coinbase.com/en/coinbase/other-topics/other/how-to-send-a-complaint",
            ),
            certainty="unsure",
            note=_t(
                "Coinbase's pages differ (45 days or 45 business days); a support case "
                "number is needed first.",
                "Coinbase 各页面说法不一（45天或45个工作日）；须先取得客服工单号。",
            ),
        ),
        Rule(
            id="wechat_pay",
            names=_t("WeChat Pay merchant complaint", "微信支付投诉商家"),
            milestones=(
                Milestone(
                    "merchant_reply",
                    Period(1, "days"),
                    "them",
                    _t("The merchant should have replied", "商家应已回复"),
                    _CHASE,
                ),
                Milestone(
                    "merchant_done",
                    Period(3, "days"),
                    "them",
                    _t("The merchant should have finished handling it", "商家应已处理完毕"),
                    _t(
                        "Choose 继续投诉 (continue complaining) in WeChat Pay, or escalate.",
                        "在微信支付中选择“继续投诉”，或升级投诉。",
                    ),
                ),
            ),
            sources=("https://www.diancipan.com/d/254228.html",),
            certainty="unsure",
        ),
        Rule(
            id="bbb",
            names=_t("BBB complaint", "美国商业改善局（BBB）投诉"),
            milestones=(
                Milestone(
                    "business_response",
                    Period(14, "days"),
                    "them",
                    _t("The business was asked to respond", "商家应已回应"),
                    _CHASE,
                ),
                Milestone(
                    "closing",
                    Period(30, "days"),
                    "them",
                    _t("The BBB usually closes the complaint", "BBB 通常已结案"),
                    _ESCALATE,
                ),
            ),
            sources=("https://www.bbb.org/process-of-complaints-and-reviews/complaints",),
            certainty="unsure",
            note=_t(
                "Older local BBB pages give the business 30 days.",
                "部分地方 BBB 页面给予商家30天。",
            ),
        ),
        Rule(
            id="uk_action_fraud",
            names=_t("Action Fraud report", "英国 Action Fraud 报案"),
            milestones=(
                Milestone(
                    "update",
                    Period(28, "days"),
                    "them",
                    _t(
                        "An update on whether the report is investigated is expected",
                        "应收到关于是否立案调查的通知",
                    ),
                    _t(
                        "Ask for an update quoting your crime reference number.",
                        "凭犯罪报案编号查询进展。",
                    ),
                ),
            ),
            sources=("https://www.neighbourhoodalert.co.uk/Alerts/A/314403/",),
            certainty="unsure",
        ),
        Rule(
            id="report_only",
            names=_t("Report (no individual response)", "报告（不单独答复）"),
            milestones=(),
            sources=(
                "https://reportfraud.ftc.gov/",
                "https://www.ic3.gov/",
            ),
            certainty="official",
            note=_t(
                "These channels collect reports for law enforcement and do not resolve "
                "individual cases; keep the report number.",
                "这些渠道收集报告供执法部门使用，不处理个案；请保留报告编号。",
            ),
        ),
        Rule(
            id="general_followup",
            names=_t("Follow up without an answer", "无答复时跟进"),
            milestones=(
                Milestone(
                    "follow_up",
                    Period(7, "days"),
                    "them",
                    _t("Follow up if there is no answer", "如无答复，应跟进"),
                    _CHASE,
                ),
                Milestone(
                    "escalate",
                    Period(14, "days"),
                    "them",
                    _t("Escalate if there is still no answer", "仍无答复则升级投诉"),
                    _ESCALATE,
                ),
            ),
            sources=(
                "Consumer complaint guidance: follow up after one to two weeks without an "
                "answer (plaint's default where a channel promises no time)",
            ),
            certainty="secondary",
        ),
    )
}

# Which rule a filing on each channel follows.  Keep in step with each registry
# channel's ``response_rule`` (a test checks the two agree).
CHANNEL_RULES: dict[str, str] = {
    "cfpb": "cfpb",
    "ftc": "report_only",
    "ic3": "report_only",
    "ca_ag": "general_followup",
    "ny_ag": "general_followup",
    "uk_fos": "uk_fos",
    "uk_action_fraud": "uk_action_fraud",
    "cn_12315": "cn_12315",
    "cn_12378": "cn_12378",
    "cn_12363": "cn_12363",
    "heimao": "general_followup",
    "paypal": "paypal",
    "venmo": "venmo",
    "cash_app": "general_followup",
    "coinbase": "coinbase",
    "alipay": "general_followup",
    "wechat_pay": "wechat_pay",
    "bbb": "bbb",
    "company": "general_followup",
}
PROVIDER_CHANNELS = ("paypal", "venmo", "cash_app", "coinbase", "alipay", "wechat_pay", "company")
# Complaints about payment services themselves (the PSRs): 15 business days in
# the UK; anything else about the firm: 8 weeks.
UK_PAYMENT_SERVICE_CATEGORIES = (
    "unauthorized_transaction",
    "payment_failed_but_charged",
    "refund_refused",
    "fraud_scam",
    "fees",
)


# -- date arithmetic -----------------------------------------------------------


@cache
def _holiday_calendar(country: str) -> Any:
    import holidays

    return holidays.country_holidays(country, **_CALENDARS.get(country, {}))


def is_business_day(day: dt.date, country: str | None = None) -> bool:
    """Monday to Friday and not a public holiday; China's swapped weekends count."""
    if country is None:
        return day.weekday() < 5
    return bool(_holiday_calendar(country).is_working_day(day))


def add_business_days(start: dt.date, count: int, country: str | None = None) -> dt.date:
    """The ``count``-th business day after ``start`` (``start`` itself never counts)."""
    if count < 0:
        raise ValueError("count must not be negative")
    day = start
    remaining = count
    while remaining:
        day += dt.timedelta(days=1)
        if is_business_day(day, country):
            remaining -= 1
    return day


def add_months(start: dt.date, months: int) -> dt.date:
    """Same day ``months`` later; the month's last day when it is shorter (31 Jan → 28 Feb)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def add_period(start: dt.date, period: Period, country: str | None = None) -> dt.date:
    if period.unit == "days":
        return start + dt.timedelta(days=period.amount)
    if period.unit == "weeks":
        return start + dt.timedelta(weeks=period.amount)
    if period.unit == "months":
        return add_months(start, period.amount)
    return add_business_days(start, period.amount, country)


# -- rules applied -------------------------------------------------------------


def rule(rule_id: str) -> Rule:
    try:
        return RULES[rule_id]
    except KeyError:
        raise KeyError(f"unknown deadline rule {rule_id!r}") from None


def schedule(rule_id: str, start: dt.date) -> list[Due]:
    """Every milestone of a rule, counted from ``start`` (the filing date)."""
    r = rule(rule_id)
    dates: dict[str, dt.date] = {}
    out = []
    for m in r.milestones:
        base = dates[m.after] if m.after else start
        dates[m.key] = add_period(base, m.period, r.calendar)
        out.append(Due(r.id, m.key, dates[m.key], m.who, m.label, m.action, r.certainty))
    return out


def rules_for_filing(channel: str, jurisdiction: str | None, category: str | None) -> list[str]:
    """The rules a complaint filed on ``channel`` runs under, most binding first."""
    ids = []
    if jurisdiction == "GB" and channel in PROVIDER_CHANNELS:
        # A UK firm's own complaint deadline is what opens the way to the ombudsman.
        payment = category in UK_PAYMENT_SERVICE_CATEGORIES
        ids.append("uk_payment_firm" if payment else "uk_firm")
    base = CHANNEL_RULES.get(channel, "general_followup")
    if base not in ids and not (ids and base == "general_followup"):
        ids.append(base)
    return ids


def filing_schedule(
    channel: str, jurisdiction: str | None, category: str | None, filed_on: dt.date
) -> list[Due]:
    """Every date that follows from filing on ``channel``, soonest first."""
    dues = [
        due
        for rule_id in rules_for_filing(channel, jurisdiction, category)
        for due in schedule(rule_id, filed_on)
    ]
    return sorted(dues, key=lambda d: d.date)


def windows(
    channel: str,
    category: str | None,
    incident_date: dt.date | None = None,
    final_response_on: dt.date | None = None,
) -> list[Due]:
    """The last days the person may still use ``channel``, where a rule sets one."""
    r = RULES.get(CHANNEL_RULES.get(channel, ""))
    if r is None:
        return []
    anchors = {"incident": incident_date, "final_response": final_response_on}
    out = []
    for w in r.windows:
        start = anchors.get(w.anchor)
        if start is None or (w.categories and category not in w.categories):
            continue
        due = add_period(start, w.period, r.calendar)
        out.append(Due(r.id, f"window_{w.anchor}", due, "you", w.label, w.label, r.certainty))
    return out


def reply_deadline(
    jurisdiction: str | None, category: str | None, channel: str, sent_on: dt.date
) -> Due:
    """The date a letter asks the other side to answer by.

    The addressee's own promised time where a rule sets one; otherwise two
    weeks, the end of the general advice's one-to-two-week wait.
    """
    for due in filing_schedule(channel, jurisdiction, category, sent_on):
        if due.who == "them" and due.rule != "general_followup":
            return due
    return schedule("general_followup", sent_on)[-1]


def describe_due(due: Due, today: dt.date, lang: str = "en") -> str:
    days = (due.date - today).days
    if lang == "zh":
        if days < 0:
            return f"已逾期{-days}天"
        return "今天到期" if days == 0 else f"还有{days}天"
    if days < 0:
        return f"overdue by {-days} day{'s' if days != -1 else ''}"
    return "due today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
