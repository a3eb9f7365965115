"""The replica complaint forms, served by a real HTTP server on 127.0.0.1.

``tests/fixtures/sites/<channel>/`` holds a local copy of each scripted channel's
form (same steps, labels, required fields, limits and validation as far as the
channel notes go).  Every final submit posts to the server, which counts it: a
test that fills a form ends with ``assert replica_sites.submissions(ch) == 0``.

    def test_x(replica_sites, page):
        page.goto(replica_sites.url("cfpb"))
        ...
        assert replica_sites.submissions("cfpb") == 0

``replica_sites.drifted("cfpb", {"First name": "Given name"})`` serves the same
replica with a label renamed (a site that changed its form), at its own address.
Channels behind a login (12315, 黑猫, PayPal, Coinbase) redirect to their login
page until it is submitted, or until ``context.add_cookies([replica_sites.login_cookie(ch)])``.

Run ``python -m tests.support.fixtures_sites`` to browse the replicas by hand.
"""

from __future__ import annotations

import itertools
import json
import mimetypes
import re
import threading
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import pytest

from tests.support.env import REPO

SITES_DIR = REPO / "tests" / "fixtures" / "sites"
SHARED = "_shared"
LOGGED_IN = "logged-in"


@dataclass(frozen=True, slots=True)
class Replica:
    start: str = ""  # the page url() points at, relative to the channel's directory
    protected: tuple[str, ...] = ()  # pages behind the login wall; "*": all but login.html


REPLICAS: Mapping[str, Replica] = {
    "cfpb": Replica(),
    "ftc": Replica(),
    "ic3": Replica(),
    "ca_ag": Replica(),
    "uk_fos": Replica(),
    "uk_action_fraud": Replica(),
    "cn_12315": Replica(protected=("complaint.html",)),
    "heimao": Replica(protected=("complaint.html",)),
    "paypal": Replica(protected=("*",)),
    "coinbase": Replica(protected=("complaint.html",)),
}

# What the replicas' own APIs answer: the account's transactions (PayPal) and the
# companies the 12315 search finds.  Tests pick their sample case values from here.
PAYPAL_TRANSACTIONS: tuple[dict[str, str], ...] = (
    {
        "id": "8XK21934LP556201M",
        "date": "Mar 3, 2025",
        "counterparty": "Sample Gadget Store",
        "amount": "-$129.99 USD",
    },
    {
        "id": "3BN77120QW118934A",
        "date": "Feb 27, 2025",
        "counterparty": "Jordan Lee",
        "amount": "-$40.00 USD",
    },
    {
        "id": "5TY00982HH330027C",
        "date": "Feb 20, 2025",
        "counterparty": "Music Stream Ltd",
        "amount": "-$9.99 USD",
    },
)
COMPANIES_12315: tuple[dict[str, str], ...] = (
    {
        "name": "支付宝（中国）网络技术有限公司",
        "code": "91310000000000001A",
        "address": "上海市（示例地址）",
    },
    {
        "name": "支付宝示例商户服务有限公司",
        "code": "91330000000000002B",
        "address": "浙江省杭州市（示例地址）",
    },
    {
        "name": "财付通支付科技有限公司",
        "code": "91440300000000003C",
        "address": "广东省深圳市（示例地址）",
    },
    {
        "name": "北京示例科技有限公司",
        "code": "91110000000000004D",
        "address": "北京市海淀区（示例地址）",
    },
)


@dataclass(frozen=True, slots=True)
class Submission:
    channel: str
    variant: str | None  # the drift token, None for the unchanged replica
    fields: dict[str, list[str]]
    files: dict[str, list[str]]  # field name → uploaded file names


def _whole_text(old: str) -> re.Pattern[str]:
    """``old`` as a whole text node (a label, legend, heading or option), never a substring."""
    return re.compile(r"(>\s*)" + re.escape(old) + r"(\s*<)")


class ReplicaServer:
    """A threaded WSGI server for the replicas; every submit and login is recorded."""

    def __init__(self, root: Path = SITES_DIR) -> None:
        self.root = root
        self._lock = threading.Lock()
        self._submissions: list[Submission] = []
        self._logins: dict[str, int] = {}
        self._variants: dict[str, tuple[str, dict[str, str]]] = {}
        self._numbers = itertools.count(100001)
        self._server: Any = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------

    def start(self) -> ReplicaServer:
        from werkzeug.serving import WSGIRequestHandler, make_server

        class QuietHandler(WSGIRequestHandler):
            def log_request(self, *args: Any, **kwargs: Any) -> None:
                pass  # a line per request would drown the test output

        self._server = make_server(
            "127.0.0.1", 0, self._app, threaded=True, request_handler=QuietHandler
        )
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="replica-sites", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    # -- what tests use ----------------------------------------------------------------

    def url(self, channel: str, page: str | None = None) -> str:
        """The start address of a replica (or one of its pages)."""
        spec = self._spec(channel)
        return f"{self.base_url}/{channel}/{spec.start if page is None else page}"

    def drifted(self, channel: str, renames: Mapping[str, str], page: str | None = None) -> str:
        """The address of a copy of the replica with each label in ``renames`` renamed.

        Raises ValueError when a label to rename is not in the replica, so a drift
        test cannot pass by renaming nothing.
        """
        spec = self._spec(channel)
        pages = [p.read_text("utf-8") for p in (self.root / channel).glob("*.html")]
        for old in renames:
            if not any(_whole_text(old).search(text) for text in pages):
                raise ValueError(f"no label {old!r} in the {channel} replica")
        token = uuid.uuid4().hex[:12]
        with self._lock:
            self._variants[token] = (channel, dict(renames))
        return f"{self.base_url}/drift/{token}/{channel}/{spec.start if page is None else page}"

    def submissions(self, channel: str) -> int:
        """How many times the replica's complaint was really submitted (drifted copies too)."""
        with self._lock:
            return sum(1 for s in self._submissions if s.channel == channel)

    def submitted(self, channel: str) -> list[Submission]:
        with self._lock:
            return [s for s in self._submissions if s.channel == channel]

    def logins(self, channel: str) -> int:
        with self._lock:
            return self._logins.get(channel, 0)

    def login_cookie(self, channel: str) -> dict[str, str]:
        """A cookie for ``BrowserContext.add_cookies`` that opens the login wall."""
        self._spec(channel)
        return {"name": f"replica_{channel}", "value": LOGGED_IN, "url": self.base_url}

    def reset(self) -> None:
        with self._lock:
            self._submissions.clear()
            self._logins.clear()
            self._variants.clear()

    # -- serving -------------------------------------------------------------------------

    @staticmethod
    def _spec(channel: str) -> Replica:
        try:
            return REPLICAS[channel]
        except KeyError:
            raise KeyError(f"no replica for {channel!r}; replicas: {', '.join(REPLICAS)}") from None

    def _app(self, environ: dict[str, Any], start_response: Any) -> Any:
        from werkzeug.wrappers import Request

        request = Request(environ)
        return self._route(request)(environ, start_response)

    def _route(self, request: Any) -> Any:
        from werkzeug.utils import redirect
        from werkzeug.wrappers import Response

        parts = [p for p in request.path.split("/") if p]
        variant: str | None = None
        if len(parts) >= 2 and parts[0] == "drift":
            variant = parts[1]
            with self._lock:
                known = self._variants.get(variant)
            # A drifted page loads the shared wizard script and styles like the original.
            if known is None or (len(parts) > 2 and parts[2] not in (known[0], SHARED)):
                return Response("Unknown drifted replica.", status=404)
            parts = parts[2:]
        if not parts:
            return self._listing()
        head, rest = parts[0], "/".join(parts[1:])
        if head == SHARED:
            return self._file(self.root / SHARED, rest, None)
        if head not in REPLICAS:
            return Response("No such replica.", status=404)
        if not request.path.endswith("/") and not rest:
            return redirect(request.path + "/")
        channel, spec = head, REPLICAS[head]
        if request.method == "POST" and rest == "submit":
            return self._submit(channel, variant, request)
        if request.method == "POST" and rest == "login":
            return self._login(channel, request)
        if request.method != "GET":
            return Response("Method not allowed.", status=405)
        if rest.startswith("api/"):
            return self._api(rest[4:], request)
        page = rest or "index.html"
        if self._protected(spec, page) and request.cookies.get(f"replica_{channel}") != LOGGED_IN:
            return redirect(f"login.html?next={quote(page)}")
        renames = self._variants.get(variant, (channel, {}))[1] if variant else None
        return self._file(self.root / channel, page, renames)

    @staticmethod
    def _protected(spec: Replica, page: str) -> bool:
        if page == "login.html":
            return False
        return "*" in spec.protected or page in spec.protected

    def _file(self, base: Path, name: str, renames: Mapping[str, str] | None) -> Any:
        from werkzeug.security import safe_join
        from werkzeug.wrappers import Response

        found = safe_join(str(base), name)
        if found is None or not Path(found).is_file():
            return Response("Not found.", status=404)
        path = Path(found)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if not kind.startswith("text/") and kind != "application/javascript":
            return Response(path.read_bytes(), mimetype=kind)
        text = path.read_text("utf-8")
        for old, new in (renames or {}).items():
            text = _whole_text(old).sub(lambda m, new=new: m.group(1) + new + m.group(2), text)
        response = Response(text, mimetype=kind)
        response.headers["Cache-Control"] = "no-store"
        return response

    def _submit(self, channel: str, variant: str | None, request: Any) -> Any:
        from werkzeug.wrappers import Response

        fields = {k: request.form.getlist(k) for k in request.form}
        files = {
            k: [f.filename for f in request.files.getlist(k) if f.filename] for k in request.files
        }
        with self._lock:
            self._submissions.append(Submission(channel, variant, fields, files))
            number = next(self._numbers)
        page = (
            "<!doctype html><meta charset=utf-8><title>Submitted</title>"
            f"<h1>Complaint submitted</h1><p>Reference number {number}</p>"
        )
        return Response(page, mimetype="text/html")

    def _login(self, channel: str, request: Any) -> Any:
        from werkzeug.utils import redirect

        with self._lock:
            self._logins[channel] = self._logins.get(channel, 0) + 1
        wanted = request.form.get("next") or "index.html"
        # Only a page of the same replica: a login must not bounce anywhere else.
        target = urljoin(request.base_url, wanted)
        if urlsplit(target).netloc != urlsplit(request.base_url).netloc:
            target = urljoin(request.base_url, "index.html")
        response = redirect(target)
        response.set_cookie(f"replica_{channel}", LOGGED_IN, path="/", httponly=True)
        return response

    @staticmethod
    def _api(name: str, request: Any) -> Any:
        from werkzeug.wrappers import Response

        if name == "transactions":
            found: Any = list(PAYPAL_TRANSACTIONS)
        elif name == "companies":
            query = (request.args.get("q") or "").strip().casefold()
            found = [
                c
                for c in COMPANIES_12315
                if query and (query in c["name"].casefold() or query == c["code"].casefold())
            ]
        else:
            return Response("Not found.", status=404)
        return Response(json.dumps(found, ensure_ascii=False), mimetype="application/json")

    def _listing(self) -> Any:
        from werkzeug.wrappers import Response

        items = "".join(f'<li><a href="/{c}/">{c}</a></li>' for c in REPLICAS)
        page = f"<!doctype html><meta charset=utf-8><title>Replicas</title><ul>{items}</ul>"
        return Response(page, mimetype="text/html")


@pytest.fixture(scope="session")
def replica_server() -> Iterator[ReplicaServer]:
    server = ReplicaServer().start()
    yield server
    server.stop()


@pytest.fixture
def replica_sites(replica_server: ReplicaServer) -> ReplicaServer:
    """The replica server with its counts and drifted copies cleared for this test."""
    replica_server.reset()
    return replica_server


if __name__ == "__main__":
    import time

    running = ReplicaServer().start()
    print(f"Replicas at {running.base_url}/ (Ctrl-C to stop)")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        running.stop()
