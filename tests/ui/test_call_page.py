"""pytest-qt tests of the call page: a complaint call by keyboard alone, persisted to SQLite."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget, QPushButton

from assist.core.storage import DbLane
from assist.core.storage import panel as store
from assist.schema import open_app_db as open_db
from assist.services import PanelServices
from assist.settings import Settings
from assist.ui.call_controller import CallController
from assist.ui.call_view import CallView
from assist.ui.panel_calls import PanelCalls
from assist.ui.widgets import SmartTextEdit
from tests.conftest import REPO, bundled_kb_holder, type_chinese

CTRL = Qt.KeyboardModifier.ControlModifier
TZ = dt.timezone(dt.timedelta(hours=8))


class FakeClipboard:
    def __init__(self) -> None:
        self.texts: list[str] = []

    def setText(self, text: str) -> None:
        self.texts.append(text)


class TickingClock:
    """Each reading is one second after the previous one."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 26, 10, 0, 0, tzinfo=TZ)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now


@pytest.fixture(scope="module")
def kb():
    return bundled_kb_holder().current.kb


@pytest.fixture(scope="module")
def rules():
    return bundled_kb_holder().current.rules


@pytest.fixture
def page(qtbot, tmp_path):
    """The call page on its own, as the panel mounts it (its PanelCalls, the bundled KB's rules)."""
    from assist.ui.i18n import Translations

    tr = Translations(REPO / "resources" / "i18n")
    assert tr.install("zh_CN"), "compiled translation missing: run `make` (pyside6-lrelease)"
    lane = DbLane(lambda: open_db(tmp_path / "assist.db"))
    settings = Settings(None, {"agent.staff_id": "8801", "agent.name": "李明", "org.name": "示例银行"})
    services = PanelServices(settings=settings, kbs=bundled_kb_holder(), lane=lane, store=store,
                             clipboard=FakeClipboard(), clock=TickingClock())
    view = CallView()
    qtbot.addWidget(view)
    ctl = CallController(view, services, PanelCalls(services, view))
    view.notesEdit.pii_idle_ms = 40
    view.resize(420, 900)
    view.show()
    with qtbot.waitActive(view):   # a context manager: it waits on leaving the block
        view.activateWindow()
    yield view, ctl, services
    lane.close()
    tr.install("en")


def events(services, call_id):
    rows = services.lane.call(lambda db: db.execute(
        "SELECT at, kind, detail FROM call_events WHERE call_id = ? ORDER BY id", [call_id]).fetchall())
    return [(at, kind, json.loads(d)) for at, kind, d in rows]


def checklist(view):
    lv = view.checklistView
    return [(lv.item(i).text(), lv.item(i).checkState() == Qt.CheckState.Checked) for i in range(lv.count())]


def row_names(view):
    """Per row of the scripts list: '# <card>' for a heading, '<card> · <script>' for a script."""
    from assist.ui.call_delegate import HEADING, KIND_ROLE, TITLE_ROLE

    out, card = [], ""
    for i in range(view.scriptsView.count()):
        it = view.scriptsView.item(i)
        if it.data(KIND_ROLE) == HEADING:
            card = it.data(TITLE_ROLE)
            out.append("# " + card)
        else:
            out.append(f"{card} · {it.data(TITLE_ROLE)}")
    return out


def script_names(view):
    return [n for n in row_names(view) if not n.startswith("# ")]


def script_row(view, name):
    """The row of the script '<card> · <script>' (its text is the title, a newline and the body)."""
    return row_names(view).index(name)


def test_stable_object_names_and_accessible_names(page):
    view, _ctl, _ = page
    for name, cls in (("callStartButton", QPushButton), ("callTypeBox", QComboBox), ("stageLabel", QLabel),
                      ("checklistView", QListWidget), ("scriptsView", QListWidget), ("copyScriptButton", QPushButton),
                      ("notesEdit", SmartTextEdit), ("endCallButton", QPushButton),
                      ("missingDisclosuresView", QListWidget), ("overrideReasonEdit", QLineEdit)):
        w = view.findChild(cls, name)
        assert w is not None, name
        assert w.accessibleName(), name
    types = [view.callTypeBox.itemData(i) for i in range(view.callTypeBox.count())]
    assert {"咨询", "投诉", "挂失", "理财", "信贷", "反诈"} <= set(types)


def test_complaint_call_end_to_end_with_the_keyboard(page, qtbot, kb):
    view, ctl, services = page
    clip = services.clipboard
    # pick 投诉 and start
    view.callTypeBox.setFocus()
    while view.callTypeBox.currentData() != "投诉":
        qtbot.keyClick(view.callTypeBox, Qt.Key.Key_Down)
    qtbot.keyClick(view.callStartButton, Qt.Key.Key_Space)
    call = ctl.call
    assert call is not None and call.type.name == "投诉"
    assert "<b>[开场]</b>" in view.stageLabel.text()
    assert view.stageLabel.accessibleName() == "阶段：开场（第 1 步，共 5 步）"
    assert view.callStartButton.text() == "开始通话" and view.endCallButton.text() == "结束通话"
    # 开场: tick staff id and empathy with Space (the recording notice is forgotten)
    lv = view.checklistView
    assert lv.currentRow() == 0
    qtbot.keyClick(lv, Qt.Key.Key_Space)
    qtbot.keyClick(lv, Qt.Key.Key_Down)
    qtbot.keyClick(lv, Qt.Key.Key_Down)
    qtbot.keyClick(lv, Qt.Key.Key_Space)
    marks = checklist(view)
    assert [m[1] for m in marks] == [True, False, True]
    assert re.search(r"✓ 10:00:\d\d", marks[0][0])
    # the agent opens the complaint intake card in the panel
    ctl.set_card(kb.by_id()["complaint-intake-flow"])
    assert "电话投诉受理标准流程 · 投诉开场" in script_names(view)
    opening = view.scriptsView.item(script_row(view, "电话投诉受理标准流程 · 投诉开场")).text()
    assert "工号8801" in opening and "{光标}" not in opening and "{客户称呼|您}" not in opening
    # 身份核验
    qtbot.keyClick(lv, Qt.Key.Key_Right, CTRL)
    assert call.stage == "身份核验" and "<b>[身份核验]</b>" in view.stageLabel.text()
    qtbot.keyClick(lv, Qt.Key.Key_Space)
    assert call.identity_verified
    # 业务处理 → 风险提示 → 结束, and one step back and forth
    for _ in range(3):
        qtbot.keyClick(lv, Qt.Key.Key_Right, CTRL)
    qtbot.keyClick(lv, Qt.Key.Key_Left, CTRL)
    assert call.stage == "风险提示"
    qtbot.keyClick(lv, Qt.Key.Key_Right, CTRL)
    assert call.stage == "结束"
    # select the 受理确认 script and copy it: unknown placeholders are asked inline
    sv = view.scriptsView
    sv.setFocus()
    assert row_names(view)[sv.currentRow()] == "电话投诉受理标准流程 · 受理确认"   # a new stage starts at its first script
    seen = []
    for _ in range(3):
        qtbot.keyClick(sv, Qt.Key.Key_Down)   # the arrow keys skip the card headings
        seen.append(row_names(view)[sv.currentRow()])
    assert not any(n.startswith("# ") for n in seen) and len(set(seen)) == 3
    while not row_names(view)[sv.currentRow()].endswith("受理确认"):
        qtbot.keyClick(sv, Qt.Key.Key_Up)
    qtbot.keyClick(sv, Qt.Key.Key_Return, CTRL)
    assert clip.texts == []
    ticket = view.findChild(QLineEdit, "prompt_受理编号")
    assert ticket is not None and ticket.hasFocus()
    qtbot.keyClicks(ticket, "TS-20261126-0001")
    qtbot.keyClick(ticket, Qt.Key.Key_Return)
    channel = view.findChild(QComboBox, "prompt_答复方式")
    assert channel is not None and channel.hasFocus()
    qtbot.keyClick(channel, Qt.Key.Key_Down)  # 短信: the pending copy goes through
    assert len(clip.texts) == 1
    copied = clip.texts[0]
    assert copied.startswith("您的投诉我已经登记好了，受理编号是TS-20261126-0001。")
    assert "2026年12月11日前通过短信" in copied and "{" not in copied
    # notes, typed with a personal number: masked
    view.notesEdit.setFocus()
    type_chinese(view.notesEdit, "客户要求回电，手机")
    qtbot.keyClicks(view.notesEdit, "13812345678")
    qtbot.waitUntil(lambda: "138****5678" in view.notesEdit.toPlainText())
    assert view.privacyNoticeLabel.isVisible()
    # end: the missing disclosure is listed first; the call stays open
    qtbot.keyClick(view.endCallButton, Qt.Key.Key_Space)
    assert ctl.call is call
    mv = view.missingDisclosuresView
    assert mv.isVisible() and [mv.item(i).data(Qt.ItemDataRole.UserRole) for i in range(mv.count())] == ["recording-notice"]
    assert "录音" in mv.item(0).text() and view.endCallButton.text() == "仍然结束"
    # the agent says it and notes it; the notes count for the disclosure, and End closes the call
    type_chinese(view.notesEdit, "，已提示录音")
    qtbot.keyClick(view.endCallButton, Qt.Key.Key_Space)
    assert ctl.call is None and not mv.isVisible()
    # the recorded call: every step with its time
    qtbot.waitUntil(lambda: services.lane.call(lambda db: db.execute(
        "SELECT ended_at FROM calls WHERE id = ?", [call.call_id]).fetchone()[0]) is not None)
    rows = events(services, call.call_id)
    kinds = [k for _, k, _ in rows]
    assert kinds[0] == "start" and kinds[-2:] == ["call_end", "end"]
    assert kinds.count("tick") == 3
    assert [d["new"] for _, k, d in rows if k == "stage"] == ["身份核验", "业务处理", "风险提示", "结束", "风险提示", "结束"]
    assert [d["name"] for _, k, d in rows if k == "value"] == ["受理编号", "答复方式"]
    use = next(d for _, k, d in rows if k == "script_use")
    assert use == {"card_id": "complaint-intake-flow", "script": "受理确认", "kb_version": services.kb.version, "stage": "结束"}
    ats = [at for at, _, _ in rows]
    # stored in UTC (the clock reads 10:00 at +08:00); the screen shows local time
    assert all(a.startswith("2026-11-26T02:0") and a.endswith("+00:00") for a in ats) and ats == sorted(ats)
    raw = services.lane.call(lambda db: json.dumps(db.execute("SELECT * FROM call_events").fetchall(), ensure_ascii=False))
    assert "13812345678" not in raw and "TS-20261126-0001" not in raw


def test_deadline_in_scripts_follows_the_receipt_and_the_linked_complaint(page, kb):
    """{答复期限} on the call page: the engine's date, never later than the real one."""
    view, ctl, _services = page
    ctl.start_call(call_type="投诉")
    while ctl.call.stage != "结束":
        ctl.next_stage()
    ctl.set_card(kb.by_id()["complaint-deadline-15"])

    def text() -> str:
        return next(e.text for e in ctl.scripts._entries if e.name == "告知答复时限")

    assert "2026年12月11日" in text()                         # a new complaint on this call: 11-26 + 15
    ctl.set_receipt_hint("2026-11-20T16:00")                   # the form: a referral received on 11-20
    assert "2026年12月5日" in text()
    ctl.set_receipt_hint("2026-11-26T10:00")
    # a follow-up call about an extended complaint received on 11-10 (30 days: 12-10), paused 3 days by an appraisal
    ctl.link_complaint({"id": "c1", "ticket_no": "0101-PC7-20261110-0003", "received_at": "2026-11-10T09:00",
                        "status": "处理中", "extension": "30", "extension_reason": "情况复杂",
                        "paused_periods": [{"type": "鉴定", "from": "2026-11-15", "to": "2026-11-18", "body": "某鉴定所",
                                            "notified_at": "2026-11-15"}]})
    assert "0101-PC7-20261110-0003" in text() and "2026年12月13日" in text()
    assert "2026-12-13" in view.complaintLinkLabel.text() and view.complaintLinkLabel.isVisible()
    ctl.end_call(force=True)
    assert not view.complaintLinkLabel.isVisible()
