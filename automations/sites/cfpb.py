"""US Consumer Financial Protection Bureau: the consumer complaint form.

Facts: the channel notes, section 1. Step names and the step-1 fields come from
the 2015 web form filed with OMB; the labels of steps 2-4 were not published.
"""

from __future__ import annotations

from .channel import (
    CATEGORY,
    PERSON,
    Channel,
    Choice,
    Contact,
    FieldSpec,
    Source,
    Step,
    Text,
    Wizard,
    choice,
)

PROCESS = Source("https://www.consumerfinance.gov/complaint/process/", official=True)
FORM_2015 = Source("https://omb.report/icr/201504-3170-001/doc/54859401", official=True)
TOOLKIT = Source("https://issuhub.com/view/index/4410?pageIndex=42", official=True)
TOOLKIT_STEPS = Source("https://issuhub.com/view/index/4410?pageIndex=276", official=True)
ICR = Source("https://www.reginfo.gov/public/do/PRAViewICR?ref_nbr=202511-3170-001", official=True)

PRODUCT = "Product"
SUB_PRODUCT = "Sub-product"
ISSUE = "Which of these best describes your issue?"
WALLET_PRODUCT = "Money transfer, virtual currency, or money service"
WALLET = "Mobile or digital wallet"


def _issue(issue: str, *alternatives: str) -> Choice:
    return choice(
        (PRODUCT, WALLET_PRODUCT),
        (SUB_PRODUCT, WALLET),
        (ISSUE, issue),
        alternatives=(
            (SUB_PRODUCT, "Virtual currency"),
            *((ISSUE, a) for a in alternatives),
        ),
        note=Text(
            "For a crypto exchange or wallet, the sub-product 'Virtual currency' may fit better.",
            "加密货币交易所或钱包可改选子产品 'Virtual currency'。",
        ),
    )


CHANNEL = Channel(
    id="cfpb",
    names=Text("CFPB consumer complaint", "美国消费者金融保护局（CFPB）投诉"),
    operator=Text("US Consumer Financial Protection Bureau", "美国消费者金融保护局"),
    kind="regulator",
    jurisdiction="US",
    url="https://www.consumerfinance.gov/complaint/",
    url_patterns=("*.consumerfinance.gov/complaint",),
    login_required=None,
    automation="script",
    summary=Text(
        "Complaints about consumer financial products, including mobile and digital wallets "
        "and virtual currency. The CFPB forwards the complaint to the company (or to a better "
        "placed agency). Contact the company first.",
        "投诉消费金融产品，包括移动/数字钱包和虚拟货币。CFPB 会把投诉转给公司（或更合适的"
        "机构）。请先向公司投诉。",
    ),
    categories={
        "unauthorized_transaction": _issue(
            "Unauthorized transactions or other transaction problem"
        ),
        "account_frozen": _issue(
            "Managing, opening, or closing your mobile wallet account",
            "Trouble accessing funds in your mobile or digital wallet",
        ),
        "payment_failed_but_charged": _issue(
            "Other transaction problem", "Wrong amount charged or received"
        ),
        "refund_refused": _issue("Other transaction problem"),
        "no_response": _issue("Problem with customer service"),
        "fraud_scam": _issue("Fraud or scam"),
        "fees": _issue("Unexpected or other fees"),
        "other": _issue("Other service problem"),
    },
    # The 2015 form counted down from 3,900 ("3869 characters remaining" after 31);
    # the lower figure fits whichever limit the live form has.
    limits={"complaint_description": 3900},
    # "Do not put your name, contact details, account number or SSN in this box."
    forbidden_in_text=(
        "full_name",
        "email",
        "phone",
        "address_line1",
        "account_id",
        "id_number",
        "date_of_birth",
    ),
    response_rule="cfpb",
    promises=Text(
        "The company has 15 days to give a substantive response and is expected to close all "
        "but the most complicated complaints within 60 days. You then have 60 days to give "
        "feedback on its response.",
        "公司须在 15 天内给出实质性答复，除最复杂的投诉外应在 60 天内结案；之后你有 60 天"
        "时间对答复提出反馈。",
    ),
    contacts=(
        Contact(
            "web",
            "https://www.consumerfinance.gov/complaint/",
            Text("Online complaint form", "在线投诉表"),
            PROCESS,
        ),
        Contact(
            "phone",
            "+1 855 411 2372",
            Text("Phone (855) 411-CFPB, help in 180+ languages", "电话（提供 180 多种语言服务）"),
            TOOLKIT,
            hours=Text("8am-8pm ET, Monday to Friday", "美国东部时间周一至周五 8:00-20:00"),
        ),
        Contact("textphone", "+1 855 729 2372", Text("TTY", "听障专线（TTY）"), TOOLKIT),
        Contact("fax", "+1 855 237 2392", Text("Fax", "传真"), TOOLKIT),
        Contact(
            "post",
            "Consumer Financial Protection Bureau, PO Box 4503, Iowa City, IA 52244, USA",
            Text("Mail", "邮寄"),
            TOOLKIT,
        ),
    ),
    wizard=Wizard(
        steps=(
            Step(
                "What happened?",
                (
                    FieldSpec(
                        "Describe what happened so we can understand the issue",
                        "complaint_description",
                        "textarea",
                        required=True,
                        limit=3900,
                    ),
                    FieldSpec(
                        "I want the CFPB to publish this description on consumerfinance.gov",
                        PERSON,
                        "checkbox",
                    ),
                    FieldSpec(ISSUE, CATEGORY, "select", required=True),
                    FieldSpec(
                        "If you lost money, how much money did you lose? (Optional)",
                        "amount",
                        "money",
                    ),
                    FieldSpec("When did this happen? (Optional)", "incident_date", "date"),
                    FieldSpec(
                        "Have you done any of these things to try to resolve this issue? "
                        "(Optional)",
                        PERSON,
                        "checkboxes",
                    ),
                ),
                next="Next",
            ),
            Step(
                "Desired resolution",
                (
                    FieldSpec(
                        "What do you think would be a fair resolution to your issue?",
                        "desired_resolution",
                        "textarea",
                        unsure=True,
                    ),
                ),
                next="Next",
            ),
            Step(
                "My information",
                (
                    FieldSpec("First name", "given_name", required=True, unsure=True),
                    FieldSpec("Last name", "family_name", required=True, unsure=True),
                    FieldSpec("Street address", "address_line1", required=True, unsure=True),
                    FieldSpec("Apartment, suite, or unit (Optional)", "address_line2", unsure=True),
                    FieldSpec("City", "city", required=True, unsure=True),
                    FieldSpec("State", "state", "select", required=True, unsure=True),
                    FieldSpec("ZIP code", "postal_code", required=True, unsure=True),
                    FieldSpec("Email address", "email", "email", required=True, unsure=True),
                    FieldSpec("Phone number (Optional)", "phone", "tel", unsure=True),
                ),
                next="Next",
            ),
            Step(
                "Product information",
                (
                    FieldSpec(PRODUCT, CATEGORY, "select", required=True, unsure=True),
                    FieldSpec(SUB_PRODUCT, CATEGORY, "select", required=True, unsure=True),
                    FieldSpec(
                        "What company is this complaint about?",
                        "company_name",
                        required=True,
                        unsure=True,
                    ),
                    FieldSpec("Account number (Optional)", "account_id", unsure=True),
                    FieldSpec("Upload documents (Optional)", PERSON, "file", unsure=True),
                ),
                next="Next",
            ),
            Step("Review"),
        ),
        submit="Submit",
        review_marker="Review",
    ),
    sources=(PROCESS, FORM_2015, TOOLKIT, TOOLKIT_STEPS, ICR),
    unsure=(
        "the narrative limit: 3,900 on the 2015 form, possibly 4,000 now",
        "whether an account is needed before starting (one is used to track the complaint)",
        "the labels of steps 2-4 (desired resolution, my information, product information)",
        "where product and sub-product are chosen: on step 4 here, possibly first on the live form",
        "whether the live form has sub-issues for Mobile or digital wallet",
        "the issue strings come from the public complaint database, not from the form itself",
    ),
)
