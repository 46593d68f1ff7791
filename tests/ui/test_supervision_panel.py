"""The panel's parts of 事后监督: the after-call summary on the call page, and unread
风险提示函 first, with the explicit acknowledgement of a must-read notice."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from assist.core.notices.notice import card_path, parse_notice, to_card
from assist.core.storage import outbox
from tests.conftest import REPO, type_chinese

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def _kb_with_notice(tmp_path: Path, must_read: bool = True) -> Path:
    kb = tmp_path / "kb"
    shutil.copytree(REPO / "kb", kb)
    n = parse_notice({"title": "冒充客服“退款”诈骗风险提示", "risk": "近期有不法分子冒充电商客服，以退款为由诱导客户提供验证码。",
                      "say": ["我行不会以退款为由要求您提供验证码或转账。"], "dont_say": ["您把验证码告诉我，我帮您退款"],
                      "effective_from": "2026-11-01", "must_read": must_read})
    p = card_path(kb, n)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(to_card(n), encoding="utf-8")
    return kb


def _shot(widget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / name))


def test_the_call_page_shows_what_the_check_found_and_queues_the_call(make_panel, qtbot):
    _view, panel, services = make_panel(settings={"agent.staff_id": "A001", "org.name": "测试分行"})
    cc = panel.call_page
    panel.calls.start("13812345678", "年费", "投诉")
    type_chinese(cc.view.notesEdit, "请您把短信验证码念一下")
    cc.end_call(force=True)
    summary = panel.qa
    qtbot.waitUntil(lambda: summary.result is not None, timeout=10_000)
    v = summary.view
    assert v.isVisible() and "红线" in v.heading.text() and "分" in v.heading.text()
    items = [v.findings.item(i).text() for i in range(v.findings.count())]
    assert items[0].startswith("【红线】")
    assert any("索要短信验证码" in t for t in items) and any("投诉来电未登记投诉单" in t for t in items)
    assert any("查看卡片：" in t for t in items)
    _shot(cc.view, "panel-after-call-summary.png")
    first = v.findings.item(0)
    v.findings.itemActivated.emit(first)
    from PySide6.QtWidgets import QDialog

    qtbot.waitUntil(lambda: any(d.objectName() == "qaCardDialog" and d.isVisible() for d in cc.view.findChildren(QDialog)))
    rows = services.lane.call(lambda db: outbox.peek(db, 50))
    [call] = [r for r in rows if r["kind"] == "call"]
    p = call["payload"]
    assert p["qa"]["red_line"] is True and p["agent_id"] == "A001" and p["caller_masked"] == "138****5678"
    assert "13812345678" not in json.dumps(p, ensure_ascii=False)
    # a new call clears the summary
    panel.calls.start("", "", "咨询")
    assert not v.isVisible()


def test_an_unread_must_read_notice_comes_first_and_needs_an_acknowledgement(make_panel, qtbot, tmp_path):
    kb = _kb_with_notice(tmp_path)
    view, panel, services = make_panel(kb_dir=kb)          # no staff number in the settings: the banner asks for it
    nc = panel.notices
    qtbot.waitUntil(lambda: nc.banner.isVisible(), timeout=10_000)
    b = nc.banner
    layout = view.centralWidget().layout()
    assert layout.indexOf(b) == 0                          # above the search box
    assert "风险提示函 · 必读" in b.titleLabel.text() and "退款" in b.titleLabel.text()
    assert b.ackButton.isVisible() and b.staffEdit.isVisible()
    _shot(view, "panel-notice-banner.png")
    b.openButton.click()
    assert panel.knowledge.current_card_id == nc.current().id and view.tabs.currentIndex() == 0
    assert "我行不会以退款为由" in view.cardView.toPlainText()
    b.ackButton.click()
    qtbot.waitUntil(lambda: b.statusLabel.isVisible())
    assert "工号" in b.statusLabel.text() and b.isVisible()      # who read it must be recorded
    type_chinese(b.staffEdit, "A007")
    b.ackButton.click()
    qtbot.waitUntil(lambda: not b.isVisible(), timeout=10_000)
    row = services.lane.call(lambda db: db.execute("SELECT agent_id, read_at, acknowledged_at FROM notice_reads").fetchone())
    assert row[0] == "A007" and row[2].endswith("+00:00")
    acks = [r for r in services.lane.call(lambda db: outbox.peek(db, 50)) if r["kind"] == "notice_ack"]
    assert acks[-1]["revision"] == 2 and acks[-1]["payload"]["acknowledged_at"] == row[2]
    # it stays findable in the knowledge base
    panel.view.searchBox.clear()
    type_chinese(panel.view.searchBox, "退款诈骗")
    panel.knowledge.run_search(force=True)
    assert nc.unread == [] and any(panel.knowledge.model.row(i).id.startswith("notice-") for i in range(panel.knowledge.model.rowCount()))


def test_a_plain_notice_is_read_once_opened(make_panel, qtbot, tmp_path):
    kb = _kb_with_notice(tmp_path, must_read=False)
    _view, panel, services = make_panel(kb_dir=kb, settings={"agent.staff_id": "A001"})
    b = panel.notices.banner
    qtbot.waitUntil(lambda: b.isVisible(), timeout=10_000)
    assert not b.ackButton.isVisible() and "提示" in b.titleLabel.text()
    b.openButton.click()
    qtbot.waitUntil(lambda: not b.isVisible(), timeout=10_000)
    [ack] = [r for r in services.lane.call(lambda db: outbox.peek(db, 50)) if r["kind"] == "notice_ack"]
    assert ack["payload"]["agent_id"] == "A001" and ack["payload"]["acknowledged_at"] is None
