"""One saved complaint as a case: its summary (the deadline engine's timeline, alerts, history)
and the actions the rules allow on it — status (with the decision notice and, after a review,
the review decision), extension (with its reason), pause/resume (naming the external body),
repeat complaint (a restart keeps the original receipt), review request, an agreed reply date,
documents received, the handler (recusal), a major-complaint report, and a linked call.

Used by ``assist complaints show|status|extend|pause|resume|repeat|review|agree|documents|assign|
report|link-call`` and by the panel's case view (through the DB lane). Every function takes a ``Database`` first and a
ticket number or id; refusals are :class:`ComplaintError` / ``DeadlineError`` /
``TransitionError`` (all ``ValueError``) whose message says what is wrong and how to fix
it (Chinese / English). A missing complaint is :class:`CaseNotFound`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from assist.core.complaints import repo
from assist.core.complaints.case_history import as_data
from assist.core.complaints.clocks import RUNNING, as_date
from assist.core.complaints.deadlines import clock_from_record, timeline
from assist.core.complaints.lifecycle import TRANSITIONS, DecisionNotice, ReviewDecision
from assist.core.complaints.model import ComplaintError, documents_needed

CLOCK_RUNNING = RUNNING   # statuses whose handling clock runs and may still change


class CaseNotFound(ComplaintError):
    pass


class CaseInputError(ComplaintError):
    """A value typed by the agent cannot be read (e.g. a date); the message names the field."""


@dataclass(frozen=True)
class CaseResult:
    saved: repo.Saved
    notes: tuple[str, ...] = ()      # information for the agent (e.g. a late review request)


def load(db: Database, ref: str) -> dict[str, Any]:
    data = repo.get_complaint(db, ref)
    if data is None:
        raise CaseNotFound(f"找不到投诉单 {ref} / no complaint with ticket number or id {ref!r}")
    return data


def parse_date(value: str | None, zh: str, en: str, *, required: bool = False) -> dt.date | None:
    """A date (or date-time) typed by the agent, with a message naming the field if it is wrong."""
    if value is None or not str(value).strip():
        if required:
            raise CaseInputError(f"{zh}未填写：请按 2026-03-10 填写 / {en} is missing: write it as YYYY-MM-DD")
        return None
    try:
        return as_date(str(value).strip())
    except ValueError:
        raise CaseInputError(f"{zh}“{value}”格式不对：请按 2026-03-10 填写 / {en} {value!r}: write it as YYYY-MM-DD") from None


def summary(db: Database, ref: str, today: dt.date | None = None) -> dict[str, Any]:
    """Masked record, status, the engine's dates (due date and what it rests on, days left,
    pauses, restarts, documents, review), alerts (D-3 warnings, overdue, rules not met), the
    audit rows (``history``) and one plain line per action (``actions``: at, actor, zh, en)."""
    today = today or dt.date.today()
    data = load(db, ref)
    status = data.get("status") or "受理"
    tl = timeline(data, today)
    d = tl.as_dict()
    review = None
    if tl.review is not None:
        r = d["review"]
        review = {"requested_at": r["requested"], "request_deadline": r["request_deadline"], "late": r["late"],
                  "due_date": r["due"], "days_left": r["days_left"], "decided_at": r["decided_at"]}
    out: dict[str, Any] = {
        "id": data["id"], "ticket_no": data.get("ticket_no", ""), "status": status, "level": data.get("level", ""),
        "risk_flags": data.get("risk_flags") or [], "received_at": data.get("received_at", ""),
        "extension": str(data.get("extension") or "none"), "extension_reason": data.get("extension_reason", ""),
        "limit": tl.limit, "due_date": d["due"], "due_basis": tl.basis, "statutory_due_date": d["statutory_due"],
        "agreed_due_date": d["agreed_due"], "clock_started_at": d["clock_start"], "restarts": d["restarts"],
        "receipt_day_counts": tl.receipt_day_counts, "due_projected": tl.projected,
        "days_left": tl.days_left, "paused": tl.paused, "pauses": data.get("paused_periods") or [],
        "repeats": data.get("repeats") or [], "documents_pending": list(tl.documents_pending) if tl.running else [],
        "documents_due_date": d["documents_due"], "handler": data.get("handler", ""),
        "conflict_of_interest": bool(data.get("conflict_of_interest")), "major_reports": data.get("major_reports") or [],
        "calls": repo.calls_of(db, data["id"]),
        "next_statuses": list(TRANSITIONS.get(status, ())), "alerts": d["alerts"], "review": review,
    }
    out["record"] = data
    out["history"] = repo.history(db, data["id"])   # the audit rows (masked), for the command line
    out["actions"] = as_data(out["history"])
    return out


def _clock_data(db: Database, ref: str) -> tuple[dict[str, Any], Any]:
    data = load(db, ref)
    status = data.get("status") or "受理"
    if status not in CLOCK_RUNNING:
        raise ComplaintError(f"投诉单状态为“{status}”，处理期限已不能调整（仅受理、处理中可调整） / "
                             f"the complaint is {status}: its handling clock can no longer change")
    clock = clock_from_record(data)
    if clock is None:
        raise ComplaintError("投诉单没有收到时间，无法计算期限 / the complaint has no time received")
    return data, clock


def _running(db: Database, ref: str, what: str) -> dict[str, Any]:
    data = load(db, ref)
    status = data.get("status") or "受理"
    if status not in CLOCK_RUNNING:
        raise ComplaintError(f"投诉单状态为“{status}”，不能再{what}（仅受理、处理中可以） / the complaint is {status}: it is closed for this")
    return data


def _now_date() -> dt.date:
    return dt.datetime.fromisoformat(repo._now()).date()


def change_status(db: Database, ref: str, to: str, *, actor: str, at: str | None = None, reason: str = "",
                  notice: DecisionNotice | None = None, review: ReviewDecision | None = None) -> CaseResult:
    data = load(db, ref)
    saved = repo.change_status(db, data["id"], to, actor=actor, at=at, reason=reason, notice=notice, review=review)
    notes: tuple[str, ...] = ()
    if to == "已办结" and review is not None:
        tl = timeline(repo.get_complaint(db, data["id"]) or {}, _now_date())
        notes = tuple(a.message for a in tl.alerts if a.clock == "review")
    return CaseResult(saved, notes)


def extend(db: Database, ref: str, days: int, *, actor: str, approver_role: str = "", approver: str = "",
           notified_at: str | None = None, reason: str = "") -> CaseResult:
    """30 days (complex) or 60 (approver 上级机构/总行高管 and a recorded notice), with the reason (Art 18).
    A 60-day extension told after day 30, or an extension decided after the limit, is a warning."""
    data, clock = _clock_data(db, ref)
    notified = parse_date(notified_at, "告知投诉人日期", "the date the complainant was told") if days == 60 else None
    new = clock.extend(days, reason, approver_role, approver, notified)
    today = _now_date()
    notes = tuple(n for n in new.notes if n not in clock.notes)
    if today > clock.statutory_due(today):
        notes += (f"延长决定日 {today} 晚于原{clock.limit}日期限 {clock.statutory_due(today)}：延长应在期限届满前作出（第十八条） / "
                  f"the extension was decided after the {clock.limit}-day limit (Art 18)",)
    return CaseResult(repo.update_clock(db, data["id"], new, actor=actor, extra={"extended_at": today.isoformat()}), notes)


def pause(db: Database, ref: str, kind: str, start: str, end: str | None = None, *, actor: str,
          notified_at: str | None = None, body: str = "") -> CaseResult:
    """A period that does not count: external 鉴定/检测/评估 (Art 18) or mediation by a mediation
    organisation (Art 23). ``body`` names that external body; an internal check is refused."""
    data, clock = _clock_data(db, ref)
    s = parse_date(start, "中止开始日", "pause start", required=True)
    e = parse_date(end, "中止结束日", "pause end")
    n = parse_date(notified_at, "告知投诉人日期", "the date the complainant was told")
    new = clock.add_pause(kind, s, e, n, body=body or "")
    notes = () if n else ("未记录告知投诉人的日期：中止计时须告知投诉人（第十八条） / "
                          "record when the complainant was told of the pause (Art 18)",)
    return CaseResult(repo.update_clock(db, data["id"], new, actor=actor), notes)


def resume(db: Database, ref: str, end: str, *, actor: str) -> CaseResult:
    """End the open pause; the end day counts again."""
    data, clock = _clock_data(db, ref)
    new = clock.end_pause(parse_date(end, "中止结束日", "pause end", required=True))
    return CaseResult(repo.update_clock(db, data["id"], new, actor=actor))


def repeat(db: Database, ref: str, received: str, new_facts: bool, *, actor: str) -> CaseResult:
    """A repeat complaint inside the period: merged (same clock), or with new facts or reasons
    the clock restarts from the receipt of the new material (Art 18)."""
    data, clock = _clock_data(db, ref)
    r = parse_date(received, "重复投诉收到日期", "date the repeat complaint was received", required=True)
    outcome, new = clock.repeat(r, new_facts)
    if outcome == "new":
        raise ComplaintError("该重复投诉在处理期限届满或作出决定之后收到：请作为新投诉登记 / "
                             "it came after the handling period or the decision: register it as a new complaint")
    changes: dict[str, Any] = {
        "risk_flags": list(dict.fromkeys([*(data.get("risk_flags") or []), "重复投诉"])),
        "repeats": [*(data.get("repeats") or []), {"received": r.isoformat(), "new_facts": bool(new_facts), "outcome": outcome}],  # type: ignore[union-attr]
    }
    note = "已合并，期限不变 / merged: the deadline is unchanged"
    if outcome == "restarted":   # the original receipt stays in received_at; the restart is in repeats
        note = (f"有新事实或理由，期限自 {new.received} 起重新计算；原收到日期 {clock.original_received} 保留（第十八条） / "
                f"new facts: the clock restarts from {new.received}; the original receipt {clock.original_received} is kept")
    return CaseResult(repo.update_fields(db, data["id"], changes, actor=actor, action="repeat"), (note,))


def request_review(db: Database, ref: str, requested_at: str, *, actor: str) -> CaseResult:
    """核查 (Art 20): 已答复 → 核查中 with its own 30-day clock; a late request is flagged."""
    data = load(db, ref)
    req = parse_date(requested_at, "核查申请日期", "review request date", required=True)
    saved = repo.change_status(db, data["id"], "核查中", actor=actor, at=str(requested_at).strip())
    rv = timeline(repo.get_complaint(db, data["id"]) or {}, req).review
    assert rv is not None
    notes = [f"核查期限 {rv.due} / review due {rv.due}"]
    if rv.late:
        notes.append(f"逾期申请：超过收到决定后30日（{rv.request_deadline}），是否受理按内部制度决定 / "
                     f"late: more than 30 days after the decision ({rv.request_deadline})")
    return CaseResult(saved, tuple(notes))


def agree(db: Database, ref: str, agreed_due_date: str, evidence: str, *, actor: str, agreed_at: str | None = None) -> CaseResult:
    """Art 21 ¶5: the complainant agreed another decision date; the agreement prevails (it is the due date)."""
    data = _running(db, ref, "约定答复日期")
    d = parse_date(agreed_due_date, "约定答复日期", "agreed reply date", required=True)
    received = as_date(data.get("received_at"))
    if received is not None and d < received:   # type: ignore[operator]
        raise ComplaintError(f"约定答复日期 {d} 早于收到投诉日期 {received}：请核对（第二十一条） / the agreed date is before receipt (Art 21)")
    if not (evidence or "").strip():
        raise ComplaintError("请记录约定凭证（通话录音编号、短信或书面确认）（第二十一条） / record the evidence of the agreement (Art 21)")
    when = parse_date(agreed_at, "约定时间", "when it was agreed") or _now_date()
    changes = {"agreed_due_date": d.isoformat(), "agreed_at": when.isoformat(), "agreement_evidence_ref": evidence.strip()}  # type: ignore[union-attr]
    saved = repo.update_fields(db, data["id"], changes, actor=actor, action="agreement")
    statutory = timeline({**data, "agreed_due_date": ""}, _now_date()).due
    return CaseResult(saved, (f"答复期限按约定为 {d}（第二十一条）；按第十八条计算为 {statutory} / "
                              f"due on the agreed date {d} (Art 21); the Art 18 limit is {statutory}",))


def documents_received(db: Database, ref: str, received_at: str, *, actor: str) -> CaseResult:
    """Art 14: the documents asked for (power of attorney, proof of inheritance) arrived."""
    data = load(db, ref)
    pending = documents_needed(data)
    if not pending:
        raise ComplaintError("该投诉没有待补材料 / no documents are pending for this complaint")
    d = parse_date(received_at, "材料收到日期", "date the documents were received", required=True)
    changes: dict[str, Any] = {"documents_pending": [], "documents_received_at": d.isoformat(),  # type: ignore[union-attr]
               "heir_proof_received" if pending == ("继承关系证明",) else "poa_received": True}
    return CaseResult(repo.update_fields(db, data["id"], changes, actor=actor, action="documents"),
                      (f"已收到{'、'.join(pending)} / documents received",))


def assign_handler(db: Database, ref: str, handler: str, *, actor: str, conflict_of_interest: bool | None = None) -> CaseResult:
    """Art 17 (回避): who checks the complaint; never the staff complained about, nor an agent with an interest."""
    data = _running(db, ref, "改派核查人员")
    h = (handler or "").strip()
    if not h:
        raise ComplaintError("请填写核查处理人员（工号或姓名）（第十七条） / name the handler (Art 17)")
    conflict = bool(data.get("conflict_of_interest")) if conflict_of_interest is None else conflict_of_interest
    if h == str(data.get("respondent_staff") or "").strip():
        raise ComplaintError("被投诉人员不能核查本人被投诉的事项：请改派与该事项无直接利害关系的同事（第十七条） / "
                             "the staff member complained about cannot handle it (Art 17)")
    if conflict and h == str(data.get("agent_id") or "").strip():
        raise ComplaintError("受理人与投诉事项有利害关系，不能由本人核查处理：请改派其他同事（第十七条） / "
                             "the agent has a conflict of interest and cannot handle it (Art 17)")
    if h == actor.strip() and conflict:
        raise ComplaintError("有利害关系的人员不能指派自己核查（第十七条） / you declared an interest: assign someone else (Art 17)")
    return CaseResult(repo.update_fields(db, data["id"], {"handler": h, "conflict_of_interest": conflict}, actor=actor,
                                         action="assign"))


def report_major(db: Database, ref: str, to: str, at: str, *, actor: str) -> CaseResult:
    """Art 29: record who was told of a major complaint, and when (the emergency plan's report)."""
    data = load(db, ref)
    who = (to or "").strip()
    if not who:
        raise ComplaintError("请写明向谁报告（如总行消保部、监管部门）（第二十九条） / who was told (Art 29)")
    try:
        when = dt.datetime.fromisoformat(str(at).strip())
    except ValueError:
        raise CaseInputError(f"报告时间“{at}”格式不对：请按 2026-03-10 14:30 填写 / report time {at!r}: write YYYY-MM-DD HH:MM") from None
    if when.date() > _now_date():
        raise ComplaintError(f"报告时间 {at} 晚于今天：请填写实际报告的时间（第二十九条） / the report time is in the future")
    reports = [*(data.get("major_reports") or []), {"to": who, "at": when.isoformat(timespec="minutes"), "by": actor}]
    notes = () if data.get("level") == "重大" else ("该投诉目前不是重大等级；报告已记录 / not rated 重大; the report is recorded",)
    return CaseResult(repo.update_fields(db, data["id"], {"major_reports": reports}, actor=actor, action="report"), notes)


def link_call(db: Database, ref: str, call_id: str, *, actor: str) -> CaseResult:
    """A follow-up call about this complaint: linked on both sides (complaint and call record)."""
    data = load(db, ref)
    return CaseResult(repo.link_call(db, data["id"], call_id, actor=actor))
