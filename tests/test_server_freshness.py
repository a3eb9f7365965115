"""The helper serves cached profiles and pairing, yet never anything older than the request.

Every change plaint makes replaces a change marker in its data directory; the
helper reads the keyring again only when the marker moved, is missing or
damaged, says a change is under way, or a second has passed.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from server.pairing import Pairing
from server.store import ProfileStore
from server.store.paths import data_dir
from tests.support.env import REPO, plaint_env
from tests.support.fixtures_server import LiveHelper

pytestmark = pytest.mark.usefixtures("secret_service")

PROFILE = {"given_name": "小明", "family_name": "王", "email": "wang@example.cn"}


@pytest.fixture
def live(helper: LiveHelper) -> LiveHelper:
    ProfileStore().put("default", PROFILE, None)
    return helper


def name_served(live: LiveHelper) -> str:
    response = live.get("/api/profile")
    assert response.status_code == 200, response.text
    return str(response.json()["given_name"])


def behind_the_markers_back(tmp_path: Path) -> ProfileStore:
    """A store writing the same keyring entries without telling the helper's marker,
    as a program other than plaint (or a writer killed at the wrong moment) would."""
    return ProfileStore(marker=tmp_path / "elsewhere.changed")


@pytest.fixture
def keyring_reads(live: LiveHelper, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every keyring read the helper makes, by entry name."""
    context = live.app.extensions["plaint"]
    backend = context.store.blobs.backend
    assert context.pairing.pairing.blobs.backend is backend
    reads: list[str] = []
    real = backend.get_password

    def counted(service: str, username: str) -> str | None:
        reads.append(username)
        return real(service, username)

    monkeypatch.setattr(backend, "get_password", counted)
    # No periodic re-read during the test: only the markers decide.
    monkeypatch.setattr(context.store.marker, "revalidate_seconds", 3600)
    monkeypatch.setattr(context.pairing.pairing.marker, "revalidate_seconds", 3600)
    yield reads


def test_unchanged_profile_and_token_are_served_without_the_keyring(
    live: LiveHelper, keyring_reads: list[str]
) -> None:
    assert name_served(live) == "小明"
    keyring_reads.clear()
    for _ in range(20):
        assert name_served(live) == "小明"
    assert keyring_reads == []
    ProfileStore().put("default", {**PROFILE, "given_name": "小红"})
    assert name_served(live) == "小红"
    assert keyring_reads, "a change must send the helper to the keyring"
    reads_after_change = len(keyring_reads)
    assert name_served(live) == "小红"
    assert len(keyring_reads) == reads_after_change


def test_changes_within_one_clock_tick_are_each_seen(live: LiveHelper) -> None:
    store = ProfileStore()
    assert name_served(live) == "小明"
    for i in range(10):  # far quicker than a file system's mtime resolution on some systems
        store.put("default", {**PROFILE, "given_name": f"名{i}"})
        assert name_served(live) == f"名{i}"
    store.delete("default")
    assert live.get("/api/profile").status_code == 404
    store.put("default", PROFILE)
    assert name_served(live) == "小明"


def test_a_change_by_the_cli_in_another_process_is_seen_at_once(live: LiveHelper) -> None:
    assert name_served(live) == "小明"
    for value in ("阿明", "阿强"):
        subprocess.run(
            [sys.executable, "-m", "automations", "profile", "set", "given_name", value],
            cwd=REPO,
            env=plaint_env(),
            check=True,
            capture_output=True,
            timeout=60,
        )
        assert name_served(live) == value


@pytest.mark.parametrize("damage", ["missing", "garbage", "directory", "empty"])
def test_without_a_usable_marker_the_helper_reads_the_keyring(
    live: LiveHelper, tmp_path: Path, damage: str
) -> None:
    assert name_served(live) == "小明"
    marker = data_dir() / "profiles.changed"
    marker.unlink()
    if damage == "garbage":
        marker.write_bytes(b"\x00\xff not a token")
    elif damage == "directory":
        marker.mkdir()
    elif damage == "empty":
        marker.write_bytes(b"")
    behind_the_markers_back(tmp_path).put("default", {**PROFILE, "given_name": "小红"})
    assert name_served(live) == "小红"
    if damage != "missing":  # (a missing marker is made afresh and trusted from then on)
        behind_the_markers_back(tmp_path).put("default", {**PROFILE, "given_name": "小刚"})
        assert name_served(live) == "小刚"
    if damage == "directory":
        marker.rmdir()
    ProfileStore().put("default", PROFILE)  # plaint's next change makes a good marker again
    assert name_served(live) == "小明"


def test_a_writer_killed_mid_change_never_leaves_the_helper_stale(
    live: LiveHelper, tmp_path: Path
) -> None:
    assert name_served(live) == "小明"
    killed = ProfileStore()
    killed.marker.begin()  # ... and the process dies after its keyring writes
    behind_the_markers_back(tmp_path).put("default", {**PROFILE, "given_name": "小红"})
    assert name_served(live) == "小红"
    behind_the_markers_back(tmp_path).put("default", {**PROFILE, "given_name": "小刚"})
    assert name_served(live) == "小刚"
    ProfileStore().put("default", PROFILE)
    assert name_served(live) == "小明"


def test_a_change_made_outside_plaint_is_seen_within_the_revalidation_time(
    live: LiveHelper, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = live.app.extensions["plaint"].store.marker
    monkeypatch.setattr(marker, "revalidate_seconds", 0.3)
    assert name_served(live) == "小明"
    behind_the_markers_back(tmp_path).put("default", {**PROFILE, "given_name": "小红"})
    time.sleep(0.4)
    assert name_served(live) == "小红"


def test_a_rotation_in_another_process_stops_the_old_token_at_once(live: LiveHelper) -> None:
    old = live.token
    assert live.get("/api/profile", token=old).status_code == 200
    result = subprocess.run(
        [sys.executable, "-m", "automations", "pair", "--rotate"],
        cwd=REPO,
        env=plaint_env(),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    new = result.stdout.strip()
    assert new != old
    assert live.get("/api/profile", token=old).status_code == 401
    assert live.get("/api/profile", token=new).status_code == 200


def test_the_markers_hold_only_a_random_token_and_are_private(live: LiveHelper) -> None:
    store = ProfileStore()
    tokens = set()
    for i in range(3):
        store.put("default", {**PROFILE, "given_name": f"名{i}"})
        tokens.add((data_dir() / "profiles.changed").read_bytes())
    assert len(tokens) == 3
    Pairing().rotate()
    pairing_token = Pairing().load().token  # type: ignore[union-attr]
    for name in ("profiles.changed", "pairing.changed"):
        path = data_dir() / name
        content = path.read_bytes()
        assert re.fullmatch(rb"[0-9a-f]{32}", content), content
        assert pairing_token.encode() not in content
        if os.name == "posix":
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # Nothing but the markers and the lock: no temporary file left behind.
    assert sorted(p.name for p in data_dir().iterdir() if p.name.startswith(".")) == []
