"""The field engine fills so that pages keep the values, reports why it left
fields empty, and undoes its own fill; in real Chromium, never submitting."""

from __future__ import annotations

import json
from typing import Any

from playwright.sync_api import Page

from automations import engine
from tests.support.env import REPO
from tests.support.fixtures_engine import EngineSite

CASE = {
    "full_name": "Mei Chen",
    "email": "mei.chen@example.org",
    "phone": "+44 20 7946 0018",
    "city": "Leeds",
    "country": "GB",
    "state": "NY",
    "account_id": "mei.chen@example.org",
    "incident_date": "2025-03-03",
    "amount": "129.99",
    "currency": "CNY",
    "category": "account_frozen",
    "complaint_title": "Frozen wallet since March",
    "date_of_birth": "1990-04-12",
    "transaction_id": "8XK21934LP556201M",
}
VARIANTS = {
    "country": {"names": {"en": ["United Kingdom", "UK"], "zh": ["英国"]}},
    "phone": {"e164": "+442079460018"},
}
KIND_RULES = {
    "categories": {
        "account_frozen": {
            "picks": [{"label": "Type of complaint", "option": "Account frozen or closed"}]
        }
    }
}


def skipped_by_name(report: engine.Report) -> dict[str, str]:
    return {s["field"]["name"]: s["reason"] for s in report.skipped}


def test_fills_every_kind_of_control(page: Page, engine_site: EngineSite) -> None:
    page.goto(engine_site.url("kinds.html"))
    page.fill("#k-email", "typed.by.me@example.org")  # the person typed this first
    payload = {"values": CASE, "variants": VARIANTS, "sensitive_allowed": ["date_of_birth"]}
    report = engine.fill(page, payload, KIND_RULES)

    assert page.input_value("#k-name") == "Mei Chen"
    assert page.input_value("#k-country") == "GB"  # by ISO code
    assert page.input_value("#k-country-zh") == "x2"  # 英国, by its Chinese name
    assert page.input_value("#k-state") == "3"  # New York, from "NY"
    assert page.input_value("#k-cat") == "b"  # the channel's own wording for the category
    assert page.is_checked("input[name=cur][value='2']")  # 人民币 for CNY
    assert page.input_value("#k-when") == "2025-03-03"  # type=date takes ISO
    assert page.input_value("#k-dob") == "12/04/1990"  # as the placeholder shows
    assert page.input_value("#k-paid") == "2025年03月03日"
    assert page.input_value("#k-amount") == "129.99"
    assert page.input_value("#k-city") == "Leeds"
    assert page.input_value("#k-email") == "typed.by.me@example.org"  # kept
    assert page.input_value("#k-trap") == ""  # an off-screen trap field
    assert page.input_value("#k-title") == ""  # longer than maxlength=10

    assert skipped_by_name(report) == {
        "title": "too_long",
        "email": "has_value",
        "acct": "read_only",
        "email2": "hidden",
    }
    assert report.unused == ["phone", "transaction_id"]
    filled = [(f["key"], f["field"]["name"]) for f in report.filled]
    assert ("currency", "cur") in filled and ("date_of_birth", "dob") in filled
    engine_site.assert_untouched(page)


def test_sensitive_values_need_allowing(page: Page, engine_site: EngineSite) -> None:
    page.goto(engine_site.url("kinds.html"))
    report = engine.fill(page, {"values": CASE, "variants": VARIANTS})
    assert page.input_value("#k-dob") == ""
    assert skipped_by_name(report)["dob"] == "sensitive"
    engine_site.assert_untouched(page)


def test_react_controlled_inputs_keep_the_values(page: Page, engine_site: EngineSite) -> None:
    page.goto(engine_site.url("react.html"))
    page.wait_for_selector("#fullName")
    values = {
        "full_name": "Mei Chen",
        "email": "mei.chen@example.org",
        "country": "GB",
        "complaint_description": "My wallet was frozen on 3 March.",
    }
    report = engine.fill(page, {"values": values, "variants": VARIANTS})
    assert report.filled_keys == set(values)
    # React heard every change: its state holds the values it renders.
    state = json.loads(page.text_content("#state") or "{}")
    assert state == {
        "fullName": "Mei Chen",
        "email": "mei.chen@example.org",
        "country": "GB",
        "story": "My wallet was frozen on 3 March.",
    }
    # A later render (the person types elsewhere) keeps them too.
    page.fill("#story", "My wallet was frozen on 3 March. Support never answered.")
    assert page.input_value("#fullName") == "Mei Chen"
    assert page.input_value("#country") == "GB"
    engine_site.assert_untouched(page)


def test_undo_restores_what_was_there(page: Page, engine_site: EngineSite) -> None:
    page.goto(engine_site.url("kinds.html"))
    page.select_option("#k-country", "FR")  # the person's own choice before the fill
    payload = {"values": CASE, "variants": VARIANTS}
    report = engine.fill(page, payload, KIND_RULES, overwrite=True, highlight=True)
    assert page.input_value("#k-country") == "GB"
    assert page.input_value("#k-email") == "mei.chen@example.org"
    outline = page.eval_on_selector("#k-name", "el => el.style.outline")
    assert "solid" in outline
    page.fill("#k-city", "York")  # edited after the fill: undo must keep it

    result = engine.undo(page)
    assert result == {"restored": len(report.filled) - 1, "kept": 1}
    assert page.input_value("#k-country") == "FR"
    assert page.input_value("#k-name") == ""
    assert page.input_value("#k-email") == ""
    assert page.input_value("#k-cat") == ""
    assert not page.is_checked("input[name=cur][value='2']")
    assert page.input_value("#k-city") == "York"
    assert page.eval_on_selector("#k-name", "el => el.style.outline") == ""
    assert engine.undo(page) == {"restored": 0, "kept": 0}
    engine_site.assert_untouched(page)


def test_undo_gives_back_the_radio_chosen_before(page: Page, engine_site: EngineSite) -> None:
    page.goto(engine_site.url("kinds.html"))
    page.check("input[name=cur][value='1']")
    engine.fill(page, {"values": {"currency": "CNY"}})
    assert page.is_checked("input[name=cur][value='2']")
    engine.undo(page)
    assert page.is_checked("input[name=cur][value='1']")
    engine_site.assert_untouched(page)


def test_filling_twice_refills_its_own_values(page: Page, engine_site: EngineSite) -> None:
    page.goto(engine_site.url("labels.html"))
    first = engine.fill(page, {"values": {"given_name": "Mei", "email": "a@example.org"}})
    again = engine.fill(page, {"values": {"given_name": "Mei", "email": "b@example.org"}})
    assert [f["field"]["name"] for f in again.filled] == [f["field"]["name"] for f in first.filled]
    assert page.input_value("input[name=x3]") == "b@example.org"
    engine_site.assert_untouched(page)


def test_site_rules(page: Page, engine_site: EngineSite) -> None:
    page.goto(engine_site.url("labels.html"))
    rules: dict[str, Any] = {
        "steps": [
            {
                "title": "Your details",
                "fields": [
                    {"label": "Describe what happened", "key": "@person", "kind": "textarea"},
                    {"label": "Contact", "key": "email", "kind": "text"},
                ],
            }
        ],
        "fields": [{"selector": "#a", "key": "@third_party"}],
        "skip": ["postal_code"],
        "scope": "#complaint",
    }
    values = {
        "given_name": "Mei",
        "email": "mei@example.org",
        "postal_code": "LS1 4AB",
        "complaint_description": "Frozen.",
    }
    report = engine.fill(page, {"values": values}, rules)
    skipped = skipped_by_name(report)
    assert skipped["x1"] == "third_party"
    assert skipped["x7"] == "site_rule"
    assert skipped["x11"] == "person"
    assert page.input_value("input[name=x12]") == "mei@example.org"  # the rule beats autocomplete
    assert page.input_value("input[name=x1]") == ""
    assert page.input_value("input[name=x7]") == ""
    assert page.input_value("textarea[name=x11]") == ""
    engine_site.assert_untouched(page)


def test_rules_format_dates_and_limits(page: Page, engine_site: EngineSite) -> None:
    page.goto(engine_site.url("kinds.html"))
    rules = {"formats": {"incident_date": "MM/DD/YYYY"}, "limits": {"complaint_title": 5}}
    values = {"incident_date": "2025-03-03", "complaint_title": "Frozen"}
    report = engine.fill(page, {"values": values}, rules)
    assert page.input_value("#k-paid") == "03/03/2025"
    assert skipped_by_name(report)["title"] == "too_long"
    engine_site.assert_untouched(page)


def test_values_never_enter_the_page_world(page: Page, engine_site: EngineSite) -> None:
    """The engine runs in an isolated world: page scripts see neither it nor the payload."""
    page.goto(engine_site.url("labels.html"))
    engine.fill(page, {"values": {"id_number": "SECRET-ID-42", "email": "mei@example.org"}})
    assert page.evaluate("typeof window.PlaintEngine") == "undefined"
    assert page.evaluate("typeof window.PLAINT_FIELD_KEYS") == "undefined"
    assert "SECRET-ID-42" not in page.content()
    engine_site.assert_untouched(page)


def test_react_keeps_values_when_the_engine_runs_in_the_page_world(
    page: Page, engine_site: EngineSite
) -> None:
    """Loaded with add_script_tag, the engine shares React's world: the native setter matters."""
    page.goto(engine_site.url("react.html"))
    page.wait_for_selector("#fullName")
    for name in engine.ENGINE_FILES:
        page.add_script_tag(path=str(REPO / "extension" / name))
    report = page.evaluate(
        "values => PlaintEngine.fill(document, values, {})",
        {"full_name": "Mei Chen", "complaint_description": "Frozen since March."},
    )
    assert {f["key"] for f in report["filled"]} == {"full_name", "complaint_description"}
    state = json.loads(page.text_content("#state") or "{}")
    assert (state["fullName"], state["story"]) == ("Mei Chen", "Frozen since March.")
    page.fill("#email", "mei@example.org")  # another render
    assert page.input_value("#fullName") == "Mei Chen"
    assert page.evaluate("PlaintEngine.undo()") == {"restored": 2, "kept": 0}
    assert page.input_value("#fullName") == ""
    engine_site.assert_untouched(page)
