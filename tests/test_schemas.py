"""The profile schema: what it accepts, what it refuses, what it derives."""

from __future__ import annotations

import datetime as dt

import pytest
from marshmallow import ValidationError

from schemas import profile_values, validate_profile, value_variants
from schemas.errors import flatten_errors
from schemas.validators import cn_resident_id_problem

ZH = {
    "given_name": "小明",
    "family_name": "王",
    "email": "wang@example.cn",
    "phone": "138 0013 8000",
    "address": {
        "line1": "南山区科技园路1号",
        "city": "深圳市",
        "state": "广东省",
        "postal_code": "518057",
        "country": "CN",
    },
    "id_number": "11010519491231002X",
    "date_of_birth": "1949-12-31",
    "preferred_language": "zh",
    "wallet_accounts": [{"provider": "支付宝", "account_id": "13800138000", "label": "主账户"}],
}
EN = {
    "given_name": "Ada",
    "family_name": "Lovelace",
    "email": "ada@example.com",
    "phone": "(415) 555-0100",
    "address": {
        "line1": "1 Market St",
        "line2": "Apt 5",
        "city": "San Francisco",
        "state": "CA",
        "postal_code": "94105",
        "country": "US",
    },
    "wallet_accounts": [{"provider": "PayPal", "account_id": "ada@example.com"}],
}


def errors_of(data: object) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as info:
        validate_profile(data)
    return flatten_errors(info.value.messages)


def test_chinese_profile_is_kept_and_derived_in_chinese_order() -> None:
    stored = validate_profile(ZH)
    assert stored == ZH
    values = profile_values(stored, include_sensitive=True)
    assert values["full_name"] == "王小明"
    assert values["full_address"] == "中国广东省深圳市南山区科技园路1号"
    assert values["id_number"] == "11010519491231002X"


def test_latin_profile_derives_given_family_and_western_address() -> None:
    values = profile_values(validate_profile(EN))
    assert values["full_name"] == "Ada Lovelace"
    assert values["full_address"] == ("1 Market St, Apt 5, San Francisco, CA 94105, United States")
    assert value_variants(EN)["phone"] == {"e164": "+14155550100"}
    assert "中国" not in str(value_variants(EN)["country"])
    assert "美国" in value_variants(EN)["country"]["names"]["zh"]


def test_explicit_full_name_wins_and_emoji_are_kept() -> None:
    data = {"given_name": "Zoë 🌸", "family_name": "Ng", "full_name": "Zoë 🌸 Ng-Wong"}
    assert profile_values(validate_profile(data))["full_name"] == "Zoë 🌸 Ng-Wong"


def test_sensitive_values_left_out_unless_asked() -> None:
    values = profile_values(validate_profile(ZH))
    assert "id_number" not in values and "date_of_birth" not in values


def test_lowercase_country_and_id_check_character_are_normalised() -> None:
    stored = validate_profile(
        {**ZH, "id_number": "11010519491231002x", "address": {"country": "cn"}}
    )
    assert stored["address"]["country"] == "CN"
    assert stored["id_number"] == "11010519491231002X"


def test_bad_chinese_id_checksum_is_refused() -> None:
    errors = errors_of({**ZH, "id_number": "110105194912310021"})
    assert list(errors) == ["id_number"]
    assert "checksum" in errors["id_number"][0]


def test_id_checksum_only_applies_to_chinese_addresses() -> None:
    validate_profile({**EN, "id_number": "X1234567"})


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("11010519491231002", "18 characters"),
        ("110105194902301234", "not a real date"),
        ("11010519491231002X", None),
        ("320311199003071236", None),
        ("440524188001010014", "not plausible"),
    ],
)
def test_resident_id_rules(number: str, reason: str | None) -> None:
    problem = cn_resident_id_problem(number)
    assert (problem is None) if reason is None else (reason in problem)


def test_birth_date_must_match_the_id() -> None:
    errors = errors_of({**ZH, "date_of_birth": "1950-01-01"})
    assert list(errors) == ["date_of_birth"]


def test_unknown_keys_are_refused_at_every_level() -> None:
    errors = errors_of(
        {
            **EN,
            "nickname": "x",
            "address": {"country": "US", "zip": "1"},
            "wallet_accounts": [{"provider": "PayPal", "account_id": "a", "pin": "1"}],
        }
    )
    assert errors == {
        "nickname": ["Unknown field."],
        "address.zip": ["Unknown field."],
        "wallet_accounts.0.pin": ["Unknown field."],
    }


def test_every_bad_field_is_named_at_once() -> None:
    errors = errors_of(
        {
            "given_name": "   ",
            "email": "not-an-email",
            "phone": "12",
            "address": {"country": "ZZ"},
            "date_of_birth": (dt.date.today() + dt.timedelta(days=1)).isoformat(),
            "preferred_language": "fr",
            "wallet_accounts": [{"provider": "PayPal"}],
        }
    )
    assert set(errors) == {
        "given_name",
        "email",
        "phone",
        "address.country",
        "date_of_birth",
        "preferred_language",
        "wallet_accounts.0.account_id",
    }


def test_control_characters_and_overlong_text_are_refused() -> None:
    errors = errors_of({"given_name": "a\x00b", "family_name": "x" * 101})
    assert set(errors) == {"given_name", "family_name"}


def test_phone_kept_as_typed_with_a_normalised_form() -> None:
    stored = validate_profile(ZH)
    assert stored["phone"] == "138 0013 8000"
    assert value_variants(stored)["phone"] == {"e164": "+8613800138000"}


def test_a_profile_must_be_an_object() -> None:
    assert errors_of(["not", "a", "profile"]) == {"_schema": ["A profile is a JSON object."]}
