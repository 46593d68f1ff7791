"""The deadline engine: every "when" of a complaint (原银保监会令2020年第3号 Art 14, 18, 20, 21, 23, 29, 43).

:func:`timeline` takes a stored (or draft) record and answers everything the panel, the CLI, the
scripts (``{答复期限}``) and the exports show: the due date and what it rests on, days left,
pauses, restarts, the review clock, the documents reminder and the alerts. :func:`script_due`
is the date a script may promise before the complaint is saved. Nothing else computes dates.

Counting rule (documented because the UI shows it; domain.md §1, §9a):

* Days are calendar days (Art 43 自然日).
* The counting convention is a setting (``complaints.receipt_day_counts``) recorded on each
  complaint (``receipt_day_counts``) so a saved due date never moves when the setting changes.
  Default: the day of receipt is NOT counted, counting starts the next day (民法典 Art 201, M);
  ``True`` counts the receipt day as day 1 (due = received + 14), the stricter reading.
* "15日以内" includes the 15th day (Art 43: 以内 includes 本数), so the decision and notice
  are in time up to 24:00 of the due date; ``days_left == 0`` means "due today, still in time".
* Pauses (鉴定/检测/评估 by an external body, Art 18; 调解 by a mediation organisation, Art 23)
  name the body and are half-open ``[start, end)``: the end day counts again. This errs on the
  early side. An open pause freezes the clock; ``due`` is then projected as if it ended
  tomorrow, the earliest the real date can be (``projected``).
* Limits: 15; 30 when extended for complexity (reason recorded); 60 only with a reason, an
  approver (上级机构 or 总行高管) and a recorded notice to the complainant. A 60-day extension
  told to the complainant after day 30 is a warning.
* A repeat complaint inside the period is merged (same clock); with new facts or reasons the
  clock restarts from receipt of the new material (Art 18). The original receipt is kept
  (``received``); the restart dates are listed (``restarts``).
* An agreed decision date (Art 21 ¶5, 协商约定, ``agreed_due_date``) prevails: it is the due date.
* Review (核查, Art 20): applied for within 30 days of receiving the decision; the superior
  decides within 30 days of the application. A later request is flagged ``late``.
* Holiday roll-over (民法典 Art 203) is information only: whether it applies to these limits is
  unverified (domain.md §1, §9).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assist.core.complaints.clocks import (  # noqa: F401 - the clocks are part of this module's interface
    APPROVER_ROLES,
    LIMITS,
    PAUSE_TYPES,
    RUNNING,
    WARN_DAYS,
    ClockAlert,
    DeadlineError,
    HandlingClock,
    Pause,
    ReviewClock,
    as_date,
    check_pause_body,
    date_or_none,
    rolled_over,
)

# ---- the engine ------------------------------------------------------------------------


def restart_dates(record: Mapping[str, Any]) -> tuple[dt.date, ...]:
    """Dates the clock restarted on new facts or reasons (from the ``repeats`` record), oldest first."""
    received = date_or_none(record.get("received_at"))
    out = []
    for r in record.get("repeats") or []:
        d = date_or_none(r.get("received")) if isinstance(r, Mapping) else None
        if d is not None and r.get("outcome") == "restarted" and (received is None or d >= received):
            out.append(d)
    return tuple(sorted(set(out)))


def clock_from_record(record: Mapping[str, Any]) -> HandlingClock | None:
    """The handling clock a record's fields describe (None before ``received_at`` is set or readable)."""
    received = date_or_none(record.get("received_at"))
    if received is None:
        return None
    restarts = restart_dates(record)
    start = restarts[-1] if restarts else received
    pauses = []
    for p in record.get("paused_periods") or []:
        s = date_or_none(p.get("from") or p.get("start"))
        if s is None:
            continue
        pauses.append(Pause(p.get("type", p.get("kind", "")), s, date_or_none(p.get("to") or p.get("end")),
                            date_or_none(p.get("notified_at")), str(p.get("body") or "")))
    ext = str(record.get("extension") or "none")
    if ext == "none" and record.get("complex"):
        ext = "30"
    return HandlingClock(received=start, extension=ext if ext in LIMITS else "none",
                         approver_role=record.get("extension_approver_role", "") or "",
                         approver=record.get("extension_approver", "") or "",
                         extension_notified_at=date_or_none(record.get("extension_notified_at")), pauses=tuple(pauses),
                         restarts=(received, *restarts[:-1]) if restarts else (),
                         decided_at=date_or_none(record.get("notice_sent_at")),
                         start_day_counts=bool(record.get("receipt_day_counts")),
                         extension_reason=record.get("extension_reason", "") or "",
                         agreed_due=date_or_none(record.get("agreed_due_date")))


@dataclass(frozen=True)
class ReviewInfo:
    requested: dt.date
    request_deadline: dt.date
    late: bool
    due: dt.date
    decided_at: dt.date | None
    days_left: int | None


@dataclass(frozen=True)
class Timeline:
    """Every date of one complaint, as of ``today``. ``as_dict`` gives ISO strings."""

    today: dt.date
    status: str
    received: dt.date | None = None            # first receipt (Art 18); a restart never moves it
    clock_start: dt.date | None = None         # receipt of the new material after the last restart
    restarts: tuple[dt.date, ...] = ()
    receipt_day_counts: bool = False
    limit: int | None = None                   # 15 | 30 | 60
    extension_reason: str = ""
    statutory_due: dt.date | None = None       # from the limit, pauses and restarts
    agreed_due: dt.date | None = None          # Art 21 ¶5
    due: dt.date | None = None                 # what is promised and checked: agreed, else statutory
    basis: str = ""                            # "agreed" | "statutory" | "" (no receipt yet)
    projected: bool = False                    # an open pause: due assumes it ends tomorrow (earliest)
    paused: bool = False
    running: bool = True                       # status 受理/处理中: the clock runs and may still change
    days_left: int | None = None
    decided_at: dt.date | None = None
    decided_late: bool = False
    documents_pending: tuple[str, ...] = ()    # Art 14: documents asked for and not yet received
    documents_due: dt.date | None = None
    review: ReviewInfo | None = None
    alerts: tuple[ClockAlert, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = _iso(dataclasses.asdict(self))
        return out


def _iso(v: Any) -> Any:
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return [_iso(x) for x in v]
    if isinstance(v, dict):
        return {k: _iso(x) for k, x in v.items()}
    return v


def counting_text(receipt_day_counts: bool) -> str:
    return ("收到当日计为第1日 / the day of receipt counts as day 1" if receipt_day_counts
            else "收到当日不计入，次日起算（民法典第二百零一条） / counting starts the day after receipt")


def timeline(record: Mapping[str, Any], today: dt.date | None = None) -> Timeline:
    """Every date of a complaint (stored record or draft form) as of ``today``."""
    from assist.core.complaints.model import documents_needed

    today = today or dt.date.today()
    status = str(record.get("status") or "受理")
    running = status in RUNNING
    clock = clock_from_record(record)
    missing_docs = documents_needed(record)
    docs_due = date_or_none(record.get("documents_due_date")) if missing_docs else None
    tl = Timeline(today=today, status=status, running=running, documents_pending=missing_docs, documents_due=docs_due,
                  receipt_day_counts=bool(record.get("receipt_day_counts")))
    alerts: list[ClockAlert] = []
    if clock is not None:
        statutory = clock.statutory_due(today)
        due = clock.due(today)
        decided = clock.decided_at
        tl = dataclasses.replace(
            tl, received=clock.original_received, clock_start=clock.received, restarts=restart_dates(record), limit=clock.limit,
            extension_reason=clock.extension_reason, statutory_due=statutory,
            agreed_due=clock.agreed_due, due=due, basis="agreed" if clock.agreed_due else "statutory",
            projected=any(p.end is None for p in clock.pauses), paused=clock.paused(today),
            days_left=(due - today).days if running else None, decided_at=decided,
            decided_late=decided is not None and decided > due)
        if running:
            alerts += clock.alerts(today)
            for p in clock.pauses:
                if p.notified_at is None:
                    alerts.append(ClockAlert("pause", 0, p.start, (p.start - today).days, "warn",
                                             f"{p.kind}期间（{p.start} 起）未记录告知投诉人的日期：中止计时须告知投诉人（第十八条）",
                                             f"pause for {p.kind} (from {p.start}): no date recorded for telling the complainant; "
                                             f"a pause must be told to the complainant (Art 18)"))
            if clock.agreed_due is not None and clock.agreed_due != statutory:
                alerts.append(ClockAlert("agreement", clock.limit, statutory, (statutory - today).days, "info",
                                         f"按与投诉人约定的 {clock.agreed_due} 答复（第二十一条）；按第十八条计算的期限为 {statutory}",
                                         f"reply by {clock.agreed_due} as agreed with the complainant (Art 21); the Art 18 limit is {statutory}"))
        elif tl.decided_late:
            alerts.append(ClockAlert("handling", clock.limit, due, (due - today).days, "info",
                                     f"处理决定于 {decided} 告知，晚于期限 {due}",
                                     f"the decision was told on {decided}, after the limit {due}"))
    if running and missing_docs:
        names = "、".join(missing_docs)
        if docs_due is None:
            alerts.append(ClockAlert("documents", 0, today, 0, "warn",
                                     f"待补材料：{names}；请约定补交日期。期限自收到投诉之日起计算（第十四条）",
                                     f"documents pending: {names}; agree a date for them. The limit counts from receipt (Art 14)"))
        else:
            left = (docs_due - today).days
            if left < 0:
                alerts.append(ClockAlert("documents", 0, docs_due, left, "overdue",
                                         f"待补材料 {names} 已过约定日期 {docs_due} {-left} 天：请跟进；处理期限照常计算（第十四条）",
                                         f"documents pending ({names}) are {-left} day(s) past the agreed date {docs_due}: follow up; "
                                         f"the limit runs as usual (Art 14)"))
            elif left <= WARN_DAYS:
                alerts.append(ClockAlert("documents", 0, docs_due, left, "warn",
                                         f"待补材料 {names} 约定 {docs_due} 前补交，还剩 {left} 天（第十四条）",
                                         f"documents pending ({names}) are due by {docs_due}, {left} day(s) left (Art 14)"))
    if running and record.get("level") == "重大" and not record.get("major_reports"):
        alerts.append(ClockAlert("major", 0, today, 0, "warn",
                                 "重大投诉：请按应急预案报告，并记录报告对象和时间（第二十九条）",
                                 "major complaint: report it under the contingency plan and record to whom and when (Art 29)"))
    requested = date_or_none(record.get("review_requested_at"))
    if requested is not None:
        decision_received = (clock.decided_at if clock else None) or requested
        rc = ReviewClock(decision_received, requested, date_or_none(record.get("review_decided_at"))
                         or (None if status == "核查中" else today), bool(record.get("receipt_day_counts")))
        tl = dataclasses.replace(tl, review=ReviewInfo(requested, rc.request_deadline, rc.late, rc.due, rc.decided_at,
                                                       rc.days_left(today) if status == "核查中" else None))
        alerts += rc.alerts(today)
    return dataclasses.replace(tl, alerts=tuple(alerts))


def preview_due(received_at: dt.date | dt.datetime | str | None, receipt_day_counts: bool = False) -> dt.date | None:
    """The due date of a complaint received at ``received_at`` with nothing else recorded yet."""
    return timeline({"received_at": received_at, "receipt_day_counts": receipt_day_counts}).due if received_at else None


def script_due(record: Mapping[str, Any] | None = None, receipts: tuple[Any, ...] = (), *,
               receipt_day_counts: bool = False, today: dt.date | None = None) -> dt.date | None:
    """The date a script may promise (``{答复期限}``): never later than the real one.

    A saved complaint linked to the call: its engine due date (agreed, extended, paused —
    an open pause projected to end tomorrow, the earliest the real date can be). Before it is
    saved: the due date of the EARLIEST known receipt (the call's start, the form's receipt
    time, e.g. a regulator referral received days before the call)."""
    if record is not None:
        tl = timeline(record, today)
        if tl.due is not None:
            return tl.due
    dates = [d for d in (date_or_none(r) for r in receipts) if d is not None]
    return preview_due(min(dates), receipt_day_counts) if dates else None
