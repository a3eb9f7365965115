"""The demo form, served on 127.0.0.1 by the standard library's HTTP server.

It counts every submission, so the demo can show what every test proves: plaint
filled the form and the count stayed at 0.
"""

from __future__ import annotations

import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

SITE = Path(__file__).with_name("site")


class _Handler(SimpleHTTPRequestHandler):
    server: _DemoServer

    def do_POST(self) -> None:
        if self.path.split("?")[0] != "/submit":
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(min(length, 1 << 20))
        with self.server.lock:
            self.server.submissions += 1
        self.send_response(HTTPStatus.NO_CONTENT)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the demo's output is plaint's report, not an access log


class _DemoServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.submissions = 0
        self.lock = threading.Lock()


class DemoSite:
    """``with DemoSite() as site: site.url`` — the form, until the block ends."""

    def __init__(self) -> None:
        self._server = _DemoServer(("127.0.0.1", 0), partial(_Handler, directory=str(SITE)))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/index.html"

    @property
    def submissions(self) -> int:
        with self._server.lock:
            return self._server.submissions

    def __enter__(self) -> DemoSite:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
