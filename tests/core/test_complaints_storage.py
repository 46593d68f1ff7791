"""Storage: tickets, drafts, save (one transaction), masking, list/history, export."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

import pytest

from assist.core.complaints import repo
from assist.core.complaints.drafts import DraftConflict, new_owner_id
from assist.core.complaints.model import ComplaintError
from assist.core.complaints.tickets import TicketError, make_device_id, next_ticket_no
from assist.schema import open_app_db as open_db
from tests.conftest import kb_rules

ROOT = Path(__file__).resolve().parents[2]
FORM = dict(agent_id="A001", org_unit="北京分行", source="客服热线", received_at="2026-03-02T09:30",
            complainant_type="本人", complainant_name="张三丰", contact_phone="13812345678",
            id_doc_type="居民身份证", id_doc_no="11010519491231002X",
            respondent_org="北京分行朝阳支行", channel_A="A0302", business_B="B03", reason_C="C07",
            request="退还年费", facts="未告知即扣年费，我要打12378。卡号6222021234567890", demand_D=["D02"])


@pytest.fixture
def db():
    return open_db(None)


def save(db, form=None, **kw):
    return repo.save_complaint(db, form or FORM, **kb_rules(), actor="A001", branch="0101", device="PC7", now=kw.pop("now", "2026-03-02T10:00:00"), **kw)


def test_ticket_numbers_sequence_per_day_and_device(db):
    day = dt.date(2026, 3, 2)
    assert next_ticket_no(db, "0101", "pc7", day) == "0101-PC7-20260302-0001"
    assert next_ticket_no(db, "0101", "PC7", day) == "0101-PC7-20260302-0002"
    assert next_ticket_no(db, "0101", "PC8", day) == "0101-PC8-20260302-0001"
    assert next_ticket_no(db, "0101", "PC7", day + dt.timedelta(days=1)).endswith("20260303-0001")
    with pytest.raises(TicketError):
        next_ticket_no(db, "01-01", "PC7", day)
    assert len(make_device_id()) == 6


def test_ticket_numbers_unique_across_two_connections_on_one_file(tmp_path):
    path = tmp_path / "a.sqlite3"
    open_db(path)
    got: list[str] = []
    lock = threading.Lock()

    def worker():
        d = open_db(path)
        for _ in range(50):
            t = repo.save_complaint(d, FORM, **kb_rules(), actor="A", branch="0101", device="PC7", now="2026-03-02T10:00:00").ticket_no
            with lock:
                got.append(t)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 100 and len(set(got)) == 100
    assert max(got) == "0101-PC7-20260302-0100"


def test_save_masks_personal_fields_and_assesses_risk(db):
    s = save(db)
    assert s.ticket_no == "0101-PC7-20260302-0001" and s.revision == 1
    assert s.level == "复杂" and s.risk_flags == ["监管"] and s.due_date == "2026-03-17"
    data = repo.get_complaint(db, s.id)
    assert data["complainant_name"] == "张**" and data["contact_phone"] == "138****5678"
    assert data["id_doc_no"] == "110***********002X"
    assert "6222021234567890" not in data["facts"] and "622202******7890" in data["facts"]
    raw = "\n".join(str(r) for t in ("complaints", "complaint_revisions", "audit_log") for r in db.execute(f"SELECT * FROM {t}"))
    for secret in ("13812345678", "张三丰", "11010519491231002X", "6222021234567890"):
        assert secret not in raw


def test_invalid_form_not_saved_nothing_written(db):
    with pytest.raises(ComplaintError) as ei:
        save(db, {**FORM, "contact_phone": "123"})
    assert [e.field for e in ei.value.errors] == ["contact_phone"]
    for t in ("complaints", "complaint_revisions", "audit_log", "ticket_seq"):
        assert db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] == 0


def test_failure_inside_transaction_rolls_back_ticket_and_rows(db, monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(repo, "append_audit", boom)
    with pytest.raises(RuntimeError):
        save(db)
    for t in ("complaints", "complaint_revisions", "ticket_seq"):
        assert db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] == 0


def test_update_writes_revision_and_field_audit(db):
    s = save(db)
    s2 = save(db, {**FORM, "id": s.id, "facts": "未告知即扣年费", "amount_involved": "200"}, now="2026-03-03T09:00:00",
              expected_revision=1)
    assert s2.revision == 2 and s2.ticket_no == s.ticket_no
    h = repo.history(db, s.id)
    changed = {e["field"]: (e["old"], e["new"]) for e in h if e["action"] == "update"}
    assert changed["amount_involved"] == ("", "200")
    assert "facts" in changed and "contact_phone" not in changed
    assert db.execute("SELECT count(*) FROM complaint_revisions WHERE complaint_id = ?", [s.id]).fetchone()[0] == 2
    with pytest.raises(ComplaintError):
        save(db, {**FORM, "id": s.id}, expected_revision=1)


def test_list_filter_and_days_left(db):
    a = save(db)
    save(db, {**FORM, "complainant_name": "李四", "facts": "柜台态度差"})
    rows = repo.list_complaints(db, today=dt.date(2026, 3, 14))
    assert len(rows) == 2 and {r.days_left for r in rows} == {3}
    assert [r.id for r in repo.list_complaints(db, level="复杂")] == [a.id]
    assert len(repo.list_complaints(db, search="李*")) == 1
    assert repo.list_complaints(db, search=a.ticket_no)[0].complainant_masked == "张**"


def test_status_changes_and_clock_updates_are_audited(db):
    from assist.core.complaints.deadlines import HandlingClock
    from assist.core.complaints.lifecycle import DecisionNotice

    s = save(db)
    repo.change_status(db, s.id, "处理中", actor="A001")
    clock = HandlingClock(dt.date(2026, 3, 2)).mark_complex().add_pause("鉴定", "2026-03-05", "2026-03-10")
    assert repo.update_clock(db, s.id, clock, actor="A001").due_date == "2026-04-06"
    notice = DecisionNotice("退还年费", "收费未充分告知", ("核查", "调解", "仲裁", "诉讼"), "短信", "2026-03-12T10:00", "SMS-1")
    repo.change_status(db, s.id, "已答复", actor="A001", notice=notice)
    data = repo.get_complaint(db, s.id)
    assert data["status"] == "已答复" and data["notice_method"] == "短信" and data["remedies_told"] == ["核查", "调解", "仲裁", "诉讼"]
    actions = [e["action"] for e in repo.history(db, s.id)]
    assert "status" in actions and "clock" in actions
    assert repo.list_complaints(db, today=dt.date(2026, 3, 14))[0].days_left is None   # answered: no clock shown


def test_drafts_round_trip_and_two_panels(db):
    a, b = new_owner_id(), new_owner_id()
    form = {"complainant_name": "张三", "facts": "打了一半", "demand_D": ["D01"]}
    assert repo.save_draft(db, "d-a", a, form, cursor_field="facts") == 1
    assert repo.save_draft(db, "d-a", a, {**form, "facts": "打了一半又"}, cursor_field="facts") == 2
    repo.save_draft(db, "d-b", b, {"facts": "另一个面板"}, cursor_field="request")
    with pytest.raises(DraftConflict):
        repo.save_draft(db, "d-a", b, {"facts": "覆盖"})
    mine = repo.load_drafts(db, owner=a)
    assert len(mine) == 1 and mine[0].form["facts"] == "打了一半又" and mine[0].cursor_field == "facts"
    assert len(repo.load_drafts(db)) == 2
    # a crashed owner (dead pid) → orphaned → claimed by the new instance
    dead = "nohost:999999:x"
    repo.save_draft(db, "d-c", dead, {"facts": "崩溃前"}, cursor_field="facts")
    assert [d.draft_id for d in repo.orphaned_drafts(db)] == ["d-c"]
    assert repo.claim_draft(db, "d-c", a).owner == a
    s = save(db, draft_id="d-a")
    assert s.id and [d.draft_id for d in repo.load_drafts(db, owner=a)] == ["d-c"]
    repo.discard_draft(db, "d-c")
    assert repo.load_drafts(db, owner=a) == []


def test_saving_a_complaint_queues_revision_and_audit_in_the_outbox(db):
    from assist.core.storage import outbox

    saved = save(db)
    rows = outbox.peek(db, limit=1000)
    kinds = {r["kind"] for r in rows}
    assert kinds == {"complaint", "audit"}
    comp = [r for r in rows if r["kind"] == "complaint"]
    assert len(comp) == 1 and comp[0]["id"] == saved.id and comp[0]["revision"] == 1
    text = json.dumps([r["payload"] for r in rows], ensure_ascii=False)
    assert "13812345678" not in text and "6222021234567890" not in text and "11010519491231002X" not in text
    audit_ids = db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    assert len([r for r in rows if r["kind"] == "audit"]) == audit_ids
    save(db, {**FORM, "id": saved.id, "request": "退还年费并道歉"}, now="2026-03-02T11:00:00")
    revs = sorted(r["revision"] for r in outbox.peek(db, limit=1000) if r["kind"] == "complaint")
    assert revs == [1, 2]


def test_a_reused_pid_does_not_keep_a_crashed_panels_draft_hidden():
    import os
    import socket

    from assist.core.complaints.drafts import _start_time, new_owner_id, owner_alive

    me = new_owner_id()
    assert owner_alive(me)
    host, pid, start, token = me.split(":")
    assert start == _start_time(os.getpid()) != ""
    assert not owner_alive(f"{host}:{pid}:{int(start) - 1}:{token}")  # same PID, another process start
    assert owner_alive(f"{socket.gethostname()}:{os.getpid()}:{token}")  # older owner format still understood


def test_bookkeeping_times_are_stored_in_utc_and_the_ticket_day_is_local(db):
    """07:30 in Beijing is 23:30 UTC the day before: the record's stamps are UTC, while the ticket
    number and the deadline count from the branch's own calendar day."""
    s = save(db, {**FORM, "received_at": "2026-03-02T07:20"}, now="2026-03-02T07:30:00+08:00")
    assert s.ticket_no == "0101-PC7-20260302-0001"
    created, updated = db.execute("SELECT created_at, updated_at FROM complaints WHERE id = ?", [s.id]).fetchone()
    assert created == updated == "2026-03-01T23:30:00+00:00"
    audit_at = {r[0] for r in db.execute("SELECT at FROM audit_log")}
    revision_at = {r[0] for r in db.execute("SELECT at FROM complaint_revisions")}
    assert audit_at == revision_at == {"2026-03-01T23:30:00+00:00"}
    assert repo.get_complaint(db, s.id)["received_at"] == "2026-03-02T07:20"   # a business time stays as typed
    assert s.due_date == "2026-03-17"   # 15 calendar days from the local receipt day
