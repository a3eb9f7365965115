"""The deadline table and its date arithmetic: weekends, holidays, month ends."""

from __future__ import annotations

import datetime as dt

import pytest

from schemas.case import CATEGORIES, FILING_CHANNELS
from server.casework.deadlines import (
    CHANNEL_RULES,
    RULES,
    Period,
    add_business_days,
    add_months,
    add_period,
    filing_schedule,
    is_business_day,
    reply_deadline,
    rules_for_filing,
    schedule,
    windows,
)

D = dt.date


def dues(rule_id: str, start: dt.date) -> dict[str, dt.date]:
    return {d.key: d.date for d in schedule(rule_id, start)}


# -- arithmetic ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (D(2025, 1, 3), 1, D(2025, 1, 6)),  # Friday → Monday
        (D(2025, 1, 4), 1, D(2025, 1, 6)),  # Saturday: Monday is the first business day
        (D(2025, 1, 5), 5, D(2025, 1, 10)),  # Sunday + 5 → Friday
        (D(2025, 1, 30), 3, D(2025, 2, 4)),  # across a month end and a weekend
        (D(2024, 12, 31), 1, D(2025, 1, 1)),  # across a year end, no holidays counted
        (D(2025, 1, 6), 0, D(2025, 1, 6)),
    ],
)
def test_business_days_skip_weekends(start: dt.date, count: int, expected: dt.date) -> None:
    assert add_business_days(start, count) == expected


def test_uk_business_days_skip_bank_holidays() -> None:
    # 15 business days from Friday 20 December 2024: Christmas, Boxing Day and
    # New Year's Day do not count.
    assert add_business_days(D(2024, 12, 20), 15, "GB") == D(2025, 1, 15)
    # Good Friday and Easter Monday 2025.
    assert add_business_days(D(2025, 4, 17), 1, "GB") == D(2025, 4, 22)
    assert not is_business_day(D(2025, 12, 25), "GB")
    assert is_business_day(D(2025, 12, 24), "GB")


def test_chinese_working_days_follow_the_holiday_swaps() -> None:
    # Sunday 29 September 2024 was a working day, 1–7 October the National Day
    # holiday, and Saturday 12 October a working day again.
    assert is_business_day(D(2024, 9, 29), "CN")
    assert not is_business_day(D(2024, 10, 7), "CN")
    assert is_business_day(D(2024, 10, 12), "CN")
    assert add_business_days(D(2024, 9, 27), 7, "CN") == D(2024, 10, 12)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2025, 8, 31), 6, D(2026, 2, 28)),
        (D(2025, 12, 15), 1, D(2026, 1, 15)),
        (D(2025, 3, 31), 1, D(2025, 4, 30)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
    ],
)
def test_months_end_on_the_last_day_of_a_shorter_month(
    start: dt.date, months: int, expected: dt.date
) -> None:
    assert add_months(start, months) == expected


def test_weeks_and_days_are_calendar_time() -> None:
    assert add_period(D(2025, 1, 31), Period(8, "weeks")) == D(2025, 3, 28)
    assert add_period(D(2025, 2, 20), Period(15, "days")) == D(2025, 3, 7)


def test_negative_business_days_are_refused() -> None:
    with pytest.raises(ValueError):
        add_business_days(D(2025, 1, 1), -1)


# -- the rules ---------------------------------------------------------------------


def test_cfpb_company_answers_in_15_days_and_closes_in_60() -> None:
    assert dues("cfpb", D(2025, 1, 20)) == {
        "company_response": D(2025, 2, 4),
        "closing": D(2025, 3, 21),
    }


def test_uk_payment_firms_have_15_then_35_business_days_others_8_weeks() -> None:
    assert dues("uk_payment_firm", D(2025, 1, 31)) == {
        "final_response": D(2025, 2, 21),
        "final_response_exceptional": D(2025, 3, 21),
    }
    assert dues("uk_firm", D(2025, 1, 31)) == {"final_response": D(2025, 3, 28)}


def test_the_ombudsman_must_hear_within_six_months_of_the_final_response() -> None:
    (last,) = windows("uk_fos", "refund_refused", None, D(2025, 8, 31))
    assert last.date == D(2026, 2, 28)
    assert last.who == "you"


def test_12315_accepts_in_7_working_days_and_mediates_for_45_more() -> None:
    result = dues("cn_12315", D(2024, 9, 27))
    assert result["accept"] == D(2024, 10, 12)
    # 45 working days counted from the acceptance deadline, not from filing.
    assert result["mediation_end"] == add_business_days(D(2024, 10, 12), 45, "CN")


def test_paypal_180_days_to_dispute_and_20_to_escalate() -> None:
    (window,) = windows("paypal", "refund_refused", D(2024, 1, 31))
    assert window.date == D(2024, 7, 29)
    assert dues("paypal", D(2024, 3, 1)) == {"escalate_to_claim": D(2024, 3, 21)}


def test_general_advice_is_follow_up_after_7_and_escalate_after_14_days() -> None:
    assert dues("general_followup", D(2025, 2, 24)) == {
        "follow_up": D(2025, 3, 3),
        "escalate": D(2025, 3, 10),
    }


def test_venmo_windows_depend_on_the_kind_of_problem() -> None:
    assert windows("venmo", "refund_refused", D(2025, 1, 1))[0].date == D(2025, 6, 30)
    assert windows("venmo", "fees", D(2025, 1, 1))[0].date == D(2025, 3, 2)
    assert windows("venmo", "unauthorized_transaction", D(2025, 1, 1)) == []


@pytest.mark.parametrize(
    ("channel", "jurisdiction", "category", "expected"),
    [
        ("paypal", "GB", "refund_refused", ["uk_payment_firm", "paypal"]),
        ("paypal", "GB", "account_frozen", ["uk_firm", "paypal"]),
        ("company", "GB", "fees", ["uk_payment_firm"]),
        ("paypal", "US", "refund_refused", ["paypal"]),
        ("company", "US", "no_response", ["general_followup"]),
        ("cfpb", "US", "fraud_scam", ["cfpb"]),
        ("ic3", "US", "fraud_scam", ["report_only"]),
        ("cn_12315", "CN", "refund_refused", ["cn_12315"]),
        ("uk_fos", "GB", "refund_refused", ["uk_fos"]),
    ],
)
def test_which_rules_a_filing_runs_under(
    channel: str, jurisdiction: str, category: str, expected: list[str]
) -> None:
    assert rules_for_filing(channel, jurisdiction, category) == expected


def test_a_filing_schedule_is_sorted_soonest_first() -> None:
    dates = [d.date for d in filing_schedule("paypal", "GB", "refund_refused", D(2024, 12, 20))]
    assert dates == sorted(dates)
    assert D(2025, 1, 9) in dates and D(2025, 1, 15) in dates


def test_reply_deadline_uses_the_addressees_rule() -> None:
    uk = reply_deadline("GB", "refund_refused", "paypal", D(2024, 12, 20))
    assert (uk.rule, uk.date) == ("uk_payment_firm", D(2025, 1, 15))
    # PayPal's own rule only sets the person's deadline: the general 14 days apply.
    us = reply_deadline("US", "refund_refused", "paypal", D(2025, 3, 3))
    assert (us.rule, us.date) == ("general_followup", D(2025, 3, 17))
    assert reply_deadline("US", "fraud_scam", "cfpb", D(2025, 1, 20)).date == D(2025, 2, 4)


# -- the table itself ----------------------------------------------------------------


def test_every_rule_has_sources_and_both_languages() -> None:
    for rule in RULES.values():
        assert rule.sources, rule.id
        assert rule.certainty in ("official", "secondary", "unsure")
        assert rule.names["en"] and rule.names["zh"]
        for m in rule.milestones:
            for text in (m.label, m.action):
                assert text["en"].strip() and text["zh"].strip(), (rule.id, m.key)
            assert m.after is None or m.after in {x.key for x in rule.milestones}
        for w in rule.windows:
            assert w.label["en"] and w.label["zh"]
            assert set(w.categories) <= set(CATEGORIES)


def test_every_channel_has_a_rule_in_the_table() -> None:
    assert set(CHANNEL_RULES) == set(FILING_CHANNELS)
    assert set(CHANNEL_RULES.values()) <= set(RULES)


def test_the_registry_names_the_same_rule_for_each_channel() -> None:
    sites = pytest.importorskip("automations.sites")
    for channel in sites.all_channels():
        if channel.response_rule is not None:
            assert channel.response_rule == CHANNEL_RULES[channel.id], channel.id


def test_the_documented_table_names_every_rule_and_source() -> None:
    from tests.support.env import REPO

    doc = (REPO / "docs" / "cases.md").read_text(encoding="utf-8")
    for rule in RULES.values():
        assert f"| `{rule.id}` |" in doc, rule.id
        for source in rule.sources:
            if source.startswith("http"):
                assert source in doc, (rule.id, source)
