"""Schema for sync (own migration set, applied by ``open_db``). Imports only sqlite-utils.

- ``sync_state``     key/value: installation id, pull cursor, last success/error, KB pack refused
- ``sync_conflicts`` records head office refused because it holds a newer revision, and HQ
                     status changes that could not be applied; shown to the agent until resolved
- ``sync_rejected``  records head office did not accept (bad data, another device's record),
                     with the reason; kept until fixed and sent again
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("assist-sync")


@migrations(name="0001_sync")
def _m0001(db: Database) -> None:
    db.execute("CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        """CREATE TABLE sync_conflicts (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            local_revision INTEGER NOT NULL,
            server_revision INTEGER NOT NULL,
            message TEXT NOT NULL,
            payload TEXT NOT NULL DEFAULT '{}',
            resolved_at TEXT
        )"""
    )
    db.execute("CREATE INDEX idx_sync_conflicts_open ON sync_conflicts(resolved_at)")


@migrations(name="0002_rejected")
def _m0002(db: Database) -> None:
    """Records head office did not accept (issue 14): parked here with the reason, never
    deleted; the agent fixes and resends them (`assist sync --rejected` / `--resend ID`)."""
    db.execute(
        """CREATE TABLE sync_rejected (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            payload TEXT NOT NULL,
            code TEXT NOT NULL,
            message TEXT NOT NULL,
            resent_at TEXT
        )"""
    )
    db.execute("CREATE INDEX idx_sync_rejected_open ON sync_rejected(resent_at)")
