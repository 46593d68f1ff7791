"""pytest-qt tests of the panel: search, keyboard, card view, language, IPC, broken cards."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListView, QTextBrowser

from tests.conftest import preedit, type_chinese


def titles(panel):
    return [panel.knowledge.model.row(i).title for i in range(panel.knowledge.model.rowCount())]


def test_widgets_have_stable_names_and_accessible_names(make_panel):
    view, _panel, _ = make_panel()
    for name, cls in (("searchBox", QLineEdit), ("resultsView", QListView), ("cardView", QTextBrowser)):
        w = view.findChild(cls, name)
        assert w is not None, name
        assert w.accessibleName(), f"{name} has no accessible name"


def test_ui_is_chinese_by_default(make_panel):
    view, _panel, _ = make_panel()
    assert view.windowTitle() == "坐席助手"
    assert "搜索知识库" in view.searchBox.placeholderText()
    assert "知识库版本" in view.kbStatusButton.text()


def test_english_is_selectable_and_remembered(make_panel):
    view, panel, services = make_panel()
    panel.window.set_language("en")
    assert view.windowTitle() == "Assist agent panel"
    assert services.settings.get("ui.language") == "en"
    assert 'language = "en"' in services.settings.path.read_text(encoding="utf-8")
    panel.window.set_language("zh_CN")
    assert view.windowTitle() == "坐席助手"


def test_typing_chinese_filters_results(make_panel, qtbot):
    view, panel, _ = make_panel()
    type_chinese(view.searchBox, "挂失")
    qtbot.waitUntil(lambda: panel.knowledge._last_query == "挂失")
    assert 0 < panel.knowledge.model.rowCount() < len(panel.knowledge.cards)
    assert view.searchBox.text() == "挂失"
    assert any("挂失" in t for t in titles(panel)[:3])
    assert "条结果" in view.countLabel.text()


def test_composition_in_progress_is_not_searched(make_panel, qtbot):
    view, panel, _ = make_panel()
    before = titles(panel)
    preedit(view.searchBox, "guashi")
    assert not panel.knowledge._timer.isActive()   # a composition starts no search
    assert view.searchBox.text() == ""
    assert titles(panel) == before
    type_chinese(view.searchBox, "挂失")
    qtbot.waitUntil(lambda: titles(panel) != before)


def test_keyboard_navigation_open_and_back(make_panel, qtbot):
    view, panel, _ = make_panel()
    type_chinese(view.searchBox, "挂失")
    qtbot.waitUntil(lambda: view.searchBox.text() == "挂失" and panel.knowledge._last_query == "挂失")
    assert view.resultsView.currentIndex().row() == 0
    qtbot.keyClick(view.searchBox, Qt.Key.Key_Down)
    assert view.resultsView.currentIndex().row() == 1
    qtbot.keyClick(view.searchBox, Qt.Key.Key_Up)
    assert view.resultsView.currentIndex().row() == 0
    first = panel.knowledge.model.row(0)
    qtbot.keyClick(view.searchBox, Qt.Key.Key_Return)
    assert view.stack.currentIndex() == 1
    assert first.title in view.cardView.toPlainText()
    assert panel.knowledge.current_card_id == first.id
    qtbot.keyClick(view.cardView, Qt.Key.Key_Escape)
    assert view.stack.currentIndex() == 0
    assert view.searchBox.hasFocus() or not view.isActiveWindow()
    qtbot.keyClick(view.searchBox, Qt.Key.Key_Escape)
    assert view.searchBox.text() == ""


def test_card_view_renders_scripts_and_no_raw_html(make_panel, qtbot, tmp_path, repo_root):
    kb = tmp_path / "kb"
    shutil.copytree(repo_root / "kb" / "cards" / "银行卡", kb / "cards" / "银行卡")
    evil = kb / "cards" / "银行卡" / "evil.md"
    evil.write_text(
        "---\nid: evil-card\ntitle: 脚本注入测试\ncategory: 测试\nprivacy_level: C1\nversion: 1\nowner: 测试\n---\n"
        "<script>alert(1)</script><img src=\"http://example.invalid/x.png\"> 正文\n",
        encoding="utf-8",
    )
    view, panel, _ = make_panel(kb)
    panel.knowledge.open_card("card-loss-debit")
    text = view.cardView.toPlainText()
    # scripts numbered with a copy link; placeholders shown as fields, never as raw braces
    assert "借记卡挂失" in text and "1. " in text and "复制 (Alt+1)" in text and "{" not in text
    panel.knowledge.open_card("evil-card")
    html = view.cardView.toHtml()
    assert "<script>" not in html and "http://example.invalid" not in html.replace("&lt;", "<").split("<img")[0]
    assert "<script>alert(1)</script>" in view.cardView.toPlainText()  # shown as text, not executed


def test_broken_card_does_not_stop_the_panel(make_panel, tmp_path, repo_root):
    kb = tmp_path / "kb"
    shutil.copytree(repo_root / "kb" / "cards" / "银行卡", kb / "cards" / "银行卡")
    shutil.copytree(repo_root / "kb" / "rules", kb / "rules")
    (kb / "cards" / "银行卡" / "broken.md").write_text("---\nid: [unclosed\n---\n正文\n", encoding="utf-8")
    view, panel, services = make_panel(kb)
    assert len(services.kb.cards) >= 1
    assert "1 个文件有问题" in view.kbStatusButton.text()
    panel.window.show_kb_problems()
    box = view.findChild(__import__("PySide6.QtWidgets", fromlist=["QMessageBox"]).QMessageBox, "kbProblemsBox")
    assert box is not None and "broken.md:2" in box.text()
    box.close()


def test_search_without_opening_is_recorded_as_a_miss(make_panel, qtbot):
    view, panel, services = make_panel()
    type_chinese(view.searchBox, "火星开户")
    qtbot.waitUntil(lambda: panel.knowledge._last_query == "火星开户")
    qtbot.keyClick(view.searchBox, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: services.lane.call(services.store.list_misses) != [])
    misses = services.lane.call(services.store.list_misses)
    assert misses[0]["count"] == 1


def test_opened_search_is_not_a_miss_and_usage_is_recorded(make_panel, qtbot):
    view, panel, services = make_panel()
    type_chinese(view.searchBox, "挂失")
    qtbot.waitUntil(lambda: panel.knowledge._last_query == "挂失")
    qtbot.keyClick(view.searchBox, Qt.Key.Key_Return)
    opened = panel.knowledge.current_card_id
    qtbot.keyClick(view.cardView, Qt.Key.Key_Escape)
    qtbot.keyClick(view.searchBox, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: services.lane.call(lambda db: db.execute("select count(*) from card_usage").fetchone()[0]) == 1)
    assert services.lane.call(services.store.list_misses) == []
    assert services.lane.call(lambda db: db.execute("select card_id from card_usage").fetchone()[0]) == opened


def test_ipc_open_and_call_start_messages(make_panel, qtbot):
    view, panel, services = make_panel()
    panel.ipc.handle_message({"cmd": "open", "query": "退款"})
    qtbot.waitUntil(lambda: panel.knowledge._last_query == "退款")
    assert view.searchBox.text() == "退款"
    panel.ipc.handle_message({"cmd": "call_start", "caller": "13812345678", "topic": "信用卡"})
    assert view.callLabel.isVisible()
    assert "13812345678" not in view.callLabel.text()
    qtbot.waitUntil(lambda: services.lane.call(lambda db: db.execute("select count(*) from calls").fetchone()[0]) == 1)
    caller = services.lane.call(lambda db: db.execute("select caller_masked from calls").fetchone()[0])
    assert caller and "12345678" not in caller
    panel.ipc.handle_message({"cmd": "call_end"})
    qtbot.waitUntil(lambda: services.lane.call(lambda db: db.execute("select ended_at from calls").fetchone()[0]) is not None)
    assert not view.callLabel.isVisible()


def test_focus_shortcut_and_on_top_toggle(make_panel, qtbot):
    view, _panel, services = make_panel()
    view.resultsView.setFocus()
    view.actFocusSearch.trigger()
    assert view.searchBox.hasFocus() or not view.isActiveWindow()
    view.actOnTop.setChecked(False)
    assert not (view.windowFlags() & Qt.WindowType.WindowStaysOnTopHint)
    view.actOnTop.setChecked(True)
    assert view.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert services.settings.get("ui.always_on_top") is True


def test_dock_to_right_edge_full_height(make_panel):
    view, panel, _services = make_panel()
    panel.window.dock()
    ag = view.screen().availableGeometry()
    g = view.geometry()
    assert g.width() <= 400 + 1
    assert abs(g.right() - ag.right()) <= 1 and g.height() >= ag.height() - 40
    view.actDockLeft.setChecked(True)
    assert abs(view.geometry().left() - ag.left()) <= 1


def test_empty_state_names_the_query_and_suggests(make_panel, qtbot, tmp_path, repo_root):
    kb = tmp_path / "kb"
    shutil.copytree(repo_root / "kb" / "cards" / "银行卡", kb / "cards" / "银行卡")
    view, panel, _ = make_panel(kb)
    qtbot.keyClicks(view.searchBox, "qqqzzzxxq")
    qtbot.waitUntil(lambda: panel.knowledge._last_query == "qqqzzzxxq")
    assert panel.knowledge.model.rowCount() == 0
    assert view.emptyLabel.isVisible() and not view.resultsView.isVisible()
    assert "没有找到与“qqqzzzxxq”相关的卡片" in view.emptyLabel.text()
    view.searchBox.clear()
    type_chinese(view.searchBox, "借记卡挂号")  # one wrong character: found despite the typo
    qtbot.waitUntil(lambda: panel.knowledge._last_query == "借记卡挂号")
    assert panel.knowledge.model.rowCount() > 0 and panel.knowledge.model.row(0).title == "借记卡挂失"
    view.searchBox.clear()
    type_chinese(view.searchBox, "借记卡去火星")  # nothing matches: the closest titles follow after a pause
    qtbot.waitUntil(lambda: panel.knowledge._last_query == "借记卡去火星")
    assert panel.knowledge.model.rowCount() == 0 and "最接近的" not in view.emptyLabel.text()
    qtbot.waitUntil(lambda: "最接近的：借记卡挂失" in view.emptyLabel.text(), timeout=2000)


def test_pinyin_initials_through_keystrokes_highlight_the_chinese(make_panel, qtbot):
    view, panel, _ = make_panel()
    qtbot.keyClicks(view.searchBox, "xykgs")
    qtbot.waitUntil(lambda: panel.knowledge._last_query == "xykgs")
    first = panel.knowledge.model.row(0)
    assert first.title == "信用卡挂失"
    assert first.highlights["title"], "pinyin match must highlight the Chinese characters"
    a, b = first.highlights["title"][0]
    assert first.title[a:b] in ("信用卡挂失", "信用卡")


def test_enter_during_composition_does_not_open_a_card(make_panel, qtbot):
    view, panel, _ = make_panel()
    type_chinese(view.searchBox, "挂失")
    qtbot.waitUntil(lambda: panel.knowledge._last_query == "挂失")
    preedit(view.searchBox, "xinyong")
    qtbot.keyClick(view.searchBox, Qt.Key.Key_Return)
    assert view.stack.currentIndex() == 0 and panel.knowledge.current_card_id is None
    type_chinese(view.searchBox, "信用")  # the composition commits
    qtbot.keyClick(view.searchBox, Qt.Key.Key_Return)
    assert view.stack.currentIndex() == 1


def test_category_chips_filter_results(make_panel, qtbot):
    from PySide6.QtWidgets import QPushButton

    view, panel, _ = make_panel()
    type_chinese(view.searchBox, "挂失")
    qtbot.waitUntil(lambda: panel.knowledge._last_query == "挂失")
    chips = [w for w in view.chipsBar.findChildren(QPushButton) if w.property("category")]
    assert chips, "results span several categories, so chips are shown"
    target = chips[0].property("category")
    qtbot.mouseClick(chips[0], Qt.MouseButton.LeftButton)
    cats = {panel.knowledge.model.row(i).category.split("/")[0] for i in range(panel.knowledge.model.rowCount())}
    assert cats == {target}
    qtbot.keyClick(view.searchBox, Qt.Key.Key_Escape)
    assert panel.knowledge.category is None


def test_call_page_is_mounted_and_follows_softphone_and_cards(make_panel, qtbot):
    view, panel, services = make_panel()
    assert panel.call_page is not None and view.tabs.count() >= 2
    assert view.tabs.tabText(panel.tabs["call"]).startswith("通话")
    panel.ipc.handle_message({"cmd": "call_start", "caller": "13812345678", "topic": "挂失", "call_type": "挂失"})
    assert view.tabs.currentIndex() == panel.tabs["call"] and panel.calls.call_id
    # the call type's approved cards (rules/call_types.yaml) give the opening scripts
    names = [e.name for e in panel.call_page.scripts._entries]
    assert names, "no opening scripts for a 挂失 call"
    panel.ipc.handle_message({"cmd": "open", "query": "挂失"})
    assert view.tabs.currentIndex() == 0
    view.actTabKb.trigger()
    assert view.tabs.currentIndex() == 0
    panel.knowledge.open_card("card-loss-debit")
    assert panel.call_page.scripts.card is not None and panel.call_page.scripts.card.id == "card-loss-debit"
    panel.ipc.handle_message({"cmd": "call_end"})
    assert panel.calls.call_id is None and not view.callLabel.isVisible()
    rows = services.lane.call(lambda db: db.execute("select kind from call_events order by id").fetchall())
    kinds = [r[0] for r in rows]
    assert kinds[0] == "start" and kinds[-1] == "end"


def test_privacy_reminders_on_cards_by_level_and_category(make_panel):
    view, panel, services = make_panel()
    panel.knowledge.open_card("card-loss-debit")  # C2, 银行卡
    text = view.cardView.toPlainText()
    assert "个人信息 C2" in text and "身份核验" in text and "绝不索要" in text
    c1 = next(c for c in services.kb.cards if c.privacy_level == "C1" and not c.category.startswith(("反诈骗", "银行卡")))
    panel.knowledge.open_card(c1.id)
    text = view.cardView.toPlainText()
    assert "个人信息 C2" not in text and "绝不索要：" not in text
    fraud = next(c for c in services.kb.cards if c.category.startswith("反诈骗"))
    panel.knowledge.open_card(fraud.id)
    assert "绝不索要" in view.cardView.toPlainText()


def test_missing_rule_files_are_reported_and_the_kb_still_works(make_panel, tmp_path, repo_root):
    kb = tmp_path / "kb"
    shutil.copytree(repo_root / "kb" / "cards" / "银行卡", kb / "cards" / "银行卡")
    _view, panel, services = make_panel(kb)
    assert panel.call_page is None and len(services.kb.cards) >= 5
    assert any("call guidance is off" in str(e) for e in services.kb.errors)


def test_expired_card_has_a_badge_and_sorts_last(make_panel, qtbot, tmp_path, repo_root):
    kb = tmp_path / "kb"
    shutil.copytree(repo_root / "kb" / "cards" / "银行卡", kb / "cards" / "银行卡")
    src = (kb / "cards" / "银行卡" / "card-loss-debit.md").read_text(encoding="utf-8")
    old = src.replace("id: card-loss-debit", "id: card-loss-debit-2019").replace("title: 借记卡挂失", "title: 借记卡挂失（旧版流程）")
    old = old.replace("expires_at: 2027-11-20", "expires_at: 2020-01-01")
    (kb / "cards" / "银行卡" / "card-loss-debit-2019.md").write_text(old, encoding="utf-8")
    view, panel, _ = make_panel(kb)
    type_chinese(view.searchBox, "借记卡挂失")
    qtbot.waitUntil(lambda: panel.knowledge._last_query == "借记卡挂失")
    ids = [panel.knowledge.model.row(i).id for i in range(panel.knowledge.model.rowCount())]
    assert "card-loss-debit-2019" in ids and ids[-1] == "card-loss-debit-2019"
    assert ids[0] == "card-loss-debit"
    assert panel.knowledge.model.badge(panel.knowledge.model.row(len(ids) - 1)) == "已过期" and panel.knowledge.model.badge(panel.knowledge.model.row(0)) == ""
    panel.knowledge.open_card("card-loss-debit-2019")
    assert "已过期" in view.cardView.toPlainText()


def test_fresh_install_shows_cards_by_category_then_the_used_ones(make_panel, qtbot):
    view, panel, _services = make_panel()
    assert panel.knowledge.model.rowCount() > 0, "a new agent must not face an empty list"
    assert "全部卡片" in view.countLabel.text()
    panel.knowledge.open_card("card-loss-debit")
    panel.knowledge.back()
    panel.knowledge.run_search(force=True)
    assert panel.knowledge.model.row(0).id == "card-loss-debit"
    assert "置顶和常用卡片" in view.countLabel.text()


def test_new_kb_pack_is_picked_up_with_f5_without_restart(make_panel, qtbot, tmp_path, repo_root):
    from assist.core.kb import packs

    view, panel, services = make_panel()
    before = services.kb.version
    panel.knowledge.open_card("card-freeze")
    kb = tmp_path / "newkb"
    shutil.copytree(repo_root / "kb", kb)
    (kb / "VERSION").write_text("2099.1.1\n", encoding="utf-8")
    card = kb / "cards" / "银行卡" / "card-loss-debit.md"
    card.write_text(card.read_text(encoding="utf-8").replace("title: 借记卡挂失", "title: 借记卡挂失（新版）"), encoding="utf-8")
    pub = packs.keygen(tmp_path / "hq.key")
    packs.build_pack(kb, tmp_path / "hq.key", tmp_path / "kb.pack")
    store = services.settings.path.parent.parent / "data" / "kb"
    packs.import_pack(tmp_path / "kb.pack", store, [pub])
    assert view.actReloadKb.shortcut().toString() == "F5"
    with qtbot.waitSignal(panel.reloader.reloaded, timeout=10000):
        view.actReloadKb.trigger()  # built on a worker thread, swapped in on the GUI thread
    assert services.kb.version == "2099.1.1" != before
    assert "2099.1.1" in view.kbStatusButton.text()
    assert services.search.usage.get("card-freeze", 0) > 0  # opened before the reload: still ranks
    panel.knowledge.open_card("card-loss-debit")
    assert "借记卡挂失（新版）" in view.cardView.toPlainText()


def test_typed_and_forwarded_text_is_never_rendered_as_html(make_panel, qtbot):
    from PySide6.QtWidgets import QLabel

    view, panel, _ = make_panel()
    rich = [lb.objectName() for lb in view.findChildren(QLabel) if lb.textFormat() != Qt.TextFormat.PlainText]
    assert rich in ([], ["stageLabel"]), rich
    type_chinese(view.searchBox, "<b>黑洞引力波</b>")
    qtbot.waitUntil(lambda: panel.knowledge._last_query == "<b>黑洞引力波</b>")
    assert "<b>黑洞引力波</b>" in view.emptyLabel.text() and view.emptyLabel.textFormat() == Qt.TextFormat.PlainText
    panel.ipc.handle_message({"cmd": "call_start", "caller": "", "topic": '<img src="file:///etc/passwd">年费 13812345678'})
    assert view.callLabel.textFormat() == Qt.TextFormat.PlainText
    assert "<img" in view.callLabel.text() and "13812345678" not in view.callLabel.text()


def test_quitting_writes_the_pending_draft_and_closes_the_open_call(make_panel, qtbot):
    view, panel, services = make_panel()
    panel.ipc.handle_message({"cmd": "call_start", "caller": "", "topic": "年费", "call_type": "投诉"})
    view.actNewComplaint.trigger()
    form = panel.complaints.form
    facts = panel.complaints.view.fields["facts"]
    facts.setFocus()
    type_chinese(facts, "客户称年费未告知即扣")
    assert form.drafts.pending()
    panel.finish_work()
    services.lane.call(lambda db: None)  # the lane has finished what was queued before
    drafts = services.lane.call(lambda db: db.execute("select count(*) from complaint_drafts").fetchone()[0])
    ended = services.lane.call(lambda db: db.execute("select ended_at from calls").fetchone()[0])
    assert drafts == 1 and ended is not None


def test_the_panel_fits_its_400px_width_on_every_tab(make_panel, qtbot):
    view, panel, _ = make_panel()
    type_chinese(view.searchBox, "挂失")  # results over several categories: chips shown
    qtbot.waitUntil(lambda: panel.knowledge._last_query == "挂失")
    panel.ipc.handle_message({"cmd": "call_start", "caller": "138****5678", "topic": "信用卡年费", "call_type": "投诉"})
    view.actNewComplaint.trigger()
    for tab in range(view.tabs.count()):
        view.tabs.setCurrentIndex(tab)
        assert view.minimumSizeHint().width() <= 400, (view.tabs.tabText(tab), view.minimumSizeHint().width())


def test_window_geometry_is_remembered_across_starts(make_panel, qtbot):
    view, panel, _services = make_panel()
    view.setGeometry(30, 40, 380, 600)
    panel.window.save_geometry()
    saved = view.geometry()
    again, panel2, _ = make_panel()  # a new panel on the same basedir and settings file
    panel2.window.restore_geometry()
    assert (again.geometry().width(), again.geometry().height()) == (saved.width(), saved.height())


def test_a_complaint_call_opens_the_complaint_form_prefilled_from_the_call(make_panel, qtbot):
    view, panel, _services = make_panel(settings={"agent.staff_id": "A007", "org.name": "北京分行"})
    panel.ipc.handle_message({"cmd": "call_start", "caller": "138****5678", "caller_full": "13812345678",
                        "customer_name": "张三丰", "topic": "年费", "call_type": "投诉"})
    button = panel.call_page.view.complaintFormButton
    assert button.isVisible() and "投诉" in button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    cv = panel.complaints.view
    assert view.tabs.currentIndex() == panel.tabs["complaints"] and cv.isVisible()
    data = panel.complaints.form.form_data()
    assert data.get("contact_phone") == "13812345678" and data.get("complainant_name") == "张三丰"
    assert data.get("agent_id") == "A007"
    panel.ipc.handle_message({"cmd": "call_end"})
    panel.ipc.handle_message({"cmd": "call_start", "caller": "", "topic": "挂失", "call_type": "挂失"})
    assert not panel.call_page.view.complaintFormButton.isVisible()


def test_the_close_out_uses_the_saved_ticket_and_due_date_and_the_call_is_linked(make_panel, qtbot):
    """Save the complaint during the call: the close-out scripts get its ticket and due date (they
    used to show {受理编号}/{答复期限} unfilled), and call and complaint point at each other."""
    from assist.core.complaints import repo

    _view, panel, services = make_panel(settings={"agent.staff_id": "A007", "org.name": "北京分行", "org.branch_code": "0101",
                                               "org.device_id": "PC7"})
    panel.call_page.s.clock = services.clock                          # the call page on the same fixed clock (11-26 10:00)
    panel.ipc.handle_message({"cmd": "call_start", "caller": "138****5678", "caller_full": "13812345678",
                        "customer_name": "张三丰", "topic": "年费", "call_type": "投诉"})
    call_ctl = panel.call_page
    call_id = call_ctl.call.call_id
    while call_ctl.call.stage != "结束":
        call_ctl.next_stage()
    call_ctl.set_card(panel.knowledge.cards["complaint-deadline-15"])
    before = next(e for e in call_ctl.scripts._entries if e.name == "告知答复时限")
    assert "受理编号" in before.missing and "2026年12月11日" in before.text    # the call start is the receipt: 11-26 + 15
    form = panel.complaints.form
    form.new_complaint()
    fv = panel.complaints.view
    for f, val in (("respondent_org", "朝阳支行"), ("request", "退还年费"), ("facts", "未告知即扣年费")):
        fv.set_value(f, val)
    for f, val in (("channel_A", "A0302"), ("business_B", "B03"), ("reason_C", "C07"), ("demand_D", ["D02"])):
        fv.set_value(f, val)
    fv.set_value("agreed_due_date", "2026-12-08")                 # agreed with the customer: earlier than the limit
    fv.set_value("agreement_evidence_ref", "本次通话录音")
    form.save()
    qtbot.waitUntil(lambda: form.last_saved is not None, timeout=5000)
    saved = form.last_saved
    qtbot.waitUntil(lambda: call_ctl.scripts.complaint is not None, timeout=5000)
    after = next(e for e in call_ctl.scripts._entries if e.name == "告知答复时限")
    assert after.missing == ["答复方式"] and saved.ticket_no in after.text and "2026年12月8日" in after.text
    link = call_ctl.view.complaintLinkLabel
    assert not link.isHidden() and saved.ticket_no in link.text() and "2026-12-08" in link.text()
    assert services.lane.call(repo.get_complaint, saved.id)["call_id"] == call_id
    assert services.lane.call(repo.complaints_of_call, call_id)[0]["ticket_no"] == saved.ticket_no
    panel.ipc.handle_message({"cmd": "call_end"})
    assert link.isHidden() and call_ctl.scripts.complaint is None


def test_pinning_a_card_puts_it_first_and_survives_a_restart(make_panel, qtbot):
    view, panel, services = make_panel()
    panel.knowledge.open_card("fraud-never-ask-otp")
    assert "置顶" in view.pinButton.text() and "取消" not in view.pinButton.text()
    view.actPin.trigger()  # Ctrl+P
    assert "取消置顶" in view.pinButton.text()
    qtbot.keyClick(view.cardView, Qt.Key.Key_Escape)
    panel.knowledge.run_search(force=True)
    assert panel.knowledge.model.row(0).id == "fraud-never-ask-otp" and panel.knowledge.model.row(0).pinned
    qtbot.waitUntil(lambda: services.lane.call(services.store.pinned) == ["fraud-never-ask-otp"])
    again, panel2, services2 = make_panel()  # the next start reads the pin back
    assert panel2.knowledge.model.row(0).id == "fraud-never-ask-otp"
    panel2.knowledge.open_card("fraud-never-ask-otp")
    again.actPin.trigger()
    qtbot.waitUntil(lambda: services2.lane.call(services2.store.pinned) == [])
    assert "fraud-never-ask-otp" not in services2.search.pinned
