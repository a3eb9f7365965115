"""Complaint letters: every fact in both languages, three formats, fitted to a limit."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest

from server.casework.letters import (
    LetterTooLong,
    compose_letter,
    format_amount,
    format_date,
    sentence_ends,
    utf16_length,
)
from tests.support.fixtures_cases import PROFILE_EN

TODAY = dt.date(2025, 1, 2)
PROFILE_ZH = {
    "full_name": "王小明",
    "email": "wang@example.cn",
    "phone": "+86 138 0013 8000",
    "address": {"line1": "科技园路1号", "city": "深圳市", "state": "广东省", "country": "CN"},
}


def facts(case: dict[str, Any], lang: str) -> list[str]:
    """Every fact of the case as the letter in ``lang`` must show it."""
    out = [
        case["company"],
        case["account_id"],
        case["title"],
        case["narrative"],
        case["desired_resolution"],
        format_date(case["incident_date"], lang),
        *case["transaction_ids"],
    ]
    for item in case["evidence"]:
        out += [item["file_name"], item["sha256"]]
        if item.get("note"):
            out.append(item["note"])
    for c in case["contacts"]:
        out += [c["summary"], c["person"], c["reference"], c["outcome"]]
    for f in case["filings"]:
        out += [f["reference"], format_date(f["filed_on"], lang)]
    return out


@pytest.mark.parametrize("which", ["zh", "en"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_both_languages_carry_every_fact(full_case: Any, which: str, lang: str) -> None:
    case = full_case(which)
    profile = PROFILE_ZH if which == "zh" else PROFILE_EN
    letter = compose_letter(case, profile, lang, today=TODAY)
    for fact in facts(case, lang):
        assert fact in letter.text, fact
    assert format_amount(case["amount"], case["currency"], lang) in letter.text
    assert format_date(letter.reply_by, lang) in letter.text
    for value in ("wang@example.cn", "j.doe@example.com"):
        if value in str(profile):
            assert value in letter.text
    assert not letter.shortened and letter.notes == ()
    assert letter.length == utf16_length(letter.text)


def test_amounts_and_dates_read_naturally_in_each_language() -> None:
    assert format_amount("1234.5", "GBP", "en") == "GBP 1,234.50"
    assert format_amount("1234.50", "CNY", "zh") == "人民币 1,234.50 元（CNY）"
    assert format_amount("1000", "USD", "zh") == "1,000.00 美元（USD）"
    assert format_amount("50000", "JPY", "en") == "JPY 50,000"
    assert format_amount("0.00012345", "USD", "en") == "USD 0.00012345"
    assert format_date("2024-03-05", "en") == "5 March 2024"
    assert format_date("2024-03-05", "zh") == "2024年3月5日"


def test_a_uk_firm_is_asked_for_its_final_response(full_case: Any) -> None:
    case = full_case("en")  # GB, PayPal, refund refused
    en = compose_letter(case, PROFILE_EN, "en", today=TODAY).text
    assert "final response" in en and "Financial Ombudsman Service" in en
    assert "15 business days" in en and "35 business days" in en
    assert format_date(dt.date(2025, 1, 23), "en") in en  # 15 UK business days from 2 Jan
    zh = compose_letter(case, PROFILE_EN, "zh", today=TODAY).text
    assert "最终答复" in zh and "final response" in zh and "15个工作日" in zh


def test_a_uk_account_closure_gets_eight_weeks(full_case: Any, case_store: Any) -> None:
    case = full_case("en")
    case = case_store.update(case["id"], {"category": "account_frozen"})
    text = compose_letter(case, PROFILE_EN, "en", today=TODAY).text
    assert "final response" in text and "eight weeks" in text
    assert format_date(dt.date(2025, 2, 27), "en") in text


def test_elsewhere_the_letter_asks_for_a_reply_without_ombudsman_talk(full_case: Any) -> None:
    text = compose_letter(full_case("zh"), PROFILE_ZH, "zh", today=TODAY).text
    assert "申诉专员" not in text and "final response" not in text
    assert "请于2025年1月16日前书面答复本人" in text  # the general 14 days


def test_markdown_and_html_escape_what_the_person_typed(case_store: Any, case_data: Any) -> None:
    data = case_data("en")
    data["narrative"] = "The *seller* wrote <script>alert(1)</script> & left.\n# not a heading"
    case = case_store.require(case_store.create("default", data)["id"])
    md = compose_letter(case, PROFILE_EN, "en", fmt="md", today=TODAY).text
    assert r"\*seller\*" in md and r"\<script\>" in md
    assert "\n\\# not a heading" in md
    page = compose_letter(case, PROFILE_EN, "en", fmt="html", today=TODAY).text
    assert "<script>" not in page
    assert html.escape("<script>alert(1)</script> & left.") in page
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    zh_page = compose_letter(case, PROFILE_EN, "zh", fmt="html", today=TODAY).text
    assert '<html lang="zh-CN">' in zh_page


# -- fitting a limit -------------------------------------------------------------------


def narrative_in(text: str, narrative: str) -> str:
    """The part of the narrative the letter kept (a prefix of it)."""
    for end in reversed([0, *sentence_ends(narrative)]):
        kept = narrative[:end].rstrip()
        if kept and kept in text:
            return kept
    return ""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_fitting_drops_whole_parts_and_never_cuts_a_sentence(
    full_case: Any, case_store: Any, lang: str
) -> None:
    case = full_case("zh")
    sentences = [f"第{i}句：客服又一次答应退款，但什么也没发生。" for i in range(1, 30)]
    narrative = "".join(sentences)
    case = case_store.update(case["id"], {"narrative": narrative})
    full = compose_letter(case, PROFILE_ZH, lang, today=TODAY)
    previous = full.length
    for limit in range(full.length - 1, 0, -97):
        try:
            letter = compose_letter(case, PROFILE_ZH, lang, channel_limit=limit, today=TODAY)
        except LetterTooLong as exc:
            assert exc.limit == limit
            break
        assert letter.length <= limit
        assert letter.shortened and letter.notes
        kept = narrative_in(letter.text, narrative)
        if kept:
            assert kept[-1] == "。"  # ends on a whole sentence
        assert letter.length <= previous or letter.length <= limit
        previous = letter.length
    else:
        pytest.fail("a small enough limit must be refused")


def test_the_order_of_what_is_left_out(full_case: Any) -> None:
    case = full_case("en")
    full = compose_letter(case, PROFILE_EN, "en", today=TODAY)
    just_under = compose_letter(case, PROFILE_EN, "en", channel_limit=full.length - 5, today=TODAY)
    assert "your contact details" in just_under.notes[-1]
    assert PROFILE_EN["email"] not in just_under.text.split("Formal complaint")[0]
    assert case["evidence"][0]["sha256"] in just_under.text  # hashes still there
    tight = compose_letter(case, PROFILE_EN, "en", channel_limit=full.length - 330, today=TODAY)
    assert "the evidence hashes" in tight.notes[-1]
    assert case["evidence"][0]["sha256"] not in tight.text
    assert case["evidence"][0]["file_name"] in tight.text
    # The essentials stay to the end.
    for fact in (case["title"], case["desired_resolution"], "GBP 89.90", "8AB12345CD6789012"):
        assert fact in tight.text


def test_limits_count_utf16_units_like_a_form(full_case: Any, case_store: Any) -> None:
    case = full_case("en")
    case = case_store.update(case["id"], {"narrative": "😞" * 300 + " The end."})
    full = compose_letter(case, PROFILE_EN, "en", today=TODAY)
    assert full.length == len(full.text) + 300  # each emoji is two UTF-16 units
    letter = compose_letter(case, PROFILE_EN, "en", channel_limit=len(full.text), today=TODAY)
    assert utf16_length(letter.text) <= len(full.text)


def test_a_channel_that_forbids_personal_details_gets_none(full_case: Any, case_store: Any) -> None:
    case = full_case("en")
    narrative = case["narrative"] + " My account j.doe@example.com was charged."
    case = case_store.update(case["id"], {"narrative": narrative})
    letter = compose_letter(
        case,
        PROFILE_EN,
        "en",
        channel="cfpb",
        channel_name="CFPB",
        channel_limit=3900,
        forbidden=("full_name", "email", "phone", "address_line1", "account_id"),
        today=TODAY,
    )
    for secret in ("j.doe@example.com", "Jane Doe", "+44 20 7946 0018", "12 Orchard Lane"):
        assert secret not in letter.text
    assert "[removed]" in letter.text
    assert "CFPB" in letter.notes[0]
    assert "I am complaining about PayPal" in letter.text
    assert "Dear Sir or Madam" not in letter.text


def test_sentence_ends_respect_decimals_and_both_scripts() -> None:
    text = "I paid 12.50 GBP. They said no! 我再次联系。结果没有回复\n\nNew paragraph."
    parts = [text[:e] for e in sentence_ends(text)]
    assert parts[0] == "I paid 12.50 GBP."
    assert parts[2].endswith("我再次联系。")
    assert parts[-1] == text
    assert re.search(r"12\.$", "".join(parts)) is None


def test_a_small_box_gets_the_compact_layout_with_every_essential(full_case: Any) -> None:
    case = full_case("zh")
    letter = compose_letter(
        case, PROFILE_ZH, "zh", channel_limit=300, channel="wechat_pay", today=TODAY
    )
    assert letter.length <= 300
    assert "开头语和各部分标题" in letter.notes[-1]
    text = letter.text
    for fact in (
        case["title"],
        case["company"],
        "人民币 1,234.50 元（CNY）",
        "2024年3月5日",
        *case["transaction_ids"],
        case["desired_resolution"],
    ):
        assert fact in text, fact
    assert "基本事实" not in text  # no headings
    assert text.count(case["transaction_ids"][0]) == 1  # not repeated after the title
    kept = narrative_in(text, case["narrative"])
    assert kept and kept[-1] == "。"
