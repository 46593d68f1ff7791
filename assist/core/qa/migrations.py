"""Schema of the after-call check (own migration set, applied by ``open_db``). Imports only sqlite-utils.

- ``call_qa``  per call: the revision of the ``call`` record sent to head office and the last
               quality check (score, verdict, red line, the result as JSON)
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("assist-qa")


@migrations(name="0001_call_qa")
def _m0001(db: Database) -> None:
    db.execute(
        """CREATE TABLE call_qa (
            call_id TEXT PRIMARY KEY REFERENCES calls(id),
            revision INTEGER NOT NULL,          -- of the `call` record sent to head office
            assessed_at TEXT,
            score INTEGER,
            verdict TEXT,
            red_line INTEGER,
            rubric_version TEXT,
            result TEXT                         -- QaResult JSON; NULL = recorded without a check
        )"""
    )
