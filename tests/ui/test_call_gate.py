"""The identity gate, placeholder answers kept for the call, end of call, IPC start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from assist.core.guidance.placeholders import as_fields
from tests.conftest import type_chinese
from tests.ui.test_call_page import events, kb, page, rules, script_names, script_row  # noqa: F401 (fixtures)


def _to_stage(ctl, stage):
    while ctl.call.stage != stage:
        ctl.next_stage()


def test_c2_scripts_stay_folded_until_override_with_a_reason(page, qtbot, kb):  # noqa: F811
    view, ctl, services = page
    ctl.start_call("", "", "投诉", "button")
    card = kb.by_id()["dispute-process"]   # privacy_level C2
    ctl.set_card(card)
    _to_stage(ctl, "业务处理")
    gated = [e for e in ctl.scripts.entries() if e.card.id == card.id]
    assert gated and all(e.folded for e in gated)
    # folded scripts are not listed one by one: ONE line says how many wait for the identity check
    assert not any(n.startswith(card.title) for n in script_names(view))
    assert all(e.text not in view.scriptsView.item(i).text() for e in gated for i in range(view.scriptsView.count()))
    n = sum(e.folded for e in ctl.scripts.entries())
    assert view.gateLabel.isVisible() and view.gateLabel.full_text() == f"※ {n} 条话术需完成身份核验后显示"
    assert card.title in view.gateLabel.toolTip()
    # override: needs a reason
    qtbot.keyClick(view.overrideButton, Qt.Key.Key_Space)
    assert view.overrideReasonEdit.isVisible() and view.overrideReasonEdit.hasFocus()
    qtbot.keyClick(view.overrideReasonEdit, Qt.Key.Key_Return)
    assert all(e.folded for e in ctl.scripts.entries() if e.card.id == card.id) and "原因" in view.statusLabel.text()
    type_chinese(view.overrideReasonEdit, "客户来电挂失，系统核验故障")
    qtbot.keyClick(view.overrideReasonEdit, Qt.Key.Key_Return)
    # the override is for the opened card; other C2/C3 cards stay folded until identity is verified
    assert not any(e.folded for e in ctl.scripts.entries() if e.card.id == card.id)
    assert view.gateLabel.isVisible() == any(e.folded for e in ctl.scripts.entries())
    row = script_row(view, f"{card.title} · {gated[0].name}")
    view.scriptsView.setCurrentRow(row)
    assert as_fields(ctl.scripts.selected_entry().text) in view.scriptsView.item(row).text()   # fields, never raw braces
    for name in list(ctl.scripts.selected_entry().missing):
        ctl.scripts.set_value(name, "短信" if name == "答复方式" else "不认可扣款")
    assert ctl.scripts.copy_selected_script()
    qtbot.waitUntil(lambda: any(k == "script_use" for _, k, _ in events(services, ctl.call.call_id)))
    ov = [d for _, k, d in events(services, ctl.call.call_id) if k == "identity_override"]
    assert ov == [{"reason": "客户来电挂失，系统核验故障", "card_id": "dispute-process", "stage": "业务处理"}]


def test_ticking_the_identity_check_unfolds_gated_scripts(page, kb):  # noqa: F811
    view, ctl, _ = page
    ctl.start_call("", "", "投诉", "button")
    ctl.set_card(kb.by_id()["dispute-process"])
    _to_stage(ctl, "身份核验")
    view.checklistView.item(0).setCheckState(Qt.CheckState.Checked)
    assert ctl.call.identity_verified
    _to_stage(ctl, "业务处理")
    assert view.scriptsView.count() and not any(e.folded for e in ctl.scripts.entries())
    assert any(n.startswith(kb.by_id()["dispute-process"].title) for n in script_names(view))
    assert not view.gateLabel.isVisible() and not view.overrideButton.isVisible()


def test_placeholder_answer_is_kept_for_the_rest_of_the_call(page, qtbot, kb):  # noqa: F811
    view, ctl, services = page
    ctl.start_call("", "", "投诉", "button")
    ctl.set_card(kb.by_id()["complaint-deadline-15"])
    _to_stage(ctl, "结束")
    first = script_row(view, "投诉答复时限：一般15日（自然日） · 告知答复时限")
    view.scriptsView.setCurrentRow(first)
    assert ctl.scripts.selected_entry().missing == ["受理编号", "答复方式"]
    ticket = view.findChild(QLineEdit, "prompt_受理编号")
    qtbot.keyClicks(ticket, "TS-0042")
    qtbot.keyClick(ticket, Qt.Key.Key_Return)
    assert "受理编号TS-0042" in view.scriptsView.item(first).text()
    assert ctl.scripts.selected_entry().missing == ["答复方式"]
    # another card later in the call: the answer is already there, nothing asked again
    ctl.set_card(kb.by_id()["complaint-intake-flow"])
    row = script_row(view, "电话投诉受理标准流程 · 受理确认")
    view.scriptsView.setCurrentRow(row)
    assert "受理编号是TS-0042" in view.scriptsView.item(row).text()
    assert ctl.scripts.selected_entry().missing == ["答复方式"]
    assert view.findChild(QLineEdit, "prompt_受理编号") is None
    ctl.scripts.set_value("答复方式", "电话")
    assert ctl.scripts.selected_entry().missing == []
    text = ctl.scripts.copy_selected_script()
    assert "通过电话把处理结果告诉您" in text and text == services.clipboard.texts[-1]


def test_forced_end_records_the_missing_disclosures(page, qtbot):  # noqa: F811
    view, ctl, services = page
    cid = ctl.start_call("13812345678", "信用卡", "complaint", "ipc")
    assert ctl.call.type.name == "投诉"
    # the caller is shown once, in the panel's header line (PanelCalls.label), not again on the page
    assert ctl.calls.label() == "通话中：138****5678 信用卡" and not view.callInfoLabel.isVisible()
    with qtbot.waitSignal(ctl.callEnded) as sig:
        assert ctl.end_call(force=True)
    assert sig.args[0] == cid and "recording-notice" in sig.args[1]
    assert view.missingDisclosuresView.isVisible() and view.missingDisclosuresView.count() == len(sig.args[1])
    qtbot.waitUntil(lambda: [k for _, k, _ in events(services, cid)][-1:] == ["end"])
    end = next(d for _, k, d in events(services, cid) if k == "call_end")
    assert end["missing"] == sig.args[1] and "verify-identity" in end["unticked"]
    caller = services.lane.call(lambda db: db.execute("SELECT caller_masked, source FROM calls").fetchone())
    assert caller == ("138****5678", "ipc")


def test_unknown_call_type_falls_back_to_the_picker(page):  # noqa: F811
    view, ctl, _ = page
    view.callTypeBox.setCurrentIndex(view.callTypeBox.findData("挂失"))
    ctl.start_call("", "", "no-such-type", "ipc")
    assert ctl.call.type.name == "挂失"


def test_forbidden_phrase_in_notes_is_marked_and_f2_explains(page, qtbot):  # noqa: F811
    view, ctl, _ = page
    ctl.start_call("", "", "理财", "button")
    view.notesEdit.setFocus()
    type_chinese(view.notesEdit, "这款产品保本的")
    qtbot.waitUntil(lambda: [f.text for f in view.notesEdit.findings()] == ["保本"])
    qtbot.keyClick(view.notesEdit, Qt.Key.Key_F2)
    assert view.lintLabel.isVisible() and "保本" in view.lintLabel.text()
