"""Small shared widget builders."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
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


class MaskedCopy(QObject):
    """Event filter for a QLineEdit holding personal data: Copy and Cut put the MASKED text on
    the clipboard (QLineEdit.copy is not overridable from Python), and the context menu, whose
    copy action would bypass this, is off. Install with ``MaskedCopy.install(line_edit)``."""

    @classmethod
    def install(cls, edit) -> MaskedCopy:
        f = cls(edit)
        edit.installEventFilter(f)
        edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        edit.setDragEnabled(False)
        return f

    def eventFilter(self, obj, event) -> bool:
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QGuiApplication, QKeySequence

        if event.type() not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        copy, cut = event.matches(QKeySequence.StandardKey.Copy), event.matches(QKeySequence.StandardKey.Cut)
        if not (copy or cut):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # handle it here, not as a window shortcut
            return True
        from assist.core.privacy import mask

        text = obj.selectedText()
        if text:
            QGuiApplication.clipboard().setText(mask(text))
            if cut and not obj.isReadOnly():
                obj.del_()
        return True
