"""Every attack on a local web server, against the real helper on a random port.

Each test checks the status and that no profile data came back: the profile
holds a marker value that must never appear in a refused response.
"""

from __future__ import annotations

import http.client
import json
import socket
import time

import pytest

from server.pairing import Pairing
from server.store import ProfileStore
from tests.support.fixtures_server import LiveHelper

pytestmark = pytest.mark.usefixtures("secret_service")

MARKER = "Zqx-marker-7731"
PROFILE = {
    "given_name": MARKER,
    "family_name": "Wang",
    "email": "wang@example.com",
    "address": {"line1": f"1 {MARKER} Road", "city": "Shenzhen", "country": "CN"},
}
EXTENSION = "chrome-extension://" + "abcdefghijklmnopabcdefghijklmnop"
OTHER_EXTENSION = "chrome-extension://" + "ponmlkjihgfedcbaponmlkjihgfedcba"
FIREFOX_EXTENSION = "moz-extension://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"


@pytest.fixture
def live(helper: LiveHelper) -> LiveHelper:
    ProfileStore().put("default", PROFILE, None)
    return helper


def refused(response: object, status: int, cors: str | None = None) -> dict:
    """The response has this status, a JSON error body, and nothing of the profile.

    CORS headers only for ``cors``: a paired extension may read why it was refused.
    """
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    assert response.headers["Content-Type"] == "application/json"  # type: ignore[attr-defined]
    assert MARKER not in response.text  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert body["code"] == status and body["message"]
    assert response.headers.get("Access-Control-Allow-Origin") == cors  # type: ignore[attr-defined]
    return body


def raw_request(
    port: int, method: str, path: str, headers: dict[str, str], body: bytes = b""
) -> tuple[int, dict[str, str], bytes]:
    """One request with exactly these headers (http.client adds no Host when one is given)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        conn.putrequest(method, path, skip_host="Host" in headers, skip_accept_encoding=True)
        for name, value in headers.items():
            conn.putheader(name, value)
        if body:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body or None)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


# -- the token -------------------------------------------------------------------------


def test_the_profile_is_served_with_the_token(live: LiveHelper) -> None:
    response = live.get("/api/profile")
    assert response.status_code == 200
    assert response.json()["given_name"] == MARKER


def test_no_token_gets_401_and_no_data(live: LiveHelper) -> None:
    for path in ("/api/profile", "/api/profiles", "/api/keys", "/api/openapi.json", "/nothing"):
        body = refused(live.get(path, token=None), 401)
        assert "plaint pair" in body["message"]
    response = live.get("/api/profile", token=None)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_wrong_or_malformed_token_gets_401(live: LiveHelper) -> None:
    assert len(live.token) == 43  # 256 bits, URL-safe base64
    wrong = live.token[:-1] + ("A" if live.token[-1] != "A" else "B")
    refused(live.get("/api/profile", token=wrong), 401)
    for header in (f"Basic {live.token}", "Bearer", f"Bearer{live.token}", live.token, "Bearer  "):
        refused(live.get("/api/profile", headers={"Authorization": header}), 401)


def test_token_guessing_is_throttled_then_recovers(live: LiveHelper) -> None:
    for attempt in range(10):
        refused(live.get("/api/profile", token=f"guess-{attempt}-" + "x" * 40), 401)
    response = live.get("/api/profile", token="guess-11-" + "x" * 40)
    refused(response, 429)
    assert int(response.headers["Retry-After"]) >= 1
    # While throttled even the right token is not compared, so a hit cannot be told apart.
    refused(live.get("/api/profile"), 429)
    time.sleep(int(response.headers["Retry-After"]) + 0.2)
    assert live.get("/api/profile").status_code == 200


def test_requests_without_a_token_do_not_lock_the_extension_out(live: LiveHelper) -> None:
    for _ in range(30):
        refused(live.get("/api/profile", token=None), 401)
    assert live.get("/api/profile").status_code == 200


def test_a_rotated_token_stops_working_at_once(live: LiveHelper) -> None:
    old = live.token
    new = Pairing().rotate().token  # what `plaint pair --rotate` does, in this process
    assert new != old
    refused(live.get("/api/profile", token=old), 401)
    assert live.get("/api/profile", token=new).status_code == 200


# -- Host: DNS rebinding -------------------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    [
        "evil.example:{port}",
        "evil.example",
        "127.0.0.1",
        "127.0.0.1:1",
        "localhost.evil.example:{port}",
        "127.0.0.1.nip.io:{port}",
        "[::1]:{port}",
        "",
    ],
)
def test_a_foreign_host_header_is_refused_even_with_the_token(live: LiveHelper, host: str) -> None:
    status, headers, body = raw_request(
        live.port, "GET", "/api/profile", {"Host": host.format(port=live.port), **live.auth()}
    )
    assert status == 400
    assert MARKER.encode() not in body
    assert json.loads(body)["code"] == 400
    assert "Access-Control-Allow-Origin" not in headers


def test_localhost_and_127_0_0_1_with_the_port_are_served(live: LiveHelper) -> None:
    for host in (f"127.0.0.1:{live.port}", f"localhost:{live.port}"):
        status, _, body = raw_request(
            live.port, "GET", "/api/profile", {"Host": host, **live.auth()}
        )
        assert status == 200, host
        assert MARKER.encode() in body


def test_a_request_without_host_is_refused(live: LiveHelper) -> None:
    with socket.create_connection(("127.0.0.1", live.port), timeout=20) as sock:
        sock.sendall(
            f"GET /api/profile HTTP/1.0\r\nAuthorization: Bearer {live.token}\r\n\r\n".encode()
        )
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    assert reply.startswith(b"HTTP/1.0 400") or reply.startswith(b"HTTP/1.1 400")
    assert MARKER.encode() not in reply


# -- Origin and CORS ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "origin",
    [
        "https://evil.example",
        "http://127.0.0.1:8000",
        "null",
        "file://",
        "chrome-extension://short",
        "chrome-extension://" + "z" * 32,
        "https://abcdefghijklmnopabcdefghijklmnop.example",
    ],
)
def test_web_origins_get_no_data_even_with_the_token(live: LiveHelper, origin: str) -> None:
    refused(live.get("/api/profile", headers={**live.auth(), "Origin": origin}), 403)
    refused(live.get("/api/health", headers={"Origin": origin}), 403)


def test_a_foreign_preflight_gets_no_cors_headers(live: LiveHelper) -> None:
    for origin in ("https://evil.example", OTHER_EXTENSION):
        response = live.request(
            "OPTIONS",
            "/api/profile",
            token=None,
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "authorization",
            },
        )
        refused(response, 403)
        assert not [h for h in response.headers if h.lower().startswith("access-control-allow")]


def test_requests_from_another_site_without_origin_are_refused(live: LiveHelper) -> None:
    # What an <img> or <script> tag, or a link from another site, sends.
    for site in ("cross-site", "same-site"):
        headers = {**live.auth(), "Sec-Fetch-Site": site, "Sec-Fetch-Mode": "no-cors"}
        refused(live.get("/api/profile", headers=headers), 403)
    typed = live.get("/api/profile", headers={**live.auth(), "Sec-Fetch-Site": "none"})
    assert typed.status_code == 200


def test_an_unpaired_extension_pairs_then_gets_cors(live: LiveHelper) -> None:
    refused(live.get("/api/profile", headers={**live.auth(), "Origin": EXTENSION}), 403)

    preflight = live.request(
        "OPTIONS",
        "/api/pair",
        token=None,
        headers={
            "Origin": EXTENSION,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type",
            "Access-Control-Request-Private-Network": "true",
        },
    )
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == EXTENSION
    assert "Authorization" in preflight.headers["Access-Control-Allow-Headers"]
    assert preflight.headers["Access-Control-Allow-Private-Network"] == "true"

    wrong = live.request(
        "POST", "/api/pair", token="x" * 43, json={}, headers={"Origin": EXTENSION}
    )
    refused(wrong, 401, EXTENSION)
    paired = live.request("POST", "/api/pair", json={}, headers={"Origin": EXTENSION})
    assert paired.status_code == 200
    assert paired.json() == {"paired": True, "origin": EXTENSION}
    assert paired.headers["Access-Control-Allow-Origin"] == EXTENSION
    assert EXTENSION in Pairing().load().origins  # type: ignore[union-attr]

    served = live.get("/api/profile", headers={**live.auth(), "Origin": EXTENSION})
    assert served.status_code == 200
    assert served.headers["Access-Control-Allow-Origin"] == EXTENSION
    assert "ETag" in served.headers["Access-Control-Expose-Headers"]
    assert "Origin" in served.headers["Vary"]
    # Pairing is per origin: another extension is still refused.
    refused(live.get("/api/profile", headers={**live.auth(), "Origin": OTHER_EXTENSION}), 403)
    # Paired origins still need the token.
    refused(live.get("/api/profile", token=None, headers={"Origin": EXTENSION}), 401, EXTENSION)


def test_firefox_extensions_pair_too_and_rotation_forgets_them(live: LiveHelper) -> None:
    assert (
        live.request("POST", "/api/pair", headers={"Origin": FIREFOX_EXTENSION}).status_code == 200
    )
    assert live.get("/api/profile", headers={**live.auth(), "Origin": FIREFOX_EXTENSION}).ok
    new = Pairing().rotate().token
    refused(live.get("/api/profile", token=new, headers={"Origin": FIREFOX_EXTENSION}), 403)


def test_the_cli_can_pair_without_an_origin(live: LiveHelper) -> None:
    response = live.request("POST", "/api/pair")
    assert response.json() == {"paired": True, "origin": None}
    assert Pairing().load().origins == frozenset()  # type: ignore[union-attr]


# -- CSRF shapes and body limits -----------------------------------------------------------------


def test_cross_site_simple_posts_are_refused(live: LiveHelper) -> None:
    before = ProfileStore().get("default")
    body = json.dumps({"url": "https://example.com/"})
    for content_type in (
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
    ):
        # From a web page: the Origin gives it away.
        refused(
            live.request(
                "POST",
                "/api/fill-payload",
                token=None,
                data=body,
                headers={"Origin": "https://evil.example", "Content-Type": content_type},
            ),
            403,
        )
        # Even with the token and no Origin, a body that is not JSON is refused.
        refused(
            live.request(
                "POST", "/api/fill-payload", data=body, headers={"Content-Type": content_type}
            ),
            415,
        )
        refused(
            live.request(
                "PUT",
                "/api/profile",
                data=json.dumps(PROFILE),
                headers={"Content-Type": content_type, "If-Match": "*"},
            ),
            415,
        )
    assert ProfileStore().get("default") == before


def test_a_body_over_one_mebibyte_is_refused_with_json(live: LiveHelper) -> None:
    before = ProfileStore().get("default")
    big = json.dumps({"given_name": "x" * (1024 * 1024)})
    response = live.request(
        "PUT",
        "/api/profile",
        data=big,
        headers={"Content-Type": "application/json", "If-Match": "*"},
    )
    body = refused(response, 413)
    assert "1 MiB" in body["message"]
    # A far larger body is refused as soon as its length is announced, before it is sent.
    with socket.create_connection(("127.0.0.1", live.port), timeout=20) as sock:
        sock.sendall(
            f"POST /api/fill-payload HTTP/1.1\r\nHost: 127.0.0.1:{live.port}\r\n"
            f"Authorization: Bearer {live.token}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {3 * 1024 * 1024}\r\n\r\n".encode()
        )
        assert sock.recv(65536).startswith(b"HTTP/1.1 413")
    assert ProfileStore().get("default") == before
    assert live.get("/api/profile").status_code == 200


# -- the socket and the headers ----------------------------------------------------------------


def _non_loopback_address() -> str | None:
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # no packet is sent for UDP connect
            address = probe.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") else address


def test_the_helper_listens_on_loopback_only(live: LiveHelper) -> None:
    assert live.server._server.socket.getsockname()[0] == "127.0.0.1"
    address = _non_loopback_address()
    if address is None:
        pytest.skip("this machine has no non-loopback IPv4 address to try")
    with pytest.raises(OSError):
        socket.create_connection((address, live.port), timeout=5).close()


def test_every_response_carries_the_protective_headers(live: LiveHelper) -> None:
    for response in (
        live.get("/api/profile"),
        live.get("/api/health", token=None),
        live.get("/api/profile", token=None),
        live.get("/nothing"),
    ):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers.get("Access-Control-Allow-Origin") != "*"
