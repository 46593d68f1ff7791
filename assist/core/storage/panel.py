"""Small query functions for the panel: card usage, pins, search misses, calls.

Each takes the Database first so it can run on the DB lane: ``lane.submit(fn, ...)``.
Text arriving here must already be masked (the UI masks before submitting).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

from sqlite_utils import Database

HALF_LIFE_DAYS = 14.0


def _decay(score: float, last: str | None, now: dt.datetime) -> float:
    if not last:
        return score
    try:
        then = dt.datetime.fromisoformat(last)
    except ValueError:
        return score
    if then.tzinfo is None and now.tzinfo is not None:
        then = then.replace(tzinfo=now.tzinfo)
    days = max(0.0, (now - then).total_seconds() / 86400)
    return score * math.pow(0.5, days / HALF_LIFE_DAYS)


def record_open(db: Database, card_id: str, at: str) -> None:
    now = dt.datetime.fromisoformat(at)
    with db.atomic():
        row = db.execute("SELECT opens, score, last_opened_at FROM card_usage WHERE card_id = ?", [card_id]).fetchone()
        if row is None:
            db.execute("INSERT INTO card_usage (card_id, opens, score, last_opened_at) VALUES (?, 1, 1.0, ?)", [card_id, at])
        else:
            score = _decay(row[1], row[2], now) + 1.0
            db.execute("UPDATE card_usage SET opens = opens + 1, score = ?, last_opened_at = ? WHERE card_id = ?", [score, at, card_id])


def usage_scores(db: Database, now: dt.datetime) -> dict[str, float]:
    """Decayed usage score per card (half-life 14 days): frequency and recency in one number."""
    return {cid: _decay(score, last, now) for cid, score, last in db.execute("SELECT card_id, score, last_opened_at FROM card_usage")}


def recent_cards(db: Database, n: int = 5) -> list[str]:
    """The cards opened last, newest first."""
    return [r[0] for r in db.execute("SELECT card_id FROM card_usage ORDER BY last_opened_at DESC LIMIT ?", [n])]


def pin(db: Database, card_id: str, at: str) -> None:
    db.execute("INSERT OR REPLACE INTO pinned_cards (card_id, pinned_at) VALUES (?, ?)", [card_id, at])


def unpin(db: Database, card_id: str) -> None:
    db.execute("DELETE FROM pinned_cards WHERE card_id = ?", [card_id])


def pinned(db: Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT card_id FROM pinned_cards ORDER BY pinned_at")]


def record_miss(db: Database, query_masked: str, at: str, kb_version: str, results: int = 0) -> None:
    from assist.core.storage import outbox

    with db.atomic():
        cur = db.execute("INSERT INTO search_misses (at, query_masked, results, kb_version) VALUES (?, ?, ?, ?)",
                         [at, query_masked, results, kb_version])
        outbox.enqueue(db, "search_miss", f"miss-{at}-{cur.lastrowid}", 1,
                       {"at": at, "query_masked": query_masked, "results": results, "kb_version": kb_version}, at=at)


def list_misses(db: Database, limit: int = 100) -> list[dict[str, Any]]:
    cur = db.execute(
        "SELECT query_masked, COUNT(*) AS n, MAX(at) AS last FROM search_misses GROUP BY query_masked ORDER BY n DESC, last DESC LIMIT ?",
        [limit],
    )
    return [{"query": q, "count": n, "last": last} for q, n, last in cur]


def start_call(db: Database, call_id: str, at: str, caller_masked: str, topic: str, call_type: str = "", source: str = "panel",
               direction: str = "") -> None:
    """A call starts: its row and its 'start' event (with the direction, 呼入/外呼, when known)."""
    detail = {"topic": topic, "call_type": call_type} | ({"direction": direction} if direction else {})
    with db.atomic():
        db.execute("INSERT INTO calls (id, started_at, caller_masked, topic, call_type, source) VALUES (?, ?, ?, ?, ?, ?)",
                   [call_id, at, caller_masked, topic, call_type, source])
        db.execute("INSERT INTO call_events (call_id, at, kind, detail) VALUES (?, ?, 'start', ?)",
                   [call_id, at, json.dumps(detail, ensure_ascii=False)])


def end_call(db: Database, call_id: str, at: str) -> None:
    with db.atomic():
        db.execute("UPDATE calls SET ended_at = ? WHERE id = ?", [at, call_id])
        db.execute("INSERT INTO call_events (call_id, at, kind, detail) VALUES (?, ?, 'end', '{}')", [call_id, at])


def add_call_event(db: Database, call_id: str, at: str, kind: str, detail: dict[str, Any]) -> None:
    db.execute("INSERT INTO call_events (call_id, at, kind, detail) VALUES (?, ?, ?, ?)",
               [call_id, at, kind, json.dumps(detail, ensure_ascii=False)])
