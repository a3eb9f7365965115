"""Better Business Bureau: a marketplace complaint about a business.

Facts: the channel notes, section 7c. BBB publishes its rules but not its form's
labels, so plaint guides the person through it.
"""

from __future__ import annotations

from .channel import TAKEN, Channel, Contact, Guide, Source, Text

COLUMBUS = Source("http://www.bbb.org/columbus-georgia/for-businesses/2-complaints/", official=True)
ODR = Source(
    "http://odrcomplaint.bbb.org/odrweb/public/ourbbbcomplaintprocess.aspx?bbbid=3", official=True
)
NEW_YORK = Source("http://www.newyork.bbb.org/complaint-process/", official=True)
NATIONAL = Source("https://www.bbb.org/process-of-complaints-and-reviews/complaints", official=True)

CHANNEL = Channel(
    id="bbb",
    names=Text("Better Business Bureau complaint", "美国商业改进局（BBB）投诉"),
    operator=Text("Better Business Bureau", "美国商业改进局"),
    kind="consumer_body",
    jurisdiction="US",
    url="https://www.bbb.org/process-of-complaints-and-reviews/complaints",
    url_patterns=("*.bbb.org",),
    login_required=None,
    automation="guide",
    summary=Text(
        "A marketplace complaint about a business you have already contacted at least once. "
        "An exact copy goes to the business and the text may be published. Not for criminal "
        "allegations, matters in litigation or price-only complaints.",
        "投诉你已至少联系过一次的商家。投诉原文会发给商家，内容可能被公开。不受理刑事指控、"
        "已进入诉讼的纠纷或仅关于价格的投诉。",
    ),
    categories={
        "unauthorized_transaction": TAKEN,
        "account_frozen": TAKEN,
        "payment_failed_but_charged": TAKEN,
        "refund_refused": TAKEN,
        "no_response": TAKEN,
        "fraud_scam": None,  # criminal allegations are not handled
        "fees": TAKEN,
        "other": TAKEN,
    },
    # The text may be published: personal data stays out of it and the desired outcome.
    forbidden_in_text=(
        "full_name",
        "email",
        "phone",
        "address_line1",
        "account_id",
        "id_number",
        "date_of_birth",
    ),
    response_rule="bbb",
    promises=Text(
        "Forwarded within 2 business days; the business is asked to respond within 14 days and "
        "the complaint closes in about 30 days. Some local BBBs give 30 days to respond and "
        "about 35 to close, with 10 days for your rebuttal.",
        "2 个工作日内转给商家；商家被要求在 14 天内答复，约 30 天结案。部分地方 BBB 给商家 "
        "30 天答复、约 35 天结案，你有 10 天时间回应商家的答复。",
    ),
    contacts=(
        Contact(
            "web",
            "https://www.bbb.org/process-of-complaints-and-reviews/complaints",
            Text("How BBB handles complaints", "BBB 投诉处理流程"),
            NATIONAL,
        ),
    ),
    guide=Guide(
        steps=(
            Text(
                "Contact the business at least once first: BBB accepts a complaint only then.",
                "先至少联系商家一次：BBB 只在此之后受理投诉。",
            ),
            Text(
                "File the complaint on bbb.org with your name and postal address and the "
                "business's name and location.",
                "在 bbb.org 提交投诉，写明你的姓名和邮寄地址，以及商家的名称和所在地。",
            ),
            Text(
                "Describe the marketplace problem with the text below, without abusive "
                "language. Keep personal data out of the description and the desired outcome: "
                "both may be published.",
                "用下面的文字描述交易问题，不要使用辱骂性语言。描述和期望结果都可能被公开，"
                "请不要写入个人信息。",
            ),
            Text(
                "Check everything before sending: a complaint cannot be changed, edited or "
                "deleted after submission, and an exact copy goes to the business.",
                "提交前仔细核对：提交后投诉不能修改或删除，原文会发给商家。",
            ),
            Text(
                "Reply to the business's answer when BBB asks you to (within 10 days at some "
                "local BBBs).",
                "BBB 请你回应商家的答复时及时回复（部分地方 BBB 要求 10 天内）。",
            ),
        ),
        text_limit=None,
        text_where=Text("the complaint description", "投诉描述"),
    ),
    sources=(NATIONAL, NEW_YORK, COLUMBUS, ODR),
    unsure=(
        "the form's labels: only 'desired outcome' is known",
        "which response times apply now (14/30 days nationally or 30/35 at some local BBBs)",
        "whether an account is needed",
    ),
)
