"""`assist complaints add [FILE|-] [--json]`: one intake as JSON, the form's defaults and validation,
saved like a form save (ticket, revision, audit, outbox, encrypted callback number)."""

from __future__ import annotations

import io
import json

import pytest

from assist.app import main
from assist.core.complaints import repo
from assist.core.complaints.audit import verify_audit
from assist.paths import Paths
from assist.schema import open_app_db as open_db
from assist.settings import Settings

INTAKE = {"source": "监管转办", "regulator_ref": "JG-2026-000123", "received_at": "2026-03-02T16:00",
          "complainant_type": "委托代理人", "complainant_name": "张三丰", "agent_name": "李律", "contact_phone": "13812345678",
          "respondent_org": "朝阳支行", "channel_A": "A0302", "business_B": "B03", "business_B_sub": "B0309",
          "reason_C": "C07", "request": "停止催收，协商个性化分期", "facts": "失业后无力还款", "demand_D": ["D11"]}


@pytest.fixture
def env(tmp_path, monkeypatch):
    paths = Paths.from_basedir(tmp_path).ensure()
    st = Settings.load(paths.settings_file)
    for k, v in {"agent.staff_id": "A001", "org.name": "北京分行", "org.branch_code": "0101", "org.device_id": "PC7"}.items():
        st.set(k, v)
    st.save()

    def run(*argv: str, stdin: object | None = None) -> int:
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", io.StringIO(stdin if isinstance(stdin, str) else json.dumps(stdin, ensure_ascii=False)))
        return main(["--basedir", str(tmp_path), "complaints", *argv])

    run.paths = paths  # type: ignore[attr-defined]
    return run


def test_add_from_stdin_saves_like_the_form_and_prints_ticket_and_due_date(env, capsys):
    assert env("add", "--json", stdin=INTAKE) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ticket_no"].startswith("0101-PC7-") and out["due_date"] == "2026-03-17" and out["due_basis"] == "statutory"
    assert any("授权委托书" in r for r in out["reminders"])       # Art 14: saved without the POA, reminder given
    db = open_db(env.paths.db_file)
    rec = repo.get_complaint(db, out["ticket_no"])
    assert rec["contact_phone"] == "138****5678" and rec["agent_id"] == "A001" and rec["org_unit"] == "北京分行"
    assert rec["documents_pending"] == ["授权委托书"] and rec["receipt_day_counts"] is False
    assert next(h["action"] for h in repo.history(db, out["id"])) == "create" and verify_audit(db) == []
    assert db.execute("SELECT COUNT(*) FROM outbox WHERE kind = 'complaint'").fetchone()[0] == 1
    assert repo.protected_fields(db, out["id"]) == ["contact_phone"]   # the full number kept encrypted, as the form does
    # show --json carries the same due date
    assert env("show", out["ticket_no"], "--json", "--today", "2026-03-05") == 0
    assert json.loads(capsys.readouterr().out)["due_date"] == "2026-03-17"


def test_add_from_a_file_plain_output_and_agreed_date(env, capsys, tmp_path):
    f = tmp_path / "intake.json"
    f.write_text(json.dumps({**INTAKE, "complainant_type": "本人", "agreed_due_date": "2026-03-31",
                             "agreement_evidence_ref": "REC-0302-7"}, ensure_ascii=False), encoding="utf-8")
    assert env("add", str(f)) == 0
    out = capsys.readouterr().out
    assert "答复期限 due: 2026-03-31" in out and "agreed" in out and "受理编号 ticket: 0101-PC7-" in out


def test_add_refuses_with_the_form_messages_and_saves_nothing(env, capsys):
    bad = {**INTAKE, "contact_phone": "12345", "business_B": "B04"}
    bad.pop("request")
    assert env("add", "--json", stdin=bad) == 1
    errs = {e["key"] for e in json.loads(capsys.readouterr().out)["errors"]}
    assert errs == {"contact_phone.invalid", "request.required", "business_B_sub.parent"}
    assert env("add", stdin=bad) == 1
    err = capsys.readouterr().err
    assert "联系电话" in err and "11位" in err and "contact phone" in err
    assert repo.list_complaints(open_db(env.paths.db_file)) == []


def test_add_names_unknown_system_and_case_fields(env, capsys):
    bad = {**INTAKE, "recieved_at": "2026-03-02", "ticket_no": "X-1", "due_date": "2026-04-30", "extension": "30",
           "poa_received": "yes"}
    assert env("add", "--json", stdin=bad) == 1
    errs = {e["field"]: e for e in json.loads(capsys.readouterr().out)["errors"]}
    assert "received_at" in errs["recieved_at"]["message"]                 # did you mean
    assert "agreed_due_date" in errs["due_date"]["message"] and errs["ticket_no"]["key"] == "ticket_no.system"
    assert "assist complaints extend" in errs["extension"]["message"] and errs["poa_received"]["key"] == "poa_received.type"


def test_add_usage_errors(env, capsys, tmp_path):
    assert env("add", "--json", stdin="{not json") == 2
    assert "input.json" in capsys.readouterr().out
    assert env("add", str(tmp_path / "missing.json")) == 2
    assert "无法读取" in capsys.readouterr().err
    assert env("add", stdin="[1, 2]") == 1
    assert "JSON 对象" in capsys.readouterr().err


def test_an_exported_line_is_refused_for_its_system_fields_only(env, capsys):
    assert env("add", "--json", stdin=INTAKE) == 0
    capsys.readouterr()
    assert env("export", "--format", "jsonl") == 0
    line = json.loads(capsys.readouterr().out.splitlines()[0])
    assert env("add", "--json", stdin=line) == 1
    fields = {e["field"] for e in json.loads(capsys.readouterr().out)["errors"]}
    assert "due_date" in fields and "ticket_no" in fields and "complainant_name" not in fields


def test_add_takes_the_actor_as_the_agent_when_nothing_else_names_one(env, capsys):
    st = Settings.load(env.paths.settings_file)
    st.set("agent.staff_id", "")
    st.save()
    assert env("add", "--json", stdin=INTAKE) == 2
    assert "agent_id.required" in capsys.readouterr().out
    assert env("add", "--json", "--actor", "B002", stdin=INTAKE) == 0
    out = json.loads(capsys.readouterr().out)
    db = open_db(env.paths.db_file)
    assert repo.get_complaint(db, out["id"])["agent_id"] == "B002"
    assert repo.history(db, out["id"])[0]["actor"] == "B002"
