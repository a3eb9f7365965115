"""全国12315平台 (SAMR): a consumer complaint about a business.

Facts: the channel notes, section 5a. The required items are official (SAMR
Order No. 20); the steps come from two consistent guides; input types, limits
and the type options were not found.
"""

from __future__ import annotations

from .channel import (
    CATEGORY,
    PERSON,
    Channel,
    Contact,
    FieldSpec,
    Source,
    Step,
    Text,
    Wizard,
    choice,
)

RULES = Source(
    "http://xxgk.jccq.gov.cn/qzf/cqscjgj/fdzdgknr/zzjg/jgfdzz/202201/t20220104_1534293.shtml",
    official=True,
)
SITE = Source("https://www.12315.cn/", official=True)
GUIDE = Source("https://php.wlsqs.com/faq/1973017.html", official=False)
GUIDE_2 = Source("https://www.zhucesz.com/qiming/406485.html", official=False)
TIMELINE = Source("https://xiezuofangchengshi.com/doc/62764.html", official=False)

TYPE = "类型"
_SERVICE = choice((TYPE, "服务"))

CHANNEL = Channel(
    id="cn_12315",
    names=Text("National 12315 platform (SAMR)", "全国12315平台"),
    operator=Text("State Administration for Market Regulation", "国家市场监督管理总局"),
    kind="regulator",
    jurisdiction="CN",
    url="https://www.12315.cn/",
    url_patterns=("*.12315.cn",),
    login_required=True,
    automation="script",
    summary=Text(
        "A consumer's complaint about a business (投诉), for market regulators to mediate; a "
        "tip-off about illegal conduct is a 举报 instead. Not accepted after 3 years, for "
        "disputes already before a court or mediator, or when required items are missing: "
        "your name, phone and address; the business's name and address; a concrete claim "
        "and the facts. Needs a real-name account.",
        "消费者因与经营者的消费纠纷请求市场监管部门调解（投诉）；举报违法行为另走“举报”。"
        "超过 3 年、已由法院或其他调解机构处理、或缺少必备信息（投诉人姓名、电话、通讯地址；"
        "被投诉人名称和地址；具体投诉请求和争议事实）的不予受理。需实名注册账户。",
    ),
    categories={
        "unauthorized_transaction": None,  # a payment institution's matter: 12363
        "account_frozen": _SERVICE,
        "payment_failed_but_charged": _SERVICE,
        "refund_refused": _SERVICE,
        "no_response": _SERVICE,
        "fraud_scam": None,  # a crime, not a consumer dispute
        "fees": _SERVICE,
        "other": _SERVICE,
    },
    response_rule="cn_12315",
    promises=Text(
        "Accepted or rejected within 7 working days of receipt; mediation ends if there is no "
        "agreement within 45 working days of acceptance.",
        "收到投诉后 7 个工作日内决定是否受理；受理后 45 个工作日内未达成调解协议的终止调解。",
    ),
    contacts=(Contact("web", "https://www.12315.cn/", Text("Website", "全国12315平台网站"), SITE),),
    wizard=Wizard(
        start=("我要投诉",),
        login_markers=("用户登录",),
        steps=(
            Step("投诉须知", next="同意"),
            Step(
                "被投诉企业信息",
                (
                    FieldSpec(
                        "企业名称或统一社会信用代码",
                        "company_name",
                        "search",
                        required=True,
                        actions=("搜索", "选择企业"),
                    ),
                ),
                next="下一步",
            ),
            Step(
                "消费者信息",
                (
                    FieldSpec("姓名", "full_name", required=True),
                    FieldSpec("联系电话", "phone", "tel", required=True),
                    FieldSpec("通讯地址", "full_address", required=True),
                ),
                next="下一步",
            ),
            Step(
                "投诉详情",
                (
                    FieldSpec("商品或服务名称", PERSON, unsure=True),
                    FieldSpec("金额", "amount", "money"),
                    FieldSpec(TYPE, CATEGORY, "select", unsure=True),
                    FieldSpec("购买时间", "incident_date", "date"),
                    FieldSpec("订单编号", "transaction_id"),
                    FieldSpec(
                        "事情经过", "complaint_description", "textarea", required=True, unsure=True
                    ),
                    FieldSpec("具体诉求", "desired_resolution", "textarea", required=True),
                ),
                next="下一步",
            ),
            Step("附件", (FieldSpec("上传附件", PERSON, "file", unsure=True),)),
        ),
        submit="提交",
        review_marker="附件",
    ),
    sources=(RULES, SITE, GUIDE, GUIDE_2, TIMELINE),
    unsure=(
        "login: registration with phone and password, then real-name check by Alipay scan",
        "input types, length limits and the options of 类型 (type)",
        "the label of the description field (事情经过) and of the product or service name",
        "whether the 7 and 45 working-day limits changed when the 2019 order was revised",
    ),
)
