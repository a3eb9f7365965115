"""Fixture pages for the field engine, served by a real HTTP server on 127.0.0.1.

Every page under ``tests/fixtures/engine/`` loads ``guard.js``, which counts
submit events, form.submit()/requestSubmit() calls, Enter keys and clicks on
buttons in the page's own JavaScript world; its forms post to ``/submit``, which
the server counts, so a submission from any world (the engine runs in an
isolated one) is caught too.  ``engine_site.assert_untouched(page)`` checks both.

The same pages are served on ``localhost`` as well: another origin, for the
cross-origin iframe test.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.support.env import REPO

ENGINE_PAGES = REPO / "tests" / "fixtures" / "engine"


class _Handler(SimpleHTTPRequestHandler):
    site: EngineSite

    def log_message(self, format: str, *args: Any) -> None:
        pass  # a line per request would drown the test output

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def _count_submit(self) -> bool:
        if self.path.split("?")[0] != "/submit":
            return False
        with self.site.lock:
            self.site.submissions += 1
        body = b"<!doctype html><title>Submitted</title><h1>Submitted</h1>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return True

    def do_GET(self) -> None:
        if not self._count_submit():
            super().do_GET()

    def do_POST(self) -> None:
        if not self._count_submit():
            self.send_error(405)


class EngineSite:
    """The fixture pages at http://127.0.0.1:PORT/, and how often a form reached /submit."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.submissions = 0
        handler = type("Handler", (_Handler,), {"site": self})
        self._server = ThreadingHTTPServer(
            ("127.0.0.1", 0), partial(handler, directory=str(ENGINE_PAGES))
        )
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def url(self, page: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}/{page}"

    def reset(self) -> None:
        with self.lock:
            self.submissions = 0

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def guard_counts(self, page: Page) -> dict[str, int]:
        """Submits, Enter keys and button clicks seen by every frame's guard."""
        totals = {"submits": 0, "enters": 0, "buttonClicks": 0}
        for frame in page.frames:
            counts = frame.evaluate(
                "() => window.__guard ? {submits: __guard.submits, enters: __guard.enters,"
                " buttonClicks: __guard.buttonClicks} : null"
            )
            for key, value in (counts or {}).items():
                totals[key] += value
        return totals

    def assert_untouched(self, page: Page) -> None:
        """Nothing was submitted, no Enter reached the page, no button was clicked."""
        assert self.guard_counts(page) == {"submits": 0, "enters": 0, "buttonClicks": 0}
        assert self.submissions == 0


@pytest.fixture(scope="session")
def engine_server() -> Iterator[EngineSite]:
    site = EngineSite()
    yield site
    site.stop()


@pytest.fixture
def engine_site(engine_server: EngineSite) -> EngineSite:
    """The fixture server with its submission count cleared for this test."""
    engine_server.reset()
    return engine_server
