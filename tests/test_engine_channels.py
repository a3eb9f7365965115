"""The engine with each channel's own rules (automations.sites) on its replica form:
the person's fields are filled, someone else's never, nothing is submitted."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from automations import engine
from automations.sites import get
from tests.support.fixtures_sites import REPLICAS, ReplicaServer

# The page of each replica where the complaint form is.
FORM_PAGE = {
    "ftc": "report.html",
    "uk_action_fraud": "report.html",
    "cn_12315": "complaint.html",
    "heimao": "complaint.html",
    "paypal": "complaint.html",
    "coinbase": "complaint.html",
}
VALUES = {
    "given_name": "Mei",
    "family_name": "Chen",
    "full_name": "Mei Chen",
    "email": "mei.chen@example.org",
    "phone": "+44 20 7946 0018",
    "address_line1": "12 Harbour Road",
    "city": "Leeds",
    "state": "NY",
    "postal_code": "LS1 4AB",
    "country": "GB",
    "full_address": "12 Harbour Road, Leeds LS1 4AB, United Kingdom",
    "company_name": "PayPal",
    "account_id": "mei.chen@example.org",
    "transaction_id": "8XK21934LP556201M",
    "incident_date": "2025-03-03",
    "amount": "129.99",
    "currency": "USD",
    "category": "account_frozen",
    "complaint_title": "Wallet frozen since March",
    "complaint_description": "My wallet was frozen on 3 March; support never answered.",
    "desired_resolution": "Unfreeze the wallet and return my balance.",
}


@pytest.mark.parametrize("channel", sorted(REPLICAS))
def test_channel_rules_on_the_replica(
    page: Page, replica_sites: ReplicaServer, channel: str
) -> None:
    page.context.add_cookies([replica_sites.login_cookie(channel)])  # type: ignore[list-item]
    page.goto(replica_sites.url(channel, FORM_PAGE.get(channel)))
    rules = get(channel).fill_rules
    payload = {
        "values": VALUES,
        "variants": {"country": {"names": {"en": ["United Kingdom"], "zh": ["英国"]}}},
        "channel": {"id": channel, "rules": rules},
    }
    records = engine.classify(page, rules)
    report = engine.fill(page, payload)

    refused = [r for r in records if r["refused"] == "third_party"]
    for r in refused:
        selector = f"[name='{r['name']}']" if r["name"] else f"#{r['id']}"
        for control in page.locator(selector).all():
            kind = control.get_attribute("type")
            if kind in ("radio", "checkbox"):
                continue  # questions about others are answered by the person
            assert control.input_value() == "", f"{channel}: {r['label']!r} was filled"
    # The replicas name someone else's fields subject_…, joint_…, rep_…, recipient…
    keyed = {r["name"] for r in records if r["key"]}
    assert not {n for n in keyed if n.startswith(("subject_", "joint_", "rep_", "recipient"))}
    # Fields on the page shown now are filled; later steps stay hidden until the
    # person moves on (12315 opens on a notice the person agrees to first).
    # Where the page has no choice for a value (West Yorkshire is no US state, a
    # category the channel has no wording for), the report says so instead.
    shown = {r["key"] for r in records if r["key"] and r["visible"]} & set(VALUES)
    unmatched = {s.get("key") for s in report.skipped if s["reason"] == "no_option"}
    assert shown <= report.filled_keys | unmatched, shown - report.filled_keys
    assert replica_sites.submissions(channel) == 0
