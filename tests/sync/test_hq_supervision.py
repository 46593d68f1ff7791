"""Head office's side of 事后监督 without a browser (SQLite and PostgreSQL): accounts, passwords,
lockout and sessions; the read models kept in step with records; branch scoping; the register
following a complaint's new revision; notice publishing that changes nothing on an error."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys

import pytest

from assist.core.sync import protocol
from assist.hq import auth, notices, supervision
from assist.hq import stats as hq_stats
from assist.hq.auth import Accounts, AuthError, User
from tests.conftest import REPO

PW = "correct horse battery staple"
COMPLIANCE = User("wang", "compliance", "")


def test_passwords_are_scrypt_hashes_and_checked_in_constant_form():
    h = auth.hash_password(PW)
    algo, n, _r, _p, _salt, _digest = h.split("$")
    assert algo == "scrypt" and int(n) >= 2**14 and PW not in h
    assert auth.verify_password(PW, h) and not auth.verify_password(PW + "x", h)
    assert auth.hash_password(PW) != h                      # a new salt each time
    assert not auth.verify_password(PW, "md5$abc")


@pytest.mark.parametrize("name, role, branch, pw, words", [
    ("wang", "compliance", "", "short", "at least 12"),
    ("王", "qa", "", PW, "name"),
    ("li", "team-leader", "", PW, "--branch is required"),
    ("li", "boss", "", PW, "role"),
    ("li", "qa", "01-01", PW, "branch"),
])
def test_bad_account_input_names_the_field(hq_store, name, role, branch, pw, words):
    with pytest.raises(AuthError) as e:
        Accounts(hq_store.db).add(name, role, branch, pw)
    assert words in str(e.value)


def test_lockout_after_five_failures_and_unlock(hq_store):
    acc = Accounts(hq_store.db)
    acc.add("zhao", "qa", "", PW)
    t = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)
    for _ in range(4):
        assert acc.login("zhao", "wrong", t) == (None, "bad")
    token, why = acc.login("zhao", "wrong", t)
    assert token is None and why.startswith("locked:2026-12-01T01:15")
    assert acc.login("zhao", PW, t + dt.timedelta(minutes=5))[0] is None          # locked: even the right one
    assert acc.login("zhao", PW, t + dt.timedelta(minutes=16))[0]                  # the lock ends by itself
    for _ in range(5):
        acc.login("zhao", "wrong", t + dt.timedelta(minutes=20))
    acc.unlock("zhao")
    assert acc.login("zhao", PW, t + dt.timedelta(minutes=21))[0]
    assert acc.login("nobody", PW, t) == (None, "bad")                             # same answer as a wrong password
    actions = [a["action"] for a in hq_store.audit()]
    assert actions.count("user_locked") == 2 and "user_unlock" in actions
    assert PW not in json.dumps(hq_store.audit(), ensure_ascii=False)


def test_sessions_expire_when_idle_and_end_on_logout_or_disable(hq_store):
    acc = Accounts(hq_store.db)
    acc.add("zhao", "qa", "", PW)
    t = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)
    token, _ = acc.login("zhao", PW, t)
    s = acc.session(token, t + dt.timedelta(minutes=10))
    assert s.user == User("zhao", "qa", "") and auth.csrf_ok(s, s.csrf) and not auth.csrf_ok(s, "x")
    assert acc.session(token, t + dt.timedelta(minutes=41)) is None                # 30 idle minutes after the last use
    token, _ = acc.login("zhao", PW, t)
    acc.logout(token)
    assert acc.session(token, t) is None
    token, _ = acc.login("zhao", PW, t)
    acc.disable("zhao")
    assert acc.session(token, t) is None and acc.login("zhao", PW, t)[0] is None
    with hq_store.db.tx() as cur:
        stored = [r[0] for r in cur.execute("SELECT id_hash FROM hq_sessions").fetchall()]
    assert token not in stored


def _complaint(cid: str, reason: str, flags: list[str], status: str = "处理中") -> dict:
    return {"id": cid, "ticket_no": f"T-{cid}", "status": status, "level": "普通", "risk_flags": flags,
            "received_at": "2026-11-20T09:30", "due_date": "2026-12-02", "channel_A": "A0302", "business_B": "B03",
            "reason_C": reason, "product_name": "白金信用卡", "facts": "客户卡号6222021234567890123被扣年费", "org_unit": "测试分行",
            "agent_id": "A001"}


def test_the_register_follows_a_complaints_new_revision(hq_store):
    dev, _ = hq_store.device_add("0101")
    hq_store.upsert(dev, [protocol.Record("complaint", "c1", 1, _complaint("c1", "C07", []))])
    hq_store.upsert(dev, [protocol.Record("complaint", "c2", 1, _complaint("c2", "C07", ["舆情"]))])
    entries = {e["issue"]: e for e in supervision.register(hq_store, COMPLIANCE, limit=None).rows}
    assert entries["C07"]["hits"] == 2 and "6222021234567890123" not in json.dumps(entries, ensure_ascii=False)
    hq_store.upsert(dev, [protocol.Record("complaint", "c1", 2, _complaint("c1", "C04", []))])   # reclassified
    entries = {e["issue"]: e for e in supervision.register(hq_store, COMPLIANCE, limit=None).rows}
    assert entries["C07"]["hits"] == 1 and entries["C04"]["hits"] == 1
    hq_store.upsert(dev, [protocol.Record("complaint", "c1", 2, _complaint("c1", "C04", []))])   # a resend: no change
    assert {e["issue"]: e["hits"] for e in supervision.register(hq_store, COMPLIANCE, limit=None).rows} == {"C07": 1, "C04": 1}
    hr, counts = supervision.high_risk(hq_store, COMPLIANCE, today=dt.date(2026, 11, 20))
    assert [r["id"] for r in hr.rows] == ["c2"] and counts == {"0101": 1}
    hr, _ = supervision.high_risk(hq_store, COMPLIANCE, today=dt.date(2026, 11, 30))          # D-2: both
    assert {r["id"] for r in hr.rows} == {"c1", "c2"} and "D-2" in hr.rows[0]["why"]
    hq_store.upsert(dev, [protocol.Record("complaint", "c1", 3, _complaint("c1", "C04", [], status="已办结"))])
    assert [r["id"] for r in supervision.high_risk(hq_store, COMPLIANCE, today=dt.date(2026, 11, 30))[0].rows] == ["c2"]


def test_reproject_rebuilds_the_read_models_from_the_records(hq_store):
    dev, _ = hq_store.device_add("0101")
    hq_store.upsert(dev, [protocol.Record("complaint", "c1", 1, _complaint("c1", "C07", ["监管"]))])
    with hq_store.db.tx() as cur:
        for t in ("hq_complaints", "hq_register", "hq_register_hits", "hq_agents"):
            cur.execute(f"DELETE FROM {t}")
    assert hq_store.reproject() == 1
    assert supervision.complaint_detail(hq_store, COMPLIANCE, "c1")["high_risk"] == 1
    assert supervision.register(hq_store, COMPLIANCE).total == 1


def test_edits_are_checked_and_audited(hq_store):
    dev, _ = hq_store.device_add("0101")
    hq_store.upsert(dev, [protocol.Record("complaint", "c1", 1, _complaint("c1", "C07", []))])
    [e] = supervision.register(hq_store, COMPLIANCE, limit=None).rows
    with pytest.raises(supervision.NotAllowed):
        supervision.update_register(hq_store, User("zhao", "qa", ""), e["id"], {"status": "已关闭"})
    with pytest.raises(supervision.BadInput) as bad:
        supervision.update_register(hq_store, COMPLIANCE, e["id"], {"status": "整改中"})
    assert bad.value.field == "owner"
    with pytest.raises(supervision.BadInput) as bad:
        supervision.update_register(hq_store, COMPLIANCE, e["id"], {"status": "已整改", "due_date": "31/12/2026"})
    assert "YYYY-MM-DD" in str(bad.value)
    supervision.update_register(hq_store, COMPLIANCE, e["id"], {"status": "整改中", "owner": "消保岗", "due_date": "2026-12-31"})
    with pytest.raises(supervision.NotAllowed):
        supervision.register_entry(hq_store, User("li", "team-leader", "0202"), e["id"])
    with pytest.raises(supervision.BadInput):
        supervision.set_sample_rate(hq_store, COMPLIANCE, "120")
    with pytest.raises(supervision.NotAllowed):
        supervision.set_sample_rate(hq_store, User("li", "team-leader", "0101"), "10")
    hq_stats.set_root_cause(hq_store, COMPLIANCE, "C07", {"root_cause": "收费告知不到位", "fix_status": "整改中"})
    st = hq_stats.stats(hq_store, COMPLIANCE, week_from="2026-W01", week_to="2026-W53")
    assert st["total"] == 1 and st["causes"][0]["root_cause"] == "收费告知不到位" and st["reason"][0]["label"] == "定价收费"
    assert [a["action"] for a in hq_store.audit()][-2:] == ["register_edit", "root_cause"]


def _notice_file(tmp_path, say: str = "我行不会以退款为由要求您提供验证码或转账。"):
    p = tmp_path / "notice.yaml"
    p.write_text(f"title: 冒充客服退款诈骗风险提示\nrisk: 近期有人冒充客服。\nsay: [{say}]\n"
                 "dont_say: [您把验证码告诉我，我帮您退款]\neffective_from: 2026-11-01\n", encoding="utf-8")
    return p


def test_a_notice_that_fails_changes_nothing_and_a_changed_one_is_a_new_version(hq_store, tmp_path):
    from assist.core.kb.packs import keygen
    from assist.core.notices.notice import load_notice_file

    kb = tmp_path / "kb"
    shutil.copytree(REPO / "kb", kb)
    keygen(tmp_path / "k")
    bad = load_notice_file(_notice_file(tmp_path, "请把短信验证码告诉我"))
    with pytest.raises(notices.PublishError) as e:
        notices.publish(hq_store, bad, kb, tmp_path / "k", actor="wang")
    assert "sec-ask-otp" in str(e.value)
    assert (kb / "VERSION").read_text().strip() == "2026.11.1" and not (kb / "cards" / "风险提示函").exists()
    assert hq_store.latest_pack() is None
    good = load_notice_file(_notice_file(tmp_path))
    info = notices.publish(hq_store, good, kb, tmp_path / "k", actor="wang")
    assert info["kb_version"] == "2026.11.2" and hq_store.latest_pack()["kb_version"] == "2026.11.2"
    with pytest.raises(notices.PublishError, match="already published"):
        notices.publish(hq_store, good, kb, tmp_path / "k", actor="wang")
    import dataclasses

    info = notices.publish(hq_store, dataclasses.replace(good, risk="近期有人冒充客服，已有客户受骗。"), kb, tmp_path / "k", actor="wang")
    [n] = notices.list_notices(hq_store)
    assert info["kb_version"] == "2026.11.3" and n["version"] == 2
    card = (kb / "cards" / "风险提示函" / f"{good.id}.md").read_text(encoding="utf-8")
    assert "kind: notice" in card and "version: 2" in card and "已有客户受骗" in card


def test_cli_user_and_register_export_and_bad_input(hq_db, tmp_path):
    def run(*a, stdin=""):
        return subprocess.run([sys.executable, "-m", "assist.hq", "--db", hq_db, *a], input=stdin, capture_output=True,
                              text=True, cwd=REPO, timeout=120)

    r = run("user", "add", "li", "--role", "team-leader", "--password-stdin", stdin=PW + "\n")
    assert r.returncode == 1 and "--branch is required" in r.stderr
    r = run("user", "add", "li", "--role", "team-leader", "--branch", "0101", "--password-stdin", stdin=PW + "\n")
    assert r.returncode == 0 and "branch 0101 only" in r.stdout
    r = run("user", "list", "--json")
    assert json.loads(r.stdout)[0]["name"] == "li" and PW not in r.stdout and "scrypt" not in r.stdout
    r = run("register", "export", "--format", "csv", "--out", str(tmp_path / "r.csv"))
    assert r.returncode == 0 and (tmp_path / "r.csv").read_bytes().startswith("\ufeff编号".encode())
    r = run("qa", "sample-rate", "7.5")
    assert r.returncode == 0 and "7.5%" in r.stdout
    r = run("notice", "publish", str(tmp_path / "missing.yaml"), "--kb", str(REPO / "kb"), "--key", "k")
    assert r.returncode == 1 and "missing.yaml:1: file is missing" in r.stderr
