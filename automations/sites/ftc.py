"""US Federal Trade Commission: ReportFraud.

Facts: the channel notes, section 2. The step order comes from a third-party
walkthrough; no official source gives the field labels, so every label here is
unsure and a changed one is reported, not guessed.
"""

from __future__ import annotations

from .channel import (
    CATEGORY,
    PAID,
    PERSON,
    THIRD_PARTY,
    Channel,
    Contact,
    FieldSpec,
    Pick,
    Source,
    Step,
    Text,
    Wizard,
    choice,
)

SITE = Source("https://reportfraud.ftc.gov/", official=True)
WALKTHROUGH = Source("https://kb.blackcloak.io/en/articles/9414273", official=False)
CATEGORIES_GUIDE = Source("https://gacs.app/guides/how-to-report-to-ftc-and-ic3", official=False)
ABOUT = Source("https://legalclarity.org/how-to-use-the-ftc-complaint-form-to-report-fraud", False)
AFTER = Source(
    "https://www.checkbook.org/washington-area/consumers-notebook/articles/"
    "New-FTC-Website-Makes-It-Easier-to-Report-Fraud-and-Other-Consumer-Issues-7413",
    official=False,
)

WHAT = "What is your report about?"
SOMETHING_ELSE = "Something else"
SCAM_KINDS = (
    "Online shopping",
    "Romance",
    "Investment",
    "Impostor (IRS, Social Security, tech support)",
    "Job or employment",
)
PAID_Q = "Did you pay or send money?"
MORE_Q = "Do you have additional information about the scammer?"

_BAD_PRACTICE = choice(
    (WHAT, SOMETHING_ELSE),
    note=Text(
        "The FTC also takes reports of bad business practices; it does not resolve "
        "individual complaints.",
        "FTC 也受理不良商业行为的报告，但不处理个人投诉。",
    ),
)

CHANNEL = Channel(
    id="ftc",
    names=Text("FTC ReportFraud", "美国联邦贸易委员会（FTC）欺诈举报"),
    operator=Text("US Federal Trade Commission", "美国联邦贸易委员会"),
    kind="regulator",
    jurisdiction="US",
    url="https://reportfraud.ftc.gov/",
    url_patterns=("reportfraud.ftc.gov",),
    login_required=False,
    automation="script",
    summary=Text(
        "Report scams, fraud and bad business practices, even when no money was lost. The FTC "
        "does not resolve individual complaints: reports go into the Consumer Sentinel "
        "database that law enforcement uses. Anonymous reports are allowed.",
        "举报诈骗、欺诈和不良商业行为，即使没有损失金钱也可以。FTC 不处理个人纠纷：报告进入"
        "执法机构使用的 Consumer Sentinel 数据库。可以匿名举报。",
    ),
    categories={
        "unauthorized_transaction": choice(
            (WHAT, SOMETHING_ELSE),
            alternatives=((WHAT, "Identity theft"),),
            note=Text(
                "If someone opened or used accounts in your name, choose Identity theft: the "
                "FTC handles that at IdentityTheft.gov.",
                "如有人冒用你的身份开立或使用账户，请选 Identity theft：FTC 通过 "
                "IdentityTheft.gov 处理。",
            ),
        ),
        "account_frozen": _BAD_PRACTICE,
        "payment_failed_but_charged": _BAD_PRACTICE,
        "refund_refused": _BAD_PRACTICE,
        "no_response": _BAD_PRACTICE,
        "fraud_scam": choice(
            (WHAT, SOMETHING_ELSE),
            alternatives=tuple((WHAT, kind) for kind in SCAM_KINDS),
            note=Text(
                "Choose the kind of scam instead when one fits (online shopping, romance, "
                "investment, impostor, job).",
                "如果属于某类诈骗（网购、婚恋、投资、冒充、求职），请改选相应类别。",
            ),
        ),
        "fees": _BAD_PRACTICE,
        "other": _BAD_PRACTICE,
    },
    forbidden_in_text=("id_number", "account_id", "date_of_birth"),
    response_rule="report_only",
    promises=Text(
        "No individual answer: you get a report number to update the report, and next steps "
        "(also by email if you give an address).",
        "不会单独答复：你会得到一个报告编号（可用于补充报告）和后续建议（提供邮箱的话也会发"
        "邮件）。",
    ),
    contacts=(
        Contact("web", "https://reportfraud.ftc.gov/", Text("Report online", "在线举报"), SITE),
    ),
    wizard=Wizard(
        start=("Report Now",),
        steps=(
            Step(
                "Choose a category",
                (FieldSpec(WHAT, CATEGORY, "radio", required=True, unsure=True),),
                next="Continue",
            ),
            Step(
                "Money and payment",
                (
                    FieldSpec(PAID_Q, PAID, "radio", required=True, unsure=True),
                    FieldSpec(
                        "How much did you pay?",
                        "amount",
                        "money",
                        shown_if=Pick(PAID_Q, "Yes"),
                        unsure=True,
                    ),
                    FieldSpec(
                        "How did you pay?",
                        PERSON,
                        "select",
                        shown_if=Pick(PAID_Q, "Yes"),
                        unsure=True,
                    ),
                    FieldSpec(
                        "When did you pay?",
                        "incident_date",
                        "date",
                        shown_if=Pick(PAID_Q, "Yes"),
                        unsure=True,
                    ),
                    FieldSpec("How did it start?", PERSON, "select", unsure=True),
                ),
                next="Continue",
            ),
            Step(
                "Who you dealt with",
                (
                    FieldSpec("Company name", THIRD_PARTY, unsure=True),
                    FieldSpec("Name of the person", THIRD_PARTY, unsure=True),
                    FieldSpec(MORE_Q, PERSON, "radio", unsure=True),
                    FieldSpec("Address", THIRD_PARTY, shown_if=Pick(MORE_Q, "Yes"), unsure=True),
                    FieldSpec(
                        "Phone", THIRD_PARTY, "tel", shown_if=Pick(MORE_Q, "Yes"), unsure=True
                    ),
                    FieldSpec(
                        "Email", THIRD_PARTY, "email", shown_if=Pick(MORE_Q, "Yes"), unsure=True
                    ),
                ),
                next="Continue",
            ),
            Step(
                "Tell us what happened",
                (
                    FieldSpec(
                        "What happened?",
                        "complaint_description",
                        "textarea",
                        required=True,
                        unsure=True,
                    ),
                ),
                next="Continue",
            ),
            Step(
                "Your contact information",
                (
                    FieldSpec("First name", "given_name", unsure=True),
                    FieldSpec("Last name", "family_name", unsure=True),
                    FieldSpec("Email", "email", "email", unsure=True),
                    FieldSpec("Phone", "phone", "tel", unsure=True),
                    FieldSpec("Street address", "address_line1", unsure=True),
                    FieldSpec("City", "city", unsure=True),
                    FieldSpec("State", "state", unsure=True),
                    FieldSpec("ZIP code", "postal_code", unsure=True),
                    FieldSpec("Country", "country", "select", unsure=True),
                    FieldSpec(
                        "I'm reporting for a small business or organization",
                        PERSON,
                        "checkbox",
                        unsure=True,
                    ),
                ),
                next="Continue",
            ),
            Step("Review your report"),
        ),
        submit="Submit",
        review_marker="Review your report",
    ),
    sources=(SITE, WALKTHROUGH, CATEGORIES_GUIDE, ABOUT, AFTER),
    unsure=(
        "every label: only third-party walkthroughs describe the form",
        "the category names and the subcategory page that follows the category",
        "the payment-method and how-it-started options",
        "whether a review page comes before Submit",
        "the FTC phone number is known only from a third-party page, so it is not listed",
    ),
)
