"""`assist complaints show|status|extend|pause|resume|repeat|review|export --unmasked` on a real
SQLite file: exit 0 done, 1 refused by the rules (with the reason), 2 usage error."""

from __future__ import annotations

import json

import keyring
import pytest
from keyring.backends import fail

from assist.app import main
from assist.core.complaints import repo
from assist.core.complaints.audit import verify_audit
from assist.core.privacy.crypto import FieldCipher
from assist.paths import Paths
from assist.schema import open_app_db as open_db
from assist.settings import Settings
from tests.conftest import kb_rules
from tests.core.test_complaints_privacy import FORM, PHONE, RID

NOTICE_ARGS = ["--decision", "同意退还年费", "--basis", "收费前未充分告知", "--remedies", "核查,调解,仲裁,诉讼",
               "--notice-method", "电话", "--notice-sent-at", "2026-03-12T10:00", "--evidence", "REC-001"]


@pytest.fixture
def case(tmp_path):
    """A basedir with one saved complaint (full phone and ID kept encrypted); agent A001."""
    paths = Paths.from_basedir(tmp_path).ensure()
    st = Settings.load(paths.settings_file)
    st.set("agent.staff_id", "A001")
    st.save()
    db = open_db(paths.db_file)
    saved = repo.save_complaint(db, FORM, **kb_rules(), actor="A001", branch="0101", device="PC7", now="2026-03-02T10:00:00",
                                cipher=FieldCipher.from_keyring(keyring))
    db.conn.close()

    def run(*argv: str) -> int:
        return main(["--basedir", str(tmp_path), "complaints", *argv])

    run.ticket, run.id, run.paths = saved.ticket_no, saved.id, paths  # type: ignore[attr-defined]
    return run


def show(case, capsys, today="2026-03-15"):
    capsys.readouterr()
    assert case("show", case.ticket, "--json", "--today", today) == 0
    return json.loads(capsys.readouterr().out)


def test_show_gives_masked_record_due_date_days_left_d3_alert_and_history(case, capsys):
    info = show(case, capsys)
    assert info["ticket_no"] == case.ticket and info["status"] == "受理"
    assert info["due_date"] == "2026-03-17" and info["days_left"] == 2 and info["limit"] == 15
    assert [a["kind"] for a in info["alerts"]] == ["warn"] and "还剩 2 天" in info["alerts"][0]["message"]
    assert info["record"]["contact_phone"] == "138****5678" and info["next_statuses"] == ["处理中", "已撤回", "不予办理"]
    assert any(h["action"] == "create" for h in info["history"])
    assert case("show", case.ticket, "--today", "2026-03-15") == 0
    out = capsys.readouterr().out
    assert "⚠ 预警 / warning" in out and "剩余 2 天 / 2 day(s) left" in out and "138****5678" in out
    assert PHONE not in out and RID not in out and "张三丰" not in out
    assert "2 day(s) left until the 15-day limit" in out                              # the warning in both languages
    assert "受理登记" in out and "create id:" not in out                                # one plain line per action
    assert case("show", case.ticket, "--today", "2026-03-15", "--audit") == 0
    out = capsys.readouterr().out
    assert "audit trail (masked)" in out and "create" in out and PHONE not in out    # the raw trail on request
    assert case("show", "0101-NOPE") == 2
    assert "找不到投诉单" in capsys.readouterr().err


def test_status_lifecycle_refusals_and_decision_notice(case, capsys):
    assert case("status", case.ticket, "--to", "处理中") == 0          # actor from settings
    assert "saved revision 2" in capsys.readouterr().out
    assert case("status", case.ticket, "--to", "已办结") == 1
    err = capsys.readouterr().err
    assert "不能从“处理中”改为“已办结”" in err and "refused" in err
    assert case("status", case.ticket, "--to", "已答复", "--decision", "同意") == 1
    assert "依据和理由未填写" in capsys.readouterr().err
    assert case("status", case.ticket, "--to", "已答复", *NOTICE_ARGS) == 0
    info = show(case, capsys)
    assert info["status"] == "已答复" and info["record"]["notice_method"] == "电话" and info["days_left"] is None
    assert info["record"]["contact_phone"] == "138****5678"     # a status change does not mask the mask again
    assert case("status", case.ticket, "--to", "不予办理") == 1
    with pytest.raises(SystemExit) as ei:
        case("status", case.ticket, "--to", "已关闭")
    assert ei.value.code == 2


def test_not_accepted_needs_a_reason(case, capsys):
    assert case("status", case.ticket, "--to", "不予办理") == 1
    assert "不予办理须写明理由" in capsys.readouterr().err
    assert case("status", case.ticket, "--to", "不予办理", "--reason", "非投诉人本人或代理人提出") == 0


def test_extend_30_then_60_needs_reason_approver_and_notice(case, capsys):
    assert case("extend", case.ticket, "--days", "30") == 1            # Art 18: the reason is recorded
    assert "须写明原因" in capsys.readouterr().err
    assert case("extend", case.ticket, "--days", "30", "--reason", "需调取交易流水核实") == 0
    info = show(case, capsys)
    assert info["due_date"] == "2026-04-01" and info["extension_reason"] == "需调取交易流水核实"
    assert case("extend", case.ticket, "--days", "60", "--reason", "需商户配合") == 1
    assert "上级机构或总行高级管理人员批准" in capsys.readouterr().err
    assert case("extend", case.ticket, "--days", "60", "--reason", "需商户配合", "--approver", "上级机构",
                "--approver-name", "王行长") == 1
    assert "须告知投诉人" in capsys.readouterr().err
    assert case("extend", case.ticket, "--days", "60", "--reason", "需商户配合", "--approver", "总行高管", "--approver-name", "王行长",
                "--notified-at", "3月20日") == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert case("extend", case.ticket, "--days", "60", "--reason", "需商户配合", "--approver", "总行高管", "--approver-name", "王行长",
                "--notified-at", "2026-03-20") == 0
    info = show(case, capsys)
    assert info["limit"] == 60 and info["due_date"] == "2026-05-01" and info["record"]["extension_approver_role"] == "总行高管"
    assert info["extension_reason"] == "需商户配合"
    assert case("extend", case.ticket, "--days", "30", "--reason", "x") == 1


def test_pause_resume_and_repeat(case, capsys):
    assert case("pause", case.ticket, "--type", "鉴定", "--from", "2026-03-05", "--notified-at", "2026-03-05") == 1
    assert "外部鉴定机构的名称" in capsys.readouterr().err                  # Art 18: name the external body
    assert case("pause", case.ticket, "--type", "鉴定", "--from", "2026-03-05", "--notified-at", "2026-03-05",
                "--body", "本行内部核查组") == 1
    assert "内部调查核实不能中止计时" in capsys.readouterr().err
    assert case("pause", case.ticket, "--type", "鉴定", "--from", "2026-03-05", "--notified-at", "2026-03-05",
                "--body", "某某司法鉴定所") == 0
    info = show(case, capsys, today="2026-03-10")
    assert info["paused"] and info["pauses"][0]["type"] == "鉴定" and info["pauses"][0]["to"] == ""
    assert info["pauses"][0]["body"] == "某某司法鉴定所" and info["due_projected"]
    assert case("pause", case.ticket, "--type", "调解", "--from", "2026-03-09", "--body", "某某金融纠纷调解中心") == 1
    assert "未结束的中止期间" in capsys.readouterr().err
    assert case("resume", case.ticket, "--to", "2026-03-08") == 0
    assert show(case, capsys)["due_date"] == "2026-03-20"             # 3 days (5th, 6th, 7th) not counted
    assert case("repeat", case.ticket, "--received", "2026-03-10") == 0
    assert "merged" in capsys.readouterr().out
    assert show(case, capsys)["due_date"] == "2026-03-20"
    assert case("repeat", case.ticket, "--received", "2026-03-12", "--new-facts") == 0
    assert "restarts from 2026-03-12" in capsys.readouterr().out
    info = show(case, capsys)
    assert info["due_date"] == "2026-03-27" and "重复投诉" in info["risk_flags"] and len(info["repeats"]) == 2
    # Art 18: the restart keeps the original receipt
    assert info["received_at"] == "2026-03-02T09:30" and info["clock_started_at"] == "2026-03-12"
    assert info["restarts"] == ["2026-03-12"]


def test_review_clock_and_late_request_flagged(case, capsys):
    assert case("review", case.ticket, "--requested-at", "2026-03-20") == 1   # not yet decided
    assert "不能从“受理”改为“核查中”" in capsys.readouterr().err
    case("status", case.ticket, "--to", "处理中")
    case("status", case.ticket, "--to", "已答复", *NOTICE_ARGS)
    capsys.readouterr()
    assert case("review", case.ticket, "--requested-at", "2026-04-20") == 0
    out = capsys.readouterr().out
    assert "review due 2026-05-20" in out and "late" in out
    review = show(case, capsys, today="2026-05-18")["review"]
    assert review == {"requested_at": "2026-04-20", "request_deadline": "2026-04-11", "late": True,
                      "due_date": "2026-05-20", "days_left": 2, "decided_at": None}


def test_export_unmasked_with_keyring_decrypts_and_audits_each_complaint(case, capsys):
    capsys.readouterr()
    assert case("export", "--format", "jsonl", "--unmasked") == 2
    assert "--reason" in capsys.readouterr().err
    assert case("export", "--format", "jsonl", "--unmasked", "--reason", "总行稽核调阅") == 0
    (rec,) = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert rec["contact_phone"] == PHONE and rec["id_doc_no"] == RID and rec["unmasked_fields"] == ["contact_phone", "id_doc_no"]
    assert rec["complainant_name"] == "张**"     # names are only ever stored masked
    db = open_db(case.paths.db_file)
    (ev,) = [h for h in repo.history(db, case.id) if h["action"] == "export_unmasked"]
    assert ev["actor"] == "A001" and ev["field"] == "contact_phone,id_doc_no" and "稽核" in ev["new"]
    assert verify_audit(db) == []
    assert case("export", "--format", "csv", "--unmasked", "--reason", "核对", "--actor", "B002") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("id_doc_no,agent_phone,legal_rep_phone") and PHONE in lines[1] and RID in lines[1]
    assert [h["actor"] for h in repo.history(db, case.id) if h["action"] == "export_unmasked"] == ["A001", "B002"]
    assert case("export", "--format", "csv") == 0
    assert PHONE not in capsys.readouterr().out


def test_export_unmasked_without_keyring_refuses_and_exports_nothing(case, capsys):
    keyring.set_keyring(fail.Keyring())
    capsys.readouterr()
    out_file = case.paths.db_file.parent / "out.jsonl"
    assert case("export", "--format", "jsonl", "--unmasked", "--reason", "稽核", "-o", str(out_file)) == 2
    cap = capsys.readouterr()
    assert cap.out == "" and "密钥环不可用" in cap.err and "no system keyring" in cap.err and not out_file.exists()
    db = open_db(case.paths.db_file)
    assert [h for h in repo.history(db, case.id) if h["action"] == "export_unmasked"] == []


def test_no_actor_is_a_usage_error(case, capsys):
    st = Settings.load(case.paths.settings_file)
    st.set("agent.staff_id", "")
    st.save()
    assert case("status", case.ticket, "--to", "处理中") == 2
    assert "agent.staff_id" in capsys.readouterr().err
    assert case("status", case.ticket, "--to", "处理中", "--actor", "C003") == 0


def test_reveal_prints_the_callback_number_only_with_a_reason_and_audits_it(case, capsys):
    assert case("reveal", case.ticket, "--reason", "") == 1  # a reason is required
    assert "reason" in capsys.readouterr().err
    assert case("reveal", case.ticket, "--reason", "回访客户") == 0
    assert capsys.readouterr().out.strip() == PHONE
    db = open_db(case.paths.db_file)
    reveals = db.execute("SELECT field, actor FROM audit_log WHERE action = 'reveal'").fetchall()
    assert reveals == [("contact_phone", "A001")] and verify_audit(db) == []
    assert case("reveal", "0101-NOPE-20260302-0001", "--reason", "x") == 2


def test_reveal_without_a_keyring_refuses(case, capsys):
    keyring.set_keyring(fail.Keyring())
    assert case("reveal", case.ticket, "--reason", "回访客户") == 1
    assert PHONE not in capsys.readouterr().out


def test_sync_conflicts_can_be_closed(tmp_path, capsys):
    from assist.core.sync import local

    paths = Paths.from_basedir(tmp_path).ensure()
    db = open_db(paths.db_file)
    local.record_conflict(db, "complaint", "c1", 3, 2, "head office holds revision 3")
    [row] = local.open_conflicts(db)
    db.conn.close()
    assert main(["--basedir", str(tmp_path), "sync", "--resolve", str(row["id"])]) == 0
    assert main(["--basedir", str(tmp_path), "sync", "--conflicts"]) == 0
    assert "no conflicts" in capsys.readouterr().out
    assert main(["--basedir", str(tmp_path), "sync", "--resolve", str(row["id"])]) == 2
