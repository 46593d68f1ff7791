"""The agent's profile (first start), the settings dialog (Ctrl+,), head office's managed
settings, and switching theme and text size."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QSpinBox

from assist.settings import Settings, SettingsError
from tests.conftest import type_chinese


def dialog(qtbot, panel, name: str):
    qtbot.waitUntil(lambda: panel.window.settings_dialog is not None and panel.window.settings_dialog.isVisible())
    dlg = panel.window.settings_dialog
    assert dlg.objectName() == name
    return dlg


def test_first_start_asks_for_the_profile_and_everything_uses_it(make_panel, qtbot):
    view, panel, services = make_panel()
    assert panel.window.needs_profile()
    panel.window.ask_profile_if_missing()
    dlg = dialog(qtbot, panel, "profileDialog")
    staff = dlg.findChild(QLineEdit, "agent_staff_id")
    qtbot.waitUntil(staff.hasFocus)
    qtbot.keyClick(staff, Qt.Key.Key_Return)              # nothing typed: refused, says why
    assert dlg.isVisible() and "工号" in dlg.errorLabel.text()
    qtbot.keyClicks(staff, "A 1")                          # a space: refused
    qtbot.keyClick(staff, Qt.Key.Key_Return)
    assert dlg.isVisible() and "字母或数字" in dlg.errorLabel.text()
    staff.clear()
    qtbot.keyClicks(staff, "A1024")
    org = dlg.findChild(QLineEdit, "org_name")
    org.setFocus()
    type_chinese(org, "示例银行北京分行")
    qtbot.keyClick(org, Qt.Key.Key_Return)
    assert not dlg.isVisible()
    st = services.settings
    assert st.get("agent.staff_id") == "A1024" and st.get("org.name") == "示例银行北京分行"
    assert Settings.load(st.path).get("agent.staff_id") == "A1024"      # saved
    assert not panel.window.needs_profile()
    # the complaint form takes the profile (held by the bank: not asked again)
    view.actNewComplaint.trigger()
    assert "A1024" in panel.complaints.view.heldLabel.text() and "示例银行北京分行" in panel.complaints.view.heldLabel.text()
    assert panel.complaints.form.form_data()["agent_id"] == "A1024"
    # the scripts of a card take it
    card = next(c for c in services.kb.cards if any("{工号}" in b.text for b in c.scripts))
    panel.knowledge.open_card(card.id)
    assert "A1024" in view.cardView.toPlainText()


def test_a_profile_is_not_asked_again(make_panel, qtbot):
    _view, panel, _ = make_panel(settings={"agent.staff_id": "A7", "org.name": "某行"})
    panel.window.ask_profile_if_missing()
    assert panel.window.settings_dialog is None


def test_settings_dialog_switches_theme_and_text_size_and_back(make_panel, qtbot):
    view, panel, services = make_panel(settings={"agent.staff_id": "A7", "org.name": "某行"})
    app = QApplication.instance()
    base_size = app.font().pointSizeF()
    light_window = app.palette().color(QPalette.ColorRole.Window)
    assert view.actSettings.shortcut().toString() == "Ctrl+,"
    view.actSettings.trigger()
    dlg = dialog(qtbot, panel, "settingsDialog")
    dlg.findChild(QSpinBox, "ui_zoom").setValue(130)
    theme = dlg.findChild(QComboBox, "ui_theme")
    theme.setCurrentIndex(theme.findData("dark"))
    dlg.accept()
    try:
        assert abs(app.font().pointSizeF() - base_size * 1.3) < 0.01
        assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80
        # a warning colour set by a widget is rewritten to one readable on dark
        view.kbStatusButton.setStyleSheet("text-align:left;color:#b71c1c")
        assert "#ff8a80" in view.kbStatusButton.styleSheet()
        assert services.settings.get("ui.theme") == "dark" and services.settings.get("ui.zoom") == 130
        # high contrast, then back to light: the platform's look and the light colours return
        panel.window.apply_settings({"ui.theme": "contrast"})
        assert app.palette().color(QPalette.ColorRole.Window).name() == "#000000"
        assert "#ff6e6e" in view.kbStatusButton.styleSheet()
    finally:
        panel.window.apply_settings({"ui.theme": "light", "ui.zoom": 100})
    assert app.palette().color(QPalette.ColorRole.Window) == light_window
    assert "#b71c1c" in view.kbStatusButton.styleSheet()
    assert abs(app.font().pointSizeF() - base_size) < 0.01


def test_settings_dialog_changes_language_and_dock_side(make_panel, qtbot):
    view, panel, services = make_panel(settings={"agent.staff_id": "A7", "org.name": "某行"})
    panel.window.open_settings()
    dlg = dialog(qtbot, panel, "settingsDialog")
    lang = dlg.findChild(QComboBox, "ui_language")
    lang.setCurrentIndex(lang.findData("en"))
    dock = dlg.findChild(QComboBox, "ui_dock_side")
    dock.setCurrentIndex(dock.findData("left"))
    dlg.accept()
    assert view.actSettings.text() == "Settings…" and services.settings.get("ui.language") == "en"
    assert view.actDockLeft.isChecked() and services.settings.get("ui.dock_side") == "left"


def test_head_office_settings_are_shown_read_only(tmp_path, make_panel, qtbot):
    managed = tmp_path / "managed.toml"
    managed.write_text('[org]\nname = "示例银行总行统一"\n[privacy]\nmask_card = "4+4"\n', encoding="utf-8")
    user = tmp_path / "user.toml"
    user.write_text('[org]\nname = "我自己填的"\n[agent]\nstaff_id = "A7"\n', encoding="utf-8")
    st = Settings.load(user, managed=managed)
    assert st.get("org.name") == "示例银行总行统一" and st.is_managed("org.name") and not st.is_managed("agent.staff_id")
    try:
        st.set("org.name", "改掉")
        raise AssertionError("a managed setting was changed")
    except SettingsError as exc:
        assert "head office" in str(exc)
    _view, panel, services = make_panel()
    services.settings = st
    panel.window.s.settings = st
    panel.window.open_settings()
    dlg = dialog(qtbot, panel, "settingsDialog")
    org = dlg.findChild(QLineEdit, "org_name")
    assert not org.isEnabled() and org.text() == "示例银行总行统一"
    assert "4" in dlg.findChild(type(dlg.errorLabel), "mask_card").text()
    assert "org.name" not in dlg.values()
    dlg.accept()
    assert st.get("org.name") == "示例银行总行统一"


def test_settings_values_are_checked_when_read(tmp_path):
    f = tmp_path / "s.toml"
    f.write_text('[ui]\nzoom = 400\ntheme = "pink"\n', encoding="utf-8")
    st = Settings.load(f)
    assert st.get("ui.zoom") == 100 and st.get("ui.theme") == "light"
    assert any("between 90 and 150" in p for p in st.problems) and any("light, dark, contrast" in p for p in st.problems)
