"""Every schema has a fixture DB here (discovered, not listed), and each upgrades to the current one.

A migration added without a fixture of the new schema fails
``test_the_current_schema_has_a_fixture``: write one with ``tests/fixtures/db/make_fixture.py``.
"""

import shutil
import sqlite3
from pathlib import Path

import pytest

from assist.schema import SCHEMA_SETS
from assist.schema import app_schema_state as schema_state
from assist.schema import open_app_db as open_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db"
FIXTURE_FILES = sorted(FIXTURES.glob("schema-*.sqlite3"))


def _applied(path: Path) -> set[tuple[str, str]]:
    con = sqlite3.connect(f"file:{path}?immutable=1", uri=True)   # reads the fixture without touching it (no -shm/-wal)
    try:
        return {(m, n) for m, n in con.execute("SELECT migration_set, name FROM _sqlite_migrations")}
    finally:
        con.close()


def test_the_current_schema_has_a_fixture():
    empty = open_db(None, migrate=False)
    current = {(ms.name, m.name) for ms in SCHEMA_SETS for m in ms.pending(empty)}
    covered = [f.name for f in FIXTURE_FILES if _applied(f) == current]
    missing = sorted(current - set().union(*(_applied(f) for f in FIXTURE_FILES)))
    assert covered, (f"no fixture database has the current schema (not in any fixture: {missing}); write one: "
                     "python tests/fixtures/db/make_fixture.py tests/fixtures/db/schema-next.sqlite3")


def test_the_first_and_the_released_schemas_are_kept():
    names = {f.stem for f in FIXTURE_FILES}
    assert {"schema-0001", "schema-0.1.0"} <= names  # the first migration, and release 0.1.0


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=lambda p: p.stem)
def test_fixture_upgrades_to_current_schema(fixture, tmp_path):
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    db = open_db(path)
    state = schema_state(db)
    for ms in SCHEMA_SETS:
        assert ms.pending(db) == [], f"{ms.name} left pending migrations"
        assert state[ms.name]
    # data written by the old schema is still there
    assert db.execute("SELECT opens FROM card_usage WHERE card_id = 'card-loss-debit'").fetchone()[0] == 3
    assert db.execute("SELECT COUNT(*) FROM calls").fetchone()[0] == 1


def test_a_complaint_saved_by_release_0_1_0_is_readable_after_the_upgrade(tmp_path):
    from assist.core.complaints import repo
    from assist.core.complaints.audit import verify_audit

    path = tmp_path / "r.sqlite3"
    shutil.copy(FIXTURES / "schema-0.1.0.sqlite3", path)
    db = open_db(path)
    [row] = repo.list_complaints(db)
    data = repo.get_complaint(db, row.id)
    assert data["contact_phone"] == "138****5678" and data["request"] == "退还年费"
    assert verify_audit(db) == []


def test_the_0_1_0_cases_upgrade_without_loss(tmp_path):
    """Cases the 0.1.0 clock handled (tests/fixtures/db/make_0_1_0_cases.py) keep every value and
    every due date; the receipt that 0.1.0 overwrote on a restart comes back from revision 1."""
    import datetime as dt
    import json

    from assist.core.complaints import case, repo
    from assist.core.complaints.audit import verify_audit

    path = tmp_path / "cases.sqlite3"
    shutil.copy(FIXTURES / "schema-0.1.0-cases.sqlite3", path)
    import sqlite3

    raw = sqlite3.connect(path)
    before = {cid: json.loads(data) for cid, data in raw.execute("SELECT id, data FROM complaints")}
    revisions = raw.execute("SELECT COUNT(*) FROM complaint_revisions").fetchone()[0]
    raw.close()
    db = open_db(path)
    assert verify_audit(db) == []
    today = dt.date(2026, 11, 28)
    after = {r.id: case.summary(db, r.id, today) for r in repo.list_complaints(db, today=today)}
    assert set(after) == set(before)
    for cid, old in before.items():
        new = after[cid]["record"]
        lost = {k: v for k, v in old.items() if k not in ("received_at", "updated_at") and new.get(k) != v}
        assert lost == {}, (old["ticket_no"], lost)
    by_ticket = {v["ticket_no"]: v for v in after.values()}
    restarted = by_ticket["0101-PC7-20261102-0001"]
    assert restarted["received_at"] == "2026-11-02T09:00" and restarted["restarts"] == ["2026-11-06"]
    assert restarted["due_date"] == "2026-11-21"                       # 15 days from the new material, as in 0.1.0
    assert any(h["action"] == "upgrade" and h["field"] == "received_at" for h in restarted["history"])
    sixty = by_ticket["0101-PC7-20261103-0001"]
    assert sixty["limit"] == 60 and sixty["due_date"] == "2027-01-02"
    assert [a["kind"] for a in sixty["alerts"] if a["clock"] == "extension"] == ["warn"]   # told 12-05, after day 30
    assert by_ticket["0101-PC7-20261104-0001"]["due_date"] == "2026-11-23"                 # closed appraisal pause
    assert by_ticket["0101-PC7-20261105-0001"]["paused"]                                    # open mediation pause
    assert by_ticket["0101-PC7-20261106-0001"]["review"]["due_date"] == "2026-12-20"
    assert by_ticket["0101-PC7-20261107-0001"]["documents_pending"] == []                  # POA was received in 0.1.0
    assert db.execute("SELECT COUNT(*) FROM complaint_revisions").fetchone()[0] == revisions + 1
    assert db.execute("SELECT COUNT(*) FROM outbox WHERE kind = 'complaint' AND record_id = ?", [restarted["id"]]).fetchone()[0] >= 1
    open_db(path)   # opening again changes nothing more
    assert db.execute("SELECT COUNT(*) FROM complaint_revisions").fetchone()[0] == revisions + 1
