"""Action Fraud (England, Wales, Northern Ireland): the online fraud report.

Facts: the channel notes, section 4b. The process is official; the tool's field
labels were not published, so every label here is unsure and is reported, not
guessed, when it differs.
"""

from __future__ import annotations

from .channel import (
    PAID,
    PERSON,
    TAKEN,
    THIRD_PARTY,
    Channel,
    Contact,
    FieldSpec,
    Pick,
    Source,
    Step,
    Text,
    Wizard,
)

FAQ = Source("https://www.actionfraud.police.uk/faq", official=True)
HUMBERSIDE = Source("https://www.humberside.police.uk/action-fraud", official=True)
REPORTING = Source("https://yhff.co.uk/fraud-knowledge/reporting-fraud/", official=False)

PAID_Q = "Did you lose money?"
SUSPECT_Q = "Do you have any details about the suspect?"
_SUSPECT = Pick(SUSPECT_Q, "Yes")

CHANNEL = Channel(
    id="uk_action_fraud",
    names=Text("Action Fraud (UK fraud report)", "英国 Action Fraud 欺诈举报"),
    operator=Text(
        "City of London Police, National Fraud Intelligence Bureau",
        "伦敦金融城警察局国家欺诈情报局",
    ),
    kind="police",
    jurisdiction="GB",
    url="https://www.actionfraud.police.uk/",
    url_patterns=("*.actionfraud.police.uk", "reportfraud.police.uk"),
    login_required=False,
    automation="script",
    summary=Text(
        "Report fraud and cybercrime in England, Wales and Northern Ireland (Scotland: Police "
        "Scotland). Reports build intelligence; the NFIB decides whether a local force "
        "investigates. You get a crime reference number. An account is optional.",
        "在英格兰、威尔士和北爱尔兰举报欺诈和网络犯罪（苏格兰请找苏格兰警方）。报告用于情报"
        "分析，由国家欺诈情报局决定是否交地方警队调查。你会得到犯罪报案编号。注册账户可选。",
    ),
    categories={
        "unauthorized_transaction": TAKEN,
        "account_frozen": None,
        "payment_failed_but_charged": None,
        "refund_refused": None,
        "no_response": None,
        "fraud_scam": TAKEN,
        "fees": None,
        "other": None,
    },
    response_rule="uk_action_fraud",
    promises=Text(
        "An update within 28 days on whether the report is investigated or used for "
        "intelligence (secondary source).",
        "28 天内告知报告是否被调查或用于情报（二手来源）。",
    ),
    contacts=(
        Contact(
            "web", "https://www.actionfraud.police.uk/", Text("Report online", "在线举报"), FAQ
        ),
        Contact(
            "phone",
            "0300 123 2040",
            Text("Phone", "电话"),
            FAQ,
            hours=Text("Monday to Friday, 8am-8pm", "周一至周五 8:00-20:00"),
        ),
        Contact("textphone", "0300 123 2050", Text("Textphone", "文字电话"), FAQ),
    ),
    wizard=Wizard(
        start=("Start now", "Continue as a guest"),
        steps=(
            Step(
                "About you",
                (
                    FieldSpec("First name", "given_name", required=True, unsure=True),
                    FieldSpec("Last name", "family_name", required=True, unsure=True),
                    FieldSpec("Address line 1", "address_line1", unsure=True),
                    FieldSpec("Town or city", "city", unsure=True),
                    FieldSpec("Postcode", "postal_code", unsure=True),
                    FieldSpec("Phone number", "phone", "tel", unsure=True),
                    FieldSpec("Email address", "email", "email", unsure=True),
                ),
                next="Continue",
            ),
            Step(
                "What happened",
                (
                    FieldSpec(PAID_Q, PAID, "radio", required=True, unsure=True),
                    FieldSpec(
                        "How much did you lose?",
                        "amount",
                        "money",
                        shown_if=Pick(PAID_Q, "Yes"),
                        unsure=True,
                    ),
                    FieldSpec("When did it happen?", "incident_date", "date", unsure=True),
                    FieldSpec(
                        "Describe what happened",
                        "complaint_description",
                        "textarea",
                        required=True,
                        unsure=True,
                    ),
                ),
                next="Continue",
            ),
            Step(
                "About the suspect",
                (
                    FieldSpec(SUSPECT_Q, PERSON, "radio", unsure=True),
                    FieldSpec("Name", THIRD_PARTY, shown_if=_SUSPECT, unsure=True),
                    FieldSpec("Phone number", THIRD_PARTY, "tel", shown_if=_SUSPECT, unsure=True),
                    FieldSpec(
                        "Email address", THIRD_PARTY, "email", shown_if=_SUSPECT, unsure=True
                    ),
                    FieldSpec("Website", THIRD_PARTY, shown_if=_SUSPECT, unsure=True),
                ),
                next="Continue",
            ),
            Step("Check your answers"),
        ),
        submit="Submit",
        review_marker="Check your answers",
    ),
    sources=(FAQ, HUMBERSIDE, REPORTING),
    unsure=(
        "every label and step: the tool's questions were not published",
        "whether Action Fraud has become Report Fraud (reportfraud.police.uk)",
        "the 28-day update comes from a secondary source",
    ),
)
