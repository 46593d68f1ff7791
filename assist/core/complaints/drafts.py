"""Autosaved drafts: one row per panel-instance draft id, written in one transaction.

Two panels on one PC each write only their own ``draft_id``; a write to a draft owned by
another live instance is refused (:class:`DraftConflict`). After a crash the new instance
lists drafts whose owner is gone (:func:`orphaned_drafts`) and :func:`claim_draft` adopts one.
The form is kept exactly as typed so it can be restored (cursor field included), but never
in plaintext: with a cipher (``FieldCipher``, key in keyring) the whole form JSON is an
AES-GCM token bound to the draft id; without one, personal fields and numbers are masked
before they are stored (``protect.seal_draft``) and ``Draft.state`` says ``masked``, so
the UI can tell the agent that a restore gives the masked text.
"""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from assist.core.clock import utc_stamp
from assist.core.complaints.protect import open_draft, seal_draft
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
    state: str = "encrypted"   # encrypted | masked | sealed (cannot decrypt here) | plain (legacy)


def _start_time(pid: int) -> str:
    """The process's start time in clock ticks since boot (Linux), or "" where unknown.
    With the PID it tells a live panel from a new process that reused a dead one's PID."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


def new_owner_id() -> str:
    """``host:pid:start:token`` identifying this panel instance."""
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_start_time(pid)}:{uuid.uuid4().hex[:8]}"


def new_draft_id() -> str:
    return uuid.uuid4().hex


def owner_alive(owner: str) -> bool:
    host, _, rest = owner.partition(":")
    parts = rest.split(":")
    pid = parts[0]
    started = parts[1] if len(parts) >= 3 else ""  # host:pid:start:token (older: host:pid:token)
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    if started and _start_time(int(pid)) not in ("", started):
        return False  # the PID now belongs to another process: the panel that owned it is gone
    return True


def _now() -> str:
    return utc_stamp(timespec="milliseconds")


def save_draft(db: Database, draft_id: str, owner: str, form: dict[str, Any], cursor_field: str = "",
               complaint_id: str | None = None, now: str | None = None, cipher: Any = None) -> int:
    """Insert or replace this instance's draft; returns its save counter.

    ``cipher`` None (no keyring) stores the form masked; see the module docstring."""
    payload = seal_draft(draft_id, form, cipher)
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


def _draft(row: tuple[Any, ...], cipher: Any = None) -> Draft:
    draft_id, owner, complaint_id, stored, cursor, updated, seq = row
    form, state = open_draft(draft_id, stored, cipher)
    return Draft(draft_id, owner, form, cursor, updated, complaint_id, seq, state)


def load_drafts(db: Database, owner: str | None = None, cipher: Any = None) -> list[Draft]:
    sql = "SELECT draft_id, owner, complaint_id, form, cursor_field, updated_at, seq FROM complaint_drafts"
    args: list[Any] = []
    if owner is not None:
        sql += " WHERE owner = ?"
        args.append(owner)
    return [_draft(r, cipher) for r in db.execute(sql + " ORDER BY updated_at DESC", args)]


def orphaned_drafts(db: Database, cipher: Any = None) -> list[Draft]:
    """Drafts whose panel instance is no longer running: offer these for restore."""
    return [d for d in load_drafts(db, cipher=cipher) if not owner_alive(d.owner)]


def claim_draft(db: Database, draft_id: str, owner: str, cipher: Any = None,
                expected_owner: str | None = None) -> Draft | None:
    """Adopt a draft. With ``expected_owner`` (the dead owner that was offered), None is
    returned if another panel claimed it first (two panels restoring at once)."""
    with immediate(db):
        if expected_owner is not None:
            cur = db.execute("SELECT owner FROM complaint_drafts WHERE draft_id = ?", [draft_id]).fetchone()
            if cur is None or cur[0] not in (expected_owner, owner):
                return None
        db.execute("UPDATE complaint_drafts SET owner = ? WHERE draft_id = ?", [owner, draft_id])
        row = db.execute("SELECT draft_id, owner, complaint_id, form, cursor_field, updated_at, seq "
                         "FROM complaint_drafts WHERE draft_id = ?", [draft_id]).fetchone()
    return _draft(row, cipher) if row else None


def discard_draft(db: Database, draft_id: str) -> None:
    with immediate(db):
        db.execute("DELETE FROM complaint_drafts WHERE draft_id = ?", [draft_id])
