"""Alipay 支付宝: complaints through the app's customer service or the 95188 hotline.

Facts: the channel notes, section 6e. Only 95188 is trusted: any other number
is suspect.  The consumer-facing labels were not found.
"""

from __future__ import annotations

from .channel import PLAINT_CATEGORIES, TAKEN, Channel, Contact, Guide, Source, Text

HOTLINE = Source("https://www.xiaoyuxitong.com/windows10/186203.html", official=False)
HOTLINE_2 = Source("https://ksepay.com/29.html", official=False)
COMPLAINT_API = Source("https://opendocs.alipay.com/", official=True)

CHANNEL = Channel(
    id="alipay",
    names=Text("Alipay customer service", "支付宝客服投诉"),
    operator=Text("Ant Group", "蚂蚁集团"),
    kind="provider",
    jurisdiction="CN",
    url="tel:95188",
    url_patterns=("*.alipay.com",),
    login_required=True,
    automation="guide",
    summary=Text(
        "Complain to Alipay in the app (Me → customer service centre → online agent) or on the "
        "95188 hotline. For a complaint about a merchant, Alipay records your text, the amount, "
        "the transaction number and your evidence images.",
        "在支付宝应用中（我的 → 客服中心 → 在线客服）或拨打 95188 投诉。投诉商家时，支付宝会"
        "记录你的投诉内容、金额、交易号和凭证图片。",
    ),
    categories=dict.fromkeys(PLAINT_CATEGORIES, TAKEN),
    response_rule="general_followup",
    promises=None,
    contacts=(
        Contact("phone", "95188", Text("Alipay hotline", "支付宝客服热线"), HOTLINE),
        Contact(
            "phone",
            "+86 571 95188",
            Text("Alipay hotline from outside mainland China", "境外拨打支付宝客服热线"),
            HOTLINE_2,
        ),
        Contact(
            "in_app",
            "我的 → 客服中心 → 在线客服",
            Text("In the app: Me → customer service centre → online agent", "应用内"),
            HOTLINE,
        ),
    ),
    guide=Guide(
        steps=(
            Text(
                "Open Alipay → Me (我的) → Customer service centre (客服中心) or Help centre "
                "(帮助中心) → Online agent (在线客服).",
                "打开支付宝 → 我的 → 客服中心（或帮助中心）→ 在线客服。",
            ),
            Text(
                "Give the Alipay transaction number (交易号), the amount and the time of the "
                "payment.",
                "提供支付宝交易号、金额和付款时间。",
            ),
            Text(
                "Paste the text below as your complaint and upload screenshots as evidence.",
                "把下面的文字粘贴为投诉内容，并上传截图作为凭证。",
            ),
            Text(
                "Or call the official hotline 95188 (from abroad +86 571 95188). Trust no other "
                'number: any other "Alipay" number may be a scam.',
                "也可拨打官方客服热线 95188（境外 +86 571 95188）。不要相信其他号码：其他所谓"
                "“支付宝客服”号码可能是诈骗。",
            ),
            Text(
                "Note the date and Alipay's answer in plaint. If it is not resolved, complain to "
                "the People's Bank of China on 12363 (payment institutions).",
                "在 plaint 中记录日期和支付宝的答复。未解决的，可拨打中国人民银行 12363 投诉"
                "（支付机构）。",
            ),
        ),
        text_limit=None,
        text_where=Text("the message to the online agent", "发给在线客服的消息"),
    ),
    sources=(HOTLINE, HOTLINE_2, COMPLAINT_API),
    unsure=(
        "the hotline hours (7×24 or agents 8:00-24:00)",
        "the consumer-facing labels and the list of problem types",
        "the 95188 number comes from several consistent secondary pages",
    ),
)
