"""The escalation ladder and the follow-ups computed from a case's filings."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from schemas.case import CHANNEL_IDS
from server.casework.escalation import (
    ladder,
    next_step,
    provider_channel,
    urgent_checklist,
)
from server.casework.followups import followups

D = dt.date


def case(**over: Any) -> dict[str, Any]:
    base = {
        "id": 7,
        "profile": "default",
        "company": "PayPal",
        "category": "refund_refused",
        "jurisdiction": "GB",
        "incident_date": "2024-11-29",
        "title": "Refund refused",
        "status": "draft",
        "created_at": "2024-12-01T10:00:00+00:00",
        "contacts": [],
        "filings": [],
        "evidence": [],
    }
    return {**base, **over}


def filed(store_case: dict[str, Any], channel: str, on: str, **extra: Any) -> dict[str, Any]:
    from server.casework.deadlines import filing_schedule, rules_for_filing

    j, c = store_case["jurisdiction"], store_case["category"]
    filing = {
        "id": len(store_case["filings"]) + 1,
        "channel": channel,
        "filed_on": on,
        "reference": f"REF-{channel}",
        "rules": rules_for_filing(channel, j, c),
        "milestones": [d.as_json() for d in filing_schedule(channel, j, c, D.fromisoformat(on))],
        "status": "awaiting_response",
        **extra,
    }
    store_case["filings"].append(filing)
    return filing


@pytest.mark.parametrize(
    ("company", "channel"),
    [
        ("PayPal (Europe) S.à r.l.", "paypal"),
        ("支付宝", "alipay"),
        ("Alipay.com Co., Ltd", "alipay"),
        ("财付通支付科技有限公司", "wechat_pay"),
        ("WeChat Pay", "wechat_pay"),
        ("Block, Inc. (Cash App)", "cash_app"),
        ("Revolut Ltd", "company"),
    ],
)
def test_the_provider_is_recognised_in_both_languages(company: str, channel: str) -> None:
    assert provider_channel(company) == channel


def channels(steps: list[Any]) -> list[str | None]:
    return [s.channel for s in steps]


def test_every_ladder_names_only_agreed_channel_ids() -> None:
    for jurisdiction in ("US", "GB", "CN", "DE"):
        for category in ("fraud_scam", "account_frozen", "refund_refused"):
            for company in ("PayPal", "支付宝", "Revolut"):
                steps = ladder(case(jurisdiction=jurisdiction, category=category, company=company))
                for step in steps:
                    assert step.channel in (*CHANNEL_IDS, "company", None)
                    if step.channel is None:
                        assert step.title and step.title["en"] and step.title["zh"]
                assert steps[0].stage == "provider" and steps[-1].stage == "legal"


def test_us_fraud_goes_to_the_provider_cfpb_and_the_police_channels() -> None:
    steps = ladder(case(jurisdiction="US", category="fraud_scam"), D(2025, 1, 1))
    assert channels(steps)[:5] == ["paypal", "cfpb", "ftc", "ic3", "ny_ag"]
    assert "bbb" not in channels(steps)  # the BBB takes no criminal allegations
    police = [s for s in steps if s.stage == "police"]
    assert all(s.state == "ready" and s.parallel for s in police)


def test_uk_ombudsman_waits_for_the_final_response_deadline() -> None:
    c = case()
    filed(c, "paypal", "2024-12-20")
    steps = {s.channel: s for s in ladder(c, D(2025, 1, 2))}
    assert steps["paypal"].state == "open"
    fos = steps["uk_fos"]
    assert fos.state == "waiting"
    assert fos.ready_on == D(2025, 1, 15)  # 15 business days after filing
    assert steps[None].state == "later"  # legal help
    assert next_step(list(steps.values())) is steps["paypal"]

    steps = {s.channel: s for s in ladder(c, D(2025, 1, 16))}
    assert steps["uk_fos"].state == "ready"
    assert next_step(list(steps.values())).channel == "uk_fos"


def test_a_final_response_opens_the_ombudsman_with_its_six_month_window() -> None:
    c = case()
    filed(c, "company", "2024-12-20", status="final_response", final_response_on="2025-01-06")
    steps = {s.channel: s for s in ladder(c, D(2025, 1, 7))}
    assert steps["paypal"].state == "done"  # the company's own complaint counts
    assert steps["uk_fos"].state == "ready"
    assert steps["uk_fos"].window.date == D(2025, 7, 6)


def test_cn_ladder_has_the_right_regulators_and_the_police_for_fraud() -> None:
    c = case(jurisdiction="CN", company="支付宝", category="unauthorized_transaction")
    steps = ladder(c)
    assert channels(steps)[:3] == ["alipay", "cn_12363", "cn_12378"]
    assert "cn_12315" not in channels(steps)  # not a merchant dispute
    police = [s for s in steps if s.stage == "police"]
    assert len(police) == 1 and police[0].channel is None and "公安机关" in police[0].title["zh"]
    refund = ladder(case(jurisdiction="CN", company="微信支付", category="refund_refused"))
    assert "cn_12315" in channels(refund)


def test_an_open_filing_shows_its_next_date() -> None:
    c = case(jurisdiction="US", category="no_response", company="Venmo")
    filed(c, "cfpb", "2025-01-20")
    step = next(s for s in ladder(c, D(2025, 1, 25)) if s.channel == "cfpb")
    assert step.state == "open" and step.due.date == D(2025, 2, 4)
    step = next(s for s in ladder(c, D(2025, 2, 10)) if s.channel == "cfpb")
    assert step.due.date == D(2025, 3, 21)


def test_the_urgent_checklist_comes_only_for_fraud_and_stolen_accounts() -> None:
    assert urgent_checklist(case(category="refund_refused")) == []
    for category in ("fraud_scam", "unauthorized_transaction"):
        items = urgent_checklist(case(category=category, jurisdiction="GB"))
        assert len(items) >= 5
        assert "password" in items[0]["en"] and "密码" in items[0]["zh"]
        assert any("uk_action_fraud" in i["en"] for i in items)
    cn = urgent_checklist(case(category="fraud_scam", jurisdiction="CN"))
    assert any("公安机关" in i["zh"] for i in cn)
    # No phone numbers: official contacts come from the channel registry only.
    for item in cn + urgent_checklist(case(category="fraud_scam", jurisdiction="US")):
        for text in item.values():
            assert not any(ch.isdigit() for ch in text.replace("IC3", "").replace("ic3", ""))


# -- follow-ups --------------------------------------------------------------------


def test_followups_list_due_and_overdue_items_soonest_first() -> None:
    uk = case(id=1, status="awaiting_response")
    filed(uk, "paypal", "2024-12-20")
    us = case(
        id=2,
        jurisdiction="US",
        company="Venmo",
        category="no_response",
        status="awaiting_response",
        contacts=[{"at": "2025-01-02T09:00:00+00:00", "direction": "outgoing"}],
    )
    draft = case(id=3, incident_date="2025-01-03", created_at="2025-01-04T08:00:00+00:00")
    closed = case(id=4, status="closed")
    filed(closed, "paypal", "2024-12-20")

    items = followups([uk, us, draft, closed], D(2025, 1, 10))
    assert [i.due.date for i in items] == sorted(i.due.date for i in items)
    assert 4 not in {i.case_id for i in items}
    by_case = {(i.case_id, i.due.key): i for i in items}
    # PayPal's claim deadline passed yesterday: the latest passed date is shown.
    assert by_case[(1, "escalate_to_claim")].when(D(2025, 1, 10)) == "overdue"
    # No answer to the message of 2 January: follow up after 7 days.
    assert by_case[(2, "follow_up")].due.date == D(2025, 1, 9)
    # A case never filed is due now, and PayPal's 180-day window is on the list.
    assert by_case[(3, "not_filed")].due.date == D(2025, 1, 4)
    assert by_case[(3, "window_incident")].due.date == D(2025, 7, 2)
    assert all(i.next is not None for i in items)


def test_followups_remind_of_the_ombudsman_deadline_after_a_final_response() -> None:
    c = case(status="awaiting_response")
    filed(c, "paypal", "2024-12-20", status="final_response", final_response_on="2025-01-06")
    items = followups([c], D(2025, 2, 1))
    fos = [i for i in items if i.channel == "uk_fos"]
    assert len(fos) == 1 and fos[0].due.date == D(2025, 7, 6)
    assert fos[0].next.channel == "uk_fos"
