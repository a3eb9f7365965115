"""Case input: every bad field named, exact amounts, and the canonical case values."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from marshmallow import ValidationError

from schemas.case import (
    CATEGORIES,
    CHANNEL_IDS,
    case_values,
    plain_amount,
    validate_case,
    validate_contact,
    validate_filing,
)
from schemas.errors import flatten_errors
from schemas.keys import CASE_KEYS


def errors_of(data: Any) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as info:
        validate_case(data)
    return flatten_errors(info.value.messages)


def test_a_valid_case_loads_to_its_stored_json_form(case_data: Any) -> None:
    data = case_data("zh")
    data["currency"] = "cny"
    data["title"] = "  " + data["title"] + "  "
    clean = validate_case(data)
    assert clean["currency"] == "CNY"
    assert clean["title"] == case_data("zh")["title"]
    assert clean["amount"] == "1234.50"  # exact text, trailing zero kept
    assert clean["status"] == "draft"
    assert clean["narrative"] == case_data("zh")["narrative"]  # newlines and emoji kept


@pytest.mark.parametrize(
    ("raw", "stored"),
    [("0.1", "0.1"), ("1,234.50", "1234.50"), (" 12 ", "12"), (".5", "0.5"), ("007.10", "7.10")],
)
def test_amounts_are_exact_decimal_text(raw: Any, stored: str) -> None:
    clean = validate_case({**_minimal(), "amount": raw, "currency": "USD"})
    assert clean["amount"] == stored
    assert plain_amount(clean["amount"]) == stored


@pytest.mark.parametrize("raw", [0.1, 12, "1E+3", "12.", "1.2.3", "¥12", "Infinity", True])
def test_amounts_that_are_not_decimal_text_are_refused(raw: Any) -> None:
    assert "amount" in errors_of({**_minimal(), "amount": raw, "currency": "USD"})


def test_every_bad_field_is_named_at_once() -> None:
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    errors = errors_of(
        {
            **_minimal(),
            "amount": "-5",
            "currency": "XYZ",
            "category": "bad_luck",
            "incident_date": tomorrow,
            "jurisdiction": "ZZ",
            "nickname": "x",
        }
    )
    assert set(errors) == {
        "amount",
        "currency",
        "category",
        "incident_date",
        "jurisdiction",
        "nickname",
    }
    assert "more than zero" in errors["amount"][0]
    assert "future" in errors["incident_date"][0]
    assert "ISO 4217" in errors["currency"][0]


def test_required_fields_are_named_when_missing() -> None:
    errors = errors_of({})
    assert set(errors) == {
        "company",
        "category",
        "jurisdiction",
        "title",
        "narrative",
        "desired_resolution",
    }


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"amount": "0"}, "amount"),
        ({"amount": "nan", "currency": "USD"}, "amount"),
        ({"amount": "1.123456789", "currency": "USD"}, "amount"),
        ({"amount": "5"}, "currency"),
        ({"currency": "USD"}, "amount"),
        ({"title": "   "}, "title"),
        ({"title": "a\x00b"}, "title"),
        ({"transaction_ids": ["ok", ""]}, "transaction_ids.1"),
        ({"incident_date": "1989-12-31"}, "incident_date"),
        ({"status": "won"}, "status"),
    ],
)
def test_each_rule_refuses_with_the_field_named(extra: dict[str, Any], field: str) -> None:
    assert field in errors_of({**_minimal(), **extra})


def test_a_case_must_be_an_object() -> None:
    assert errors_of(["not", "a", "case"]) == {"_schema": ["A case is a JSON object."]}


def test_case_values_speak_the_canonical_case_keys(case_data: Any) -> None:
    values = case_values(validate_case(case_data("zh")))
    assert set(values) == set(CASE_KEYS)
    assert values["transaction_id"] == "2024030522001488881234567890, T-0099"
    assert values["amount"] == "1234.50"
    assert values["incident_date"] == "2024-03-05"
    assert values["company_name"] == case_data("zh")["company"]
    assert values["complaint_description"] == case_data("zh")["narrative"]
    minimal = case_values(validate_case(_minimal()))
    assert "amount" not in minimal and "transaction_id" not in minimal


def test_contacts_and_filings_are_checked_too() -> None:
    with pytest.raises(ValidationError) as info:
        validate_contact({"channel": "", "summary": "x", "direction": "sideways"})
    assert set(flatten_errors(info.value.messages)) == {"channel", "direction"}
    contact = validate_contact({"channel": "phone", "summary": "Called", "at": "2024-03-06"})
    assert contact["at"].startswith("2024-03-06T12:00:00")
    with pytest.raises(ValidationError) as info:
        validate_filing({"channel": "myspace", "filed_on": "2999-01-01"})
    assert set(flatten_errors(info.value.messages)) == {"channel", "filed_on"}
    assert validate_filing({"channel": "cfpb"})["filed_on"] == dt.date.today().isoformat()


def test_the_agreed_channel_ids_and_categories_match_the_registry() -> None:
    sites = pytest.importorskip("automations.sites")
    assert set(sites.CHANNEL_IDS) == set(CHANNEL_IDS)
    assert tuple(sites.PLAINT_CATEGORIES) == tuple(CATEGORIES)


def _minimal() -> dict[str, Any]:
    return {
        "company": "Venmo",
        "category": "no_response",
        "jurisdiction": "US",
        "title": "No answer for three weeks",
        "narrative": "I wrote three times.",
        "desired_resolution": "An answer.",
    }
