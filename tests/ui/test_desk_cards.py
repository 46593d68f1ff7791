"""The knowledge card as an agent uses it on a call: copy a script (the copy link, Alt+n,
Ctrl+Enter on the focused script), fields instead of raw braces, links to other cards, the
history of opened cards and the recently viewed cards."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from tests.ui.test_call_page import FakeClipboard

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
PROFILE = {"agent.staff_id": "A1024", "agent.name": "李明", "org.name": "示例银行北京分行"}


def active(qtbot, view) -> None:
    with qtbot.waitActive(view):   # (a context manager: it waits on leaving the block)
        view.activateWindow()


def anchor_point(view, href: str) -> QPoint:
    """Where the link ``href`` is drawn in the card view (viewport coordinates)."""
    doc = view.cardView.document()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.charFormat().anchorHref() == href:
                cur = QTextCursor(doc)
                cur.setPosition(frag.position() + 1)
                return view.cardView.cursorRect(cur).center()
            it += 1
        block = block.next()
    raise AssertionError(f"no link {href}")


def test_copy_a_script_by_link_alt_n_and_ctrl_enter(make_panel, qtbot):
    view, panel, services = make_panel(settings=PROFILE)
    active(qtbot, view)
    services.clipboard = clip = FakeClipboard()
    panel.knowledge.open_card("card-freeze")
    text = view.cardView.toPlainText()
    assert "{" not in text and "〔卡种：借记卡／信用卡〕" in text            # a choice is a field, not raw braces
    assert "1. 主动止付告知" in text and "复制 (Alt+1)" in text and "复制 (Alt+2)" in text
    # the copy link, clicked
    view.cardView.verticalScrollBar().setValue(0)
    qtbot.waitUntil(lambda: view.cardView.isVisible())
    pos = anchor_point(view, "copy:1")
    view.cardView.verticalScrollBar().setValue(max(0, pos.y() - 50))
    qtbot.mouseClick(view.cardView.viewport(), Qt.MouseButton.LeftButton, pos=anchor_point(view, "copy:1"))
    assert clip.texts[-1].startswith("您好，我可以为您的【卡种：借记卡/信用卡】办理临时止付")
    assert "卡种" in view.cardStatusLabel.text() and view.cardStatusLabel.isVisible()
    # Alt+2: the second script
    active(qtbot, view)
    view.cardView.setFocus()
    qtbot.keyClick(view.cardView, Qt.Key.Key_2, ALT)
    assert clip.texts[-1].startswith("已经为您办理成功")
    # Ctrl+Enter copies the script whose copy link has the keyboard focus (Tab moves between links)
    view.cardView.setFocus()
    view.cardView.moveCursor(QTextCursor.MoveOperation.Start)
    while view.cardView.textCursor().charFormat().anchorHref() != "copy:2":
        qtbot.keyClick(view.cardView, Qt.Key.Key_Tab)
    qtbot.keyClick(view.cardView, Qt.Key.Key_Return, CTRL)
    assert clip.texts[-1].startswith("已经为您办理成功") and len(clip.texts) == 3
    # Alt+9: no such script, said so, nothing copied
    qtbot.keyClick(view.cardView, Qt.Key.Key_9, ALT)
    assert len(clip.texts) == 3 and "9" in view.cardStatusLabel.text()


def test_profile_values_fill_the_scripts_and_the_copy(make_panel, qtbot):
    view, panel, services = make_panel(settings=PROFILE)
    services.clipboard = clip = FakeClipboard()
    card = next(c for c in services.kb.cards if any("{工号}" in b.text for b in c.scripts))
    n = next(i for i, b in enumerate(card.scripts, 1) if "{工号}" in b.text)
    panel.knowledge.open_card(card.id)
    assert "A1024" in view.cardView.toPlainText()
    panel.knowledge.card_page.copy_script(n)
    assert "A1024" in clip.texts[-1] and "{工号}" not in clip.texts[-1]


def test_card_ids_in_the_text_and_related_cards_are_links_with_history(make_panel, qtbot):
    view, panel, _services = make_panel()
    active(qtbot, view)
    panel.knowledge.open_card("dispute-unauthorized")
    text = view.cardView.toPlainText()
    assert "card-freeze" not in text and "银行卡临时止付/锁卡（客户主动冻结）" in text   # the title, not the id
    assert "相关卡片" in text
    qtbot.mouseClick(view.cardView.viewport(), Qt.MouseButton.LeftButton, pos=anchor_point(view, "card:card-freeze"))
    assert panel.knowledge.current_card_id == "card-freeze"
    active(qtbot, view)
    panel.knowledge.open_card("card-loss-debit")
    qtbot.keyClick(view.cardView, Qt.Key.Key_Left, ALT)
    assert panel.knowledge.current_card_id == "card-freeze"
    qtbot.keyClick(view.cardView, Qt.Key.Key_Left, ALT)
    assert panel.knowledge.current_card_id == "dispute-unauthorized"
    assert not view.historyBackButton.isEnabled()
    qtbot.keyClick(view.cardView, Qt.Key.Key_Right, ALT)
    assert panel.knowledge.current_card_id == "card-freeze"
    view.historyForwardButton.click()
    assert panel.knowledge.current_card_id == "card-loss-debit" and not view.historyForwardButton.isEnabled()


def test_recently_viewed_cards_in_the_empty_state_survive_a_restart(make_panel, qtbot):
    view, panel, services = make_panel()
    active(qtbot, view)
    start = services.clock()
    for minute, cid in enumerate(("card-freeze", "card-loss-debit")):
        services.clock = lambda m=minute: start + dt.timedelta(minutes=m)
        panel.knowledge.open_card(cid)
    qtbot.keyClick(view.cardView, Qt.Key.Key_Escape)
    assert view.searchBox.text() == "" and view.recentScroll.isVisible()
    first = view.recentBar.findChild(type(view.backButton), "recent1")
    assert first.toolTip() == "借记卡挂失"                     # the newest first
    first.click()
    assert panel.knowledge.current_card_id == "card-loss-debit"
    panel.knowledge.back()
    view.searchBox.setText("挂失")
    panel.knowledge.run_search()
    assert not view.recentScroll.isVisible()                 # hidden while searching
    services.lane.call(lambda db: None)                     # the opens are recorded
    again, _panel2, _ = make_panel()
    qtbot.waitUntil(lambda: again.recentScroll.isVisible(), timeout=5000)
    tips = [again.recentBar.findChild(type(again.backButton), f"recent{i}").toolTip() for i in (1, 2)]
    assert tips == ["借记卡挂失", "银行卡临时止付/锁卡（客户主动冻结）"]
