"""Open the database: owner-only file, WAL, synchronous=FULL, foreign keys, migrations.

Storage knows no feature: the migration sets to apply are handed in by the caller (the
application's list is :data:`assist.schema.SCHEMA_SETS`, assembled by the composition level).
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from assist.core.storage.migrations import core

CORE_SETS: tuple[Migrations, ...] = (core,)


def _create_owner_only(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    if sys.platform != "win32":
        os.chmod(path, 0o600)


def open_db(path: str | Path | None, sets: Sequence[Migrations], *, migrate: bool = True) -> Database:
    """Open (and create, owner-only) the database at ``path``; ``None`` = in memory. ``sets``:
    the migration sets to apply, in order (the core set first)."""
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
        for ms in sets:
            ms.apply(db)
    return db


def schema_state(db: Database, sets: Sequence[Migrations]) -> dict[str, list[str]]:
    """Applied migration names per set (what `assist doctor` prints)."""
    return {ms.name: [m.name for m in ms.applied(db)] for ms in sets}


def schema_version(db: Database, sets: Sequence[Migrations]) -> str:
    state = schema_state(db, sets)
    return ", ".join(f"{k}@{v[-1] if v else 'none'}" for k, v in state.items())
