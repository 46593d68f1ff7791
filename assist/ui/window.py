"""WindowController: how the panel sits on the screen and talks about itself — always on top,
docking, geometry, tray, language, the KB status line and box, About, raise and quit."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import QByteArray, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QSystemTrayIcon

from assist.buildinfo import build_time
from assist.services import PanelServices
from assist.ui.settings_dialog import SettingsDialog

log = logging.getLogger("assist.panel")


class WindowController(QObject):
    languageChanged = Signal(str)
    quitRequested = Signal()      # before the application quits (the panel ends open sessions)
    settingsChanged = Signal(dict)   # the settings the agent changed in the dialog: {key: value}
    hotkeyChanged = Signal(str)      # the global hotkey to listen for now ("" = none)

    def __init__(self, view: Any, services: PanelServices):
        super().__init__(view)
        self.view, self.s = view, services
        self.tray: QSystemTrayIcon | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.before_quit: list[Callable[[], None]] = []
        services.kbs.subscribe(lambda _old, _new: self.update_kb_status())
        v = view
        v.actOnTop.toggled.connect(self.set_on_top)
        v.actDockLeft.toggled.connect(self._dock_side_changed)
        v.actDock.triggered.connect(self.dock)
        v.actLangZh.triggered.connect(lambda: self.set_language("zh_CN"))
        v.actLangEn.triggered.connect(lambda: self.set_language("en"))
        v.actKbProblems.triggered.connect(self.show_kb_problems)
        v.kbStatusButton.clicked.connect(self.show_kb_problems)
        v.actAbout.triggered.connect(self.show_about)
        v.actSettings.triggered.connect(lambda: self.open_settings())
        v.actMenu.triggered.connect(lambda: v.menuButton.showMenu())
        v.actQuit.triggered.connect(self.quit)
        v.actOnTop.setChecked(bool(services.settings.get("ui.always_on_top")))
        v.actDockLeft.setChecked(services.settings.get("ui.dock_side") == "left")

    def tr(self, text: str) -> str:  # type: ignore[override]  # context "WindowController" for lupdate
        return QApplication.translate("WindowController", text)

    @property
    def language(self) -> str:
        return self.s.translations.language if self.s.translations is not None else "zh_CN"

    def retranslate(self) -> None:
        v = self.view
        v.setWindowTitle(self.tr("Assist agent panel"))
        v.menuButton.setAccessibleName(self.tr("Menu"))
        v.menuButton.setToolTip(self.tr("Menu (F10)"))
        v.actOnTop.setText(self.tr("Always on top"))
        v.actDockLeft.setText(self.tr("Dock on the left"))
        v.actDock.setText(self.tr("Dock to screen edge"))
        v.langMenu.setTitle(self.tr("Language"))
        v.actKbProblems.setText(self.tr("Knowledge base status…"))
        v.actSettings.setText(self.tr("Settings…"))
        v.actAbout.setText(self.tr("About"))
        v.actQuit.setText(self.tr("Quit"))
        v.actLangZh.setChecked(self.language == "zh_CN")
        v.actLangEn.setChecked(self.language == "en")
        self.update_kb_status()

    def update_kb_status(self) -> None:
        kb = self.s.kb
        n_bad = len({e.path for e in kb.errors if e.severity == "error"})
        text = self.tr("KB version {version} · {count} cards").format(version=kb.version, count=len(kb.cards))
        if n_bad:
            text += " · " + self.tr("{n} broken file(s), click for details").format(n=n_bad)
            self.view.kbStatusButton.setStyleSheet("text-align:left;color:#b71c1c")
        self.view.kbStatusButton.setText(text)
        self.view.kbStatusButton.setAccessibleName(text)

    # ---- placement ------------------------------------------------------------
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
        self.languageChanged.emit(lang)

    # ---- settings -----------------------------------------------------------------------------
    def needs_profile(self) -> bool:
        st = self.s.settings
        return not st.get("agent.staff_id") or not st.get("org.name")

    def open_settings(self, profile_only: bool = False) -> SettingsDialog:
        """The settings dialog (Ctrl+,), or at first start the profile prompt. Non-blocking:
        the values are applied when it is accepted."""
        dlg = SettingsDialog(self.s.settings, self.view, profile_only=profile_only)
        dlg.accepted.connect(lambda: self.apply_settings(dlg.values()))
        dlg.finished.connect(dlg.deleteLater)
        self.settings_dialog = dlg
        dlg.open()
        return dlg

    def ask_profile_if_missing(self) -> None:
        """First start (or a profile still missing): ask for 工号 and 机构 before the first call."""
        if self.needs_profile():
            self.open_settings(profile_only=True)

    def apply_settings(self, values: dict[str, Any]) -> None:
        """Store the changed values and apply them now: text size and theme, dock side, always
        on top, hotkey and language. Head office's values were never offered."""
        st = self.s.settings
        changed = {k: v for k, v in values.items() if st.get(k) != v}
        for k, v in changed.items():
            st.set(k, v)
        if changed:
            self._save_settings()
        if "ui.zoom" in changed or "ui.theme" in changed:
            from assist.ui import theme

            theme.apply(cast(QApplication, QApplication.instance()), st.get("ui.theme"), st.get("ui.zoom"))
        if "ui.always_on_top" in changed:
            self.view.actOnTop.setChecked(bool(st.get("ui.always_on_top")))
        if "ui.dock_side" in changed:
            self.view.actDockLeft.setChecked(st.get("ui.dock_side") == "left")
        if "ui.hotkey" in changed:
            self.hotkeyChanged.emit(st.get("ui.hotkey") or "")
        if "ui.language" in changed:
            self.set_language(st.get("ui.language"))
        log.info("settings changed", extra={"fields": {"keys": sorted(changed)}})
        self.settingsChanged.emit(changed)

    # ---- boxes -------------------------------------------------------------------
    def show_kb_problems(self) -> None:
        kb = self.s.kb
        errs = [str(e) for e in kb.errors]
        text = self.tr("Active knowledge base: {root}\nVersion {version}, {count} cards loaded.").format(
            root=kb.root, version=kb.version, count=len(kb.cards))
        if errs:
            text += "\n\n" + self.tr("These files have problems; the rest of the knowledge base works:") + "\n" + "\n".join(errs[:50])
        box = QMessageBox(QMessageBox.Icon.Warning if errs else QMessageBox.Icon.Information, self.tr("Knowledge base"),
                          text, parent=self.view)
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

    # ---- tray, raise, quit ------------------------------------------------------------
    def setup_tray(self) -> None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
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
        self.quitRequested.emit()
        self.save_geometry()
        QApplication.quit()

