"""A real Chromium against the real helper: the extension pairs and fills, web pages get nothing.

Web pages are served by Playwright's router at addresses of their choosing (a
public site, another local port, a rebound DNS name), so every request they
make to the helper is a real browser request with the headers Chromium sets.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from automations.browser import choose_browser
from server.pairing import Pairing
from server.store import ProfileStore
from tests.support.env import REPO
from tests.support.fixtures_server import LiveHelper

pytestmark = pytest.mark.usefixtures("secret_service")

MARKER = "Wq4-marker-n8"
PROFILE = {
    "given_name": MARKER,
    "family_name": "Lee",
    "email": "lee@example.com",
    "address": {"line1": f"{MARKER} Road 1", "city": "Leeds", "country": "GB"},
}
EXTENSION_DIR = REPO / "extension"


@pytest.fixture
def recorded(secret_service: None, forget_pairing: None) -> Iterator[tuple[LiveHelper, list]]:
    """A live helper that also records (method, path, Host, status) of every request."""
    from flask import request

    from server import create_app
    from server.wsgi import HelperServer

    seen: list[tuple[str, str, str, int]] = []
    app = create_app()

    @app.after_request
    def record(response: Any) -> Any:
        seen.append(
            (request.method, request.path, request.headers.get("Host", ""), response.status_code)
        )
        return response

    ProfileStore().put("default", PROFILE, None)
    token = app.extensions["plaint"].pairing.state().token
    live = LiveHelper(app, HelperServer(app, port=0).start(), token)
    try:
        yield live, seen
    finally:
        live.server.stop()


def launch_args(*extra: str) -> dict[str, Any]:
    kwargs = choose_browser().launch_kwargs()
    kwargs["args"] = [*kwargs.get("args", []), *extra]
    return kwargs


def test_the_extension_pairs_from_its_own_origin_then_fills(
    playwright: Any, recorded: tuple[LiveHelper, list], tmp_path: Path
) -> None:
    live, _ = recorded
    kwargs = launch_args(
        "--headless=new",
        f"--disable-extensions-except={EXTENSION_DIR}",
        f"--load-extension={EXTENSION_DIR}",
    )
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "chromium"), headless=False, **kwargs
    )
    try:
        worker = (
            context.service_workers[0]
            if context.service_workers
            else context.wait_for_event("serviceworker", timeout=30_000)
        )
        origin = "chrome-extension://" + worker.url.split("/")[2]
        page = context.new_page()
        page.goto(f"{origin}/options.html")

        def call(path: str, method: str = "GET", body: Any = None, token: str = live.token) -> Any:
            # The extension's own client, as its options page and popup use it.
            return page.evaluate(
                """async ([path, method, body, token, port]) => {
                    try {
                        const options = {method, token, port};
                        if (body !== null) options.body = body;
                        return {ok: true, data: await PlaintHelper.request(path, options)};
                    } catch (e) {
                        return {ok: false, kind: e.kind, status: e.status, message: e.message};
                    }
                }""",
                [path, method, body, token, live.port],
            )

        health = call("/api/health")
        assert health["ok"] and health["data"]["service"] == "plaint"
        # Chromium sends the extension's Origin on POST (not on GET, which the token
        # alone guards): before pairing, no fill payload.
        body = {"url": "https://example.com/complaint", "profile": "default"}
        refused = call("/api/fill-payload", "POST", body)
        assert refused["ok"] is False and refused["status"] == 403
        assert "not paired" in refused["message"]
        wrong = call("/api/pair", "POST", {}, token="x" * 43)
        assert wrong["ok"] is False and wrong["status"] == 401

        paired = call("/api/pair", "POST", {})
        assert paired == {"ok": True, "data": {"paired": True, "origin": origin}}
        assert origin in Pairing().load().origins  # type: ignore[union-attr]

        assert call("/api/profiles") == {"ok": True, "data": {"profiles": ["default"]}}
        payload = call(
            "/api/fill-payload",
            "POST",
            {"url": "https://example.com/complaint", "profile": "default"},
        )
        assert payload["ok"], payload
        assert payload["data"]["values"]["full_name"] == f"{MARKER} Lee"
        assert payload["data"]["values"]["full_address"].startswith(f"{MARKER} Road 1")
    finally:
        context.close()


ATTACKS = """async ([helper, token]) => {
    const results = {};
    const attempt = async (name, url, init) => {
        try {
            const response = await fetch(url, init);
            let text = "";
            try { text = await response.text(); } catch (e) {}
            results[name] = {status: response.status, type: response.type, text};
        } catch (e) {
            results[name] = {error: String(e)};
        }
    };
    // Even a page that somehow knows the token cannot get through.
    await attempt("cors", helper + "/api/profile", {headers: {Authorization: "Bearer " + token}});
    await attempt("simple", helper + "/api/profile", {});
    await attempt("no-cors", helper + "/api/profile", {mode: "no-cors"});
    await attempt("csrf", helper + "/api/fill-payload", {
        method: "POST", mode: "no-cors", headers: {"Content-Type": "text/plain"},
        body: JSON.stringify({url: "https://evil.example/"}),
    });
    await attempt("put", helper + "/api/profile", {
        method: "PUT", headers: {"Content-Type": "application/json", "If-Match": "*",
                                 Authorization: "Bearer " + token},
        body: JSON.stringify({given_name: "pwned"}),
    });
    await new Promise((resolve) => {
        const img = new Image();
        img.onload = img.onerror = resolve;
        img.src = helper + "/api/profile";
    });
    return results;
}"""


# Chromium's own Local Network Access checks stop web pages before they reach
# loopback; other browsers (and older Chromium, or a person who allowed it) do
# not, so the helper is also tested with them switched off.
BROWSER_CHECKS_OFF = (
    "--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,"
    "PrivateNetworkAccessSendPreflights"
)


@pytest.mark.parametrize("browser_checks", ["on", "off"])
def test_web_pages_get_nothing_from_the_helper(
    playwright: Any, recorded: tuple[LiveHelper, list], browser_checks: str
) -> None:
    live, seen = recorded
    extra = ["--host-resolver-rules=MAP rebind.test 127.0.0.1"]
    if browser_checks == "off":
        extra.append(BROWSER_CHECKS_OFF)
    browser = playwright.chromium.launch(headless=True, **launch_args(*extra))
    try:
        page = browser.new_page()
        html = "<!doctype html><title>nothing to see</title>"
        pages = {
            # Another site on the web, another port on this machine, and a DNS name an
            # attacker pointed at 127.0.0.1 after the page loaded (rebinding).
            "public": "https://evil.example/attack.html",
            "local": "http://127.0.0.1:9/attack.html",
            "rebound": f"http://rebind.test:{live.port}/attack.html",
        }
        for url in pages.values():
            page.route(
                url, lambda route: route.fulfill(status=200, body=html, content_type="text/html")
            )
        results = {}
        for name, url in pages.items():
            page.goto(url)
            helper = "" if name == "rebound" else live.url  # same-origin after rebinding
            results[name] = page.evaluate(ATTACKS, [helper, live.token])
    finally:
        browser.close()

    for name, attempts in results.items():
        for attempt, outcome in attempts.items():
            assert MARKER not in outcome.get("text", ""), (name, attempt)
            assert outcome.get("status", 0) in (0, 400, 401, 403), (name, attempt, outcome)
    assert ProfileStore().get("default").data == PROFILE  # type: ignore[union-attr]
    if browser_checks == "on":
        assert seen == []  # Chromium itself kept every page away from loopback
        return
    # Every request that reached the helper was refused; the rebound name never got
    # past the Host check, whatever it sent.
    assert len(seen) >= 3 * 5, seen
    assert all(status in (400, 403) for *_, status in seen), seen
    rebound = [s for s in seen if s[2].startswith("rebind.test")]
    assert rebound and all(status == 400 for *_, status in rebound), rebound
