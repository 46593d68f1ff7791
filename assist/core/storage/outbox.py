"""The sync outbox: what must reach head office, queued with the change itself.

Call :func:`enqueue` INSIDE the transaction that writes the change, so a crash
either keeps both or neither. Payloads must already be masked. The id of a row
for head office is ``(kind, record_id, revision)``: re-sending is idempotent.
Kinds: ``complaint`` (a complaint revision), ``audit`` (an audit event),
``script_use`` (a script copied during a call), ``search_miss``, ``call`` (a call with its
after-call quality check, ``assist.core.qa.store``), ``notice_ack`` (a 风险提示函 read or
acknowledged, ``assist.core.notices.reads``).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlite_utils import Database

from assist.core.text import clean_tree

KINDS = ("complaint", "audit", "script_use", "search_miss", "call", "notice_ack")


def enqueue(db: Database, kind: str, record_id: str, revision: int, payload: dict[str, Any], at: str | None = None) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown outbox kind {kind!r}; one of {', '.join(KINDS)}")
    at = at or dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    payload = clean_tree(payload)  # head office refuses control characters and lone surrogates
    db.execute(
        "INSERT OR IGNORE INTO outbox (kind, record_id, revision, payload, created_at) VALUES (?, ?, ?, ?, ?)",
        [kind, record_id, int(revision), json.dumps(payload, ensure_ascii=False, sort_keys=True), at],
    )


def pending_count(db: Database) -> int:
    return int(db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0])


def peek(db: Database, limit: int = 100) -> list[dict[str, Any]]:
    cur = db.execute("SELECT seq, kind, record_id, revision, payload, created_at, attempts FROM outbox ORDER BY seq LIMIT ?", [limit])
    return [{"seq": s, "kind": k, "id": r, "revision": rev, "payload": json.loads(p), "created_at": c, "attempts": a}
            for s, k, r, rev, p, c, a in cur]


def acknowledge(db: Database, seqs: list[int]) -> None:
    with db.atomic():
        db.conn.executemany("DELETE FROM outbox WHERE seq = ?", [(s,) for s in seqs])


def record_failure(db: Database, seqs: list[int], error: str) -> None:
    with db.atomic():
        db.conn.executemany("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ?", [(error, s) for s in seqs])
