"""The clocks of a complaint (原银保监会令2020年第3号 Art 14, 18, 20, 21, 23, 43): the handling
clock (limit, pauses, restarts, extension) and the review clock, with their alerts. The counting
rules are documented in :mod:`assist.core.complaints.deadlines`, whose :func:`timeline` is the
one place that reads a record into these clocks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

WARN_DAYS = 3
PAUSE_TYPES = ("鉴定", "检测", "评估", "调解")
APPROVER_ROLES = ("上级机构", "总行高管")
LIMITS = {"none": 15, "30": 30, "60": 60}
RUNNING = ("受理", "处理中")
_D = dt.timedelta(days=1)
# words that name the institution itself: an internal check is not a pause (Art 18)
_INTERNAL = ("内部", "本行", "我行", "本公司", "我司", "本机构")


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


def date_or_none(v: Any) -> dt.date | None:
    """A stored date that may be malformed (legacy or hand-edited data): None instead of raising."""
    try:
        return as_date(v)
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class ClockAlert:
    clock: str        # "handling" | "review" | "documents" | "extension" | "pause" | "major" | "agreement"
    limit: int        # days of the limit this alert is about (0 when it is not about a limit)
    due: dt.date
    days_left: int
    kind: str         # "warn" (D-3..D-0, or a rule not met) | "overdue" | "info"
    message: str      # Chinese (the default UI and the records)
    message_en: str = ""   # the same in English (the English UI; the command line prints both)


@dataclass(frozen=True)
class Pause:
    kind: str
    start: dt.date
    end: dt.date | None = None
    notified_at: dt.date | None = None   # complainant told of the pause (Art 18)
    body: str = ""                       # the external body (鉴定/检测/评估机构, 调解组织)

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


def check_pause_body(kind: str, body: str) -> str:
    """The external body a pause names (Art 18, 23), or :class:`DeadlineError`."""
    body = (body or "").strip()
    who = "调解组织" if kind == "调解" else f"{kind}机构"
    if not body:
        raise DeadlineError("pause.body", f"中止计时须写明外部{who}的名称：只有委托外部鉴定、检测、评估或经调解组织调解的期间不计入处理期限，"
                                          f"内部调查核实的时间照常计算（第十八条、第二十三条）。 / "
                                          f"name the external body: only time at an outside appraiser, tester, valuer or mediation "
                                          f"organisation does not count (Art 18, 23)")
    if any(w in body for w in _INTERNAL):
        raise DeadlineError("pause.internal", f"“{body}”看起来是本机构内部：内部调查核实不能中止计时，请填写外部{who}的名称（第十八条、第二十三条）。 / "
                                              f"{body!r} looks internal: an internal investigation does not pause the clock (Art 18, 23)")
    return body


@dataclass(frozen=True)
class HandlingClock:
    received: dt.date                       # start of the current clock (receipt, or the new material after a restart)
    extension: str = "none"                 # none | 30 | 60
    approver_role: str = ""
    approver: str = ""
    extension_notified_at: dt.date | None = None
    pauses: tuple[Pause, ...] = ()
    restarts: tuple[dt.date, ...] = ()      # earlier start dates (new facts restarted the clock)
    decided_at: dt.date | None = None
    start_day_counts: bool = False
    notes: tuple[str, ...] = field(default=())
    extension_reason: str = ""
    agreed_due: dt.date | None = None       # Art 21 ¶5: an agreed decision date prevails

    @property
    def limit(self) -> int:
        return LIMITS[self.extension]

    @property
    def original_received(self) -> dt.date:
        return self.restarts[0] if self.restarts else self.received

    def statutory_due(self, today: dt.date | None = None, limit: int | None = None) -> dt.date:
        return _count_forward(self.received, limit or self.limit, self.pauses, today, self.start_day_counts)

    def due(self, today: dt.date | None = None, limit: int | None = None) -> dt.date:
        """The date the decision and notice are due: the agreed date if there is one, else the limit's."""
        if limit is None and self.agreed_due is not None:
            return self.agreed_due
        return self.statutory_due(today, limit)

    def days_left(self, today: dt.date) -> int:
        return (self.due(today) - today).days

    def paused(self, today: dt.date) -> bool:
        return any(p.covers(today, today) for p in self.pauses)

    def late_sixty_notice(self) -> dt.date | None:
        """The 30-day due date, if the 60-day extension was told to the complainant after it."""
        if self.extension != "60" or self.extension_notified_at is None:
            return None
        due30 = _count_forward(self.received, 30, self.pauses, self.extension_notified_at, self.start_day_counts)
        return due30 if self.extension_notified_at > due30 else None

    # ---- changes (each returns a new clock) -------------------------------
    def mark_complex(self, reason: str = "") -> HandlingClock:
        if self.extension != "none":
            return self
        return dataclasses.replace(self, extension="30", extension_reason=reason.strip() or self.extension_reason)

    def extend(self, days: int, reason: str, approver_role: str = "", approver: str = "",
               notified_at: dt.date | str | None = None) -> HandlingClock:
        """An extension as the rules allow it (Art 18): 30 for complexity, 60 with approval and notice."""
        if days not in (30, 60):
            raise DeadlineError("extension.days", f"延长天数只能是30或60（不是{days}）（第十八条） / an extension is to 30 or 60 days, not {days}")
        if self.limit >= days:
            raise DeadlineError("extension.already", f"处理期限已是{self.limit}日 / the limit is already {self.limit} days")
        if not (reason or "").strip():
            why = "情况复杂" if days == 30 else "情况特别复杂或有其他特殊原因"
            raise DeadlineError("extension.reason", f"延长处理期限须写明原因（如{why}）（第十八条）。 / "
                                                    f"an extension needs its reason (Art 18)")
        if days == 30:
            return self.mark_complex(reason)
        return dataclasses.replace(self.extend_to_60(approver_role, approver, notified_at), extension_reason=reason.strip())

    def extend_to_60(self, approver_role: str, approver: str, notified_at: dt.date | str | None) -> HandlingClock:
        if approver_role not in APPROVER_ROLES or not approver.strip():
            raise DeadlineError("extension.approver", "延长至60日须由上级机构或总行高级管理人员批准："
                                "请选择审批人类别（上级机构/总行高管）并填写审批人（第十八条）。"
                                " / A 60-day extension needs an approver: a superior institution or a head-office senior manager (Art 18).")
        notified = as_date(notified_at)
        if notified is None:
            raise DeadlineError("extension.notice", "延长至60日须告知投诉人：请先记录告知投诉人的日期（第十八条）。"
                                " / A 60-day extension needs a recorded notice to the complainant (Art 18).")
        new = dataclasses.replace(self, extension="60", approver_role=approver_role, approver=approver.strip(),
                                  extension_notified_at=notified)
        due30 = new.late_sixty_notice()
        if due30 is not None:
            new = dataclasses.replace(new, notes=self.notes + (" / ".join(_late_sixty_message(notified, due30)),))
        return new

    def add_pause(self, kind: str, start: dt.date | str, end: dt.date | str | None = None,
                  notified_at: dt.date | str | None = None, body: str | None = None) -> HandlingClock:
        """A paused period. ``body`` (the external body) is required; ``None`` only rebuilds a stored one."""
        if kind not in PAUSE_TYPES:
            raise DeadlineError("pause.kind", f"中止计时的类型“{kind}”无效：只有{'/'.join(PAUSE_TYPES)}不计入期限（第十八、二十三条）。")
        name = check_pause_body(kind, body) if body is not None else ""
        s, e = as_date(start), as_date(end)
        assert s is not None
        if e is not None and e < s:
            raise DeadlineError("pause.range", f"中止期间结束日 {e} 早于开始日 {s}：请检查日期。")
        if s < self.received:
            raise DeadlineError("pause.range", f"中止开始日 {s} 早于本次计时起点 {self.received}：请检查日期。")
        if any(p.end is None for p in self.pauses):
            raise DeadlineError("pause.open", "已有未结束的中止期间：请先填写其结束日，再添加新的中止期间。")
        return dataclasses.replace(self, pauses=self.pauses + (Pause(kind, s, e, as_date(notified_at), name),))

    def end_pause(self, end: dt.date | str) -> HandlingClock:
        e = as_date(end)
        pauses = list(self.pauses)
        for i, p in enumerate(pauses):
            if p.end is None:
                if e is None or e < p.start:
                    raise DeadlineError("pause.range", f"结束日 {e} 早于中止开始日 {p.start}。")
                pauses[i] = dataclasses.replace(p, end=e)
                return dataclasses.replace(self, pauses=tuple(pauses))
        raise DeadlineError("pause.none_open", "没有正在进行的中止期间。")

    def repeat(self, received: dt.date | str, new_facts: bool) -> tuple[str, HandlingClock]:
        """A repeat complaint: ``("merged", same clock)``, ``("restarted", clock from the new
        material's receipt; the earlier starts kept in ``restarts``)`` or ``("new", self)`` when it
        came after the period or the decision."""
        r = as_date(received)
        assert r is not None
        if (self.decided_at is not None and r >= self.decided_at) or r > self.statutory_due(r) or r < self.received:
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
        out: list[ClockAlert] = []
        due30 = self.late_sixty_notice()
        if due30 is not None:
            assert self.extension_notified_at is not None   # late_sixty_notice() is None without it
            out.append(ClockAlert("extension", 60, due30, (due30 - today).days, "warn",
                                  *_late_sixty_message(self.extension_notified_at, due30)))
        what = "约定答复日" if self.agreed_due is not None else f"{self.limit}日处理期限"
        hint = "已与投诉人约定（第二十一条）" if self.agreed_due is not None else {
            15: "如案情复杂可延长至30日", 30: "特别复杂的可经上级机构或总行高管批准并告知投诉人后再延长30日", 60: "已是最长期限"}[self.limit]
        what_en = "the agreed reply date" if self.agreed_due is not None else f"the {self.limit}-day limit"
        hint_en = "agreed with the complainant (Art 21)" if self.agreed_due is not None else {
            15: "a complex case may be extended to 30 days",
            30: "a particularly complex case may be extended by 30 more days with a superior's or head office's approval, "
                "telling the complainant", 60: "this is the longest limit"}[self.limit]
        if left < 0:
            out.append(ClockAlert("handling", self.limit, due, left, "overdue", f"已超过{what} {-left} 天（期限 {due}）",
                                  f"{-left} day(s) past {what_en} (due {due})"))
        elif left <= WARN_DAYS:
            out.append(ClockAlert("handling", self.limit, due, left, "warn", f"距{what}还剩 {left} 天（{due}）；{hint}",
                                  f"{left} day(s) left until {what_en} ({due}); {hint_en}"))
        return out


def _late_sixty_message(notified: dt.date, due30: dt.date) -> tuple[str, str]:
    """(Chinese, English): the 60-day extension was told after the 30-day limit."""
    return (f"延长至60日的告知日 {notified} 晚于30日期限 {due30}：延长须在期限届满前批准并告知投诉人（第十八条），请核实并说明情况",
            f"the 60-day extension was told to the complainant on {notified}, after the 30-day limit {due30} (Art 18)")


@dataclass(frozen=True)
class ReviewClock:
    """Art 20: review (核查) by the superior institution."""

    decision_received: dt.date
    requested: dt.date
    decided_at: dt.date | None = None
    start_day_counts: bool = False

    @property
    def request_deadline(self) -> dt.date:
        return self.decision_received + (29 if self.start_day_counts else 30) * _D

    @property
    def late(self) -> bool:
        return self.requested > self.request_deadline

    @property
    def due(self) -> dt.date:
        return self.requested + (29 if self.start_day_counts else 30) * _D

    def days_left(self, today: dt.date) -> int:
        return (self.due - today).days

    def alerts(self, today: dt.date) -> list[ClockAlert]:
        out: list[ClockAlert] = []
        if self.late:
            out.append(ClockAlert("review", 30, self.request_deadline, (self.request_deadline - today).days, "info",
                                  f"核查申请于 {self.requested} 提出，超过收到处理决定后30日（{self.request_deadline}）；是否受理请按内部制度决定",
                                  f"review requested on {self.requested}, more than 30 days after the decision was received "
                                  f"({self.request_deadline}); whether to accept it follows internal rules"))
        if self.decided_at is None:
            left = self.days_left(today)
            if left < 0:
                out.append(ClockAlert("review", 30, self.due, left, "overdue", f"核查已超过30日期限 {-left} 天（期限 {self.due}）",
                                      f"the review is {-left} day(s) past its 30-day limit (due {self.due})"))
            elif left <= WARN_DAYS:
                out.append(ClockAlert("review", 30, self.due, left, "warn", f"距核查30日期限还剩 {left} 天（{self.due}）",
                                      f"{left} day(s) left until the review's 30-day limit ({self.due})"))
        elif self.decided_at > self.due:
            out.append(ClockAlert("review", 30, self.due, (self.due - today).days, "info",
                                  f"核查决定于 {self.decided_at} 作出，晚于30日期限 {self.due}（第二十条）",
                                  f"the review decision of {self.decided_at} came after its 30-day limit {self.due} (Art 20)"))
        return out


def rolled_over(due: dt.date, holidays: frozenset[dt.date] = frozenset(),
                workdays: frozenset[dt.date] = frozenset(), weekends: bool = True) -> dt.date:
    """INFORMATION ONLY (unverified whether it applies): the last day moved past rest days
    and ``holidays`` per 民法典 Art 203; ``workdays`` are make-up working weekends (调休)."""
    d = due
    while d in holidays or (weekends and d.weekday() >= 5 and d not in workdays):
        d += _D
    return d
