"""The channel registry: complete, sourced, consistent with the rest of plaint,
and never fooled by a lookalike address."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

import pytest

from automations import sites
from automations.sites import (
    CATEGORY,
    PLAINT_CATEGORIES,
    SPECIAL_KEYS,
    THIRD_PARTY,
    Channel,
    FieldSpec,
    Step,
    Text,
    Wizard,
    choice,
)
from automations.sites.channel import PERSON
from automations.sites.docs import render_markdown
from schemas.keys import KEYS_BY_NAME, PROFILE_KEYS
from schemas.text import has_cjk
from tests.support.env import REPO, plaint_env

SCRIPTED = {
    "cfpb",
    "ftc",
    "ic3",
    "ca_ag",
    "uk_fos",
    "uk_action_fraud",
    "cn_12315",
    "heimao",
    "paypal",
    "coinbase",
}
GUIDED = {"alipay", "wechat_pay", "cash_app", "venmo", "cn_12378", "cn_12363"}
# Hotlines whose numbers come from secondary pages but are the channel's own
# well-known number; any other phone number must come from an official source.
KNOWN_HOTLINES = {"95188", "+86 571 95188", "95017", "12378"}


def test_every_agreed_channel_is_there_once() -> None:
    from schemas.case import CHANNEL_IDS

    ids = [c.id for c in sites.all_channels()]
    assert len(ids) == len(set(ids))
    assert sorted(ids) == sorted(CHANNEL_IDS)
    assert ids == list(sites.CHANNEL_IDS)
    assert {c.id for c in sites.all_channels() if c.automation == "script"} == SCRIPTED
    assert {c.id for c in sites.all_channels() if c.automation == "guide"} >= GUIDED


def test_categories_are_the_case_categories() -> None:
    from schemas.case import CATEGORIES

    assert tuple(CATEGORIES) == PLAINT_CATEGORIES
    for channel in sites.all_channels():
        assert tuple(channel.categories) == PLAINT_CATEGORIES, channel.id
        assert any(channel.takes(c) for c in PLAINT_CATEGORIES), channel.id


@pytest.mark.parametrize("channel", sites.all_channels(), ids=lambda c: c.id)
def test_each_channel_is_complete_and_sourced(channel: Channel) -> None:
    assert channel.names.en.strip() and has_cjk(channel.names.zh)
    assert channel.summary.en.strip() and has_cjk(channel.summary.zh)
    assert channel.url.startswith(("https://", "tel:"))
    assert channel.sources, "every fact needs a source"
    assert channel.contacts, "at least one official way to reach the channel"
    source_urls = {s.url for s in channel.sources}
    for contact in channel.contacts:
        assert contact.source.url in source_urls, f"{contact.value}: source not listed"
        if contact.kind in ("phone", "textphone", "fax"):
            assert contact.source.official or contact.value in KNOWN_HOTLINES, contact.value
    for key in (*channel.limits, *channel.forbidden_in_text):
        assert key in KEYS_BY_NAME
    if channel.automation == "guide":
        assert channel.guide is not None and channel.guide.steps
        assert all(has_cjk(step.zh) and step.en.strip() for step in channel.guide.steps)
        assert channel.fill_rules == {}
    else:
        assert channel.wizard is not None
        rules = json.loads(json.dumps(channel.fill_rules, ensure_ascii=False))
        assert [s["title"] for s in rules["steps"]] == [s.title for s in channel.wizard.steps]
        assert rules["submit"] == channel.wizard.submit
        assert set(rules["categories"]) == set(PLAINT_CATEGORIES)


def test_response_rules_match_the_deadline_table() -> None:
    from server.casework.deadlines import CHANNEL_RULES, RULES

    for channel in sites.all_channels():
        assert channel.response_rule in RULES, channel.id
        assert CHANNEL_RULES[channel.id] == channel.response_rule, channel.id


def test_only_official_numbers_and_never_a_suspect_one() -> None:
    phones = {c.value for ch in sites.all_channels() for c in ch.contacts if c.kind == "phone"}
    assert {"95188", "95017", "12363", "12378", "0800 023 4567", "0300 123 2040"} <= phones
    # A low-quality page gives 95055 for Alipay; third-party pages give FTC and
    # California numbers: none of them may appear.
    assert not {"95055", "+1 877 382 4357", "916-322-3360"} & phones
    assert [c.value for c in sites.get("alipay").contacts if c.kind == "phone"] == [
        "95188",
        "+86 571 95188",
    ]
    assert [c.value for c in sites.get("wechat_pay").contacts if c.kind == "phone"] == ["95017"]
    assert not [c for c in sites.get("cash_app").contacts if c.kind == "phone"]


def test_the_facts_that_matter_most() -> None:
    cfpb, ic3, wechat = sites.get("cfpb"), sites.get("ic3"), sites.get("wechat_pay")
    assert 3800 <= cfpb.limits["complaint_description"] <= 4000
    assert ic3.limits["complaint_description"] == 3500
    assert wechat.limits["complaint_description"] == 300
    assert wechat.guide is not None and wechat.guide.text_limit == 300
    for channel in (cfpb, ic3):
        assert {"id_number", "date_of_birth"} <= set(channel.forbidden_in_text)
    assert "account_id" in cfpb.forbidden_in_text
    fraud = cfpb.categories["fraud_scam"]
    assert fraud is not None
    assert fraud.option_for("Product") == "Money transfer, virtual currency, or money service"
    assert fraud.option_for("Sub-product") == "Mobile or digital wallet"
    assert fraud.option_for("Which of these best describes your issue?") == "Fraud or scam"
    codes = {c: m.code for c, m in wechat.categories.items() if m and m.code}
    assert codes["refund_refused"] == "REFUND" and codes["other"] == "OTHERS"
    assert set(codes.values()) <= {"REFUND", "SERVICE_NOT_WORK", "OTHERS"}
    paypal = sites.get("paypal").categories["unauthorized_transaction"]
    assert paypal is not None
    assert paypal.wording == "I want to report an unauthorized or erroneous transaction"
    assert ic3.categories["refund_refused"] is None  # not a crime
    assert sites.get("cn_12315").login_required is True


def test_someone_elses_fields_are_never_filled_from_the_profile() -> None:
    """Subject, joint-holder and representative blocks are marked, not guessed."""
    blocks = {
        "ic3": "Information About The Subject(s) Who Victimized You",
        "ftc": "Who you dealt with",
        "uk_fos": "Anyone complaining with you",
        "uk_action_fraud": "About the suspect",
    }
    for channel_id, title in blocks.items():
        wizard = sites.get(channel_id).wizard
        assert wizard is not None
        step = next(s for s in wizard.steps if s.title == title)
        keys = {f.key for f in step.fields}
        assert THIRD_PARTY in keys, channel_id
        assert not keys & set(PROFILE_KEYS), channel_id
    for channel in sites.all_channels():
        for _, spec in channel.wizard.fields() if channel.wizard else ():
            assert spec.fillable == (spec.key not in (PERSON, THIRD_PARTY))
            assert spec.key in KEYS_BY_NAME or spec.key in SPECIAL_KEYS


REAL_ADDRESSES = {
    "https://www.consumerfinance.gov/complaint/": "cfpb",
    "https://www.consumerfinance.gov/complaint/getting-started/": "cfpb",
    "https://reportfraud.ftc.gov/#/assistant": "ftc",
    "https://complaint.ic3.gov/": "ic3",
    "https://www.ic3.gov/Home/FAQ": "ic3",
    "https://oag.ca.gov/contact/consumer-complaint-against-business-or-company": "ca_ag",
    "https://formsnym.ag.ny.gov/OAGOnlineSubmissionForm/faces/OAGCFCHome.xhtml": "ny_ag",
    "https://www.financial-ombudsman.org.uk/consumers/how-to-complain": "uk_fos",
    "https://www.actionfraud.police.uk/reporting-fraud-and-cyber-crime": "uk_action_fraud",
    "https://reportfraud.police.uk/": "uk_action_fraud",
    "https://www.12315.cn/cuser/complaint": "cn_12315",
    "https://tousu.sina.com.cn/complaint/view/17300000000/": "heimao",
    "https://www.paypal.com/disputes/?ref=summary": "paypal",
    "https://www.paypal.com/disputes/cases/PP-R-ABC-123": "paypal",
    "https://help.venmo.com/hc/en-us/articles/35679933994899-Dispute-filing-timeframes": "venmo",
    "https://cash.app/help": "cash_app",
    "https://help.coinbase.com/en/coinbase/other-topics/other/how-to-send-a-complaint": "coinbase",
    "https://render.alipay.com/p/f/fd-iwwyijeh/index.html": "alipay",
    "https://kf.weixin.qq.com/": "wechat_pay",
    "https://www.bbb.org/file-a-complaint": "bbb",
    "HTTPS://WWW.PAYPAL.COM/disputes/": "paypal",
    "https://tousu.sina.com.cn./": "heimao",
}
LOOKALIKES = (
    "https://reportfraud-ftc.com/faq/",
    "https://reportfraud.ftc.gov.evil.example/",
    "https://ftc.gov.reportfraud.example/",
    "http://reportfraud.ftc.gov/",  # not https: not the real form
    "https://www.paypal.com@evil.example/disputes/",
    "https://www.paypal.com:8443/disputes/",
    "https://paypal.com.disputes.example/disputes/",
    "https://www.paypal.com/myaccount/summary",  # PayPal, but not the Resolution Center
    "https://xn--pypal-4ve.com/disputes/",
    "https://www.consumerfinance.gov/complaints-database/",
    "https://consumerfinance.gov.cn/complaint/",
    "https://12315.cn.example.com/",
    "https://tousu-sina.com.cn/",
    "https://sina.com.cn/",
    "https://help.coinbase.com.evil.example/",
    "https://alipay.com-login.example/",
    "https://notbbb.org/",
    "not a url",
    "",
)


@pytest.mark.parametrize(("url", "channel_id"), REAL_ADDRESSES.items())
def test_real_addresses_are_recognised(url: str, channel_id: str) -> None:
    found = sites.match_url(url)
    assert found is not None and found.id == channel_id


@pytest.mark.parametrize("url", LOOKALIKES)
def test_lookalike_addresses_are_not(url: str) -> None:
    assert sites.match_url(url) is None


def test_each_channel_start_address_is_its_own() -> None:
    for channel in sites.all_channels():
        if channel.url.startswith("https://"):
            found = sites.match_url(channel.url)
            assert found is not None and found.id == channel.id


def test_unknown_ids_say_which_ones_exist() -> None:
    with pytest.raises(KeyError, match="known: paypal, venmo"):
        sites.get("mybank")


def test_channels_cannot_be_changed_by_their_readers() -> None:
    channel = sites.get("cfpb")
    with pytest.raises(dataclasses.FrozenInstanceError):
        channel.url = "https://evil.example/"  # type: ignore[misc]
    with pytest.raises(TypeError):
        channel.categories["fraud_scam"] = None  # type: ignore[index]
    with pytest.raises(TypeError):
        channel.limits["complaint_description"] = 10**6  # type: ignore[index]
    assert hash(channel) == hash(sites.get("cfpb"))


def _channel(**changes: object) -> Channel:
    """The California AG channel with some of its fields changed."""
    fields = {f.name: getattr(sites.get("ca_ag"), f.name) for f in dataclasses.fields(Channel)}
    fields.update(changes)
    return Channel(**fields)  # type: ignore[arg-type]


def test_a_channel_with_a_gap_is_refused_at_once() -> None:
    assert _channel().id == "ca_ag"
    partial = dict(sites.get("ca_ag").categories)
    del partial["fees"]
    with pytest.raises(ValueError, match="every plaint category"):
        _channel(categories=partial)
    with pytest.raises(ValueError, match="needs a wizard"):
        _channel(wizard=None)
    with pytest.raises(ValueError, match="does not match"):
        _channel(url="https://evil.example/")
    with pytest.raises(ValueError, match="unknown field key"):
        _channel(limits={"narrative": 100})
    with pytest.raises(ValueError, match="host must be"):
        _channel(url_patterns=("oag.ca.gov", "Bad Host"))
    wrong_label = {c: choice(("No such field", "x")) for c in PLAINT_CATEGORIES}
    with pytest.raises(ValueError, match="No such field"):
        _channel(categories=wrong_label)
    with pytest.raises(ValueError, match="unknown key"):
        FieldSpec("Name", "nickname")
    with pytest.raises(ValueError, match="value goes with"):
        FieldSpec("Are you the victim?", CATEGORY, value="Yes")
    with pytest.raises(ValueError, match="last step"):
        Wizard(steps=(Step("One", next="Next"),), submit="Submit", review_marker="One")
    with pytest.raises(ValueError, match="both languages"):
        Text("Only English", " ")


def test_the_registry_does_not_load_playwright() -> None:
    code = (
        "import sys, automations.sites as s, automations.sites.docs, automations.sites.guides;"
        "s.all_channels(); print('playwright' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=plaint_env(),
        cwd=REPO,
        check=True,
    )
    assert out.stdout.strip() == "False"


def test_docs_channels_md_is_up_to_date() -> None:
    committed = (REPO / "docs" / "channels.md").read_text("utf-8")
    assert committed == render_markdown(), (
        "docs/channels.md is stale: run `python -m automations.sites.docs > docs/channels.md`"
    )


def test_the_docs_show_every_channel_and_its_sources() -> None:
    text = render_markdown()
    for channel in sites.all_channels():
        assert f"(`{channel.id}`)" in text
        assert all(s.url in text for s in channel.sources)
        for step in channel.wizard.steps if channel.wizard else ():
            assert f"**{step.title}**" in text
