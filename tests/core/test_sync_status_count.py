"""The sync status counts RECORDS waiting, not outbox rows (revisions, audit rows, events)."""

from __future__ import annotations

import pytest

from assist.core.complaints import case, repo
from assist.core.storage import outbox
from assist.core.sync import status
from assist.core.sync.status import read_status, waiting_records
from assist.schema import open_app_db as open_db
from tests.conftest import kb_rules
from tests.core.test_complaints_storage import FORM


@pytest.fixture
def db():
    return open_db(None)


def save(db, **extra):
    return repo.save_complaint(db, {**FORM, **extra}, **kb_rules(), actor="A001", branch="0101", device="PC7",
                               now="2026-03-02T10:00:00")


def test_one_complaint_is_one_record_waiting(db):
    s = save(db)
    rows = outbox.pending_count(db)
    assert rows > 10                                     # its revision and one audit row per field
    st = read_status(db)
    assert st.waiting == 1 and st.waiting_rows == rows and st.state == "waiting"
    case.change_status(db, s.id, "处理中", actor="A001")    # a second revision, more audit rows: still one record
    assert read_status(db).waiting == 1
    save(db, complainant_name="李四")
    outbox.enqueue(db, "search_miss", "miss-1", 1, {"q": "火星开户"})
    outbox.enqueue(db, "audit", "9999", 1, {"a": 1})       # an audit row of no record counts on its own
    assert read_status(db).waiting == 4
    assert "waiting: 4" in read_status(db).lines("en")


def test_the_count_without_sqlite_json_functions(db, monkeypatch):
    save(db)
    outbox.enqueue(db, "search_miss", "miss-1", 1, {"q": "x"})
    expected = waiting_records(db)
    monkeypatch.setattr(status, "_RECORD_KEY", "no_such_function(payload)")
    assert expected == 2 and waiting_records(db) == 2
