"""pytest-qt: the case view, opened from the records list with the keyboard — status change,
extension (30; 60 refused without an approver), pause/resume, repeat complaint, history."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from assist.core.complaints import repo
from assist.ui.complaint_list import ComplaintListController, ComplaintListView
from tests.conftest import kb_rules, type_chinese
from tests.core.test_complaints_privacy import FORM
from tests.ui.conftest import NOW

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def records(complaint_env, qtbot):
    """The records list (own window) with one complaint received 12 days before NOW (D-3)."""
    _form, _ctl, svc = complaint_env()
    saved = svc.lane.call(repo.save_complaint, {**FORM, "received_at": "2026-11-14T09:30"}, **kb_rules(), actor="A001",
                          branch="0101", device="PC7", now="2026-11-14T10:00:00")
    lv = ComplaintListView()
    lc = ComplaintListController(lv, svc.lane, agent_id=lambda: "A001", today=lambda: NOW.date())
    qtbot.addWidget(lv)
    lv.resize(420, 900)
    lv.show()
    qtbot.waitExposed(lv)
    lc.refresh()
    qtbot.waitUntil(lambda: lc.proxy.rowCount() == 1, timeout=3000)
    return lv, lc, saved, svc


def focus(qtbot, w: QWidget) -> QWidget:
    w.window().activateWindow()
    w.setFocus()
    qtbot.waitUntil(w.hasFocus)
    return w


def choose(qtbot, box: QComboBox, data) -> None:
    focus(qtbot, box)
    target = box.findData(data)
    assert target >= 0, data
    while box.currentIndex() != target:
        qtbot.keyClick(box, Qt.Key.Key_Down if target > box.currentIndex() else Qt.Key.Key_Up)


def apply_and_wait(qtbot, lc, from_widget: QWidget) -> str:
    """Ctrl+Enter from the focused field; wait until the result is shown and the case reloaded."""
    cv = lc.view.caseView
    cv.messageLabel.clear()
    shown: list[str] = []
    lc.case.loaded.connect(shown.append)
    try:
        qtbot.keyClick(focus(qtbot, from_widget), Qt.Key.Key_Return, CTRL)
        qtbot.waitUntil(lambda: not lc.case.busy and cv.messageLabel.text() not in ("", "Saving…"), timeout=5000)
        if not cv.messageLabel.text().startswith("Refused"):   # saved: the case is shown again
            qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    finally:
        lc.case.loaded.disconnect(shown.append)
    return cv.messageLabel.text()


def history_text(lc) -> str:
    hv = lc.view.caseView.historyView
    return "\n".join(hv.item(i).text() for i in range(hv.count()))


def test_open_from_list_change_status_extend_pause_and_history(records, qtbot):
    lv, lc, saved, svc = records
    cv = lv.caseView
    # open with the keyboard: Enter on the selected complaint
    focus(qtbot, lv.listView)
    lv.listView.setCurrentIndex(lc.proxy.index(0, 0))
    qtbot.keyClick(lv.listView, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lv.stack.currentWidget() is cv and lc.case.info is not None, timeout=3000)
    assert cv.titleLabel.text() == f"{saved.ticket_no} · received · normal"     # English UI: English words
    assert "Due 2026-11-29 (15-day limit)" in cv.dueLabel.text() and "3 day(s) left" in cv.dueLabel.text()
    assert "3 day(s) left until the 15-day limit" in cv.alertsLabel.text() and cv.alertsLabel.isVisible()   # the D-3 warning, in English
    assert "contact phone: 138****5678" in cv.section_text("complainant")
    assert "13812345678" not in "".join(cv.section_text(k) for k in cv.sections)
    assert cv.actionBox.hasFocus() and cv.findChild(QWidget, "caseApplyButton") is cv.applyButton
    assert cv.statusToBox.accessibleName() == "New status"
    assert cv.historyView.count() == 1 and history_text(lc).endswith("A001  complaint registered")

    # change status to 处理中
    choose(qtbot, cv.statusToBox, "处理中")
    assert not cv.decisionEdit.isVisible()
    assert "revision 2" in apply_and_wait(qtbot, lc, cv.statusToBox)
    qtbot.waitUntil(lambda: "in progress" in cv.titleLabel.text(), timeout=3000)
    assert history_text(lc).splitlines()[-1].endswith("A001  status changed to in progress")
    # 已答复 shows the decision-notice fields; incomplete → the rule's message
    choose(qtbot, cv.statusToBox, "已答复")
    assert cv.decisionEdit.isVisible() and cv.noticeMethodBox.isVisible()
    msg = apply_and_wait(qtbot, lc, cv.statusToBox)
    assert msg.startswith("Refused:") and "处理决定未填写" in msg and cv.messageLabel.property("error")

    # extend to 30: the reason is required (Art 18)
    choose(qtbot, cv.actionBox, "extend")
    assert cv.actionStack.currentIndex() == 1
    msg = apply_and_wait(qtbot, lc, cv.extendDaysBox)
    assert msg.startswith("Refused:") and "第十八条" in msg
    type_chinese(focus(qtbot, cv.extendReasonEdit), "需调取交易流水")
    assert "revision 3" in apply_and_wait(qtbot, lc, cv.extendReasonEdit)
    qtbot.waitUntil(lambda: "(30-day limit)" in cv.dueLabel.text(), timeout=3000)
    assert "Due 2026-12-14" in cv.dueLabel.text()
    # 60 without an approver: refused with the rule's message, nothing saved
    choose(qtbot, cv.extendDaysBox, 60)
    type_chinese(focus(qtbot, cv.extendReasonEdit), "需商户配合")
    before = cv.historyView.count()
    msg = apply_and_wait(qtbot, lc, cv.extendDaysBox)
    assert "上级机构或总行高级管理人员批准" in msg and "approver" in msg and cv.messageLabel.property("error")
    assert cv.historyView.count() == before and "(30-day limit)" in cv.dueLabel.text()

    # pause for an appraisal from the 24th, told the same day; then resume today
    choose(qtbot, cv.actionBox, "pause")
    assert cv.pauseFromEdit.text() == "2026-11-26"
    focus(qtbot, cv.pauseFromEdit)
    cv.pauseFromEdit.selectAll()
    qtbot.keyClicks(cv.pauseFromEdit, "2026-11-24")
    focus(qtbot, cv.pauseNotifiedEdit)
    qtbot.keyClicks(cv.pauseNotifiedEdit, "2026-11-24")
    msg = apply_and_wait(qtbot, lc, cv.pauseNotifiedEdit)                 # no external body named: refused
    assert msg.startswith("Refused:") and "外部鉴定机构" in msg
    type_chinese(focus(qtbot, cv.pauseBodyEdit), "某某司法鉴定所")
    assert "revision 4" in apply_and_wait(qtbot, lc, cv.pauseBodyEdit)
    qtbot.waitUntil(lambda: "clock paused" in cv.dueLabel.text(), timeout=3000)
    assert history_text(lc).splitlines()[-1].endswith("clock paused (鉴定, 某某司法鉴定所), from 2026-11-24")
    assert "鉴定 某某司法鉴定所: from 2026-11-24 (still open)" in cv.section_text("deadline")
    choose(qtbot, cv.actionBox, "resume")
    assert cv.resumeDateEdit.text() == "2026-11-26"
    assert "revision 5" in apply_and_wait(qtbot, lc, cv.resumeDateEdit)
    qtbot.waitUntil(lambda: "clock paused" not in cv.dueLabel.text(), timeout=3000)
    assert "Due 2026-12-16" in cv.dueLabel.text()      # 24th and 25th not counted
    assert history_text(lc).splitlines()[-1].endswith("clock resumed (2026-11-26)")
    assert "extended to 30 days (reason: 需调取交易流水)" in history_text(lc) and "→" not in history_text(lc)

    # back to the list with Esc; the list shows the new status
    qtbot.keyClick(focus(qtbot, cv.historyView), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: lv.stack.currentWidget() is lv.listPage, timeout=3000)
    qtbot.waitUntil(lambda: lc.proxy.rowCount() == 1 and "处理中" in lc.proxy.index(0, 0).data(), timeout=3000)
    assert lv.listView.hasFocus()
    assert svc.lane.call(repo.get_complaint, saved.id)["contact_phone"] == "138****5678"


def test_repeat_complaint_with_and_without_new_facts(records, qtbot):
    lv, lc, saved, _svc = records
    cv = lv.caseView
    lc.open_case(saved.id)
    qtbot.waitUntil(lambda: lc.case.info is not None, timeout=3000)
    choose(qtbot, cv.actionBox, "repeat")
    msg = apply_and_wait(qtbot, lc, cv.repeatReceivedEdit)
    assert "merged" in msg and "revision 2" in msg
    focus(qtbot, cv.repeatNewFactsCheck)
    qtbot.keyClick(cv.repeatNewFactsCheck, Qt.Key.Key_Space)
    assert cv.repeatNewFactsCheck.isChecked()
    msg = apply_and_wait(qtbot, lc, cv.repeatNewFactsCheck)
    assert "restarts from 2026-11-26" in msg
    qtbot.waitUntil(lambda: "Due 2026-12-11" in cv.dueLabel.text(), timeout=3000)
    assert "repeat complaint (2026-11-26, new facts): the clock restarts" in history_text(lc)
    assert not cv.repeatNewFactsCheck.isChecked() and "2026-11-26 (new facts" in cv.section_text("deadline")


def test_no_staff_number_refuses_before_touching_the_database(records, qtbot):
    lv, lc, saved, _svc = records
    lc.case.actor = lambda: ""
    lc.open_case(saved.id)
    qtbot.waitUntil(lambda: lc.case.info is not None, timeout=3000)
    lc.case.apply()
    assert "agent.staff_id" in lv.caseView.messageLabel.text() and not lc.case.busy


def test_agreed_date_documents_handler_and_report_actions(records, qtbot):
    lv, lc, saved, _svc = records
    cv = lv.caseView
    lc.open_case(saved.id)
    qtbot.waitUntil(lambda: lc.case.info is not None, timeout=3000)
    # Art 21 ¶5: a later reply date agreed with the customer becomes the due date
    choose(qtbot, cv.actionBox, "agree")
    focus(qtbot, cv.agreedDateEdit)
    qtbot.keyClicks(cv.agreedDateEdit, "2026-12-05")
    msg = apply_and_wait(qtbot, lc, cv.agreedDateEdit)
    assert msg.startswith("Refused:") and "第二十一条" in msg                      # the evidence is required
    assert cv.agreedDateEdit.text() == "2026-12-05"                                 # a refusal loses nothing typed
    focus(qtbot, cv.agreementEvidenceEdit)
    qtbot.keyClicks(cv.agreementEvidenceEdit, "REC-1126-9")
    assert "revision 2" in apply_and_wait(qtbot, lc, cv.agreementEvidenceEdit)
    qtbot.waitUntil(lambda: "Due 2026-12-05 (agreed" in cv.dueLabel.text(), timeout=3000)
    assert "2026-11-29" in cv.dueLabel.text() and "3 day(s) left" not in cv.alertsLabel.text()
    # Art 17: the handler is never the staff complained about
    choose(qtbot, cv.actionBox, "assign")
    focus(qtbot, cv.handlerEdit)
    qtbot.keyClicks(cv.handlerEdit, "C009")
    assert "revision 3" in apply_and_wait(qtbot, lc, cv.handlerEdit)
    qtbot.waitUntil(lambda: "handler: C009" in cv.section_text("deadline"), timeout=3000)
    # Art 29: who was told, when
    choose(qtbot, cv.actionBox, "report")
    type_chinese(focus(qtbot, cv.reportToEdit), "总行消保部")
    focus(qtbot, cv.reportAtEdit)
    cv.reportAtEdit.selectAll()
    qtbot.keyClicks(cv.reportAtEdit, "2026-11-26 09:00")
    assert "revision 4" in apply_and_wait(qtbot, lc, cv.reportAtEdit)
    qtbot.waitUntil(lambda: "major-complaint report: 总行消保部, 2026-11-26 09:00" in cv.section_text("deadline"), timeout=3000)
    # documents: none pending for a complaint by the consumer
    choose(qtbot, cv.actionBox, "documents")
    assert "no documents are pending" in apply_and_wait(qtbot, lc, cv.documentsReceivedEdit)


def test_review_closed_with_the_review_decision(records, qtbot):
    from assist.core.complaints import case
    from assist.core.complaints.lifecycle import DecisionNotice

    lv, lc, saved, svc = records
    cv = lv.caseView
    svc.lane.call(case.change_status, saved.id, "处理中", actor="A001")
    svc.lane.call(case.change_status, saved.id, "已答复", actor="A001", notice=DecisionNotice(
        "同意退还年费", "收费前未充分告知", ("核查", "调解", "仲裁", "诉讼"), "电话", "2026-11-20T10:00", "REC-001"))
    svc.lane.call(case.request_review, saved.id, "2026-11-24", actor="A001")
    lc.open_case(saved.id)
    qtbot.waitUntil(lambda: lc.case.info is not None and lc.case.info["status"] == "核查中", timeout=3000)
    choose(qtbot, cv.statusToBox, "已办结")
    assert cv.reviewerEdit.isVisible() and cv.decisionEdit.isVisible() and not cv.basisEdit.isVisible()
    msg = apply_and_wait(qtbot, lc, cv.statusToBox)
    assert msg.startswith("Refused:") and "第二十条" in msg
    type_chinese(focus(qtbot, cv.reviewerEdit), "分行消保部刘审")
    type_chinese(focus(qtbot, cv.decisionEdit), "维持原决定")
    choose(qtbot, cv.noticeMethodBox, "书面")
    focus(qtbot, cv.noticeSentAtEdit)
    qtbot.keyClicks(cv.noticeSentAtEdit, "2026-11-26 09:30")
    focus(qtbot, cv.evidenceEdit)
    qtbot.keyClicks(cv.evidenceEdit, "EMS-1")
    assert "Saved" in apply_and_wait(qtbot, lc, cv.evidenceEdit)
    rec = svc.lane.call(repo.get_complaint, saved.id)
    assert rec["status"] == "已办结" and rec["review_reviewer"] == "分行消保部刘审" and rec["review_decided_at"] == "2026-11-26"


def test_link_a_follow_up_call_from_the_case(records, qtbot):
    from assist.core.storage import panel as store

    lv, lc, saved, svc = records
    cv = lv.caseView
    svc.lane.call(store.start_call, "call-follow-1", "2026-11-26T10:00:00+08:00", "138****5678", "", "投诉", "panel")
    lc.case.current_call = lambda: "call-follow-1"
    got = []
    lc.case.callLinked.connect(got.append)
    lc.open_case(saved.id)
    qtbot.waitUntil(lambda: lc.case.info is not None, timeout=3000)
    assert cv.linkCallButton.isVisible()
    qtbot.keyClick(focus(qtbot, cv.linkCallButton), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: got != [], timeout=3000)
    assert got[0]["ticket_no"] == saved.ticket_no and got[0]["linked_calls"][0]["call_id"] == "call-follow-1"
    qtbot.waitUntil(lambda: not cv.linkCallButton.isVisible(), timeout=3000)
    assert svc.lane.call(repo.complaints_of_call, "call-follow-1")[0]["ticket_no"] == saved.ticket_no
