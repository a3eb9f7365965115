"""The demo's channel: Sample Wallet's complaint form, a provider's three-page wizard.

Sample Wallet does not exist.  Its form (site/index.html) has what the real
providers' forms have: a problem-type list in the company's own words, a
description box with a character limit, the person's details on a page of
their own, an upload and a declaration that only the person can answer, and a
review page whose Submit button plaint never presses.  It is described here
exactly as a registry channel is, so the demo runs the real walker.
"""

from __future__ import annotations

from automations.sites.channel import (
    CATEGORY,
    PERSON,
    Channel,
    FieldSpec,
    Step,
    Text,
    Wizard,
    choice,
)

PROBLEM = "What is your complaint about?"
DESCRIPTION_LIMIT = 800


CHANNEL = Channel(
    id="sample_wallet",
    names=Text("Sample Wallet complaint form", "示例钱包投诉表单"),
    operator=Text("Sample Wallet (a made-up wallet for the demo)", "示例钱包（演示用的虚构钱包）"),
    kind="provider",
    jurisdiction="global",
    url="https://help.samplewallet.example/complaint",
    url_patterns=("help.samplewallet.example/complaint",),
    login_required=False,
    automation="script",
    summary=Text(
        "The bundled demo form: fill it with `plaint demo`.",
        "内置演示表单：用 `plaint demo` 填写。",
    ),
    categories={
        "unauthorized_transaction": choice((PROBLEM, "A payment I did not make")),
        "account_frozen": choice((PROBLEM, "My account is frozen or limited")),
        "payment_failed_but_charged": choice((PROBLEM, "A payment failed but I was charged")),
        "refund_refused": choice((PROBLEM, "A refund was refused")),
        "no_response": choice((PROBLEM, "Customer service has not answered")),
        "fraud_scam": choice((PROBLEM, "I was scammed")),
        "fees": choice((PROBLEM, "A fee I did not expect")),
        "other": choice((PROBLEM, "Something else")),
    },
    contacts=(),
    sources=(),
    limits={"complaint_description": DESCRIPTION_LIMIT},
    wizard=Wizard(
        steps=(
            Step(
                "What went wrong?",
                (
                    FieldSpec(PROBLEM, CATEGORY, "select", required=True),
                    FieldSpec("Wallet account (email or phone)", "account_id", required=True),
                    FieldSpec("Transaction ID", "transaction_id"),
                    FieldSpec("Date of the payment", "incident_date", "date"),
                    FieldSpec("Amount", "amount", "money"),
                    FieldSpec("Currency", "currency", "select"),
                    FieldSpec(
                        "Tell us what happened",
                        "complaint_description",
                        "textarea",
                        required=True,
                        limit=DESCRIPTION_LIMIT,
                    ),
                    FieldSpec("What would you like us to do?", "desired_resolution", "textarea"),
                ),
                next="Continue",
            ),
            Step(
                "Your details",
                (
                    FieldSpec("Full name", "full_name", required=True),
                    FieldSpec("Email address", "email", "email", required=True),
                    FieldSpec("Phone number", "phone", "tel"),
                    FieldSpec("Country", "country", "select"),
                    FieldSpec("Screenshots or documents (optional)", PERSON, "file"),
                ),
                next="Continue",
            ),
            Step(
                "Check your answers",
                (FieldSpec("I confirm that what I have written is true", PERSON, "checkbox"),),
            ),
        ),
        submit="Submit complaint",
        review_marker="Check your answers",
    ),
)
