"""Retention purge: closed complaints older than DAYS are anonymised or deleted, the audit
chain stays verifiable (one appended event each), and the CLI prints what it did."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from assist.core.complaints import repo
from assist.core.complaints.audit import verify_audit
from assist.core.complaints.retention import purge_closed
from assist.core.privacy.crypto import FieldCipher
from assist.schema import open_app_db as open_db
from tests.conftest import kb_rules

ROOT = Path(__file__).resolve().parents[2]
FORM = dict(agent_id="A001", org_unit="北京分行", source="客服热线", received_at="2026-03-02T09:30",
            complainant_type="本人", complainant_name="张三丰", contact_phone="13812345678",
            respondent_org="朝阳支行", channel_A="A0302", business_B="B03", reason_C="C07",
            request="退还年费", facts="未告知即扣年费，联系人李四", demand_D=["D02"])


def make(db, status=None, when="2026-01-10T10:00:00"):
    s = repo.save_complaint(db, FORM, **kb_rules(), actor="A001", branch="0101", device="PC7", now=when, cipher=FieldCipher.generate())
    if status:
        db.execute("UPDATE complaints SET status = ?, updated_at = ? WHERE id = ?", [status, when, s.id])
    return s


@pytest.fixture
def db():
    return open_db(None)


def test_anonymise_closed_old_records_only(db):
    old_done = make(db, "已办结")
    old_withdrawn = make(db, "已撤回")
    old_declined = make(db, "不予办理")
    old_open = make(db)                                       # 受理: never purged
    recent_done = make(db, "已办结", when="2026-11-20T10:00:00")
    rows_before = db.execute("SELECT id, hash FROM audit_log ORDER BY id").fetchall()
    today = dt.date(2026, 11, 26)
    dry = purge_closed(db, 180, dry_run=True, today=today)
    assert dry.count == 3 and db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == len(rows_before)
    rep = purge_closed(db, 180, today=today, actor="purge:tester")
    assert sorted(rep.tickets) == sorted([old_done.ticket_no, old_withdrawn.ticket_no, old_declined.ticket_no])
    for s in (old_done, old_withdrawn, old_declined):
        data = repo.get_complaint(db, s.id)
        assert "anonymised_at" in data and "complainant_name" not in data and "facts" not in data
        assert data["ticket_no"] == s.ticket_no and data["business_B"] == "B03"
        assert db.execute("SELECT protected, complainant_masked FROM complaints WHERE id = ?", [s.id]).fetchone() == ("{}", "")
        revs = [json.loads(r[0]) for r in db.execute("SELECT data FROM complaint_revisions WHERE complaint_id = ?", [s.id])]
        assert all("facts" not in r for r in revs)
        assert repo.history(db, s.id)[-1]["action"] == "purge"
    for s in (old_open, recent_done):
        assert repo.get_complaint(db, s.id)["facts"].startswith("未告知")
    # old audit rows untouched, chain verifies, purge events appended
    assert db.execute("SELECT id, hash FROM audit_log ORDER BY id LIMIT ?", [len(rows_before)]).fetchall() == rows_before
    assert verify_audit(db) == []
    assert purge_closed(db, 180, today=today).count == 0     # idempotent


def test_delete_mode_removes_records(db):
    s = make(db, "已办结")
    rep = purge_closed(db, 30, mode="delete", today=dt.date(2026, 11, 26))
    assert rep.tickets == [s.ticket_no]
    assert repo.get_complaint(db, s.id) is None
    assert db.execute("SELECT count(*) FROM complaint_revisions").fetchone()[0] == 0
    assert [h["action"] for h in repo.history(db, s.id)][-1] == "purge"
    assert verify_audit(db) == []


def test_purge_leaves_nothing_personal_waiting_in_the_outbox(db):
    from assist.core.storage import outbox

    anon_me = make(db, "已办结")
    today = dt.date(2026, 11, 26)
    purge_closed(db, 180, today=today, actor="purge:tester")
    rows = [r for r in outbox.peek(db, limit=1000) if r["kind"] == "complaint" and r["id"] == anon_me.id]
    assert len(rows) == 1 and "anonymised_at" in rows[0]["payload"] and "facts" not in rows[0]["payload"]
    delete_me = make(db, "已撤回")
    purge_closed(db, 180, mode="delete", today=today, actor="purge:tester")
    assert [r for r in outbox.peek(db, limit=1000) if r["kind"] == "complaint" and r["id"] == delete_me.id] == []
    assert "张三丰" not in json.dumps([r["payload"] for r in outbox.peek(db, limit=1000) if r["kind"] == "complaint"],
                                    ensure_ascii=False)
