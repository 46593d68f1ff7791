import datetime as dt
import os
import sqlite3
import stat

from assist.core.storage import DbLane
from assist.core.storage import panel as store
from assist.schema import app_schema_state as schema_state
from assist.schema import open_app_db as open_db


def test_db_file_is_owner_only_wal_and_full_sync(tmp_path):
    path = tmp_path / "d" / "assist.sqlite3"
    db = open_db(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    store.record_open(db, "card-x", "2026-11-26T10:00:00+08:00")
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        assert stat.S_IMODE(os.stat(wal).st_mode) & 0o077 == 0


def test_migrations_are_named_and_recorded(tmp_path):
    db = open_db(tmp_path / "a.sqlite3")
    state = schema_state(db)
    assert state["assist-core"][:2] == ["0001_initial", "0002_call_events"]
    # reopening applies nothing twice
    db2 = open_db(tmp_path / "a.sqlite3")
    assert schema_state(db2) == state


def test_usage_decays_and_misses_group(tmp_path):
    db = open_db(None)
    store.record_open(db, "a", "2026-11-01T10:00:00+08:00")
    store.record_open(db, "b", "2026-11-26T10:00:00+08:00")
    now = dt.datetime.fromisoformat("2026-11-26T10:00:00+08:00")
    scores = store.usage_scores(db, now)
    assert scores["b"] > scores["a"] > 0
    store.record_miss(db, "挂失**", "2026-11-26T10:00:00+08:00", "v1")
    store.record_miss(db, "挂失**", "2026-11-26T10:01:00+08:00", "v1")
    assert store.list_misses(db)[0] == {"query": "挂失**", "count": 2, "last": "2026-11-26T10:01:00+08:00"}


def test_calls_are_recorded_with_events(tmp_path):
    db = open_db(None)
    store.start_call(db, "c1", "2026-11-26T10:00:00+08:00", "138****5678", "信用卡", "投诉", "ipc")
    store.end_call(db, "c1", "2026-11-26T10:05:00+08:00")
    row = db.execute("SELECT caller_masked, topic, ended_at FROM calls").fetchone()
    assert row == ("138****5678", "信用卡", "2026-11-26T10:05:00+08:00")
    kinds = [r[0] for r in db.execute("SELECT kind FROM call_events ORDER BY id")]
    assert kinds == ["start", "end"]


def test_lane_runs_all_work_on_one_thread(tmp_path):
    import threading

    lane = DbLane(lambda: open_db(tmp_path / "l.sqlite3"))
    names = {lane.call(lambda db: threading.current_thread().name) for _ in range(5)}
    assert len(names) == 1 and names.pop().startswith("assist-db")
    lane.call(store.record_open, "x", "2026-11-26T10:00:00+08:00")
    lane.close()
    con = sqlite3.connect(tmp_path / "l.sqlite3")
    assert con.execute("SELECT opens FROM card_usage").fetchone()[0] == 1


def test_outbox_is_written_with_the_change_and_idempotent(tmp_path):
    from assist.core.storage import outbox

    db = open_db(tmp_path / "o.sqlite3")
    store.record_miss(db, "挂失**", "2026-11-26T10:00:00+08:00", "v1")
    rows = outbox.peek(db)
    assert [r["kind"] for r in rows] == ["search_miss"] and rows[0]["payload"]["query_masked"] == "挂失**"
    outbox.enqueue(db, "script_use", "u1", 1, {"card": "a"})
    outbox.enqueue(db, "script_use", "u1", 1, {"card": "a"})  # same id + revision: queued once
    assert outbox.pending_count(db) == 2
    outbox.record_failure(db, [rows[0]["seq"]], "HTTP 503")
    assert outbox.peek(db)[0]["attempts"] == 1
    outbox.acknowledge(db, [r["seq"] for r in outbox.peek(db)])
    assert outbox.pending_count(db) == 0


def test_outbox_row_rolls_back_with_its_change(tmp_path):
    import pytest

    from assist.core.storage import outbox

    db = open_db(tmp_path / "o.sqlite3")
    with pytest.raises(RuntimeError):
        with db.atomic():
            outbox.enqueue(db, "audit", "1", 1, {})
            raise RuntimeError("crash mid-change")
    assert outbox.pending_count(db) == 0


def test_rotated_log_files_are_owner_only(tmp_path):
    import logging

    from assist.logging_setup import _OwnerOnlyRotatingHandler

    h = _OwnerOnlyRotatingHandler(tmp_path / "a.log", maxBytes=200, backupCount=2, encoding="utf-8")
    log = logging.getLogger("test.rotate")
    log.addHandler(h)
    try:
        for i in range(30):
            log.warning("line %d of a log that rotates", i)
    finally:
        log.removeHandler(h)
        h.close()
    files = sorted(tmp_path.glob("a.log*"))
    assert len(files) == 3
    assert all(stat.S_IMODE(os.stat(f).st_mode) == 0o600 for f in files)
