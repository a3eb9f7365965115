"""The replica forms load in a real Chromium, match the registry, validate like the
real forms, and the server counts a submit when one really happens."""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from automations import sites
from automations.sites import CATEGORY, FIXED, Channel, FieldSpec
from tests.support.env import REPO
from tests.support.fixtures_sites import (
    COMPANIES_12315,
    PAYPAL_TRANSACTIONS,
    REPLICAS,
    ReplicaServer,
)

SCRIPTED = sorted(c.id for c in sites.all_channels() if c.automation == "script")


def _field(scope: Locator, spec: FieldSpec) -> Locator:
    """The control (or the group of radios or checkboxes) a spec names, hidden or not."""
    if spec.kind in ("radio", "checkboxes"):
        return scope.get_by_role("group", name=spec.label, exact=True, include_hidden=True)
    return scope.get_by_label(spec.label, exact=True)


def _options(field: Locator, spec: FieldSpec) -> list[str]:
    if spec.kind == "select":
        return [o.strip() for o in field.locator("option").all_text_contents()]
    return [t.strip() for t in field.locator("label").all_text_contents()]


def _expected_options(channel: Channel, spec: FieldSpec) -> set[str]:
    if spec.key == FIXED:
        return {spec.value or ""}
    if spec.key != CATEGORY:
        return set()
    return {
        pick.option
        for mapped in channel.categories.values()
        if mapped
        for pick in (*mapped.picks, *mapped.alternatives)
        if pick.label == spec.label
    }


def _log_in_if_asked(page: Page, channel: Channel) -> None:
    assert channel.wizard is not None
    page.wait_for_load_state()
    headings = page.get_by_role("heading", level=1)
    if not headings.count() or headings.first.inner_text() not in channel.wizard.login_markers:
        return
    samples = {"tel": "13800138000", "email": "person@example.com"}
    for box in page.locator("form input:not([type=hidden])").all():
        box.fill(samples.get(box.get_attribute("type") or "", "sample-login"))
    page.locator("form button[type=submit]").click()


def _open(page: Page, replica_sites: ReplicaServer, channel: Channel) -> None:
    """From the replica's start address to the first step, logging in when asked."""
    assert channel.wizard is not None
    page.goto(replica_sites.url(channel.id))
    _log_in_if_asked(page, channel)
    for action in channel.wizard.start:
        page.get_by_role("link", name=action, exact=True).click()
        _log_in_if_asked(page, channel)
    first = channel.wizard.steps[0].title
    expect(page.get_by_role("heading", name=first, exact=True)).to_be_visible()
    assert replica_sites.logins(channel.id) == (1 if channel.login_required else 0)


@pytest.mark.parametrize("channel_id", SCRIPTED)
def test_replica_matches_the_registry(
    page: Page, replica_sites: ReplicaServer, channel_id: str
) -> None:
    """Every step, label and mapped option the registry expects is on the replica."""
    channel = sites.get(channel_id)
    assert channel.wizard is not None
    _open(page, replica_sites, channel)
    steps = page.locator("form.wizard > section.step")
    titles = [t.strip() for t in steps.locator("h2").all_text_contents()]
    assert titles == [s.title for s in channel.wizard.steps]
    problems = []
    for step, spec in channel.wizard.fields():
        field = _field(steps.nth(titles.index(step.title)), spec)
        if field.count() != 1:
            problems.append(f"{step.title}: {spec.label!r} found {field.count()} times")
            continue
        absent = _expected_options(channel, spec) - set(_options(field, spec))
        if absent:
            problems.append(f"{step.title}: {spec.label!r} lacks options {sorted(absent)}")
    assert not problems, f"{channel_id}: " + "; ".join(problems)
    last = steps.nth(len(titles) - 1)
    submit = last.get_by_role("button", name=channel.wizard.submit, exact=True, include_hidden=True)
    expect(submit).to_have_attribute("type", "submit")
    assert replica_sites.submissions(channel_id) == 0


def test_a_real_submit_is_counted_with_what_was_sent(
    page: Page, replica_sites: ReplicaServer
) -> None:
    page.goto(replica_sites.url("ca_ag"))
    for label, value in {
        "First Name": "Ana",
        "Last Name": "Ruiz",
        "Address": "1 Main St",
        "City": "Fresno",
        "Zip Code": "93701",
        "Business Name": "Sample Wallet Inc.",
        "Reason for your complaint": "My account was frozen.",
    }.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_label("State", exact=True).select_option("CA")
    assert replica_sites.submissions("ca_ag") == 0
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("heading", name="Complaint submitted")).to_be_visible()
    assert replica_sites.submissions("ca_ag") == 1
    sent = replica_sites.submitted("ca_ag")[0]
    assert sent.fields["business_name"] == ["Sample Wallet Inc."]
    assert sent.fields["state"] == ["CA"]
    assert replica_sites.submissions("cfpb") == 0


def test_the_wizard_refuses_missing_and_too_long_answers(
    page: Page, replica_sites: ReplicaServer
) -> None:
    page.goto(replica_sites.url("cfpb"))
    page.get_by_role("button", name="Next").click()
    step_one = page.get_by_role("heading", name="What happened?", exact=True)
    expect(step_one).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("This field is required")
    narrative = page.get_by_label("Describe what happened so we can understand the issue")
    # A script that sets the value directly is held to the limit like typing is.
    narrative.evaluate("(box, text) => { box.value = text }", "x" * 3901)
    page.get_by_label("Which of these best describes your issue?").select_option("Fraud or scam")
    page.get_by_role("button", name="Next").click()
    expect(step_one).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Use at most 3900 characters")
    narrative.fill("The wallet took $40 twice.")
    expect(page.get_by_text("3874 characters remaining")).to_be_visible()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Desired resolution")).to_be_visible()
    assert replica_sites.submissions("cfpb") == 0


def test_enter_moves_on_but_never_submits_before_the_last_page(
    page: Page, replica_sites: ReplicaServer
) -> None:
    page.goto(replica_sites.url("uk_fos"))
    # The joint complainant's block repeats these labels: the visible step is the scope.
    step = page.get_by_role("region", name="Your details")
    step.get_by_label("First name", exact=True).fill("Ada")
    step.get_by_label("Surname", exact=True).fill("Lovelace")
    step.get_by_label("Address line 1", exact=True).fill("1 High Street")
    step.get_by_label("Date of birth (dd/mm/yyyy)").fill("1980-01-31")
    step.get_by_label("Address line 1", exact=True).press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Enter a date like 31/01/1980")
    step.get_by_label("Date of birth (dd/mm/yyyy)").fill("31/01/1980")
    step.get_by_label("Address line 1", exact=True).press("Enter")
    expect(page.get_by_role("heading", name="Anyone complaining with you")).to_be_visible()
    assert replica_sites.submissions("uk_fos") == 0


def test_the_last_page_reviews_every_answer_and_skipped_pages_stay_skipped(
    page: Page, replica_sites: ReplicaServer, context: BrowserContext
) -> None:
    context.add_cookies([replica_sites.login_cookie("paypal")])  # type: ignore[list-item]
    page.goto(replica_sites.url("paypal", "complaint.html"))
    wanted = PAYPAL_TRANSACTIONS[1]
    page.get_by_role("radio", name=re.compile(wanted["id"])).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role(
        "radio", name="I want to report an unauthorized or erroneous transaction"
    ).check()
    page.get_by_role("button", name="Continue").click()
    # An unauthorized payment skips the item page.
    expect(page.get_by_role("heading", name="Tell us more")).to_be_visible()
    expect(page.locator("ol.stepbar li")).to_have_count(3)
    page.get_by_label("Describe the problem").fill("I did not make this payment.")
    review = page.locator("[data-review]")
    expect(review).to_contain_text(wanted["id"])
    expect(review).to_contain_text("I want to report an unauthorized or erroneous transaction")
    assert replica_sites.submissions("paypal") == 0


def test_login_walls_redirect_and_come_back(page: Page, replica_sites: ReplicaServer) -> None:
    page.goto(replica_sites.url("cn_12315"))
    page.get_by_role("link", name="我要投诉").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("用户登录")
    assert "login.html?next=complaint.html" in page.url
    page.get_by_label("手机号码").fill("13800138000")
    page.get_by_label("密码").fill("sample-password")
    page.get_by_label("验证码").fill("7K3P")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="投诉须知")).to_be_visible()
    assert replica_sites.logins("cn_12315") == 1
    assert replica_sites.submissions("cn_12315") == 0


def test_the_12315_company_must_be_searched_and_chosen(
    page: Page, replica_sites: ReplicaServer, context: BrowserContext
) -> None:
    context.add_cookies([replica_sites.login_cookie("cn_12315")])  # type: ignore[list-item]
    page.goto(replica_sites.url("cn_12315", "complaint.html"))
    page.get_by_role("button", name="同意").click()
    search = page.get_by_label("企业名称或统一社会信用代码")
    search.fill("支付宝")
    page.get_by_role("button", name="下一步").click()
    expect(page.get_by_role("alert")).to_contain_text("请搜索并选择被投诉企业")
    page.get_by_role("button", name="搜索").click()
    results = page.locator("#company-results li")
    expect(results).to_have_count(2)  # the similar name is offered too
    wanted = COMPANIES_12315[0]
    results.filter(has_text=wanted["name"]).get_by_role("button", name="选择企业").click()
    expect(page.get_by_text(f"已选择：{wanted['name']}")).to_be_visible()
    page.get_by_role("button", name="下一步").click()
    expect(page.get_by_role("heading", name="消费者信息")).to_be_visible()
    assert replica_sites.submissions("cn_12315") == 0


def test_a_drifted_replica_renames_one_label(page: Page, replica_sites: ReplicaServer) -> None:
    url = replica_sites.drifted("cfpb", {"First name": "Given name"})
    page.goto(url)
    expect(page.get_by_label("Given name", exact=True)).to_have_count(1)
    expect(page.get_by_label("First name", exact=True)).to_have_count(0)
    # Only that label: the others, and labels that merely contain it, are unchanged.
    expect(page.get_by_label("Last name", exact=True)).to_have_count(1)
    page.goto(replica_sites.url("cfpb"))
    expect(page.get_by_label("First name", exact=True)).to_have_count(1)
    with pytest.raises(ValueError, match="no label"):
        replica_sites.drifted("cfpb", {"Favourite colour": "Colour"})


def test_the_server_counts_submits_per_channel_and_refuses_strays(
    replica_sites: ReplicaServer,
) -> None:
    def post(path: str, data: dict[str, str]) -> int:
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(f"{replica_sites.base_url}{path}", data=body)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            return error.code

    for channel in REPLICAS:
        assert post(f"/{channel}/submit", {"x": "1"}) == 200
    drifted = replica_sites.drifted("ic3", {"First Name": "Given Name"})
    assert post(urllib.parse.urlsplit(drifted).path.rsplit("/", 1)[0] + "/submit", {}) == 200
    assert {c: replica_sites.submissions(c) for c in REPLICAS} == {
        c: 2 if c == "ic3" else 1 for c in REPLICAS
    }
    assert post("/nowhere/submit", {}) == 404
    assert post("/drift/unknown/ic3/submit", {}) == 404
    replica_sites.reset()
    assert replica_sites.submissions("ic3") == 0


def test_the_server_listens_on_loopback_only(replica_sites: ReplicaServer) -> None:
    assert urllib.parse.urlsplit(replica_sites.base_url).hostname == "127.0.0.1"
    with urllib.request.urlopen(replica_sites.url("cfpb"), timeout=10) as response:
        assert "Describe what happened" in response.read().decode()


def test_the_registry_rules_drive_the_engine_through_a_replica(
    page: Page, replica_sites: ReplicaServer
) -> None:
    """Ready for the per-site scripts: the engine, given only the channel's fill
    rules, fills each CFPB step; the wizard accepts every step; nothing is sent."""
    channel = sites.get("cfpb")
    assert channel.wizard is not None
    values = {
        "complaint_description": "The wallet charged me twice for one payment.",
        "amount": "40.00",
        "incident_date": "2025-03-03",
        "category": "payment_failed_but_charged",
        "given_name": "Ana",
        "family_name": "Ruiz",
        "address_line1": "1 Main St",
        "city": "Fresno",
        "state": "CA",
        "postal_code": "93701",
        "email": "ana@example.com",
        "company_name": "Sample Wallet Inc.",
        "desired_resolution": "Refund the second charge of $40.",
    }
    page.goto(replica_sites.url("cfpb"))
    for script in ("field_keys.js", "engine.js"):
        page.add_script_tag(path=str(REPO / "extension" / script))
    filled: set[str] = set()
    for step in channel.wizard.steps:
        region = page.get_by_role("region", name=step.title, exact=True)
        report = region.evaluate(
            "(root, [values, rules]) => PlaintEngine.fill(root, values, {rules})",
            [values, channel.fill_rules],
        )
        filled |= {f["key"] for f in report["filled"]}
        if step.next:
            page.get_by_role("button", name=step.next, exact=True).click()
            expect(page.get_by_role("alert")).to_have_count(0)
    assert filled == set(values)
    expect(
        page.get_by_role("heading", name=channel.wizard.review_marker, exact=True)
    ).to_be_visible()
    review = page.locator("[data-review]")
    for shown in ("Other transaction problem", "Mobile or digital wallet", "California", "Ana"):
        expect(review).to_contain_text(shown)
    assert replica_sites.submissions("cfpb") == 0
