"""Each scripted channel, filled in a real Chromium against its replica.

A fill walks every step to the final page and stops there: every expected
field holds the sample person's or case's value in the form's own wording,
fields for someone else or for the person alone stay empty, narratives are
cleared of what the channel forbids and fitted to its limit, and the replica
counts no submission.

A drift test renames one label in the replica, as a site that changed its
form would: ``check`` names that field, and a fill leaves it (and every other
control) without that value, reporting it unfilled.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from automations import sites
from automations.channel_fill import (
    ChannelFillReport,
    check_channel,
    fill_channel,
    report_lines,
)
from automations.cli.check import exit_code
from schemas.values import profile_values
from tests.support.fixtures_channel_fill import CARD, US_ACCOUNT, ChannelSample
from tests.support.fixtures_sites import COMPANIES_12315, PAYPAL_TRANSACTIONS, ReplicaServer

SCRIPTED = sorted(c.id for c in sites.all_channels() if c.automation == "script")
Expected = Any  # a value the page shows, or a check of it


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def phone_of(national: str) -> Callable[[str], bool]:
    return lambda shown: digits(shown).endswith(national)


def whole(text: str) -> Callable[[str], bool]:
    return lambda shown: shown == text


US = {
    "first": "Ana",
    "last": "Ruiz",
    "line1": "1 Main St",
    "line2": "Apt 4",
    "city": "Fresno",
    "zip": "93701",
    "email": "ana.ruiz@example.com",
    "phone": phone_of("4155550134"),
}


def expected(channel: str, sample: ChannelSample) -> dict[str, dict[str, Expected]]:
    """Per step, per label: what the filled form must show.  Every other field stays empty."""
    case = sample.case
    story, wish = case["narrative"], case["desired_resolution"]
    if channel == "cfpb":
        return {
            "What happened?": {
                "Describe what happened so we can understand the issue": cfpb_story,
                "Which of these best describes your issue?": "Other transaction problem",
                "If you lost money, how much money did you lose? (Optional)": "40.00",
                "When did this happen? (Optional)": "2025-03-03",
            },
            "Desired resolution": {
                "What do you think would be a fair resolution to your issue?": wish,
            },
            "My information": {
                "First name": US["first"],
                "Last name": US["last"],
                "Street address": US["line1"],
                "Apartment, suite, or unit (Optional)": US["line2"],
                "City": US["city"],
                "State": "California",
                "ZIP code": US["zip"],
                "Email address": US["email"],
                "Phone number (Optional)": US["phone"],
            },
            "Product information": {
                "Product": "Money transfer, virtual currency, or money service",
                "Sub-product": "Mobile or digital wallet",
                "What company is this complaint about?": "Sample Wallet Inc.",
                # The account goes in its own box, just not into the narrative.
                "Account number (Optional)": US_ACCOUNT,
            },
        }
    if channel == "ftc":
        return {
            "Choose a category": {"What is your report about?": ["Something else"]},
            "Money and payment": {
                "Did you pay or send money?": ["Yes"],
                "How much did you pay?": "1250.00",
                "When did you pay?": "2025-02-10",
            },
            "Tell us what happened": {"What happened?": story},
            "Your contact information": {
                "First name": US["first"],
                "Last name": US["last"],
                "Email": US["email"],
                "Phone": US["phone"],
                "Street address": US["line1"],
                "City": US["city"],
                "State": "CA",
                "ZIP code": US["zip"],
                "Country": "United States",
            },
        }
    if channel == "ic3":
        return {
            "Victim Information": {
                "First Name": US["first"],
                "Last Name": US["last"],
                "Address": US["line1"],
                "Suite/Apt./Other": US["line2"],
                "City": US["city"],
                "Country": "United States",
                "State": "California",
                "Zip Code/Route": US["zip"],
                "Phone Number": US["phone"],
                "Email Address": US["email"],
            },
            "Financial Transaction(s)": {
                "Did you send or lose money?": ["Yes"],
                "Transaction Type": "Peer-to-peer Transfer",
                "Transaction Amount": "1250.00",
                "Transaction Date": "2025-02-10",
            },
            "Description of Incident": {
                "Provide a description of the incident and how you were victimized": ic3_story,
            },
            "Who Filed the Complaint": {"Are you the victim?": ["Yes"]},
        }
    if channel == "ca_ag":
        return {
            "Consumer complaint against a business": {
                "First Name": US["first"],
                "Last Name": US["last"],
                "Address": US["line1"],
                "City": US["city"],
                "State": "California",
                "Zip Code": US["zip"],
                "Email": US["email"],
                "Phone": US["phone"],
                "Business Name": "Sample Wallet Inc.",
                "Your relationship to the business": "Customer",
                "Disputed Amount": "89.90",
                "Reason for your complaint": story,
            }
        }
    if channel == "uk_fos":
        return {
            "Your details": {
                "First name": "Jane",
                "Surname": "Doe",
                "Date of birth (dd/mm/yyyy)": "31/01/1980",
                "Address line 1": "12 Orchard Lane",
                "City": "Leeds",
                "County": "West Yorkshire",
                "Country": "United Kingdom",
                "Postcode": "LS1 4AP",
                "Phone number 1": phone_of("2079460018"),
                "Email": "j.doe@example.co.uk",
            },
            "Anyone complaining with you": {
                "Is anyone complaining with you, for example a joint account holder?": ["No"],
            },
            "Someone complaining on your behalf": {
                "Is someone else complaining on your behalf?": ["No"],
                "Are you complaining for a business, charity or trust?": ["No"],
            },
            "The business you're complaining about": {
                "Name of the business you think is responsible for your complaint": (
                    "Sample Payments Ltd"
                ),
                "Account number": "SP-4471-0093",
            },
            "Your complaint": {
                "Please tell us what your complaint is about": story,
                "What would you like the business to do to put things right?": wish,
            },
        }
    if channel == "uk_action_fraud":
        return {
            "About you": {
                "First name": "Jane",
                "Last name": "Doe",
                "Address line 1": "12 Orchard Lane",
                "Town or city": "Leeds",
                "Postcode": "LS1 4AP",
                "Phone number": phone_of("2079460018"),
                "Email address": "j.doe@example.co.uk",
            },
            "What happened": {
                "Did you lose money?": ["Yes"],
                "How much did you lose?": "320.00",
                "When did it happen?": "2025-01-15",
                "Describe what happened": story,
            },
        }
    if channel == "cn_12315":
        address = profile_values(sample.person)["full_address"]
        return {
            "被投诉企业信息": {"企业名称或统一社会信用代码": COMPANIES_12315[0]["name"]},
            "消费者信息": {
                # Put there by the site from the account; plaint puts the profile's in.
                "姓名": "王小明",
                "联系电话": phone_of("13912345678"),
                "通讯地址": address,
            },
            "投诉详情": {
                "金额": "1234.50",
                "类型": "服务",
                "购买时间": "2024-03-05",
                "订单编号": "2024030522001488881234567890",
                "事情经过": story,
                "具体诉求": wish,
            },
        }
    if channel == "heimao":
        return {
            "填写投诉信息": {
                "投诉对象": "示例商城",
                "投诉问题": ["不予退款"],
                "投诉要求": ["退款"],
                "涉诉金额": "1234.50",
                "订单号": "T20240305-0099",
                "投诉标题": case["title"],
                "投诉详情": story,
            }
        }
    if channel == "paypal":
        chosen = PAYPAL_TRANSACTIONS[1]
        return {
            "Select the transaction": {
                "Which transaction is this about?": lambda shown: (
                    len(shown) == 1 and chosen["id"] in shown[0]
                ),
            },
            "Tell us about the problem": {
                "What's the problem?": ["I have an issue with an item I purchased"],
            },
            "What's the issue with your item?": {
                "What's the issue with your item?": ["I didn't receive my item"],
            },
            "Tell us more": {"Describe the problem": story},
        }
    if channel == "coinbase":
        return {
            "Complaint form": {
                "First name": US["first"],
                "Last name": US["last"],
                "Email address": US["email"],
                "Phone number": US["phone"],
                "Address": profile_values(sample.person)["full_address"],
                "Describe the cause of your complaint": story,
                "How would you like your complaint to be resolved?": wish,
            }
        }
    raise AssertionError(f"no expectations for {channel}")


def cfpb_story(shown: str) -> bool:
    """CFPB's narrative: the story, without the account, card, birth date or SSN in it."""
    kept = "Customer service closed my ticket without an answer." in shown
    gone = all(secret not in shown for secret in (US_ACCOUNT, CARD, "07/14/1985", "123-45-6789"))
    return kept and gone and "****1111" in shown and "4111" not in shown


def ic3_story(shown: str) -> bool:
    """IC3's narrative: within 3,500 characters, ending a sentence, no birth date or SSN."""
    return (
        0 < len(shown) <= 3500
        and shown.endswith(".")
        and "1985-07-14" not in shown
        and "123-45-6789" not in shown
        and shown.startswith("My date of birth is [removed]")
    )


# -- reading the replica ---------------------------------------------------------------------


def section(page: Page, title: str) -> Locator:
    heading = page.locator("h2").filter(has_text=re.compile("^" + re.escape(title) + "$"))
    return page.locator("form.wizard > section.step").filter(has=heading)


def answer(page: Page, step: str, label: str, kind: str) -> Any:
    """What the form shows for a field: its text, chosen option(s), or whether it is ticked."""
    scope = section(page, step)
    if kind in ("radio", "checkboxes"):
        group = scope.get_by_role("group", name=label, exact=True, include_hidden=True)
        return group.evaluate(
            "g => Array.from(g.querySelectorAll('input:checked'),"
            " (i) => i.closest('label').textContent.trim())"
        )
    control = scope.get_by_label(label, exact=True)
    if kind == "select":
        return control.evaluate("s => s.value ? s.selectedOptions[0].textContent.trim() : ''")
    if kind == "checkbox":
        return control.is_checked()
    if kind == "file":
        return control.evaluate("f => f.files.length")
    return control.input_value()


def is_empty(shown: Any) -> bool:
    return shown in ("", [], False, 0)


def matches(want: Expected, shown: Any) -> bool:
    return want(shown) if callable(want) else shown == want


def open_login(context: BrowserContext, replica_sites: ReplicaServer, channel: str) -> None:
    """Behind the replica's login wall already: the login wall has its own tests."""
    if sites.get(channel).login_required:
        context.add_cookies([replica_sites.login_cookie(channel)])  # type: ignore[list-item]


# -- fills -------------------------------------------------------------------------------------


@pytest.mark.parametrize("channel_id", SCRIPTED)
def test_a_fill_puts_every_value_in_its_field_and_stops_before_submitting(
    page: Page,
    context: BrowserContext,
    replica_sites: ReplicaServer,
    channel_sample: Callable[..., ChannelSample],
    channel_id: str,
) -> None:
    channel = sites.get(channel_id)
    assert channel.wizard is not None
    sample = channel_sample(channel_id)
    open_login(context, replica_sites, channel_id)
    lines: list[str] = []
    report = fill_channel(
        channel_id,
        profile=sample.profile,
        case_id=sample.case_id,
        url=replica_sites.url(channel_id),
        page=page,
        headless=True,
        progress=lines.append,
        screenshot=False,
        allow_sensitive=sample.allow,
    )

    assert report.outcome == "review", "\n".join(lines)
    assert report.ready and not report.drifted
    last = channel.wizard.steps[-1].title
    expect(page.get_by_role("heading", name=last, exact=True)).to_be_visible()
    assert report.stopped_at == channel.wizard.review_marker

    wanted = expected(channel_id, sample)
    problems = []
    for step, spec in channel.wizard.fields():
        if step.shown_if is not None and step.title not in wanted:
            continue  # a page these answers skip
        want = wanted.get(step.title, {}).get(spec.label)
        shown = answer(page, step.title, spec.label, spec.kind)
        if want is None:
            if not is_empty(shown):
                problems.append(f"{step.title} / {spec.label}: filled, should be left alone")
        elif not matches(want, shown):
            problems.append(f"{step.title} / {spec.label}: {shown!r}")
        else:
            status = report.field(spec.label, step.title).status
            if status != "filled":
                problems.append(f"{step.title} / {spec.label}: reported {status}")
    assert not problems, "\n".join(problems)
    assert replica_sites.submissions(channel_id) == 0


def test_what_cannot_be_filled_is_reported_with_why(
    page: Page, replica_sites: ReplicaServer, channel_sample: Callable[..., ChannelSample]
) -> None:
    """IC3's account box mentions cards, which plaint never types into; the long
    narrative is cut at a sentence end and the report says by how much."""
    sample = channel_sample("ic3")
    lines: list[str] = []
    report = fill_channel(
        "ic3",
        profile=sample.profile,
        case_id=sample.case_id,
        url=replica_sites.url("ic3"),
        page=page,
        headless=True,
        progress=lines.append,
        screenshot=False,
    )
    account = report.field("Your account (bank, card or wallet)")
    assert (account.status, account.reason) == ("empty", "bank_card")
    assert ("Financial Transaction(s)", account) in report.unfilled
    (text,) = [t for t in report.texts if t.key == "complaint_description"]
    assert text.shortened and text.limit == 3500 and text.length <= 3500
    assert text.original_length > 3500
    assert set(text.removed) >= {"date_of_birth", "id_number"}
    said = "\n".join(lines)
    assert f"shortened from {text.original_length} to {text.length} characters" in said
    assert "Left out of What happened" in said
    summary = "\n".join(report_lines(report))
    assert "Your account (bank, card or wallet) — a bank card or bank account detail" in summary
    # Nothing of the person's in what plaint says.
    for secret in ("1985-07-14", "123-45-6789", US_ACCOUNT, "ana.ruiz@example.com"):
        assert secret not in said and secret not in summary
        assert secret not in str(report.to_dict())
    assert replica_sites.submissions("ic3") == 0


def test_a_category_the_channel_has_no_choice_for_is_left_to_the_person(
    page: Page,
    context: BrowserContext,
    replica_sites: ReplicaServer,
    channel_sample: Callable[..., ChannelSample],
) -> None:
    """黑猫's required 投诉问题 has no mapping for a frozen account: plaint leaves it,
    says so, and (without a window) stops on that page instead of guessing."""
    sample = channel_sample("heimao", category="account_frozen")
    open_login(context, replica_sites, "heimao")
    lines: list[str] = []
    report = fill_channel(
        "heimao",
        profile=sample.profile,
        case_id=sample.case_id,
        url=replica_sites.url("heimao"),
        page=page,
        headless=True,
        progress=lines.append,
        screenshot=False,
    )
    problem = report.field("投诉问题")
    assert (problem.status, problem.reason) == ("empty", "no_category_pick")
    assert answer(page, "填写投诉信息", "投诉问题", "checkboxes") == []
    assert report.outcome == "blocked" and report.stopped_at == "填写投诉信息"
    assert report.step("填写投诉信息").page_messages  # what the page said
    assert any("投诉问题" in line and "请自己选择" in line for line in lines)
    assert answer(page, "填写投诉信息", "投诉对象", "text") == "示例商城"
    assert replica_sites.submissions("heimao") == 0


# -- drift -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Drift:
    step: str
    old: str
    new: str
    value: Callable[[ChannelSample], str]  # what must be nowhere on the page
    blocks: bool  # the field is required: a run without a window stops on its page


DRIFTS: dict[str, Drift] = {
    "cfpb": Drift("My information", "First name", "Given name", lambda s: "Ana", True),
    "ftc": Drift(
        "Money and payment", "How much did you pay?", "Amount paid", lambda s: "1250.00", False
    ),
    "ic3": Drift(
        "Financial Transaction(s)",
        "Transaction Date",
        "Date of transaction",
        lambda s: "2025-02-10",
        False,
    ),
    "ca_ag": Drift(
        "Consumer complaint against a business",
        "Business Name",
        "Company",
        lambda s: s.case["company"],
        False,
    ),
    "uk_fos": Drift(
        "The business you're complaining about",
        "Name of the business you think is responsible for your complaint",
        "Business name",
        lambda s: s.case["company"],
        True,
    ),
    "uk_action_fraud": Drift(
        "What happened",
        "Describe what happened",
        "Tell us what happened",
        lambda s: s.case["narrative"],
        True,
    ),
    "cn_12315": Drift(
        "投诉详情", "订单编号", "交易流水号", lambda s: s.case["transaction_ids"][0], False
    ),
    "heimao": Drift("填写投诉信息", "涉诉金额", "金额（元）", lambda s: "1234.50", False),
    "paypal": Drift(
        "Tell us more",
        "Describe the problem",
        "Tell us what happened",
        lambda s: s.case["narrative"],
        False,
    ),
    "coinbase": Drift(
        "Complaint form", "Email address", "Contact email", lambda s: s.person["email"], False
    ),
}


def values_on_page(page: Page) -> list[str]:
    return page.evaluate(
        "() => Array.from(document.querySelectorAll('input, textarea'), (c) => c.value)"
    )


@pytest.mark.parametrize("channel_id", SCRIPTED)
def test_a_renamed_label_is_named_by_check_and_left_unfilled_by_fill(
    page: Page,
    context: BrowserContext,
    replica_sites: ReplicaServer,
    channel_sample: Callable[..., ChannelSample],
    channel_id: str,
) -> None:
    drift = DRIFTS[channel_id]
    sample = channel_sample(channel_id)
    open_login(context, replica_sites, channel_id)
    url = replica_sites.drifted(channel_id, {drift.old: drift.new})

    checked: ChannelFillReport = check_channel(
        channel_id, profile=sample.profile, case_id=sample.case_id, url=url, page=page
    )
    assert (drift.step, checked.field(drift.old, drift.step)) in checked.drift
    assert [f.label for _, f in checked.drift] == [drift.old]
    assert exit_code(checked) == 1
    verdict = "\n".join(report_lines(checked))
    assert f"The form has changed: {drift.step}: '{drift.old}' not found" in verdict

    filled = fill_channel(
        channel_id,
        profile=sample.profile,
        case_id=sample.case_id,
        url=url,
        page=page,
        headless=True,
        screenshot=False,
    )
    missing = filled.field(drift.old, drift.step)
    assert (missing.status, missing.reason) == ("missing", "label_missing")
    assert (drift.step, missing) in filled.unfilled
    # The renamed box stays empty, and no other box holds the value instead.
    renamed = section(page, drift.step).get_by_label(drift.new, exact=True)
    expect(renamed).to_have_value("")
    value = drift.value(sample)
    assert value not in values_on_page(page)
    if drift.blocks:
        assert filled.outcome == "blocked" and filled.stopped_at == drift.step
    else:
        assert filled.outcome == "review"
    # Everything else on that page was still filled.
    others = [
        f for f in filled.step(drift.step).fields if f.label != drift.old and f.status == "filled"
    ]
    assert others or drift.step in ("Tell us more",)
    assert replica_sites.submissions(channel_id) == 0


def test_a_start_link_that_opens_a_new_tab_is_followed_there(
    page: Page,
    context: BrowserContext,
    replica_sites: ReplicaServer,
    channel_sample: Callable[..., ChannelSample],
) -> None:
    """Coinbase's help page links to its form; a link opening a tab of its own is followed."""
    sample = channel_sample("coinbase")
    open_login(context, replica_sites, "coinbase")

    def in_a_new_tab(route: Any) -> None:
        html = (
            route.fetch()
            .text()
            .replace('href="complaint.html"', 'href="complaint.html" target="_blank"')
        )
        route.fulfill(body=html, content_type="text/html")

    context.route("**/coinbase/", in_a_new_tab)
    report = fill_channel(
        "coinbase",
        profile=sample.profile,
        case_id=sample.case_id,
        url=replica_sites.url("coinbase"),
        page=page,
        headless=True,
        screenshot=False,
    )
    assert report.outcome == "review"
    assert len(context.pages) == 2
    form = context.pages[1]
    expect(form.get_by_label("First name", exact=True)).to_have_value("Ana")
    expect(page.get_by_role("link", name="complaint form")).to_be_visible()  # the help page
    assert replica_sites.submissions("coinbase") == 0


def test_a_next_button_named_like_submit_is_never_pressed(
    page: Page, replica_sites: ReplicaServer
) -> None:
    """Wizard data that would have plaint press the submit button to "move on"
    (a site that merged its last two pages) stops the walk instead."""
    import dataclasses

    from automations.sites import Step, Wizard
    from automations.wizard import WizardWalker

    real = sites.get("ca_ag")
    assert real.wizard is not None
    page_one = dataclasses.replace(real.wizard.steps[0], next="Submit")
    merged = dataclasses.replace(
        real,
        wizard=Wizard(
            steps=(page_one, Step("Complaint submitted")),
            submit="Submit",
            review_marker="Complaint submitted",
        ),
    )
    # Everything the page requires is filled, so a press of Submit would go through.
    values = {
        "given_name": "Ana",
        "family_name": "Ruiz",
        "address_line1": "1 Main St",
        "city": "Fresno",
        "state": "CA",
        "postal_code": "93701",
        "company_name": "Sample Wallet Inc.",
        "complaint_description": "The wallet froze my account.",
    }
    walker = WizardWalker(page, merged, values=values)
    result = walker.walk(replica_sites.url("ca_ag"))
    assert result.outcome == "no_next"
    assert result.steps[0].status == "done"  # filled, and left there
    expect(page.get_by_role("button", name="Submit")).to_be_visible()
    assert replica_sites.submissions("ca_ag") == 0
