"""Export saved complaints (masked, as stored) as CSV or JSON Lines for offline branches
and head-office tools. Full personal values are never stored, so never exported."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from sqlite_utils import Database

CSV_COLUMNS = ("ticket_no", "id", "status", "level", "risk_flags", "received_at", "due_date", "agent_id", "org_unit",
               "source", "regulator_ref", "complainant_type", "complainant_name", "org_name", "contact_phone",
               "respondent_org", "channel_A", "business_B", "business_B_sub", "reason_C", "demand_D",
               "amount_involved", "product_name", "request", "facts", "notice_method", "notice_sent_at",
               "withdrawn_at", "created_at", "updated_at", "sync_state")


def _records(db: Database, since: str | None) -> Iterator[dict]:
    sql = "SELECT data, revision, sync_state FROM complaints"
    args: list[str] = []
    if since:
        sql += " WHERE updated_at >= ?"
        args.append(since)
    for data, rev, sync in db.execute(sql + " ORDER BY created_at, ticket_no", args):
        rec = json.loads(data)
        rec["revision"], rec["sync_state"] = rev, sync
        yield rec


def export_lines(db: Database, fmt: str, since: str | None = None) -> Iterator[str]:
    """Yield output lines (with newline) in ``csv`` or ``jsonl`` format."""
    if fmt == "jsonl":
        for rec in _records(db, since):
            yield json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n"
        return
    if fmt != "csv":
        raise ValueError(f"unknown format {fmt!r}: use csv or jsonl")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    yield buf.getvalue()
    for rec in _records(db, since):
        buf.seek(0)
        buf.truncate()
        w.writerow(["|".join(map(str, v)) if isinstance(v, list) else ("" if v is None else v)
                    for v in (rec.get(c) for c in CSV_COLUMNS)])
        yield buf.getvalue()
