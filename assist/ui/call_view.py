"""The call page: layout only. CallController wires the behaviour and sets every text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from assist.ui.privacy_notice import PrivacyNoticeLabel
from assist.ui.widgets import SmartTextEdit


def _list(parent: QWidget, name: str) -> QListWidget:
    w = QListWidget(parent)
    w.setObjectName(name)
    w.setWordWrap(True)
    w.setUniformItemSizes(False)
    w.setTextElideMode(Qt.TextElideMode.ElideNone)
    # wrap long script lines inside the narrow panel instead of scrolling sideways
    w.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    w.setResizeMode(QListWidget.ResizeMode.Adjust)
    return w


class CallView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callPage")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.setSpacing(4)

        top = QHBoxLayout()
        self.callTypeBox = QComboBox(self)
        self.callTypeBox.setObjectName("callTypeBox")
        top.addWidget(self.callTypeBox, 1)
        self.callStartButton = QPushButton(self)
        self.callStartButton.setObjectName("callStartButton")
        top.addWidget(self.callStartButton)
        self.endCallButton = QPushButton(self)
        self.endCallButton.setObjectName("endCallButton")
        top.addWidget(self.endCallButton)
        outer.addLayout(top)

        self.callInfoLabel = QLabel(self)
        self.callInfoLabel.setObjectName("callInfoLabel")
        self.callInfoLabel.setWordWrap(True)
        outer.addWidget(self.callInfoLabel)
        self.complaintLinkLabel = QLabel(self)   # the complaint linked to this call: ticket and due date
        self.complaintLinkLabel.setObjectName("complaintLinkLabel")
        self.complaintLinkLabel.setWordWrap(True)
        self.complaintLinkLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.complaintLinkLabel.setStyleSheet("background:#e8f5e9;color:#1b5e20;padding:2px")
        self.complaintLinkLabel.setVisible(False)
        outer.addWidget(self.complaintLinkLabel)

        stages = QHBoxLayout()
        self.prevStageButton = QToolButton(self)
        self.prevStageButton.setObjectName("prevStageButton")
        self.prevStageButton.setText("◀")
        stages.addWidget(self.prevStageButton)
        self.stageLabel = QLabel(self)
        self.stageLabel.setObjectName("stageLabel")
        self.stageLabel.setTextFormat(Qt.TextFormat.RichText)
        self.stageLabel.setWordWrap(True)
        self.stageLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        stages.addWidget(self.stageLabel, 1)
        self.nextStageButton = QToolButton(self)
        self.nextStageButton.setObjectName("nextStageButton")
        self.nextStageButton.setText("▶")
        stages.addWidget(self.nextStageButton)
        outer.addLayout(stages)

        self.checklistView = _list(self, "checklistView")
        self.checklistView.setMaximumHeight(150)
        outer.addWidget(self.checklistView)

        self.gateLabel = QLabel(self)
        self.gateLabel.setObjectName("gateLabel")
        self.gateLabel.setWordWrap(True)
        self.gateLabel.setStyleSheet("background:#fdecea;color:#b71c1c;padding:3px")
        self.gateLabel.setVisible(False)
        outer.addWidget(self.gateLabel)
        gate = QHBoxLayout()
        self.overrideButton = QPushButton(self)
        self.overrideButton.setObjectName("overrideButton")
        self.overrideButton.setVisible(False)
        gate.addWidget(self.overrideButton)
        self.overrideReasonEdit = QLineEdit(self)
        self.overrideReasonEdit.setObjectName("overrideReasonEdit")
        self.overrideReasonEdit.setVisible(False)
        gate.addWidget(self.overrideReasonEdit, 1)
        outer.addLayout(gate)

        self.scriptsView = _list(self, "scriptsView")
        outer.addWidget(self.scriptsView, 2)
        self.promptBox = QWidget(self)
        self.promptBox.setObjectName("promptBox")
        self.promptLayout = QFormLayout(self.promptBox)
        self.promptLayout.setContentsMargins(0, 0, 0, 0)
        self.promptBox.setVisible(False)
        outer.addWidget(self.promptBox)
        self.copyScriptButton = QPushButton(self)
        self.copyScriptButton.setObjectName("copyScriptButton")
        outer.addWidget(self.copyScriptButton)
        self.complaintFormButton = QPushButton(self)  # shown on complaint calls
        self.complaintFormButton.setObjectName("complaintFormButton")
        self.complaintFormButton.setVisible(False)
        outer.addWidget(self.complaintFormButton)
        self.statusLabel = QLabel(self)
        self.statusLabel.setObjectName("callStatusLabel")
        self.statusLabel.setWordWrap(True)
        outer.addWidget(self.statusLabel)

        self.notesEdit = SmartTextEdit(self)
        self.notesEdit.setObjectName("notesEdit")
        self.notesEdit.setMaximumHeight(120)
        outer.addWidget(self.notesEdit, 1)
        self.lintLabel = QLabel(self)
        self.lintLabel.setObjectName("lintLabel")
        self.lintLabel.setWordWrap(True)
        self.lintLabel.setVisible(False)
        outer.addWidget(self.lintLabel)
        self.privacyNoticeLabel = PrivacyNoticeLabel(self)
        self.privacyNoticeLabel.setObjectName("privacyNoticeLabel")
        outer.addWidget(self.privacyNoticeLabel)

        self.missingLabel = QLabel(self)
        self.missingLabel.setObjectName("missingLabel")
        self.missingLabel.setWordWrap(True)
        self.missingLabel.setStyleSheet("color:#b71c1c;font-weight:bold")
        self.missingLabel.setVisible(False)
        outer.addWidget(self.missingLabel)
        self.missingDisclosuresView = _list(self, "missingDisclosuresView")
        self.missingDisclosuresView.setMaximumHeight(110)
        self.missingDisclosuresView.setVisible(False)
        outer.addWidget(self.missingDisclosuresView)

        ctx = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.actNextStage = QAction(self)
        self.actNextStage.setShortcut(QKeySequence("Ctrl+Right"))
        self.actPrevStage = QAction(self)
        self.actPrevStage.setShortcut(QKeySequence("Ctrl+Left"))
        self.actCopyScript = QAction(self)
        self.actCopyScript.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter"), QKeySequence("Ctrl+Shift+C")])
        for a in (self.actNextStage, self.actPrevStage, self.actCopyScript):
            a.setShortcutContext(ctx)
            self.addAction(a)

        self.setTabOrder(self.callTypeBox, self.callStartButton)
        self.setTabOrder(self.callStartButton, self.endCallButton)
        self.setTabOrder(self.endCallButton, self.checklistView)
        self.setTabOrder(self.checklistView, self.scriptsView)
        self.setTabOrder(self.scriptsView, self.copyScriptButton)
        self.setTabOrder(self.copyScriptButton, self.notesEdit)

    # layout helpers for the inline placeholder prompts (the controller decides what to ask)
    def clear_prompts(self) -> None:
        while self.promptLayout.rowCount():
            row = self.promptLayout.takeRow(0)  # deleteLater: a prompt may be inside its own signal
            for item in (row.labelItem, row.fieldItem):
                if item is not None and item.widget() is not None:
                    item.widget().hide()
                    item.widget().setObjectName("")
                    item.widget().deleteLater()
        self.promptBox.setVisible(False)

    def add_prompt(self, label: str, choices: tuple[str, ...] = ()) -> QWidget:
        if choices:
            w: QWidget = QComboBox(self.promptBox)
        else:
            w = QLineEdit(self.promptBox)
        w.setObjectName("prompt_" + label)
        self.promptLayout.addRow(label, w)
        self.promptBox.setVisible(True)
        return w
