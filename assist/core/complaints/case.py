"""One saved complaint as a case: its summary (clocks, alerts, history) and the actions the
rules allow on it — status, extension, pause/resume, repeat complaint, review request.

Used by ``assist complaints show|status|extend|pause|resume|repeat|review`` and by the
panel's case view (through the DB lane). Every function takes a ``Database`` first and a
ticket number or id; refusals are :class:`ComplaintError` / ``DeadlineError`` /
``TransitionError`` (all ``ValueError``) whose message says what is wrong and how to fix
it (Chinese / English). A missing complaint is :class:`CaseNotFound`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from assist.core.complaints import repo
from assist.core.complaints.deadlines import ReviewClock, as_date
from assist.core.complaints.lifecycle import TRANSITIONS, DecisionNotice, clock_for
from assist.core.complaints.model import ComplaintError

CLOCK_RUNNING = ("受理", "处理中")   # statuses whose handling clock runs and may still change


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


def _iso(v: Any) -> Any:
    return v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v


def _alert(a: Any) -> dict[str, Any]:
    return {k: _iso(v) for k, v in dataclasses.asdict(a).items()}


def summary(db: Database, ref: str, today: dt.date | None = None) -> dict[str, Any]:
    """Masked record, status, due date, days left, alerts (D-3 warnings, overdue), history."""
    today = today or dt.date.today()
    data = load(db, ref)
    status = data.get("status") or "受理"
    clock = clock_for(data)
    out: dict[str, Any] = {
        "id": data["id"], "ticket_no": data.get("ticket_no", ""), "status": status, "level": data.get("level", ""),
        "risk_flags": data.get("risk_flags") or [], "received_at": data.get("received_at", ""),
        "extension": str(data.get("extension") or "none"), "limit": None, "due_date": None, "days_left": None,
        "paused": False, "pauses": data.get("paused_periods") or [], "repeats": data.get("repeats") or [],
        "next_statuses": list(TRANSITIONS.get(status, ())), "alerts": [], "review": None,
    }
    if clock is not None:
        due = clock.due(today)
        out.update(limit=clock.limit, due_date=due.isoformat(), extension=clock.extension, paused=clock.paused(today))
        if status in CLOCK_RUNNING:
            out["days_left"] = (due - today).days
            out["alerts"] = [_alert(a) for a in clock.alerts(today)]
    requested = as_date(data.get("review_requested_at"))
    if requested is not None:
        rc = ReviewClock(as_date(data.get("notice_sent_at")) or requested, requested,
                         decided_at=None if status == "核查中" else today)
        out["review"] = {"requested_at": requested.isoformat(), "request_deadline": rc.request_deadline.isoformat(),
                         "late": rc.late, "due_date": rc.due.isoformat(),
                         "days_left": rc.days_left(today) if status == "核查中" else None}
        out["alerts"] += [_alert(a) for a in rc.alerts(today)]
    out["record"] = data
    out["history"] = repo.history(db, data["id"])
    return out


def _clock_data(db: Database, ref: str) -> tuple[dict[str, Any], Any]:
    data = load(db, ref)
    status = data.get("status") or "受理"
    if status not in CLOCK_RUNNING:
        raise ComplaintError(f"投诉单状态为“{status}”，处理期限已不能调整（仅受理、处理中可调整） / "
                             f"the complaint is {status}: its handling clock can no longer change")
    clock = clock_for(data)
    if clock is None:
        raise ComplaintError("投诉单没有收到时间，无法计算期限 / the complaint has no time received")
    return data, clock


def change_status(db: Database, ref: str, to: str, *, actor: str, at: str | None = None, reason: str = "",
                  notice: DecisionNotice | None = None) -> CaseResult:
    data = load(db, ref)
    return CaseResult(repo.change_status(db, data["id"], to, actor=actor, at=at, reason=reason, notice=notice))


def extend(db: Database, ref: str, days: int, *, actor: str, approver_role: str = "", approver: str = "",
           notified_at: str | None = None) -> CaseResult:
    """30 days (complex) or 60 (approver 上级机构/总行高管 and a recorded notice, Art 18)."""
    data, clock = _clock_data(db, ref)
    if days not in (30, 60):
        raise ComplaintError(f"延长天数只能是30或60（不是{days}） / an extension is to 30 or 60 days, not {days}")
    if clock.limit >= days:
        raise ComplaintError(f"处理期限已是{clock.limit}日 / the limit is already {clock.limit} days")
    if days == 30:
        new = clock.mark_complex()
    else:
        notified = parse_date(notified_at, "告知投诉人日期", "the date the complainant was told")
        new = clock.extend_to_60(approver_role, approver, notified)
    notes = tuple(n for n in new.notes if n not in clock.notes)
    return CaseResult(repo.update_clock(db, data["id"], new, actor=actor), notes)


def pause(db: Database, ref: str, kind: str, start: str, end: str | None = None, *, actor: str,
          notified_at: str | None = None) -> CaseResult:
    """A period that does not count (鉴定/检测/评估 Art 18, 调解 Art 23)."""
    data, clock = _clock_data(db, ref)
    s = parse_date(start, "中止开始日", "pause start", required=True)
    e = parse_date(end, "中止结束日", "pause end")
    n = parse_date(notified_at, "告知投诉人日期", "the date the complainant was told")
    new = clock.add_pause(kind, s, e, n)   # type: ignore[arg-type]
    notes = () if n else ("未记录告知投诉人的日期：中止计时须告知投诉人（第十八条） / "
                          "record when the complainant was told of the pause (Art 18)",)
    return CaseResult(repo.update_clock(db, data["id"], new, actor=actor), notes)


def resume(db: Database, ref: str, end: str, *, actor: str) -> CaseResult:
    """End the open pause; the end day counts again."""
    data, clock = _clock_data(db, ref)
    new = clock.end_pause(parse_date(end, "中止结束日", "pause end", required=True))  # type: ignore[arg-type]
    return CaseResult(repo.update_clock(db, data["id"], new, actor=actor))


def repeat(db: Database, ref: str, received: str, new_facts: bool, *, actor: str) -> CaseResult:
    """A repeat complaint inside the period: merged (same clock), or with new facts or reasons
    the clock restarts from the receipt of the new material (Art 18)."""
    data, clock = _clock_data(db, ref)
    r = parse_date(received, "重复投诉收到日期", "date the repeat complaint was received", required=True)
    outcome, new = clock.repeat(r, new_facts)   # type: ignore[arg-type]
    if outcome == "new":
        raise ComplaintError("该重复投诉在处理期限届满或作出决定之后收到：请作为新投诉登记 / "
                             "it came after the handling period or the decision: register it as a new complaint")
    changes: dict[str, Any] = {
        "risk_flags": list(dict.fromkeys([*(data.get("risk_flags") or []), "重复投诉"])),
        "repeats": [*(data.get("repeats") or []), {"received": r.isoformat(), "new_facts": bool(new_facts), "outcome": outcome}],  # type: ignore[union-attr]
    }
    note = "已合并，期限不变 / merged: the deadline is unchanged"
    if outcome == "restarted":
        changes["received_at"] = new.received.isoformat()
        note = f"有新事实或理由，期限自 {new.received} 起重新计算 / new facts: the clock restarts from {new.received}"
    return CaseResult(repo.update_fields(db, data["id"], changes, actor=actor, action="repeat"), (note,))


def request_review(db: Database, ref: str, requested_at: str, *, actor: str) -> CaseResult:
    """核查 (Art 20): 已答复 → 核查中 with its own 30-day clock; a late request is flagged."""
    data = load(db, ref)
    req = parse_date(requested_at, "核查申请日期", "review request date", required=True)
    rc = ReviewClock(as_date(data.get("notice_sent_at")) or req, req)   # type: ignore[arg-type]
    saved = repo.change_status(db, data["id"], "核查中", actor=actor, at=str(requested_at).strip())
    notes = [f"核查期限 {rc.due} / review due {rc.due}"]
    if rc.late:
        notes.append(f"逾期申请：超过收到决定后30日（{rc.request_deadline}），是否受理按内部制度决定 / "
                     f"late: more than 30 days after the decision ({rc.request_deadline})")
    return CaseResult(saved, tuple(notes))
