"""Receiver schema migrations, for SQLite and PostgreSQL side by side.

Named and applied in order inside one transaction each; ``hq_migrations`` records
what ran. Never edit a released migration: add one. On PostgreSQL an advisory lock
makes concurrent starts of several instances safe.
"""

from __future__ import annotations

# name -> {"sqlite": [...], "postgresql": [...]}
MIGRATIONS: list[tuple[str, dict[str, list[str]]]] = [
    ("0001_initial", {
        "sqlite": [
            """CREATE TABLE devices (
                id TEXT PRIMARY KEY, branch TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',
                token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT)""",
            """CREATE TABLE records (
                kind TEXT NOT NULL, record_id TEXT NOT NULL, revision INTEGER NOT NULL,
                branch TEXT NOT NULL, device_id TEXT NOT NULL, payload TEXT NOT NULL,
                received_at TEXT NOT NULL, PRIMARY KEY (kind, record_id))""",
            "CREATE INDEX idx_records_branch ON records(branch, kind)",
            """CREATE TABLE updates (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, device_id TEXT NOT NULL, branch TEXT NOT NULL,
                complaint_id TEXT NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
                actor TEXT NOT NULL DEFAULT '', at TEXT NOT NULL, base_revision INTEGER NOT NULL DEFAULT 0)""",
            "CREATE INDEX idx_updates_device ON updates(device_id, seq)",
            """CREATE TABLE kb_packs (
                kb_version TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
                data BLOB NOT NULL, published_at TEXT NOT NULL)""",
        ],
        "postgresql": [
            """CREATE TABLE devices (
                id TEXT PRIMARY KEY, branch TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',
                token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT)""",
            """CREATE TABLE records (
                kind TEXT NOT NULL, record_id TEXT NOT NULL, revision INTEGER NOT NULL,
                branch TEXT NOT NULL, device_id TEXT NOT NULL, payload JSONB NOT NULL,
                received_at TEXT NOT NULL, PRIMARY KEY (kind, record_id))""",
            "CREATE INDEX idx_records_branch ON records(branch, kind)",
            """CREATE TABLE updates (
                seq BIGSERIAL PRIMARY KEY, device_id TEXT NOT NULL, branch TEXT NOT NULL,
                complaint_id TEXT NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
                actor TEXT NOT NULL DEFAULT '', at TEXT NOT NULL, base_revision INTEGER NOT NULL DEFAULT 0)""",
            "CREATE INDEX idx_updates_device ON updates(device_id, seq)",
            """CREATE TABLE kb_packs (
                kb_version TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
                data BYTEA NOT NULL, published_at TEXT NOT NULL)""",
        ],
    }),
    # issue 14: revisions up to 2^53 (BIGINT; SQLite integers are 64-bit already), an audit
    # trail for head-office actions such as `device replace`
    ("0002_bigint_audit", {
        "sqlite": [
            """CREATE TABLE hq_audit (
                id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL,
                action TEXT NOT NULL, detail TEXT NOT NULL)""",
        ],
        "postgresql": [
            "ALTER TABLE records ALTER COLUMN revision TYPE BIGINT",
            "ALTER TABLE updates ALTER COLUMN base_revision TYPE BIGINT",
            """CREATE TABLE hq_audit (
                id BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL,
                action TEXT NOT NULL, detail TEXT NOT NULL)""",
        ],
    }),
]

BOOKKEEPING = {
    "sqlite": "CREATE TABLE IF NOT EXISTS hq_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
    "postgresql": "CREATE TABLE IF NOT EXISTS hq_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
}
