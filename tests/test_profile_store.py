"""The profile store against the real Secret Service."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from keyring.backends import SecretService, fail
from marshmallow import ValidationError

from server.store import KeyringUnavailable, ProfileStore, VersionConflict
from server.store.keyring_blobs import CHUNK_UNITS, KeyringBlobs, _chunks
from server.store.paths import data_dir
from tests.support.windows_keyring import WindowsSizedKeyring, error

pytestmark = pytest.mark.usefixtures("secret_service")


def big_profile() -> dict[str, Any]:
    """Over 20 KB of JSON, in Chinese, Latin and emoji."""
    return {
        "given_name": "明",
        "family_name": "李",
        "email": "li.ming@example.cn",
        "wallet_accounts": [
            {
                "provider": f"支付宝 Alipay 💳 {i}",
                "account_id": f"0x{i:040x}" + "钱包" * 60,
                "label": "备注 note 📝" * 5,
            }
            for i in range(40)
        ],
    }


def store_on(backend: Any, service: str) -> ProfileStore:
    return ProfileStore(KeyringBlobs(service, data_dir() / "keyring.lock", backend))


def test_round_trip_and_named_profiles(store: ProfileStore) -> None:
    store.put("default", {"given_name": "Ada"})
    store.put("work", {"given_name": "明", "family_name": "李"})
    assert store.get("default").data == {"given_name": "Ada"}  # type: ignore[union-attr]
    assert store.get("work").data == {"given_name": "明", "family_name": "李"}  # type: ignore[union-attr]
    assert store.names() == ["default", "work"]
    assert store.get("nobody") is None
    assert store.delete("work") is True
    assert store.names() == ["default"]
    assert store.get("work") is None


def test_a_20kb_profile_round_trips(store: ProfileStore) -> None:
    data = big_profile()
    assert len(json.dumps(data, ensure_ascii=False).encode()) > 20_000
    store.put("default", data)
    assert store.get("default").data == data  # type: ignore[union-attr]


def test_chunks_fit_windows_and_never_split_a_surrogate_pair() -> None:
    text = ("a😀明" * 2000)[:5001]
    chunks = _chunks(text)
    assert "".join(chunks) == text
    assert all(len(c.encode("utf-16-le")) // 2 <= CHUNK_UNITS for c in chunks)
    assert all(len(c.encode("utf-16-le")) <= 2560 for c in chunks)


def test_windows_sized_keyring_refuses_big_values_but_the_store_round_trips(
    private_plaint: str,
) -> None:
    backend = WindowsSizedKeyring()
    with pytest.raises(error) as info:
        backend.set_password(private_plaint, "too-big", "x" * 1281)
    assert info.value.args == (1783, "CredWrite", "The stub received bad data")
    store = store_on(backend, private_plaint)
    data = big_profile()
    store.put("default", data)
    assert store_on(SecretService.Keyring(), private_plaint).get("default").data == data  # type: ignore[union-attr]
    assert backend.refused == 1  # only the direct attempt above


class CrashAfter(SecretService.Keyring):
    """Dies (as a killed process would) after a number of writes."""

    def __init__(self, writes: int) -> None:
        super().__init__()
        self.writes_left = writes

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.writes_left == 0:
            raise SystemExit("killed")
        self.writes_left -= 1
        super().set_password(service, username, password)


@pytest.mark.parametrize("writes_before_crash", [0, 1, 2, 5, 12])
def test_a_crash_between_chunk_writes_keeps_the_previous_profile(
    private_plaint: str, writes_before_crash: int
) -> None:
    store = store_on(SecretService.Keyring(), private_plaint)
    old = store.put("default", {"given_name": "Before"})
    crashing = store_on(CrashAfter(writes_before_crash), private_plaint)
    with pytest.raises(SystemExit):
        crashing.put("default", big_profile())
    found = store.get("default")
    assert found is not None
    assert (found.data, found.version) == (old.data, old.version)
    # The next write, from the version the person saw, goes through.
    assert store.put("default", {"given_name": "After"}, old.version).data == {
        "given_name": "After"
    }


def test_interrupted_generation_is_deleted(private_plaint: str) -> None:
    real = SecretService.Keyring()
    store = store_on(real, private_plaint)
    store.put("default", {"given_name": "Before"})
    with pytest.raises(SystemExit):
        store_on(CrashAfter(3), private_plaint).put("default", big_profile())
    pending = json.loads(real.get_password(private_plaint, "profile:default"))["pending"]
    assert real.get_password(private_plaint, f"profile:default#{pending}.0") is not None
    store.put("default", {"given_name": "After"})
    assert real.get_password(private_plaint, f"profile:default#{pending}.0") is None
    assert real.get_password(private_plaint, f"profile:default#{pending}.1") is None


def test_stale_version_loses_with_a_conflict(store: ProfileStore) -> None:
    first = store.put("default", {"given_name": "One"})
    other = ProfileStore()
    store.put("default", {"given_name": "Two"}, first.version)
    with pytest.raises(VersionConflict):
        other.put("default", {"given_name": "Three"}, first.version)
    assert store.get("default").data == {"given_name": "Two"}  # type: ignore[union-attr]


def test_two_concurrent_writers_one_wins(store: ProfileStore) -> None:
    base = store.put("default", {"given_name": "Base"})
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def write(name: str) -> None:
        writer = ProfileStore()
        barrier.wait()
        try:
            writer.put("default", {"given_name": name}, base.version)
            outcomes.append(f"won:{name}")
        except VersionConflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=write, args=(n,)) for n in ("A", "B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(o.split(":")[0] for o in outcomes) == ["conflict", "won"]
    winner = next(o for o in outcomes if o.startswith("won")).split(":")[1]
    assert store.get("default").data == {"given_name": winner}  # type: ignore[union-attr]


def test_expecting_no_profile_fails_when_one_exists(store: ProfileStore) -> None:
    store.put("default", {"given_name": "Here"})
    with pytest.raises(VersionConflict):
        store.put("default", {"given_name": "New"}, None)


def test_invalid_data_stores_nothing(store: ProfileStore) -> None:
    stored = store.put("default", {"given_name": "Kept"})
    with pytest.raises(ValidationError):
        store.put("default", {"given_name": "Kept", "email": "nope"})
    assert store.get("default") == stored


def test_no_keyring_raises_one_clear_error(private_plaint: str) -> None:
    store = store_on(fail.Keyring(), private_plaint)
    with pytest.raises(KeyringUnavailable) as info:
        store.put("default", {"given_name": "Marker"})
    message = str(info.value)
    assert "gnome-keyring-daemon" in message and "PYTHON_KEYRING_BACKEND" in message
    assert "never falls back to a plain file" in message
    with pytest.raises(KeyringUnavailable):
        store.get("default")


def test_state_directory_is_private() -> None:
    ProfileStore().names()
    assert (data_dir().stat().st_mode & 0o777) == 0o700
    assert not any(p.read_bytes() for p in Path(data_dir()).rglob("*") if p.is_file())
