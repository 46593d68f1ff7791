"""pytest-qt: the agent's desk (issue 15) — the form's sections fold by keyboard, the wheel scrolls
the form, B comes from the call topic, a save opens the saved case, the case reads as sections
with code names and one history line per action (Chinese and English), the sync line counts records."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from assist.core.complaints import repo
from tests.conftest import kb_rules
from tests.ui.conftest import NOW
from tests.ui.test_complaint_form import focus

ALT = Qt.KeyboardModifier.AltModifier


def wheel(widget, steps: int = -3) -> None:
    """A mouse-wheel turn over ``widget`` (negative: towards the user, i.e. scroll down)."""
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    ev = QWheelEvent(pos, widget.mapToGlobal(pos), QPoint(0, 0), QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                     Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, ev)


def test_sections_fold_and_unfold_by_keyboard(complaint_env, qtbot):
    view, _ctl, _ = complaint_env()
    sec = view.sections["complainant"]
    assert [view.sections[k].header.text().split(" · ")[0] for k in view.sections] == [
        "▾ Intake", "▾ Complainant", "▾ Respondent and classification", "▾ Request and facts",
        "▾ Major complaint and deadline"]
    assert "required empty" in sec.header.text()                          # what is still to do, at a glance
    sec.header.setFocus()
    qtbot.waitUntil(sec.header.hasFocus)
    qtbot.keyClick(sec.header, Qt.Key.Key_Space)
    assert not view.fields["complainant_name"].isVisible() and sec.header.text().startswith("▸ Complainant")
    assert sec.header.accessibleDescription().startswith("collapsed")
    qtbot.keyClick(sec.header, Qt.Key.Key_Return)
    assert view.fields["complainant_name"].isVisible() and sec.header.text().startswith("▾")
    qtbot.keyClick(sec.header, Qt.Key.Key_Left)
    assert not sec.is_unfolded()
    qtbot.keyClick(sec.header, Qt.Key.Key_Right)
    assert sec.is_unfolded()
    # Alt+4 goes to 诉求与事实 (unfolding it) and puts the cursor in the request
    view.sections["request"].set_unfolded(False)
    qtbot.keyClick(sec.header, Qt.Key.Key_4, ALT)
    qtbot.waitUntil(view.fields["request"].hasFocus)
    assert view.sections["request"].is_unfolded()


def test_a_folded_section_with_an_error_unfolds_on_save(complaint_env, qtbot):
    view, _ctl, _ = complaint_env()
    for sec in view.sections.values():
        sec.set_unfolded(False)
    header = view.sections["major"].header
    header.setFocus()
    qtbot.waitUntil(header.hasFocus)
    qtbot.keyClick(header, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.errors["complainant_name"].isVisible(), timeout=3000)
    assert view.sections["complainant"].is_unfolded() and view.sections["request"].is_unfolded()
    assert QApplication.focusWidget() is view.fields["complainant_name"]


def test_the_wheel_scrolls_the_form_not_an_unfocused_field(complaint_env, qtbot):
    view, _ctl, _ = complaint_env()
    view.resize(400, 500)
    bar = view.scrollArea.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    focus(qtbot, view, "complainant_name")
    for field in ("business_B", "facts", "demand_D"):
        w = view.fields[field]
        view.scrollArea.ensureWidgetVisible(w)
        before_value, before_scroll = view.value(field), bar.value()
        target = w.viewport() if hasattr(w, "viewport") else w
        wheel(target, -2 if bar.value() < bar.maximum() else 2)
        assert view.value(field) == before_value, field                 # the choice did not move
        assert bar.value() != before_scroll, field                      # the form did
        assert not w.hasFocus()
    # a focused combo box takes the wheel, as usual
    box = focus(qtbot, view, "business_B")
    before = box.currentIndex()
    wheel(box, -1)
    assert box.currentIndex() != before


def test_business_category_comes_from_the_call_topic(complaint_env, qtbot):
    view, ctl, _ = complaint_env(context={"topic": "信用卡年费", "call_id": "c1", "source": "客服热线"})
    ctl.new_complaint()
    assert view.value("business_B") == "B03" and view.value("business_B_sub") == "B0307"
    assert "from the call topic “信用卡年费”" in view.labels["business_B"].text()     # the word that decided
    focus(qtbot, view, "business_B")
    view.set_value("business_B", "B02")                                 # the agent disagrees: the hint goes
    assert "call topic" not in view.labels["business_B"].text()


def test_no_business_category_when_no_topic_word_matches(complaint_env, qtbot):
    view, ctl, _ = complaint_env(context={"topic": "咨询", "call_id": "c1"})
    ctl.new_complaint()
    assert view.value("business_B") == "" and "call topic" not in view.labels["business_B"].text()


def test_english_case_labels_code_names_and_history(complaint_env, qtbot):
    from assist.ui.complaint_list import ComplaintListController, ComplaintListView

    _view, _ctl, svc = complaint_env()
    saved = svc.lane.call(repo.save_complaint, {**_form(), "received_at": "2026-11-24T09:30"}, **kb_rules(), actor="A001",
                          branch="0101", device="PC7", now="2026-11-24T10:00:00")
    lv = ComplaintListView()
    qtbot.addWidget(lv)
    lc = ComplaintListController(lv, svc.lane, agent_id=lambda: "A001", today=lambda: NOW.date(), taxonomy=lambda: svc.taxonomy)
    lc.open_case(saved.id)
    cv = lv.caseView
    qtbot.waitUntil(lambda: lc.case.info is not None, timeout=3000)
    assert [cv.sections[k].title for k in ("intake", "complainant", "request", "classification", "deadline")] == [
        "Intake", "Complainant", "Request and facts", "Respondent and classification", "Deadline"]
    assert "complainant type: consumer (self)" in cv.section_text("complainant")
    assert "business category (B): B03 银行卡" in cv.section_text("classification")
    assert "channel (A): A0302 电话" in cv.section_text("classification")
    assert "demand: D02 退还费用/息费" in cv.section_text("request")
    assert "time received: 2026-11-24 09:30" in cv.section_text("intake")
    assert "reply due: 2026-12-09 (15 days from receipt, Art 18)" in cv.section_text("deadline")
    text = "\n".join(cv.section_text(k) for k in cv.sections)
    for raw in ("agent_id", "business_B", "none", saved.id, "T09:30"):
        assert raw not in text, raw
    assert [cv.historyView.item(i).text().split("  ")[-1] for i in range(cv.historyView.count())] == ["complaint registered"]


def _form() -> dict:
    from tests.core.test_complaints_privacy import FORM

    return dict(FORM)


def test_save_opens_the_saved_case_in_chinese_and_the_sync_line_counts_records(make_panel, qtbot):
    view, panel, services = make_panel(settings={"agent.staff_id": "A007", "org.name": "北京分行", "org.branch_code": "0101",
                                               "org.device_id": "PC7"})
    panel.ipc.handle_message({"cmd": "call_start", "caller": "138****5678", "caller_full": "13812345678",
                              "customer_name": "张三丰", "topic": "信用卡年费", "call_type": "投诉"})
    view.actNewComplaint.trigger()
    form, fv = panel.complaints.form, panel.complaints.view
    assert fv.value("business_B") == "B03"                              # from the topic, through the panel's call
    for f, val in (("respondent_org", "朝阳支行"), ("request", "退还年费"), ("facts", "未告知即扣年费"),
                   ("channel_A", "A0302"), ("reason_C", "C07"), ("demand_D", ["D02"])):
        fv.set_value(f, val)
    form.save()
    lv = panel.complaints.list_view
    cv = lv.caseView
    qtbot.waitUntil(lambda: form.last_saved is not None and panel.complaints.records.case.info is not None, timeout=5000)
    saved = form.last_saved
    assert lv.isVisible() and lv.stack.currentWidget() is cv and cv.isVisible()   # the saved case, not a blank form
    assert cv.titleLabel.text().startswith(saved.ticket_no) and "受理" in cv.titleLabel.text()
    assert "2026-12-11" in cv.dueLabel.text() and "15" in cv.dueLabel.text()
    assert cv.savedLabel.isVisible() and saved.ticket_no in cv.savedLabel.text()
    assert cv.savedLabel.text().count("已保存") == 1 and "投诉已保存。已保存" not in cv.savedLabel.text()
    assert "投诉人类型: 本人" in cv.section_text("complainant") and "联系电话: 138****5678" in cv.section_text("complainant")
    assert "业务类别（B）: B03 银行卡" in cv.section_text("classification")
    assert "业务子类: B0307 信用卡年费及其他费用" in cv.section_text("classification")
    assert cv.sections["deadline"].title == "时限" and "答复期限: 2026-12-11（收到后15日，第十八条）" in cv.section_text("deadline")
    assert cv.historyView.count() == 1 and cv.historyView.item(0).text().endswith("A007  受理登记")
    # Esc goes to the records list
    cv.window().activateWindow()
    cv.actionBox.setFocus()
    qtbot.waitUntil(cv.actionBox.hasFocus)
    qtbot.keyClick(cv.actionBox, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: lv.stack.currentWidget() is lv.listPage, timeout=3000)
    # one complaint is one record waiting, not its ~20 outbox rows
    rows = services.lane.call(lambda db: db.execute("select count(*) from outbox").fetchone()[0])
    panel.sync.refresh()
    qtbot.waitUntil(lambda: panel.sync.status is not None and panel.sync.status.waiting_rows == rows, timeout=3000)
    assert rows > 10 and panel.sync.status.waiting == 1 and "（1 条待上传）" in view.syncButton.text()
