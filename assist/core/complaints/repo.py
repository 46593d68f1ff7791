"""Complaint repository: save (defaults → validate → risk → ticket → row + revision + audit +
outbox + the call's link event, ONE transaction), list, get, history, status changes. Every
date comes from the deadline engine (``deadlines.timeline``). Personal fields are masked before they are stored;
the full callback numbers and ID number are kept only as AES-GCM tokens in ``protected``
(:mod:`assist.core.complaints.protect`; no cipher = masked only, with a notice in
``Saved.notices``). ``reveal`` (re-exported) decrypts one, recorded in the audit trail.
Drafts live in :mod:`assist.core.complaints.drafts` (re-exported here).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from assist.core.clock import utc_stamp
from assist.core.complaints.audit import append_audit
from assist.core.complaints.clocks import DeadlineError, HandlingClock
from assist.core.complaints.deadlines import timeline
from assist.core.complaints.drafts import (  # noqa: F401 - re-exported for the UI
    claim_draft,
    discard_draft,
    load_drafts,
    new_draft_id,
    new_owner_id,
    orphaned_drafts,
    save_draft,
)
from assist.core.complaints.intake import IntakePolicy, apply_defaults
from assist.core.complaints.lifecycle import DecisionNotice, ReviewDecision, transition
from assist.core.complaints.masking import mask_field, mask_record
from assist.core.complaints.model import Complaint, ComplaintError, documents_needed
from assist.core.complaints.protect import protect_values, protected_fields, reveal  # noqa: F401 - re-exported
from assist.core.complaints.risk import LEVELS, RiskFacts, RiskRules, assess_risk
from assist.core.complaints.taxonomy import Taxonomy
from assist.core.complaints.tickets import next_ticket_no
from assist.core.complaints.txn import immediate
from assist.core.complaints.validation import validate
from assist.core.storage import outbox

_BOOKKEEPING = {"updated_at", "created_at"}


@dataclass(frozen=True)
class Saved:
    id: str
    ticket_no: str
    revision: int
    level: str
    risk_flags: list[str]
    due_date: str | None
    notices: tuple[str, ...] = ()       # e.g. protect.NO_KEYRING_NOTICE (Chinese / English)
    protected: tuple[str, ...] = ()     # fields whose full value is kept encrypted
    due_basis: str = ""                 # "statutory" | "agreed" (Art 21 ¶5)
    reminders: tuple[str, ...] = ()     # what the rules ask for next (Art 14 documents, Art 29 report…)
    call_id: str = ""                   # the call it was taken in (linked both ways)


@dataclass(frozen=True)
class ComplaintRow:
    id: str
    ticket_no: str
    status: str
    level: str
    risk_flags: list[str]
    complainant_masked: str
    business_B: str
    received_at: str
    due_date: str | None
    days_left: int | None
    sync_state: str
    updated_at: str
    due_basis: str = ""                 # "statutory" | "agreed"
    paused: bool = False
    documents_pending: bool = False


def _now() -> str:
    """The wall clock of this PC with its offset: business times (an agreement, a withdrawal) and
    the day a ticket is numbered take its date; bookkeeping stamps are stored in UTC (:func:`_stamp`)."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _today(now: str) -> dt.date:
    """The calendar day of ``now`` where it was read (its own offset; a naive time is local)."""
    return dt.datetime.fromisoformat(now).date()


def _stamp(now: str) -> str:
    """``now`` as a stored bookkeeping time: UTC."""
    return utc_stamp(dt.datetime.fromisoformat(now))


def risk_facts(c: Complaint) -> RiskFacts:
    """The structured Art 29 facts recorded on the form (never guessed from free text)."""
    n = c.people_count.strip()
    return RiskFacts(people_count=int(n) if n.isdigit() else None, in_person=c.in_person,
                     arising_event=c.arising_event, regulator_designated=c.regulator_designated)


def save_complaint(db: Database, form: Complaint | dict[str, Any], *, taxonomy: Taxonomy, risk_rules: RiskRules,
                   actor: str, branch: str, device: str, now: str | None = None, draft_id: str | None = None,
                   expected_revision: int | None = None, cipher: Any = None, policy: IntakePolicy | None = None) -> Saved:
    """Defaults, validate and save. Raises :class:`ComplaintError` (``.errors`` = field errors) if invalid.

    ``taxonomy`` and ``risk_rules`` are the active KB's (``KbServices``): the form and
    ``assist complaints add`` save with the same rules.

    ``policy`` (:class:`IntakePolicy`, from the settings) fills what the form prefills, for any
    caller (the form, ``assist complaints add``). ``cipher`` (a ``FieldCipher``) encrypts the full
    values of ``protect.PROTECTED_FIELDS``; None keeps only the masked form and puts the reason in
    ``Saved.notices``. ``Saved.reminders`` says what the rules ask for next (documents, reports)."""
    now = now or _now()
    data = form.to_dict() if isinstance(form, Complaint) else dict(form)
    c = Complaint.from_dict(apply_defaults(data, policy, now=now))
    errors = validate(c, taxonomy)
    if errors:
        raise ComplaintError(f"{len(errors)} 项需要修改 / {len(errors)} field(s) to fix", errors)
    risk = assess_risk("\n".join((c.request, c.facts, c.basis)), risk_rules, facts=risk_facts(c))
    c.level = max(c.level or "普通", risk.level, key=LEVELS.index)
    c.risk_flags = list(dict.fromkeys([*c.risk_flags, *risk.flag_names()]))
    c.major_grounds = [m for m, _ in risk.major]
    c.documents_pending = list(documents_needed(c))   # from the unmasked names (Art 13–14)
    return _write(db, c.to_dict(), actor=actor, branch=branch, device=device, now=now,
                  draft_id=draft_id, expected_revision=expected_revision, cipher=cipher, protect=True)


def _reminders(tl: Any) -> tuple[str, ...]:
    out = []
    if tl.running and tl.documents_pending:
        out.append(f"待补材料：{'、'.join(tl.documents_pending)}，约定 {tl.documents_due or '—'} 前补交；投诉已受理，"
                   f"处理期限自收到投诉之日起计算（第十四条） / documents pending, due {tl.documents_due}; the clock runs from receipt (Art 14)")
    out += [a.message for a in tl.alerts if a.clock in ("major", "extension", "pause") and a.kind != "info"]
    return tuple(out)


def _link_call_event(db: Database, call_id: str, cid: str, ticket: str, role: str, at: str) -> None:
    """The call's side of the link (``call_events``), if this database recorded that call."""
    if call_id and db.execute("SELECT 1 FROM calls WHERE id = ?", [call_id]).fetchone():
        db.execute("INSERT INTO call_events (call_id, at, kind, detail) VALUES (?, ?, 'complaint_link', ?)",
                   [call_id, at, json.dumps({"complaint_id": cid, "ticket_no": ticket, "role": role}, ensure_ascii=False)])


def _write(db: Database, data: dict[str, Any], *, actor: str, branch: str = "", device: str = "", now: str,
           draft_id: str | None = None, expected_revision: int | None = None, action: str | None = None,
           cipher: Any = None, protect: bool = False, premasked: bool = False) -> Saved:
    stamp = _stamp(now)   # created_at, updated_at, revisions, audit, outbox, call events: UTC
    with immediate(db):
        old: dict[str, Any] = {}
        cid = data.get("id") or ""
        existing = db.execute("SELECT revision, data, ticket_no, created_at, protected FROM complaints WHERE id = ?", [cid]).fetchone() if cid else None
        old_tokens: dict[str, str] = {}
        if existing is None:
            cid = cid or str(uuid.uuid4())
            ticket = data.get("ticket_no") or next_ticket_no(db, branch, device, _today(now))
            revision, created = 1, stamp
        else:
            revision, old_json, ticket, created, old_prot = existing
            old_tokens = json.loads(old_prot or "{}")
            if expected_revision is not None and expected_revision != revision:
                raise ComplaintError(f"投诉单已被他人修改（当前第{revision}版），请重新打开后再改 / changed elsewhere (revision {revision})")
            old = json.loads(old_json)
            revision += 1
        data = {**data, "id": cid, "ticket_no": ticket, "created_at": created, "updated_at": stamp}
        tokens, notices = protect_values(cid, data, old_tokens, cipher) if protect else (old_tokens, [])
        # a stored record is already masked (its changes masked by the caller): masking it again
        # would mask the visible digits of 138****5678 on every status or clock change
        masked = dict(data) if premasked else mask_record(data)
        tl = timeline(data, _today(now))
        due = tl.due.isoformat() if tl.due else None
        row = {"id": cid, "ticket_no": ticket, "revision": revision, "status": data.get("status") or "受理",
               "level": data.get("level") or "普通", "risk_flags": json.dumps(data.get("risk_flags") or [], ensure_ascii=False),
               "agent_id": data.get("agent_id", ""), "org_unit": data.get("org_unit", ""), "source": data.get("source", ""),
               "complainant_type": data.get("complainant_type", ""),
               "complainant_masked": masked.get("org_name") or masked.get("complainant_name") or "",
               "phone_masked": masked.get("contact_phone") or "", "business_B": data.get("business_B", ""),
               "received_at": data.get("received_at", ""), "due_date": due, "created_at": created, "updated_at": stamp,
               "sync_state": "pending", "data": json.dumps(masked, ensure_ascii=False, sort_keys=True),
               "protected": json.dumps(tokens, sort_keys=True)}
        db.execute(f"INSERT OR REPLACE INTO complaints ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
        db.execute("INSERT INTO complaint_revisions (complaint_id, revision, at, actor, data) VALUES (?, ?, ?, ?, ?)",
                   [cid, revision, stamp, actor, row["data"]])
        act = action or ("create" if not old else "update")
        entries = [{"entity": "complaint", "entity_id": cid, "action": act, "field": k, "old": old.get(k), "new": v}
                   for k, v in masked.items() if k not in _BOOKKEEPING and old.get(k) != v and (old or v not in ("", [], False, None))]
        append_audit(db, entries or [{"entity": "complaint", "entity_id": cid, "action": act, "field": ""}], at=stamp, actor=actor)
        outbox.enqueue(db, "complaint", cid, revision, {**masked, "revision": revision, "status": row["status"],
                                                        "level": row["level"], "due_date": due, "due_basis": tl.basis,
                                                        "due_projected": tl.projected}, at=stamp)
        if existing is None:
            _link_call_event(db, str(data.get("call_id") or ""), cid, ticket, "intake", stamp)
        if draft_id:
            db.execute("DELETE FROM complaint_drafts WHERE draft_id = ?", [draft_id])
    return Saved(cid, ticket, revision, row["level"], json.loads(row["risk_flags"]), due, tuple(notices), tuple(sorted(tokens)),
                 tl.basis, _reminders(tl), str(data.get("call_id") or ""))


def get_complaint(db: Database, complaint_id: str) -> dict[str, Any] | None:
    row = db.execute("SELECT data FROM complaints WHERE id = ? OR ticket_no = ?", [complaint_id, complaint_id]).fetchone()
    return json.loads(row[0]) if row else None


def change_status(db: Database, complaint_id: str, to: str, *, actor: str, at: str | None = None, reason: str = "",
                  notice: DecisionNotice | None = None, review: ReviewDecision | None = None) -> Saved:
    """Move a saved complaint along the lifecycle (validated by ``lifecycle.transition``)."""
    data = get_complaint(db, complaint_id)
    if data is None:
        raise ComplaintError(f"找不到投诉单 {complaint_id} / no such complaint")
    when = at or _now()
    changes = transition(data, to, at=when, reason=reason, notice=notice, review=review)
    return _write(db, {**data, **{k: mask_field(k, v) for k, v in changes.items()}}, actor=actor, now=_now(), action="status",
                  premasked=True)


def update_clock(db: Database, complaint_id: str, clock: HandlingClock, *, actor: str,
                 extra: dict[str, Any] | None = None) -> Saved:
    """Store a changed handling clock (extension with its reason, pauses with the external body).
    The receipt date is never changed here: a restart is recorded in ``repeats`` (Art 18)."""
    data = get_complaint(db, complaint_id)
    if data is None:
        raise ComplaintError(f"找不到投诉单 {complaint_id} / no such complaint")
    if clock.extension == "60" and not (clock.approver and clock.extension_notified_at):
        raise DeadlineError("extension.approver", "延长至60日须有审批人和告知投诉人记录（第十八条）")
    data.update(extension=clock.extension, complex=clock.extension != "none", extension_approver_role=clock.approver_role,
                extension_approver=clock.approver, extension_notified_at=clock.extension_notified_at.isoformat() if clock.extension_notified_at else "",
                extension_reason=mask_field("extension_reason", clock.extension_reason),
                paused_periods=[{"type": p.kind, "from": p.start.isoformat(), "to": p.end.isoformat() if p.end else "",
                                 "notified_at": p.notified_at.isoformat() if p.notified_at else "", "body": p.body}
                                for p in clock.pauses], **(extra or {}))
    return _write(db, data, actor=actor, now=_now(), action="clock", premasked=True)


def update_fields(db: Database, complaint_id: str, changes: dict[str, Any], *, actor: str, action: str) -> Saved:
    """Store rule-checked changes (e.g. a merged repeat complaint) as a new revision + audit rows."""
    data = get_complaint(db, complaint_id)
    if data is None:
        raise ComplaintError(f"找不到投诉单 {complaint_id} / no such complaint")
    return _write(db, {**data, **{k: mask_field(k, v) for k, v in changes.items()}}, actor=actor, now=_now(), action=action,
                  premasked=True)


def link_call(db: Database, complaint_id: str, call_id: str, *, actor: str, role: str = "follow_up") -> Saved:
    """Link a later call (a follow-up) to a saved complaint: on the complaint (``linked_calls``, a
    new revision with its audit row) and on the call (a ``complaint_link`` event), one transaction."""
    with immediate(db):
        data = get_complaint(db, complaint_id)
        if data is None:
            raise ComplaintError(f"找不到投诉单 {complaint_id} / no such complaint")
        if not call_id.strip():
            raise ComplaintError("没有进行中的通话可关联 / no call to link")
        now = _now()
        links = list(data.get("linked_calls") or [])
        if call_id == data.get("call_id") or any(link.get("call_id") == call_id for link in links):
            raise ComplaintError("该通话已关联此投诉 / this call is already linked to the complaint")
        links.append({"call_id": call_id, "at": _stamp(now), "by": actor, "role": role})
        saved = _write(db, {**data, "linked_calls": links}, actor=actor, now=now, action="link_call", premasked=True)
        _link_call_event(db, call_id, saved.id, saved.ticket_no, role, _stamp(now))
    return saved


def calls_of(db: Database, complaint_id: str) -> list[dict[str, Any]]:
    """The calls a complaint is linked to: the intake call first, then the follow-ups."""
    data = get_complaint(db, complaint_id) or {}
    out = [{"call_id": data["call_id"], "role": "intake", "at": data.get("created_at", "")}] if data.get("call_id") else []
    out += [{"call_id": x.get("call_id", ""), "role": x.get("role", "follow_up"), "at": x.get("at", "")}
            for x in data.get("linked_calls") or []]
    return out


def complaints_of_call(db: Database, call_id: str) -> list[dict[str, Any]]:
    """The complaints linked to a call (from its ``complaint_link`` events), in order."""
    rows = db.execute("SELECT at, detail FROM call_events WHERE call_id = ? AND kind = 'complaint_link' ORDER BY id", [call_id])
    return [{"at": at, **json.loads(detail)} for at, detail in rows]


def list_complaints(db: Database, *, agent_id: str | None = None, status: str | None = None, level: str | None = None,
                    search: str | None = None, since: str | None = None, today: dt.date | None = None,
                    limit: int = 500) -> list[ComplaintRow]:
    where, args = [], []
    for col, val in (("agent_id", agent_id), ("status", status), ("level", level)):
        if val:
            where.append(f"{col} = ?")
            args.append(val)
    if since:
        where.append("updated_at >= ?")
        args.append(since)
    if search:
        where.append("(ticket_no LIKE ? OR complainant_masked LIKE ? OR data LIKE ?)")
        args += [f"%{search}%"] * 3
    sql = ("SELECT id, ticket_no, status, level, risk_flags, complainant_masked, business_B, received_at, data, "
           "sync_state, updated_at FROM complaints" + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY updated_at DESC LIMIT ?")
    today = today or dt.date.today()
    out = []
    for r in db.execute(sql, [*args, limit]):
        tl = timeline(json.loads(r[8]), today)   # the engine, as of today (an open pause moves the date)
        due = tl.due.isoformat() if tl.due else None
        out.append(ComplaintRow(r[0], r[1], r[2], r[3], json.loads(r[4]), r[5], r[6], r[7], due, tl.days_left, r[9], r[10],
                                tl.basis, tl.paused, bool(tl.documents_pending and tl.running)))
    return out


def history(db: Database, complaint_id: str) -> list[dict[str, Any]]:
    """Audit entries for one complaint, oldest first: at, actor, action, field, old, new (masked)."""
    rows = db.execute("SELECT id, at, actor, action, field, old, new FROM audit_log "
                      "WHERE entity = 'complaint' AND entity_id = ? ORDER BY id", [complaint_id])
    return [dict(zip(("audit_id", "at", "actor", "action", "field", "old", "new"), r)) for r in rows]
