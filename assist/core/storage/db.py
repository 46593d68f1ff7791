"""Open the database: owner-only file, WAL, synchronous=FULL, foreign keys, migrations."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from assist.core.complaints.migrations import migrations as complaint_migrations
from assist.core.notices.migrations import migrations as notice_migrations
from assist.core.qa.migrations import migrations as qa_migrations
from assist.core.storage.migrations import core
from assist.core.sync.migrations import migrations as sync_migrations

# Every migration set, in the order they apply (core first, then the features).
SCHEMA_SETS: list[Migrations] = [core, complaint_migrations, sync_migrations, qa_migrations, notice_migrations]


def _create_owner_only(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    if sys.platform != "win32":
        os.chmod(path, 0o600)


def open_db(path: str | Path | None, *, migrate: bool = True) -> Database:
    """Open (and create, owner-only) the database at ``path``; ``None`` = in memory."""
    if path is None:
        conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    else:
        p = Path(path)
        _create_owner_only(p)
        conn = sqlite3.connect(str(p), check_same_thread=False, isolation_level=None, timeout=10)
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=10000")
    db = Database(conn)
    if migrate:
        for ms in SCHEMA_SETS:
            ms.apply(db)
    return db


def schema_state(db: Database) -> dict[str, list[str]]:
    """Applied migration names per set (what `assist doctor` prints)."""
    return {ms.name: [m.name for m in ms.applied(db)] for ms in SCHEMA_SETS}


def schema_version(db: Database) -> str:
    state = schema_state(db)
    return ", ".join(f"{k}@{v[-1] if v else 'none'}" for k, v in state.items())
