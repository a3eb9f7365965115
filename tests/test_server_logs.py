"""Logs never hold a profile value or the token, whatever happens.

A marker value sits in the profile (plain and sensitive fields), in invalid
input and in an exception's message; the token and wrong tokens are sent.
Everything any logger wrote (waitress, Flask, plaint) is then searched.
"""

from __future__ import annotations

import logging

import pytest
import requests

from server.store import ProfileStore
from tests.support.fixtures_server import HelperProcess, stop_helper

pytestmark = pytest.mark.usefixtures("secret_service")

MARKER = "Qv7-marker-k2"
PROFILE = {
    "given_name": MARKER,
    "family_name": "Smith",
    "email": "qv7.marker@example.com",
    "address": {"line1": f"{MARKER} Street 1", "city": "London", "country": "GB"},
    "id_number": f"ID-{MARKER}",
    "date_of_birth": "1980-02-29",
}


def exercise(url: str, token: str) -> None:
    """Every kind of request, good and bad, that could end up in a log."""
    auth = {"Authorization": f"Bearer {token}"}
    with requests.Session() as s:
        etag = s.get(f"{url}/api/profile", headers=auth, timeout=20).headers["ETag"]
        s.get(f"{url}/api/profile", headers={"Authorization": f"Bearer wrong-{MARKER}"})
        s.get(f"{url}/api/profile?profile={MARKER}", headers=auth)
        s.put(
            f"{url}/api/profile",
            json={**PROFILE, "email": f"{MARKER}-not-an-email", "phone": MARKER},
            headers={**auth, "If-Match": etag},
        )
        s.patch(f"{url}/api/profile", json={"city": MARKER}, headers={**auth, "If-Match": '"0-x"'})
        s.patch(
            f"{url}/api/profile",
            data=f'{{"given_name": "{MARKER}", broken',
            headers={**auth, "If-Match": etag, "Content-Type": "application/json"},
        )
        s.post(
            f"{url}/api/fill-payload",
            json={"url": f"https://example.com/{MARKER}", "include_sensitive": ["id_number"]},
            headers=auth,
        )
        s.get(f"{url}/api/profile", headers={**auth, "Host": f"{MARKER}.example"})
        s.get(f"{url}/api/profile", headers={**auth, "Origin": f"https://{MARKER}.example"})
        s.get(f"{url}/api/boom?secret={MARKER}", headers=auth)


def test_in_process_logs_hold_no_value_and_no_token(
    caplog: pytest.LogCaptureFixture, forget_pairing: None
) -> None:
    from server import create_app
    from server.wsgi import HelperServer
    from tests.support.fixtures_server import LiveHelper

    ProfileStore().put("default", PROFILE, None)
    app = create_app({"PLAINT_ACCESS_LOG": True})

    def boom() -> None:
        raise ValueError(f"a message quoting {MARKER}")

    app.add_url_rule("/api/boom", "boom", boom)
    token = app.extensions["plaint"].pairing.state().token
    caplog.set_level(logging.DEBUG)
    live = LiveHelper(app, HelperServer(app, port=0).start(), token)
    try:
        exercise(live.url, token)
    finally:
        stop_helper(live)
    # urllib3 is this test's own HTTP client, not the helper.
    server_records = [r for r in caplog.records if not r.name.startswith("urllib3")]
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")  # with any traceback
    text = "\n".join(formatter.format(r) for r in server_records)
    assert "GET /api/profile 200" in text  # the logs were captured at all
    assert "unexpected ValueError" in text
    assert MARKER not in text
    assert MARKER.lower() not in text.lower()
    assert token not in text


def test_the_serve_process_logs_nothing_personal_and_stops_on_ctrl_c(
    serve_process: HelperProcess,
) -> None:
    from tests.support.fixtures_server import pair_token

    ProfileStore().put("default", PROFILE, None)
    token = pair_token()
    exercise(serve_process.url, token)
    code, out, err = serve_process.interrupt()
    assert code == 0, err
    assert "plaint helper stopped." in err
    assert "GET /api/profile 200" in err
    assert "PATCH /api/profile 412" in err
    for stream in (out, err):
        assert MARKER not in stream
        assert token not in stream
        assert "Traceback" not in stream
