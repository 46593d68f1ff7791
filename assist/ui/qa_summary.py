"""The after-call summary on the call page (事后监督 on the branch PC): what the quality check
found, red lines first, each with the card that explains it (Enter or double-click opens it).

Mounted by one hook in ``CallController.__init__`` (:func:`mount`). When a call ends, the check
runs on the DB lane (``assist.core.qa.store.after_call``: assess, store, queue the call record
for head office) and the result is shown here. All decisions are in ``assist.core.qa``.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from assist.core.qa import store as qa_store
from assist.core.qa.assess import QaResult
from assist.logging_setup import log_event
from assist.ui.panel_view import SafeTextBrowser
from assist.ui.tasks import run_in_background

log = logging.getLogger("assist.qa")
ROLE = Qt.ItemDataRole.UserRole


class QaSummaryView(QWidget):
    """Layout only: a heading and the list of findings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qaSummary")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        self.heading = QLabel(self)
        self.heading.setObjectName("qaSummaryHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(self.heading)
        self.findings = QListWidget(self)
        self.findings.setObjectName("qaFindingsView")
        self.findings.setWordWrap(True)
        self.findings.setMaximumHeight(140)
        lay.addWidget(self.findings)
        self.setVisible(False)


class QaSummary(QObject):
    def __init__(self, call_ctl: Any, view: QaSummaryView):
        super().__init__(call_ctl)
        self.ctl, self.view = call_ctl, view
        self.result: QaResult | None = None
        self._rubric: tuple[str, Any] | None = None   # (kb root + version, rubric or None)
        view.findings.itemActivated.connect(self._open_card)
        view.findings.itemDoubleClicked.connect(self._open_card)
        view.findings.setAccessibleName(self.tr("Findings of the after-call check (Enter opens the card that explains it)"))
        call_ctl.callEnded.connect(lambda call_id, _missing: self.check(call_id))
        call_ctl.calls.callStarted.connect(lambda _cid, _topic: self.clear())

    def tr(self, text: str) -> str:  # type: ignore[override]  # context "QaSummary" for lupdate
        return QCoreApplication.translate("QaSummary", text)

    def rubric(self) -> Any:
        """The active KB's rubric (reloaded when the KB changes); None when it does not load."""
        from assist.core.qa import load_rubric
        from assist.core.yamlfile import RulesError

        kb, rules = self.ctl.s.kb, self.ctl.rules
        key = f"{getattr(kb, 'root', '')}@{getattr(kb, 'version', '')}"
        if self._rubric is None or self._rubric[0] != key:
            try:
                rub = load_rubric(kb.root, classes=rules.lexicon.classes, call_types=set(rules.call_types))
            except (RulesError, OSError) as exc:
                log.error("qa rubric unavailable", extra={"fields": {"error": str(exc)[:300]}})
                rub = None
            self._rubric = (key, rub)
        return self._rubric[1]

    def check(self, call_id: str) -> None:
        from assist.core.qa import QaContext

        s = self.ctl.s
        rubric = self.rubric()
        ctx = QaContext(cards=s.kb.by_id(), rules=self.ctl.rules) if rubric is not None else None
        fut = s.lane.submit(qa_store.after_call, call_id, rubric, ctx, agent_id=s.settings.get("agent.staff_id") or "",
                            org_unit=s.settings.get("org.name") or "")
        run_in_background(fut, self.show, lambda exc: log.error("after-call check failed",
                                                                extra={"fields": {"error": type(exc).__name__}}))

    def clear(self) -> None:
        self.result = None
        self.view.findings.clear()
        self.view.setVisible(False)

    def show(self, result: Any) -> None:
        self.result = result
        v = self.view
        v.findings.clear()
        if result is None:
            v.setVisible(False)
            return
        if not result.findings:
            v.heading.setText(self.tr("After-call check: {score} points, {verdict}. Nothing was missed.").format(
                score=result.score, verdict=result.verdict))
        else:
            v.heading.setText(self.tr("After-call check: {score} points, {verdict}. What was missed:").format(
                score=result.score, verdict=result.verdict))
        red = self.tr("Red line")
        cards = self.ctl.s.kb.by_id()
        for f in qa_store.summary_lines(result):
            card = cards.get(f.card)
            text = (f"【{red}】" if f.red_line else "") + f"{f.label}：{f.detail}"
            if card is not None:
                text += "\n" + self.tr("See the card: {title}").format(title=card.title)
            it = QListWidgetItem(text)
            it.setData(ROLE, f.card)
            it.setToolTip(text)
            if f.red_line:
                it.setForeground(Qt.GlobalColor.darkRed)
            v.findings.addItem(it)
        v.findings.setVisible(bool(result.findings))
        v.heading.setStyleSheet("font-weight:bold;color:#b71c1c" if result.red_line else "font-weight:bold")
        v.setVisible(True)
        log_event(log, "after-call check", call_id=result.call_id, score=result.score, findings=len(result.findings),
                  red_line=result.red_line)

    def _open_card(self, item: QListWidgetItem) -> None:
        card = self.ctl.s.kb.by_id().get(item.data(ROLE) or "")
        if card is None:
            return
        from assist.core.kb.render import card_to_html

        dlg = QDialog(self.view)
        dlg.setObjectName("qaCardDialog")
        dlg.setWindowTitle(card.title)
        lay = QVBoxLayout(dlg)
        body = SafeTextBrowser(dlg)   # never loads a resource, never follows a link
        body.setOpenLinks(False)
        body.setOpenExternalLinks(False)
        body.setHtml(card_to_html(card, expired=card.is_expired()))
        lay.addWidget(body)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dlg)
        box.rejected.connect(dlg.reject)
        lay.addWidget(box)
        dlg.resize(420, 480)
        dlg.open()


def mount(call_ctl: Any) -> QaSummary:
    """Add the summary under the call page's missing-disclosure list and wire it to the call."""
    view = QaSummaryView(call_ctl.view)
    lay = call_ctl.view.layout()
    lay.insertWidget(lay.indexOf(call_ctl.view.missingDisclosuresView) + 1, view)
    return QaSummary(call_ctl, view)
