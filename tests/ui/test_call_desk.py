"""The call tab as the agent's desk (issue 15): the call's direction picks the opening, the stage's
scripts under card headings with ONE line for those behind the identity gate, the layout at
1366×768 (the panel docked at the right, 400 px wide), and the disclosures still owed, live."""

from __future__ import annotations

import json

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QLabel, QWidget

from assist.ui.call_delegate import HEADING, KIND_ROLE, _layout
from tests.ui.test_call_page import events, kb, page, row_names, rules, script_names  # noqa: F401 (fixtures)

PANEL_W, PANEL_H = 400, 768 - 40          # docked at the right of a 1366×768 screen, above a 40 px taskbar
DESK = {"agent.staff_id": "A007", "org.name": "北京分行", "org.branch_code": "0101", "org.device_id": "PC7"}


def _to_stage(ctl, stage):
    from assist.core.kb.model import CALL_STAGES

    while ctl.call.stage != stage:
        ctl.next_stage() if CALL_STAGES.index(stage) > CALL_STAGES.index(ctl.call.stage) else ctl.previous_stage()


def _names(ctl, current_only=True):
    return [e.name for e in ctl.scripts.entries() if e.current or not current_only]


# ---- direction → opening --------------------------------------------------------------------
def test_a_softphone_call_is_inbound_and_gets_the_inbound_opening(page, qtbot):  # noqa: F811
    view, ctl, services = page
    cid = ctl.start_call("13812345678", "年费", "投诉", "ipc")          # the softphone says nothing about direction
    assert ctl.call.direction == "呼入" and view.directionBox.currentText() == "呼入"
    opening = _names(ctl)
    assert "呼入开场" in opening and "投诉开场" in opening and "外呼开场" not in opening
    # the agent switches to outbound (a call-back): the outbound opening replaces the inbound ones
    view.directionBox.setFocus()
    qtbot.keyClick(view.directionBox, Qt.Key.Key_Down)
    assert ctl.call.direction == "外呼"
    opening = _names(ctl)
    assert "外呼开场" in opening and "呼入开场" not in opening and "投诉开场" not in opening
    assert "电话开场：报工号并提示通话录音 · 外呼开场" in script_names(view)
    qtbot.waitUntil(lambda: any(k == "direction" for _, k, _ in events(services, cid)))
    rows = events(services, cid)
    assert rows[0][1] == "start" and rows[0][2]["direction"] == "呼入"
    assert [d for _, k, d in rows if k == "direction"] == [{"old": "呼入", "new": "外呼"}]


def test_the_softphone_or_the_call_type_can_say_outbound(page):  # noqa: F811
    view, ctl, _ = page
    ctl.start_call("", "", "投诉", "ipc", direction="outbound")
    assert ctl.call.direction == "外呼" and "外呼开场" in _names(ctl) and "呼入开场" not in _names(ctl)
    ctl.end_call(force=True)
    assert view.directionBox.currentData() == "呼入"      # the next call does not inherit it
    view.callStartButton.click()
    assert ctl.call.direction == "呼入"
    ctl.end_call(force=True)
    # 催收 calls are outbound in rules/call_types.yaml: picked before the call, the box follows it
    view.callTypeBox.setCurrentIndex(view.callTypeBox.findData("催收"))
    view.callTypeBox.activated.emit(view.callTypeBox.currentIndex())
    assert view.directionBox.currentData() == "外呼"
    view.callStartButton.click()
    assert ctl.call.type.name == "催收" and ctl.call.direction == "外呼" and not ctl.call.direction_told
    # an agent who picks inbound before starting gets inbound
    ctl.end_call(force=True)
    view.callTypeBox.setCurrentIndex(view.callTypeBox.findData("咨询"))
    view.callTypeBox.activated.emit(view.callTypeBox.currentIndex())
    assert view.directionBox.currentData() == "呼入"
    view.directionBox.setCurrentIndex(view.directionBox.findData("外呼"))
    view.callStartButton.click()
    assert ctl.call.direction == "外呼" and "外呼开场" in _names(ctl)


# ---- grouping, headings, the one gate line ----------------------------------------------------
def test_scripts_of_the_stage_under_card_headings_and_one_line_for_the_gated(page, qtbot, kb):  # noqa: F811
    view, ctl, _ = page
    ctl.start_call("", "年费", "投诉", "ipc")
    _to_stage(ctl, "业务处理")
    entries = ctl.scripts.entries()
    folded = [e for e in entries if e.folded]
    assert len(folded) >= 3, "the topic's C2 cards wait for the identity check"
    names = row_names(view)
    # every script row sits under the heading of its card; headings are not selectable
    sv = view.scriptsView
    for i, name in enumerate(names):
        item = sv.item(i)
        if item.data(KIND_ROLE) == HEADING:
            assert not item.flags() & Qt.ItemFlag.ItemIsSelectable
        else:
            card = name.split(" · ")[0]
            assert "# " + card in names[:i]
    assert len([n for n in names if not n.startswith("# ")]) == len(entries) - len(folded)
    # ONE line for the folded scripts, with their count; their text is nowhere in the list
    assert view.gateLabel.isVisible() and view.gateLabel.full_text() == f"※ {len(folded)} 条话术需完成身份核验后显示"
    listed = "\n".join(sv.item(i).text() for i in range(sv.count()))
    assert not any(e.text in listed for e in folded)
    # the identity check unfolds them, under their cards' headings
    _to_stage(ctl, "身份核验")
    ctl.tick("verify-identity")
    _to_stage(ctl, "业务处理")
    assert not view.gateLabel.isVisible() and not view.overrideButton.isVisible()
    assert all(f"{e.card.title} · {e.name}" in script_names(view) for e in folded)
    # the scripts of the current stage come first, and no other stage's
    assert all(e.stage == "业务处理" for e in ctl.scripts.entries())


def test_the_opened_cards_other_stages_come_after_the_current_stage(page, kb):  # noqa: F811
    view, ctl, _ = page
    ctl.start_call("", "", "投诉", "button")
    ctl.set_card(kb.by_id()["complaint-intake-flow"])       # 投诉开场 (开场) and 受理确认 (结束)
    names = row_names(view)
    assert names[:2] == ["# 电话投诉受理标准流程", "电话投诉受理标准流程 · 投诉开场"]
    assert names[-2:] == ["# 电话投诉受理标准流程 · 其他阶段", "电话投诉受理标准流程 · 其他阶段 · [结束] 受理确认"]


def test_card_text_is_drawn_as_plain_text(page):  # noqa: F811
    """A title or script with markup shows the markup as typed: the delegate lays out plain text."""
    view, _, _ = page
    layout = _layout("<b>标题</b>", "正文 <img src=x> &amp;", view.font(), 300)
    assert layout.text() == "<b>标题</b>  正文 <img src=x> &amp;"
    assert view.gateLabel.textFormat() == Qt.TextFormat.PlainText
    assert view.missingLabel.textFormat() == Qt.TextFormat.PlainText


# ---- the layout at 1366×768 ----------------------------------------------------------------------
def _settle_layout(window) -> None:
    """Apply the pending layout of the whole window now (no waiting: the layouts are activated)."""
    for w in [window, *window.findChildren(QWidget)]:
        if w.layout() is not None:
            w.layout().activate()


def test_at_1366x768_the_stages_first_five_scripts_are_fully_visible(make_panel, qtbot):
    view, panel, _ = make_panel(settings=DESK)
    view.resize(PANEL_W, PANEL_H)
    panel.ipc.handle_message({"cmd": "call_start", "caller": "138****5678", "topic": "年费", "call_type": "投诉"})
    ctl, cv = panel.call_page, panel.call_page.view
    for item in ("greet-staff-id", "recording-notice", "empathy-apology", "verify-identity"):
        ctl.tick(item)                                   # the opening said, the caller verified
    _to_stage(ctl, "业务处理")
    assert view.tabs.currentWidget() is cv and cv.isVisible()
    current = [e for e in ctl.scripts.entries() if e.current and not e.folded]
    assert len(current) >= 5
    _settle_layout(view)
    qtbot.waitUntil(lambda: view.size().width() == PANEL_W and view.size().height() == PANEL_H)
    sv = cv.scriptsView
    sv.doItemsLayout()
    viewport = sv.viewport().rect()
    for e in current[:5]:
        rect: QRect = sv.visualItemRect(sv.item(ctl.scripts.row_of(e)))
        assert rect.height() > 0 and viewport.contains(rect), (e.name, rect, viewport)
    # the panel stays 400 px wide; the checklist is one line for its one item; "in call" shows once
    assert view.width() == PANEL_W and cv.minimumSizeHint().width() <= PANEL_W
    assert cv.checklistView.count() == 1 and cv.checklistView.height() <= 2 * cv.fontMetrics().lineSpacing() + 8
    assert view.callLabel.isVisible() and "138****5678" in view.callLabel.text()
    assert not cv.callInfoLabel.isVisible()
    assert not any("通话中" in w.text() for w in cv.findChildren(QLabel) if w.isVisible())


# ---- the disclosures still owed, live ----------------------------------------------------------
def _missing(cv):
    mv = cv.missingDisclosuresView
    return {mv.item(i).data(Qt.ItemDataRole.UserRole): mv.item(i).text() for i in range(mv.count())} if not mv.isHidden() else {}


def _save_complaint(panel, qtbot):
    form, fv = panel.complaints.form, panel.complaints.view
    form.new_complaint()
    for f, val in (("respondent_org", "朝阳支行"), ("request", "退还年费"), ("facts", "未告知即扣年费")):
        fv.set_value(f, val)
    for f, val in (("channel_A", "A0302"), ("business_B", "B03"), ("reason_C", "C07"), ("demand_D", ["D02"])):
        fv.set_value(f, val)
    form.save()
    qtbot.waitUntil(lambda: form.last_saved is not None, timeout=5000)
    return form.last_saved


def test_missing_disclosures_are_listed_live_and_filled_with_the_saved_ticket(make_panel, qtbot):
    _view, panel, services = make_panel(settings=DESK)
    ctl = panel.call_page
    ctl.s.clock = services.clock
    cv = ctl.view
    panel.ipc.handle_message({"cmd": "call_start", "caller": "138****5678", "caller_full": "13812345678",
                              "customer_name": "张三丰", "topic": "年费", "call_type": "投诉"})
    # 开场: the two opening disclosures are due, their examples filled with the agent's number
    missing = _missing(cv)
    assert list(missing) == ["staff-id", "recording-notice"]
    assert missing["staff-id"] == "报工号：您好，工号A007，很高兴为您服务。"
    assert cv.missingLabel.text() == "现在需要告知（2 项）："
    ctl.tick("greet-staff-id")                                   # ticking the item counts
    assert list(_missing(cv)) == ["recording-notice"]
    cv.notesEdit.setPlainText("已提示录音")                         # so does the agent's note, as it is typed
    qtbot.waitUntil(lambda: cv.missingDisclosuresView.isHidden())
    assert cv.missingLabel.isHidden()
    # 风险提示 and 结束 bring theirs; before a complaint is saved the ticket is a slot to fill
    _to_stage(ctl, "结束")
    missing = _missing(cv)
    assert list(missing) == ["complaint-deadline", "complaint-ticket", "complaint-reply-method"]
    assert "2026年12月11日前" in missing["complaint-deadline"]      # the call start is the receipt: 11-26 + 15
    assert missing["complaint-ticket"] == "告知受理编号：您的受理编号是【受理编号】，后续查询请报这个编号。"
    assert "【电话/短信/书面】" in missing["complaint-reply-method"]
    saved = _save_complaint(panel, qtbot)
    qtbot.waitUntil(lambda: saved.ticket_no in _missing(cv).get("complaint-ticket", ""), timeout=5000)
    assert "【" not in _missing(cv)["complaint-ticket"]
    # End lists every missing one (the same list) and keeps the call open; End again closes it
    cv.endCallButton.click()
    assert ctl.call is not None and cv.endCallButton.text() == "仍然结束"
    assert cv.missingLabel.text() == "本次通话尚未告知（请补充告知，或再按一次结束）："
    assert set(_missing(cv)) == {"complaint-deadline", "complaint-ticket", "complaint-reply-method"}
    with qtbot.waitSignal(ctl.callEnded) as sig:
        cv.endCallButton.click()
    assert ctl.call is None and set(sig.args[1]) == set(_missing(cv))
    assert cv.missingLabel.text() == "本次通话结束时缺少以下告知：" and saved.ticket_no in _missing(cv)["complaint-ticket"]
    qtbot.waitUntil(lambda: services.lane.call(lambda db: db.execute("select count(*) from call_events where kind = 'end'")
                                               .fetchone()[0]) == 1)
    raw = services.lane.call(lambda db: json.dumps(db.execute("select detail from call_events").fetchall(), ensure_ascii=False))
    assert "已提示录音" not in raw                                  # the notes count, and are not stored
