"""Start the panel: QApplication, translations, single instance, window, tray."""

from __future__ import annotations

import logging
import os
import signal
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from assist.services import PanelServices
from assist.ui.i18n import Translations
from assist.ui.ipc_server import IpcServer
from assist.ui.panel import build_window

__all__ = ["build_window", "create_app", "run_panel"]

log = logging.getLogger("assist.panel")


def create_app(argv: list[str] | None = None, platform: str | None = None) -> QApplication:
    if platform:
        os.environ["QT_QPA_PLATFORM"] = platform
    # Worker threads (text scans, KB reload, sync) hold the GIL for up to the switch interval
    # whenever a GUI callback wants it: 1 ms instead of 5 keeps the GUI thread responsive.
    sys.setswitchinterval(0.001)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or [sys.argv[0]])
    app.setApplicationName("assist")
    app.setApplicationDisplayName("Assist")
    app.setQuitOnLastWindowClosed(True)
    return app


def run_panel(ctx, services_factory, platform: str | None = None) -> int:
    app = create_app(platform=platform)
    from assist.ui import theme

    theme.apply(app, ctx.settings.get("ui.theme"), ctx.settings.get("ui.zoom"))
    translations = Translations(ctx.paths.resources_dir / "i18n")
    translations.install(ctx.lang or ctx.settings.get("ui.language"))
    # One panel per user and basedir: the lock is held for the process's life; a lock left by a
    # killed panel is stale (its PID is gone) and taken over.
    from PySide6.QtCore import QLockFile

    lock = QLockFile(str(ctx.paths.runtime_dir / "panel.lock"))
    lock.setStaleLockTime(0)
    if not lock.tryLock(0):
        from assist import ipc

        for _ in range(100):  # another panel is starting: hand it our "show" and leave
            try:
                ipc.send(ctx.paths.runtime_dir, {"cmd": "show"}, timeout=5)
                return 0
            except (ConnectionError, ipc.PanelBusy):
                time.sleep(0.2)
        print("assist: another panel holds the lock but does not answer; see `assist doctor`", file=sys.stderr)
        return 1
    app.setProperty("assist_lock", lock)  # keep the lock alive with the application
    server = IpcServer(ctx.paths.runtime_dir)
    if not server.listen():
        print("assist: cannot open the single-instance socket; is another panel starting?", file=sys.stderr)
        return 1
    problem = ctx.check_database()
    if problem is not None:  # a broken database: ask before anything touches it
        from assist.ui.db_problem import resolve

        if not resolve(ctx, problem):
            return 2
    services: PanelServices = services_factory(translations)
    view, panel = build_window(services)
    server.messageReceived.connect(panel.ipc.handle_message)
    if ctx.settings.get("ui.always_on_top"):
        from PySide6.QtCore import Qt

        view.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
    panel.window.restore_geometry()
    panel.window.setup_tray()
    if panel.sync is not None:
        panel.sync.start()
        app.aboutToQuit.connect(panel.sync.stop)
    view.show()
    view.searchBox.setFocus()
    QTimer.singleShot(0, panel.complaints.form.check_restore)  # offer drafts left by a crashed panel
    QTimer.singleShot(0, panel.window.ask_profile_if_missing)   # first start: 工号 and 机构
    from assist.ui.tasks import release_clipboard

    app.aboutToQuit.connect(release_clipboard)
    app.aboutToQuit.connect(panel.window.save_geometry)
    app.aboutToQuit.connect(panel.finish_work)  # before the DB lane closes
    app.aboutToQuit.connect(server.close)
    app.aboutToQuit.connect(services.lane.close)
    # Let Ctrl+C / SIGTERM end the Qt loop cleanly.
    signal.signal(signal.SIGTERM, lambda *_: app.quit())
    signal.signal(signal.SIGINT, lambda *_: app.quit())
    tick = QTimer()
    tick.start(250)
    tick.timeout.connect(lambda: None)
    hotkeys = HotkeyKeeper(panel.window.raise_panel)
    hotkeys.start(ctx.settings.get("ui.hotkey"))
    panel.window.hotkeyChanged.connect(hotkeys.start)   # changed in the settings dialog: listen for the new one
    log.info("panel started", extra={"fields": {"cards": len(services.kb.cards), "kb_version": services.kb.version}})
    rc = app.exec()
    hotkeys.stop()
    return rc


class HotkeyKeeper:
    """The global hotkey listener (optional: the panel never depends on it)."""

    def __init__(self, summoned: Callable[[], None]):
        self.summoned, self.listener = summoned, None

    def start(self, combo: str | None) -> None:
        self.stop()
        if not combo:
            return
        try:
            from assist.ui.hotkey import start_hotkey

            def summoned() -> None:
                log.info("panel summoned by hotkey")
                self.summoned()

            self.listener = start_hotkey(combo, summoned)
            if self.listener is not None:
                log.info("global hotkey active", extra={"fields": {"hotkey": combo}})
        except Exception as exc:  # noqa: BLE001 - the hotkey is optional: never block the panel on it
            log.info("global hotkey unavailable", extra={"fields": {"reason": type(exc).__name__}})

    def stop(self) -> None:
        if self.listener is not None:
            try:
                self.listener.stop()
            except Exception as exc:  # noqa: BLE001 - e.g. the X server went away first: nothing left to stop
                log.info("global hotkey stop failed", extra={"fields": {"reason": type(exc).__name__}})
            self.listener = None
