"""Autosaved drafts: one row per panel-instance draft id, written in one transaction.

Two panels on one PC each write only their own ``draft_id``; a write to a draft owned by
another live instance is refused (:class:`DraftConflict`). After a crash the new instance
lists drafts whose owner is gone (:func:`orphaned_drafts`) and :func:`claim_draft` adopts one.
The form JSON is kept exactly as typed so it can be restored (cursor field included).
TODO(privacy): encrypt ``form`` with the privacy module's field encryption when it lands.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import uuid
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from assist.core.complaints.txn import immediate


class DraftConflict(RuntimeError):
    pass


@dataclass(frozen=True)
class Draft:
    draft_id: str
    owner: str
    form: dict[str, Any]
    cursor_field: str
    updated_at: str
    complaint_id: str | None
    seq: int


def new_owner_id() -> str:
    """``host:pid:token`` identifying this panel instance."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def new_draft_id() -> str:
    return uuid.uuid4().hex


def owner_alive(owner: str) -> bool:
    host, _, rest = owner.partition(":")
    pid = rest.split(":", 1)[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="milliseconds")


def save_draft(db: Database, draft_id: str, owner: str, form: dict[str, Any], cursor_field: str = "",
               complaint_id: str | None = None, now: str | None = None) -> int:
    """Insert or replace this instance's draft; returns its save counter."""
    payload = json.dumps(form, ensure_ascii=False, sort_keys=True)
    with immediate(db):
        row = db.execute("SELECT owner FROM complaint_drafts WHERE draft_id = ?", [draft_id]).fetchone()
        if row is not None and row[0] != owner:
            raise DraftConflict(f"draft {draft_id} belongs to {row[0]}; claim_draft() it first")
        seq = db.execute(
            """INSERT INTO complaint_drafts (draft_id, owner, complaint_id, form, cursor_field, updated_at, seq)
               VALUES (?, ?, ?, ?, ?, ?, 1)
               ON CONFLICT (draft_id) DO UPDATE SET form = excluded.form, cursor_field = excluded.cursor_field,
                   complaint_id = excluded.complaint_id, updated_at = excluded.updated_at, seq = seq + 1
               RETURNING seq""",
            [draft_id, owner, complaint_id, payload, cursor_field, now or _now()],
        ).fetchone()[0]
    return int(seq)


def _draft(row: tuple) -> Draft:
    draft_id, owner, complaint_id, form, cursor, updated, seq = row
    return Draft(draft_id, owner, json.loads(form), cursor, updated, complaint_id, seq)


def load_drafts(db: Database, owner: str | None = None) -> list[Draft]:
    sql = "SELECT draft_id, owner, complaint_id, form, cursor_field, updated_at, seq FROM complaint_drafts"
    args: list[Any] = []
    if owner is not None:
        sql += " WHERE owner = ?"
        args.append(owner)
    return [_draft(r) for r in db.execute(sql + " ORDER BY updated_at DESC", args)]


def orphaned_drafts(db: Database) -> list[Draft]:
    """Drafts whose panel instance is no longer running: offer these for restore."""
    return [d for d in load_drafts(db) if not owner_alive(d.owner)]


def claim_draft(db: Database, draft_id: str, owner: str) -> Draft | None:
    with immediate(db):
        db.execute("UPDATE complaint_drafts SET owner = ? WHERE draft_id = ?", [owner, draft_id])
        row = db.execute("SELECT draft_id, owner, complaint_id, form, cursor_field, updated_at, seq "
                         "FROM complaint_drafts WHERE draft_id = ?", [draft_id]).fetchone()
    return _draft(row) if row else None


def discard_draft(db: Database, draft_id: str) -> None:
    with immediate(db):
        db.execute("DELETE FROM complaint_drafts WHERE draft_id = ?", [draft_id])
