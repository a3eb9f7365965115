"""UK Financial Ombudsman Service: the complaint form.

Facts: the channel notes, section 4a. The fields follow the official downloadable
form (the online form was not seen), in its order; the later headings come from
an older guide to the form and are unsure.
"""

from __future__ import annotations

from .channel import (
    FIXED,
    PERSON,
    PLAINT_CATEGORIES,
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

LEAFLET = Source(
    "http://www.financial-ombudsman.org.uk/publications/consumer-leaflet.htm", official=True
)
FORM = Source(
    "https://wixlib.com/document/a3c0_financial-ombudsman-service-complaint-form.html",
    official=True,
)
FCA = Source("https://www.fca.org.uk/consumers/how-complain", official=True)
FORM_GUIDE = Source("http://www.docstoc.com/docs/70655178/", official=False)

JOINT_Q = "Is anyone complaining with you, for example a joint account holder?"
FOR_YOU_Q = "Is someone else complaining on your behalf?"
BUSINESS_Q = "Are you complaining for a business, charity or trust?"
_JOINT = Pick(JOINT_Q, "Yes")
_REPRESENTED = Pick(FOR_YOU_Q, "Yes")


def _someone_else(prefix: str, shown_if: Pick) -> tuple[FieldSpec, ...]:
    return tuple(
        FieldSpec(f"{prefix}{label}", THIRD_PARTY, kind, shown_if=shown_if)
        for label, kind in (
            ("First name", "text"),
            ("Surname", "text"),
            ("Address line 1", "text"),
            ("Postcode", "text"),
            ("Phone number", "tel"),
            ("Email", "email"),
        )
    )


CHANNEL = Channel(
    id="uk_fos",
    names=Text("UK Financial Ombudsman Service", "英国金融申诉专员服务（FOS）"),
    operator=Text("Financial Ombudsman Service", "英国金融申诉专员服务"),
    kind="ombudsman",
    jurisdiction="GB",
    url="https://www.financial-ombudsman.org.uk/",
    url_patterns=("*.financial-ombudsman.org.uk",),
    login_required=None,
    automation="script",
    summary=Text(
        "Free and independent. Complain to the business first: it has up to 8 weeks for a final "
        "response (payment and e-money firms 15 business days, at most 35). Then bring the "
        "complaint here within six months of the final response.",
        "免费、独立。先向企业投诉：企业最长有 8 周给出最终答复（支付和电子货币机构为 15 个"
        "工作日，最长 35 个）。之后在收到最终答复起六个月内向 FOS 投诉。",
    ),
    categories=dict.fromkeys(PLAINT_CATEGORIES, TAKEN),
    response_rule="uk_fos",
    promises=Text(
        "The business must answer within 8 weeks (payment and e-money firms: 15 business days, "
        "35 with a holding reply); you must refer the complaint within 6 months of its final "
        "response.",
        "企业须在 8 周内答复（支付和电子货币机构：15 个工作日，发出延期通知后最长 35 个）；"
        "你须在最终答复后 6 个月内提交给 FOS。",
    ),
    contacts=(
        Contact(
            "web",
            "https://www.financial-ombudsman.org.uk/",
            Text("Website and online form", "网站和在线表格"),
            LEAFLET,
        ),
        Contact("phone", "0800 023 4567", Text("Phone", "电话"), LEAFLET),
        Contact("phone", "0300 123 9 123", Text("Phone", "电话"), LEAFLET),
        Contact(
            "email",
            "complaint.info@financial-ombudsman.org.uk",
            Text("Email", "电子邮件"),
            LEAFLET,
        ),
        Contact(
            "post",
            "Financial Ombudsman Service, Exchange Tower, London E14 9SR",
            Text("Post", "邮寄"),
            LEAFLET,
        ),
    ),
    wizard=Wizard(
        steps=(
            Step(
                "Your details",
                (
                    FieldSpec("Title", PERSON, "select"),
                    FieldSpec("First name", "given_name", required=True),
                    FieldSpec("Surname", "family_name", required=True),
                    FieldSpec("Date of birth (dd/mm/yyyy)", "date_of_birth"),
                    FieldSpec("Address line 1", "address_line1", required=True),
                    FieldSpec("Address line 2", "address_line2"),
                    FieldSpec("Address line 3", PERSON),
                    FieldSpec("City", "city"),
                    FieldSpec("County", "state"),
                    FieldSpec("Country", "country", "select"),
                    FieldSpec("Postcode", "postal_code"),
                    FieldSpec("Phone number 1", "phone", "tel"),
                    FieldSpec("Phone number 2", PERSON, "tel"),
                    FieldSpec("Email", "email", "email"),
                ),
                next="Continue",
            ),
            Step(
                "Anyone complaining with you",
                (
                    # plaint files for one person; a joint holder is added by hand.
                    FieldSpec(JOINT_Q, FIXED, "radio", required=True, value="No", unsure=True),
                    *_someone_else("", _JOINT),
                ),
                next="Continue",
            ),
            Step(
                "How we contact you",
                (
                    FieldSpec("How would you like us to contact you?", PERSON, "radio"),
                    FieldSpec("How would you like to receive documents?", PERSON, "radio"),
                    FieldSpec("Have you used our service before?", PERSON, "radio"),
                    FieldSpec("Practical needs", PERSON, "checkboxes", unsure=True),
                ),
                next="Continue",
            ),
            Step(
                "Someone complaining on your behalf",
                (
                    FieldSpec(FOR_YOU_Q, FIXED, "radio", required=True, value="No", unsure=True),
                    FieldSpec("Representative's name", THIRD_PARTY, shown_if=_REPRESENTED),
                    FieldSpec("Relationship to you", THIRD_PARTY, shown_if=_REPRESENTED),
                    FieldSpec(
                        "Representative's email", THIRD_PARTY, "email", shown_if=_REPRESENTED
                    ),
                    FieldSpec("Their reference", THIRD_PARTY, shown_if=_REPRESENTED),
                    FieldSpec(BUSINESS_Q, FIXED, "radio", required=True, value="No", unsure=True),
                    FieldSpec("Official name", PERSON, shown_if=Pick(BUSINESS_Q, "Yes")),
                    FieldSpec("Status", PERSON, "select", shown_if=Pick(BUSINESS_Q, "Yes")),
                ),
                next="Continue",
            ),
            Step(
                "The business you're complaining about",
                (
                    FieldSpec(
                        "Name of the business you think is responsible for your complaint",
                        "company_name",
                        required=True,
                        unsure=True,
                    ),
                    FieldSpec(
                        "The kind of product or service you're complaining about",
                        PERSON,
                        unsure=True,
                    ),
                    FieldSpec("Account number", "account_id", unsure=True),
                    FieldSpec("Your customer or complaint reference number", PERSON, unsure=True),
                ),
                next="Continue",
            ),
            Step(
                "Your complaint",
                (
                    FieldSpec(
                        "Please tell us what your complaint is about",
                        "complaint_description",
                        "textarea",
                        required=True,
                        unsure=True,
                    ),
                    FieldSpec(
                        "What would you like the business to do to put things right?",
                        "desired_resolution",
                        "textarea",
                        unsure=True,
                    ),
                ),
                next="Continue",
            ),
            Step("Check your answers"),
        ),
        submit="Submit",
        review_marker="Check your answers",
    ),
    sources=(LEAFLET, FORM, FCA, FORM_GUIDE),
    unsure=(
        "the online form was not seen: steps follow the downloadable form",
        "whether the online form needs an account",
        "the headings after 'Your details' (from an older guide to the form)",
        "whether the form asks for a desired remedy and a declaration",
        "the final 'Check your answers' page",
    ),
)
