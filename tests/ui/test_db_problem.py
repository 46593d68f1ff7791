"""A broken database at start: the panel shows a dialog (what is wrong, where the file is,
start fresh / recover / quit) and changes nothing until the agent chooses (issue 14)."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from assist.app import Context
from assist.paths import Paths
from assist.schema import open_app_db as open_db
from assist.ui.db_problem import DbProblemDialog, resolve


def _ctx(tmp_path) -> Context:
    ctx = Context(paths=Paths.from_basedir(tmp_path / "basedir"))
    ctx.open_db().conn.close()          # set up once: the settings remember it
    gc.collect()
    return ctx


def _fill_and_damage(path) -> None:
    from tests.sync.conftest import fill

    db = open_db(path)
    fill(db, 10)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    data = bytearray(path.read_bytes())
    mid = 4096 * (len(data) // 4096 // 2)
    data[mid:mid + 4096] = b"\xff" * 4096
    path.write_bytes(bytes(data))


BREAKS = {
    "zero bytes": lambda p: p.write_bytes(b""),
    "not a database": lambda p: p.write_bytes(b"garbage " * 1000),
    "damaged page": _fill_and_damage,
}


@pytest.mark.parametrize("how", sorted(BREAKS))
def test_start_shows_the_dialog_and_quit_leaves_the_file_untouched(qtbot, tmp_path, how):
    from assist.ui.launch import run_panel

    ctx = _ctx(tmp_path)
    ctx.lang = "en"  # run_panel installs this language for the whole process
    path = ctx.paths.db_file
    BREAKS[how](path)
    before = path.read_bytes()
    seen: dict = {}

    def answer() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, DbProblemDialog) and w.isVisible():
                seen["text"] = w.text()
                seen["buttons"] = [b for b in (w.fresh, w.recover, w.quit) if b is not None]
                w.quit.click()
                return
        QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)
    rc = run_panel(ctx, lambda tr: pytest.fail("the panel must not start on a broken database"), platform="offscreen")
    assert rc == 2
    assert str(path) in seen["text"]
    # start fresh, recover (not for an empty file: nothing to recover), quit
    assert len(seen["buttons"]) == (2 if how == "zero bytes" else 3)
    assert path.read_bytes() == before        # untouched
    assert sorted(p.name for p in path.parent.iterdir() if ".broken-" in p.name) == []


def _clicker(which: str, log: list):
    def run(box: QMessageBox) -> None:
        log.append(box.text())
        if isinstance(box, DbProblemDialog):
            getattr(box, which).click()
    return run


def test_move_aside_and_start_fresh_keeps_the_old_file(qtbot, tmp_path):
    ctx = _ctx(tmp_path)
    path = ctx.paths.db_file
    path.write_bytes(b"")
    log: list = []
    assert resolve(ctx, ctx.check_database(), ask=_clicker("fresh", log))
    kept = [p for p in path.parent.iterdir() if ".broken-" in p.name]
    assert len(kept) == 1 and kept[0].stat().st_size == 0
    assert ctx.check_database() is None and path.stat().st_size > 0
    assert str(kept[0]) in log[-1]


def test_try_to_recover_copies_what_can_be_read(qtbot, tmp_path):
    ctx = _ctx(tmp_path)
    path = ctx.paths.db_file
    _fill_and_damage(path)
    damaged = path.read_bytes()
    log: list = []
    problem = ctx.check_database()
    assert problem is not None and problem.kind == "corrupt"
    assert resolve(ctx, problem, ask=_clicker("recover", log))
    assert ctx.check_database() is None
    kept = [p for p in path.parent.iterdir() if ".broken-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    db = open_db(path)
    assert db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] > 0
    db.conn.close()


def test_a_missing_database_offers_a_new_one_or_quit(qtbot, tmp_path):
    ctx = _ctx(tmp_path)
    ctx.paths.db_file.unlink()
    problem = ctx.check_database()
    assert problem is not None and problem.kind == "missing"
    dlg = DbProblemDialog(problem)
    qtbot.addWidget(dlg)
    assert dlg.recover is None and len(dlg.buttons()) == 2
    assert not ctx.paths.db_file.exists()
