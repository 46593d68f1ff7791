"""Sync status in the panel: online/offline, items waiting, last success, last error.

A sync round runs on its own worker thread (network), never on the GUI thread and
never inside the DB lane (the round itself uses the lane for every DB call).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from assist.logging_setup import log_event
from assist.ui.tasks import run_in_background, run_in_thread

log = logging.getLogger("assist.sync")
STATUS_REFRESH_MS = 10_000
ROUND_INTERVAL_MS = 60_000


class SyncStatusController(QObject):
    statusChanged = Signal(object)  # SyncStatus
    roundFinished = Signal(object)  # RoundReport

    def __init__(self, button, lane: Any, service_factory: Callable[[], Any], language: Callable[[], str], parent=None):
        super().__init__(parent)
        self.button = button
        self.lane = lane
        self.factory = service_factory
        self.language = language
        self.status: Any = None
        self.running = False
        self._stopped = False
        self._refresh = QTimer(self)
        self._refresh.timeout.connect(self.refresh)
        self._rounds = QTimer(self)
        self._rounds.timeout.connect(self.sync_now)
        button.clicked.connect(self.sync_now)

    def start(self) -> None:
        self.refresh()
        self._refresh.start(STATUS_REFRESH_MS)
        if self.factory().configured:
            self._rounds.start(ROUND_INTERVAL_MS)
            QTimer.singleShot(2000, self.sync_now)

    def stop(self) -> None:
        """Never waits for a round in progress (it may be retrying a slow network): the round's
        thread is a daemon, and the outbox is transactional, so an abandoned round loses nothing."""
        self._stopped = True
        self._refresh.stop()
        self._rounds.stop()

    def tr(self, text: str) -> str:  # type: ignore[override]
        from PySide6.QtWidgets import QApplication

        return QApplication.translate("SyncStatusController", text)

    def refresh(self) -> None:
        from assist.core.sync.status import read_status

        if self._stopped:
            return
        svc = self.factory()
        run_in_background(self.lane.submit(read_status, configured=svc.configured), self._show)

    def sync_now(self) -> None:
        if self._stopped:
            return
        svc = self.factory()
        if not svc.configured:
            self.refresh()
            return
        if self.running:
            return
        self.running = True
        self.button.setText(self.tr("Sync: sending…"))
        run_in_background(run_in_thread(svc.run_round), self._round_done, self._round_failed)

    def _round_done(self, report: Any) -> None:
        self.running = False
        log_event(log, "sync round", ok=report.ok, pushed=report.pushed, conflicts=report.conflicts,
                  error=getattr(report.error, "code", None))
        self.roundFinished.emit(report)
        self.refresh()

    def _round_failed(self, exc: BaseException) -> None:
        self.running = False
        log.error("sync round crashed", extra={"fields": {"error": type(exc).__name__}})
        self.refresh()

    def retranslate(self) -> None:
        """The language changed: show the last status again in it."""
        if self.status is not None:
            self._show(self.status)

    def _when(self, iso: str | None) -> str:
        if not iso:
            return self.tr("never")
        try:
            t = dt.datetime.fromisoformat(iso).astimezone()
        except ValueError:
            return iso
        return t.strftime("%H:%M") if t.date() == dt.date.today() else t.strftime("%m-%d %H:%M")

    def _show(self, st: Any) -> None:
        self.status = st
        state = st.state
        if state == "off":
            text = self.tr("Sync: not configured, kept on this PC ({n} waiting)").format(n=st.waiting)
            colour = "#666"
        elif state == "synced":
            text = self.tr("Sync: online, all sent · last {when}").format(when=self._when(st.last_success_at))
            colour = "#2e7d32"
        elif state == "waiting":
            text = self.tr("Sync: {n} waiting · last {when}").format(n=st.waiting, when=self._when(st.last_success_at))
            colour = "#1565c0"
        else:
            err = (st.error_zh if self.language().startswith("zh") else st.error_en) or st.error_code or ""
            text = (self.tr("Sync: offline, {n} waiting · last {when}") if state == "offline"
                    else self.tr("Sync: error, {n} waiting · last {when}")).format(n=st.waiting, when=self._when(st.last_success_at))
            text += "\n" + err
            colour = "#b71c1c"
        if st.conflicts:
            text += "\n" + self.tr("{n} conflict(s) with head office: see `assist sync --conflicts`, "
                                   "close with `assist sync --resolve ID`").format(n=st.conflicts)
            colour = "#b71c1c"
        if getattr(st, "rejected", 0):
            text += "\n" + self.tr("{n} record(s) not accepted by head office (kept on this PC): "
                                   "see the reason with `assist sync --rejected`, fix, then `assist sync --resend ID`").format(n=st.rejected)
            colour = "#b71c1c"
        self.button.setText(text)
        self.button.setAccessibleName(text)
        self.button.setToolTip(self.tr("Click or press Ctrl+Shift+S to sync now"))
        self.button.setStyleSheet(f"text-align:left;color:{colour}")
        self.statusChanged.emit(st)
