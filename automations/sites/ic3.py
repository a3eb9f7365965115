"""FBI Internet Crime Complaint Center (IC3): the complaint form.

Facts: the channel notes, section 3. The seven section names are official (the
ransomware form shares the layout); limits and the transaction types come from
a secondary source and are unsure.
"""

from __future__ import annotations

from .channel import (
    CATEGORY,
    FIXED,
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

RANSOMWARE_FORM = Source("https://ransomware.ic3.gov/", official=True)
FAQ = Source("https://www.ic3.gov/?redirect=true", official=True)
FAQ_COPY = Source("https://seminartopics.net/?p=52375", official=False)
EVIDENCE = Source(
    "https://eztechassist.com/2018/01/22/are-you-a-victim-of-an-internet-crime/", False
)

TYPE = "Transaction Type"
CRYPTO = "Cryptocurrency/Crypto ATM"
P2P = "Peer-to-peer Transfer"
PAID_Q = "Did you send or lose money?"
VICTIM_Q = "Are you the victim?"

_CRIME = choice(
    (TYPE, P2P),
    alternatives=((TYPE, CRYPTO), (TYPE, "Debit Card/Credit Card"), (TYPE, "Wire Transfer")),
    note=Text(
        "The transaction type is how the money moved: a payment app is a peer-to-peer transfer; "
        "choose Cryptocurrency/Crypto ATM for a crypto wallet.",
        "交易类型指资金的转移方式：支付应用属于点对点转账；加密货币钱包请选 "
        "Cryptocurrency/Crypto ATM。",
    ),
)
_CRYPTO_ONLY = Pick(TYPE, CRYPTO)

CHANNEL = Channel(
    id="ic3",
    names=Text("FBI IC3 complaint", "美国联邦调查局互联网犯罪投诉中心（IC3）"),
    operator=Text("FBI Internet Crime Complaint Center", "美国联邦调查局互联网犯罪投诉中心"),
    kind="police",
    jurisdiction="US",
    url="https://complaint.ic3.gov/",
    url_patterns=("*.ic3.gov",),
    login_required=None,
    automation="script",
    summary=Text(
        "Internet-enabled crime: scams, account takeover, cryptocurrency fraud. You may file if "
        "you or the subject is in the US, or for another victim. IC3 refers complaints to "
        "agencies but cannot guarantee an investigation.",
        "互联网犯罪：诈骗、账户被盗、加密货币诈骗。受害人或嫌疑人在美国即可投诉，也可代他人"
        "投诉。IC3 会把投诉转给执法机构，但不保证立案调查。",
    ),
    categories={
        "unauthorized_transaction": _CRIME,
        "account_frozen": None,
        "payment_failed_but_charged": None,
        "refund_refused": None,
        "no_response": None,
        "fraud_scam": _CRIME,
        "fees": None,
        "other": None,
    },
    limits={"complaint_description": 3500},
    # IC3 tells filers not to enter a Social Security number or date of birth.
    forbidden_in_text=("id_number", "date_of_birth"),
    response_rule="report_only",
    promises=Text(
        "No individual answer and no promise of an investigation. A complaint cannot be edited "
        "after filing: file a new one marked as an update.",
        "不会单独答复，也不保证调查。投诉提交后不能修改：如需补充，请另交一份注明为更新的投诉。",
    ),
    contacts=(Contact("web", "https://www.ic3.gov/", Text("IC3 website", "IC3 网站"), FAQ),),
    wizard=Wizard(
        steps=(
            Step(
                "Victim Information",
                (
                    FieldSpec("First Name", "given_name", required=True, unsure=True),
                    FieldSpec("Last Name", "family_name", required=True, unsure=True),
                    FieldSpec("Address", "address_line1", unsure=True),
                    FieldSpec("Suite/Apt./Other", "address_line2", unsure=True),
                    FieldSpec("City", "city", unsure=True),
                    FieldSpec("County", PERSON, unsure=True),
                    FieldSpec("Country", "country", "select", unsure=True),
                    FieldSpec("State", "state", "select", unsure=True),
                    FieldSpec("Zip Code/Route", "postal_code", unsure=True),
                    FieldSpec("Phone Number", "phone", "tel", unsure=True),
                    FieldSpec("Email Address", "email", "email", required=True, unsure=True),
                    FieldSpec("Age", PERSON, "select", unsure=True),
                    FieldSpec("Is the victim a minor?", PERSON, "radio", unsure=True),
                ),
                next="Next",
            ),
            Step(
                "Financial Transaction(s)",
                (
                    FieldSpec(PAID_Q, PAID, "radio", unsure=True),
                    FieldSpec(TYPE, CATEGORY, "select", unsure=True),
                    FieldSpec("Transaction Amount", "amount", "money", unsure=True),
                    FieldSpec("Transaction Date", "incident_date", "date", unsure=True),
                    FieldSpec("Your account (bank, card or wallet)", "account_id", unsure=True),
                    FieldSpec("Recipient Name", THIRD_PARTY, unsure=True),
                    FieldSpec(
                        "Have you contacted your financial institution?",
                        PERSON,
                        "radio",
                        unsure=True,
                    ),
                    FieldSpec("Cryptocurrency Type", PERSON, shown_if=_CRYPTO_ONLY, unsure=True),
                    FieldSpec(
                        "Transaction ID/Hash", "transaction_id", shown_if=_CRYPTO_ONLY, unsure=True
                    ),
                    FieldSpec(
                        "Originating Wallet Address", PERSON, shown_if=_CRYPTO_ONLY, unsure=True
                    ),
                    FieldSpec(
                        "Recipient Wallet Address", THIRD_PARTY, shown_if=_CRYPTO_ONLY, unsure=True
                    ),
                ),
                next="Next",
            ),
            Step(
                "Description of Incident",
                (
                    FieldSpec(
                        "Provide a description of the incident and how you were victimized",
                        "complaint_description",
                        "textarea",
                        required=True,
                        limit=3500,
                        unsure=True,
                    ),
                    FieldSpec(
                        "Which of the following were used in this incident? "
                        "(Check all that apply.)",
                        PERSON,
                        "checkboxes",
                    ),
                ),
                next="Next",
            ),
            Step(
                "Information About The Subject(s) Who Victimized You",
                (
                    FieldSpec("Name", THIRD_PARTY, unsure=True),
                    FieldSpec("Business Name", THIRD_PARTY, unsure=True),
                    FieldSpec("Address", THIRD_PARTY, unsure=True),
                    FieldSpec("Phone Number", THIRD_PARTY, "tel", unsure=True),
                    FieldSpec("Email Address", THIRD_PARTY, "email", unsure=True),
                    FieldSpec("Website", THIRD_PARTY, unsure=True),
                    FieldSpec("IP Address", THIRD_PARTY, unsure=True),
                ),
                next="Next",
            ),
            Step(
                "Other Information",
                (
                    FieldSpec(
                        "Email headers and other technical details",
                        PERSON,
                        "textarea",
                        limit=5000,
                        unsure=True,
                    ),
                    FieldSpec(
                        "Witnesses or other victims", PERSON, "textarea", limit=1000, unsure=True
                    ),
                    FieldSpec(
                        "Reports to other law enforcement or government agencies",
                        PERSON,
                        "textarea",
                        limit=1000,
                        unsure=True,
                    ),
                ),
                next="Next",
            ),
            Step(
                "Who Filed the Complaint",
                (
                    # plaint files for the profile's owner, who is the victim.
                    FieldSpec(VICTIM_Q, FIXED, "radio", required=True, value="Yes", unsure=True),
                    FieldSpec("Filer's Name", PERSON, shown_if=Pick(VICTIM_Q, "No"), unsure=True),
                ),
                next="Next",
            ),
            Step("Privacy Act Statement"),
        ),
        submit="Submit",
        review_marker="Privacy Act Statement",
    ),
    sources=(RANSOMWARE_FORM, FAQ, FAQ_COPY, EVIDENCE),
    unsure=(
        "the address of the main form (complaint.ic3.gov) comes from secondary sources",
        "whether an account is needed",
        "the field labels, the description limit (3,500) and the other limits "
        "(technical details 5,000, witnesses 1,000, other agencies 1,000)",
        "the transaction type options",
        "the options of 'Which of the following were used in this incident?'",
    ),
)
