"""中国人民银行 12363 (PBOC): the financial consumer protection hotline.

Facts: the channel notes, section 5c. Scope and hours are known; no online form
was found.
"""

from __future__ import annotations

from .channel import TAKEN, Channel, Contact, Guide, Source, Text

HOURS = Source("http://www.qinghai.gov.cn/zwgk/system/2014/03/20/010107748.shtml", official=True)
SCOPE = Source("https://22.wendadaohang.com/zd/20hTShCXTXX6T0ShS2.html", official=False)
NO_TIPS = Source("http://www.plnmw.com/InformationService/clgzqhqzvu.html", official=False)
NON_BANK = Source("https://betax.cn/57340.html", official=False)

CHANNEL = Channel(
    id="cn_12363",
    names=Text("PBOC 12363 hotline", "中国人民银行 12363 热线"),
    operator=Text("People's Bank of China", "中国人民银行"),
    kind="regulator",
    jurisdiction="CN",
    url="tel:12363",
    url_patterns=(),
    login_required=False,
    automation="guide",
    summary=Text(
        "Complaints within the People's Bank's remit, including payment and settlement by "
        "non-bank payment institutions such as Alipay and WeChat Pay. Complain to the "
        "institution first. 12363 does not take tip-offs (举报).",
        "中国人民银行职责范围内的投诉，包括支付宝、微信支付等非银行支付机构的支付结算问题。"
        "请先向机构投诉。12363 不受理举报。",
    ),
    categories={
        "unauthorized_transaction": TAKEN,
        "account_frozen": TAKEN,
        "payment_failed_but_charged": TAKEN,
        "refund_refused": TAKEN,
        "no_response": TAKEN,
        "fraud_scam": None,  # 12363 does not take tip-offs about illegal conduct
        "fees": TAKEN,
        "other": TAKEN,
    },
    response_rule="cn_12363",
    promises=Text(
        "A reply in about 15 to 20 working days (secondary source).",
        "约 15 至 20 个工作日答复（二手来源）。",
    ),
    contacts=(
        Contact(
            "phone",
            "12363",
            Text(
                "PBOC financial consumer hotline (add the area code from another city)",
                "人民银行金融消费权益保护热线（跨城市拨打请加区号）",
            ),
            HOURS,
            hours=Text(
                "working days, about 8:30-11:50 and 14:30-17:00",
                "工作日约 8:30-11:50、14:30-17:00",
            ),
        ),
    ),
    guide=Guide(
        steps=(
            Text(
                "Complain to the payment institution first (for example Alipay 95188 or WeChat "
                "Pay 95017). Call 12363 if it refuses, misses its deadline or you disagree with "
                "the result.",
                "先向支付机构投诉（如支付宝 95188、微信支付 95017）。机构拒绝处理、逾期未处理或"
                "你不认可结果的，再拨打 12363。",
            ),
            Text(
                "Call 12363 on a working day (about 8:30-11:50 and 14:30-17:00). Calls are "
                "answered locally: add the area code when calling another city.",
                "工作日拨打 12363（约 8:30-11:50、14:30-17:00）。属地接听：跨城市拨打请加区号。",
            ),
            Text(
                "Say it is a payment and settlement (支付结算) complaint, name the institution "
                "and read the text below.",
                "说明这是支付结算类投诉，说出被投诉机构，并照着下面的文字陈述。",
            ),
            Text(
                "Note the date and any reference number in plaint; a reply usually takes 15 to "
                "20 working days.",
                "在 plaint 中记下日期和受理编号；通常 15 至 20 个工作日答复。",
            ),
        ),
        text_limit=None,
        text_where=Text("what you say on the call", "电话中陈述的内容"),
        tips=(
            Text(
                "12363 does not take tip-offs about illegal conduct; report a scam to the police.",
                "12363 不受理举报；诈骗请向警方报案。",
            ),
        ),
    ),
    sources=(HOURS, SCOPE, NO_TIPS, NON_BANK),
    unsure=(
        "the reply time (15-20 working days, secondary)",
        "an online complaint form: none found",
    ),
)
