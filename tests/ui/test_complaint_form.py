"""pytest-qt: the complaint form, filled through the keyboard for each complainant type."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QListWidget

from assist.core.complaints import repo
from tests.conftest import type_chinese


def focus(qtbot, view, field):
    w = view.fields[field]
    view.scrollArea.ensureWidgetVisible(w)
    view.activateWindow()
    w.setFocus()
    qtbot.waitUntil(w.hasFocus)
    return w


def type_into(qtbot, view, field, text):
    w = focus(qtbot, view, field)
    if text.isascii():
        qtbot.keyClicks(w, text)
    else:
        type_chinese(w, text)


def choose(qtbot, view, field, data):
    """Pick a combo entry with the keyboard: focus, then Down until the data matches."""
    w: QComboBox = focus(qtbot, view, field)
    target = w.findData(data)
    assert target >= 0, (field, data)
    key = Qt.Key.Key_Down if target > w.currentIndex() else Qt.Key.Key_Up
    while w.currentIndex() != target:
        qtbot.keyClick(w, key)


def tick(qtbot, view, field):
    w: QCheckBox = focus(qtbot, view, field)
    qtbot.keyClick(w, Qt.Key.Key_Space)
    assert w.isChecked()


def pick_demand(qtbot, view, code):
    w: QListWidget = focus(qtbot, view, "demand_D")
    for i in range(w.count()):
        if w.item(i).data(Qt.ItemDataRole.UserRole) == code:
            w.setCurrentRow(i)
            qtbot.keyClick(w.viewport(), Qt.Key.Key_Space)
            break
    assert code in view.value("demand_D")


def fill_common(qtbot, view, phone="13812345678"):
    type_into(qtbot, view, "complainant_name", "张三丰")
    type_into(qtbot, view, "contact_phone", phone)
    type_into(qtbot, view, "respondent_org", "朝阳支行")
    type_into(qtbot, view, "request", "退还年费")
    type_into(qtbot, view, "facts", "未告知即扣年费")
    choose(qtbot, view, "channel_A", "A0302")
    choose(qtbot, view, "business_B", "B03")
    choose(qtbot, view, "reason_C", "C07")
    pick_demand(qtbot, view, "D02")


TYPE_CASES = {
    "本人": ([], []),
    "法定代理人": (["agent_name", "relationship"], [("agent_name", "李四"), ("relationship", "父亲")]),
    "委托代理人": (["agent_name"], [("agent_name", "王五"), ("poa_received", True)]),
    "继承人": (["deceased_name"], [("deceased_name", "赵六"), ("heir_proof_received", True)]),
    "单位": (["org_name", "org_uscc", "legal_rep_name"],
             [("org_name", "某某科技有限公司"), ("org_uscc", "91350100M000100Y43"), ("legal_rep_name", "张三丰")]),
}


def save_and_wait(qtbot, view, ctl):
    focus(qtbot, view, "amount_involved")
    qtbot.keyClick(view.fields["amount_involved"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


@pytest.mark.parametrize("ctype", list(TYPE_CASES))
def test_each_complainant_type_keyboard_validation_and_save(complaint_env, qtbot, ctype):
    view, ctl, svc = complaint_env()
    required, values = TYPE_CASES[ctype]
    choose(qtbot, view, "complainant_type", ctype)
    for f in required:
        assert view.row_visible(f), f
        assert view.labels[f].text().endswith("*"), f
    # save the empty form: each message names the field and how to fix it; focus on the first
    save_and_wait(qtbot, view, ctl)
    qtbot.waitUntil(lambda: view.errors["complainant_name"].isVisible())
    for f in ("complainant_name", "contact_phone", "request", "facts", "channel_A", "demand_D", *required):
        err = view.errors[f]
        assert err.isVisible() and err.text(), f
    assert "required" in view.errors["complainant_name"].text()
    if ctype != "本人":
        assert "complainant type" in view.errors[required[0]].text() or "Art 1" in view.errors[required[0]].text()
    assert QApplication.focusWidget() is view.fields["complainant_name"]
    # fill through the keyboard and save
    fill_common(qtbot, view)
    for f, v in values:
        if v is True:
            tick(qtbot, view, f)
        else:
            type_into(qtbot, view, f, v)
    save_and_wait(qtbot, view, ctl)
    qtbot.waitUntil(lambda: ctl.last_saved is not None, timeout=5000)
    s = ctl.last_saved
    assert s.ticket_no.startswith("0101-PC7-20261126-") and s.ticket_no in view.ticketLabel.text()
    assert view.deadlineLabel.isVisible() and "2026-12-11" in view.deadlineLabel.text() and "15" in view.deadlineLabel.text()
    data = svc.lane.call(repo.get_complaint, s.id)
    assert data["complainant_type"] == ctype and data["contact_phone"] == "138****5678"
    for f, _v in values:
        assert data[f] not in ("", False), f
    assert "contact_phone" in s.protected


def test_invalid_values_explained_next_to_the_field(complaint_env, qtbot):
    view, ctl, _ = complaint_env()
    fill_common(qtbot, view, phone="12345")
    type_into(qtbot, view, "amount_involved", "12.345")
    save_and_wait(qtbot, view, ctl)
    qtbot.waitUntil(lambda: view.errors["contact_phone"].isVisible())
    assert "mobile" in view.errors["contact_phone"].text() and "11 digits" in view.errors["contact_phone"].text()
    assert "amount" in view.errors["amount_involved"].text()
    assert QApplication.focusWidget() is view.fields["contact_phone"]
    assert view.fields["contact_phone"].accessibleDescription()


def test_regulator_referral_asks_for_its_number(complaint_env, qtbot):
    view, ctl, _ = complaint_env()
    assert not view.row_visible("regulator_ref")
    choose(qtbot, view, "source", "监管转办")
    assert view.row_visible("regulator_ref") and view.labels["regulator_ref"].text().endswith("*")
    fill_common(qtbot, view)
    save_and_wait(qtbot, view, ctl)
    qtbot.waitUntil(lambda: view.errors["regulator_ref"].isVisible())
    assert "referral" in view.errors["regulator_ref"].text()


def test_fields_the_bank_holds_are_prefilled_not_asked(complaint_env, qtbot):
    view, ctl, _svc = complaint_env(context={"customer_name": "张三丰", "phone": "13812345678"})
    ctl.new_complaint()
    assert not view.row_visible("complainant_name") and not view.row_visible("contact_phone")
    assert not view.row_visible("agent_id") and not view.row_visible("received_at")
    assert "138****5678" in view.heldLabel.text() and "13812345678" not in view.heldLabel.text()
    form = ctl.form_data()
    assert form["complainant_name"] == "张三丰" and form["agent_id"] == "A001" and form["received_at"] == "2026-11-26T10:00"


def test_tab_reaches_every_visible_field_and_section_header(complaint_env, qtbot):
    view, _ctl, _ = complaint_env()
    choose(qtbot, view, "complainant_type", "单位")
    start = view.sections["intake"].header
    start.setFocus()
    qtbot.waitUntil(start.hasFocus)
    seen, headers = set(), {start}
    for _ in range(90):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        w = QApplication.focusWidget()
        f = w.property("formField") if w else None
        if f:
            seen.add(f)
        headers |= {s.header for s in view.sections.values() if s.header is w}
        if w is view.saveComplaintButton:
            break
    visible = {f for f in view.fields if view.row_visible(f)}
    assert visible <= seen, visible - seen
    assert headers == {s.header for s in view.sections.values()}


def test_high_risk_text_prompts_escalation_with_the_card(complaint_env, qtbot):
    view, ctl, _ = complaint_env()
    got = []
    ctl.escalationRequested.connect(got.append)
    type_into(qtbot, view, "facts", "再不处理我就打12378，还要找媒体曝光")
    qtbot.waitUntil(lambda: view.escalationLabel.isVisible())
    assert "12378" in view.riskLabel.text() and "媒体" in view.riskLabel.text()
    assert "complex" in view.riskLabel.text()
    assert "escalate-regulator" in view.escalationLabel.text() and "12378、金融监管总局" in view.escalationLabel.text()
    view.escalateButton.click()
    assert got == ["escalate-regulator"]
    view.fields["facts"].clear()
    type_chinese(view.fields["facts"], "二十多人一起到网点现场讨说法")
    qtbot.waitUntil(lambda: "major" in view.riskLabel.text())
    assert "escalate-group" in view.escalationLabel.text()


def test_no_keyring_saves_masked_only_and_says_so(complaint_env, qtbot):
    keyring.set_keyring(fail.Keyring())
    view, ctl, _svc = complaint_env()
    assert ctl.cipher is None and view.noticeLabel.isVisible() and "keyring" in view.noticeLabel.text()
    fill_common(qtbot, view)
    save_and_wait(qtbot, view, ctl)
    qtbot.waitUntil(lambda: ctl.last_saved is not None, timeout=5000)
    assert ctl.last_saved.notices and ctl.last_saved.protected == ()
    assert "NOT stored" in view.noticeLabel.text()


def test_escape_asks_and_keeps_the_draft(complaint_env, qtbot):
    view, ctl, svc = complaint_env()
    asked, closed = [], []
    ctl.confirm = lambda *a: asked.append(a) or True
    ctl.closed.connect(lambda: closed.append(1))
    type_into(qtbot, view, "request", "退还年费")
    qtbot.keyClick(view.fields["request"], Qt.Key.Key_Escape)
    assert asked and closed
    qtbot.waitUntil(lambda: svc.lane.call(repo.load_drafts) != [], timeout=3000)
    (d,) = svc.lane.call(repo.load_drafts, cipher=ctl.cipher)
    assert d.state == "encrypted" and d.form["request"] == "退还年费" and d.cursor_field == "request"


def test_pressing_save_twice_quickly_saves_one_complaint(complaint_env, qtbot):
    view, ctl, svc = complaint_env()
    fill_common(qtbot, view)
    ctl.save()
    ctl.save()  # before the first save came back
    qtbot.waitUntil(lambda: ctl.last_saved is not None, timeout=5000)
    # the lane runs in order: a second save would have been queued before this count
    assert svc.lane.call(lambda db: db.execute("select count(*) from complaints").fetchone()[0]) == 1
    assert view.saveComplaintButton.isEnabled()


def test_copying_a_phone_number_out_of_the_form_copies_it_masked(complaint_env, qtbot):
    view, _ctl, _svc = complaint_env()
    w = focus(qtbot, view, "contact_phone")
    qtbot.keyClicks(w, "13812345678")
    w.selectAll()
    qtbot.keyClick(w, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "138****5678"
    assert w.text() == "13812345678"  # the field keeps the full value (stored encrypted)
    qtbot.keyClick(w, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "138****5678" and w.text() == ""


def test_agent_complaint_without_power_of_attorney_is_saved_with_its_clock(complaint_env, qtbot):
    """Art 14: accept the agent's complaint; the POA may be asked for, with a due date, never a blocker."""
    view, ctl, svc = complaint_env()
    choose(qtbot, view, "complainant_type", "委托代理人")
    assert view.row_visible("documents_due_date") and view.value("documents_due_date") == "2026-12-03"   # receipt + 7
    assert not view.labels["poa_received"].text().endswith("*")
    assert "Art 14" in view.duePreviewLabel.text() and "2026-12-11" in view.duePreviewLabel.text()
    fill_common(qtbot, view)
    type_into(qtbot, view, "agent_name", "王五")
    save_and_wait(qtbot, view, ctl)
    qtbot.waitUntil(lambda: ctl.last_saved is not None, timeout=5000)
    s = ctl.last_saved
    assert s.due_date == "2026-12-11"                             # 15 days from receipt, not from the documents
    assert view.remindersLabel.isVisible() and "Art 14" in view.remindersLabel.text()
    data = svc.lane.call(repo.get_complaint, s.id)
    assert data["poa_received"] is False and data["documents_pending"] == ["授权委托书"] and data["documents_due_date"] == "2026-12-03"


def test_referral_receipt_is_editable_and_moves_the_due_date_earlier(complaint_env, qtbot):
    view, ctl, _svc = complaint_env()
    got = []
    ctl.receiptChanged.connect(got.append)
    assert not view.row_visible("received_at")                     # a hotline complaint is received on the call
    choose(qtbot, view, "source", "监管转办")
    assert view.row_visible("received_at") and view.value("received_at") == "2026-11-26T10:00"
    w = focus(qtbot, view, "received_at")
    w.selectAll()
    qtbot.keyClicks(w, "2026-11-20 16:00")
    assert got[-1] == "2026-11-20T16:00" and "2026-12-05" in view.duePreviewLabel.text()
    fill_common(qtbot, view)
    type_into(qtbot, view, "regulator_ref", "JG-2026-000123")
    save_and_wait(qtbot, view, ctl)
    qtbot.waitUntil(lambda: ctl.last_saved is not None, timeout=5000)
    assert ctl.last_saved.due_date == "2026-12-05"


def test_agreed_date_and_art_29_facts_on_the_form(complaint_env, qtbot):
    view, ctl, _svc = complaint_env()
    fill_common(qtbot, view)
    type_into(qtbot, view, "agreed_due_date", "2026-12-20")
    assert "agreed" in view.duePreviewLabel.text() and "2026-12-20" in view.duePreviewLabel.text()
    type_into(qtbot, view, "people_count", "25")
    tick(qtbot, view, "in_person")
    qtbot.waitUntil(lambda: "major" in view.riskLabel.text())
    save_and_wait(qtbot, view, ctl)
    qtbot.waitUntil(lambda: view.errors["agreement_evidence_ref"].isVisible())
    assert "Art 21" in view.errors["agreement_evidence_ref"].text()
    type_into(qtbot, view, "agreement_evidence_ref", "REC-1126-01")
    save_and_wait(qtbot, view, ctl)
    qtbot.waitUntil(lambda: ctl.last_saved is not None, timeout=5000)
    s = ctl.last_saved
    assert s.due_date == "2026-12-20" and s.due_basis == "agreed" and s.level == "重大"
    assert "agreed" in view.deadlineLabel.text() and "第二十九条" in view.remindersLabel.text()


def test_insurer_form_uses_insurer_classes(complaint_env, qtbot):
    view, _ctl, _svc = complaint_env(settings={"agent.staff_id": "A001", "org.name": "某某人寿北京分公司", "org.branch_code": "0101",
                                             "org.device_id": "PC7", "org.institution_type": "保险"})
    assert not view.row_visible("business_B") and not view.row_visible("reason_C")
    assert view.row_visible("ins_issue") and view.row_visible("ins_line")
    assert view.labels["ins_line"].text().endswith("*")
    box = view.fields["ins_line"]
    assert any("年金保险" in box.itemText(i) for i in range(box.count()))
    assert any("(our own class)" in box.itemText(i) for i in range(box.count()))


def test_credit_card_sub_classes_follow_the_business_category(complaint_env, qtbot):
    view, _ctl, _svc = complaint_env()
    choose(qtbot, view, "business_B", "B03")
    box = view.fields["business_B_sub"]
    texts = [box.itemText(i) for i in range(box.count())]
    assert any(t.startswith("B0309 信用卡分期") and "own" in t for t in texts) and any(t.startswith("B0301") for t in texts)
    choose(qtbot, view, "business_B", "B04")
    assert all(not box.itemData(i) or box.itemData(i).startswith("B04") for i in range(box.count()))
