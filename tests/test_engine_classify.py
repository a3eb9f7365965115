"""The field engine names each control of a page, in real Chromium.

One fixture page per hard case (tests/fixtures/engine/): every label style,
Chinese labels, same-origin and cross-origin frames, shadow roots, tables, two
forms on one page, someone else's details, and every kind that is never filled.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from automations import engine
from tests.support.fixtures_engine import EngineSite


def by_name(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Records by name (or id); a radio group once."""
    out: dict[str, dict[str, Any]] = {}
    for r in records:
        out.setdefault(r["name"] or r["id"], r)
    return out


def keys_of(records: list[dict[str, Any]]) -> dict[str, str | None]:
    return {name: r["key"] for name, r in by_name(records).items()}


def open_fixture(page: Page, site: EngineSite, name: str) -> list[dict[str, Any]]:
    page.goto(site.url(name))
    return engine.classify(page)


def test_every_label_style(page: Page, engine_site: EngineSite) -> None:
    records = open_fixture(page, engine_site, "labels.html")
    assert keys_of(records) == {
        "x1": "given_name",  # label[for]
        "x2": "family_name",  # wrapping label
        "x3": "email",  # aria-labelledby
        "x4": "phone",  # aria-label
        "shippingAddressLine1": "address_line1",  # camelCase name
        "contact[address][city]": "city",  # a[b][c] name
        "x7": "postal_code",  # placeholder
        "x8": "state",  # text in a sibling block
        "x9": "country",  # text before it in the same block
        "x10": "email",  # <dt> of a <dd>; "Confirm email" takes the email
        "x11": "complaint_description",  # a fieldset's legend
        "x12": "phone",  # autocomplete=tel beats the vague "Contact"
        "address_line_2": "address_line2",  # snake_case name and title
    }
    x3 = by_name(records)["x3"]
    assert x3["label"] == "Email address"
    assert any("label" in reason for reason in x3["reasons"])
    assert by_name(records)["x12"]["confidence"] == 1
    engine_site.assert_untouched(page)


def test_chinese_labels(page: Page, engine_site: EngineSite) -> None:
    keys = keys_of(open_fixture(page, engine_site, "chinese.html"))
    assert keys == {
        "c1": "full_name",  # 真实姓名
        "c2": "phone",  # 手机号码
        "c3": "email",  # 电子邮箱
        "c4": "full_address",  # 通讯地址, the only address field of its form
        "c5": "id_number",  # 身份证号
        "c6": "date_of_birth",  # 出生日期
        "c7": "company_name",  # 被投诉方
        "c8": "transaction_id",  # 交易单号
        "c9": "amount",  # 涉诉金额
        "c10": "complaint_title",  # 投诉标题
        "c11": "complaint_description",  # 详细描述
        "c12": "desired_resolution",  # 投诉要求
        "d1": "full_name",  # 姓名
        "d2": "phone",  # 联系电话
        "d3": "state",  # 省份
        "d4": "city",  # 城市
        "d5": "address_line1",  # 详细地址 beside province and city: the street part
        "d6": "postal_code",  # 邮政编码
        "d7": "id_number",  # 证件号码
        "d8": "company_name",  # 投诉对象
        "d9": "transaction_id",  # 订单号
        "d10": "complaint_description",  # 投诉内容
        "d11": "desired_resolution",  # 诉求
        "d12": "full_name",  # 联系人
    }
    engine_site.assert_untouched(page)


def test_same_origin_frame_is_reached_and_another_origin_is_not(
    page: Page, engine_site: EngineSite
) -> None:
    other = engine_site.url("frame_inner.html", host="localhost")
    page.goto(engine_site.url("frames.html") + "#other=" + other)
    page.frame_locator("#other").locator("#fn").wait_for()
    records = engine.classify(page)
    inner = engine_site.url("frame_inner.html")
    top = engine_site.url("frames.html") + "#other=" + other
    assert [(r["name"], r["key"], r["frame"]) for r in records] == [
        ("top_email", "email", top),
        ("top_company", "company_name", top),
        ("top_what", "complaint_description", top),
        ("first_name", "given_name", inner),
        ("last_name", "family_name", inner),
        ("phone", "phone", inner),
        ("postcode", "postal_code", inner),
    ]
    report = engine.fill(page, {"values": {"given_name": "Mei", "email": "mei@example.org"}})
    assert report.filled_keys == {"given_name", "email"}
    assert page.frame_locator("#same").locator("#fn").input_value() == "Mei"
    assert page.frame_locator("#other").locator("#fn").input_value() == ""

    # A frame passed explicitly is its own root, even one from another origin.
    by_url = {f.url: f for f in page.frames}
    assert [r["name"] for r in engine.classify(by_url[inner])] == [
        "first_name",
        "last_name",
        "phone",
        "postcode",
    ]
    engine.fill(by_url[other], {"values": {"family_name": "Chen"}})
    assert page.frame_locator("#other").locator("#ln").input_value() == "Chen"
    assert engine.undo(by_url[other]) == {"restored": 1, "kept": 0}
    assert page.frame_locator("#other").locator("#ln").input_value() == ""
    engine_site.assert_untouched(page)


def test_open_shadow_roots_nested(page: Page, engine_site: EngineSite) -> None:
    records = open_fixture(page, engine_site, "shadow.html")
    assert keys_of(records) == {
        "n": "full_name",
        "m": "email",
        "c": "city",
        "z": "postal_code",
        "pe": None,  # under "Person you paid"
    }
    assert by_name(records)["pe"]["refused"] == "third_party"
    report = engine.fill(page, {"values": {"full_name": "Mei Chen", "city": "Leeds"}})
    assert report.filled_keys == {"full_name", "city"}
    assert page.locator("complaint-form").locator("#c").input_value() == "Leeds"
    engine_site.assert_untouched(page)


def test_table_layouts(page: Page, engine_site: EngineSite) -> None:
    assert keys_of(open_fixture(page, engine_site, "table.html")) == {
        "t1": "given_name",
        "t2": "family_name",
        "t3": "email",
        "t4": "address_line1",
        "t5": "city",
        "u1": "amount",  # column headers above the inputs
        "u2": "transaction_id",
        "u3": "incident_date",
    }
    engine_site.assert_untouched(page)


def test_two_forms_fill_only_the_complaint(page: Page, engine_site: EngineSite) -> None:
    records = open_fixture(page, engine_site, "two_forms.html")
    found = [(r["name"], r["key"], r["refused"]) for r in records]
    assert found == [
        ("q", None, None),  # the site search
        ("email", None, "sign_in"),  # the sign-in form is not filled
        ("password", None, "password"),
        ("name", "full_name", None),
        ("email", "email", None),
        ("phone", "phone", None),
        ("what", "complaint_description", None),
        ("nl_email", None, None),  # "Subscribe to our newsletter"
    ]
    values = {"full_name": "Mei Chen", "email": "mei@example.org", "phone": "07700 900123"}
    report = engine.fill(page, {"values": values})
    assert [f["field"]["name"] for f in report.filled] == ["name", "email", "phone"]
    assert page.input_value("#si-email") == ""
    assert page.input_value("#nl") == ""
    assert page.input_value("input[name=q]") == ""
    engine_site.assert_untouched(page)


def test_someone_elses_details_are_refused(page: Page, engine_site: EngineSite) -> None:
    records = open_fixture(page, engine_site, "third_party.html")
    own = {"your_name", "your_email", "your_phone", "your_city"}
    for name, r in by_name(records).items():
        if name in own:
            assert r["key"] and not r["refused"], name
        else:
            assert (r["key"], r["refused"]) == (None, "third_party"), name
    values = {
        "full_name": "Mei Chen",
        "given_name": "Mei",
        "email": "mei@example.org",
        "phone": "07700 900123",
        "full_address": "12 Harbour Road, Leeds",
        "city": "Leeds",
    }
    report = engine.fill(page, {"values": values})
    assert sorted(f["field"]["name"] for f in report.filled) == sorted(own)
    for name in ("s1", "s2", "s3", "s4", "j1", "j2", "f1", "f2", "f3", "f4", "r1", "r2"):
        assert page.input_value(f"[name={name}]") == "", name
    engine_site.assert_untouched(page)


REFUSED = {
    "pw": "password",
    "pw2": "password",
    "code1": "otp",
    "code2": "otp",
    "captcha_answer": "captcha",
    "cardnumber": "card",
    "cvv": "cvv",
    "bank": "bank_card",
    "seed": "seed",
    "pk": "seed",
    "mnemonic": "seed",
    "file": "file",
    "sq": "password",
    "sig": "consent",
    "agree": "consent",
    "certify": "consent",
    "consent_zh": "consent",
}


def test_every_refused_kind_stays_empty(page: Page, engine_site: EngineSite) -> None:
    records = by_name(open_fixture(page, engine_site, "refused.html"))
    assert {n: r["refused"] for n, r in records.items() if r["refused"]} == REFUSED
    assert records["email"]["key"] == "email"
    assert records["phone"]["key"] == "phone"
    every_value = {
        "full_name": "Mei Chen",
        "given_name": "Mei",
        "email": "mei@example.org",
        "phone": "07700 900123",
        "id_number": "A1234567",
        "account_id": "mei@example.org",
        "transaction_id": "8XK21934LP556201M",
        "complaint_description": "My account was frozen.",
    }
    report = engine.fill(
        page,
        {"values": every_value, "sensitive_allowed": ["id_number"]},
    )
    assert report.filled_keys == {"email", "phone"}
    skipped = {s["field"]["name"]: s["reason"] for s in report.skipped}
    assert skipped == REFUSED
    for name in REFUSED:
        control = page.locator(f"[name={name}]")
        if control.get_attribute("type") in ("checkbox",):
            assert not control.is_checked(), name
        elif control.get_attribute("type") != "file":
            assert control.input_value() == "", name
    engine_site.assert_untouched(page)


def test_split_phone_and_dialling_code(page: Page, engine_site: EngineSite) -> None:
    records = by_name(open_fixture(page, engine_site, "phone.html"))
    assert records["mobile"]["key"] == "phone"
    assert records["cc"]["key"] is None
    assert [records[n]["key"] for n in ("day1", "day2", "day3")] == [None, None, None]
    payload = {
        "values": {"phone": "138 0013 8000", "full_name": "陈梅"},
        "variants": {"phone": {"e164": "+8613800138000"}},
    }
    report = engine.fill(page, payload)
    assert page.input_value("#p-cc") == "86"  # China (+86), not Hong Kong (+852)
    assert page.input_value("#p-mobile") == "13800138000"
    assert {s["field"]["name"]: s["reason"] for s in report.skipped} == {
        "email": "no_value",
        "day1": "split_field",
        "day2": "split_field",
        "day3": "split_field",
    }
    engine_site.assert_untouched(page)


@pytest.mark.parametrize("name", ["labels.html", "kinds.html", "chinese.html"])
def test_classify_record_shape(page: Page, engine_site: EngineSite, name: str) -> None:
    for r in open_fixture(page, engine_site, name):
        assert set(r) >= {"id", "name", "tag", "type", "label", "key", "confidence", "frame"}
        assert r["tag"] in ("input", "select", "textarea")
        assert 0 <= r["confidence"] <= 1
        assert r["frame"] == engine_site.url(name)
        assert (r["key"] is None) or (r["refused"] is None)
