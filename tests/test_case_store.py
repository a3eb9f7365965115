"""The SQLite case store: round trips, versions, migrations, modes, the evidence vault."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest
from marshmallow import ValidationError

from schemas.errors import flatten_errors
from server.store import NotFound, StoreCorrupt, StoreError, VersionConflict
from server.store.cases import CaseStore
from server.store.migrations import MIGRATIONS, Migration
from server.store.paths import data_dir

CASE_FIELDS = (
    "company",
    "account_id",
    "category",
    "jurisdiction",
    "incident_date",
    "amount",
    "currency",
    "transaction_ids",
    "title",
    "narrative",
    "desired_resolution",
)


def fields_of(case: dict[str, Any]) -> dict[str, Any]:
    return {k: case[k] for k in CASE_FIELDS if k in case}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def counts(store: CaseStore) -> dict[str, int]:
    store.schema_version()  # opens (and if need be creates) the database first
    with sqlite3.connect(store.path) as conn:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("cases", "evidence", "contacts", "filings")
        }


def vault_files(store: CaseStore) -> list[str]:
    if not store.vault.exists():
        return []
    return sorted(str(p.relative_to(store.vault)) for p in store.vault.rglob("*") if p.is_file())


# -- round trips -------------------------------------------------------------------


@pytest.mark.parametrize("which", ["zh", "en"])
def test_a_case_round_trips_exactly(case_store: CaseStore, case_data: Any, which: str) -> None:
    data = case_data(which)
    created = case_store.create("default", data)
    assert created["id"] >= 1 and created["version"] == 1
    assert created["status"] == "draft" and created["profile"] == "default"
    again = CaseStore().require(created["id"])  # a new store: read from disk
    assert fields_of(again) == data
    assert again == created


def test_cases_belong_to_their_profile(case_store: CaseStore, case_data: Any) -> None:
    mine = case_store.create("default", case_data("en"))
    theirs = case_store.create("work", case_data("zh"))
    assert [c["id"] for c in case_store.list_cases(profile="default")] == [mine["id"]]
    assert {c["id"] for c in case_store.list_cases()} == {mine["id"], theirs["id"]}
    with pytest.raises(NotFound, match="profile 'default'"):
        case_store.require(theirs["id"], "default")
    assert case_store.get(theirs["id"], "work") is not None


def test_update_is_a_merge_patch_checked_as_a_whole(case_store: CaseStore, case_data: Any) -> None:
    created = case_store.create("default", case_data("en"))
    updated = case_store.update(
        created["id"], {"title": "New title", "account_id": None}, created["version"]
    )
    assert updated["title"] == "New title" and "account_id" not in updated
    assert updated["version"] == 2
    # Clearing the currency alone would leave an amount without one: refused whole.
    with pytest.raises(ValidationError) as info:
        case_store.update(created["id"], {"currency": None, "title": "X"})
    assert set(flatten_errors(info.value.messages)) == {"currency"}
    assert case_store.require(created["id"])["title"] == "New title"


def test_a_stale_version_changes_nothing(case_store: CaseStore, case_data: Any) -> None:
    created = case_store.create("default", case_data("en"))
    case_store.update(created["id"], {"title": "First writer"}, 1)
    with pytest.raises(VersionConflict, match=r"Case #\d+ was changed elsewhere"):
        case_store.update(created["id"], {"title": "Second writer"}, 1)
    with pytest.raises(VersionConflict):
        case_store.log_contact(created["id"], {"channel": "x", "summary": "y"}, None, 1)
    stored = case_store.require(created["id"])
    assert stored["title"] == "First writer" and stored["version"] == 2
    assert stored["contacts"] == []


def test_children_bump_the_version_the_helper_uses_as_etag(
    case_store: CaseStore, case_data: Any, evidence_file: Any
) -> None:
    created = case_store.create("default", case_data("en"))
    cid = created["id"]
    case_store.add_evidence(cid, evidence_file(), "screenshot")
    case_store.log_contact(cid, {"channel": "email", "summary": "Wrote to support"})
    case_store.add_filing(cid, {"channel": "company", "reference": "R1", "filed_on": "2024-12-01"})
    assert case_store.version(cid) == 4


def test_replace_removes_absent_fields(case_store: CaseStore, case_data: Any) -> None:
    created = case_store.create("default", case_data("en"))
    data = case_data("en")
    for key in ("account_id", "amount", "currency", "transaction_ids"):
        del data[key]
    replaced = case_store.replace(created["id"], data, created["version"])
    assert fields_of(replaced) == data


def test_invalid_input_writes_nothing(case_store: CaseStore, case_data: Any) -> None:
    bad = {**case_data("en"), "amount": "-1", "category": "unknown"}
    with pytest.raises(ValidationError) as info:
        case_store.create("default", bad)
    assert set(flatten_errors(info.value.messages)) == {"amount", "category"}
    assert counts(case_store)["cases"] == 0


def test_filing_records_due_dates_and_moves_the_status(
    case_store: CaseStore, case_data: Any
) -> None:
    created = case_store.create("default", case_data("en"))  # GB, refund refused, PayPal
    filing = case_store.add_filing(
        created["id"], {"channel": "paypal", "reference": "PP-1", "filed_on": "2024-12-20"}
    )
    assert filing["rules"] == ["uk_payment_firm", "paypal"]
    dues = {(m["rule"], m["key"]): m["due"] for m in filing["milestones"]}
    assert dues[("paypal", "escalate_to_claim")] == "2025-01-09"
    # 15 business days, skipping Christmas, Boxing Day and New Year's Day.
    assert dues[("uk_payment_firm", "final_response")] == "2025-01-15"
    assert case_store.require(created["id"])["status"] == "awaiting_response"
    case_store.add_filing(created["id"], {"channel": "uk_fos", "filed_on": "2025-02-01"})
    assert case_store.require(created["id"])["status"] == "escalated"


def test_a_final_response_is_recorded_and_logged(case_store: CaseStore, case_data: Any) -> None:
    created = case_store.create("default", case_data("en"))
    filing = case_store.add_filing(
        created["id"], {"channel": "paypal", "reference": "PP-1", "filed_on": "2024-12-20"}
    )
    with pytest.raises(ValidationError, match="before"):
        case_store.record_response(created["id"], filing["id"], "2024-12-19")
    answered = case_store.record_response(
        created["id"], filing["id"], "2025-01-06", final=True, summary="We will not refund."
    )
    assert answered["status"] == "final_response"
    assert answered["final_response_on"] == "2025-01-06"
    contact = case_store.require(created["id"])["contacts"][-1]
    assert contact["direction"] == "incoming" and contact["reference"] == "PP-1"
    with pytest.raises(NotFound):
        case_store.record_response(created["id"], 999, "2025-01-06")


# -- files on disk -----------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_database_vault_and_evidence_are_private(
    case_store: CaseStore, case_data: Any, evidence_file: Any
) -> None:
    created = case_store.create("default", case_data("en"))
    added = case_store.add_evidence(created["id"], evidence_file(), "screenshot")
    assert case_store.path.parent == data_dir()
    assert mode(data_dir()) == 0o700
    assert mode(case_store.path) == 0o600
    assert mode(case_store.vault) == 0o700
    assert mode(case_store.vault / str(created["id"])) == 0o700
    assert mode(case_store.evidence_path(created["id"], added)) == 0o600
    # The WAL and shared-memory files exist while a connection is open.
    conn = sqlite3.connect(case_store.path)
    conn.execute("SELECT count(*) FROM cases").fetchone()
    try:
        for suffix in ("-wal", "-shm"):
            side = Path(str(case_store.path) + suffix)
            assert side.exists()
            assert mode(side) == 0o600
    finally:
        conn.close()


def test_wal_and_foreign_keys_are_on(case_store: CaseStore, case_data: Any) -> None:
    case_store.create("default", case_data("en"))
    with sqlite3.connect(case_store.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        conn.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(
                "INSERT INTO contacts (case_id, at, channel, direction, summary, logged_at)"
                " VALUES (999, 'x', 'x', 'outgoing', 'x', 'x')"
            )


# -- evidence ----------------------------------------------------------------------


def test_evidence_hash_is_the_files_own(
    case_store: CaseStore, case_data: Any, evidence_file: Any
) -> None:
    created = case_store.create("default", case_data("zh"))
    source = evidence_file("扣款截图 2024/03.png".replace("/", "-"), os.urandom(300_000))
    added = case_store.add_evidence(created["id"], source, "screenshot", "银行短信")
    assert added["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert added["size"] == source.stat().st_size
    assert added["media_type"] == "image/png"
    assert added["file_name"] == source.name
    copy = case_store.evidence_path(created["id"], added)
    assert copy.read_bytes() == source.read_bytes()
    assert [c.state for c in case_store.verify_evidence(created["id"])] == ["ok"]


def test_tampering_and_loss_are_reported(
    case_store: CaseStore, case_data: Any, evidence_file: Any
) -> None:
    created = case_store.create("default", case_data("en"))
    first = case_store.add_evidence(created["id"], evidence_file("a.png"), "screenshot")
    second = case_store.add_evidence(created["id"], evidence_file("b.pdf"), "email")
    path = case_store.evidence_path(created["id"], first)
    path.write_bytes(path.read_bytes() + b"edited")
    case_store.evidence_path(created["id"], second).unlink()
    states = {c.evidence_id: c.state for c in case_store.verify_evidence(created["id"])}
    assert states == {first["id"]: "modified", second["id"]: "missing"}


def test_a_missing_file_or_bad_kind_is_refused_and_nothing_is_added(
    case_store: CaseStore, case_data: Any, tmp_path: Path
) -> None:
    created = case_store.create("default", case_data("en"))
    with pytest.raises(ValidationError) as info:
        case_store.add_evidence(created["id"], tmp_path / "nope.png", "selfie")
    assert set(flatten_errors(info.value.messages)) == {"file", "kind"}
    with pytest.raises(ValidationError):
        case_store.add_evidence(created["id"], tmp_path, "other")  # a folder
    assert counts(case_store)["evidence"] == 0
    assert vault_files(case_store) == []


def test_the_same_file_twice_is_refused(
    case_store: CaseStore, case_data: Any, evidence_file: Any
) -> None:
    created = case_store.create("default", case_data("en"))
    source = evidence_file()
    case_store.add_evidence(created["id"], source, "screenshot")
    with pytest.raises(StoreError, match="already evidence"):
        case_store.add_evidence(created["id"], source, "other")
    assert counts(case_store)["evidence"] == 1
    assert len(vault_files(case_store)) == 1


def test_a_failure_while_filing_evidence_leaves_no_row_and_no_file(
    case_store: CaseStore, case_data: Any, evidence_file: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    created = case_store.create("default", case_data("en"))

    def fail(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("server.store.cases.os.replace", fail)
    with pytest.raises(OSError):
        case_store.add_evidence(created["id"], evidence_file(), "screenshot")
    assert counts(case_store)["evidence"] == 0
    assert vault_files(case_store) == []
    assert case_store.version(created["id"]) == 1


def test_a_crash_leftover_is_swept_once_old(
    case_store: CaseStore, case_data: Any, evidence_file: Any
) -> None:
    created = case_store.create("default", case_data("en"))
    folder = case_store.case_vault(created["id"])
    old = folder / ".incoming-deadbeef"
    old.write_bytes(b"half a file")
    fresh = folder / ".incoming-inflight"
    fresh.write_bytes(b"another process is writing this")
    os.utime(old, (1, 1))
    case_store.add_evidence(created["id"], evidence_file(), "screenshot")
    assert not old.exists()
    assert fresh.exists()


def test_deleting_a_case_removes_its_rows_and_vault(case_store: CaseStore, full_case: Any) -> None:
    case = full_case("zh")
    case_store.delete(case["id"])
    assert counts(case_store) == {"cases": 0, "evidence": 0, "contacts": 0, "filings": 0}
    assert not (case_store.vault / str(case["id"])).exists()


# -- migrations --------------------------------------------------------------------


def test_a_new_database_is_at_the_latest_schema(case_store: CaseStore) -> None:
    assert case_store.schema_version() == MIGRATIONS[-1].version
    assert case_store.integrity_check() == []


def test_an_upgrade_keeps_every_case(tmp_path: Path, case_data: Any, evidence_file: Any) -> None:
    db, vault = tmp_path / "cases.sqlite3", tmp_path / "vault"
    old = CaseStore(db, vault)
    created = old.create("default", case_data("zh"))
    old.add_evidence(created["id"], evidence_file(), "screenshot")
    before = old.require(created["id"])
    step = Migration(
        MIGRATIONS[-1].version + 1,
        "a later column",
        ("ALTER TABLE cases ADD COLUMN language TEXT",),
    )
    upgraded = CaseStore(db, vault, (*MIGRATIONS, step))
    assert upgraded.require(created["id"]) == before
    assert upgraded.schema_version() == step.version
    with sqlite3.connect(db) as conn:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(cases)")]
    assert "language" in columns


def test_a_failed_upgrade_leaves_the_database_as_it_was(tmp_path: Path, case_data: Any) -> None:
    db, vault = tmp_path / "cases.sqlite3", tmp_path / "vault"
    created = CaseStore(db, vault).create("default", case_data("en"))
    broken = Migration(
        MIGRATIONS[-1].version + 1,
        "half of it fails",
        ("ALTER TABLE cases ADD COLUMN language TEXT", "THIS IS NOT SQL"),
    )
    with pytest.raises(StoreCorrupt, match="left as it was"):
        CaseStore(db, vault, (*MIGRATIONS, broken)).require(created["id"])
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == MIGRATIONS[-1].version
        columns = [r[1] for r in conn.execute("PRAGMA table_info(cases)")]
    assert "language" not in columns
    assert CaseStore(db, vault).require(created["id"])["title"] == created["title"]


def test_a_database_from_a_newer_plaint_is_refused(tmp_path: Path, case_data: Any) -> None:
    db, vault = tmp_path / "cases.sqlite3", tmp_path / "vault"
    CaseStore(db, vault).create("default", case_data("en"))
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="newer plaint"):
        CaseStore(db, vault).list_cases()


def test_a_file_that_is_not_a_database_is_reported(tmp_path: Path) -> None:
    db = tmp_path / "cases.sqlite3"
    db.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreCorrupt) as info:
        CaseStore(db, tmp_path / "vault").list_cases()
    assert "Traceback" not in str(info.value)
