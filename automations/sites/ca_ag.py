"""California Attorney General: consumer complaint against a business.

Facts: the channel notes, section 7a. Only a third-party guide lists what the
online form asks; its labels and exact address are unsure.  The guide's phone
and fax numbers are left out: they do not come from the Attorney General.
"""

from __future__ import annotations

from .channel import (
    FIXED,
    PERSON,
    PLAINT_CATEGORIES,
    TAKEN,
    Channel,
    Contact,
    FieldSpec,
    Source,
    Step,
    Text,
    Wizard,
)

SITE = Source("https://oag.ca.gov/", official=True)
GUIDE = Source("https://www.peopleclerk.com/post/california-attorney-general-complaint", False)
TITLE = "Consumer complaint against a business"

CHANNEL = Channel(
    id="ca_ag",
    names=Text("California Attorney General complaint", "美国加州总检察长投诉"),
    operator=Text(
        "California Department of Justice, Office of the Attorney General", "加州总检察长办公室"
    ),
    kind="regulator",
    jurisdiction="US-CA",
    url="https://oag.ca.gov/",
    url_patterns=("oag.ca.gov",),
    login_required=False,
    automation="script",
    summary=Text(
        "A complaint against a business that treated a California consumer unfairly. The "
        "Attorney General decides whether to investigate a company and cannot act as your "
        "lawyer.",
        "投诉对加州消费者不公的商家。总检察长决定是否调查企业，但不能充当你的律师。",
    ),
    categories=dict.fromkeys(PLAINT_CATEGORIES, TAKEN),
    response_rule="general_followup",
    promises=None,
    contacts=(Contact("web", "https://oag.ca.gov/", Text("Website", "网站"), SITE),),
    wizard=Wizard(
        steps=(
            Step(
                TITLE,
                (
                    FieldSpec("First Name", "given_name", required=True, unsure=True),
                    FieldSpec("Last Name", "family_name", required=True, unsure=True),
                    FieldSpec("Address", "address_line1", required=True, unsure=True),
                    FieldSpec("City", "city", required=True, unsure=True),
                    FieldSpec("State", "state", "select", required=True, unsure=True),
                    FieldSpec("Zip Code", "postal_code", required=True, unsure=True),
                    FieldSpec("Email", "email", "email", unsure=True),
                    FieldSpec("Phone", "phone", "tel", unsure=True),
                    FieldSpec("Business Name", "company_name", required=True, unsure=True),
                    FieldSpec("Business Address", PERSON, unsure=True),
                    FieldSpec(
                        "Your relationship to the business",
                        FIXED,
                        "select",
                        value="Customer",
                        unsure=True,
                    ),
                    FieldSpec("Disputed Amount", "amount", "money", unsure=True),
                    FieldSpec(
                        "Reason for your complaint",
                        "complaint_description",
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
    sources=(SITE, GUIDE),
    unsure=(
        "the exact address of the online form on oag.ca.gov",
        "every label: the fields come from a third-party guide",
        "the options of 'Your relationship to the business'",
        "the phone and fax numbers, which only a third-party guide gives (not listed)",
        "response times: none stated",
    ),
)
