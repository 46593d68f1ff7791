"""Every released schema has a fixture DB here; each must upgrade to the current schema."""

from pathlib import Path
import shutil

import pytest

from assist.core.storage import open_db
from assist.core.storage.db import SCHEMA_SETS, schema_state

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db"
FIXTURE_FILES = sorted(FIXTURES.glob("*.sqlite3"))


def test_there_is_a_fixture_for_every_released_schema():
    assert FIXTURE_FILES, "no fixture databases"
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
