"""The case for people: labelled sections with code names, and the history as one line per action."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest

from assist.core.complaints import case, repo
from assist.core.complaints.case_history import plain_history
from assist.core.complaints.casefile import case_sections
from assist.core.complaints.lifecycle import DecisionNotice
from assist.core.complaints.taxonomy import load_taxonomy
from assist.schema import open_app_db as open_db
from tests.conftest import KB, kb_rules
from tests.core.test_complaints_storage import FORM

TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def shanghai(monkeypatch):
    """The PC's clock in Beijing time: stored UTC stamps are shown as local time."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def db():
    return open_db(None)


def saved_case(db):
    s = repo.save_complaint(db, FORM, **kb_rules(), actor="A001", branch="0101", device="PC7", now="2026-03-02T10:00:00")
    return s, case.summary(db, s.id, TODAY)


def rows(sections, zh=True):
    return {s.key: {r.label.pick(zh): r.value.pick(zh) for r in s.rows} for s in sections}


def test_sections_are_labelled_with_code_names_and_masked_values(db, shanghai):
    _s, info = saved_case(db)
    sections = case_sections(info, load_taxonomy(KB))
    zh = rows(sections)
    assert [s.title.zh for s in sections] == ["受理信息", "投诉人", "诉求与事实", "被投诉与分类", "时限"]
    assert zh["complainant"]["投诉人姓名"] == "张*丰" or zh["complainant"]["投诉人姓名"].startswith("张")
    assert zh["complainant"]["联系电话"] == "138****5678" and zh["complainant"]["投诉人类型"] == "本人"
    assert "11010519491231002X" not in str(zh)
    assert zh["classification"]["业务类别（B）"] == "B03 银行卡"
    assert zh["classification"]["业务办理渠道（A）"] == "A0302 电话" and zh["classification"]["投诉原因（C）"].startswith("C07 ")
    assert zh["request"]["诉求"] == "D02 退还费用/息费"
    assert zh["intake"]["收到投诉时间"] == "2026-03-02 09:30"            # as typed, no "T"
    assert zh["deadline"]["答复期限"].startswith("2026-03-17（收到后15日")
    assert zh["deadline"]["剩余时间"] == "剩余 7 天"
    # no ids, no bookkeeping fields, no raw keys
    text = str(zh)
    for raw in ("agent_id", "business_B", "extension", "none", "sync_state", info["id"], "created_at", "T09:30"):
        assert raw not in text, raw
    en = rows(sections, zh=False)
    assert en["complainant"]["complainant type"] == "consumer (self)" and en["complainant"]["contact phone"] == "138****5678"
    assert en["classification"]["business category (B)"] == "B03 银行卡"          # the KB's name, as written
    assert en["deadline"]["time left"] == "7 day(s) left" and en["request"]["request"] == "退还年费"


def test_a_code_the_active_kb_does_not_know_is_said(db):
    _s, info = saved_case(db)
    info["record"]["business_B"] = "B77"
    zh = rows(case_sections(info, load_taxonomy(KB)))
    assert zh["classification"]["业务类别（B）"] == "B77（当前知识库无此分类）"


@pytest.fixture
def minutes(monkeypatch):
    """Each case action one minute after the last (the agent's pace), from 2026-03-03 09:00 local."""
    t = iter(dt.datetime(2026, 3, 3, 9, n).astimezone().isoformat(timespec="seconds") for n in range(60))
    monkeypatch.setattr(repo, "_now", lambda: next(t))


def test_history_is_one_plain_line_per_action(db, shanghai, minutes):
    s, _ = saved_case(db)
    case.change_status(db, s.id, "处理中", actor="A001")
    case.extend(db, s.id, 30, actor="A001", reason="需调取交易流水")
    case.pause(db, s.id, "鉴定", "2026-03-05", actor="A001", notified_at="2026-03-05", body="某某司法鉴定所")
    case.resume(db, s.id, "2026-03-08", actor="A001")
    case.change_status(db, s.id, "已答复", actor="A001", notice=DecisionNotice(
        "同意退还年费", "收费前未充分告知", ("核查", "调解", "仲裁", "诉讼"), "电话", "2026-03-09T10:00", "REC-001"))
    entries = repo.history(db, s.id)
    lines = plain_history(entries)
    assert len(entries) > 15 and len(lines) == 6
    zh = [x.line(True) for x in lines]
    assert zh[0] == "2026-03-02 10:00  A001  受理登记"                       # stored UTC, shown local
    assert re.fullmatch(r"2026-03-03 09:\d\d  A001  状态改为 处理中", zh[1])
    assert zh[2].endswith("延期 30 日（原因：需调取交易流水）")
    assert zh[3].endswith("中止计时（鉴定，某某司法鉴定所），自 2026-03-05 起")
    assert zh[4].endswith("恢复计时（2026-03-08 起）")
    assert zh[5].endswith("状态改为 已答复（电话告知 2026-03-09 10:00）")
    en = [x.line(False) for x in lines]
    assert en[0].endswith("complaint registered") and en[1].endswith("status changed to in progress")
    assert en[2].endswith("extended to 30 days (reason: 需调取交易流水)")
    for raw in (s.id, "→", "id:", "updated_at", "paused_periods", "T10:00"):
        assert all(raw not in line for line in zh + en), raw


def test_writes_in_one_second_are_one_line_each(db):
    """An extension, a pause and its end saved within the same second (a script) are three actions."""
    s, _ = saved_case(db)
    case.extend(db, s.id, 30, actor="A001", reason="需调取交易流水")
    case.pause(db, s.id, "鉴定", "2026-03-05", actor="A001", notified_at="2026-03-05", body="某某司法鉴定所")
    case.resume(db, s.id, "2026-03-08", actor="A001")
    zh = [x.text.zh for x in plain_history(repo.history(db, s.id))]
    assert zh[1:] == ["延期 30 日（原因：需调取交易流水）", "中止计时（鉴定，某某司法鉴定所），自 2026-03-05 起", "恢复计时（2026-03-08 起）"]


def test_history_of_the_other_actions(db):
    s, _ = saved_case(db)
    case.repeat(db, s.id, "2026-03-06", True, actor="A001")
    case.agree(db, s.id, "2026-03-31", "REC-0302-7", actor="A001")
    case.assign_handler(db, s.id, "C009", actor="A001")
    case.report_major(db, s.id, "总行消保部", "2026-03-03T09:00", actor="A001")
    zh = [x.text.zh for x in plain_history(repo.history(db, s.id))]
    assert zh[1:] == ["重复投诉（2026-03-06 收到，有新事实或理由），期限重新计算", "与客户约定答复日期 2026-03-31（凭证 REC-0302-7）",
                      "核查处理人员：C009", "重大投诉已报告：总行消保部，2026-03-03 09:00"]


def test_the_decision_and_the_review_clock(db):
    s, _ = saved_case(db)
    case.change_status(db, s.id, "处理中", actor="A001")
    case.change_status(db, s.id, "已答复", actor="A001", notice=DecisionNotice(
        "同意退还年费", "收费前未充分告知", ("核查", "调解", "仲裁", "诉讼"), "电话", "2026-03-09T10:00", "REC-001"))
    case.request_review(db, s.id, "2026-03-10", actor="A001")
    zh = rows(case_sections(case.summary(db, s.id, TODAY), load_taxonomy(KB)))
    assert zh["deadline"]["核查"] == "2026-03-10 申请，2026-04-09 前答复"
    assert zh["decision"]["处理决定"] == "同意退还年费" and zh["decision"]["告知"] == "电话 2026-03-09 10:00，凭证 REC-001"
    assert zh["decision"]["已告知救济途径"] == "核查、调解、仲裁、诉讼"
