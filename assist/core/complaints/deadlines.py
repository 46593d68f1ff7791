"""Handling and review clocks (原银保监会令2020年第3号 Art 18, 20, 23, 43).

Counting rule (our reading; documented because the UI shows it):

* Days are calendar days (Art 43 自然日).
* The day of receipt is NOT counted; counting starts the next day (民法典 Art 201, M).
* "15日以内" includes the 15th day (Art 43: 以内 includes 本数), so the decision and notice
  are in time up to 24:00 of ``received + 15``. ``due`` is that last allowed date and
  ``days_left(due) == 0`` means "due today, still in time"; negative means overdue.
  Set ``start_day_counts=True`` for the stricter reading (due = received + 14).
* Pauses (鉴定/检测/评估 Art 18, 调解 Art 23) are half-open ``[start, end)``: the day the
  pause begins and every day until the day it ends are not counted; the end day counts
  again. This errs on the early side (a same-day return pauses nothing). An open pause
  freezes the clock; ``due`` is then projected as if it ended tomorrow.
* Limits: 15; 30 when marked complex; 60 only with an approver (上级机构 or 总行高管)
  and a recorded notice to the complainant (otherwise :class:`DeadlineError`).
* A repeat complaint inside the period is merged (same clock); with new facts or
  reasons the clock restarts from receipt of the new material (Art 18).
* Review (核查, Art 20): applied for within 30 days of receiving the decision; the superior
  decides within 30 days of the application. A later request is flagged ``late``.
* Holiday roll-over (民法典 Art 203) is shown as information only: whether it applies to
  these limits is unverified (domain.md §1, §9).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

WARN_DAYS = 3
PAUSE_TYPES = ("鉴定", "检测", "评估", "调解")
APPROVER_ROLES = ("上级机构", "总行高管")
LIMITS = {"none": 15, "30": 30, "60": 60}
_D = dt.timedelta(days=1)


class DeadlineError(ValueError):
    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key = key


def as_date(v: dt.date | dt.datetime | str | None) -> dt.date | None:
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return dt.datetime.fromisoformat(str(v).strip()).date()


@dataclass(frozen=True)
class ClockAlert:
    clock: str        # "handling" | "review"
    limit: int        # days of the limit this alert is about
    due: dt.date
    days_left: int
    kind: str         # "warn" (D-3..D-0) | "overdue" | "info"
    message: str


@dataclass(frozen=True)
class Pause:
    kind: str
    start: dt.date
    end: dt.date | None = None
    notified_at: dt.date | None = None   # complainant told of the pause (Art 18)

    def covers(self, d: dt.date, today: dt.date | None) -> bool:
        end = self.end or ((today or d) + _D)
        return self.start <= d < end


def _count_forward(start: dt.date, n: int, pauses: tuple[Pause, ...], today: dt.date | None, first_counts: bool) -> dt.date:
    d = start - _D if first_counts else start
    counted = 0
    while counted < n:
        d += _D
        if not any(p.covers(d, today) for p in pauses):
            counted += 1
    return d


@dataclass(frozen=True)
class HandlingClock:
    received: dt.date
    extension: str = "none"                 # none | 30 | 60
    approver_role: str = ""
    approver: str = ""
    extension_notified_at: dt.date | None = None
    pauses: tuple[Pause, ...] = ()
    restarts: tuple[dt.date, ...] = ()      # earlier start dates (new facts restarted the clock)
    decided_at: dt.date | None = None
    start_day_counts: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def limit(self) -> int:
        return LIMITS[self.extension]

    def due(self, today: dt.date | None = None, limit: int | None = None) -> dt.date:
        return _count_forward(self.received, limit or self.limit, self.pauses, today, self.start_day_counts)

    def days_left(self, today: dt.date) -> int:
        return (self.due(today) - today).days

    def paused(self, today: dt.date) -> bool:
        return any(p.covers(today, today) for p in self.pauses)

    # ---- changes (each returns a new clock) -------------------------------
    def mark_complex(self) -> "HandlingClock":
        return self if self.extension != "none" else dataclasses.replace(self, extension="30")

    def extend_to_60(self, approver_role: str, approver: str, notified_at: dt.date | str | None) -> "HandlingClock":
        if approver_role not in APPROVER_ROLES or not approver.strip():
            raise DeadlineError("extension.approver", "延长至60日须由上级机构或总行高级管理人员批准：请选择审批人类别（上级机构/总行高管）并填写审批人（第十八条）。"
                                " / A 60-day extension needs an approver: a superior institution or a head-office senior manager (Art 18).")
        notified = as_date(notified_at)
        if notified is None:
            raise DeadlineError("extension.notice", "延长至60日须告知投诉人：请先记录告知投诉人的日期（第十八条）。"
                                " / A 60-day extension needs a recorded notice to the complainant (Art 18).")
        notes = self.notes
        due30 = _count_forward(self.received, 30, self.pauses, notified, self.start_day_counts)
        if notified > due30:
            notes += (f"延期告知日 {notified} 晚于30日期限 {due30} / extension notice after the 30-day limit",)
        return dataclasses.replace(self, extension="60", approver_role=approver_role, approver=approver.strip(),
                                   extension_notified_at=notified, notes=notes)

    def add_pause(self, kind: str, start: dt.date | str, end: dt.date | str | None = None,
                  notified_at: dt.date | str | None = None) -> "HandlingClock":
        if kind not in PAUSE_TYPES:
            raise DeadlineError("pause.kind", f"中止计时的类型“{kind}”无效：只有{'/'.join(PAUSE_TYPES)}不计入期限（第十八、二十三条）。")
        s, e = as_date(start), as_date(end)
        assert s is not None
        if e is not None and e < s:
            raise DeadlineError("pause.range", f"中止期间结束日 {e} 早于开始日 {s}：请检查日期。")
        if any(p.end is None for p in self.pauses):
            raise DeadlineError("pause.open", "已有未结束的中止期间：请先填写其结束日，再添加新的中止期间。")
        return dataclasses.replace(self, pauses=self.pauses + (Pause(kind, s, e, as_date(notified_at)),))

    def end_pause(self, end: dt.date | str) -> "HandlingClock":
        e = as_date(end)
        pauses = list(self.pauses)
        for i, p in enumerate(pauses):
            if p.end is None:
                if e is None or e < p.start:
                    raise DeadlineError("pause.range", f"结束日 {e} 早于中止开始日 {p.start}。")
                pauses[i] = dataclasses.replace(p, end=e)
                return dataclasses.replace(self, pauses=tuple(pauses))
        raise DeadlineError("pause.none_open", "没有正在进行的中止期间。")

    def repeat(self, received: dt.date | str, new_facts: bool) -> tuple[str, "HandlingClock"]:
        """A repeat complaint: ``("merged", same clock)``, ``("restarted", clock from the new
        material's receipt)`` or ``("new", self)`` when it came after the period/decision."""
        r = as_date(received)
        assert r is not None
        if (self.decided_at is not None and r >= self.decided_at) or r > self.due(r):
            return "new", self
        if not new_facts:
            return "merged", self
        return "restarted", dataclasses.replace(self, received=r, restarts=self.restarts + (self.received,))

    # ---- display ----------------------------------------------------------
    def alerts(self, today: dt.date) -> list[ClockAlert]:
        if self.decided_at is not None:
            return []
        due = self.due(today)
        left = (due - today).days
        hint = {15: "如案情复杂可延长至30日", 30: "特别复杂的可经上级机构或总行高管批准并告知投诉人后再延长30日", 60: "已是最长期限"}[self.limit]
        out = [ClockAlert("handling", self.limit, due, left, "info", n) for n in self.notes]
        if left < 0:
            out.append(ClockAlert("handling", self.limit, due, left, "overdue", f"已超过{self.limit}日处理期限 {-left} 天（期限 {due}）"))
        elif left <= WARN_DAYS:
            out.append(ClockAlert("handling", self.limit, due, left, "warn", f"距{self.limit}日处理期限还剩 {left} 天（{due}）；{hint}"))
        return out


@dataclass(frozen=True)
class ReviewClock:
    """Art 20: review (核查) by the superior institution."""

    decision_received: dt.date
    requested: dt.date
    decided_at: dt.date | None = None

    @property
    def request_deadline(self) -> dt.date:
        return self.decision_received + 30 * _D

    @property
    def late(self) -> bool:
        return self.requested > self.request_deadline

    @property
    def due(self) -> dt.date:
        return self.requested + 30 * _D

    def days_left(self, today: dt.date) -> int:
        return (self.due - today).days

    def alerts(self, today: dt.date) -> list[ClockAlert]:
        out: list[ClockAlert] = []
        if self.late:
            out.append(ClockAlert("review", 30, self.request_deadline, (self.request_deadline - today).days, "info",
                                  f"核查申请于 {self.requested} 提出，超过收到处理决定后30日（{self.request_deadline}）；是否受理请按内部制度决定"))
        if self.decided_at is None:
            left = self.days_left(today)
            if left < 0:
                out.append(ClockAlert("review", 30, self.due, left, "overdue", f"核查已超过30日期限 {-left} 天（期限 {self.due}）"))
            elif left <= WARN_DAYS:
                out.append(ClockAlert("review", 30, self.due, left, "warn", f"距核查30日期限还剩 {left} 天（{self.due}）"))
        return out


def rolled_over(due: dt.date, holidays: frozenset[dt.date] = frozenset(),
                workdays: frozenset[dt.date] = frozenset(), weekends: bool = True) -> dt.date:
    """INFORMATION ONLY (unverified whether it applies): the last day moved past rest days
    and ``holidays`` per 民法典 Art 203; ``workdays`` are make-up working weekends (调休)."""
    d = due
    while d in holidays or (weekends and d.weekday() >= 5 and d not in workdays):
        d += _D
    return d
