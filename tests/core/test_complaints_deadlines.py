"""Handling and review clocks: 15/30/60, pauses, repeats, review, D-3 alerts, roll-over info."""

from __future__ import annotations

import datetime as dt

import pytest

from assist.core.complaints.deadlines import DeadlineError, HandlingClock, ReviewClock, rolled_over
from assist.core.complaints.lifecycle import clock_for

D = dt.date
R = D(2026, 3, 2)   # a Monday


def test_15_days_start_day_not_counted_and_last_day_inclusive():
    c = HandlingClock(R)
    assert c.due() == D(2026, 3, 17)
    assert c.days_left(D(2026, 3, 17)) == 0          # due today: still in time (以内 includes the day)
    assert c.days_left(D(2026, 3, 18)) == -1
    assert HandlingClock(R, start_day_counts=True).due() == D(2026, 3, 16)


def test_30_when_complex():
    c = HandlingClock(R).mark_complex()
    assert c.limit == 30 and c.due() == D(2026, 4, 1)
    assert c.mark_complex() is c


def test_60_requires_approver_and_notice():
    c = HandlingClock(R).mark_complex()
    with pytest.raises(DeadlineError) as ei:
        c.extend_to_60("", "", "2026-03-20")
    assert ei.value.key == "extension.approver" and "上级机构" in str(ei.value)
    with pytest.raises(DeadlineError) as ei:
        c.extend_to_60("部门经理", "李四", "2026-03-20")
    assert ei.value.key == "extension.approver"
    with pytest.raises(DeadlineError) as ei:
        c.extend_to_60("总行高管", "李四", None)
    assert ei.value.key == "extension.notice" and "告知投诉人" in str(ei.value)
    c60 = c.extend_to_60("总行高管", "李四", "2026-03-20")
    assert c60.limit == 60 and c60.due() == D(2026, 5, 1) and not c60.notes
    late = c.extend_to_60("上级机构", "分行消保部", "2026-04-05")
    assert late.notes and "晚于30日期限" in late.notes[0]
    # Art 18: told after day 30 is a WARNING, and it stays one (computed from the record, not a note)
    warn = [a for a in late.alerts(D(2026, 4, 6)) if a.clock == "extension"]
    assert [a.kind for a in warn] == ["warn"] and "第十八条" in warn[0].message
    assert not any(a.clock == "extension" for a in c60.alerts(D(2026, 4, 6)))


def test_closed_pause_not_counted_half_open():
    c = HandlingClock(R).add_pause("鉴定", "2026-03-05", "2026-03-10")   # 5 paused days: 5,6,7,8,9
    assert c.due() == D(2026, 3, 22)
    same_day = HandlingClock(R).add_pause("检测", "2026-03-05", "2026-03-05")
    assert same_day.due() == D(2026, 3, 17)


def test_mediation_pause_and_multiple_pauses():
    c = HandlingClock(R).add_pause("调解", "2026-03-03", "2026-03-06").add_pause("评估", "2026-03-10", "2026-03-12")
    assert c.due() == D(2026, 3, 17) + dt.timedelta(days=5)


def test_open_pause_freezes_clock():
    c = HandlingClock(R).add_pause("鉴定", "2026-03-05")
    assert c.paused(D(2026, 3, 20))
    # counted so far: 3-3, 3-4 (2 days); resumes tomorrow: 13 more days = 3-21 … 4-2
    assert c.due(D(2026, 3, 20)) == D(2026, 4, 2)
    with pytest.raises(DeadlineError):
        c.add_pause("调解", "2026-03-21")
    assert c.end_pause("2026-03-10").due() == HandlingClock(R).add_pause("鉴定", "2026-03-05", "2026-03-10").due()


def test_bad_pause_rejected():
    with pytest.raises(DeadlineError) as ei:
        HandlingClock(R).add_pause("协商", "2026-03-05", "2026-03-06")
    assert "鉴定" in str(ei.value)
    with pytest.raises(DeadlineError):
        HandlingClock(R).add_pause("鉴定", "2026-03-05", "2026-03-01")


def test_repeat_without_new_facts_merged_same_clock():
    c = HandlingClock(R)
    outcome, c2 = c.repeat("2026-03-10", new_facts=False)
    assert outcome == "merged" and c2 is c and c2.due() == D(2026, 3, 17)


def test_repeat_with_new_facts_restarts_from_new_material():
    c = HandlingClock(R).mark_complex()
    outcome, c2 = c.repeat("2026-03-10", new_facts=True)
    assert outcome == "restarted"
    assert c2.received == D(2026, 3, 10) and c2.restarts == (R,)
    assert c2.due() == D(2026, 4, 9)                  # complexity carried over: 30 days from 3-10


def test_repeat_after_period_or_decision_is_new():
    c = HandlingClock(R)
    assert c.repeat("2026-03-20", new_facts=True)[0] == "new"
    decided = HandlingClock(R, decided_at=D(2026, 3, 8))
    assert decided.repeat("2026-03-09", new_facts=False)[0] == "new"


def test_review_clock_own_30_days_and_late_flag():
    rc = ReviewClock(decision_received=D(2026, 3, 17), requested=D(2026, 4, 16))   # day 30: in time
    assert not rc.late and rc.due == D(2026, 5, 16)
    assert rc.days_left(D(2026, 5, 13)) == 3
    late = ReviewClock(decision_received=D(2026, 3, 17), requested=D(2026, 4, 17))
    assert late.late
    assert any(a.kind == "info" and "超过" in a.message for a in late.alerts(D(2026, 4, 17)))


@pytest.mark.parametrize("today,kind,left", [
    (D(2026, 3, 13), None, 4), (D(2026, 3, 14), "warn", 3), (D(2026, 3, 17), "warn", 0), (D(2026, 3, 19), "overdue", -2),
])
def test_d3_alerts_handling(today, kind, left):
    alerts = HandlingClock(R).alerts(today)
    kinds = [a.kind for a in alerts]
    assert (kinds == [kind]) if kind else (kinds == [])
    if kind:
        assert alerts[0].days_left == left and alerts[0].limit == 15


def test_d3_alerts_for_each_limit_and_review():
    assert HandlingClock(R).mark_complex().alerts(D(2026, 3, 29))[0].limit == 30
    c60 = HandlingClock(R).mark_complex().extend_to_60("上级机构", "分行", "2026-03-20")
    assert c60.alerts(D(2026, 4, 28))[0].limit == 60
    assert HandlingClock(R, decided_at=D(2026, 3, 10)).alerts(D(2026, 3, 30)) == []
    rc = ReviewClock(D(2026, 3, 17), D(2026, 3, 20))
    assert [a.kind for a in rc.alerts(D(2026, 4, 16))] == ["warn"]
    assert [a.kind for a in rc.alerts(D(2026, 4, 20))] == ["overdue"]


def test_holiday_rollover_information_only():
    assert rolled_over(D(2026, 3, 14)) == D(2026, 3, 16)                      # Saturday → Monday
    assert rolled_over(D(2026, 10, 1), holidays=frozenset(D(2026, 10, i) for i in range(1, 8))) == D(2026, 10, 8)
    assert rolled_over(D(2026, 3, 14), workdays=frozenset({D(2026, 3, 14)})) == D(2026, 3, 14)


def test_clock_for_form_fields():
    form = {"received_at": "2026-03-02T09:30", "complex": True,
            "paused_periods": [{"type": "鉴定", "from": "2026-03-05", "to": "2026-03-10"}]}
    c = clock_for(form)
    assert c is not None and c.limit == 30 and c.due() == D(2026, 4, 1) + dt.timedelta(days=5)
    assert clock_for({}) is None
