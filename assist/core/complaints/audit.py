"""Append-only, hash-chained audit trail (``audit_log``).

hash = sha256(canonical JSON of [id, at, actor, entity, entity_id, action, field, old,
new, prev_hash]); the first row's prev_hash is 64 zeros. The chain head (last id and
hash) is also kept in ``meta['audit.head']``, so removing the last rows is detected.
Triggers refuse UPDATE/DELETE; an edit made outside the app (after dropping them) is
found by :func:`verify_audit`, which names the row. Values are stored masked.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from assist.core.storage import outbox

GENESIS = "0" * 64
HEAD_KEY = "audit.head"
_COLS = ("id", "at", "actor", "entity", "entity_id", "action", "field", "old", "new", "prev_hash")


@dataclass(frozen=True)
class AuditProblem:
    row_id: int | None
    message: str

    def __str__(self) -> str:
        return f"row {self.row_id}: {self.message}" if self.row_id is not None else self.message


def row_hash(row: dict[str, Any]) -> str:
    payload = json.dumps([row.get(c) for c in _COLS], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _text(v: Any) -> str | None:
    if v is None:
        return None
    return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, sort_keys=True)


def append_audit(db: Database, entries: list[dict[str, Any]], *, at: str, actor: str) -> list[int]:
    """Append entries (entity, entity_id, action, field, old, new — already masked).
    Must run inside the caller's write transaction (BEGIN IMMEDIATE)."""
    last = db.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    seq = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").fetchone()
    next_id = max(last[0] if last else 0, seq[0] if seq else 0) + 1
    prev = last[1] if last else GENESIS
    ids: list[int] = []
    for e in entries:
        row = {"id": next_id, "at": at, "actor": actor, "entity": e["entity"], "entity_id": str(e["entity_id"]),
               "action": e["action"], "field": e.get("field", ""), "old": _text(e.get("old")),
               "new": _text(e.get("new")), "prev_hash": prev}
        row["hash"] = row_hash(row)
        db.execute(f"INSERT INTO audit_log ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
        outbox.enqueue(db, "audit", str(next_id), 1, row, at=at)  # same transaction as the change
        prev = row["hash"]
        ids.append(next_id)
        next_id += 1
    if ids:
        db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                   [HEAD_KEY, f"{ids[-1]}:{prev}"])
    return ids


def verify_audit(db: Database) -> list[AuditProblem]:
    """Walk the chain; each problem names the row that breaks it. Empty list = intact."""
    problems: list[AuditProblem] = []
    prev, prev_id, last_id = GENESIS, None, None
    cur = db.execute(f"SELECT {', '.join(_COLS)}, hash FROM audit_log ORDER BY id")
    names = [*_COLS, "hash"]
    for values in cur:
        row = dict(zip(names, values))
        rid = row["id"]
        if row["prev_hash"] != prev:
            where = f"row {prev_id}" if prev_id is not None else "the start of the chain"
            problems.append(AuditProblem(rid, f"prev_hash does not match the hash of {where}: "
                                              "a row before it was changed, removed or inserted"))
        if row_hash(row) != row["hash"]:
            problems.append(AuditProblem(rid, f"content does not match its hash: row {rid} was edited "
                                              f"(entity {row['entity']} {row['entity_id']}, field {row['field']!r})"))
        prev, prev_id, last_id = row["hash"], rid, rid
    head = db.execute("SELECT value FROM meta WHERE key = ?", [HEAD_KEY]).fetchone()
    if head is not None:
        hid, _, hhash = head[0].partition(":")
        if last_id is None or str(last_id) != hid or prev != hhash:
            problems.append(AuditProblem(int(hid) if hid.isdigit() else None,
                                         f"chain head recorded as row {hid} but the last row is {last_id}: rows at the end were removed or replaced"))
    elif last_id is not None:
        problems.append(AuditProblem(None, "chain head record (meta 'audit.head') is missing"))
    triggers = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")}
    for t in ("audit_log_no_update", "audit_log_no_delete"):
        if t not in triggers:
            problems.append(AuditProblem(None, f"append-only trigger {t} is missing (dropped outside the app?)"))
    return problems
