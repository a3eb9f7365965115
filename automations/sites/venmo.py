"""Venmo: disputes and frozen accounts, handled with Venmo support.

Facts: the channel notes, section 6b. The dispute reasons and time limits are
official; the form's labels were not found, so plaint guides the person.
"""

from __future__ import annotations

from .channel import TAKEN, Channel, Contact, Guide, Source, Text, choice

TIMEFRAMES = Source(
    "https://help.venmo.com/hc/en-us/articles/35679933994899-Dispute-filing-timeframes",
    official=True,
)
FROZEN = Source("https://help.venmo.com/cs/articles/frozen-account-vhel251", official=True)

UNAUTHORIZED = "Unauthorized activity"
PURCHASE = "Purchase issue"
BILLING = "Billing errors or subscription issues"

CHANNEL = Channel(
    id="venmo",
    names=Text("Venmo support and disputes", "Venmo 客服与争议"),
    operator=Text("PayPal (Venmo)", "PayPal（Venmo）"),
    kind="provider",
    jurisdiction="US",
    url=TIMEFRAMES.url,
    url_patterns=("*.venmo.com",),
    login_required=True,
    automation="guide",
    summary=Text(
        "Dispute a Venmo payment (unauthorized activity, a purchase not received or not as "
        "described, a billing error) or get a frozen account reinstated.",
        "对 Venmo 付款提出争议（未经授权、未收到商品或与描述不符、账单错误），或申请解冻账户。",
    ),
    categories={
        "unauthorized_transaction": choice(("", UNAUTHORIZED)),
        "account_frozen": TAKEN,
        "payment_failed_but_charged": choice(("", BILLING)),
        "refund_refused": choice(("", PURCHASE)),
        "no_response": TAKEN,
        "fraud_scam": choice(
            ("", PURCHASE),
            alternatives=(("", UNAUTHORIZED),),
            note=Text(
                "If you did not make the payment yourself, report unauthorized activity.",
                "如果付款不是你本人操作的，请报告未经授权的活动。",
            ),
        ),
        "fees": choice(("", BILLING)),
        "other": TAKEN,
    },
    response_rule="venmo",
    promises=Text(
        "Time limits for you: unauthorized activity at once; an item not received or not as "
        "described within 180 days of the payment; other errors within 60 days of the first "
        "statement that shows them.",
        "你的时限：未经授权的活动应立即报告；未收到商品或与描述不符须在付款后 180 天内；其他"
        "错误须在首次显示该错误的账单后 60 天内。",
    ),
    contacts=(
        Contact(
            "web",
            "https://help.venmo.com/",
            Text("Venmo Help Center", "Venmo 帮助中心"),
            TIMEFRAMES,
        ),
    ),
    guide=Guide(
        steps=(
            Text(
                "Act in time: report unauthorized activity at once; an item not received or not "
                "as described within 180 days of the payment; other errors within 60 days of "
                "the first statement showing them.",
                "注意时限：未经授权的活动立即报告；未收到商品或与描述不符在付款后 180 天内；其他"
                "错误在首次显示该错误的账单后 60 天内。",
            ),
            Text(
                "Contact Venmo support from the app or the Venmo Help Center and choose the "
                "reason that fits: unauthorized activity, a purchase issue, or a billing error "
                "or subscription issue.",
                "通过 Venmo 应用或 Venmo 帮助中心联系客服，选择相符的原因：未经授权的活动、购买"
                "问题，或账单错误/订阅问题。",
            ),
            Text(
                "Paste the text below as your description and keep the payment details and "
                "screenshots ready.",
                "把下面的文字粘贴为问题描述，并准备好付款详情和截图。",
            ),
            Text(
                "Frozen or suspended account: Venmo emails you. Reply to that email or contact "
                "support; unless a failed payment caused the suspension, reinstatement happens "
                "by email.",
                "账户被冻结或暂停：Venmo 会发邮件给你。回复该邮件或联系客服；除因付款失败导致的"
                "暂停外，恢复账户通过邮件办理。",
            ),
            Text(
                "Note the date and Venmo's answers in plaint; without a fix, escalate to the CFPB.",
                "在 plaint 中记录日期和 Venmo 的答复；问题未解决时，可升级投诉到 CFPB。",
            ),
        ),
        text_limit=None,
        text_where=Text(
            "the description of your dispute or support request", "争议或客服请求的描述"
        ),
    ),
    sources=(TIMEFRAMES, FROZEN),
    unsure=("the in-app labels and the description limit",),
)
