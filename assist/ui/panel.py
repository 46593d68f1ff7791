"""The panel, assembled: the window and its controllers, wired to each other in one place.

    view, panel = build_window(services)      # services from assist.app.build_panel_services

- ``panel.window``    placement, language, tray, About, quit        (assist.ui.window)
- ``panel.knowledge`` search, results, cards, pins                 (assist.ui.knowledge)
- ``panel.calls``     the call the panel is in                     (assist.ui.panel_calls)
- ``panel.call_page`` the call tab, when the guidance rules load   (assist.ui.call_controller)
- ``panel.sync``      the sync status line and rounds              (assist.ui.sync_status)
- ``panel.complaints`` the complaints tab                          (assist.ui.complaint_mount)
- ``panel.ipc``       messages from the softphone                  (assist.ui.ipc_router)

A KB reload builds the new KB set on a worker thread and swaps it whole (``services.kbs``):
every controller reads the current set when it needs it.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QIcon

from assist.core.guidance.scripts import placeholder_values
from assist.logging_setup import log_event
from assist.services import KbServices, PanelServices
from assist.ui.ipc_router import IpcRouter
from assist.ui.knowledge import KnowledgeController
from assist.ui.panel_calls import PanelCalls
from assist.ui.panel_view import PanelWindow
from assist.ui.tasks import run_in_background, run_in_thread
from assist.ui.window import WindowController

log = logging.getLogger("assist.panel")


def keep_rules_on_reload(old: KbServices, new: KbServices) -> KbServices:
    """A reloaded KB whose guidance rules do not load keeps the previous ones (guidance stays on)."""
    if new.rules is None and old.rules is not None:
        return dataclasses.replace(new, rules=old.rules)
    return new


class KbReloader(QObject):
    reloaded = Signal(str)   # the new KB version, once swapped in

    def __init__(self, services: PanelServices, parent: QObject):
        super().__init__(parent)
        self.s = services
        self.running = False

    def reload(self) -> None:
        """Switch to the active KB (after a pack import) without restarting the panel. The set is
        built on a worker thread (seconds for a large KB); the panel keeps working on the old one
        until the new one is swapped in here, on the GUI thread."""
        if self.s.reload_kb is None or self.running:
            return
        self.running = True

        def failed(exc: BaseException) -> None:
            self.running = False
            log.error("kb reload failed", extra={"fields": {"error": type(exc).__name__}})

        run_in_background(run_in_thread(self.s.reload_kb), self._swap, failed)

    def _swap(self, new: KbServices) -> None:
        self.running = False
        old = self.s.kbs.current
        self.s.kbs.swap(keep_rules_on_reload(old, new))
        log_event(log, "kb reloaded", old=old.version, new=new.version, cards=len(new.kb.cards))
        self.reloaded.emit(new.version)


@dataclass
class Panel:
    view: Any
    services: PanelServices
    window: WindowController
    knowledge: KnowledgeController
    calls: PanelCalls
    reloader: KbReloader
    call_page: Any = None        # CallController, or None without guidance rules
    qa: Any = None               # the after-call quality summary on the call page (assist.ui.qa_summary)
    notices: Any = None          # unread 风险提示函 above the search box (assist.ui.notice_view)
    sync: Any = None             # SyncStatusController, or None without sync
    complaints: Any = None       # MountedComplaints
    ipc: Any = None              # IpcRouter
    tabs: dict[str, int] = field(default_factory=dict)   # page name -> tab index

    def tr(self, text: str) -> str:  # context "Panel" for lupdate
        return QCoreApplication.translate("Panel", text)

    def show_tab(self, name: str) -> None:
        index = self.tabs.get(name, -1)
        if index >= 0:
            self.view.tabs.setCurrentIndex(index)
            if name == "knowledge":
                self.knowledge.focus_search()

    def retranslate(self) -> None:
        v = self.view
        self.window.retranslate()
        # menu entries: the menu shows each shortcut itself (never in the text as well)
        v.actStartCall.setText(self.tr("Start a call"))
        v.actSyncNow.setText(self.tr("Sync with head office now"))
        v.actReloadKb.setText(self.tr("Reload the knowledge base"))
        if self.calls.session.active:
            v.callLabel.setText(self.calls.label())
            v.callLabel.setAccessibleName(self.calls.label())
        v.tabs.setTabText(self.tabs["knowledge"], self.tr("Knowledge (Ctrl+1)"))
        if "complaints" in self.tabs:
            v.tabs.setTabText(self.tabs["complaints"], self.tr("Complaints (Ctrl+3)"))
        if self.call_page is not None:
            v.tabs.setTabText(self.tabs["call"], self.tr("Call (Ctrl+2)"))
            self.call_page.retranslate()
        if self.sync is not None:
            self.sync.retranslate()
        self.knowledge.retranslate()

    def finish_work(self) -> None:
        """On quit: write the pending complaint draft and close an open call, so nothing typed or
        recorded is lost. The DB lane then finishes these writes before it closes."""
        if self.complaints is not None and self.complaints.form.drafts.pending():
            self.complaints.form.drafts.save_now()
        if self.calls.session.active:
            self.calls.end(force=True)


def build_window(services: PanelServices) -> tuple[PanelWindow, Panel]:
    view = PanelWindow()
    if services.icon_path:
        view.setWindowIcon(QIcon(services.icon_path))
    window = WindowController(view, services)
    calls = PanelCalls(services, view)

    def values() -> dict[str, str]:   # what the open card's scripts are filled with: the profile, the call
        s = calls.session
        return {k: v for k, v in placeholder_values(services.settings, s.call, s.topic if s.active else "").items() if v}

    knowledge = KnowledgeController(view, services, values)
    panel = Panel(view, services, window, knowledge, calls, KbReloader(services, view), tabs={"knowledge": 0})
    if services.kbs.current.rules is not None:
        from assist.ui.call_controller import CallController
        from assist.ui.call_view import CallView

        call_view = CallView()
        panel.call_page = CallController(call_view, services, calls)
        panel.tabs["call"] = view.mount_page(call_view)
        from assist.ui import qa_summary

        panel.qa = qa_summary.mount(panel.call_page)
    if services.sync_factory is not None:
        from assist.ui.sync_status import SyncStatusController

        panel.sync = SyncStatusController(view.syncButton, services.lane, services.sync_factory,
                                          lambda: window.language, view)
        view.actSyncNow.triggered.connect(panel.sync.sync_now)
        panel.sync.roundFinished.connect(lambda report: panel.reloader.reload() if getattr(report, "kb_imported", None) else None)
    else:
        view.syncButton.setVisible(False)
    from assist.ui.complaint_mount import mount_complaints

    panel.complaints = mount_complaints(view, panel, services)
    panel.ipc = IpcRouter(panel)
    from assist.ui import notice_view

    panel.notices = notice_view.mount(panel)
    _wire(panel)
    panel.retranslate()
    from assist.ui.tasks import plain_text_labels

    plain_text_labels(view)
    return view, panel


def _wire(panel: Panel) -> None:
    v, knowledge, calls = panel.view, panel.knowledge, panel.calls
    v.actTabKb.triggered.connect(lambda: panel.show_tab("knowledge"))
    v.actTabCall.triggered.connect(lambda: panel.show_tab("call"))
    v.actTabComplaint.triggered.connect(lambda: panel.show_tab("complaints"))
    v.actStartCall.triggered.connect(lambda: calls.start(source="panel"))
    v.actReloadKb.triggered.connect(panel.reloader.reload)
    panel.window.languageChanged.connect(lambda _lang: panel.retranslate())
    panel.window.quitRequested.connect(knowledge.end_session)

    def show_call_label() -> None:
        label = calls.label()
        v.callLabel.setText(label)
        v.callLabel.setAccessibleName(label)
        v.callLabel.setVisible(bool(label))

    def call_started(_call_id: str, topic: str) -> None:
        show_call_label()
        if panel.call_page is not None:
            panel.show_tab("call")
        if topic:
            v.searchBox.setText(topic)
            knowledge.run_search()

    calls.callStarted.connect(call_started)
    calls.callEnded.connect(lambda _call_id: show_call_label())

    def refill_card(*_args: Any) -> None:   # the open card's scripts show the values known now
        if knowledge.current_card_id:
            knowledge.card_page.render(knowledge.current_card_id)

    calls.callStarted.connect(refill_card)
    calls.callEnded.connect(refill_card)
    panel.window.settingsChanged.connect(refill_card)

    def card_opened(card: Any) -> None:
        if panel.call_page is not None and calls.session.active:
            panel.call_page.set_card(card)

    knowledge.cardOpened.connect(card_opened)
