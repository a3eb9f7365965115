"""Guides render in both languages, and copy-ready texts fit each channel's limit."""

from __future__ import annotations

import re

import pytest

from automations import sites
from automations.sites.fitting import ELLIPSIS, fit_text, form_length
from automations.sites.guides import render_guide
from schemas.text import has_cjk

GUIDED = [c for c in sites.all_channels() if c.automation == "guide"]

STORY_EN = (
    "On 3 March 2025 I paid 129.99 USD to a merchant through the wallet for a phone case. "
    "The payment failed in the app, but the money left my account the same day. "
    "I contacted customer service on 4, 9 and 15 March and got no answer. "
    "I ask for the full amount to be refunded within 14 days. "
) * 4
STORY_ZH = (
    "2025年3月3日，我通过微信支付向商家付款299元购买会员服务。付款显示成功，但服务一直没有生效。"
    "我于3月4日、9日和15日三次联系商家客服，均未得到答复。请商家在7日内全额退款，并说明原因。"
) * 4


@pytest.mark.parametrize("channel", GUIDED, ids=lambda c: c.id)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_guide_renders_in_both_languages(channel: sites.Channel, lang: str) -> None:
    story = STORY_ZH if lang == "zh" else STORY_EN
    guide = render_guide(channel, lang, story)
    assert guide.title == channel.name(lang)
    assert guide.steps and guide.contacts
    if lang == "zh":
        assert all(has_cjk(step) for step in guide.steps)
    else:
        # English steps may quote an app's Chinese button, never be written in Chinese.
        assert all(len(re.findall(r"[\u4e00-\u9fff]", s)) < len(s) / 5 for s in guide.steps)
    assert guide.text is not None
    limit = channel.guide.text_limit if channel.guide else None
    if limit is not None:
        assert guide.text.length <= limit
    text = guide.as_text()
    assert guide.text.text in text
    for contact in channel.contacts:
        assert contact.value in text


def test_wechat_pay_text_is_cut_to_300_at_a_sentence_and_says_so() -> None:
    wechat = sites.get("wechat_pay")
    for lang, story in (("zh", STORY_ZH), ("en", STORY_EN)):
        guide = render_guide(wechat, lang, story)
        assert guide.text is not None
        assert guide.text.shortened
        assert 150 <= guide.text.length <= 300
        assert guide.text.text[-1] in ".。"
        assert story.strip().startswith(guide.text.text)
        note = guide.shortened_note()
        assert str(guide.text.original_length) in note and "300" in note
        assert note in guide.as_text()
    short = render_guide(wechat, "zh", "商家拒绝退款。")
    assert short.text is not None and not short.text.shortened
    assert short.shortened_note() == ""


def test_a_guide_without_text_still_guides() -> None:
    guide = render_guide(sites.get("cn_12363"), "zh")
    assert guide.text is None
    out = guide.as_text()
    assert "12363" in out and "步骤：" in out
    assert guide.to_dict()["text"] is None


def test_scripted_channels_have_no_guide() -> None:
    with pytest.raises(ValueError, match="filled by a script"):
        render_guide(sites.get("cfpb"), "en", "text")


def test_fit_prefers_the_last_sentence_end_that_fits() -> None:
    text = "First sentence here. Second sentence is here. Third one."
    assert fit_text(text, 48).text == "First sentence here. Second sentence is here."
    assert fit_text(text, 100).text == text
    assert not fit_text(text, 100).shortened
    assert fit_text(text, None).text == text


def test_fit_handles_chinese_punctuation_and_closing_quotes() -> None:
    text = "商家说“已经退款。”但我没有收到。我要求退款！"
    fitted = fit_text(text, 17)
    assert fitted.text == "商家说“已经退款。”但我没有收到。"


def test_fit_never_cuts_an_english_word_without_saying_so() -> None:
    text = "word " * 40
    fitted = fit_text(text, 23)
    assert fitted.text.endswith(ELLIPSIS)
    assert fitted.text[: -len(ELLIPSIS)].split() == ["word"] * 4
    assert fitted.length <= 23


def test_fit_counts_like_a_browser() -> None:
    # An emoji is two UTF-16 code units, as maxlength counts it; a surrogate pair
    # is never split.
    text = "Refund please. " + "😀" * 20
    fitted = fit_text(text, 20)
    assert form_length(fitted.text) <= 20
    assert fitted.text.encode("utf-16-le").decode("utf-16-le") == fitted.text
    assert form_length("支付") == 2 and form_length("😀") == 2


def test_fit_tidies_whitespace_before_counting() -> None:
    fitted = fit_text("  Line one.   \n\n\n\nLine two.  ", 100)
    assert fitted.text == "Line one.\n\nLine two."
    with pytest.raises(ValueError):
        fit_text("x" * 10, 0)
