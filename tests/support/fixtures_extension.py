"""The unpacked extension in a real Chromium, a page server that counts submits."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from automations.browser import choose_browser
from tests.support.env import REPO

EXTENSION_DIR = REPO / "extension"
PAGES_DIR = REPO / "tests" / "fixtures" / "extension"


@dataclass
class PageServer:
    """Serves the fixture pages on 127.0.0.1 and records every request it gets."""

    server: ThreadingHTTPServer
    requests: list[str] = field(default_factory=list)
    submits: int = 0

    def url(self, page: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/{page}"


@pytest.fixture
def page_server() -> Iterator[PageServer]:
    state: PageServer

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(PAGES_DIR), **kwargs)

        def do_GET(self) -> None:
            state.requests.append(f"GET {self.path}")
            super().do_GET()

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace")
            state.requests.append(f"POST {self.path} {body}")
            state.submits += 1
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state = PageServer(httpd)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


@dataclass
class ExtensionBrowser:
    context: Any
    extension_id: str
    worker: Any
    requests: list[str]

    @property
    def origin(self) -> str:
        return f"chrome-extension://{self.extension_id}"

    def open(self, url: str) -> Any:
        page = self.context.new_page()
        page.goto(url)
        return page

    def tab_id(self, url: str) -> int:
        """The extension's id for the tab showing ``url`` (as the popup would see it)."""
        return int(
            self.worker.evaluate(
                "async (url) => (await chrome.tabs.query({url}))[0].id", url.split("#")[0]
            )
        )

    def popup(self, tab_url: str) -> Any:
        page = self.context.new_page()
        page.goto(f"{self.origin}/popup.html?tab={self.tab_id(tab_url)}")
        return page

    def store(self, **values: Any) -> None:
        self.worker.evaluate("(v) => chrome.storage.local.set(v)", values)


def launch_extension(playwright: Any, profile_dir: Path, lang: str = "en-US") -> ExtensionBrowser:
    kwargs = choose_browser().launch_kwargs()
    kwargs["args"] = [
        *kwargs.get("args", []),
        "--headless=new",
        f"--disable-extensions-except={EXTENSION_DIR}",
        f"--load-extension={EXTENSION_DIR}",
        f"--lang={lang}",
    ]
    context = playwright.chromium.launch_persistent_context(
        str(profile_dir), headless=False, locale=lang, **kwargs
    )
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    worker = (
        context.service_workers[0]
        if context.service_workers
        else context.wait_for_event("serviceworker", timeout=30_000)
    )
    return ExtensionBrowser(context, worker.url.split("/")[2], worker, requests)


@pytest.fixture
def extension_browser(playwright: Any, tmp_path: Path) -> Iterator[ExtensionBrowser]:
    browser = launch_extension(playwright, tmp_path / "chromium")
    try:
        yield browser
    finally:
        browser.context.close()
