"""国家金融监督管理总局 12378 (NFRA): the banking and insurance consumer hotline.

Facts: the channel notes, section 5b. Only the hotline and the rules binding
banks and insurers are known; no online form was found.
"""

from __future__ import annotations

from .channel import TAKEN, Channel, Contact, Guide, Source, Text

HOTLINE = Source("https://epaper.qbnews.cn/yxwd/202510/691875.html", official=False)
TIMELINES = Source("http://nakedoat.com/xinwen/2020-01/17/content_5470220.htm", official=False)
ITEMS = Source("http://www.jianbiaoku.com/webarbs/book/164455/4714059.shtml", official=False)

CHANNEL = Channel(
    id="cn_12378",
    names=Text("NFRA 12378 hotline", "国家金融监督管理总局 12378 热线"),
    operator=Text("National Financial Regulatory Administration", "国家金融监督管理总局"),
    kind="regulator",
    jurisdiction="CN",
    url="tel:12378",
    url_patterns=(),
    login_required=False,
    automation="guide",
    summary=Text(
        "The hotline for banking, insurance and trust consumers. It fits problems with a bank "
        "card; Alipay and WeChat Pay are non-bank payment institutions under the People's Bank "
        "of China (12363).",
        "银行、保险、信托消费者热线。适用于银行卡问题；支付宝、微信支付属于非银行支付机构，"
        "由中国人民银行监管（12363）。",
    ),
    categories={
        "unauthorized_transaction": TAKEN,
        "account_frozen": TAKEN,
        "payment_failed_but_charged": TAKEN,
        "refund_refused": TAKEN,
        "no_response": TAKEN,
        "fraud_scam": None,
        "fees": TAKEN,
        "other": TAKEN,
    },
    response_rule="cn_12378",
    promises=Text(
        "Banks and insurers must finish a simple complaint within 15 days, a complex one within "
        "30, and a very complex one within a further 30 with approval.",
        "银行保险机构处理投诉：一般 15 日内办结，复杂的可延长至 30 日，特别复杂的经批准可再"
        "延长 30 日。",
    ),
    contacts=(
        Contact(
            "phone", "12378", Text("NFRA consumer hotline", "国家金融监督管理总局热线"), HOTLINE
        ),
    ),
    guide=Guide(
        steps=(
            Text(
                "Complain to the bank or insurer first; it must finish within 15 days (30 for "
                "complex cases, a further 30 with approval).",
                "先向银行或保险机构投诉；机构须在 15 日内办结（复杂的 30 日，经批准可再延长 30 "
                "日）。",
            ),
            Text(
                "If it refuses, misses the deadline or you disagree, call 12378.",
                "机构拒绝处理、逾期未办结或你不认可结果的，拨打 12378。",
            ),
            Text(
                "Have ready: your name, ID and contact details; the institution or staff member "
                "complained about; your request, the main facts and their basis.",
                "准备好：你的姓名、身份证件和联系方式；被投诉的机构或人员；投诉请求、主要事实和"
                "相关依据。",
            ),
            Text(
                "Read the text below on the call, and note the date and any reference number in "
                "plaint.",
                "通话时照着下面的文字陈述，并在 plaint 中记下日期和受理编号。",
            ),
        ),
        text_limit=None,
        text_where=Text("what you say on the call", "电话中陈述的内容"),
        tips=(
            Text(
                "For the Alipay or WeChat Pay account itself, 12363 is the right line.",
                "支付宝、微信支付账户本身的问题，应找 12363。",
            ),
        ),
    ),
    sources=(HOTLINE, TIMELINES, ITEMS),
    unsure=(
        "an online complaint form: none found",
        "the hotline number and the rules come from secondary copies",
    ),
)
