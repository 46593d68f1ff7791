"""The client's database side of sync. Every function takes the ``Database`` first, so
it runs on the DB lane (``lane.call(fn, ...)``); none of them touches the network."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from sqlite_utils import Database

from assist.core.storage import outbox
from assist.core.sync import protocol
from assist.core.text import clean_text, clean_tree

GLOBAL_ID_KINDS = ("complaint",)  # ids already unique across devices (UUIDs)


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def get_state(db: Database, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM sync_state WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_state(db: Database, values: dict[str, str | None]) -> None:
    with db.atomic():
        for k, v in values.items():
            if v is None:
                db.execute("DELETE FROM sync_state WHERE key = ?", [k])
            else:
                db.execute("INSERT INTO sync_state (key, value) VALUES (?, ?) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [k, v])


def install_id(db: Database) -> str:
    """A UUID made once per database: the prefix that makes local ids unique at head office."""
    got = get_state(db, "install_id")
    if got is None:
        got = str(uuid.uuid4())
        db.execute("INSERT OR IGNORE INTO sync_state (key, value) VALUES ('install_id', ?)", [got])
        got = get_state(db, "install_id") or got
    return got


def wire_id(kind: str, record_id: str, install: str) -> str:
    return record_id if kind in GLOBAL_ID_KINDS else f"{install}:{record_id}"


def next_batch(db: Database, limit: int) -> list[tuple[int, protocol.Record]]:
    """The oldest outbox rows as (seq, wire record)."""
    inst = install_id(db)
    return [(r["seq"], protocol.Record(r["kind"], wire_id(r["kind"], r["id"], inst), int(r["revision"]), r["payload"]))
            for r in outbox.peek(db, limit)]


def apply_results(db: Database, sent: list[tuple[int, protocol.Record]], results: list[protocol.Result]) -> dict[str, int]:
    """Remove acknowledged rows (one transaction), mark synced complaints, store conflicts.

    A row the server did not mention stays in the outbox (it will be sent again)."""
    by_key = {(r.kind, r.id, r.revision): r for r in results if r.status != protocol.REJECTED or r.index is None}
    by_index = {r.index: r for r in results if r.status == protocol.REJECTED and r.index is not None}
    acked, synced, conflicts, rejected = [], 0, 0, 0
    at = now_iso()
    with db.atomic():
        for i, (seq, rec) in enumerate(sent):
            res = by_index.get(i) or by_key.get((rec.kind, rec.id, rec.revision))
            if res is None:
                continue
            acked.append(seq)
            if res.status == protocol.REJECTED:
                rejected += 1
                park(db, seq, res.code or "rejected", res.message or "head office did not accept this record")
            elif res.status == protocol.CONFLICT:
                conflicts += 1
                db.execute("INSERT INTO sync_conflicts (at, kind, record_id, local_revision, server_revision, message, payload) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)",
                           [at, rec.kind, rec.id, rec.revision, res.server_revision,
                            f"head office holds revision {res.server_revision}, newer than this device's {rec.revision}",
                            json.dumps(rec.payload, ensure_ascii=False, sort_keys=True)])
                if rec.kind == "complaint":
                    db.execute("UPDATE complaints SET sync_state = 'error' WHERE id = ? AND revision = ?", [rec.id, rec.revision])
            elif rec.kind == "complaint":
                cur = db.execute("UPDATE complaints SET sync_state = 'synced' WHERE id = ? AND revision = ?", [rec.id, rec.revision])
                synced += cur.rowcount
        outbox.acknowledge(db, acked)
    return {"acked": len(acked), "complaints_synced": synced, "conflicts": conflicts, "rejected": rejected}


# ---- records head office did not accept -------------------------------------------------------

def park(db: Database, seq: int, code: str, message: str) -> None:
    """Move outbox row ``seq`` to ``sync_rejected`` with the reason (it no longer blocks the
    rows behind it; nothing is deleted). The caller removes the outbox row (same transaction)."""
    row = db.execute("SELECT kind, record_id, revision, payload FROM outbox WHERE seq = ?", [seq]).fetchone()
    if row is None:
        return
    kind, record_id, revision, payload = row
    with db.atomic():
        db.execute("INSERT INTO sync_rejected (at, kind, record_id, revision, payload, code, message) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [now_iso(), kind, record_id, revision, payload, code[:40], clean_text(message)[:1000]])
        if kind == "complaint":
            db.execute("UPDATE complaints SET sync_state = 'error' WHERE id = ? AND revision = ?", [record_id, revision])


def park_and_remove(db: Database, seq: int, code: str, message: str) -> None:
    with db.atomic():
        park(db, seq, code, message)
        outbox.acknowledge(db, [seq])


def open_rejected(db: Database) -> list[dict[str, Any]]:
    cur = db.execute("SELECT id, at, kind, record_id, revision, code, message FROM sync_rejected "
                     "WHERE resent_at IS NULL ORDER BY id")
    return [dict(zip(("id", "at", "kind", "record_id", "revision", "code", "message"), r)) for r in cur]


def resend_rejected(db: Database, rejected_id: int) -> dict[str, Any]:
    """Queue a parked record again, its text cleaned as at every boundary (NUL, control
    characters, lone surrogates). The parked row is kept, marked as resent."""
    row = db.execute("SELECT kind, record_id, revision, payload FROM sync_rejected WHERE id = ? AND resent_at IS NULL",
                     [rejected_id]).fetchone()
    if row is None:
        raise KeyError(rejected_id)
    kind, record_id, revision, payload = row
    before = json.loads(payload)
    after = clean_tree(before)
    with db.atomic():
        db.execute("DELETE FROM outbox WHERE kind = ? AND record_id = ? AND revision = ?", [kind, record_id, revision])
        outbox.enqueue(db, kind, record_id, revision, after)
        db.execute("UPDATE sync_rejected SET resent_at = ? WHERE id = ?", [now_iso(), rejected_id])
        if kind == "complaint":
            db.execute("UPDATE complaints SET sync_state = 'pending' WHERE id = ? AND revision = ?", [record_id, revision])
    return {"kind": kind, "record_id": record_id, "revision": revision, "cleaned": after != before}


def record_conflict(db: Database, kind: str, record_id: str, local_rev: int, server_rev: int, message: str) -> None:
    db.execute("INSERT INTO sync_conflicts (at, kind, record_id, local_revision, server_revision, message) VALUES (?, ?, ?, ?, ?, ?)",
               [now_iso(), kind, record_id, local_rev, server_rev, message])


def open_conflicts(db: Database) -> list[dict[str, Any]]:
    cur = db.execute("SELECT id, at, kind, record_id, local_revision, server_revision, message FROM sync_conflicts "
                     "WHERE resolved_at IS NULL ORDER BY id")
    return [dict(zip(("id", "at", "kind", "record_id", "local_revision", "server_revision", "message"), r)) for r in cur]


def resolve_conflict(db: Database, conflict_id: int) -> None:
    db.execute("UPDATE sync_conflicts SET resolved_at = ? WHERE id = ?", [now_iso(), conflict_id])


def note_failure(db: Database, seqs: list[int], code: str, message: str) -> None:
    outbox.record_failure(db, seqs, f"{code}: {message}"[:500])
