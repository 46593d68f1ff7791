"""The application's database schema: every migration set, in the order they apply.

Assembled here, at the composition level, so that ``assist.core.storage`` knows no feature. A new
feature with tables adds its ``Migrations`` set to :data:`SCHEMA_SETS` (after the ones it needs).
"""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from assist.core.complaints.migrations import migrations as complaint_migrations
from assist.core.notices.migrations import migrations as notice_migrations
from assist.core.qa.migrations import migrations as qa_migrations
from assist.core.storage.db import open_db, schema_state, schema_version
from assist.core.storage.migrations import core
from assist.core.sync.migrations import migrations as sync_migrations

SCHEMA_SETS: tuple[Migrations, ...] = (core, complaint_migrations, sync_migrations, qa_migrations, notice_migrations)


def open_app_db(path: str | Path | None, *, migrate: bool = True) -> Database:
    """The application's database at ``path`` (``None`` = in memory), every set applied."""
    return open_db(path, SCHEMA_SETS, migrate=migrate)


def app_schema_state(db: Database) -> dict[str, list[str]]:
    return schema_state(db, SCHEMA_SETS)


def app_schema_version(db: Database) -> str:
    return schema_version(db, SCHEMA_SETS)
