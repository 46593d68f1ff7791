"""Read receipts of 风险提示函 on the branch PC (DB lane functions) and the ``notice_ack``
record head office counts them with.

A notice is *unread* for an agent until opened; a must-read notice stays unread until the agent
acknowledges it explicitly (who, when). Each receipt is queued for head office in the same
transaction (outbox kind ``notice_ack``, id ``<notice>:v<version>:<agent>``; revision 1 = read,
2 = acknowledged). A new version of a notice is a new notice to read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from assist.core.kb.model import Card
from assist.core.storage import outbox


class NoticeError(ValueError):
    """An acknowledgement that cannot be recorded (no staff number, not a notice…)."""


@dataclass(frozen=True)
class Receipt:
    read_at: str
    acknowledged_at: str | None


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def current(cards: Iterable[Card], today: dt.date) -> list[Card]:
    """The notices in force today (effective, not expired), newest first."""
    out = [c for c in cards if c.is_notice and c.is_effective(today) and not c.is_expired(today)]
    return sorted(out, key=lambda c: (c.effective_from or dt.date.min, c.id), reverse=True)


def receipts(db: Database, agent_id: str) -> dict[tuple[str, int], Receipt]:
    return {(n, v): Receipt(r, a) for n, v, r, a in
            db.execute("SELECT notice_id, version, read_at, acknowledged_at FROM notice_reads WHERE agent_id = ?", [agent_id])}


def unread(db: Database, cards: Iterable[Card], agent_id: str, today: dt.date) -> list[Card]:
    """Notices in force that this agent has not read (must-read ones: not acknowledged);
    must-read first, then newest first."""
    got = receipts(db, agent_id)
    out = []
    for c in current(cards, today):
        r = got.get((c.id, c.version))
        if r is None or (c.must_read and not r.acknowledged_at):
            out.append(c)
    return sorted(out, key=lambda c: not c.must_read)


def _payload(card: Card, agent_id: str, read_at: str, ack: str | None, kb_version: str) -> dict[str, Any]:
    return {"notice_id": card.id, "version": card.version, "title": card.title, "must_read": card.must_read,
            "agent_id": agent_id, "read_at": read_at, "acknowledged_at": ack, "kb_version": kb_version}


def _need_agent(agent_id: str) -> str:
    agent_id = (agent_id or "").strip()
    if not agent_id:
        raise NoticeError("需要工号才能登记已读 / a staff number (工号) is needed to record the receipt: "
                          "set agent.staff_id in the settings or type it")
    return agent_id[:40]


def mark_read(db: Database, card: Card, agent_id: str, *, at: str | None = None, kb_version: str = "") -> bool:
    """The agent opened the notice. Returns True when this is the first read (a receipt was queued)."""
    if not card.is_notice:
        raise NoticeError(f"{card.id} is not a notice")
    agent_id = _need_agent(agent_id)
    at = at or utc_now()
    with db.atomic():
        if db.execute("SELECT 1 FROM notice_reads WHERE notice_id = ? AND version = ? AND agent_id = ?",
                      [card.id, card.version, agent_id]).fetchone():
            return False
        db.execute("INSERT INTO notice_reads (notice_id, version, agent_id, read_at, kb_version) VALUES (?, ?, ?, ?, ?)",
                   [card.id, card.version, agent_id, at, kb_version])
        outbox.enqueue(db, "notice_ack", f"{card.id}:v{card.version}:{agent_id}", 1,
                       _payload(card, agent_id, at, None, kb_version), at=at)
    return True


def acknowledge(db: Database, card: Card, agent_id: str, *, at: str | None = None, kb_version: str = "") -> Receipt:
    """The agent confirms having read and understood a (must-read) notice: who and when (UTC)."""
    if not card.is_notice:
        raise NoticeError(f"{card.id} is not a notice")
    agent_id = _need_agent(agent_id)
    at = at or utc_now()
    with db.atomic():
        row = db.execute("SELECT read_at, acknowledged_at FROM notice_reads WHERE notice_id = ? AND version = ? AND agent_id = ?",
                         [card.id, card.version, agent_id]).fetchone()
        if row and row[1]:
            return Receipt(row[0], row[1])
        read_at = row[0] if row else at
        if row is None:
            db.execute("INSERT INTO notice_reads (notice_id, version, agent_id, read_at, acknowledged_at, kb_version) "
                       "VALUES (?, ?, ?, ?, ?, ?)", [card.id, card.version, agent_id, at, at, kb_version])
        else:
            db.execute("UPDATE notice_reads SET acknowledged_at = ? WHERE notice_id = ? AND version = ? AND agent_id = ?",
                       [at, card.id, card.version, agent_id])
        outbox.enqueue(db, "notice_ack", f"{card.id}:v{card.version}:{agent_id}", 2,
                       _payload(card, agent_id, read_at, at, kb_version), at=at)
    return Receipt(read_at, at)
