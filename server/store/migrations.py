"""The case database's schema, as numbered steps applied in order.

``PRAGMA user_version`` records the last step applied.  Each step runs inside
the same transaction as the version bump, so a failed or interrupted upgrade
leaves the database exactly as it was.  Never edit a released step: add one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "cases, evidence, contact log, filings",
        (
            """
            CREATE TABLE cases (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                profile TEXT NOT NULL,
                status TEXT NOT NULL,
                company TEXT NOT NULL,
                account_id TEXT,
                category TEXT NOT NULL,
                jurisdiction TEXT NOT NULL,
                incident_date TEXT,
                amount TEXT,
                currency TEXT,
                transaction_ids TEXT NOT NULL DEFAULT '[]',
                title TEXT NOT NULL,
                narrative TEXT NOT NULL,
                desired_resolution TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0),
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX cases_profile ON cases (profile, status)",
            """
            CREATE TABLE evidence (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                note TEXT,
                file_name TEXT NOT NULL,
                stored_name TEXT NOT NULL,
                sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
                size INTEGER NOT NULL CHECK (size >= 0),
                media_type TEXT NOT NULL,
                added_at TEXT NOT NULL,
                UNIQUE (case_id, sha256),
                UNIQUE (case_id, stored_name)
            )
            """,
            """
            CREATE TABLE contacts (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
                at TEXT NOT NULL,
                channel TEXT NOT NULL,
                direction TEXT NOT NULL,
                person TEXT,
                reference TEXT,
                summary TEXT NOT NULL,
                outcome TEXT,
                logged_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX contacts_case ON contacts (case_id, at)",
            """
            CREATE TABLE filings (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
                channel TEXT NOT NULL,
                filed_on TEXT NOT NULL,
                reference TEXT,
                rules TEXT NOT NULL,
                milestones TEXT NOT NULL,
                status TEXT NOT NULL,
                responded_on TEXT,
                final_response_on TEXT,
                updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX filings_case ON filings (case_id, filed_on)",
        ),
    ),
)


def latest_version(migrations: tuple[Migration, ...] = MIGRATIONS) -> int:
    return migrations[-1].version if migrations else 0
