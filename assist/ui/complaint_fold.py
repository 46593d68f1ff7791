"""Widgets shared by the complaint form and the case view (layout only).

- :class:`FoldSection`: a titled section that folds. Its header is a button in the Tab chain:
  Space or Enter folds and unfolds it, Left folds, Right unfolds.
- :class:`WheelGuard`: the mouse wheel scrolls the page. A combo box, list or text area the
  agent has not clicked into never takes the wheel (it would change a choice or scroll a box
  unnoticed); once focused it scrolls itself, as usual.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

HEADER_STYLE = ("QPushButton{text-align:left;font-weight:bold;padding:4px 6px;border:none;"
                "border-bottom:1px solid #cfd8dc;background:#eef2f5}"
                "QPushButton:focus{background:#d6eaf8;border-bottom:2px solid #1565c0}")


class FoldHeader(QPushButton):
    """The header button: Space/Enter toggle (Space as any button), Left folds, Right unfolds."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.toggle()
        elif key == Qt.Key.Key_Left and self.isChecked():
            self.setChecked(False)
        elif key == Qt.Key.Key_Right and not self.isChecked():
            self.setChecked(True)
        else:
            super().keyPressEvent(event)


class FoldSection(QWidget):
    toggled = Signal(bool)   # unfolded?

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(2)
        self.header = FoldHeader(self)
        self.header.setObjectName(name + "Header")
        self.header.setCheckable(True)
        self.header.setChecked(True)
        self.header.setAutoDefault(False)
        self.header.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)   # never widens the panel
        self.header.setStyleSheet(HEADER_STYLE)
        self.body = QWidget(self)
        self.body.setObjectName(name + "Body")
        v.addWidget(self.header)
        v.addWidget(self.body)
        self.title, self.note, self.folded_note = "", "", ""
        self.header.toggled.connect(self._toggled)

    def _toggled(self, unfolded: bool) -> None:
        self.body.setVisible(unfolded)
        self._show_title()
        self.toggled.emit(unfolded)

    def set_title(self, title: str, note: str = "", folded_note: str = "") -> None:
        """``note`` is always shown after the title (e.g. required fields left); ``folded_note``
        only while folded (e.g. how many fields are filled)."""
        self.title, self.note, self.folded_note = title, note, folded_note
        self._show_title()

    def _show_title(self) -> None:
        unfolded = self.is_unfolded()
        extra = [x for x in (self.note, "" if unfolded else self.folded_note) if x]
        self.header.setText(("▾ " if unfolded else "▸ ") + self.title + "".join(f" · {x}" for x in extra))
        self.header.setAccessibleName(self.title)
        self.header.setAccessibleDescription(" · ".join([self.tr("expanded") if unfolded else self.tr("collapsed"), *extra]))
        self.header.setToolTip(self.tr("Space or Enter folds and unfolds this section"))

    def is_unfolded(self) -> bool:
        return self.header.isChecked()

    def set_unfolded(self, unfolded: bool) -> None:
        self.header.setChecked(unfolded)


class WheelGuard(QObject):
    """Sends wheel events over an unfocused combo box, list or text area to the page's scroll bar."""

    def __init__(self, scroll: QScrollArea) -> None:
        super().__init__(scroll)
        self.scroll = scroll

    def guard(self, widgets: Iterable[QWidget]) -> None:
        for w in widgets:
            w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)   # a wheel never gives focus (combo boxes: WheelFocus)
            w.installEventFilter(self)
            if isinstance(w, QAbstractScrollArea):
                w.viewport().installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(obj, QWidget):
            return False
        parent = obj.parentWidget()
        owner = parent if isinstance(parent, QAbstractScrollArea) and parent.viewport() is obj else obj
        if owner is not None and owner.hasFocus():
            return False
        QApplication.sendEvent(self.scroll.verticalScrollBar(), event)
        return True
