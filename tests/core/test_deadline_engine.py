"""The deadline engine, written from the text of 原银保监会令2020年第3号 (domain.md §1, §9a).

Art 18: decide and notify within 15 days of receipt; complex → 30; especially complex → 60 with
approval by the superior institution or a head-office senior manager AND the complainant told;
external 鉴定/检测/评估 time not counted (complainant told); new facts restart the clock from the
new material. Art 23: mediation time not counted. Art 21 ¶5: an agreed date prevails. Art 14:
agent and heir complaints are accepted; documents MAY be asked for. Art 43: calendar days,
以内 includes the day. Every test states the day count it expects.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from assist.core.complaints import case, repo
from assist.core.complaints.deadlines import DeadlineError, HandlingClock, script_due, timeline
from assist.core.complaints.export import export_lines
from assist.core.complaints.intake import IntakePolicy
from assist.core.guidance.placeholders import render
from assist.core.storage import panel as store
from assist.schema import open_app_db as open_db
from tests.conftest import kb_rules

D = dt.date
FORM = dict(agent_id="A001", org_unit="北京分行", source="客服热线", received_at="2026-03-02T09:30",
            complainant_type="本人", complainant_name="张三丰", contact_phone="13812345678",
            respondent_org="朝阳支行", channel_A="A0302", business_B="B03", reason_C="C07",
            request="退还年费", facts="未告知即扣年费", demand_D=["D02"])
SCRIPT = "受理编号{受理编号}，我们会在{答复期限}前答复您。"


@pytest.fixture
def db():
    return open_db(None)


def save(db, now="2026-03-02T10:00:00", policy=None, **extra):
    return repo.save_complaint(db, {**FORM, **extra}, **kb_rules(), actor="A001", branch="0101", device="PC7", now=now, policy=policy)


MARCH_12 = D(2026, 3, 12)


def promised(record=None, *receipts, today=MARCH_12, counts=False) -> str:
    due = script_due(record, receipts, receipt_day_counts=counts, today=today)
    return render(SCRIPT, {"受理编号": "T1"}, today=today, deadline=due).text


# ---- {答复期限}: never later than the real date ------------------------------------------------


def test_placeholder_on_a_follow_up_call_uses_the_saved_complaint_not_today(db):
    s = save(db)                                          # received 3-02: due 3-17 (15 days, 3-02 not counted)
    rec = repo.get_complaint(db, s.id)
    assert promised(rec, "2026-03-12T15:00", today=D(2026, 3, 12)) == "受理编号T1，我们会在2026年3月17日前答复您。"
    # 0.1.0 promised today + 15 = 3-27: ten days later than the real date


def test_placeholder_for_a_regulator_referral_received_before_the_call():
    # Art 31–33: the referral reached the institution on 3-02; the agent calls the customer on 3-09.
    # Before the complaint is saved, the earliest known receipt sets the date: 3-02 + 15 = 3-17.
    assert promised(None, "2026-03-09T10:00", "2026-03-02T16:00", today=D(2026, 3, 9)) == \
        "受理编号T1，我们会在2026年3月17日前答复您。"
    # with only the call known, the call start is the receipt (a new complaint taken on the call)
    assert "2026年3月24日" in promised(None, "2026-03-09T10:00", today=D(2026, 3, 9))


def test_placeholder_for_an_extended_case(db):
    s = save(db)
    case.extend(db, s.id, 30, actor="A001", reason="需调取交易流水")
    assert "2026年4月1日" in promised(repo.get_complaint(db, s.id))          # 30 days from 3-02
    case.extend(db, s.id, 60, actor="A001", reason="需商户配合", approver_role="总行高管", approver="王总",
                notified_at="2026-03-20")
    assert "2026年5月1日" in promised(repo.get_complaint(db, s.id), today=D(2026, 3, 21))   # 60 days


def test_placeholder_for_a_paused_case(db):
    s = save(db)
    case.pause(db, s.id, "鉴定", "2026-03-05", "2026-03-10", actor="A001", notified_at="2026-03-05", body="某某司法鉴定所")
    # 3-05 … 3-09 (5 days) not counted: 3-17 + 5 = 3-22
    assert "2026年3月22日" in promised(repo.get_complaint(db, s.id))
    s2 = save(db)
    case.pause(db, s2.id, "调解", "2026-03-05", actor="A001", notified_at="2026-03-05", body="某某金融纠纷调解中心")
    # open mediation (Art 23): counted 3-03, 3-04 (2 days); projected to resume tomorrow 3-13 → 13 more = 3-25
    rec = repo.get_complaint(db, s2.id)
    assert "2026年3月25日" in promised(rec, today=D(2026, 3, 12))
    tl = timeline(rec, D(2026, 3, 12))
    assert tl.projected and tl.paused
    # the projection is the earliest the real date can be: a day later it is one day later, never earlier
    assert timeline(rec, D(2026, 3, 13)).due == D(2026, 3, 26)


def test_placeholder_uses_the_agreed_date(db):
    s = save(db, agreed_due_date="2026-03-31", agreement_evidence_ref="REC-20260302-01")
    assert "2026年3月31日" in promised(repo.get_complaint(db, s.id))


def test_the_counting_convention_is_a_setting_recorded_on_each_complaint(db):
    strict = IntakePolicy(receipt_day_counts=True)
    s = save(db, policy=strict)                      # receipt day is day 1: 3-02 + 14 = 3-16
    assert s.due_date == "2026-03-16"
    rec = repo.get_complaint(db, s.id)
    assert rec["receipt_day_counts"] is True
    # a saved complaint keeps its convention whatever the setting says later
    assert timeline(rec, D(2026, 3, 10)).due == D(2026, 3, 16)
    assert save(db).due_date == "2026-03-17"
    assert "2026年3月16日" in promised(None, "2026-03-02T09:30", counts=True)


# ---- Art 14: agent / heir complaints ---------------------------------------------------------


@pytest.mark.parametrize("ctype,extra,doc", [
    ("委托代理人", {"agent_name": "李律"}, "授权委托书"),
    ("继承人", {"deceased_name": "张老"}, "继承关系证明"),
])
def test_agent_or_heir_without_documents_is_saved_with_its_clock(db, ctype, extra, doc):
    s = save(db, complainant_type=ctype, **extra)
    assert s.due_date == "2026-03-17"                         # the clock runs from receipt, not from the documents
    rec = repo.get_complaint(db, s.id)
    assert rec["documents_pending"] == [doc] and rec["documents_due_date"] == "2026-03-09"   # receipt + 7 (policy)
    assert any(doc in r and "第十四条" in r for r in s.reminders)
    info = case.summary(db, s.id, D(2026, 3, 8))
    assert info["documents_pending"] == [doc] and any(a["clock"] == "documents" and a["kind"] == "warn" for a in info["alerts"])
    assert any(a["clock"] == "documents" and a["kind"] == "overdue" for a in case.summary(db, s.id, D(2026, 3, 10))["alerts"])
    case.documents_received(db, s.id, "2026-03-06", actor="A001")
    info = case.summary(db, s.id, D(2026, 3, 10))
    assert info["documents_pending"] == [] and info["due_date"] == "2026-03-17"
    assert not any(a["clock"] == "documents" for a in info["alerts"])
    assert info["record"]["poa_received" if ctype == "委托代理人" else "heir_proof_received"] is True


# ---- Art 21 ¶5: the agreement prevails -------------------------------------------------------


def test_agreed_date_is_the_due_date_and_not_overdue(db):
    s = save(db)
    res = case.agree(db, s.id, "2026-03-25", "REC-0310", actor="A001", agreed_at="2026-03-10")
    assert "2026-03-25" in res.notes[0] and "2026-03-17" in res.notes[0]
    info = case.summary(db, s.id, D(2026, 3, 20))              # past the statutory 3-17, before the agreed 3-25
    assert info["due_date"] == "2026-03-25" and info["due_basis"] == "agreed" and info["days_left"] == 5
    assert info["statutory_due_date"] == "2026-03-17"
    assert not any(a["kind"] == "overdue" for a in info["alerts"])
    [row] = repo.list_complaints(db, today=D(2026, 3, 20))
    assert row.due_date == "2026-03-25" and row.days_left == 5 and row.due_basis == "agreed"
    with pytest.raises(ValueError, match="第二十一条"):
        case.agree(db, s.id, "2026-03-26", "", actor="A001")


# ---- Art 18: the 60-day notice, restarts, extension reasons ------------------------------------


def test_sixty_day_extension_told_after_day_30_is_a_warning(db):
    s = save(db)
    case.extend(db, s.id, 30, actor="A001", reason="情况复杂")
    res = case.extend(db, s.id, 60, actor="A001", reason="特别复杂", approver_role="上级机构", approver="分行消保部",
                      notified_at="2026-04-03")                 # 30-day due 4-01; told 4-03
    assert any("晚于30日期限" in n for n in res.notes)
    alerts = case.summary(db, s.id, D(2026, 4, 10))["alerts"]
    [warn] = [a for a in alerts if a["clock"] == "extension"]
    assert warn["kind"] == "warn" and warn["due"] == "2026-04-01" and "第十八条" in warn["message"]


def test_restart_on_new_facts_keeps_the_original_receipt(db):
    s = save(db)
    res = case.repeat(db, s.id, "2026-03-10", True, actor="A001")
    assert "2026-03-02" in res.notes[0]
    info = case.summary(db, s.id, D(2026, 3, 11))
    assert info["received_at"] == "2026-03-02T09:30"            # never overwritten
    assert info["clock_started_at"] == "2026-03-10" and info["restarts"] == ["2026-03-10"] and info["due_date"] == "2026-03-25"
    assert [h for h in info["history"] if h["field"] == "received_at" and h["action"] == "repeat"] == []


def test_pause_names_the_external_body():
    c = HandlingClock(D(2026, 3, 2))
    with pytest.raises(DeadlineError) as ei:
        c.add_pause("评估", "2026-03-05", body="")
    assert ei.value.key == "pause.body" and "第十八条" in str(ei.value)
    with pytest.raises(DeadlineError) as ei:
        c.add_pause("鉴定", "2026-03-05", body="我行风控部内部调查")
    assert ei.value.key == "pause.internal"
    assert c.add_pause("调解", "2026-03-05", "2026-03-07", body="某某金融纠纷调解中心").pauses[0].body == "某某金融纠纷调解中心"


def test_pause_not_told_to_the_complainant_is_a_warning(db):
    s = save(db)
    case.pause(db, s.id, "检测", "2026-03-04", "2026-03-06", actor="A001", body="某某检测中心")
    assert any(a["clock"] == "pause" and "第十八条" in a["message"] for a in case.summary(db, s.id, D(2026, 3, 7))["alerts"])


# ---- the link to the call and what is exported ---------------------------------------------------


def test_call_and_complaint_are_linked_both_ways(db):
    store.start_call(db, "call-1", "2026-03-02T09:30:00+08:00", "138****5678", "年费", "投诉", "panel")
    s = save(db, call_id="call-1")
    assert s.call_id == "call-1"
    assert repo.complaints_of_call(db, "call-1")[0]["ticket_no"] == s.ticket_no
    store.start_call(db, "call-2", "2026-03-12T10:00:00+08:00", "138****5678", "", "投诉", "panel")
    case.link_call(db, s.ticket_no, "call-2", actor="A001")
    assert [c["call_id"] for c in case.summary(db, s.id, D(2026, 3, 12))["calls"]] == ["call-1", "call-2"]
    assert repo.complaints_of_call(db, "call-2")[0]["role"] == "follow_up"
    with pytest.raises(ValueError, match="already linked"):
        case.link_call(db, s.ticket_no, "call-2", actor="A001")


def test_exports_carry_the_engine_due_date(db):
    s = save(db, agreed_due_date="2026-03-28", agreement_evidence_ref="REC-1")
    save(db)
    csv_lines = list(export_lines(db, "csv"))
    header = csv_lines[0].strip().split(",")
    rows = [dict(zip(header, line.strip().split(","))) for line in csv_lines[1:]]
    assert {r["ticket_no"]: r["due_date"] for r in rows} == {s.ticket_no: "2026-03-28", rows[1]["ticket_no"]: "2026-03-17"}
    assert rows[0]["due_basis"] == "agreed" and rows[0]["handling_limit"] == "15"
    recs = [json.loads(x) for x in export_lines(db, "jsonl")]
    assert [r["due_date"] for r in recs] == ["2026-03-28", "2026-03-17"] and recs[1]["due_basis"] == "statutory"


# ---- Art 17, Art 29 -----------------------------------------------------------------------------


def test_art_29_structured_facts_make_it_major_and_ask_for_the_report(db):
    s = save(db, people_count="25", in_person=True)
    assert s.level == "重大" and any("第二十九条" in r for r in s.reminders)
    assert repo.get_complaint(db, s.id)["major_grounds"] == ["20人以上集体到现场投诉（第二十九条第（二）项）"]
    case.report_major(db, s.id, "总行消保部", "2026-03-02T11:00", actor="A001")
    info = case.summary(db, s.id, D(2026, 3, 3))
    assert info["major_reports"][0]["to"] == "总行消保部" and not any(a["clock"] == "major" for a in info["alerts"])
    assert save(db, people_count="25", in_person=False).level != "重大"          # 20+ only counts in person
    assert save(db, regulator_designated=True).level == "重大"
    assert save(db, arising_event="台风“摩羯”").level == "重大"


def test_art_17_the_staff_complained_about_never_handles_it(db):
    with pytest.raises(ValueError) as ei:
        save(db, respondent_staff="B007", handler="B007")
    assert any(e.key == "handler.recusal_respondent" and "第十七条" in e.message for e in ei.value.errors)
    with pytest.raises(ValueError) as ei:
        save(db, conflict_of_interest=True)
    assert [e.key for e in ei.value.errors] == ["handler.recusal_required"]
    s = save(db, conflict_of_interest=True, handler="C009", respondent_staff="B007")
    with pytest.raises(ValueError, match="第十七条"):
        case.assign_handler(db, s.id, "B007", actor="C009")
    with pytest.raises(ValueError, match="第十七条"):
        case.assign_handler(db, s.id, "A001", actor="C009")          # the agent declared an interest
    case.assign_handler(db, s.id, "D010", actor="C009")
    assert repo.get_complaint(db, s.id)["handler"] == "D010"


# ---- every warning in both languages (the English UI shows message_en) -------------------------


def _english(alert: dict) -> bool:
    text = alert["message_en"]
    latin = sum(ch.isascii() and ch.isalpha() for ch in text)
    return bool(text) and latin > 0.6 * sum(not ch.isspace() and not ch.isdigit() for ch in text)


def test_every_deadline_warning_has_an_english_text(db):
    seen: set[str] = set()
    s = save(db, agreed_due_date="2026-03-31", agreement_evidence_ref="REC-1")       # agreement
    seen |= {a["clock"] for a in case.summary(db, s.id, D(2026, 3, 29))["alerts"] if _english(a)}
    s = save(db, level="重大")                                                       # handling overdue, major
    seen |= {a["clock"] for a in case.summary(db, s.id, D(2026, 3, 20))["alerts"] if _english(a)}
    s = save(db, complainant_type="委托代理人", agent_name="李四", relationship="朋友")  # documents
    for day in (D(2026, 3, 5), D(2026, 3, 10)):
        seen |= {a["clock"] for a in case.summary(db, s.id, day)["alerts"] if _english(a)}
    s = save(db)
    case.pause(db, s.id, "鉴定", "2026-03-05", actor="A001", body="某某司法鉴定所")        # pause not told
    seen |= {a["clock"] for a in case.summary(db, s.id, D(2026, 3, 6))["alerts"] if _english(a)}
    assert {"agreement", "handling", "major", "documents", "pause"} <= seen
    clock = HandlingClock(received=D(2026, 3, 2), extension="60", extension_notified_at=D(2026, 4, 5))   # told after day 30
    alerts = clock.alerts(D(2026, 4, 6))
    assert any(a.clock == "extension" and a.message_en and "Art 18" in a.message_en for a in alerts)
