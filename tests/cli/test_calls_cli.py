import json

from assist.app import main
from assist.core.storage import panel
from assist.paths import Paths
from assist.schema import open_app_db as open_db
from tests.conftest import kb_rules


def test_calls_list_and_show_give_each_step_with_its_time(tmp_path, capsys):
    paths = Paths.from_basedir(tmp_path).ensure()
    db = open_db(paths.db_file)
    panel.start_call(db, "c0ffee-1", "2026-11-26T10:00:00+08:00", "138****5678", "年费", "投诉", "ipc")
    panel.add_call_event(db, "c0ffee-1", "2026-11-26T10:00:20+08:00", "tick", {"item": "greet-staff-id", "on": True})
    panel.add_call_event(db, "c0ffee-1", "2026-11-26T10:01:00+08:00", "script_used", {"card": "complaint-deadline-15", "script": "告知时限"})
    panel.end_call(db, "c0ffee-1", "2026-11-26T10:05:00+08:00")
    db.conn.close()
    assert main(["--basedir", str(tmp_path), "calls", "list", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["caller"] == "138****5678" and row["events"] == 4 and row["ended_at"].startswith("2026-11-26T10:05")
    assert main(["--basedir", str(tmp_path), "calls", "show", "c0ffee", "--json"]) == 0
    kinds = [(e["at"][11:19], e["kind"]) for e in json.loads(capsys.readouterr().out)["events"]]
    assert kinds == [("10:00:00", "start"), ("10:00:20", "tick"), ("10:01:00", "script_used"), ("10:05:00", "end")]
    assert main(["--basedir", str(tmp_path), "calls", "show", "c0ffee"]) == 0
    assert "script_used" in capsys.readouterr().out
    assert main(["--basedir", str(tmp_path), "calls", "show", "nope"]) == 2
    assert "no call with that id" in capsys.readouterr().err


def test_calls_list_names_the_complaints_of_each_call(tmp_path, capsys):
    from assist.core.complaints import repo
    from tests.core.test_deadline_engine import FORM

    paths = Paths.from_basedir(tmp_path).ensure()
    db = open_db(paths.db_file)
    panel.start_call(db, "c0ffee-2", "2026-03-02T09:30:00+08:00", "138****5678", "年费", "投诉", "ipc")
    saved = repo.save_complaint(db, {**FORM, "call_id": "c0ffee-2"}, **kb_rules(), actor="A001", branch="0101", device="PC7",
                                now="2026-03-02T10:00:00")
    db.conn.close()
    assert main(["--basedir", str(tmp_path), "calls", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["complaints"] == [saved.ticket_no]
    assert main(["--basedir", str(tmp_path), "calls", "list"]) == 0
    assert saved.ticket_no in capsys.readouterr().out
    assert main(["--basedir", str(tmp_path), "calls", "show", "c0ffee-2"]) == 0
    assert "complaint_link" in capsys.readouterr().out
