"""PanelController: wires the panel view to the services. Holds no Qt-free logic of its own."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any, Callable

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon

from assist.buildinfo import build_time
from assist.core.kb.render import card_to_html
from assist.core.privacy import mask
from assist.logging_setup import log_event
from assist.ui.results import ResultDelegate, ResultsModel
from assist.ui.tasks import run_in_background, run_in_thread

log = logging.getLogger("assist.panel")
DEBOUNCE_MS = 30
SUGGEST_AFTER_MS = 300  # empty-state suggestions wait for a pause in typing


@dataclass
class PanelServices:
    """Everything the panel needs, built by assist.app (the composition root)."""

    settings: Any
    kb: Any
    search: Any  # .search(query, limit=N) -> hits (id, title, score, snippet, highlights)
    lane: Any  # assist.core.storage.DbLane
    store: Any  # assist.core.panelstore module-like: functions taking a Database
    translations: Any = None
    icon_path: str = ""
    clock: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now().astimezone())
    suggest: Callable[[str], list[str]] | None = None
    call_services: Any = None  # assist.ui.call_support.CallServices; None = no call page
    sync_factory: Callable[[], Any] | None = None  # -> assist.core.sync.service.SyncService
    reload_kb: Callable[[], tuple[Any, Any, Any]] | None = None  # -> (kb, finder, rules or None)


class PanelController(QObject):
    kbReloaded = Signal(str)  # the new KB version, once swapped in

    def __init__(self, view, services: PanelServices):
        super().__init__(view)
        self.view = view
        self.s = services
        self.cards = services.kb.by_id()
        self.model = ResultsModel(view)
        view.resultsView.setModel(self.model)
        view.resultsView.setItemDelegate(ResultDelegate(view.resultsView))
        self._last_query: str | None = None
        self._session_query = ""
        self._session_opened = False
        self.current_card_id: str | None = None
        self.call_id: str | None = None
        self.category: str | None = None  # category chip filter (top-level path)
        self.complaint_tab = -1  # set by assist.ui.complaint_mount
        self._call_context: dict[str, str] = {}  # in memory only; the caller's full number never reaches disk
        self._composing = False  # an input-method composition is in progress in the search box
        self._reloading = False
        self.tray: QSystemTrayIcon | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self._suggest_timer = QTimer(self)
        self._suggest_timer.setSingleShot(True)
        self._suggest_timer.setInterval(SUGGEST_AFTER_MS)
        self._suggest_timer.timeout.connect(self._fill_suggestions)
        self.call_ctl = None
        self.call_tab = -1
        if services.call_services is not None:
            from assist.ui.call_controller import CallController
            from assist.ui.call_view import CallView

            call_view = CallView()
            self.call_ctl = CallController(call_view, services.call_services)
            self.call_tab = view.mount_page(call_view)
            self.call_ctl.callEnded.connect(lambda *_: self._call_ended())
        self.sync = None
        if services.sync_factory is not None:
            from assist.ui.sync_status import SyncStatusController

            self.sync = SyncStatusController(view.syncButton, services.lane, services.sync_factory,
                                             lambda: getattr(self.s.translations, "language", "zh_CN"), self)
            view.actSyncNow.triggered.connect(self.sync.sync_now)
            self.sync.roundFinished.connect(lambda report: self.reload_kb() if getattr(report, "kb_imported", None) else None)
        else:
            view.syncButton.setVisible(False)
        self._wire()
        self.retranslate()
        self.run_search(force=True)
        from assist.ui import notice_view  # issue 16 hook: unread 风险提示函 first (logic in assist.core.notices)
        self.notices = notice_view.mount(self)

    # ---- wiring -------------------------------------------------------------
    def _wire(self) -> None:
        v = self.view
        v.searchBox.textChanged.connect(lambda _t: self._timer.start())
        v.searchBox.returnPressed.connect(self.open_selected)
        v.searchBox.installEventFilter(self)
        v.cardView.installEventFilter(self)
        v.resultsView.installEventFilter(self)
        v.resultsView.activated.connect(lambda idx: self.open_card(self.model.row(idx.row())["id"]))
        v.resultsView.clicked.connect(lambda idx: self.open_card(self.model.row(idx.row())["id"]))
        v.backButton.clicked.connect(self.back)
        v.actFocusSearch.triggered.connect(self.focus_search)
        v.actOnTop.toggled.connect(self.set_on_top)
        v.actDockLeft.toggled.connect(self._dock_side_changed)
        v.actDock.triggered.connect(self.dock)
        v.actLangZh.triggered.connect(lambda: self.set_language("zh_CN"))
        v.actLangEn.triggered.connect(lambda: self.set_language("en"))
        v.actKbProblems.triggered.connect(self.show_kb_problems)
        v.kbStatusButton.clicked.connect(self.show_kb_problems)
        v.actAbout.triggered.connect(self.show_about)
        v.actMenu.triggered.connect(lambda: v.menuButton.showMenu())
        v.actQuit.triggered.connect(self.quit)
        v.actTabKb.triggered.connect(lambda: self.show_tab(0))
        v.actTabCall.triggered.connect(lambda: self.show_tab(self.call_tab))
        v.actTabComplaint.triggered.connect(lambda: self.show_tab(getattr(self, "complaint_tab", -1)))
        v.actStartCall.triggered.connect(lambda: self.start_call("", "", "", source="panel"))
        v.actReloadKb.triggered.connect(self.reload_kb)
        v.actPin.triggered.connect(self.toggle_pin)
        v.pinButton.clicked.connect(self.toggle_pin)
        v.actOnTop.setChecked(bool(self.s.settings.get("ui.always_on_top")))
        v.actDockLeft.setChecked(self.s.settings.get("ui.dock_side") == "left")

    def tr(self, text: str) -> str:  # context "PanelController" for lupdate
        return QApplication.translate("PanelController", text)

    def retranslate(self) -> None:
        v = self.view
        v.setWindowTitle(self.tr("Assist agent panel"))
        v.searchBox.setPlaceholderText(self.tr("Search the knowledge base (Ctrl+F): Chinese, pinyin, initials"))
        v.searchBox.setAccessibleName(self.tr("Search knowledge cards"))
        v.resultsView.setAccessibleName(self.tr("Search results"))
        v.cardView.setAccessibleName(self.tr("Knowledge card"))
        v.menuButton.setAccessibleName(self.tr("Menu"))
        v.menuButton.setToolTip(self.tr("Menu (F10)"))
        v.backButton.setText(self.tr("← Back (Esc)"))
        v.backButton.setAccessibleName(self.tr("Back to results"))
        v.actFocusSearch.setText(self.tr("Search"))
        v.actOnTop.setText(self.tr("Always on top"))
        v.actDockLeft.setText(self.tr("Dock on the left"))
        v.actDock.setText(self.tr("Dock to screen edge"))
        v.langMenu.setTitle(self.tr("Language"))
        v.actKbProblems.setText(self.tr("Knowledge base status…"))
        v.actAbout.setText(self.tr("About"))
        v.actQuit.setText(self.tr("Quit"))
        v.actStartCall.setText(self.tr("Start a call (Ctrl+Shift+N)"))
        v.actSyncNow.setText(self.tr("Sync with head office now (Ctrl+Shift+S)"))
        v.actReloadKb.setText(self.tr("Reload the knowledge base (F5)"))
        v.actPin.setText(self.tr("Pin or unpin the card (Ctrl+P)"))
        self._update_pin_button()
        if self.sync is not None and self.sync.status is not None:
            self.sync._show(self.sync.status)
        v.tabs.setTabText(0, self.tr("Knowledge (Ctrl+1)"))
        if self.complaint_tab >= 0:
            v.tabs.setTabText(self.complaint_tab, self.tr("Complaints (Ctrl+3)"))
        if self.call_tab >= 0:
            v.tabs.setTabText(self.call_tab, self.tr("Call (Ctrl+2)"))
            self.call_ctl.retranslate()
        lang = getattr(self.s.translations, "language", "zh_CN")
        v.actLangZh.setChecked(lang == "zh_CN")
        v.actLangEn.setChecked(lang == "en")
        self._update_kb_status()
        self._update_count()
        if self.current_card_id:
            self._render_card(self.current_card_id)

    def _update_kb_status(self) -> None:
        kb = self.s.kb
        n_bad = len({e.path for e in kb.errors if e.severity == "error"})
        text = self.tr("KB version {version} · {count} cards").format(version=kb.version, count=len(kb.cards))
        if n_bad:
            text += " · " + self.tr("{n} broken file(s), click for details").format(n=n_bad)
            self.view.kbStatusButton.setStyleSheet("text-align:left;color:#b71c1c")
        self.view.kbStatusButton.setText(text)
        self.view.kbStatusButton.setAccessibleName(text)

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
        hits = self.s.search.search(q, limit=50, filters={"category": self.category} if self.category else None)
        today = dt.date.today()
        rows = []
        for h in hits:
            card = self.cards.get(h.id)
            expired = bool(card and card.is_expired(today))
            rows.append({
                "id": h.id, "title": h.title, "score": h.score, "snippet": h.snippet,
                "highlights": h.highlights or {}, "category": card.category if card else "",
                "badge": self.tr("Expired") if expired else "", "pinned": h.id in self.s.search.pinned,
            })
        self.model.set_rows(rows)
        if rows:
            self.view.resultsView.setCurrentIndex(self.model.index(0))
        self._update_chips(rows if not self.category else None)
        self._update_count()
        if self.view.stack.currentIndex() != 0 and q.strip():
            self.view.stack.setCurrentIndex(0)
        log_event(log, "search", query_len=len(q), results=len(rows))

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
        if q:
            v.countLabel.setText(self.tr("{n} result(s)").format(n=n))
        elif getattr(self.s.search, "is_browsing", lambda: False)():
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
        if q and self.model.rowCount() == 0 and self.s.suggest:
            self._show_empty(q, self.s.suggest(q))

    def _update_chips(self, rows: list[dict] | None) -> None:
        """Chips for the top-level categories of the current results; one click filters.
        ``rows`` None keeps the current chips (a filter is active)."""
        from PySide6.QtWidgets import QPushButton

        lay = self.view.chipsLayout
        if rows is None:
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
        for r in rows:
            top = (r.get("category") or "").split("/")[0]
            if top:
                counts[top] = counts.get(top, 0) + 1
        self.view.chipsScroll.setVisible(len(counts) > 1)
        if len(counts) <= 1:
            return
        chips = [("", self.tr("All"))] + [(c, f"{c} {n}") for c, n in sorted(counts.items(), key=lambda kv: -kv[1])[:5]]
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
        at = self.s.clock().isoformat(timespec="seconds")
        run_in_background(self.s.lane.submit(self.s.store.record_miss, mask(q), at, self.s.kb.version))

    # ---- cards --------------------------------------------------------------
    def open_selected(self) -> None:
        if self._composing:
            return
        idx = self.view.resultsView.currentIndex()
        if not idx.isValid() and self.model.rowCount():
            idx = self.model.index(0)
        if idx.isValid():
            self.open_card(self.model.row(idx.row())["id"])

    def open_card(self, card_id: str) -> None:
        if card_id not in self.cards:
            return
        self.current_card_id = card_id
        self._session_opened = True
        self._render_card(card_id)
        self._update_pin_button()
        self.view.stack.setCurrentIndex(1)
        if self.call_ctl is not None and self.call_id:
            self.call_ctl.set_card(self.cards[card_id])
        self.view.cardView.setFocus()
        at = self.s.clock().isoformat(timespec="seconds")
        run_in_background(self.s.lane.submit(self.s.store.record_open, card_id, at))
        if hasattr(self.s.search, "note_open"):
            self.s.search.note_open(card_id)  # ranks it now, not only after a restart
        log_event(log, "card opened", card_id=card_id)

    def _render_card(self, card_id: str) -> None:
        card = self.cards[card_id]
        labels = {"expired": self.tr("Expired: this card is past its review date"), "unverified": self.tr("Not verified"),
                  "script": self.tr("Script"), "legal_basis": self.tr("Legal basis"),
                  "privacy_C2": self.tr("Personal data C2 (card, ID and phone numbers): verify identity before discussing the account; "
                                        "confirm, never ask for; everything shown and recorded is masked."),
                  "privacy_C3": self.tr("Personal data C3 (PIN, CVV, expiry date): never ask for it, never record it."),
                  "identity": self.tr("Identity check: use this card only after the caller's identity is verified."),
                  "never_ask": self.tr("Never ask for: card PIN, CVV, card expiry date, SMS verification code.")}
        self.view.cardView.setHtml(card_to_html(card, expired=card.is_expired(), labels=labels))

    def toggle_pin(self) -> None:
        """Pin the open card (or the selected result), or unpin it: pinned cards come first."""
        card_id = self.current_card_id
        if card_id is None:
            idx = self.view.resultsView.currentIndex()
            card_id = self.model.row(idx.row())["id"] if idx.isValid() else None
        if card_id is None:
            return
        pinned = self.s.search.pinned  # shared with the finder
        if card_id in pinned:
            pinned.remove(card_id)
            run_in_background(self.s.lane.submit(self.s.store.unpin, card_id))
        else:
            pinned.append(card_id)
            run_in_background(self.s.lane.submit(self.s.store.pin, card_id, self.s.clock().isoformat(timespec="seconds")))
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
        self.focus_search()

    def focus_search(self) -> None:
        self.view.stack.setCurrentIndex(0) if self.view.stack.currentIndex() == 1 and not self.view.cardView.hasFocus() else None
        self.view.searchBox.setFocus()
        self.view.searchBox.selectAll()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        v = self.view
        if obj is v.searchBox and event.type() == QEvent.Type.InputMethod:
            # Track the composition: Enter while composing commits text, it never opens a card.
            self._composing = bool(event.preeditString())
            return False
        if event.type() != QEvent.Type.KeyPress:
            return False
        key = event.key()
        if obj is v.searchBox and self._composing and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return False  # let the input method have it
        if obj is v.searchBox:
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.model.rowCount():
                row = v.resultsView.currentIndex().row()
                row = min(self.model.rowCount() - 1, row + 1) if key == Qt.Key.Key_Down else max(0, row - 1)
                v.resultsView.setCurrentIndex(self.model.index(row))
                return True
            if key == Qt.Key.Key_Escape:
                if v.searchBox.text():
                    if not self._session_opened:
                        self._record_miss()
                    self.category = None
                    v.searchBox.clear()
                    self._session_query = ""
                return True
        elif obj is v.cardView and key in (Qt.Key.Key_Escape, Qt.Key.Key_Backspace):
            self.back()
            return True
        elif obj is v.resultsView and key == Qt.Key.Key_Escape:
            self.focus_search()
            return True
        return False

    # ---- window -------------------------------------------------------------
    def set_on_top(self, on: bool) -> None:
        w = self.view
        visible = w.isVisible()
        w.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on)
        if visible:
            w.show()
        self.s.settings.set("ui.always_on_top", bool(on))
        self._save_settings()

    def _dock_side_changed(self, left: bool) -> None:
        self.s.settings.set("ui.dock_side", "left" if left else "right")
        self._save_settings()
        self.dock()

    def dock(self) -> None:
        w = self.view
        screen = w.screen() or QGuiApplication.primaryScreen()
        ag = screen.availableGeometry()
        width = min(int(self.s.settings.get("ui.width")), ag.width())
        x = ag.left() if self.s.settings.get("ui.dock_side") == "left" else ag.right() - width + 1
        w.setGeometry(x, ag.top(), width, ag.height())

    def restore_geometry(self) -> None:
        geo = self.s.settings.get("ui.geometry")
        if geo and self.view.restoreGeometry(QByteArray.fromBase64(geo.encode("ascii"))):
            return
        self.dock()

    def save_geometry(self) -> None:
        self.s.settings.set("ui.geometry", bytes(self.view.saveGeometry().toBase64().data()).decode("ascii"))
        self._save_settings()

    def _save_settings(self) -> None:
        try:
            self.s.settings.save()
        except OSError as exc:
            log.error("settings not saved", extra={"fields": {"error": str(exc)}})

    def set_language(self, lang: str) -> None:
        if self.s.translations is not None:
            self.s.translations.install(lang)
        self.s.settings.set("ui.language", lang)
        self._save_settings()
        self.retranslate()
        self.run_search(force=True)

    def reload_kb(self) -> None:
        """Switch to the active KB (after a pack import) without restarting the panel. The KB and
        its search index are built on a worker thread (seconds for a large KB); the panel keeps
        working on the old one until the new one is swapped in here, on the GUI thread."""
        if self.s.reload_kb is None or self._reloading:
            return
        self._reloading = True

        def failed(exc: BaseException) -> None:
            self._reloading = False
            log.error("kb reload failed", extra={"fields": {"error": type(exc).__name__}})

        run_in_background(run_in_thread(self.s.reload_kb), self._swap_kb, failed)

    def _swap_kb(self, loaded: tuple) -> None:
        self._reloading = False
        kb, finder, rules = loaded
        old_version = self.s.kb.version
        self.s.kb, self.s.search, self.s.suggest = kb, finder, finder.suggest
        self.cards = kb.by_id()
        if self.call_ctl is not None:
            self.call_ctl.s.kb, self.call_ctl.s.search = kb, finder
            if rules is not None:
                self.call_ctl.s.rules = rules
        if self.current_card_id and self.current_card_id not in self.cards:
            self.back()
        self._update_kb_status()
        self.run_search(force=True)
        log_event(log, "kb reloaded", old=old_version, new=kb.version, cards=len(kb.cards))
        self.kbReloaded.emit(kb.version)

    def show_kb_problems(self) -> None:
        kb = self.s.kb
        errs = [str(e) for e in kb.errors]
        text = self.tr("Active knowledge base: {root}\nVersion {version}, {count} cards loaded.").format(
            root=kb.root, version=kb.version, count=len(kb.cards))
        if errs:
            text += "\n\n" + self.tr("These files have problems; the rest of the knowledge base works:") + "\n" + "\n".join(errs[:50])
        box = QMessageBox(QMessageBox.Icon.Warning if errs else QMessageBox.Icon.Information, self.tr("Knowledge base"), text, parent=self.view)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setObjectName("kbProblemsBox")
        box.open()

    def show_about(self) -> None:
        from assist import __version__

        box = QMessageBox(QMessageBox.Icon.Information, self.tr("About Assist"),
                          self.tr("Assist agent panel {version}\nBuild: {build}\nKnowledge base: {kb}").format(
                              version=__version__, build=build_time(), kb=self.s.kb.version), parent=self.view)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setObjectName("aboutBox")
        box.open()

    def setup_tray(self) -> None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        from PySide6.QtWidgets import QMenu

        self.tray = QSystemTrayIcon(QIcon(self.s.icon_path), self)
        menu = QMenu(self.view)
        menu.addAction(self.tr("Show / hide"), self.toggle_visible)
        menu.addAction(self.tr("Quit"), self.quit)
        self.tray.setContextMenu(menu)
        self.tray.activated.connect(lambda _r: self.toggle_visible())
        self.tray.show()

    def toggle_visible(self) -> None:
        if self.view.isVisible():
            self.view.hide()
        else:
            self.raise_panel()

    def raise_panel(self) -> None:
        w = self.view
        w.show()
        w.setWindowState((w.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
        w.raise_()
        w.activateWindow()

    def quit(self) -> None:
        if self._session_query and not self._session_opened:
            self._record_miss()
        self.save_geometry()
        QApplication.quit()

    # ---- IPC ----------------------------------------------------------------
    def handle_message(self, msg: dict) -> None:
        cmd = msg.get("cmd")
        if cmd in ("show", "open", "call_start", "call_end"):
            self.raise_panel()
        if cmd == "open":
            self.view.tabs.setCurrentIndex(0)
            self.view.stack.setCurrentIndex(0)
            if self._session_query and not self._session_opened:
                self._record_miss()
            self.category = None  # a forwarded query searches everything
            self.view.searchBox.setText(str(msg.get("query", "")))
            self.run_search()
            self.view.searchBox.setFocus()
        elif cmd == "call_start":
            self.start_call(str(msg.get("caller", "")), str(msg.get("topic", "")), str(msg.get("call_type", "")), source="ipc",
                            caller_full=str(msg.get("caller_full", "")), customer_name=str(msg.get("customer_name", "")))
        elif cmd == "call_end":
            self.end_call()
        elif cmd == "quit":
            self.quit()

    def show_tab(self, index: int) -> None:
        if index >= 0:
            self.view.tabs.setCurrentIndex(index)
            if index == 0:
                self.focus_search()

    def call_context(self) -> dict[str, str]:
        """What the bank already holds about the current call, for prefilling forms (Art 13)."""
        ctx = {"staff_id": self.s.settings.get("agent.staff_id"), "org_unit": self.s.settings.get("org.name")}
        if self.call_id:
            ctx.update(self._call_context, call_id=self.call_id)
        call = getattr(self.call_ctl, "call", None)
        if call is not None:   # a call started on the call page (button) counts too: its complaint is linked to it
            ctx["call_id"] = call.call_id
            ctx.setdefault("call_started_at", call.started_at.strftime("%Y-%m-%dT%H:%M"))
        return {k: v for k, v in ctx.items() if v}

    def start_call(self, caller: str, topic: str, call_type: str = "", source: str = "panel",
                   caller_full: str = "", customer_name: str = "") -> None:
        caller_m = mask(caller or caller_full) if (caller or caller_full) else ""
        topic = mask(topic) if topic else ""  # free text from the softphone: stored and shown masked
        self._call_context = {"call_started_at": self.s.clock().strftime("%Y-%m-%dT%H:%M"), "source": "客服热线",
                              "channel_A": "A0302", "phone": caller_full, "customer_name": customer_name}
        if self.call_ctl is not None:
            if self.call_id:
                self.call_ctl.end_call(force=True)
            self.call_id = self.call_ctl.start_call(caller_m, topic, call_type, source)
            self.show_tab(self.call_tab)
        else:
            import uuid

            self.call_id = str(uuid.uuid4())
            at = self.s.clock().isoformat(timespec="seconds")
            run_in_background(self.s.lane.submit(self.s.store.start_call, self.call_id, at, caller_m, topic, call_type, source))
        label = self.tr("In call: {caller} {topic}").format(caller=caller_m, topic=topic).strip()
        self.view.callLabel.setText(label)
        self.view.callLabel.setAccessibleName(label)
        self.view.callLabel.setVisible(True)
        if topic:
            self.view.searchBox.setText(topic)
            self.run_search()
        log_event(log, "call started", call_id=self.call_id, source=source)

    def end_call(self) -> None:
        if not self.call_id:
            return
        if self.call_ctl is not None:
            self.call_ctl.end_call(force=True)  # from the softphone: close now, the missing list stays visible
            return
        at = self.s.clock().isoformat(timespec="seconds")
        run_in_background(self.s.lane.submit(self.s.store.end_call, self.call_id, at))
        self._call_ended()

    def _call_ended(self) -> None:
        self._call_context = {}
        if self.call_id:
            log_event(log, "call ended", call_id=self.call_id)
        self.call_id = None
        self.view.callLabel.setVisible(False)
