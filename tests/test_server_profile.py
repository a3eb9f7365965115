"""/api/profile against the real helper: ETags, preconditions, validation, the CLI beside it."""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import pytest

from server.store import ProfileStore
from tests.support.env import REPO, plaint_env
from tests.support.fixtures_server import LiveHelper

pytestmark = pytest.mark.usefixtures("secret_service")

PROFILE = {
    "given_name": "小明",
    "family_name": "王",
    "email": "wang@example.cn",
    "phone": "138 0013 8000",
    "address": {
        "line1": "南山区科技园路1号",
        "line2": "A座",
        "city": "深圳市",
        "state": "广东省",
        "country": "CN",
    },
    "date_of_birth": "1949-12-31",
    "id_number": "11010519491231002X",
    "preferred_language": "zh",
}


@pytest.fixture
def live(helper: LiveHelper) -> LiveHelper:
    ProfileStore().put("default", PROFILE, None)
    return helper


def stored() -> dict:
    found = ProfileStore().get("default")
    assert found is not None
    return {"data": found.data, "version": found.version}


def test_get_returns_the_whole_profile_with_its_version_as_etag(live: LiveHelper) -> None:
    response = live.get("/api/profile")
    assert response.status_code == 200
    assert response.json() == stored()["data"]
    assert response.headers["ETag"] == f'"{stored()["version"]}"'
    again = live.get("/api/profile", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_profiles_lists_the_stored_names(live: LiveHelper) -> None:
    ProfileStore().put("work", {"email": "w@example.com"}, None)
    assert live.get("/api/profiles").json() == {"profiles": ["default", "work"]}
    assert live.get("/api/profile?profile=work").json() == {"email": "w@example.com"}


def test_an_unknown_or_invalid_profile_name_is_a_clear_error(live: LiveHelper) -> None:
    missing = live.get("/api/profile?profile=nobody")
    assert missing.status_code == 404
    assert "nobody" in missing.json()["message"]
    invalid = live.get("/api/profile", params={"profile": "../etc/passwd"})
    assert invalid.status_code == 422
    assert list(invalid.json()["errors"]) == ["profile"]


def test_a_write_needs_if_match(live: LiveHelper) -> None:
    before = stored()
    response = live.request("PUT", "/api/profile", json={**PROFILE, "given_name": "小红"})
    assert response.status_code == 428
    assert "If-Match" in response.json()["message"]
    response = live.request("PATCH", "/api/profile", json={"given_name": "小红"})
    assert response.status_code == 428
    assert stored() == before


def test_a_stale_if_match_gets_412_and_changes_nothing(live: LiveHelper) -> None:
    etag = live.get("/api/profile").headers["ETag"]
    ProfileStore().put("default", {**PROFILE, "email": "new@example.cn"})  # another writer
    after_other = stored()
    for method, body in (
        ("PUT", {**PROFILE, "given_name": "小红"}),
        ("PATCH", {"given_name": "小红"}),
    ):
        response = live.request(method, "/api/profile", json=body, headers={"If-Match": etag})
        assert response.status_code == 412, method
        assert response.headers["ETag"] == f'"{after_other["version"]}"'
    weak = live.request(
        "PATCH",
        "/api/profile",
        json={"given_name": "小红"},
        headers={"If-Match": f'W/"{after_other["version"]}"'},
    )
    assert weak.status_code == 412  # If-Match compares strongly
    assert stored() == after_other


def test_put_with_the_current_etag_replaces_the_profile(live: LiveHelper) -> None:
    etag = live.get("/api/profile").headers["ETag"]
    new = {**PROFILE, "email": "xiaoming@example.cn"}
    response = live.request("PUT", "/api/profile", json=new, headers={"If-Match": etag})
    assert response.status_code == 200
    assert response.json()["email"] == "xiaoming@example.cn"
    assert response.headers["ETag"] != etag
    assert response.headers["ETag"] == f'"{stored()["version"]}"'
    assert live.get("/api/profile").json() == stored()["data"]


def test_if_none_match_star_creates_only_once(live: LiveHelper) -> None:
    body = {"given_name": "Ann", "email": "ann@example.com"}
    first = live.request(
        "PUT", "/api/profile?profile=ann", json=body, headers={"If-None-Match": "*"}
    )
    assert first.status_code == 201
    assert ProfileStore().get("ann").data == body  # type: ignore[union-attr]
    second = live.request(
        "PUT", "/api/profile?profile=ann", json={"given_name": "B"}, headers={"If-None-Match": "*"}
    )
    assert second.status_code == 412
    assert ProfileStore().get("ann").data == body  # type: ignore[union-attr]
    nobody = live.request(
        "PUT", "/api/profile?profile=nobody", json=body, headers={"If-Match": "*"}
    )
    assert nobody.status_code == 412
    assert ProfileStore().get("nobody") is None


def test_invalid_data_names_every_field_and_keeps_the_stored_profile(live: LiveHelper) -> None:
    before = stored()
    etag = live.get("/api/profile").headers["ETag"]
    bad = {
        **PROFILE,
        "email": "not-an-email",
        "phone": "12",
        "address": {**PROFILE["address"], "country": "XX"},
        "preferred_language": "fr",
        "nickname": "unknown keys are refused, never dropped",
    }
    response = live.request("PUT", "/api/profile", json=bad, headers={"If-Match": etag})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == 422
    assert "Nothing was saved" in body["message"]
    assert set(body["errors"]) == {
        "email",
        "phone",
        "address.country",
        "preferred_language",
        "nickname",
    }
    assert all(isinstance(m, str) for msgs in body["errors"].values() for m in msgs)
    assert stored() == before


def test_patch_merges_and_null_removes(live: LiveHelper) -> None:
    etag = live.get("/api/profile").headers["ETag"]
    response = live.request(
        "PATCH",
        "/api/profile",
        data=json.dumps({"email": "x@example.cn", "address": {"line2": None, "city": "广州市"}}),
        headers={"If-Match": etag, "Content-Type": "application/merge-patch+json"},
    )
    assert response.status_code == 200, response.text
    data = stored()["data"]
    assert data["email"] == "x@example.cn"
    assert data["address"]["city"] == "广州市"
    assert "line2" not in data["address"]
    assert data["address"]["line1"] == PROFILE["address"]["line1"]
    assert data["id_number"] == PROFILE["id_number"]


def test_an_invalid_patch_names_the_nested_field(live: LiveHelper) -> None:
    before = stored()
    etag = live.get("/api/profile").headers["ETag"]
    response = live.request(
        "PATCH",
        "/api/profile",
        json={"address": {"postal_code": "5" * 30}, "date_of_birth": "2999-01-01"},
        headers={"If-Match": etag},
    )
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"address.postal_code", "date_of_birth"}
    assert stored() == before


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"", 422),
        (b"{not json", 400),
        (b"[1, 2]", 422),
        (b'"a string"', 422),
        (b"[" * 100_000 + b"]" * 100_000, 400),
        (b'{"given_name": "\xff\xfe"}', 400),
        (b"1" * 5000, 400),
    ],
)
def test_malformed_bodies_are_4xx_never_5xx(live: LiveHelper, body: bytes, status: int) -> None:
    before = stored()
    response = live.request(
        "PUT",
        "/api/profile",
        data=body,
        headers={"If-Match": "*", "Content-Type": "application/json"},
    )
    assert response.status_code == status, response.text
    assert response.json()["code"] == status
    assert stored() == before


def test_the_helper_sees_a_cli_change_made_a_moment_ago(live: LiveHelper) -> None:
    first = live.get("/api/profile")
    assert first.json()["address"]["city"] == "深圳市"
    subprocess.run(
        [sys.executable, "-m", "automations", "profile", "set", "city", "杭州市"],
        cwd=REPO,
        env=plaint_env(),
        check=True,
        capture_output=True,
        timeout=60,
    )
    second = live.get("/api/profile")
    assert second.json()["address"]["city"] == "杭州市"
    assert second.headers["ETag"] != first.headers["ETag"]
    # An edit based on what was read before the CLI's change must not overwrite it.
    stale = live.request(
        "PATCH",
        "/api/profile",
        json={"email": "a@example.cn"},
        headers={"If-Match": first.headers["ETag"]},
    )
    assert stale.status_code == 412
    assert ProfileStore().get("default").data["address"]["city"] == "杭州市"  # type: ignore[union-attr]


def test_concurrent_reads_during_writes_are_never_mixed(live: LiveHelper) -> None:
    """Every answer's ETag matches its body, and no answer is older than the request."""
    store = ProfileStore()
    written: dict[str, str] = {}  # version → given_name
    lock = threading.Lock()
    stop = threading.Event()
    errors: list[str] = []

    def writer() -> None:
        for i in range(8):
            result = store.put("default", {**PROFILE, "given_name": f"名{i}"})
            with lock:
                written[result.version] = f"名{i}"
        stop.set()

    def number(version: str) -> int:
        return int(version.split("-")[0])

    def reader() -> None:
        import requests

        with requests.Session() as session:
            while not stop.is_set():
                with lock:
                    floor = max((number(v) for v in written), default=0)
                r = session.get(live.url + "/api/profile", headers=live.auth(), timeout=20)
                version = r.headers.get("ETag", "").strip('"')
                with lock:
                    name = written.get(version)
                if r.status_code != 200:
                    errors.append(f"status {r.status_code}")
                elif name is not None and r.json()["given_name"] != name:
                    errors.append(f"the body of another version under {version}")
                elif number(version) < floor:
                    errors.append(f"version {version} after version {floor} was written")

    readers = [threading.Thread(target=reader) for _ in range(6)]
    for t in readers:
        t.start()
    writer()
    for t in readers:
        t.join(60)
    assert not errors, errors[:5]
    final = live.get("/api/profile")
    assert final.json()["given_name"] == "名7"
