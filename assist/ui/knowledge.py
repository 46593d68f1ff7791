"""KnowledgeController: the knowledge tab — search box, results, category chips, empty state,
card view, pins, and the search misses (masked). Reads the KB and the search from the current
KB set (``services.kbs``), so a reload is picked up without anyone writing into this object."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QPushButton

from assist.core.clock import utc_stamp
from assist.core.kb.model import Card
from assist.core.privacy import mask
from assist.logging_setup import log_event
from assist.services import KbServices, PanelServices
from assist.ui.card_page import CardPage
from assist.ui.results import ResultDelegate, ResultsModel
from assist.ui.tasks import run_in_background

log = logging.getLogger("assist.panel")
DEBOUNCE_MS = 30
SUGGEST_AFTER_MS = 300  # empty-state suggestions wait for a pause in typing
RESULT_LIMIT = 50


class KnowledgeController(QObject):
    cardOpened = Signal(object)   # the Card the agent opened (the call page shows its scripts)

    def __init__(self, view: Any, services: PanelServices, values: Callable[[], Mapping[str, str]] = dict):
        """``values``: the placeholder values known now (the agent's profile, the call), for the
        scripts of the open card."""
        super().__init__(view)
        self.view, self.s = view, services
        self.model = ResultsModel(view)
        view.resultsView.setModel(self.model)
        view.resultsView.setItemDelegate(ResultDelegate(view.resultsView))
        self._last_query: str | None = None
        self._session_query = ""
        self._session_opened = False
        self._composing = False          # an input-method composition is in progress in the search box
        self.current_card_id: str | None = None
        self.category: str | None = None  # category chip filter (top-level path)
        self.card_page = CardPage(view, services, values)
        self.card_page.openRequested.connect(self.open_card)
        self.card_page.historyRequested.connect(lambda cid: self.open_card(cid, from_history=True))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self._suggest_timer = QTimer(self)
        self._suggest_timer.setSingleShot(True)
        self._suggest_timer.setInterval(SUGGEST_AFTER_MS)
        self._suggest_timer.timeout.connect(self._fill_suggestions)
        services.kbs.subscribe(self._kb_swapped)
        self._wire()
        run_in_background(services.lane.submit(services.store.recent_cards), self._recent_loaded)

    def _recent_loaded(self, ids: list[str]) -> None:
        self.card_page.load_recent(ids)
        self._update_count()

    @property
    def cards(self) -> dict[str, Card]:
        return self.s.kbs.current.kb.by_id()

    def tr(self, text: str) -> str:  # type: ignore[override]  # context "KnowledgeController" for lupdate
        return QApplication.translate("KnowledgeController", text)

    def _wire(self) -> None:
        v = self.view
        v.searchBox.textChanged.connect(lambda _t: self._timer.start())
        v.searchBox.returnPressed.connect(self.open_selected)
        v.searchBox.installEventFilter(self)
        v.cardView.installEventFilter(self)
        v.resultsView.installEventFilter(self)
        v.resultsView.activated.connect(lambda idx: self.open_card(self.model.row(idx.row()).id))
        v.resultsView.clicked.connect(lambda idx: self.open_card(self.model.row(idx.row()).id))
        v.backButton.clicked.connect(self.back)
        v.actFocusSearch.triggered.connect(self.focus_search)
        v.actPin.triggered.connect(self.toggle_pin)
        v.pinButton.clicked.connect(self.toggle_pin)

    def retranslate(self) -> None:
        v = self.view
        v.searchBox.setPlaceholderText(self.tr("Search the knowledge base (Ctrl+F): Chinese, pinyin, initials"))
        v.searchBox.setAccessibleName(self.tr("Search knowledge cards"))
        v.resultsView.setAccessibleName(self.tr("Search results"))
        v.cardView.setAccessibleName(self.tr("Knowledge card"))
        v.backButton.setText(self.tr("← Back (Esc)"))
        v.backButton.setAccessibleName(self.tr("Back to results"))
        v.actFocusSearch.setText(self.tr("Search"))
        v.actPin.setText(self.tr("Pin or unpin the card (Ctrl+P)"))
        self._update_pin_button()
        self._update_count()
        self.card_page.retranslate()
        self.run_search(force=True)

    # ---- search -------------------------------------------------------------
    def run_search(self, force: bool = False) -> None:
        q = self.view.searchBox.text()
        if q == self._last_query and not force:
            return
        self._last_query = q
        # A "search session" runs from the first typed character until the box is cleared
        # (or Esc, a new forwarded query, quit). Ending one without opening a card is a miss.
        if q.strip():
            if self._session_opened:
                self._session_opened = False
            self._session_query = q
        elif self._session_query:
            if not self._session_opened:
                self._record_miss()
            self._session_query, self._session_opened = "", False
        search = self.s.search
        hits = list(search.search(q, limit=RESULT_LIMIT, filters={"category": self.category} if self.category else None))
        self.model.set_hits(hits, pinned=set(search.pinned), expired_badge=self.tr("Expired"))
        if hits:
            self.view.resultsView.setCurrentIndex(self.model.index(0))
        self._update_chips(hits if not self.category else None)
        self._update_count()
        if self.view.stack.currentIndex() != 0 and q.strip():
            self.view.stack.setCurrentIndex(0)
        log_event(log, "search", query_len=len(q), results=len(hits))

    def forward_query(self, query: str) -> None:
        """A query from outside (softphone, `assist open`): it searches everything."""
        self.view.stack.setCurrentIndex(0)
        if self._session_query and not self._session_opened:
            self._record_miss()
        self.category = None
        self.view.searchBox.setText(query)
        self.run_search()
        self.view.searchBox.setFocus()

    def _update_count(self) -> None:
        q = self.view.searchBox.text().strip()
        n = self.model.rowCount()
        v = self.view
        if n == 0 and q:
            self._show_empty(q, [])
            self._suggest_timer.start()  # the closest titles cost a full scan: only after a pause
            v.emptyLabel.setVisible(True)
            v.resultsView.setVisible(False)
        else:
            v.emptyLabel.setVisible(False)
            v.resultsView.setVisible(True)
        self.card_page.show_recent(not q)
        if q:
            v.countLabel.setText(self.tr("{n} result(s)").format(n=n))
        elif self.s.search.is_browsing():
            v.countLabel.setText(self.tr("All cards by category (frequently used cards will appear here)"))
        else:
            v.countLabel.setText(self.tr("Pinned and frequently used cards"))

    def _show_empty(self, query: str, suggestions: list[str]) -> None:
        text = self.tr("No card matches “{query}”.").format(query=query)
        if suggestions:
            text += "\n" + self.tr("Closest: {titles}").format(titles="、".join(suggestions))
        text += "\n" + self.tr("Try fewer characters, pinyin initials, or another word for it.")
        self.view.emptyLabel.setText(text)

    def _fill_suggestions(self) -> None:
        q = self.view.searchBox.text().strip()
        if q and self.model.rowCount() == 0:
            self._show_empty(q, self.s.search.suggest(q))

    def _update_chips(self, hits: list[Any] | None) -> None:
        """Chips for the top-level categories of the current results; one click filters.
        ``hits`` None keeps the current chips (a filter is active)."""
        lay = self.view.chipsLayout
        if hits is None:
            for i in range(lay.count()):
                w = lay.itemAt(i).widget()
                if w is not None:
                    w.setChecked(w.property("category") == (self.category or ""))
            return
        while lay.count() > 1:
            item = lay.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        counts: dict[str, int] = {}
        for h in hits:
            top = (h.category or "").split("/")[0]
            if top:
                counts[top] = counts.get(top, 0) + 1
        self.view.chipsScroll.setVisible(len(counts) > 1)
        if len(counts) <= 1:
            return
        chips = [("", self.tr("All")), *((c, f"{c} {n}") for c, n in sorted(counts.items(), key=lambda kv: -kv[1])[:5])]
        for pos, (cat, label) in enumerate(chips):
            b = QPushButton(label, self.view.chipsBar)
            b.setCheckable(True)
            b.setChecked(cat == (self.category or ""))
            b.setProperty("category", cat)
            b.setObjectName(f"chip{pos}")
            b.setAccessibleName(self.tr("Filter by category {name}").format(name=cat) if cat else self.tr("All categories"))
            b.setStyleSheet("QPushButton{border:1px solid #90caf9;border-radius:9px;padding:1px 6px;}"
                            "QPushButton:checked{background:#1565c0;color:white;}")
            b.clicked.connect(lambda _c=False, c=cat: self.set_category(c or None))
            lay.insertWidget(pos, b)

    def set_category(self, category: str | None) -> None:
        self.category = category
        self.run_search(force=True)

    def _record_miss(self) -> None:
        q = self._session_query.strip()
        self._session_query, self._session_opened = "", False
        if not q:
            return
        at = utc_stamp(self.s.clock())
        run_in_background(self.s.lane.submit(self.s.store.record_miss, mask(q), at, self.s.kb.version))

    def end_session(self) -> None:
        """Quit or a forwarded query: a search session that opened no card is a miss."""
        if self._session_query and not self._session_opened:
            self._record_miss()

    # ---- cards --------------------------------------------------------------
    def open_selected(self) -> None:
        if self._composing:
            return
        idx = self.view.resultsView.currentIndex()
        if not idx.isValid() and self.model.rowCount():
            idx = self.model.index(0)
        if idx.isValid():
            self.open_card(self.model.row(idx.row()).id)

    def open_card(self, card_id: str, from_history: bool = False) -> None:
        cards = self.cards
        if card_id not in cards:
            return
        self.current_card_id = card_id
        self._session_opened = True
        self.card_page.show(card_id, from_history=from_history)
        self._update_pin_button()
        self.view.stack.setCurrentIndex(1)
        self.cardOpened.emit(cards[card_id])
        self.card_page.focus_card()
        run_in_background(self.s.lane.submit(self.s.store.record_open, card_id, utc_stamp(self.s.clock())))
        self.s.search.note_open(card_id)  # ranks it now, not only after a restart
        log_event(log, "card opened", card_id=card_id)

    def toggle_pin(self) -> None:
        """Pin the open card (or the selected result), or unpin it: pinned cards come first."""
        card_id = self.current_card_id
        if card_id is None:
            idx = self.view.resultsView.currentIndex()
            card_id = self.model.row(idx.row()).id if idx.isValid() else None
        if card_id is None:
            return
        pinned = self.s.search.pinned  # shared with the finder
        if card_id in pinned:
            pinned.remove(card_id)
            run_in_background(self.s.lane.submit(self.s.store.unpin, card_id))
        else:
            pinned.append(card_id)
            run_in_background(self.s.lane.submit(self.s.store.pin, card_id, utc_stamp(self.s.clock())))
        self._update_pin_button()
        if self.view.stack.currentIndex() == 0:
            self.run_search(force=True)

    def _update_pin_button(self) -> None:
        on = self.current_card_id is not None and self.current_card_id in self.s.search.pinned
        text = self.tr("★ Unpin (Ctrl+P)") if on else self.tr("☆ Pin (Ctrl+P)")
        self.view.pinButton.setText(text)
        self.view.pinButton.setAccessibleName(text)

    def back(self) -> None:
        self.view.stack.setCurrentIndex(0)
        self.current_card_id = None
        self.card_page.show_recent(not self.view.searchBox.text().strip())
        self.focus_search()

    def focus_search(self) -> None:
        if self.view.stack.currentIndex() == 1 and not self.view.cardView.hasFocus():
            self.view.stack.setCurrentIndex(0)
        self.view.searchBox.setFocus()
        self.view.searchBox.selectAll()

    def _kb_swapped(self, old: KbServices, new: KbServices) -> None:
        if self.current_card_id and self.current_card_id not in new.kb.by_id():
            self.back()
        self.run_search(force=True)

    # ---- keys ---------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        v = self.view
        if obj is v.searchBox and event.type() == QEvent.Type.InputMethod:
            # Track the composition: Enter while composing commits text, it never opens a card.
            self._composing = bool(event.preeditString())  # type: ignore[attr-defined]
            return False
        if event.type() != QEvent.Type.KeyPress:
            return False
        key = event.key()  # type: ignore[attr-defined]
        if obj is v.searchBox and self._composing and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return False  # let the input method have it
        if obj is v.searchBox:
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.model.rowCount():
                row = v.resultsView.currentIndex().row()
                row = min(self.model.rowCount() - 1, row + 1) if key == Qt.Key.Key_Down else max(0, row - 1)
                v.resultsView.setCurrentIndex(self.model.index(row))
                return True
            if key == Qt.Key.Key_Escape:
                if self.view.searchBox.text():   # self.view: `obj is v.searchBox` narrowed v.searchBox to QObject
                    if not self._session_opened:
                        self._record_miss()
                    self.category = None
                    self.view.searchBox.clear()
                    self._session_query = ""
                return True
        elif obj is v.cardView and key in (Qt.Key.Key_Escape, Qt.Key.Key_Backspace):
            self.back()
            return True
        elif obj is v.resultsView and key == Qt.Key.Key_Escape:
            self.focus_search()
            return True
        return False
