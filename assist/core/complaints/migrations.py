"""Schema for complaints (own sqlite-utils migration set, applied by ``open_db``).

Never edit or rename a released migration; add a new one. This module imports only
sqlite-utils: a broken import here breaks every database open.

Tables
- ``complaints``          one row per complaint, current revision, personal fields masked;
                          ``protected`` holds AES-GCM tokens of the few full values kept (0002)
- ``complaint_revisions`` every saved revision (masked JSON)
- ``complaint_drafts``    autosaved forms keyed by a per-panel-instance ``draft_id``
- ``ticket_seq``          per (branch, device, day) sequence for offline-unique ticket numbers
- ``audit_log``           append-only, sha256 hash-chained trail (UPDATE/DELETE refused by triggers)
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("assist-complaints")


@migrations(name="0001_complaints")
def _m0001(db: Database) -> None:
    db.execute(
        """CREATE TABLE complaints (
            id TEXT PRIMARY KEY,
            ticket_no TEXT NOT NULL UNIQUE,
            revision INTEGER NOT NULL DEFAULT 1,
            status TEXT NOT NULL DEFAULT '受理',
            level TEXT NOT NULL DEFAULT '普通',
            risk_flags TEXT NOT NULL DEFAULT '[]',
            agent_id TEXT NOT NULL,
            org_unit TEXT NOT NULL,
            source TEXT NOT NULL,
            complainant_type TEXT NOT NULL,
            complainant_masked TEXT NOT NULL DEFAULT '',
            phone_masked TEXT NOT NULL DEFAULT '',
            business_B TEXT NOT NULL DEFAULT '',
            received_at TEXT NOT NULL,
            due_date TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            sync_state TEXT NOT NULL DEFAULT 'pending',
            data TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX idx_complaints_agent ON complaints(agent_id, updated_at)")
    db.execute("CREATE INDEX idx_complaints_status ON complaints(status)")
    db.execute("CREATE INDEX idx_complaints_updated ON complaints(updated_at)")
    db.execute(
        """CREATE TABLE complaint_revisions (
            id INTEGER PRIMARY KEY,
            complaint_id TEXT NOT NULL REFERENCES complaints(id),
            revision INTEGER NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            data TEXT NOT NULL,
            UNIQUE(complaint_id, revision)
        )"""
    )
    db.execute(
        """CREATE TABLE complaint_drafts (
            draft_id TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            complaint_id TEXT,
            form TEXT NOT NULL,
            cursor_field TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            seq INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute(
        """CREATE TABLE ticket_seq (
            branch TEXT NOT NULL,
            device TEXT NOT NULL,
            day TEXT NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (branch, device, day)
        )"""
    )
    db.execute(
        """CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            action TEXT NOT NULL,
            field TEXT NOT NULL DEFAULT '',
            old TEXT,
            new TEXT,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX idx_audit_entity ON audit_log(entity, entity_id)")
    db.execute(
        """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
           BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"""
    )
    db.execute(
        """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
           BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"""
    )


@migrations(name="0002_protected_values")
def _m0002(db: Database) -> None:
    """Encrypted full values (AES-GCM tokens, field -> token JSON) beside the masked form."""
    db.execute("ALTER TABLE complaints ADD COLUMN protected TEXT NOT NULL DEFAULT '{}'")


@migrations(name="0003_original_receipt_kept")
def _m0003(db: Database) -> None:
    """Release 0.1.0 overwrote ``received_at`` when new facts restarted the clock (Art 18). Put the
    original receipt back (from the first revision); the restart stays in ``repeats``, where the
    deadline engine reads it. Each repaired complaint gets a new revision, an audit row and an
    outbox row, like any change. The import is lazy: a database without such a complaint never
    loads the complaint code here."""
    if db.execute("SELECT 1 FROM complaints WHERE data LIKE '%\"restarted\"%' LIMIT 1").fetchone() is None:
        return
    from assist.core.complaints.upgrade import keep_original_receipt

    keep_original_receipt(db)
