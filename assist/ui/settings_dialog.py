"""The settings dialog (≡ → 设置, Ctrl+,) and the first-start profile prompt.

One dialog, two modes: ``profile_only`` (first start: 工号, 姓名, 机构 — what the scripts, the
complaint form and every recorded change need) and the full dialog (profile, text size, theme,
dock side, always on top, hotkey, language, and the masking policy read-only). A value head
office set in the managed settings is shown read-only. The dialog only collects and checks
values; :meth:`assist.ui.window.WindowController.apply_settings` stores and applies them.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from assist.services import SettingsLike

STAFF_ID = re.compile(r"^[A-Za-z0-9_-]{1,20}$")
PROFILE = ("agent.staff_id", "agent.name", "org.name")
PANEL = ("ui.zoom", "ui.theme", "ui.dock_side", "ui.always_on_top", "ui.hotkey", "ui.language")


class SettingsDialog(QDialog):
    def __init__(self, settings: SettingsLike, parent: QWidget | None = None, profile_only: bool = False):
        super().__init__(parent)
        self.s, self.profile_only = settings, profile_only
        self.setObjectName("profileDialog" if profile_only else "settingsDialog")
        self.setWindowTitle(self.tr("Your profile") if profile_only else self.tr("Settings"))
        outer = QVBoxLayout(self)
        if profile_only:
            intro = QLabel(self.tr("Before the first call: your staff number and your institution go into the scripts, "
                                   "the complaint form and every change you record. You can change them later in "
                                   "≡ → Settings (Ctrl+,)."), self)
            intro.setWordWrap(True)
            intro.setObjectName("profileIntro")
            outer.addWidget(intro)
        self.fields: dict[str, QWidget] = {}
        prof = QGroupBox(self.tr("My profile"), self)
        pf = QFormLayout(prof)
        self._line(pf, "agent.staff_id", self.tr("Staff number (工号)"), self.tr("e.g. A1024"))
        self._line(pf, "agent.name", self.tr("Name (optional)"), self.tr("as the customer may hear it"))
        self._line(pf, "org.name", self.tr("Institution"), self.tr("e.g. 示例银行北京分行"))
        outer.addWidget(prof)
        if not profile_only:
            look = QGroupBox(self.tr("Appearance"), self)
            lf = QFormLayout(look)
            zoom = QSpinBox(look)
            zoom.setRange(90, 150)
            zoom.setSingleStep(10)
            zoom.setSuffix(" %")
            self._add(lf, "ui.zoom", self.tr("Text size"), zoom)
            zoom.setValue(int(settings.get("ui.zoom")))
            self._combo(lf, "ui.theme", self.tr("Theme"), [("light", self.tr("Light")), ("dark", self.tr("Dark")),
                                                            ("contrast", self.tr("High contrast"))])
            outer.addWidget(look)
            panel = QGroupBox(self.tr("Panel"), self)
            wf = QFormLayout(panel)
            self._combo(wf, "ui.dock_side", self.tr("Dock to"), [("right", self.tr("Right edge")), ("left", self.tr("Left edge"))])
            top = QCheckBox(self.tr("Keep above other windows"), panel)
            top.setChecked(bool(settings.get("ui.always_on_top")))
            self._add(wf, "ui.always_on_top", self.tr("Always on top"), top)
            self._line(wf, "ui.hotkey", self.tr("Global hotkey"), self.tr("e.g. <ctrl>+<alt>+<space>; empty: none"))
            self._combo(wf, "ui.language", self.tr("Language"), [("zh_CN", "简体中文"), ("en", "English")])
            outer.addWidget(panel)
            privacy = QGroupBox(self.tr("Masking of personal data"), self)
            vf = QFormLayout(privacy)
            managed = any(settings.is_managed(f"privacy.mask_{k}") for k in ("card", "mobile", "id"))
            for key, label in (("card", self.tr("Bank card")), ("mobile", self.tr("Mobile")), ("id", self.tr("ID card"))):
                head, _, tail = str(settings.get(f"privacy.mask_{key}")).partition("+")
                text = self.tr("first {head} and last {tail} characters shown").format(head=head, tail=tail)
                shown = QLabel(text, privacy)
                shown.setObjectName(f"mask_{key}")
                vf.addRow(label, shown)
            who = QLabel(self.tr("Set by head office.") if managed else
                         self.tr("The house policy; head office can set it for every PC."), privacy)
            who.setWordWrap(True)
            vf.addRow(who)
            outer.addWidget(privacy)
        self.errorLabel = QLabel(self)
        self.errorLabel.setObjectName("settingsError")
        self.errorLabel.setStyleSheet("color:#b71c1c")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setVisible(False)
        outer.addWidget(self.errorLabel)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Later") if profile_only else self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self._first = next((w for k, w in self.fields.items() if k in PROFILE and w.isEnabled()), None)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._first is not None:   # the first field the agent can fill has the cursor
            self._first.setFocus()

    # ---- building -------------------------------------------------------------------------
    def _locked(self, key: str) -> bool:
        return self.s.is_managed(key)

    def _add(self, form: QFormLayout, key: str, label: str, w: QWidget) -> None:
        w.setObjectName(key.replace(".", "_"))
        w.setAccessibleName(label)
        if self._locked(key):
            w.setEnabled(False)
            w.setToolTip(self.tr("Set by head office"))
        self.fields[key] = w
        form.addRow(label, w)

    def _line(self, form: QFormLayout, key: str, label: str, hint: str) -> None:
        w = QLineEdit(str(self.s.get(key) or ""))
        w.setPlaceholderText(hint)
        w.setMaxLength(60)
        self._add(form, key, label, w)

    def _combo(self, form: QFormLayout, key: str, label: str, options: list[tuple[str, str]]) -> None:
        w = QComboBox()
        for value, text in options:
            w.addItem(text, value)
        w.setCurrentIndex(max(0, w.findData(self.s.get(key))))
        self._add(form, key, label, w)

    # ---- values -------------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """The values shown that the agent may change (head office's are left out)."""
        out: dict[str, Any] = {}
        for key, w in self.fields.items():
            if self._locked(key):
                continue
            if isinstance(w, QLineEdit):
                out[key] = w.text().strip()
            elif isinstance(w, QComboBox):
                out[key] = w.currentData()
            elif isinstance(w, QSpinBox):
                out[key] = w.value()
            elif isinstance(w, QCheckBox):
                out[key] = w.isChecked()
        return out

    def problems(self) -> list[tuple[str, str]]:
        """(field, message) for what must be fixed before saving."""
        v = self.values()
        out = []
        staff = v.get("agent.staff_id", self.s.get("agent.staff_id"))
        if not staff:
            out.append(("agent.staff_id", self.tr("Enter your staff number: every change you record names it.")))
        elif not STAFF_ID.match(staff):
            out.append(("agent.staff_id", self.tr("A staff number is 1–20 letters or digits (no spaces).")))
        if not v.get("org.name", self.s.get("org.name")):
            out.append(("org.name", self.tr("Enter your institution: the scripts and the complaint form use it.")))
        return out

    def accept(self) -> None:
        problems = self.problems()
        if problems:
            self.errorLabel.setText("\n".join(msg for _f, msg in problems))
            self.errorLabel.setVisible(True)
            w = self.fields.get(problems[0][0])
            if w is not None:
                w.setFocus()
            return
        super().accept()

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(self.focusWidget(), QComboBox):
            self.accept()
            return
        super().keyPressEvent(event)
