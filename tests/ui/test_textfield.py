"""SmartTextEdit: live lint marking, live privacy masking, masked copy, IME safety."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from tests.conftest import preedit, type_chinese


def _wavy(w):
    return [s for s in w.extraSelections()
            if s.format.underlineStyle() == s.format.UnderlineStyle.WaveUnderline]


def test_forbidden_phrase_is_marked_with_reason_and_suggestion(field, qtbot):
    type_chinese(field, "这款产品保本的")
    qtbot.waitUntil(lambda: len(field.findings()) == 1)
    f = field.findings()[0]
    assert (f.start, f.end, f.text) == (4, 6, "保本")
    marks = _wavy(field)
    assert len(marks) == 1 and marks[0].cursor.selectedText() == "保本"
    # hover over the phrase
    c = field.textCursor()
    c.setPosition(5)
    pos = field.cursorRect(c).center()
    tip = field.tooltip_at(pos)
    assert f.message in tip and f.suggestion in tip and "保本" in tip and f.basis and f.basis in tip
    QApplication.sendEvent(field.viewport(), QHelpEvent(QEvent.Type.ToolTip, pos, field.viewport().mapToGlobal(pos)))
    assert QToolTip.text() == tip
    QToolTip.hideText()


def test_f2_explains_the_finding_at_the_cursor(field, qtbot):
    type_chinese(field, "放心，这款产品保本的。")
    qtbot.waitUntil(lambda: len(field.findings()) == 1)
    field.moveCursor(field.textCursor().MoveOperation.Start)
    with qtbot.waitSignal(field.explained) as sig:
        qtbot.keyClick(field, Qt.Key.Key_F2)
    assert "保本" in sig.args[0] and field.findings()[0].suggestion in sig.args[0]
    assert field.textCursor().selectedText() == "保本"  # jumped to the phrase
    QToolTip.hideText()


def test_new_red_lines_are_marked_live(field, qtbot):
    type_chinese(field, "请您把短信验证码念一下，我帮您核对")
    qtbot.waitUntil(lambda: len(field.findings()) == 1)
    assert field.findings()[0].rule == "sec-ask-otp" and field.findings()[0].category == "索要敏感信息"
    type_chinese(field, "。请不要把验证码告诉任何人")
    field.run_lint()
    assert [f.rule for f in field.findings()] == ["sec-ask-otp"]   # the warning is not a finding


def test_negated_phrase_is_not_marked(field, qtbot):
    type_chinese(field, "本产品不保本")
    qtbot.waitUntil(lambda: not field._lint_timer.isActive())   # the debounced scan ran
    field.run_lint()
    assert field.findings() == [] and _wavy(field) == []


def test_mobile_number_is_masked_in_place_with_a_notice(field, qtbot):
    type_chinese(field, "客户手机")
    with qtbot.waitSignal(field.privacyNotice, timeout=2000) as sig:
        qtbot.keyClicks(field, "13812345678")
    assert field.toPlainText() == "客户手机138****5678"
    assert field.textCursor().position() == len(field.toPlainText())
    assert "手机号" in sig.args[0] or "mobile" in sig.args[0]
    field.undo()
    assert "13812345678" not in field.toPlainText()


def test_number_is_masked_as_soon_as_the_agent_types_past_it(field, qtbot):
    field.pii_idle_ms = 60_000  # no idle pass: masking comes from typing on
    type_chinese(field, "手机")
    qtbot.keyClicks(field, "13812345678")
    assert "13812345678" in field.toPlainText()  # may still be typing
    with qtbot.waitSignal(field.privacyNotice):
        type_chinese(field, "，回电")
    assert field.toPlainText() == "手机138****5678，回电"
    assert field.textCursor().position() == len(field.toPlainText())


def test_sms_code_digits_are_removed_and_the_agent_is_warned(field, qtbot):
    type_chinese(field, "客户说验证码是")
    with qtbot.waitSignal(field.privacyNotice, timeout=2000) as sig:
        qtbot.keyClicks(field, "482913")
    text = field.toPlainText()
    assert "482913" not in text and not any(ch.isdigit() for ch in text)
    assert "验证码" in sig.args[0] or "verification code" in sig.args[0]
    assert not field.document().isUndoAvailable()
    field.undo()
    assert "482913" not in field.toPlainText()


def test_copy_out_of_the_field_is_masked(field, qtbot):
    field.pii_idle_ms = 60_000
    type_chinese(field, "卡号")
    qtbot.keyClicks(field, "6222021234567890128")  # still at the cursor: not masked yet
    field.selectAll()
    with qtbot.waitSignal(field.privacyNotice) as sig:
        md = field.createMimeDataFromSelection()
    assert "6222021234567890128" not in md.text() and md.text().startswith("卡号622202")
    assert not md.hasHtml()
    assert sig.args[0]


def test_ctrl_c_puts_masked_text_on_the_clipboard(field, qtbot):
    field.pii_idle_ms = 60_000
    type_chinese(field, "手机")
    qtbot.keyClicks(field, "13812345678")
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "手机138****5678"


def test_nothing_is_rewritten_during_a_composition(field, qtbot):
    field.pii_idle_ms = 60_000
    type_chinese(field, "手机")
    qtbot.keyClicks(field, "13812345678")
    preedit(field, "baoben")
    assert field.is_composing()
    field.run_privacy(idle=True)
    assert field.toPlainText() == "手机13812345678"  # composition in progress: untouched
    type_chinese(field, "保本")
    qtbot.waitUntil(lambda: "138****5678" in field.toPlainText())
    qtbot.waitUntil(lambda: [f.text for f in field.findings()] == ["保本"])


def test_live_masking_follows_the_policy_setting(qtbot):
    from assist.core.privacy import masking
    from assist.ui.widgets.textfield import SmartTextEdit

    masking.set_policy(masking.MaskPolicy(mobile_head=0, mobile_tail=2))
    try:
        w = SmartTextEdit()
        qtbot.addWidget(w)
        w.show()
        type_chinese(w, "回访电话13812345678，谢谢")
        qtbot.waitUntil(lambda: "13812345678" not in w.toPlainText(), timeout=3000)
        assert "*********78" in w.toPlainText()
    finally:
        masking.set_policy(None)
