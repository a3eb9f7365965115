"""Free texts for a channel: what it forbids taken out in every spelling, then fitted."""

from __future__ import annotations

import pytest

from automations.channel_messages import MESSAGES, REASONS
from automations.form_text import LONG_NUMBER, forbidden_values, prepare_text, scrub
from automations.sites import all_channels
from automations.sites.fitting import form_length

US = {
    "account_id": "WAL-88417203",
    "phone": "+1 415 555 0134",
    "date_of_birth": "1985-07-14",
    "id_number": "123-45-6789",
    "full_name": "Ana Ruiz",
    "email": "ana.ruiz@example.com",
}


@pytest.mark.parametrize(
    "spelling",
    [
        "1985-07-14",
        "07/14/1985",
        "7/14/1985",
        "14/07/1985",
        "14.07.1985",
        "July 14, 1985",
        "Jul 14th 1985",
        "14 July 1985",
        "1985年7月14日",
    ],
)
def test_a_birth_date_goes_however_it_is_written(spelling: str) -> None:
    text, removed = scrub(f"I was born on {spelling}. It matters.", US)
    assert text == "I was born on [removed]. It matters."
    assert removed == ("date_of_birth",)


@pytest.mark.parametrize(
    "spelling", ["+1 415 555 0134", "(415) 555-0134", "415.555.0134", "4155550134", "+14155550134"]
)
def test_a_phone_number_goes_with_or_without_its_dialling_code(spelling: str) -> None:
    text, removed = scrub(f"Call {spelling} today.", {"phone": US["phone"]})
    assert text == "Call [removed] today."
    assert removed == ("phone",)


def test_account_numbers_keep_their_last_four_digits_and_nothing_else_is_touched() -> None:
    story = (
        "Paid $1,234.50 on 2025-03-03 from card 4111 1111 1111 1111; reference "
        "2024030522001488881234567890 and order 20250303. Ana Ruiz wrote to Janet."
    )
    text, removed = scrub(story, {"account_id": US["account_id"], "full_name": "Ana Ruiz"})
    assert text == (
        "Paid $1,234.50 on 2025-03-03 from card ****1111; reference ****7890 and order "
        "20250303. [removed] wrote to Janet."
    )
    assert set(removed) == {"full_name", LONG_NUMBER}
    # Where account numbers are allowed, long numbers stay.
    assert scrub(story, {"id_number": "X1234567"})[0] == story


def test_id_like_numbers_go_where_id_numbers_are_forbidden() -> None:
    text, removed = scrub(
        "SSN 987-65-4321 and resident ID 11010519491231002X.", {"id_number": "A-000-0000"}
    )
    assert text == "SSN [removed] and resident ID [removed]."
    assert removed == ("id_like",)


def test_chinese_texts_get_a_chinese_mark_and_several_accounts_each_go() -> None:
    text, removed = scrub(
        "我的账号 138****8000 和 wang@example.cn 都被冻结了。",
        {"account_id": "138****8000 / wang@example.cn"},
    )
    assert text == "我的账号 [已删除] 和 [已删除] 都被冻结了。"
    assert removed == ("account_id",)


def test_prepare_clears_then_fits_at_a_sentence_end_and_says_so() -> None:
    story = "My account WAL-88417203 was frozen. " + "Support did not answer. " * 200
    prepared = prepare_text(
        "complaint_description", story, limit=500, forbidden={"account_id": "WAL-88417203"}
    )
    assert "WAL-88417203" not in prepared.text
    assert prepared.text.startswith("My account [removed] was frozen.")
    assert prepared.shortened and prepared.length <= 500 and prepared.text.endswith(".")
    assert prepared.original_length == form_length(
        story.strip().replace("WAL-88417203", "[removed]")
    )
    assert prepared.removed == ("account_id",)
    short = prepare_text("complaint_description", "Short.", limit=500)
    assert (short.text, short.shortened, short.removed) == ("Short.", False, ())


def test_only_keys_a_channel_forbids_and_never_the_free_texts_themselves() -> None:
    values = {**US, "complaint_description": "x", "company_name": "PayPal"}
    assert forbidden_values(("account_id", "complaint_description", "city"), values) == {
        "account_id": US["account_id"]
    }


def test_every_channel_forbidding_keys_names_keys_the_scrubber_knows() -> None:
    for channel in all_channels():
        for key in channel.forbidden_in_text:
            assert scrub(f"a {US.get(key, 'value-1234')} b", {key: US.get(key, "value-1234")})[1]


def test_every_message_and_reason_speaks_both_languages() -> None:
    for table in (MESSAGES, REASONS):
        for code, texts in table.items():
            assert set(texts) == {"en", "zh"}, code
            assert all(t.strip() or code == "list_sep" for t in texts.values()), code
