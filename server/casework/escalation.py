"""Where a complaint goes next: the escalation ladder for a case.

The order follows the channel research: the provider first; then the
regulator or ombudsman; fraud reporting to the police in parallel; public and
mediation channels in parallel; legal help last.  Steps name channel ids
only; names, addresses and official contacts come from the channel registry
(``automations.sites``), so this module never invents a phone number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from schemas.case import COMPANY_CHANNEL

from .deadlines import Due, filing_schedule, windows

Stage = Literal["provider", "regulator", "police", "mediation", "legal"]
State = Literal["done", "open", "ready", "waiting", "later"]
# What must have happened before a step makes sense.
Needs = Literal["nothing", "contacted", "answered_or_due", "final_response_or_due"]

FRAUD_CATEGORIES = ("fraud_scam", "unauthorized_transaction")
US_PROVIDERS = ("paypal", "venmo", "cash_app", "coinbase")
CN_PAYMENT_INSTITUTIONS = ("alipay", "wechat_pay")

# Names people type for the providers that have a channel of their own.
PROVIDER_ALIASES: dict[str, tuple[str, ...]] = {
    "paypal": ("paypal", "贝宝"),
    "venmo": ("venmo",),
    "cash_app": ("cash app", "cashapp", "square cash", "block, inc", "block inc"),
    "coinbase": ("coinbase",),
    "alipay": ("alipay", "支付宝", "蚂蚁", "ant group"),
    "wechat_pay": ("wechat", "weixin", "微信", "财付通", "tenpay"),
}


def _t(en: str, zh: str) -> dict[str, str]:
    return {"en": en, "zh": zh}


def provider_channel(company: str | None) -> str:
    """The provider's own channel id for a company name, or ``company``."""
    name = (company or "").casefold()
    for channel, aliases in PROVIDER_ALIASES.items():
        if any(alias in name for alias in aliases):
            return channel
    return COMPANY_CHANNEL


@dataclass(frozen=True, slots=True)
class StepSpec:
    channel: str | None  # None: a step no registry channel covers (legal help, CN police)
    stage: Stage
    needs: Needs
    parallel: bool = False  # runs beside the main line instead of after it
    when: dict[str, str] | None = None  # the condition under which it applies
    title: dict[str, str] | None = None  # only for steps without a channel


@dataclass(frozen=True, slots=True)
class Step:
    channel: str | None
    stage: Stage
    state: State
    parallel: bool
    when: dict[str, str] | None
    title: dict[str, str] | None
    filing: dict[str, Any] | None = None
    due: Due | None = None  # the next date that matters for this step
    ready_on: dt.date | None = None
    window: Due | None = None  # the last day this channel can still be used
    notes: tuple[dict[str, str], ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        return {
            "channel": self.channel,
            "stage": self.stage,
            "state": self.state,
            "parallel": self.parallel,
            "when": self.when,
            "title": self.title,
            "filing_id": self.filing["id"] if self.filing else None,
            "due": self.due.as_json() if self.due else None,
            "ready_on": self.ready_on.isoformat() if self.ready_on else None,
            "window": self.window.as_json() if self.window else None,
            "notes": list(self.notes),
        }


_LEGAL = {
    "US": _t(
        "Legal help: small claims court, a consumer lawyer or legal aid (check the user "
        "agreement for an arbitration clause first)",
        "法律途径：小额诉讼法庭、消费者权益律师或法律援助（先查看用户协议中的仲裁条款）",
    ),
    "GB": _t(
        "Legal help: Citizens Advice, or a small claim in the county court",
        "法律途径：Citizens Advice 公民咨询服务，或向郡法院提起小额索赔",
    ),
    "CN": _t(
        "Legal help: sue in the people's court, apply for arbitration, or ask for legal aid",
        "法律途径：向人民法院起诉、申请仲裁，或申请法律援助",
    ),
    "other": _t(
        "Legal help: a lawyer, legal aid or a small claims court where you live",
        "法律途径：当地律师、法律援助或小额诉讼法庭",
    ),
}
_LOCAL_REGULATOR = _t(
    "Your country's financial regulator or consumer protection body",
    "您所在国家或地区的金融监管机构或消费者保护组织",
)
_LOCAL_POLICE = _t("Report it to your local police", "向当地警方报案")
_CN_POLICE = _t(
    "Report it to the police (公安机关): at a local police station or your city's official "
    "online service; keep the receipt (受案回执)",
    "向公安机关报案：到当地派出所或通过所在城市官方网上服务报案，并保留受案回执",
)
_IF_NY = _t(
    "If you live in New York, or the company is licensed there",
    "如您住在纽约州，或该公司持有纽约州牌照",
)
_IF_CA = _t("If you live in California", "如您住在加利福尼亚州")
_IF_BANK = _t(
    "If a bank card, a bank or an insurer is involved",
    "如涉及银行卡、银行或保险机构",
)
_IF_MERCHANT = _t(
    "For a dispute with a merchant or seller (经营者)",
    "适用于与商家（经营者）之间的消费纠纷",
)
_IF_US_SUBJECT = _t(
    "If the company or the scammer is in the United States",
    "如该公司或诈骗者位于美国",
)


def _specs(case: dict[str, Any]) -> list[StepSpec]:
    jurisdiction = case.get("jurisdiction")
    category = case.get("category")
    fraud = category in FRAUD_CATEGORIES
    provider = provider_channel(case.get("company"))
    steps = [StepSpec(provider, "provider", "nothing")]
    if jurisdiction == "US":
        steps.append(StepSpec("cfpb", "regulator", "contacted"))
        if fraud:
            steps += [
                StepSpec("ftc", "police", "nothing", parallel=True),
                StepSpec("ic3", "police", "nothing", parallel=True),
            ]
        steps += [
            StepSpec("ny_ag", "mediation", "contacted", parallel=True, when=_IF_NY),
            StepSpec("ca_ag", "mediation", "contacted", parallel=True, when=_IF_CA),
        ]
        if category != "fraud_scam":  # the BBB does not take criminal allegations
            steps.append(StepSpec("bbb", "mediation", "contacted", parallel=True))
        legal = _LEGAL["US"]
    elif jurisdiction == "GB":
        steps.append(StepSpec("uk_fos", "regulator", "final_response_or_due"))
        if fraud:
            steps.append(StepSpec("uk_action_fraud", "police", "nothing", parallel=True))
        legal = _LEGAL["GB"]
    elif jurisdiction == "CN":
        steps.append(StepSpec("cn_12363", "regulator", "answered_or_due"))
        steps.append(
            StepSpec("cn_12378", "regulator", "answered_or_due", parallel=True, when=_IF_BANK)
        )
        if category not in FRAUD_CATEGORIES and category != "account_frozen":
            steps.append(
                StepSpec("cn_12315", "regulator", "contacted", parallel=True, when=_IF_MERCHANT)
            )
        if fraud:
            steps.append(StepSpec(None, "police", "nothing", parallel=True, title=_CN_POLICE))
        steps.append(StepSpec("heimao", "mediation", "contacted", parallel=True))
        legal = _LEGAL["CN"]
    else:
        steps.append(StepSpec(None, "regulator", "answered_or_due", title=_LOCAL_REGULATOR))
        if fraud:
            steps.append(StepSpec(None, "police", "nothing", parallel=True, title=_LOCAL_POLICE))
            if provider in US_PROVIDERS:
                steps.append(
                    StepSpec("ic3", "police", "nothing", parallel=True, when=_IF_US_SUBJECT)
                )
        legal = _LEGAL["other"]
    steps.append(StepSpec(None, "legal", "answered_or_due", title=legal))
    return steps


def _latest_filing(case: dict[str, Any], channels: tuple[str, ...]) -> dict[str, Any] | None:
    found = [f for f in case.get("filings") or () if f["channel"] in channels]
    return found[-1] if found else None


def _milestones(filing: dict[str, Any]) -> list[Due]:
    return [Due.from_json(m) for m in filing.get("milestones") or ()]


def _first_answer_due(filing: dict[str, Any], case: dict[str, Any]) -> dt.date | None:
    """When the other side's first answer on a filing is due."""
    dues = _milestones(filing) or filing_schedule(
        filing["channel"],
        case.get("jurisdiction"),
        case.get("category"),
        dt.date.fromisoformat(filing["filed_on"]),
    )
    theirs = [d.date for d in dues if d.who == "them"]
    return min(theirs) if theirs else None


def _final_response_due(filing: dict[str, Any]) -> dt.date | None:
    """The firm's final-response deadline: the date the ombudsman opens (UK rules)."""
    dues = [d for d in _milestones(filing) if d.key == "final_response"]
    return dues[0].date if dues else None


def _contacted(case: dict[str, Any], provider: str) -> bool:
    if _latest_filing(case, (provider, COMPANY_CHANNEL)):
        return True
    return any(c.get("direction") == "outgoing" for c in case.get("contacts") or ())


def _next_due(filing: dict[str, Any], today: dt.date) -> Due | None:
    dues = sorted(_milestones(filing), key=lambda d: d.date)
    upcoming = [d for d in dues if d.date >= today]
    if upcoming:
        return upcoming[0]
    return dues[-1] if dues else None


def _readiness(
    spec: StepSpec, case: dict[str, Any], provider_filing: dict[str, Any] | None, today: dt.date
) -> tuple[State, dt.date | None]:
    provider = provider_channel(case.get("company"))
    if spec.needs == "nothing":
        return "ready", None
    if spec.needs == "contacted":
        return ("ready", None) if _contacted(case, provider) else ("later", None)
    if provider_filing is None:
        return "later", None
    if provider_filing.get("status") in ("responded", "final_response", "closed", "escalated"):
        return "ready", None
    if spec.needs == "final_response_or_due":
        due = _final_response_due(provider_filing) or _first_answer_due(provider_filing, case)
    else:
        due = _first_answer_due(provider_filing, case)
    if due is None or due < today:
        return "ready", None
    return "waiting", due


def _regulator_finished(steps: list[Step], today: dt.date) -> bool:
    for step in steps:
        if step.stage != "regulator" or step.filing is None:
            continue
        if step.state == "done":
            return True
        dues = _milestones(step.filing)
        if dues and max(d.date for d in dues) < today:
            return True
    return False


def ladder(case: dict[str, Any], today: dt.date | None = None) -> list[Step]:
    """The steps for this case's jurisdiction and category, each with where it stands."""
    today = today or dt.date.today()
    provider = provider_channel(case.get("company"))
    provider_filing = _latest_filing(case, (provider, COMPANY_CHANNEL))
    incident = case.get("incident_date")
    incident_date = dt.date.fromisoformat(incident) if incident else None
    steps: list[Step] = []
    for spec in _specs(case):
        channels: tuple[str, ...] = ()
        if spec.channel is not None:
            channels = (spec.channel,)
            if spec.stage == "provider":
                channels = (spec.channel, COMPANY_CHANNEL)
        filing = _latest_filing(case, channels) if channels else None
        window = None
        if spec.channel is not None:
            final_on = provider_filing.get("final_response_on") if provider_filing else None
            found = windows(
                spec.channel,
                case.get("category"),
                incident_date,
                dt.date.fromisoformat(final_on) if final_on else None,
            )
            window = found[0] if found else None
        if filing is not None:
            open_ = filing.get("status") == "awaiting_response"
            steps.append(
                Step(
                    spec.channel,
                    spec.stage,
                    "open" if open_ else "done",
                    spec.parallel,
                    spec.when,
                    spec.title,
                    filing=filing,
                    due=_next_due(filing, today) if open_ else None,
                    window=window,
                )
            )
            continue
        if spec.stage == "legal":
            # Courts come after a regulator or ombudsman has had its say.
            state: State = "ready" if _regulator_finished(steps, today) else "later"
            ready_on = None
        else:
            state, ready_on = _readiness(spec, case, provider_filing, today)
        steps.append(
            Step(
                spec.channel,
                spec.stage,
                state,
                spec.parallel,
                spec.when,
                spec.title,
                ready_on=ready_on,
                window=window,
            )
        )
    return steps


def next_step(steps: list[Step]) -> Step | None:
    """The one step to take now: the main line before parallel ones, ready before waiting."""
    for wanted in (
        lambda s: s.state == "ready" and not s.parallel and s.stage != "legal",
        lambda s: s.state == "ready" and s.stage != "legal",
        lambda s: s.state == "open",
        lambda s: s.state == "waiting",
        lambda s: s.state == "ready",
    ):
        for step in steps:
            if wanted(step):
                return step
    return None


def urgent_checklist(case: dict[str, Any]) -> list[dict[str, str]]:
    """What to do today for fraud or a stolen account, before any complaint; else []."""
    if case.get("category") not in FRAUD_CATEGORIES:
        return []
    police = {
        "US": _t(
            "Report it to the FBI's IC3 (ic3) and to the FTC (ftc); for identity theft also "
            "IdentityTheft.gov.",
            "向 FBI 网络犯罪投诉中心（ic3）和美国联邦贸易委员会（ftc）报告；涉及身份盗用的，"
            "还应向 IdentityTheft.gov 报告。",
        ),
        "GB": _t(
            "Report it to Action Fraud (uk_action_fraud) and keep the crime reference number; "
            "in Scotland, to Police Scotland.",
            "向 Action Fraud（uk_action_fraud）报案并保留犯罪报案编号；"
            "苏格兰居民向苏格兰警方报案。",
        ),
        "CN": _t(
            "Report it to the police (公安机关) at once and keep the receipt (受案回执).",
            "立即向公安机关报案，并保留受案回执。",
        ),
    }.get(
        case.get("jurisdiction") or "",
        _t(
            "Report it to your local police and keep the report number.",
            "向当地警方报案并保留报案编号。",
        ),
    )
    return [
        _t(
            "Secure the account now: change the password and PIN, sign out every other device, "
            "turn on two-step verification; remove any screen-sharing or remote-control app a "
            "caller asked you to install.",
            "立即保护账户：修改密码和支付密码，退出其他所有设备，开启两步验证；"
            "卸载对方要求您安装的屏幕共享或远程控制软件。",
        ),
        _t(
            "Tell the provider through its official app or website only (never a number from a "
            "search result or a message you were sent): report the payment and ask them to "
            "freeze the account or block further payments.",
            "只通过官方应用或官网联系服务商（不要使用搜索结果或他人发来的电话号码）："
            "报告该笔交易，要求冻结账户或阻止后续付款。",
        ),
        _t(
            "Call your bank or card issuer to stop payments from the linked card or account "
            "and dispute the charge.",
            "致电绑定的银行或发卡机构，止付绑定的银行卡或账户，并对该笔扣款提出异议。",
        ),
        _t(
            "Keep every piece of evidence: screenshots of the transactions and chats, the other "
            "side's account, phone number or wallet address, transaction hashes, emails with "
            "full headers. Delete nothing; add them with `plaint case evidence add`.",
            "保留全部证据：交易和聊天记录截图、对方的账户、电话号码或钱包地址、交易哈希、"
            "含完整邮件头的电子邮件。不要删除任何内容；用 `plaint case evidence add` 添加证据。",
        ),
        police,
        _t(
            "Beware of recovery scams: nobody can get your money back for an upfront fee. plaint "
            "shows only official contacts.",
            "谨防“追回损失”类二次诈骗：任何要求先付费才能追回资金的都是骗局。"
            "plaint 只显示官方联系方式。",
        ),
    ]
