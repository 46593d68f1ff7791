"""The panel's sync status against a real head-office receiver process (SQLite variant)."""

from __future__ import annotations

import keyring

from assist.hq.store import Store
from tests.conftest import type_chinese
from tests.sync.conftest import Receiver


def test_sync_from_the_panel_moves_status_from_waiting_to_synced(make_panel, qtbot, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    store = Store(db_url)
    store.migrate()
    _, token = store.device_add("0101")
    rx = Receiver(db_url, log=tmp_path / "rx.log").start()
    try:
        keyring.set_password("assist", "sync-token", token)
        view, panel, services = make_panel(settings={"sync.url": rx.url, "org.branch_code": "0101"})
        assert panel.sync is not None
        # something to send: a search that ends without opening a card is a (masked) miss
        type_chinese(view.searchBox, "火星开户")
        qtbot.waitUntil(lambda: panel.knowledge._last_query == "火星开户")
        view.searchBox.clear()
        qtbot.waitUntil(lambda: services.lane.call(lambda db: db.execute("select count(*) from outbox").fetchone()[0]) == 1)
        panel.sync.refresh()
        qtbot.waitUntil(lambda: panel.sync.status is not None and panel.sync.status.waiting == 1)
        assert panel.sync.status.state == "waiting"
        assert "1 条待上传" in view.syncButton.text()
        with qtbot.waitSignal(panel.sync.roundFinished, timeout=20000) as sig:
            view.actSyncNow.trigger()
        assert sig.args[0].ok and sig.args[0].pushed == 1
        qtbot.waitUntil(lambda: panel.sync.status.state == "synced", timeout=5000)
        assert "已全部上传" in view.syncButton.text()
        held = store.records()
        assert len(held) == 1 and held[0][0] == "search_miss"
    finally:
        rx.stop()


def test_unconfigured_sync_says_data_stays_on_this_pc(make_panel, qtbot):
    view, panel, _ = make_panel()
    panel.sync.refresh()
    qtbot.waitUntil(lambda: panel.sync.status is not None)
    assert panel.sync.status.state == "off"
    assert "未配置" in view.syncButton.text()


def test_records_head_office_refused_are_shown_in_the_sync_line(make_panel, qtbot, tmp_path):
    """A record the receiver does not accept is parked with its reason and named in the panel;
    the records behind it still go (issue 14)."""
    db_url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    store = Store(db_url)
    store.migrate()
    _, token = store.device_add("0101")
    rx = Receiver(db_url, log=tmp_path / "rx.log").start()
    try:
        keyring.set_password("assist", "sync-token", token)
        view, panel, services = make_panel(settings={"sync.url": rx.url, "org.branch_code": "0101"})

        def queue(db):  # a 0.1.0 outbox row with a NUL, then a clean one
            db.execute("INSERT INTO outbox (kind, record_id, revision, payload, created_at) VALUES "
                       "('search_miss', 'm1', 1, '{\"q\": \"a\\u0000b\"}', '2026-11-30T00:00:00+00:00')")
            db.execute("INSERT INTO outbox (kind, record_id, revision, payload, created_at) VALUES "
                       "('search_miss', 'm2', 1, '{\"q\": \"ok\"}', '2026-11-30T00:00:01+00:00')")

        services.lane.call(queue)
        with qtbot.waitSignal(panel.sync.roundFinished, timeout=20000) as sig:
            view.actSyncNow.trigger()
        assert sig.args[0].ok and sig.args[0].rejected == 1 and sig.args[0].pushed == 1
        qtbot.waitUntil(lambda: panel.sync.status is not None and panel.sync.status.rejected == 1, timeout=5000)
        assert "1 条记录未被总部接收" in view.syncButton.text() and "assist sync --rejected" in view.syncButton.text()
        assert [r[1].endswith(":m2") for r in store.records()] == [True]
    finally:
        rx.stop()
