"""Small shared widget builders."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLayout, QWidget


def info_label(parent: QWidget, layout: QLayout, name: str, style: str = "") -> QLabel:
    """A wrapped, selectable, plain-text label added to ``layout``."""
    lab = QLabel(parent)
    lab.setObjectName(name)
    lab.setWordWrap(True)
    lab.setTextFormat(Qt.TextFormat.PlainText)
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if style:
        lab.setStyleSheet(style)
    layout.addWidget(lab)
    return lab
