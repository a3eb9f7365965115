"""Coinbase: the formal complaint form.

Facts: the channel notes, section 6d. Coinbase says what a complaint must
include (official) but its form's labels were not seen, so they are unsure.
"""

from __future__ import annotations

from .channel import (
    PERSON,
    PLAINT_CATEGORIES,
    TAKEN,
    THIRD_PARTY,
    Channel,
    Contact,
    FieldSpec,
    Source,
    Step,
    Text,
    Wizard,
)

HOW_TO = Source(
    "https://help.coinbase.com/en/coinbase/other-topics/other/how-to-send-a-complaint",
    official=True,
)
NYDFS_RULE = Source(
    "https://regulations.justia.com/states/new-york/title-23/chapter-i/part-200/section-200-20/",
    official=False,
)
TITLE = "Complaint form"

CHANNEL = Channel(
    id="coinbase",
    names=Text("Coinbase formal complaint", "Coinbase 正式投诉"),
    operator=Text("Coinbase", "Coinbase"),
    kind="provider",
    jurisdiction="global",
    url=HOW_TO.url,
    url_patterns=("help.coinbase.com",),
    login_required=True,
    automation="script",
    summary=Text(
        "Coinbase's formal complaint process, after a case with Coinbase Support: the form asks "
        "for the support case number. The user agreement requires this process before "
        "arbitration. New York customers may also complain to NYDFS.",
        "Coinbase 的正式投诉流程，须先向 Coinbase 客服开立工单：表格要求填写客服工单号。用户"
        "协议规定仲裁前必须先走这一流程。纽约州用户还可以向纽约州金融服务部投诉。",
    ),
    categories=dict.fromkeys(PLAINT_CATEGORIES, TAKEN),
    response_rule="coinbase",
    promises=Text(
        "An acknowledgement by email, then a written decision within 45 days (45 business days "
        "on the Australian page). Postal complaints add 10 days for processing.",
        "先以邮件确认收到，之后 45 天内（澳大利亚页面为 45 个工作日）给出书面决定。邮寄投诉另"
        "加 10 天处理时间。",
    ),
    contacts=(
        Contact("web", HOW_TO.url, Text("How to send a complaint", "如何提交投诉"), HOW_TO),
        Contact(
            "post",
            "Coinbase Inc., 1350 Ave of the Americas, Fl 2 #1143, New York, NY 10019, USA",
            Text("Post", "邮寄"),
            HOW_TO,
        ),
    ),
    wizard=Wizard(
        start=("complaint form",),
        login_markers=("Sign in to Coinbase",),
        steps=(
            Step(
                TITLE,
                (
                    FieldSpec("Support case number", PERSON, required=True, unsure=True),
                    FieldSpec("First name", "given_name", required=True, unsure=True),
                    FieldSpec("Last name", "family_name", required=True, unsure=True),
                    FieldSpec("Email address", "email", "email", required=True, unsure=True),
                    FieldSpec("Phone number", "phone", "tel", unsure=True),
                    FieldSpec("Address", "full_address", unsure=True),
                    FieldSpec("Legal representative's name", THIRD_PARTY, unsure=True),
                    FieldSpec("Legal representative's email", THIRD_PARTY, "email", unsure=True),
                    FieldSpec(
                        "Describe the cause of your complaint",
                        "complaint_description",
                        "textarea",
                        required=True,
                        unsure=True,
                    ),
                    FieldSpec(
                        "How would you like your complaint to be resolved?",
                        "desired_resolution",
                        "textarea",
                        required=True,
                        unsure=True,
                    ),
                    FieldSpec("Supporting documents", PERSON, "file", unsure=True),
                ),
            ),
        ),
        submit="Submit",
        review_marker=TITLE,
    ),
    sources=(HOW_TO, NYDFS_RULE),
    unsure=(
        "every label, and whether the form has one page or several",
        "the link text from the help page to the form",
        "the decision deadline: 45 days or 45 business days (an older page said 15)",
    ),
)
