"""Unread 风险提示函 at the top of the panel, above everything else, until read.

A must-read notice stays until the agent acknowledges it explicitly ("I have read and understood",
with their staff number and the time, synced to head office as a ``notice_ack`` record); a plain
notice until it is opened. Notices stay findable in the KB like any card (category 风险提示函).
Mounted by :func:`assist.ui.panel.build_window` (:func:`mount`); the rules are in
``assist.core.notices.reads``.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from assist.core.clock import local_minute
from assist.core.notices import reads
from assist.logging_setup import log_event
from assist.ui.tasks import run_in_background

log = logging.getLogger("assist.notices")


class NoticeBanner(QFrame):
    """Layout only: the unread notice's title, and open / acknowledge buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBanner")
        self.setStyleSheet("#noticeBanner{background:#fff3e0;border:2px solid #e65100;border-radius:3px}"
                           "#noticeTitle{color:#bf360c;font-weight:bold}")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.setSpacing(3)
        self.titleLabel = QLabel(self)
        self.titleLabel.setObjectName("noticeTitle")
        self.titleLabel.setWordWrap(True)
        lay.addWidget(self.titleLabel)
        row = QHBoxLayout()
        self.openButton = QPushButton(self)
        self.openButton.setObjectName("noticeOpenButton")
        row.addWidget(self.openButton)
        self.staffEdit = QLineEdit(self)
        self.staffEdit.setObjectName("noticeStaffEdit")
        self.staffEdit.setMaxLength(40)
        row.addWidget(self.staffEdit, 1)
        self.ackButton = QPushButton(self)
        self.ackButton.setObjectName("noticeAckButton")
        row.addWidget(self.ackButton)
        lay.addLayout(row)
        self.statusLabel = QLabel(self)
        self.statusLabel.setObjectName("noticeStatus")
        self.statusLabel.setWordWrap(True)
        self.statusLabel.setVisible(False)
        lay.addWidget(self.statusLabel)
        self.setVisible(False)
        self.on_language_change: Any = None

    def changeEvent(self, ev: QEvent) -> None:
        if ev.type() == QEvent.Type.LanguageChange and self.on_language_change is not None:
            self.on_language_change()
        super().changeEvent(ev)


class NoticeController(QObject):
    def __init__(self, panel: Any, banner: NoticeBanner):   # panel: assist.ui.panel.Panel
        super().__init__(panel.view)
        self.panel, self.banner = panel, banner
        self.s = panel.services
        self.unread: list[Any] = []
        banner.openButton.clicked.connect(self.open_current)
        banner.ackButton.clicked.connect(self.acknowledge_current)
        banner.staffEdit.returnPressed.connect(self.acknowledge_current)
        panel.reloader.reloaded.connect(lambda _v: self.refresh())
        banner.on_language_change = self.retranslate
        self.retranslate()
        self.refresh()

    def tr(self, text: str) -> str:  # type: ignore[override]  # context "NoticeController" for lupdate
        return QCoreApplication.translate("NoticeController", text)

    def retranslate(self) -> None:
        b = self.banner
        b.openButton.setText(self.tr("Read it"))
        b.openButton.setAccessibleName(self.tr("Open the risk notice"))
        b.ackButton.setText(self.tr("I have read and understood it"))
        b.ackButton.setAccessibleName(self.tr("Acknowledge the risk notice (recorded with your staff number and the time)"))
        b.staffEdit.setPlaceholderText(self.tr("Your staff number"))
        b.staffEdit.setAccessibleName(self.tr("Staff number for the acknowledgement"))
        self._show()

    @property
    def agent(self) -> str:
        return (self.s.settings.get("agent.staff_id") or self.banner.staffEdit.text() or "").strip()

    def refresh(self) -> None:
        s = self.s
        agent = self.agent
        fut = s.lane.submit(reads.unread, list(s.kb.cards), agent, s.clock().date())
        run_in_background(fut, self._got, lambda exc: log.error("notice list failed", extra={"fields": {"error": type(exc).__name__}}))

    def _got(self, cards: list[Any]) -> None:
        self.unread = cards
        self._show()

    def current(self) -> Any:
        return self.unread[0] if self.unread else None

    def _show(self) -> None:
        b, card = self.banner, self.current()
        if card is None:
            b.setVisible(False)
            return
        kind = self.tr("Must read") if card.must_read else self.tr("Notice")
        more = self.tr(" (+{n} more unread)").format(n=len(self.unread) - 1) if len(self.unread) > 1 else ""
        text = self.tr("Risk notice · {kind}: {title}{more}").format(kind=kind, title=card.title, more=more)
        b.titleLabel.setText(text)
        b.titleLabel.setAccessibleName(text)
        b.ackButton.setVisible(card.must_read)
        b.staffEdit.setVisible(card.must_read and not self.s.settings.get("agent.staff_id"))
        b.setVisible(True)

    def _note(self, text: str) -> None:
        self.banner.statusLabel.setText(text)
        self.banner.statusLabel.setVisible(bool(text))

    def open_current(self) -> None:
        """Show the notice as a card; a plain notice counts as read once opened."""
        card = self.current()
        if card is None:
            return
        self.panel.show_tab("knowledge")
        self.panel.knowledge.open_card(card.id)
        if self.agent:
            s = self.s
            run_in_background(s.lane.submit(reads.mark_read, card, self.agent, kb_version=s.kb.version),
                              lambda _first: self.refresh())
        if card.must_read:
            self._note(self.tr("Read it to the end, then press “I have read and understood it”."))

    def acknowledge_current(self) -> None:
        card = self.current()
        if card is None:
            return
        agent = self.agent
        if not agent:
            self._note(self.tr("Type your staff number first: the acknowledgement records who read the notice."))
            self.banner.staffEdit.setFocus()
            return
        s = self.s

        def done(receipt: Any) -> None:
            self._note(self.tr("Acknowledged at {time}; head office receives it with the next sync.").format(
                time=local_minute(receipt.acknowledged_at)))
            log_event(log, "notice acknowledged", notice=card.id, version=card.version)
            self.refresh()

        run_in_background(s.lane.submit(reads.acknowledge, card, agent, kb_version=s.kb.version), done,
                          lambda exc: self._note(str(exc)))


def mount(panel: Any) -> NoticeController:
    """Put the banner at the very top of the panel (above the search box) and wire it."""
    banner = NoticeBanner(panel.view.centralWidget())
    panel.view.centralWidget().layout().insertWidget(0, banner)
    return NoticeController(panel, banner)
