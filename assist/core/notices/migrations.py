"""Schema of the notice read receipts (own migration set, applied by ``open_db``). Imports only sqlite-utils.

- ``notice_reads``  per notice version and agent: when it was read and acknowledged (UTC)
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("assist-notices")


@migrations(name="0001_notice_reads")
def _m0001(db: Database) -> None:
    db.execute(
        """CREATE TABLE notice_reads (
            notice_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            agent_id TEXT NOT NULL,
            read_at TEXT NOT NULL,
            acknowledged_at TEXT,
            kb_version TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (notice_id, version, agent_id)
        )"""
    )
