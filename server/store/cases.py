"""Complaint cases in SQLite, with an evidence vault beside the database.

One database file (``cases.sqlite3``) in the private data directory, in WAL
mode with foreign keys on and ``synchronous=FULL``: a committed case survives a
crash of the process and of the machine.  Each public method opens its own
connection and does its work in one ``BEGIN IMMEDIATE`` transaction, so the
CLI and the helper's threads can share the file, and a failure writes nothing.

Evidence files are copied into ``vault/<case id>/`` and hashed while copying;
the copy is moved into place inside the transaction that records it, so a
failure leaves neither a row without a file nor (past a sweep) a file without
a row.

Case details are personal data: no message raised from here contains them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import mimetypes
import os
import re
import secrets
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marshmallow import ValidationError

from schemas.case import (
    COMPANY_CHANNEL,
    validate_case,
    validate_contact,
    validate_evidence_input,
    validate_filing,
)

from .errors import NotFound, StoreCorrupt, StoreError, VersionConflict
from .migrations import MIGRATIONS, Migration, latest_version
from .paths import data_dir
from .profiles import check_name

DB_NAME = "cases.sqlite3"
VAULT_NAME = "vault"
# Larger files are nearly always a mistake (a whole disk image, a video); a
# regulator's upload limit is a few megabytes.
MAX_EVIDENCE_BYTES = 512 * 1024 * 1024
BUSY_TIMEOUT_S = 30.0
# A copy older than this with no row is left over from a crash, not in flight.
ORPHAN_AGE_S = 3600
_INCOMING = ".incoming-"
_CASE_FIELDS = (
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
    "status",
)


def now_text() -> str:
    return dt.datetime.now().astimezone().replace(microsecond=0).isoformat()


def _private_file(path: Path) -> None:
    """Create ``path`` (if missing) readable by its owner only."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    if os.name == "posix":
        os.chmod(path, 0o600)


def _private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def safe_file_name(name: str, max_length: int = 100) -> str:
    """A file name that is safe in the vault and in a zip, keeping every script."""
    base = Path(name.replace("\\", "/")).name
    clean = re.sub(r"[^\w.\-()\[\] ]+", "_", base).strip(" .") or "evidence"
    if len(clean) > max_length:
        stem, dot, ext = clean.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            clean = stem[: max_length - len(ext) - 1] + "." + ext
        else:
            clean = clean[:max_length]
    return clean


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class EvidenceCheck:
    evidence_id: int
    state: str  # "ok", "modified" or "missing"
    expected_sha256: str
    actual_sha256: str | None

    @property
    def ok(self) -> bool:
        return self.state == "ok"


class CaseStore:
    def __init__(
        self,
        path: Path | None = None,
        vault: Path | None = None,
        migrations: tuple[Migration, ...] = MIGRATIONS,
    ) -> None:
        base = data_dir() if path is None or vault is None else None
        self.path = path or (base / DB_NAME)  # type: ignore[operator]
        self.vault = vault or (base / VAULT_NAME)  # type: ignore[operator]
        self._migrations = migrations
        self._ready = False

    # -- connection and schema --------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        _private_dir(self.path.parent)
        if not self.path.exists():
            _private_file(self.path)
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error:
            raise StoreCorrupt("The case database could not be opened.") from None
        conn.row_factory = sqlite3.Row
        try:
            try:
                conn.execute("PRAGMA foreign_keys = ON")
                conn.execute("PRAGMA synchronous = FULL")
                if not self._ready:
                    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            except sqlite3.DatabaseError:
                raise StoreCorrupt(
                    f"The case database at {self.path} is damaged or not plaint's."
                ) from None
            if not self._ready:
                if str(mode).lower() != "wal":
                    raise StoreError("The case database could not switch to WAL mode.")
                self._migrate(conn)
                self._ready = True
        except BaseException:
            conn.close()
            raise
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        latest = latest_version(self._migrations)
        try:
            with self._transaction(conn):
                current = conn.execute("PRAGMA user_version").fetchone()[0]
                if current > latest:
                    raise StoreError(
                        f"The case database was written by a newer plaint (schema {current}; "
                        f"this one knows up to {latest}). Update plaint to open it."
                    )
                for migration in self._migrations:
                    if migration.version <= current:
                        continue
                    for statement in migration.statements:
                        conn.execute(statement)
                    # The version bump commits with the step or not at all.
                    conn.execute(f"PRAGMA user_version = {int(migration.version)}")
        except sqlite3.DatabaseError:
            raise StoreCorrupt(
                "Upgrading the case database failed; it was left as it was."
            ) from None

    def schema_version(self) -> int:
        with self._connection() as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])

    @contextlib.contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        conn = self._open()
        try:
            yield conn
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreError(
                    "The case database is busy in another plaint process; try again."
                ) from None
            raise
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.IntegrityError):
                raise
            raise StoreCorrupt("The case database is damaged.") from None
        finally:
            conn.close()

    @staticmethod
    @contextlib.contextmanager
    def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
        # IMMEDIATE takes the write lock up front: no upgrade deadlock between readers.
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._connection() as conn, self._transaction(conn):
            yield conn

    # -- rows to JSON -------------------------------------------------------------

    @staticmethod
    def _case_json(row: sqlite3.Row) -> dict[str, Any]:
        case: dict[str, Any] = {"id": row["id"], "profile": row["profile"]}
        for name in _CASE_FIELDS:
            value = row[name]
            if name == "transaction_ids":
                value = json.loads(value)
            if value not in (None, [], ""):
                case[name] = value
        case.update(
            version=row["version"], created_at=row["created_at"], updated_at=row["updated_at"]
        )
        return case

    @staticmethod
    def _plain(row: sqlite3.Row, skip: tuple[str, ...] = ("case_id",)) -> dict[str, Any]:
        return {k: row[k] for k in row.keys() if k not in skip and row[k] is not None}  # noqa: SIM118

    def _filing_json(self, row: sqlite3.Row) -> dict[str, Any]:
        filing = self._plain(row)
        filing["rules"] = json.loads(filing["rules"])
        filing["milestones"] = json.loads(filing["milestones"])
        return filing

    def _children(self, conn: sqlite3.Connection, case: dict[str, Any]) -> dict[str, Any]:
        cid = case["id"]
        case["evidence"] = [
            self._plain(r)
            for r in conn.execute("SELECT * FROM evidence WHERE case_id = ? ORDER BY id", (cid,))
        ]
        case["contacts"] = [
            self._plain(r)
            for r in conn.execute(
                "SELECT * FROM contacts WHERE case_id = ? ORDER BY at, id", (cid,)
            )
        ]
        case["filings"] = [
            self._filing_json(r)
            for r in conn.execute(
                "SELECT * FROM filings WHERE case_id = ? ORDER BY filed_on, id", (cid,)
            )
        ]
        return case

    def _row(self, conn: sqlite3.Connection, case_id: int, profile: str | None) -> sqlite3.Row:
        # SQLite integers are 64-bit: a larger id cannot exist (and cannot be bound).
        in_range = 0 < int(case_id) < 2**63
        row = (
            conn.execute("SELECT * FROM cases WHERE id = ?", (int(case_id),)).fetchone()
            if in_range
            else None
        )
        if row is None or (profile is not None and row["profile"] != profile):
            where = f" in profile '{profile}'" if profile is not None else ""
            raise NotFound(f"There is no case #{case_id}{where}; `plaint case list` shows them.")
        return row

    # -- cases ----------------------------------------------------------------------

    def create(self, profile: str, data: Any) -> dict[str, Any]:
        """Validate and store a new case; return it with its id and version.

        Raises marshmallow.ValidationError naming every bad field (nothing stored).
        """
        check_name(profile)
        clean = validate_case(data)
        stamp = now_text()
        columns = ["profile", *_CASE_FIELDS, "version", "created_at", "updated_at"]
        values = [profile, *(self._column_value(clean, n) for n in _CASE_FIELDS), 1, stamp, stamp]
        with self._write() as conn:
            cur = conn.execute(
                f"INSERT INTO cases ({', '.join(columns)}) VALUES "
                f"({', '.join('?' for _ in columns)})",
                values,
            )
            case_id = int(cur.lastrowid or 0)
            return self._children(conn, self._case_json(self._row(conn, case_id, None)))

    @staticmethod
    def _column_value(clean: dict[str, Any], name: str) -> Any:
        if name == "transaction_ids":
            return json.dumps(clean.get(name, []), ensure_ascii=False)
        return clean.get(name)

    def get(self, case_id: int, profile: str | None = None) -> dict[str, Any] | None:
        try:
            return self.require(case_id, profile)
        except NotFound:
            return None

    def require(self, case_id: int, profile: str | None = None) -> dict[str, Any]:
        """The case with its evidence, contacts and filings; NotFound when absent."""
        with self._connection() as conn:
            conn.execute("BEGIN")  # one consistent snapshot of the case and its children
            try:
                return self._children(conn, self._case_json(self._row(conn, case_id, profile)))
            finally:
                conn.execute("COMMIT")

    def version(self, case_id: int, profile: str | None = None) -> int:
        with self._connection() as conn:
            return int(self._row(conn, case_id, profile)["version"])

    def list_cases(
        self,
        profile: str | None = None,
        statuses: tuple[str, ...] | None = None,
        full: bool = False,
    ) -> list[dict[str, Any]]:
        """Cases (newest first), with counts of what hangs off each; ``full`` adds the rows."""
        where, params = [], []
        if profile is not None:
            where.append("profile = ?")
            params.append(profile)
        if statuses:
            where.append(f"status IN ({', '.join('?' for _ in statuses)})")
            params.extend(statuses)
        counts = ", ".join(
            f"(SELECT count(*) FROM {table} WHERE case_id = cases.id) AS {table}_count"
            for table in ("evidence", "contacts", "filings")
        )
        sql = f"SELECT cases.*, {counts} FROM cases" + (
            f" WHERE {' AND '.join(where)}" if where else ""
        )
        with self._connection() as conn:
            conn.execute("BEGIN")  # one consistent snapshot of every case listed
            try:
                out = []
                for row in conn.execute(sql + " ORDER BY id DESC", params).fetchall():
                    case = self._case_json(row)
                    if full:
                        self._children(conn, case)
                    else:
                        for table in ("evidence", "contacts", "filings"):
                            case[f"{table}_count"] = row[f"{table}_count"]
                    out.append(case)
                return out
            finally:
                conn.execute("COMMIT")

    def update(
        self,
        case_id: int,
        changes: dict[str, Any],
        expected_version: int | None = None,
        profile: str | None = None,
    ) -> dict[str, Any]:
        """Apply a merge patch (``None`` removes a field); validate the whole result.

        ``expected_version`` is the version the caller read; a newer one stored
        raises VersionConflict and changes nothing.
        """
        if not isinstance(changes, dict):
            raise ValidationError({"_schema": ["Changes are a JSON object."]})
        with self._write() as conn:
            row = self._row(conn, case_id, profile)
            self._check_version(case_id, row, expected_version)
            current = self._case_json(row)
            merged = {k: current[k] for k in _CASE_FIELDS if k in current}
            for key, value in changes.items():
                if value is None:
                    merged.pop(key, None)
                else:
                    merged[key] = value
            clean = validate_case(merged)
            assignments = ", ".join(f"{n} = ?" for n in _CASE_FIELDS)
            conn.execute(
                f"UPDATE cases SET {assignments}, version = version + 1, updated_at = ? "
                "WHERE id = ?",
                [*(self._column_value(clean, n) for n in _CASE_FIELDS), now_text(), row["id"]],
            )
            return self._children(conn, self._case_json(self._row(conn, case_id, None)))

    def replace(
        self,
        case_id: int,
        data: Any,
        expected_version: int | None = None,
        profile: str | None = None,
    ) -> dict[str, Any]:
        """Replace every case field with ``data`` (absent fields are removed)."""
        if not isinstance(data, dict):
            raise ValidationError({"_schema": ["A case is a JSON object."]})
        removals = {k: None for k in _CASE_FIELDS if k not in data}
        return self.update(case_id, {**removals, **data}, expected_version, profile)

    def set_status(
        self,
        case_id: int,
        status: str,
        expected_version: int | None = None,
        profile: str | None = None,
    ) -> dict[str, Any]:
        return self.update(case_id, {"status": status}, expected_version, profile)

    def delete(self, case_id: int, profile: str | None = None) -> None:
        """Delete a case, its log, its filings and its vault copies of evidence."""
        with self._write() as conn:
            row = self._row(conn, case_id, profile)
            conn.execute("DELETE FROM cases WHERE id = ?", (row["id"],))
        folder = self.vault / str(int(case_id))
        if folder.is_dir():
            for item in folder.iterdir():
                item.unlink(missing_ok=True)
            folder.rmdir()

    @staticmethod
    def _check_version(case_id: int, row: sqlite3.Row, expected: int | None) -> None:
        if expected is not None and int(expected) != row["version"]:
            raise VersionConflict(f"Case #{case_id}", str(expected), str(row["version"]))

    @staticmethod
    def _touch(conn: sqlite3.Connection, case_id: int) -> None:
        conn.execute(
            "UPDATE cases SET version = version + 1, updated_at = ? WHERE id = ?",
            (now_text(), case_id),
        )

    # -- evidence -------------------------------------------------------------------

    def case_vault(self, case_id: int) -> Path:
        _private_dir(self.vault)
        return _private_dir(self.vault / str(int(case_id)))

    def evidence_path(self, case_id: int, evidence: dict[str, Any]) -> Path:
        return self.vault / str(int(case_id)) / evidence["stored_name"]

    def add_evidence(
        self,
        case_id: int,
        file: Path | str,
        kind: str,
        note: str | None = None,
        profile: str | None = None,
        expected_version: int | None = None,
    ) -> dict[str, Any]:
        """Copy ``file`` into the case's vault, hashed; record it; return the row."""
        meta_input: dict[str, Any] = {"kind": kind}
        if note is not None:
            meta_input["note"] = note
        errors: dict[str, list[str]] = {}
        try:
            meta = validate_evidence_input(meta_input)
        except ValidationError as exc:
            errors.update(exc.messages)  # type: ignore[arg-type]
        source = Path(file)
        if not source.is_file():
            errors["file"] = ["Does not exist or is not a regular file."]
        elif not os.access(source, os.R_OK):
            errors["file"] = ["Cannot be read: check its permissions."]
        elif source.stat().st_size > MAX_EVIDENCE_BYTES:
            errors["file"] = [f"Is larger than {MAX_EVIDENCE_BYTES // (1024 * 1024)} MB."]
        if errors:
            raise ValidationError(errors)
        self.require(case_id, profile)  # fail before copying anything
        folder = self.case_vault(case_id)
        self._sweep(case_id)
        incoming = folder / f"{_INCOMING}{secrets.token_hex(8)}"
        digest, size = self._copy_hashed(source, incoming)
        final: Path | None = None
        try:
            with self._write() as conn:
                row = self._row(conn, case_id, profile)
                self._check_version(case_id, row, expected_version)
                dup = conn.execute(
                    "SELECT id FROM evidence WHERE case_id = ? AND sha256 = ?",
                    (row["id"], digest),
                ).fetchone()
                if dup is not None:
                    raise StoreError(
                        f"This file is already evidence #{dup['id']} of case #{case_id} "
                        "(same SHA-256)."
                    )
                media_type = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
                cur = conn.execute(
                    "INSERT INTO evidence (case_id, kind, note, file_name, stored_name, sha256,"
                    " size, media_type, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        row["id"],
                        meta["kind"],
                        meta.get("note"),
                        source.name,
                        incoming.name,
                        digest,
                        size,
                        media_type,
                        now_text(),
                    ),
                )
                evidence_id = int(cur.lastrowid or 0)
                stored_name = f"{evidence_id:04d}-{safe_file_name(source.name)}"
                conn.execute(
                    "UPDATE evidence SET stored_name = ? WHERE id = ?", (stored_name, evidence_id)
                )
                self._touch(conn, row["id"])
                final = folder / stored_name
                # Moved before COMMIT: a crash now leaves a file without a row
                # (swept later), never a row without its file.
                os.replace(incoming, final)
                _fsync_dir(folder)
                added = self._plain(
                    conn.execute("SELECT * FROM evidence WHERE id = ?", (evidence_id,)).fetchone()
                )
        except BaseException:
            incoming.unlink(missing_ok=True)
            if final is not None:
                final.unlink(missing_ok=True)
            raise
        return added

    @staticmethod
    def _copy_hashed(source: Path, target: Path) -> tuple[str, int]:
        digest = hashlib.sha256()
        size = 0
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
                for chunk in iter(lambda: src.read(1 << 20), b""):
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                    if size > MAX_EVIDENCE_BYTES:
                        raise ValidationError(
                            {"file": [f"Is larger than {MAX_EVIDENCE_BYTES // (1024 * 1024)} MB."]}
                        )
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        return digest.hexdigest(), size

    def _sweep(self, case_id: int) -> None:
        """Remove copies a crash left behind: no row names them and they are old."""
        folder = self.vault / str(int(case_id))
        if not folder.is_dir():
            return
        with self._connection() as conn:
            known = {
                r["stored_name"]
                for r in conn.execute(
                    "SELECT stored_name FROM evidence WHERE case_id = ?", (int(case_id),)
                )
            }
        cutoff = time.time() - ORPHAN_AGE_S
        for item in folder.iterdir():
            if item.name in known or not item.is_file():
                continue
            with contextlib.suppress(OSError):
                if item.stat().st_mtime < cutoff:
                    item.unlink()

    def verify_evidence(self, case_id: int, profile: str | None = None) -> list[EvidenceCheck]:
        """Hash every vault copy again and compare with the hash recorded when added."""
        case = self.require(case_id, profile)
        checks = []
        for item in case["evidence"]:
            path = self.evidence_path(case_id, item)
            if not path.is_file():
                checks.append(EvidenceCheck(item["id"], "missing", item["sha256"], None))
                continue
            actual = sha256_file(path)
            state = "ok" if actual == item["sha256"] else "modified"
            checks.append(EvidenceCheck(item["id"], state, item["sha256"], actual))
        return checks

    # -- contact log ----------------------------------------------------------------

    def log_contact(
        self,
        case_id: int,
        data: Any,
        profile: str | None = None,
        expected_version: int | None = None,
    ) -> dict[str, Any]:
        clean = validate_contact(data)
        with self._write() as conn:
            row = self._row(conn, case_id, profile)
            self._check_version(case_id, row, expected_version)
            contact_id = self._insert_contact(conn, row["id"], clean)
            self._touch(conn, row["id"])
            return self._plain(
                conn.execute("SELECT * FROM contacts WHERE id = ?", (contact_id,)).fetchone()
            )

    @staticmethod
    def _insert_contact(conn: sqlite3.Connection, case_id: int, clean: dict[str, Any]) -> int:
        cur = conn.execute(
            "INSERT INTO contacts (case_id, at, channel, direction, person, reference, summary,"
            " outcome, logged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                case_id,
                clean["at"],
                clean["channel"],
                clean["direction"],
                clean.get("person"),
                clean.get("reference"),
                clean["summary"],
                clean.get("outcome"),
                now_text(),
            ),
        )
        return int(cur.lastrowid or 0)

    # -- filings --------------------------------------------------------------------

    def add_filing(
        self,
        case_id: int,
        data: Any,
        profile: str | None = None,
        expected_version: int | None = None,
    ) -> dict[str, Any]:
        """Record a complaint filed on a channel, with the dates that follow from it.

        The first filing moves a draft case to awaiting_response; a filing with a
        regulator or other outside channel after that marks it escalated.
        """
        from server.casework.deadlines import PROVIDER_CHANNELS, filing_schedule, rules_for_filing

        clean = validate_filing(data)
        filed_on = dt.date.fromisoformat(clean["filed_on"])
        with self._write() as conn:
            row = self._row(conn, case_id, profile)
            self._check_version(case_id, row, expected_version)
            channel = clean["channel"]
            rules = rules_for_filing(channel, row["jurisdiction"], row["category"])
            dues = filing_schedule(channel, row["jurisdiction"], row["category"], filed_on)
            cur = conn.execute(
                "INSERT INTO filings (case_id, channel, filed_on, reference, rules, milestones,"
                " status, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'awaiting_response', ?)",
                (
                    row["id"],
                    channel,
                    clean["filed_on"],
                    clean.get("reference"),
                    json.dumps(rules),
                    json.dumps([d.as_json() for d in dues], ensure_ascii=False),
                    now_text(),
                ),
            )
            status = row["status"]
            if status == "draft":
                status = "awaiting_response"
            elif status in ("filed", "awaiting_response") and channel not in PROVIDER_CHANNELS:
                earlier = conn.execute(
                    "SELECT count(*) FROM filings WHERE case_id = ? AND id != ?",
                    (row["id"], cur.lastrowid),
                ).fetchone()[0]
                if earlier:
                    status = "escalated"
            conn.execute(
                "UPDATE cases SET status = ?, version = version + 1, updated_at = ? WHERE id = ?",
                (status, now_text(), row["id"]),
            )
            return self._filing_json(
                conn.execute("SELECT * FROM filings WHERE id = ?", (cur.lastrowid,)).fetchone()
            )

    def record_response(
        self,
        case_id: int,
        filing_id: int,
        responded_on: str | dt.date,
        final: bool = False,
        summary: str | None = None,
        profile: str | None = None,
    ) -> dict[str, Any]:
        """Mark a filing answered (``final``: the firm's final response) and log it."""
        from schemas.case import FilingResponseSchema

        loaded = FilingResponseSchema().load(
            {"responded_on": str(responded_on), "final": bool(final)}
        )
        day = loaded["responded_on"]
        with self._write() as conn:
            row = self._row(conn, case_id, profile)
            filing = conn.execute(
                "SELECT * FROM filings WHERE id = ? AND case_id = ?", (int(filing_id), row["id"])
            ).fetchone()
            if filing is None:
                raise NotFound(f"Case #{case_id} has no filing #{filing_id}.")
            if day < dt.date.fromisoformat(filing["filed_on"]):
                raise ValidationError({"responded_on": ["Is before the complaint was filed."]})
            conn.execute(
                "UPDATE filings SET status = ?, responded_on = ?, final_response_on = ?,"
                " updated_at = ? WHERE id = ?",
                (
                    "final_response" if loaded["final"] else "responded",
                    day.isoformat(),
                    day.isoformat() if loaded["final"] else filing["final_response_on"],
                    now_text(),
                    filing["id"],
                ),
            )
            if summary is not None:
                contact = {
                    "at": day.isoformat(),
                    "channel": filing["channel"],
                    "direction": "incoming",
                    "summary": summary,
                }
                if filing["reference"]:
                    contact["reference"] = filing["reference"]
                self._insert_contact(conn, row["id"], validate_contact(contact))
            self._touch(conn, row["id"])
            return self._filing_json(
                conn.execute("SELECT * FROM filings WHERE id = ?", (filing["id"],)).fetchone()
            )

    def set_filing_status(
        self, case_id: int, filing_id: int, status: str, profile: str | None = None
    ) -> dict[str, Any]:
        from schemas.case import FILING_STATUSES

        if status not in FILING_STATUSES:
            raise ValidationError({"status": [f"Must be one of: {', '.join(FILING_STATUSES)}."]})
        with self._write() as conn:
            row = self._row(conn, case_id, profile)
            cur = conn.execute(
                "UPDATE filings SET status = ?, updated_at = ? WHERE id = ? AND case_id = ?",
                (status, now_text(), int(filing_id), row["id"]),
            )
            if cur.rowcount != 1:
                raise NotFound(f"Case #{case_id} has no filing #{filing_id}.")
            self._touch(conn, row["id"])
            return self._filing_json(
                conn.execute("SELECT * FROM filings WHERE id = ?", (int(filing_id),)).fetchone()
            )

    def integrity_check(self) -> list[str]:
        """SQLite's own check plus foreign keys; an empty list means healthy."""
        with self._connection() as conn:
            problems = [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
            problems += [
                f"row {r[1]} of {r[0]} points to a missing {r[2]}"
                for r in conn.execute("PRAGMA foreign_key_check")
            ]
            return problems


__all__ = ["COMPANY_CHANNEL", "CaseStore", "EvidenceCheck", "safe_file_name", "sha256_file"]
