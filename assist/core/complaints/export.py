"""Export saved complaints as CSV or JSON Lines for offline branches and head-office tools.

Field names are the complaint's (``model.Complaint``), so a line can be read back as an intake
(``assist complaints add``; the system-assigned keys are refused there with a message). Every
record carries the deadline engine's dates as of the export day: ``due_date``, ``due_basis``
(statutory | agreed), ``handling_limit``, ``clock_started_at``, ``due_projected`` (an open pause).

Masked (as stored) by default. Unmasked only when explicitly asked and authorised:
``export_lines(..., cipher=FieldCipher, actor=, reason=)`` decrypts the full values kept in
``protected`` (:data:`protect.PROTECTED_FIELDS`; names and free text are only ever stored
masked) and, BEFORE any line is produced, appends one audit event per complaint exported
unmasked (who, when, which fields, the masked reason) in one transaction. No reason, no
cipher, or a token the key cannot decrypt refuses the whole export (:class:`ExportRefused`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from sqlite_utils import Database

from assist.core.clock import utc_stamp
from assist.core.complaints.audit import append_audit
from assist.core.complaints.deadlines import timeline
from assist.core.complaints.masking import _mask
from assist.core.complaints.protect import PROTECTED_FIELDS, _aad
from assist.core.complaints.txn import immediate

CSV_COLUMNS = ("ticket_no", "id", "status", "level", "risk_flags", "major_grounds", "received_at", "due_date", "due_basis",
               "handling_limit", "clock_started_at", "due_projected", "agreed_due_date", "agreement_evidence_ref",
               "extension", "extension_reason", "receipt_day_counts", "agent_id", "org_unit", "institution_type",
               "source", "regulator_ref", "complainant_type", "complainant_name", "org_name", "contact_phone",
               "documents_pending", "documents_due_date", "documents_received_at",
               "respondent_org", "respondent_staff", "handler", "conflict_of_interest",
               "channel_A", "business_B", "business_B_sub", "reason_C", "ins_issue", "ins_line", "demand_D",
               "amount_involved", "product_name", "request", "facts", "people_count", "in_person", "arising_event",
               "regulator_designated", "notice_method", "notice_sent_at", "review_requested_at", "review_decided_at",
               "withdrawn_at", "call_id", "created_at", "updated_at", "sync_state")
UNMASKED_EXTRA = tuple(f for f in PROTECTED_FIELDS if f not in CSV_COLUMNS)   # unmasked CSV only


class ExportRefused(ValueError):
    """An unmasked export was refused; nothing was exported or audited."""



def _cell(v: Any) -> Any:
    """One CSV cell; text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(v, list):
        v = "|".join(map(str, v))
    if v is None:
        return ""
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + v
    return v

def _records(db: Database, since: str | None, with_tokens: bool = False) -> Iterator[dict[str, Any]]:
    sql = "SELECT data, revision, sync_state, protected FROM complaints"
    args: list[str] = []
    if since:
        sql += " WHERE updated_at >= ?"
        args.append(since)
    today = dt.date.today()
    for data, rev, sync, prot in db.execute(sql + " ORDER BY created_at, ticket_no", args):
        rec = json.loads(data)
        rec["revision"], rec["sync_state"] = rev, sync
        rec.update(deadline_fields(rec, today))
        if with_tokens:
            rec["_tokens"] = json.loads(prot or "{}")
        yield rec


def deadline_fields(rec: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """The deadline engine's dates for an exported record (computed, never taken as input)."""
    tl = timeline(rec, today)
    return {"due_date": tl.due.isoformat() if tl.due else None, "due_basis": tl.basis, "handling_limit": tl.limit,
            "clock_started_at": tl.clock_start.isoformat() if tl.clock_start else None, "due_projected": tl.projected}


def unmasked_records(db: Database, since: str | None, cipher: object, *, actor: str, reason: str,
                     now: str | None = None) -> list[dict[str, Any]]:
    """Records with the protected full values decrypted; the audit events are written first."""
    if cipher is None:
        raise ExportRefused("系统密钥环不可用，无法导出完整值 / no system keyring: full values cannot be exported")
    if not reason.strip():
        raise ExportRefused("导出完整值须填写原因（--reason） / an unmasked export needs a reason (--reason)")
    if not actor.strip():
        raise ExportRefused("导出完整值须有操作人工号 / an unmasked export needs the actor's staff id")
    at = now or utc_stamp()
    with immediate(db):
        records, entries = [], []
        for rec in _records(db, since, with_tokens=True):
            tokens, cid = rec.pop("_tokens"), rec.get("id", "")
            for f, tok in sorted(tokens.items()):
                try:
                    rec[f] = cipher.decrypt(tok, _aad(cid, f))  # type: ignore[attr-defined]
                except ValueError:
                    raise ExportRefused(f"投诉单 {rec.get('ticket_no')} 的 {f} 无法解密（密钥不匹配），未导出任何数据 / "
                                        f"{rec.get('ticket_no')}: {f} does not decrypt (wrong key); nothing was exported") from None
            rec["unmasked_fields"] = sorted(tokens)
            records.append(rec)
            entries.append({"entity": "complaint", "entity_id": cid, "action": "export_unmasked",
                            "field": ",".join(sorted(tokens)), "old": None, "new": _mask(reason.strip())})
        if entries:
            append_audit(db, entries, at=at, actor=actor.strip())
    return records


def export_lines(db: Database, fmt: str, since: str | None = None, *, cipher: object = None, unmasked: bool = False,
                 actor: str = "", reason: str = "", now: str | None = None) -> Iterator[str]:
    """Output lines (with newline) in ``csv`` or ``jsonl`` format; masked unless ``unmasked``
    (then refusals are raised here, before any line, and the audit is already written)."""
    if fmt not in ("csv", "jsonl"):
        raise ValueError(f"unknown format {fmt!r}: use csv or jsonl")
    if unmasked:
        recs: Iterable[dict[str, Any]] = unmasked_records(db, since, cipher, actor=actor, reason=reason, now=now)
        return _lines(recs, fmt, CSV_COLUMNS + UNMASKED_EXTRA)
    return _lines(_records(db, since), fmt, CSV_COLUMNS)


def _lines(records: Iterable[dict[str, Any]], fmt: str, columns: tuple[str, ...]) -> Iterator[str]:
    if fmt == "jsonl":
        for rec in records:
            yield json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n"
        return
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    yield buf.getvalue()
    for rec in records:
        buf.seek(0)
        buf.truncate()
        w.writerow([_cell(v) for v in (rec.get(c) for c in columns)])
        yield buf.getvalue()
