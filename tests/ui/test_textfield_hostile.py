"""SmartTextEdit under hostile input (issue 14): pastes are cleaned and bounded; long texts are
scanned on a worker and a result is applied only to the text it was computed for."""

from __future__ import annotations

import threading

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QTextCursor

from assist.ui.widgets import textfield
from tests.conftest import type_chinese


def _paste(w, text: str) -> None:
    md = QMimeData()
    md.setText(text)
    w.insertFromMimeData(md)


def test_paste_is_cleaned_and_the_agent_told(field, qtbot):
    with qtbot.waitSignal(field.privacyNotice) as sig:
        _paste(field, "客户\x00说\x1b明\x7f")
    assert field.toPlainText() == "客户说明"
    assert "3" in sig.args[0]


def test_too_long_paste_is_refused_with_a_notice_and_nothing_changes(field, qtbot):
    field.max_length = 10_000
    type_chinese(field, "已有内容")
    with qtbot.waitSignal(field.privacyNotice) as sig:
        _paste(field, "0 " * 500_000)                       # a 1 MB paste
    assert field.toPlainText() == "已有内容"
    assert "1,000,000" in sig.args[0] and "10,000" in sig.args[0]


def test_long_text_is_scanned_on_the_worker_and_masked(field, qtbot):
    filler = "好的，我记录一下。" * 300                           # > SYNC_SCAN_MAX characters
    assert len(filler) > textfield.SYNC_SCAN_MAX
    _paste(field, filler + "手机13812345678，这款产品保本的。")
    qtbot.waitUntil(lambda: "138****5678" in field.toPlainText(), timeout=5000)
    qtbot.waitUntil(lambda: [f.text for f in field.findings()] == ["保本"], timeout=5000)
    assert "13812345678" not in field.toPlainText()
    assert not field.document().isUndoAvailable()             # the raw number is not in undo history


def test_a_result_for_an_older_text_is_dropped(field, qtbot):
    gate = threading.Event()
    textfield._scanner().submit(gate.wait, 10)               # hold the worker
    _paste(field, "备注，" * 1000 + "手机13812345678")
    cur = field.textCursor()
    cur.movePosition(QTextCursor.MoveOperation.End)
    field.setTextCursor(cur)
    field.textCursor().insertText("。")                      # the text changes while the scan waits
    gate.set()
    qtbot.waitUntil(lambda: "138****5678" in field.toPlainText(), timeout=5000)
    assert field.scans_dropped >= 1
    assert field.toPlainText().endswith("138****5678。")
    qtbot.waitUntil(lambda: not field.scan_pending(), timeout=5000)
