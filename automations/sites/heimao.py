"""黑猫投诉 (Sina): a public complaint about a company.

Facts: the channel notes, section 5d. The field names are those every published
complaint shows (strong evidence of what the form collects); the step order and
login come from secondary guides and are unsure.
"""

from __future__ import annotations

from .channel import (
    CATEGORY,
    PERSON,
    TAKEN,
    Channel,
    Contact,
    FieldSpec,
    Source,
    Step,
    Text,
    Wizard,
    choice,
)

SITE = Source("https://tousu.sina.com.cn/", official=True)
ABOUT = Source("https://m.17golang.com/article/525750.html", official=False)
LOGIN = Source("http://php.sqjnqi.com/faq/1816636.html", official=False)

PROBLEM = "投诉问题"
DEMAND = "投诉要求"

CHANNEL = Channel(
    id="heimao",
    names=Text("Black Cat complaints (Sina)", "黑猫投诉"),
    operator=Text("Sina", "新浪"),
    kind="public_platform",
    jurisdiction="CN",
    url="https://tousu.sina.com.cn/",
    url_patterns=("tousu.sina.com.cn",),
    login_required=True,
    automation="script",
    summary=Text(
        "A public complaint platform: complaints and the company's replies are published. The "
        "platform reviews a complaint and forwards it to the company; you negotiate there and "
        "can ask the platform for help.",
        "公开投诉平台：投诉和企业回复都会公开。平台审核后转给企业；你在平台上与企业协商，"
        "不满意可申请平台介入。",
    ),
    categories={
        "unauthorized_transaction": choice((DEMAND, "退款")),
        "account_frozen": TAKEN,
        "payment_failed_but_charged": choice((DEMAND, "退款")),
        "refund_refused": choice((PROBLEM, "不予退款"), (DEMAND, "退款")),
        "no_response": choice((PROBLEM, "客服不理人"), alternatives=((PROBLEM, "联系不到客服"),)),
        "fraud_scam": TAKEN,
        "fees": choice((DEMAND, "退款")),
        "other": TAKEN,
    },
    response_rule="general_followup",
    promises=None,
    contacts=(Contact("web", "https://tousu.sina.com.cn/", Text("Website", "黑猫投诉网站"), SITE),),
    wizard=Wizard(
        start=("我要投诉",),
        login_markers=("登录黑猫投诉",),
        steps=(
            Step(
                "填写投诉信息",
                (
                    FieldSpec("投诉对象", "company_name", required=True),
                    FieldSpec(PROBLEM, CATEGORY, "checkboxes", required=True),
                    FieldSpec(DEMAND, CATEGORY, "checkboxes", required=True),
                    FieldSpec("涉诉金额", "amount", "money"),
                    FieldSpec("订单号", "transaction_id", unsure=True),
                    FieldSpec("投诉标题", "complaint_title", required=True),
                    FieldSpec("投诉详情", "complaint_description", "textarea", required=True),
                ),
                next="下一步",
            ),
            Step("上传凭证", (FieldSpec("上传图片", PERSON, "file", unsure=True),), next="下一步"),
            Step("确认投诉信息"),
        ),
        submit="提交",
        review_marker="确认投诉信息",
    ),
    sources=(SITE, ABOUT, LOGIN),
    unsure=(
        "login: a Weibo account or phone registration",
        "the step order, the order number label and which fields are required",
        "the full lists of problem tags and demands (known: 客服不理人, 不予退款, 联系不到客服; "
        "退款, 停止骚扰, 道歉赔偿/解释)",
        "the image upload limits",
    ),
)
