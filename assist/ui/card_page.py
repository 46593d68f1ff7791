"""CardPage: the open knowledge card — rendered for reading on a call (numbered scripts with copy
links, placeholders as fields, links to other cards), copying a script (the copy link, Ctrl+Enter
for the focused script, Alt+1…9 for the n-th; masked, fields left for the agent named), the
history of opened cards (◀ ▶, Alt+← / Alt+→) and the recently viewed cards of the empty state.
The text a copy takes is the core's (:func:`assist.core.kb.render.script_copy`)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QApplication, QPushButton

from assist.core.kb.model import Card
from assist.core.kb.render import card_to_html, script_copy
from assist.core.privacy import mask_with_report
from assist.logging_setup import log_event
from assist.services import PanelServices
from assist.ui.privacy_notice import PrivacyNotice

log = logging.getLogger("assist.panel")
RECENT = 5
HISTORY = 50


class CardPage(QObject):
    openRequested = Signal(str)      # a card id to open (a link, a recent card)
    historyRequested = Signal(str)   # a card id of the history to show again (◀ ▶)
    scriptCopied = Signal(str, str)   # card id, script name

    def __init__(self, view: Any, services: PanelServices, values: Callable[[], Mapping[str, str]] = dict):
        super().__init__(view)
        self.view, self.s, self.values = view, services, values
        self.card_id: str | None = None
        self.history: list[str] = []
        self.pos = -1
        self.recent: list[str] = []
        v = view
        v.cardView.anchorClicked.connect(self._link)
        v.actCopyCardScript.triggered.connect(self.copy_focused)
        for n, a in enumerate(v.actCopyNth, 1):
            a.triggered.connect(lambda _c=False, n=n: self.copy_script(n))
        v.actHistoryBack.triggered.connect(self.history_back)
        v.actHistoryForward.triggered.connect(self.history_forward)
        v.historyBackButton.clicked.connect(self.history_back)
        v.historyForwardButton.clicked.connect(self.history_forward)

    def tr(self, text: str) -> str:  # type: ignore[override]  # context "CardPage" for lupdate
        return QApplication.translate("CardPage", text)

    @property
    def clipboard(self) -> Any:
        return self.s.clipboard if self.s.clipboard is not None else QGuiApplication.clipboard()

    def retranslate(self) -> None:
        v = self.view
        v.historyBackButton.setToolTip(self.tr("Previous card (Alt+Left)"))
        v.historyBackButton.setAccessibleName(self.tr("Previous card"))
        v.historyForwardButton.setToolTip(self.tr("Next card (Alt+Right)"))
        v.historyForwardButton.setAccessibleName(self.tr("Next card"))
        v.recentLabel.setText(self.tr("Recently viewed:"))
        if self.card_id:
            self.render(self.card_id)

    # ---- showing ----------------------------------------------------------------------------
    def show(self, card_id: str, from_history: bool = False) -> None:
        """Show ``card_id`` (the knowledge controller opened it) and note it in the history."""
        self.card_id = card_id
        if not from_history:
            del self.history[self.pos + 1:]
            if not self.history or self.history[-1] != card_id:
                self.history = (self.history + [card_id])[-HISTORY:]
            self.pos = len(self.history) - 1
        self.recent = ([card_id] + [c for c in self.recent if c != card_id])[:RECENT * 2]
        self.view.cardStatusLabel.setVisible(False)
        self.render(card_id)
        self._update_history_buttons()

    def render(self, card_id: str) -> None:
        kb = self.s.kbs.current.kb
        card = kb.by_id().get(card_id)
        if card is None:
            return
        labels = {"expired": self.tr("Expired: this card is past its review date"), "unverified": self.tr("Not verified"),
                  "script": self.tr("Script"), "legal_basis": self.tr("Legal basis"), "copy": self.tr("Copy"),
                  "related": self.tr("Related cards"),
                  "privacy_C2": self.tr("Personal data C2 (card, ID and phone numbers): verify identity before discussing the account; "
                                        "confirm, never ask for; everything shown and recorded is masked."),
                  "privacy_C3": self.tr("Personal data C3 (PIN, CVV, expiry date): never ask for it, never record it."),
                  "identity": self.tr("Identity check: use this card only after the caller's identity is verified."),
                  "never_ask": self.tr("Never ask for: card PIN, CVV, card expiry date, SMS verification code.")}
        titles = {c.id: c.title for c in kb.cards}
        self.view.cardView.setHtml(card_to_html(card, expired=card.is_expired(), labels=labels, titles=titles,
                                                values=self.values()))

    def _link(self, url: QUrl) -> None:
        target = url.toString()
        scheme, _, rest = target.partition(":")
        if scheme == "copy" and rest.isdigit():
            self.copy_script(int(rest))
        elif scheme == "card" and rest:
            self.openRequested.emit(rest)
        # any other link in a card is shown as text and never followed

    # ---- copying ----------------------------------------------------------------------------
    def _card(self) -> Card | None:
        return self.s.kbs.current.kb.by_id().get(self.card_id or "")

    def copy_script(self, n: int) -> str | None:
        """Copy the n-th script (1-based) of the open card, masked. Returns the copied text."""
        card = self._card()
        if card is None or not 1 <= n <= len(card.scripts):
            if card is not None:
                self._status(self.tr("This card has no script {n}.").format(n=n), error=True)
            return None
        block = card.scripts[n - 1]
        copied = script_copy(block.text, self.values())
        text, spans = mask_with_report(copied.text)
        self.clipboard.setText(text)
        name = block.name or card.title
        msg = self.tr("Copied “{name}”.").format(name=name)
        if copied.to_fill:
            msg += " " + self.tr("Fill in: {fields}").format(fields="、".join(copied.to_fill))
        if spans:
            msg += " " + PrivacyNotice.describe(spans, copied=True)
        self._status(msg)
        log_event(log, "card script copied", card_id=card.id, script=n)
        self.scriptCopied.emit(card.id, name)
        return text

    def focused_script(self) -> int:
        """The script the agent is on: the copy link with the keyboard focus (Tab moves between
        links), else the script the text cursor is in, else the first (1-based)."""
        cursor = self.view.cardView.textCursor()
        href = cursor.charFormat().anchorHref()
        if href.startswith("copy:") and href[5:].isdigit():
            return int(href[5:])
        doc = self.view.cardView.document()
        block = doc.findBlock(cursor.position())
        while block.isValid():   # the nearest copy link at or before the cursor
            it = block.begin()
            found = 0
            while not it.atEnd():
                frag = it.fragment()
                h = frag.charFormat().anchorHref()
                if h.startswith("copy:") and h[5:].isdigit() and frag.position() <= max(cursor.position(), block.position()):
                    found = int(h[5:])
                it += 1
            if found:
                return found
            block = block.previous()
        return 1

    def copy_focused(self) -> str | None:
        return self.copy_script(self.focused_script())

    def _status(self, text: str, error: bool = False) -> None:
        lab = self.view.cardStatusLabel
        lab.setStyleSheet("color:#b71c1c" if error else "color:#1b5e20")
        lab.setText(text)
        lab.setVisible(True)

    # ---- history and recent cards -------------------------------------------------------------
    def history_back(self) -> None:
        if self.pos > 0:
            self.pos -= 1
            self.historyRequested.emit(self.history[self.pos])

    def history_forward(self) -> None:
        if self.pos < len(self.history) - 1:
            self.pos += 1
            self.historyRequested.emit(self.history[self.pos])

    def _update_history_buttons(self) -> None:
        self.view.historyBackButton.setEnabled(self.pos > 0)
        self.view.historyForwardButton.setEnabled(self.pos < len(self.history) - 1)

    def show_recent(self, visible: bool) -> None:
        """The recently viewed cards as buttons (the empty state); hidden while searching."""
        lay, cards = self.view.recentLayout, self.s.kbs.current.kb.by_id()
        while lay.count() > 2:   # the label and the stretch stay
            item = lay.takeAt(1)
            if item.widget() is not None:
                item.widget().deleteLater()
        ids = [c for c in self.recent if c in cards][:RECENT]
        for pos, cid in enumerate(ids, 1):
            title = cards[cid].title
            b = QPushButton(title if len(title) <= 10 else title[:9] + "…", self.view.recentBar)
            b.setObjectName(f"recent{pos}")
            b.setToolTip(cards[cid].title)
            b.setAccessibleName(self.tr("Open the recently viewed card {title}").format(title=cards[cid].title))
            b.setFlat(True)
            b.setStyleSheet("QPushButton{text-align:left;padding:1px 4px;}")
            b.clicked.connect(lambda _c=False, c=cid: self.openRequested.emit(c))
            lay.insertWidget(pos, b)
        self.view.recentScroll.setVisible(visible and bool(ids))

    def load_recent(self, ids: list[str]) -> None:
        """The recently viewed cards of earlier sessions (from the usage records)."""
        self.recent = list(dict.fromkeys([*self.recent, *ids]))[:RECENT * 2]

    def focus_card(self) -> None:
        self.view.cardView.setFocus()
        self.view.cardView.moveCursor(QTextCursor.MoveOperation.Start)
