"""Named, transactional migrations (sqlite-utils ``Migrations``).

Rules: never edit or rename a released migration; add a new one. Every released
schema has a fixture DB in tests/fixtures/db/ and tests/core/test_migrations.py
upgrades each of them. Feature modules may keep their own migration set (listed
in ``assist.core.storage.db.SCHEMA_SETS``).
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

core = Migrations("assist-core")


@core(name="0001_initial")
def _m0001(db: Database) -> None:
    db.execute(
        """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"""
    )
    db.execute(
        """CREATE TABLE calls (
            id TEXT PRIMARY KEY,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            caller_masked TEXT,
            topic TEXT,
            call_type TEXT,
            source TEXT NOT NULL DEFAULT 'panel'
        )"""
    )
    db.execute(
        """CREATE TABLE card_usage (
            card_id TEXT PRIMARY KEY,
            opens INTEGER NOT NULL DEFAULT 0,
            score REAL NOT NULL DEFAULT 0,
            last_opened_at TEXT
        )"""
    )
    db.execute("CREATE TABLE pinned_cards (card_id TEXT PRIMARY KEY, pinned_at TEXT NOT NULL)")
    db.execute(
        """CREATE TABLE search_misses (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            query_masked TEXT NOT NULL,
            results INTEGER NOT NULL,
            kb_version TEXT
        )"""
    )


@core(name="0002_call_events")
def _m0002(db: Database) -> None:
    db.execute(
        """CREATE TABLE call_events (
            id INTEGER PRIMARY KEY,
            call_id TEXT NOT NULL REFERENCES calls(id),
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '{}'
        )"""
    )
    db.execute("CREATE INDEX idx_call_events_call ON call_events(call_id)")


@core(name="0003_outbox")
def _m0003(db: Database) -> None:
    # Everything head office must receive, queued in the same transaction as the change
    # itself (assist.core.storage.outbox.enqueue); rows leave only when the server acknowledged.
    db.execute(
        """CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            UNIQUE (kind, record_id, revision)
        )"""
    )
