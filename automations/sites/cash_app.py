"""Cash App: disputing a payment in the app.

Facts: the channel notes, section 6c. Only third-party guides describe the flow;
no official source was found, so every step is unsure.
"""

from __future__ import annotations

from .channel import PLAINT_CATEGORIES, TAKEN, Channel, Contact, Guide, Source, Text

GUIDE = Source("https://llc2u.com/how-to-dispute-a-transaction-on-cash-app/", official=False)
GUIDE_2 = Source("https://cyberadmin.org/how-to-dispute-a-charge-on-cash-app/", official=False)

CHANNEL = Channel(
    id="cash_app",
    names=Text("Cash App support and disputes", "Cash App 客服与争议"),
    operator=Text("Block, Inc.", "Block 公司"),
    kind="provider",
    jurisdiction="US",
    url="https://cash.app/",
    url_patterns=("cash.app",),
    login_required=True,
    automation="guide",
    summary=Text(
        "Dispute a Cash App payment from the app's activity list; updates come in the app and "
        "by email.",
        "在 Cash App 的交易记录中对付款提出争议；进展通过应用内消息和邮件通知。",
    ),
    categories=dict.fromkeys(PLAINT_CATEGORIES, TAKEN),
    response_rule="general_followup",
    promises=None,
    contacts=(
        Contact(
            "in_app",
            "Activity → payment → … → Need Help & Cash App Support",
            Text("In the app", "应用内"),
            GUIDE,
        ),
    ),
    guide=Guide(
        steps=(
            Text(
                "In Cash App, open Activity and select the payment.",
                "在 Cash App 中打开“Activity”，选择这笔付款。",
            ),
            Text(
                'Tap "…" or "Need Help & Cash App Support".',
                "点“…”或“Need Help & Cash App Support”。",
            ),
            Text(
                'Choose "Dispute this Transaction" and follow the prompts.',
                "选择“Dispute this Transaction”，按提示操作。",
            ),
            Text(
                "Paste the text below as your description and add your evidence.",
                "把下面的文字粘贴为问题描述，并添加证据。",
            ),
            Text(
                "Watch the app and your email for updates, and note each answer in plaint.",
                "留意应用内消息和邮件，并在 plaint 中记录每次答复。",
            ),
        ),
        text_limit=None,
        text_where=Text("the dispute description", "争议描述"),
        tips=(
            Text(
                "Use the support inside the app. plaint lists no Cash App phone number because "
                "none comes from an official source; numbers found on other pages may be scams.",
                "请使用应用内客服。plaint 不列出 Cash App 电话，因为没有官方来源；其他网页上的"
                "号码可能是诈骗。",
            ),
        ),
    ),
    sources=(GUIDE, GUIDE_2),
    unsure=(
        "every step: only third-party guides describe the flow",
        "the time limit (one guide says 60 days)",
        "the web address cash.app is the app's own domain, not from the channel notes",
    ),
)
