"""Retention: purge closed complaints older than N days (``assist privacy purge``).

The 2020 measures set no retention period (Art 28: head office decides), so the number
of days and the mode are policy, passed in by the caller:

- ``anonymise`` (default): the row stays (ticket number, status, dates, A/B/C codes,
  level and flags — what statistics need), every personal and free-text field is
  blanked, the encrypted full values are dropped, and the revisions' JSON is replaced
  by the same anonymised record.
- ``delete``: the complaint and its revisions are removed.

Closed = 已办结 / 已撤回 / 不予办理; the age is counted from the last change
(``updated_at``, when it was closed). The audit trail is never edited: old rows stay
verifiable (their values were masked when written) and one ``purge`` event per
complaint is appended to the chain in the same transaction. Drafts tied to a purged
complaint are deleted.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from assist.core.clock import utc_stamp
from assist.core.complaints.audit import append_audit
from assist.core.complaints.masking import PERSONAL_FIELDS
from assist.core.complaints.txn import immediate
from assist.core.storage import outbox

CLOSED = ("已办结", "已撤回", "不予办理")
MODES = ("anonymise", "delete")
KEEP = ("id", "ticket_no", "status", "level", "risk_flags", "source", "complainant_type", "received_at",
        "created_at", "updated_at", "channel_A", "business_B", "business_B_sub", "reason_C", "ins_issue",
        "ins_line", "demand_D", "amount_involved", "complex", "extension", "is_repeat", "org_unit",
        "withdrawn_at", "notice_sent_at", "notice_method", "remedies_told", "sync_state")


@dataclass
class PurgeReport:
    mode: str
    cutoff: str
    dry_run: bool
    tickets: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.tickets)


def anonymised(data: dict[str, Any], at: str) -> dict[str, Any]:
    out = {k: data[k] for k in KEEP if k in data}
    out["anonymised_at"] = at
    return out


def purge_closed(db: Database, older_than_days: int, *, mode: str = "anonymise", dry_run: bool = False,
                 actor: str = "system", today: dt.date | None = None, now: str | None = None) -> PurgeReport:
    """Remove or anonymise closed complaints last changed more than ``older_than_days`` ago."""
    if older_than_days < 0:
        raise ValueError("older_than_days must be >= 0")
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}")
    cutoff = ((today or dt.date.today()) - dt.timedelta(days=older_than_days)).isoformat()
    at = now or utc_stamp()
    report = PurgeReport(mode, cutoff, dry_run)
    q = (f"SELECT id, ticket_no, data FROM complaints WHERE status IN ({', '.join('?' * len(CLOSED))}) "
         "AND substr(updated_at, 1, 10) < ? AND data NOT LIKE '%\"anonymised_at\"%' ORDER BY updated_at")
    with immediate(db):
        rows = db.execute(q, [*CLOSED, cutoff]).fetchall()
        report.tickets = [r[1] for r in rows]
        if dry_run or not rows:
            return report
        for cid, _ticket, data_json in rows:
            if mode == "delete":
                db.execute("DELETE FROM complaint_revisions WHERE complaint_id = ?", [cid])
                db.execute("DELETE FROM complaints WHERE id = ?", [cid])
            else:
                anon = json.dumps(anonymised(json.loads(data_json), at), ensure_ascii=False, sort_keys=True)
                db.execute("UPDATE complaints SET data = ?, complainant_masked = '', phone_masked = '', protected = '{}' "
                           "WHERE id = ?", [anon, cid])
                db.execute("UPDATE complaint_revisions SET data = ? WHERE complaint_id = ?", [anon, cid])
            db.execute("DELETE FROM complaint_drafts WHERE complaint_id = ?", [cid])
            # Revisions not yet sent to head office still carry the record: replace them with the
            # anonymised one (deleted complaints: drop them), so nothing purged leaves later.
            pending = db.execute("SELECT seq FROM outbox WHERE kind = 'complaint' AND record_id = ?", [cid]).fetchall()
            if pending:
                db.conn.executemany("DELETE FROM outbox WHERE seq = ?", pending)
                if mode != "delete":
                    rev = db.execute("SELECT MAX(revision) FROM complaint_revisions WHERE complaint_id = ?", [cid]).fetchone()[0] or 1
                    outbox.enqueue(db, "complaint", cid, int(rev), {**json.loads(anon), "revision": int(rev)}, at=at)
        append_audit(db, [{"entity": "complaint", "entity_id": cid, "action": "purge", "field": "",
                           "old": None, "new": json.dumps({"mode": mode, "older_than_days": older_than_days,
                                                           "ticket_no": ticket, "fields": sorted(PERSONAL_FIELDS)
                                                           if mode == "anonymise" else "all"}, ensure_ascii=False)}
                          for cid, ticket, _ in rows], at=at, actor=actor)
    return report
