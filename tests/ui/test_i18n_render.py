"""Translations checked on the real widgets: render the panel's screens in Chinese and in English
and read every piece of UI text they show. The .ts check (test_i18n.py) cannot see a string
looked up under the wrong context, or a value shown untranslated; this test can.

Data is left aside: card text and titles, the KB's taxonomy values, what the agent typed.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from assist.core.complaints import repo
from tests.conftest import kb_rules

FORM = {"agent_id": "A7", "org_unit": "示例银行", "source": "客服热线", "received_at": "2026-11-26T09:30",
        "complainant_type": "本人", "complainant_name": "张三", "contact_phone": "13812345678", "respondent_org": "朝阳支行",
        "channel_A": "A0302", "business_B": "B03", "reason_C": "C07", "demand_D": ["D02"], "request": "退还年费",
        "facts": "未告知即扣年费"}
SENTENCE = re.compile(r"[A-Za-z]{3,}(?:[ ,'’-]+[A-Za-z]{3,})+")      # two English words in a row
CJK = re.compile(r"[\u3400-\u9fff]")
# Widgets that show data (cards, the KB's values, what was typed), not UI text.
DATA = ("cardView", "resultsView", "recentBar", "chipsBar", "scriptsView", "callLabel", "callInfoLabel", "recordView",
        "historyView", "listView", "checklistView", "missingDisclosuresView", "kbStatusButton",
        "callTypeBox",   # the call types of the KB's rules (rules/call_types.yaml), written by compliance
        "heldLabel")     # the values the bank already holds (the taxonomy's source, the unit's name)
# Chinese in the English UI on purpose: the language's own name, a term shown with its Chinese
# original, an example of what to type.
EN_KEEPS_CHINESE = ("简体中文", "e.g. 示例银行北京分行")
TERM = re.compile(r"\([\u3400-\u9fff]+\)|“[^”]*”")   # "Main facts (主要事实)": a label with its legal term; “quoted data”


def is_data(w: QWidget) -> bool:
    while w is not None:
        if w.objectName() in DATA or w.objectName().endswith("_value"):   # a case's values (case_facts_value …)
            return True
        w = w.parentWidget()
    return False


def ui_texts(root: QWidget) -> list[tuple[str, str]]:
    """(widget name, text) of every visible piece of UI text under ``root``."""
    out: list[tuple[str, str]] = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root) or is_data(w):
            continue
        name = w.objectName() or type(w).__name__
        texts = [w.toolTip(), w.accessibleName(), w.windowTitle() if w.isWindow() else ""]
        if isinstance(w, (QLabel, QAbstractButton)):
            texts.append(w.text())
        if isinstance(w, QGroupBox):
            texts.append(w.title())
        if isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit)):
            texts.append(w.placeholderText())
        if isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        if isinstance(w, QComboBox) and w.objectName() in ("ui_theme", "ui_dock_side", "callTypeBox"):
            texts += [w.itemText(i) for i in range(w.count())]
        for a in w.actions():
            texts.append(a.text())
        out += [(name, t) for t in texts if t]
    return out


def screens(make_panel, qtbot, lang: str) -> list[tuple[str, str]]:
    view, panel, services = make_panel(lang=lang, settings={"agent.staff_id": "A7", "org.name": "示例银行"})
    texts = ui_texts(view)
    view.searchBox.setText("挂失")
    panel.knowledge.run_search()
    panel.knowledge.open_card("card-freeze")
    texts += ui_texts(view)
    panel.ipc.handle_message({"cmd": "call_start", "caller": "13812345678", "topic": "信用卡年费", "call_type": "投诉"})
    texts += ui_texts(view)
    view.actNewComplaint.trigger()
    texts += ui_texts(view)
    texts += [("menu", a.text()) for a in view.menu.actions() if a.text()]
    panel.window.open_settings()
    qtbot.waitUntil(lambda: panel.window.settings_dialog is not None and panel.window.settings_dialog.isVisible())
    texts += ui_texts(panel.window.settings_dialog)
    panel.window.settings_dialog.reject()
    # a saved complaint: the records list and its case
    saved = services.lane.call(repo.save_complaint, FORM, **kb_rules(), actor="A7", branch="0101", device="PC7",
                               now="2026-11-26T10:00:00+08:00")
    view.actComplaintRecords.trigger()
    records = panel.complaints.records
    qtbot.waitUntil(lambda: records.view.listView.model().rowCount() > 0, timeout=5000)
    texts += ui_texts(view)
    with qtbot.waitSignal(records.case.loaded, timeout=5000):
        records.open_case(saved.id)
    texts += ui_texts(view)
    return texts


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_no_text_of_the_other_language_on_screen(make_panel, qtbot, lang):
    texts = screens(make_panel, qtbot, lang)
    assert len(texts) > 80, "the screens were not rendered"
    if lang == "zh_CN":
        wrong = sorted({(n, t) for n, t in texts if SENTENCE.search(t)})
        assert wrong == [], "English sentences in the Chinese UI (a tr() context or a missing translation):\n" + "\n".join(map(str, wrong))
    else:
        wrong = sorted({(n, t) for n, t in texts
                        if CJK.search(TERM.sub("", t)) and not any(k in t for k in EN_KEEPS_CHINESE)})
        assert wrong == [], "Chinese UI text in the English UI:\n" + "\n".join(map(str, wrong))
