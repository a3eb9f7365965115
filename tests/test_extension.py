"""The browser extension end to end: real Chromium, the unpacked extension, a real helper
with a real Secret Service, the one engine filling a real page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from server.pairing import Pairing
from server.store import ProfileStore
from tests.support.fixtures_extension import (
    EXTENSION_DIR,
    ExtensionBrowser,
    PageServer,
    launch_extension,
)
from tests.support.fixtures_server import LiveHelper

pytestmark = pytest.mark.usefixtures("secret_service")

MARKER = "Zq7marker"
PROFILE = {
    "given_name": f"Ada{MARKER}",
    "family_name": "Lovelace",
    "email": "ada@example.com",
    "phone": "(415) 555-0100",
    "address": {
        "line1": "1 Market St",
        "city": "San Francisco",
        "state": "CA",
        "postal_code": "94105",
        "country": "US",
    },
}
PROFILE_ZH = {
    "given_name": "小明",
    "family_name": "王",
    "email": "wang@example.cn",
    "phone": "138 0013 8000",
    "address": {
        "line1": "南山区科技园路1号",
        "city": "深圳市",
        "state": "广东省",
        "country": "CN",
    },
}
CASE_ZH = {
    "company": "某某支付有限公司",
    "category": "payment_failed_but_charged",
    "jurisdiction": "CN",
    "incident_date": "2024-03-05",
    "amount": "1234.50",
    "currency": "CNY",
    "transaction_ids": ["2024030522001488881234567890"],
    "title": "支付失败但已扣款",
    "narrative": "2024年3月5日付款1234.50元，页面显示支付失败，但银行卡已扣款，至今未退。",
    "desired_resolution": "退还1234.50元。",
}


def pair(browser: ExtensionBrowser, helper: LiveHelper, token: str) -> Any:
    page = browser.context.new_page()
    page.goto(f"{browser.origin}/options.html")
    page.get_by_label("Pairing token").fill(token)
    page.get_by_label("Helper port").fill(str(helper.port))
    page.get_by_role("button", name="Save").click()
    page.locator("#status").wait_for(state="visible")
    return page


def values(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('input, select, textarea')]
            .map((el) => [el.id, el.type === 'checkbox' ? el.checked : el.value]))"""
    )


def test_pairing_through_the_options_page(
    extension_browser: ExtensionBrowser, helper: LiveHelper
) -> None:
    page = pair(extension_browser, helper, "A" * 43)
    assert "refused this token" in page.inner_text("#status")
    assert extension_browser.origin not in (Pairing().load().origins or ())  # type: ignore[union-attr]
    page = pair(extension_browser, helper, helper.token)
    assert "Paired with the plaint helper" in page.inner_text("#status")
    assert extension_browser.origin in Pairing().load().origins  # type: ignore[union-attr]
    stored = extension_browser.worker.evaluate("() => chrome.storage.local.get(['token', 'port'])")
    assert stored == {"token": helper.token, "port": helper.port}


def test_fill_through_the_popup_then_undo(
    extension_browser: ExtensionBrowser, helper: LiveHelper, page_server: PageServer
) -> None:
    ProfileStore().put("default", PROFILE, None)
    pair(extension_browser, helper, helper.token)
    form_url = page_server.url("complaint.html")
    form = extension_browser.open(form_url)
    before = values(form)

    popup = extension_browser.popup(form_url)
    popup.get_by_role("button", name="Fill complaint").click()
    popup.locator("#result.ok").wait_for()

    filled = values(form)
    assert filled["name"] == f"Ada{MARKER} Lovelace"
    assert filled["email"] == filled["email2"] == "ada@example.com"
    assert filled["tel"] == "(415) 555-0100"
    assert filled["addr"] == "1 Market St"
    assert filled["city"] == "San Francisco"
    assert filled["zip"] == "94105"
    assert filled["country"] == "US"
    # What must never come from a profile stays empty, and what the person typed stays.
    assert filled["pw"] == "" and filled["captcha"] == "" and filled["agree"] is False
    assert filled["company"] == "typed by me"
    summary = popup.inner_text("#result")
    count = int(re.search(r"Filled (\d+) fields", summary).group(1))  # type: ignore[union-attr]
    assert count == 8
    assert "Left" in summary and "password" in summary.lower()
    assert "Nothing was submitted" in summary

    popup.get_by_role("button", name="Undo fill").click()
    popup.get_by_text("Restored 8 fields").wait_for()
    assert values(form) == before

    assert form.evaluate("() => [window.submitCount, window.enterCount]") == [0, 0]
    assert page_server.submits == 0
    # The profile went only from the helper into the page being filled.
    leaked = [u for u in extension_browser.requests if MARKER in u]
    assert leaked == []
    assert all(MARKER not in r for r in page_server.requests)
    hosts = {"{0.scheme}://{0.netloc}".format(urlsplit(u)) for u in extension_browser.requests}
    assert hosts <= {helper.url, page_server.url("")[:-1], extension_browser.origin}


def test_the_service_worker_never_reaches_the_network() -> None:
    # It holds no profile and talks to nobody: no fetch, XHR, socket or beacon at all.
    source = (EXTENSION_DIR / "background.js").read_text(encoding="utf-8")
    code = re.sub(r"//.*", "", source)
    for call in ("fetch(", "XMLHttpRequest", "WebSocket", "sendBeacon", "EventSource"):
        assert call not in code


def test_messages_when_not_paired_wrong_token_or_helper_down(
    extension_browser: ExtensionBrowser, helper: LiveHelper, page_server: PageServer
) -> None:
    url = page_server.url("complaint.html")
    extension_browser.open(url)
    popup = extension_browser.popup(url)
    popup.get_by_text("Not paired yet").wait_for()
    assert popup.get_by_role("button", name="Open options").is_visible()

    extension_browser.store(token="B" * 43, port=helper.port)
    popup.reload()
    popup.get_by_text("refused this token").wait_for()

    pair(extension_browser, helper, helper.token)
    helper.server.stop()
    popup.reload()
    popup.get_by_text("The plaint helper is not running. Start it with: plaint serve").wait_for()


def test_a_page_without_a_form(
    extension_browser: ExtensionBrowser, helper: LiveHelper, page_server: PageServer
) -> None:
    ProfileStore().put("default", PROFILE, None)
    pair(extension_browser, helper, helper.token)
    url = page_server.url("no_form.html")
    extension_browser.open(url)
    popup = extension_browser.popup(url)
    popup.get_by_role("button", name="Fill complaint").click()
    popup.get_by_text("This page has no form plaint can fill.").wait_for()


def test_chinese_browser_chinese_form_with_a_case(
    playwright: Any, tmp_path: Path, helper: LiveHelper, page_server: PageServer
) -> None:
    from server.store.cases import CaseStore

    ProfileStore().put("default", PROFILE_ZH, None)
    case = CaseStore().create("default", CASE_ZH)
    browser = launch_extension(playwright, tmp_path / "chromium-zh", lang="zh-CN")
    try:
        options = browser.context.new_page()
        options.goto(f"{browser.origin}/options.html")
        options.get_by_label("配对令牌").fill(helper.token)
        options.get_by_label("助手端口").fill(str(helper.port))
        options.get_by_role("button", name="保存").click()
        options.get_by_text("已与 plaint 助手配对").wait_for()

        url = page_server.url("complaint_zh.html")
        form = browser.open(url)
        popup = browser.popup(url)
        popup.get_by_label("案件").select_option(str(case["id"]))
        popup.get_by_role("button", name="填写投诉").click()
        popup.locator("#result.ok").wait_for()
        got = values(form)
        assert got["xm"] == "王小明"
        assert got["sj"] == "138 0013 8000"
        assert got["yx"] == "wang@example.cn"
        assert got["dz"] == "中国广东省深圳市南山区科技园路1号"
        assert got["dx"] == "某某支付有限公司"
        assert got["dd"] == "2024030522001488881234567890"
        assert got["je"] == "1234.50"
        assert got["bt"] == "支付失败但已扣款"
        assert got["nr"].startswith("2024年3月5日付款1234.50元")
        assert got["yq"] == "退还1234.50元。"
        assert got["yzm"] == ""  # a captcha is never filled
        assert "已填写 10 个字段" in popup.inner_text("#result")
        assert form.evaluate("() => window.submitCount") == 0
        assert page_server.submits == 0
    finally:
        browser.context.close()


def test_the_popup_says_why_each_field_was_left(
    extension_browser: ExtensionBrowser, helper: LiveHelper
) -> None:
    from automations.demo.sample import PROFILES, sample_case
    from automations.demo.server import DemoSite
    from server.store.cases import CaseStore

    ProfileStore().put("default", PROFILES["en"], None)
    CaseStore().create("default", sample_case("en"))
    pair(extension_browser, helper, helper.token)
    with DemoSite() as site:
        form = extension_browser.open(site.url)
        popup = extension_browser.popup(site.url)
        popup.get_by_label("Case").select_option(index=1)
        popup.get_by_role("button", name="Fill complaint").click()
        popup.locator("#result.ok").wait_for()
        left = popup.locator("#left li").all_inner_texts()
        assert "Tell us what happened — too long for this field" in "\n".join(left)
        assert any(line.startswith("Full name — not shown yet") for line in left)
        assert any(line.startswith("Screenshots or documents (optional) — attach") for line in left)
        assert form.locator("#txn").input_value() == "SW-7Q4K2-88412"
        assert form.locator("#story").input_value() == ""
        assert site.submissions == 0
