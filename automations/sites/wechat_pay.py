"""WeChat Pay 微信支付: the in-app "投诉商家" flow and the 95017 hotline.

Facts: the channel notes, section 6f. The complaint data model is official
(WeChat Pay's merchant API): a description of 1-300 characters, an optional
phone number, the problem type REFUND / SERVICE_NOT_WORK / OTHERS.
"""

from __future__ import annotations

from .channel import Channel, Choice, Contact, Guide, Source, Text, choice

API = Source("https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter10_2_13.shtml", official=True)
API_V2 = Source(
    "https://pay.weixin.qq.com/docs/merchant/apis/consumer-complaint/complaints/"
    "query-complaint-v2.html",
    official=True,
)
SUPPORT = Source("http://zhishi.fsnews.com.cn/nwwd/202510/697791.html", official=False)
FLOW = Source("https://www.diancipan.com/d/254228.html", official=False)
FLOW_2 = Source("https://www.phpkaifa.cn/zonghebaike/65911.html", official=False)

LIMIT = 300
_REFUND = choice(("", "申请退款"), code="REFUND")
_OTHERS = choice(("", "其他"), code="OTHERS")
_HOTLINE = Text(
    "A stolen account or an unauthorized payment is not a merchant complaint: call 95017 at once.",
    "账户被盗或未经授权的付款不属于投诉商家：请立即拨打 95017。",
)

CHANNEL = Channel(
    id="wechat_pay",
    names=Text("WeChat Pay complaint", "微信支付投诉"),
    operator=Text("Tenpay (Tencent)", "财付通（腾讯）"),
    kind="provider",
    jurisdiction="CN",
    url="https://pay.weixin.qq.com/",
    url_patterns=("pay.weixin.qq.com", "kf.weixin.qq.com"),
    login_required=True,
    automation="guide",
    summary=Text(
        "Complain about a merchant from the bill in WeChat (对订单有疑惑 → 投诉商家), or call "
        "the WeChat Pay hotline 95017 for your own account. The description takes 1-300 "
        "characters.",
        "在微信账单中投诉商家（对订单有疑惑 → 投诉商家），账户本身的问题请拨打微信支付客服 "
        "95017。问题描述 1-300 字。",
    ),
    categories={
        "unauthorized_transaction": Choice(note=_HOTLINE),
        "account_frozen": Choice(
            note=Text(
                "A frozen WeChat Pay account is handled by WeChat Pay support (95017), not by "
                "the merchant.",
                "微信支付账户被冻结由微信支付客服（95017）处理，不是投诉商家。",
            )
        ),
        "payment_failed_but_charged": _REFUND,
        "refund_refused": _REFUND,
        "no_response": _OTHERS,
        "fraud_scam": choice(("", "其他"), code="OTHERS", note=_HOTLINE),
        "fees": _REFUND,
        "other": _OTHERS,
    },
    limits={"complaint_description": LIMIT},
    response_rule="wechat_pay",
    promises=Text(
        "Merchants are expected to reply within 1 day and finish within 3 days (secondary "
        "source). When the merchant marks it done you confirm, or continue the complaint.",
        "商家应在 1 天内回复、3 天内处理完毕（二手来源）。商家标记处理完成后，你可以确认或"
        "“继续投诉”。",
    ),
    contacts=(
        Contact("phone", "95017", Text("WeChat Pay hotline", "微信支付客服热线"), SUPPORT),
        Contact(
            "web",
            "https://kf.weixin.qq.com/",
            Text("Tencent customer service", "腾讯客服"),
            SUPPORT,
        ),
        Contact(
            "in_app",
            "我 → 服务 → … → 帮助与反馈 → 联系客服",
            Text("In WeChat: Me → Services → Help & Feedback → Contact support", "微信内"),
            SUPPORT,
        ),
    ),
    guide=Guide(
        steps=(
            Text(
                "In WeChat, open the WeChat Pay bill list (账单), open the transaction and tap "
                '"对订单有疑惑" (question about this order).',
                "在微信中打开微信支付“账单”，点开这笔交易，点“对订单有疑惑”。",
            ),
            Text('Choose "投诉商家" (complain about the merchant).', "选择“投诉商家”。"),
            Text(
                "Choose the problem type (申请退款 refund / 服务权益未生效 service not delivered / "
                "其他 other) and paste the description below (1-300 characters). The phone "
                "number is optional.",
                "选择问题类型（申请退款 / 服务权益未生效 / 其他），粘贴下面的问题描述（1-300 字）。"
                "手机号可填可不填。",
            ),
            Text("Upload screenshots as evidence.", "上传截图作为凭证。"),
            Text(
                'When the merchant marks it done, confirm the result or tap "继续投诉" '
                "(continue complaining).",
                "商家标记处理完成后，确认结果，或点“继续投诉”。",
            ),
            Text(
                "For your own account (frozen, stolen, unauthorized payments) call WeChat Pay on "
                "95017, or in WeChat: Me → Services → Help & Feedback → Contact support.",
                "账户本身的问题（冻结、被盗、未经授权的付款）请拨打微信支付客服 95017，或在微信"
                "“我 → 服务 → 帮助与反馈 → 联系客服”。",
            ),
        ),
        text_limit=LIMIT,
        text_where=Text("the problem description", "问题描述"),
        tips=(
            Text(
                "Mini-program purchases have their own transaction-guarantee complaint "
                "(交易保障投诉).",
                "小程序购物另有“交易保障投诉”流程。",
            ),
        ),
    ),
    sources=(API, API_V2, SUPPORT, FLOW, FLOW_2),
    unsure=(
        "the in-app labels: only the data model is official",
        "the merchant's 1-day reply and 3-day finish (secondary)",
        "the Chinese label of the OTHERS problem type (其他)",
    ),
)
