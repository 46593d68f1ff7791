"""The audit chain on a real SQLite file: intact, tampered (named row), truncated; CLI exit codes."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from assist.core.complaints import repo
from assist.core.complaints.audit import verify_audit
from assist.schema import open_app_db as open_db
from tests.conftest import kb_rules

ROOT = Path(__file__).resolve().parents[2]
FORM = dict(agent_id="A001", org_unit="北京分行", source="客服热线", received_at="2026-03-02T09:30",
            complainant_type="本人", complainant_name="张三", contact_phone="13812345678",
            respondent_org="朝阳支行", channel_A="A0302", business_B="B03", reason_C="C07",
            request="退还年费", facts="未告知即扣年费", demand_D=["D02"])


@pytest.fixture
def dbfile(tmp_path):
    base = tmp_path / "b"
    path = base / "data" / "assist.sqlite3"
    db = open_db(path)
    s = repo.save_complaint(db, FORM, **kb_rules(), actor="A001", branch="0101", device="PC7")
    repo.save_complaint(db, {**FORM, "id": s.id, "amount_involved": "200"}, **kb_rules(), actor="A002", branch="0101", device="PC7")
    repo.change_status(db, s.id, "处理中", actor="A001")
    db.conn.close()
    return base, path


def verify_cli(base):
    return subprocess.run([sys.executable, "-m", "assist", "--basedir", str(base), "audit", "verify"],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_intact(dbfile):
    base, path = dbfile
    assert verify_audit(open_db(path)) == []
    r = verify_cli(base)
    assert r.returncode == 0 and "intact" in r.stdout


def test_update_refused_by_trigger(dbfile):
    _, path = dbfile
    con = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute("UPDATE audit_log SET new = 'x' WHERE id = 3")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute("DELETE FROM audit_log WHERE id = 3")
    con.close()


def test_edit_with_sqlite3_is_named(dbfile):
    base, path = dbfile
    con = sqlite3.connect(path)
    row_id = con.execute("SELECT id FROM audit_log WHERE field = 'amount_involved'").fetchone()[0]
    con.close()
    script = (f"DROP TRIGGER audit_log_no_update; UPDATE audit_log SET new = '2' WHERE id = {row_id};"
              "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'append-only'); END;")
    if shutil.which("sqlite3"):   # the sqlite3 shell, as someone editing the file outside the app would
        subprocess.run(["sqlite3", str(path), script], check=True, timeout=30)
    else:
        con = sqlite3.connect(path)
        con.executescript(script)
        con.close()
    problems = verify_audit(open_db(path))
    assert [p.row_id for p in problems] == [row_id]
    assert "was edited" in problems[0].message
    r = verify_cli(base)
    assert r.returncode == 1 and f"row {row_id}:" in r.stdout


def test_edit_with_recomputed_hash_names_next_row(dbfile):
    from assist.core.complaints.audit import row_hash

    _, path = dbfile
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    row = dict(con.execute("SELECT * FROM audit_log WHERE id = 2").fetchone())
    row["new"] = "李四"
    con.executescript("DROP TRIGGER audit_log_no_update;")
    con.execute("UPDATE audit_log SET new = ?, hash = ? WHERE id = 2", [row["new"], row_hash(row)])
    con.commit()
    con.close()
    problems = verify_audit(open_db(path))
    assert 3 in [p.row_id for p in problems]
    assert any("audit_log_no_update" in p.message for p in problems)


def test_deleted_last_rows_detected(dbfile):
    base, path = dbfile
    con = sqlite3.connect(path)
    last = con.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    con.executescript(f"DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = {last};"
                      "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;")
    con.close()
    problems = verify_audit(open_db(path))
    assert [p.row_id for p in problems] == [last] and "removed" in problems[0].message
    assert verify_cli(base).returncode == 1


def test_deleted_middle_row_detected(dbfile):
    _, path = dbfile
    con = sqlite3.connect(path)
    con.executescript("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 2;"
                      "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;")
    con.close()
    assert [p.row_id for p in verify_audit(open_db(path))] == [3]
