"""Issue 6 acceptance: personal data typed into the panel never reaches disk, logs or the
clipboard unmasked (SQLite file and WAL read as bytes, every log file, the real clipboard)."""

from __future__ import annotations

import logging
import random

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from assist.core.privacy import synth
from assist.logging_setup import setup_logging
from tests.conftest import type_chinese
from tests.ui.test_complaint_form import fill_common, focus, save_and_wait

SETTINGS = {"agent.staff_id": "A001", "org.name": "北京分行", "org.branch_code": "0101", "org.device_id": "PC7"}


def variants(number: str) -> list[str]:
    """The number as typed and digits-only; a leak in either form is a leak."""
    return [number, "".join(ch for ch in number if ch.isalnum())]


def test_personal_data_typed_in_the_panel_is_never_stored_logged_or_copied_in_full(make_panel, qtbot, tmp_path):
    rng = random.Random(20261126)
    id_no, card, phone, phone2 = synth.id18(rng), synth.bank_card(rng, 19), synth.mobile(rng), synth.mobile(rng)
    secret = "493817"
    note = (f"客户身份证{id_no}，卡号{card[:4]} {card[4:8]} {card[8:12]} {card[12:16]} {card[16:]}，"
            f"手机{phone2[:3]}-{phone2[3:7]}-{phone2[7:]}，验证码是{secret}，要求退还年费。")
    view, panel, services = make_panel(settings=SETTINGS)
    paths_root = services.settings.path.parent.parent
    logs_dir = paths_root / "logs"
    from assist.paths import Paths

    setup_logging(Paths.from_basedir(paths_root), process="panel")
    try:
        # 1. a call from the softphone, a note in the call page
        panel.ipc.handle_message({"cmd": "call_start", "caller": phone, "caller_full": phone, "topic": "年费"})
        notes = panel.call_page.view.notesEdit
        notes.setFocus()
        type_chinese(notes, note)
        qtbot.waitUntil(lambda: id_no not in notes.toPlainText() and secret not in notes.toPlainText(), timeout=5000)
        # 2. the complaint form, the same note in 主要事实
        view.actNewComplaint.trigger()
        cv = panel.complaints.view
        fill_common(qtbot, cv, phone=phone)
        facts = focus(qtbot, cv, "facts")
        facts.selectAll()
        type_chinese(facts, note)
        qtbot.waitUntil(lambda: id_no not in facts.toPlainText() and secret not in facts.toPlainText(), timeout=5000)
        # copy out of the field, as an agent would
        facts.selectAll()
        qtbot.keyClick(facts, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        clip = QGuiApplication.clipboard().text()
        assert clip and "退还年费" in clip
        save_and_wait(qtbot, cv, panel.complaints.form)
        qtbot.waitUntil(lambda: panel.complaints.form.last_saved is not None, timeout=5000)
        # 3. a number typed into the search box and abandoned (recorded as a masked miss)
        view.actTabKb.trigger()
        type_chinese(view.searchBox, f"{phone}的年费")
        qtbot.waitUntil(lambda: panel.knowledge._last_query == f"{phone}的年费")
        qtbot.keyClick(view.searchBox, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: services.lane.call(services.store.list_misses) != [])
        panel.ipc.handle_message({"cmd": "call_end"})
        services.lane.call(lambda db: None)  # everything queued has been written
    finally:
        root = logging.getLogger("assist")
        for h in list(root.handlers):
            if str(getattr(h, "baseFilename", "")).startswith(str(paths_root)):
                root.removeHandler(h)
                h.close()
    db_bytes = b"".join(p.read_bytes() for p in (paths_root / "data").glob("assist.sqlite3*"))
    log_text = "".join(p.read_text(encoding="utf-8") for p in logs_dir.glob("*"))
    assert log_text, "the panel logged nothing?"
    for number in (id_no, card, phone, phone2, secret):
        for form in variants(number):
            assert form.encode() not in db_bytes, f"{form} is in the SQLite file"
            assert form.encode("utf-16-le") not in db_bytes
            assert form not in log_text, f"{form} is in the logs"
            assert form not in clip, f"{form} was copied unmasked"
    # the masked forms are what remains
    assert (phone[:3] + "****" + phone[-4:]).encode() in db_bytes
