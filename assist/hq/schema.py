"""Receiver schema migrations, for SQLite and PostgreSQL side by side.

Named and applied in order inside one transaction each; ``hq_migrations`` records
what ran. Never edit a released migration: add one. On PostgreSQL an advisory lock
makes concurrent starts of several instances safe.
"""

from __future__ import annotations


def _supervision(serial: str) -> list[str]:
    """Migration 0003 (issue 16, 事后监督): staff accounts and sessions, read models of calls (with
    their quality check) and complaints kept in step with `records` by hq/projection.py, reviews,
    the 风险隐患清单, root causes per category, notices and their read receipts, known agents.
    The same statements for both dialects but the register's auto-numbered id (``serial``)."""
    return [
        """CREATE TABLE hq_users (
            name TEXT PRIMARY KEY, role TEXT NOT NULL, branch TEXT NOT NULL DEFAULT '', pw_hash TEXT NOT NULL,
            created_at TEXT NOT NULL, disabled_at TEXT, failed INTEGER NOT NULL DEFAULT 0, locked_until TEXT,
            last_login_at TEXT)""",
        """CREATE TABLE hq_sessions (
            id_hash TEXT PRIMARY KEY, user_name TEXT NOT NULL, csrf TEXT NOT NULL, created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL, last_seen_at TEXT NOT NULL)""",
        "CREATE INDEX idx_sessions_user ON hq_sessions(user_name)",
        "CREATE TABLE hq_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE hq_calls (
            call_id TEXT PRIMARY KEY, branch TEXT NOT NULL, device_id TEXT NOT NULL, agent_id TEXT NOT NULL DEFAULT '',
            org_unit TEXT NOT NULL DEFAULT '', call_type TEXT NOT NULL DEFAULT '', started_at TEXT NOT NULL,
            ended_at TEXT, score INTEGER, verdict TEXT NOT NULL DEFAULT '', red_line INTEGER NOT NULL DEFAULT 0,
            findings INTEGER NOT NULL DEFAULT 0, sample INTEGER NOT NULL, received_at TEXT NOT NULL)""",
        "CREATE INDEX idx_calls_red ON hq_calls(red_line, started_at)",
        "CREATE INDEX idx_calls_sample ON hq_calls(sample, red_line, started_at)",
        "CREATE INDEX idx_calls_branch ON hq_calls(branch, red_line, sample, started_at)",
        """CREATE TABLE hq_reviews (
            call_id TEXT PRIMARY KEY, verdict TEXT NOT NULL, comment TEXT NOT NULL DEFAULT '', reviewer TEXT NOT NULL,
            reviewed_at TEXT NOT NULL)""",
        """CREATE TABLE hq_complaints (
            id TEXT PRIMARY KEY, branch TEXT NOT NULL, ticket_no TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT '',
            level TEXT NOT NULL DEFAULT '', flags TEXT NOT NULL DEFAULT '', high_risk INTEGER NOT NULL DEFAULT 0,
            is_open INTEGER NOT NULL DEFAULT 1, received_at TEXT NOT NULL DEFAULT '', due_date TEXT NOT NULL DEFAULT '',
            week TEXT NOT NULL DEFAULT '', channel_a TEXT NOT NULL DEFAULT '', business_b TEXT NOT NULL DEFAULT '',
            reason_c TEXT NOT NULL DEFAULT '', product TEXT NOT NULL DEFAULT '', org_unit TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL DEFAULT '')""",
        "CREATE INDEX idx_complaints_risk ON hq_complaints(high_risk, due_date)",
        "CREATE INDEX idx_complaints_due ON hq_complaints(is_open, due_date)",
        "CREATE INDEX idx_complaints_week ON hq_complaints(week, branch)",
        "CREATE INDEX idx_complaints_branch ON hq_complaints(branch, due_date)",
        """CREATE TABLE hq_root_causes (
            category TEXT PRIMARY KEY, root_cause TEXT NOT NULL DEFAULT '', fix_action TEXT NOT NULL DEFAULT '',
            fix_status TEXT NOT NULL DEFAULT '未开始', owner TEXT NOT NULL DEFAULT '', due_date TEXT NOT NULL DEFAULT '',
            updated_by TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL DEFAULT '')""",
        """CREATE TABLE hq_register_hits (
            kind TEXT NOT NULL, record_id TEXT NOT NULL, register_id BIGINT NOT NULL, seen_at TEXT NOT NULL,
            PRIMARY KEY (kind, record_id, register_id))""",
        """CREATE TABLE hq_notices (
            id TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1, title TEXT NOT NULL, must_read INTEGER NOT NULL DEFAULT 1,
            effective_from TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'draft', body TEXT NOT NULL,
            kb_version TEXT NOT NULL DEFAULT '', created_by TEXT NOT NULL, created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL, published_by TEXT NOT NULL DEFAULT '', published_at TEXT)""",
        """CREATE TABLE hq_notice_reads (
            notice_id TEXT NOT NULL, version INTEGER NOT NULL, branch TEXT NOT NULL, agent_id TEXT NOT NULL,
            device_id TEXT NOT NULL, read_at TEXT NOT NULL, acknowledged_at TEXT,
            PRIMARY KEY (notice_id, version, branch, agent_id))""",
        """CREATE TABLE hq_agents (
            branch TEXT NOT NULL, agent_id TEXT NOT NULL, last_seen TEXT NOT NULL, PRIMARY KEY (branch, agent_id))""",
        "CREATE INDEX idx_records_received ON records(kind, received_at)",
        f"""CREATE TABLE hq_register (
            id {serial}, entry_key TEXT NOT NULL UNIQUE, source TEXT NOT NULL, issue TEXT NOT NULL,
            issue_label TEXT NOT NULL DEFAULT '', product TEXT NOT NULL DEFAULT '', branch TEXT NOT NULL,
            team TEXT NOT NULL DEFAULT '', hits INTEGER NOT NULL DEFAULT 0, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
            examples TEXT NOT NULL DEFAULT '[]', owner TEXT NOT NULL DEFAULT '', due_date TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT '待评估', measures TEXT NOT NULL DEFAULT '', updated_by TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL DEFAULT '')""",
        "CREATE INDEX idx_register_hits ON hq_register(hits)",
        "CREATE INDEX idx_register_branch ON hq_register(branch, hits)",
    ]


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
    ("0003_supervision", {"sqlite": _supervision("INTEGER PRIMARY KEY AUTOINCREMENT"),
                          "postgresql": _supervision("BIGSERIAL PRIMARY KEY")}),
]

BOOKKEEPING = {
    "sqlite": "CREATE TABLE IF NOT EXISTS hq_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
    "postgresql": "CREATE TABLE IF NOT EXISTS hq_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
}
