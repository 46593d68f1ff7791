"""事后监督 end to end, over a real receiver (SQLite and PostgreSQL): calls with and without
findings on two devices → sync → the 复听 queue and the register at head office → export →
a notice published → the pack imported on a device → acknowledged → read rate at head office."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys

import pytest

from assist.core.guidance.calls import Call
from assist.core.guidance.lint import load_rules
from assist.core.kb.loader import load_kb
from assist.core.qa import QaContext, load_rubric
from assist.core.qa import store as qa_store
from assist.core.storage import panel
from assist.hq.auth import User
from assist.hq.store import Store
from assist.schema import open_app_db as open_db
from tests.conftest import REPO
from tests.conftest import kb_rules as complaint_rules
from tests.sync.conftest import make_client

T0 = dt.datetime(2026, 11, 30, 1, 0, tzinfo=dt.UTC)
COMPLIANCE = User("wang", "compliance", "")


@pytest.fixture(scope="module")
def kb_rules():
    rules = load_rules(REPO / "kb")
    return rules, load_kb(REPO / "kb").by_id(), load_rubric(REPO / "kb", classes=rules.lexicon.classes,
                                                            call_types=set(rules.call_types))


def record_call(db, kb_rules, call_id: str, call_type: str, steps, *, agent: str, complaint: dict | None = None) -> None:
    """What the panel does: the Call model records, the recorder writes events, the call ends,
    the after-call check runs and queues the call record (with the complaint saved in it)."""
    from assist.core.complaints import repo

    rules, cards, rubric = kb_rules
    t = [T0]

    def clock():
        t[0] += dt.timedelta(seconds=7)
        return t[0]

    call = Call(rules, call_type, call_id=call_id, clock=clock, kb_version="test")
    panel.start_call(db, call_id, call.started_at.isoformat(), "139****0001", "信用卡", call_type, "ipc")
    for kind, value in steps:
        if kind == "tick":
            call.tick(value)
        elif kind == "note":
            call.add_note(value)
        elif kind == "script":
            c = cards[value]
            call.use_script(c.id, c.scripts[0].name, c.scripts[0].text)
    if complaint is not None:
        from tests.sync.conftest import FORM

        repo.save_complaint(db, {**FORM, **complaint, "call_id": call_id, "agent_id": agent}, **complaint_rules(), actor=agent, branch="0101",
                            device="PC1", now="2026-11-30T09:10:00")
    call.end()
    for e in call.events()[1:]:
        panel.add_call_event(db, e["call_id"], e["at"], e["kind"], e["detail"])
    result = qa_store.assess_call(db, call_id, rubric, QaContext(cards=cards, rules=rules, clock=lambda: T0))
    qa_store.record_call(db, call_id, result, agent_id=agent, org_unit="测试分行")


GOOD = [("note", "您好，工号1023，本次通话将会录音。"), ("tick", "identity-if-account"), ("tick", "answer-question"),
        ("tick", "confirm-understood")]


def hq_cli(db_url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assist.hq", "--db", db_url, *args], input=stdin, capture_output=True,
                          text=True, cwd=REPO, timeout=120)


def test_calls_to_queue_register_export_notice_ack_and_read_rate(hq_db, receivers, tmp_path, kb_rules):
    store = Store(hq_db)
    store.migrate()
    dev_a, tok_a = store.device_add("0101", "PC-A")
    dev_b, tok_b = store.device_add("0202", "PC-B")
    rx = receivers(hq_db)
    # --- two devices record calls ----------------------------------------------------------------
    db_a, db_b = open_db(tmp_path / "a.sqlite3"), open_db(tmp_path / "b.sqlite3")
    record_call(db_a, kb_rules, "a-clean", "咨询", [*GOOD, ("tick", "greet-staff-id")], agent="A001")
    record_call(db_a, kb_rules, "a-otp", "咨询", [*GOOD, ("note", "请您把短信验证码念一下")], agent="A001")
    record_call(db_b, kb_rules, "b-complaint", "投诉", [("note", "您好，工号2001，本次通话将会录音。")], agent="B007",
                complaint={"facts": "已告知客户投诉也没用，客户称要找媒体曝光。", "request": "退还年费"})
    record_call(db_b, kb_rules, "b-noreg", "投诉", [("note", "您好，工号2001，本次通话将会录音。")], agent="B008")
    assert qa_store.stored_result(db_a, "a-clean").verdict == "合格"
    for db, tok, branch in ((db_a, tok_a, "0101"), (db_b, tok_b, "0202")):
        report = make_client(db, rx.url, tok, branch=branch).run_round()
        assert report.ok and report.rejected == 0, report.error
    # --- 复听 queue: every red-line call, the clean one only if sampled ----------------------------------
    from assist.hq import supervision

    supervision.set_sample_rate(store, COMPLIANCE, "0")
    pg, rate = supervision.queue(store, COMPLIANCE, status="all")
    queued = {r["call_id"].split(":")[-1]: r for r in pg.rows}
    assert rate == 0 and set(queued) == {"a-otp", "b-noreg"}          # red lines only: nothing sampled
    assert all(r["red_line"] for r in queued.values())
    supervision.set_sample_rate(store, COMPLIANCE, "100")
    assert {r["call_id"].split(":")[-1] for r in supervision.queue(store, COMPLIANCE, status="all")[0].rows} == \
        {"a-otp", "b-noreg", "a-clean", "b-complaint"}
    leader = User("li", "team-leader", "0101")
    assert {r["branch"] for r in supervision.queue(store, leader, status="all")[0].rows} == {"0101"}
    otp_id = queued["a-otp"]["call_id"]
    detail = supervision.call_detail(store, COMPLIANCE, otp_id)
    assert any(f["item"] == "red-lines-in-notes" and f["rule"] == "sec-ask-otp" for f in detail["qa"]["findings"])
    with pytest.raises(supervision.NotAllowed):
        supervision.call_detail(store, leader, queued["b-noreg"]["call_id"])
    supervision.review(store, User("zhao", "qa", ""), otp_id, "不合格", "索要验证码，已约谈辅导")
    assert otp_id not in {r["call_id"] for r in supervision.queue(store, COMPLIANCE)[0].rows}   # done
    # --- high-risk complaints: the media threat (舆情) ------------------------------------------------------
    hr, counts = supervision.high_risk(store, COMPLIANCE, today=dt.date(2026, 11, 30))
    assert counts == {"0202": 1} and "舆情" in hr.rows[0]["why"]
    # --- the register: findings and complaints, counted per branch ---------------------------------------------
    reg = supervision.register(store, COMPLIANCE, limit=None).rows
    issues = {(e["source"], e["issue"], e["branch"]): e for e in reg}
    assert ("finding", "red-lines-in-notes:sec-ask-otp", "0101") in issues
    assert ("finding", "complaint-registered", "0202") in issues
    assert ("complaint", "C07", "0202") in issues
    otp_entry = issues[("finding", "red-lines-in-notes:sec-ask-otp", "0101")]
    assert otp_entry["hits"] == 1 and "验证码" in otp_entry["examples"][0]
    supervision.update_register(store, COMPLIANCE, otp_entry["id"], {"owner": "北京分行消保岗", "due_date": "2026-12-31",
                                                                       "status": "整改中", "measures": "全员培训"})
    out = tmp_path / "register.xlsx"
    r = hq_cli(hq_db, "register", "export", "--format", "xlsx", "--out", str(out))
    assert r.returncode == 0, r.stderr
    from openpyxl import load_workbook

    ws = load_workbook(out).active
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, [c.value for c in row])) for row in ws.iter_rows(min_row=2)]
    assert len(rows) == len(reg) and header[:3] == ["编号", "来源", "规则/问题"]
    mine = next(x for x in rows if x["规则/问题"] == "red-lines-in-notes:sec-ask-otp")
    assert mine["责任人"] == "北京分行消保岗" and mine["状态"] == "整改中" and mine["次数"] == 1
    blob = "".join(str(c.value) for row in ws.iter_rows() for c in row)
    assert "13812345678" not in blob and "张三丰" not in blob      # the complaint's caller and name stay masked
    # --- a notice published into the next signed pack ----------------------------------------------------------
    kb = tmp_path / "kb"
    shutil.copytree(REPO / "kb", kb)
    assert hq_cli(hq_db, "--help").returncode == 0
    key = tmp_path / "hq.key"
    from assist.core.kb.packs import keygen

    pub = keygen(key)
    notice = tmp_path / "notice.yaml"
    notice.write_text("title: 冒充客服“退款”诈骗风险提示\nrisk: 近期有不法分子冒充电商客服，以退款为由诱导客户提供验证码。\n"
                      "say:\n  - 我行不会以退款为由要求您提供验证码或转账。\ndont_say:\n  - 您把验证码告诉我，我帮您退款\n"
                      "effective_from: 2026-11-01\nmust_read: true\n", encoding="utf-8")
    r = hq_cli(hq_db, "notice", "publish", str(notice), "--kb", str(kb), "--key", str(key), "--actor", "wang")
    assert r.returncode == 0, r.stderr
    assert "published notice" in r.stdout and (kb / "VERSION").read_text().strip() == "2026.11.2"
    # --- the device imports the pack, the agent acknowledges ---------------------------------------------------
    from assist.core.kb.packs import active_kb_dir
    from assist.core.notices import reads

    store_dir = tmp_path / "kbstore-a"
    report = make_client(db_a, rx.url, tok_a, branch="0101", kb_store=store_dir, trusted_keys=[pub]).run_round()
    assert report.ok and report.kb_imported == "2026.11.2"
    device_kb = load_kb(active_kb_dir(store_dir))
    [card] = [c for c in device_kb.cards if c.is_notice]
    assert card.must_read and card.category == "风险提示函" and card.scripts
    assert [c.id for c in reads.unread(db_a, device_kb.cards, "A001", dt.date(2026, 11, 30))] == [card.id]
    reads.mark_read(db_a, card, "A001")
    assert reads.unread(db_a, device_kb.cards, "A001", dt.date(2026, 11, 30)) == [card]     # must-read: needs the ack
    reads.acknowledge(db_a, card, "A001", kb_version=device_kb.version)
    assert reads.unread(db_a, device_kb.cards, "A001", dt.date(2026, 11, 30)) == []
    assert make_client(db_a, rx.url, tok_a, branch="0101").run_round().ok
    # --- read rate at head office --------------------------------------------------------------------------------
    from assist.hq import notices

    [n] = notices.list_notices(store)
    assert n["status"] == "published" and n["kb_version"] == "2026.11.2"
    rates = {r["branch"]: r for r in supervision.read_rates(store, COMPLIANCE, n["id"], n["version"], True)}
    assert rates["0101"]["read"] == 1 and rates["0101"]["agents"] == 1 and rates["0101"]["rate"] == 1.0
    assert rates["0202"]["read"] == 0 and rates["0202"]["agents"] == 2 and rates["0202"]["rate"] == 0.0
    assert set(supervision.read_rates(store, User("li", "team-leader", "0202"), n["id"], n["version"], True)[0]) and \
        {r["branch"] for r in supervision.read_rates(store, User("li", "team-leader", "0202"), n["id"], n["version"], True)} == {"0202"}
    store.close()
    del dev_a, dev_b
