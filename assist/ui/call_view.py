"""The call page: layout only. CallController wires the behaviour and sets every text."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QPalette
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

from assist.ui.call_delegate import SELECTED_BG, ElidedLabel, FitList, ScriptDelegate
from assist.ui.privacy_notice import PrivacyNoticeLabel
from assist.ui.widgets import SmartTextEdit


def _list(parent: QWidget, name: str, cls: type[QListWidget] = QListWidget) -> QListWidget:
    w = cls(parent)
    w.setObjectName(name)
    w.setWordWrap(True)
    w.setUniformItemSizes(False)
    w.setTextElideMode(Qt.TextElideMode.ElideNone)
    # wrap long script lines inside the narrow panel instead of scrolling sideways
    w.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    w.setResizeMode(QListWidget.ResizeMode.Adjust)
    w.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
    return w


class StatusLabel(QLabel):
    """A one-line message that takes no room while it is empty."""

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))


class CallView(QWidget):
    """The call tab, for a 400 px panel beside a softphone: call type, direction, start and end in
    one row; the stages; the stage's checklist one line per item; the scripts of the stage (the
    most room); one line for the scripts behind the identity gate; the disclosures due and not
    said yet; copy and complaint form in one row; two lines of notes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callPage")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(2, 3, 2, 2)
        outer.setSpacing(3)

        top = QHBoxLayout()
        self.callTypeBox = QComboBox(self)
        self.callTypeBox.setObjectName("callTypeBox")
        self.callTypeBox.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.callTypeBox.setMinimumContentsLength(6)
        top.addWidget(self.callTypeBox, 1)
        self.directionBox = QComboBox(self)        # 呼入 / 外呼: picks the opening scripts
        self.directionBox.setObjectName("directionBox")
        top.addWidget(self.directionBox)
        self.callStartButton = QPushButton(self)
        self.callStartButton.setObjectName("callStartButton")
        top.addWidget(self.callStartButton)
        self.endCallButton = QPushButton(self)
        self.endCallButton.setObjectName("endCallButton")
        top.addWidget(self.endCallButton)
        outer.addLayout(top)

        self.callInfoLabel = StatusLabel(self)     # only without a call: the panel's header shows the call
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

        self.checklistView = _list(self, "checklistView", FitList)   # one line per item, no empty box
        pal = self.checklistView.palette()   # the current item on a light band: the label stays readable
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            pal.setColor(group, QPalette.ColorRole.Highlight, SELECTED_BG)
            pal.setColor(group, QPalette.ColorRole.HighlightedText, pal.color(QPalette.ColorRole.Text))
        self.checklistView.setPalette(pal)
        outer.addWidget(self.checklistView)

        self.scriptsView = _list(self, "scriptsView")
        self.scriptsView.setItemDelegate(ScriptDelegate(self.scriptsView))
        self.scriptsView.setMinimumHeight(120)
        outer.addWidget(self.scriptsView, 1)

        gate = QHBoxLayout()   # ONE line for every script behind the identity gate
        self.gateLabel = ElidedLabel(self)
        self.gateLabel.setObjectName("gateLabel")
        self.gateLabel.setStyleSheet("background:#fdecea;color:#b71c1c;padding:2px 4px")
        self.gateLabel.setVisible(False)
        gate.addWidget(self.gateLabel, 1)
        self.overrideButton = QToolButton(self)
        self.overrideButton.setObjectName("overrideButton")
        self.overrideButton.setVisible(False)
        gate.addWidget(self.overrideButton)
        outer.addLayout(gate)
        self.overrideReasonEdit = QLineEdit(self)
        self.overrideReasonEdit.setObjectName("overrideReasonEdit")
        self.overrideReasonEdit.setVisible(False)
        outer.addWidget(self.overrideReasonEdit)

        self.promptBox = QWidget(self)
        self.promptBox.setObjectName("promptBox")
        self.promptLayout = QFormLayout(self.promptBox)
        self.promptLayout.setContentsMargins(0, 0, 0, 0)
        self.promptBox.setVisible(False)
        outer.addWidget(self.promptBox)

        # the disclosures still owed: live during the call, the same list at its end
        self.missingLabel = QLabel(self)
        self.missingLabel.setObjectName("missingLabel")
        self.missingLabel.setWordWrap(True)
        self.missingLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.missingLabel.setStyleSheet("color:#b71c1c;font-weight:bold")
        self.missingLabel.setVisible(False)
        outer.addWidget(self.missingLabel)
        self.missingDisclosuresView = cast(FitList, _list(self, "missingDisclosuresView", FitList))
        self.missingDisclosuresView.max_rows = 3
        self.missingDisclosuresView.setStyleSheet("QListWidget{background:#fff8e1}")
        self.missingDisclosuresView.setVisible(False)
        outer.addWidget(self.missingDisclosuresView)

        buttons = QHBoxLayout()
        self.copyScriptButton = QPushButton(self)
        self.copyScriptButton.setObjectName("copyScriptButton")
        buttons.addWidget(self.copyScriptButton, 1)
        self.complaintFormButton = QPushButton(self)  # shown on complaint calls
        self.complaintFormButton.setObjectName("complaintFormButton")
        self.complaintFormButton.setVisible(False)
        buttons.addWidget(self.complaintFormButton, 1)
        outer.addLayout(buttons)
        self.statusLabel = StatusLabel(self)
        self.statusLabel.setObjectName("callStatusLabel")
        self.statusLabel.setWordWrap(True)
        self.statusLabel.setVisible(False)
        outer.addWidget(self.statusLabel)

        self.notesEdit = SmartTextEdit(self)
        self.notesEdit.setObjectName("notesEdit")
        self.notesEdit.setFixedHeight(self.notesEdit.fontMetrics().lineSpacing() * 2 + 12)
        outer.addWidget(self.notesEdit)
        self.lintLabel = QLabel(self)
        self.lintLabel.setObjectName("lintLabel")
        self.lintLabel.setWordWrap(True)
        self.lintLabel.setVisible(False)
        outer.addWidget(self.lintLabel)
        self.privacyNoticeLabel = PrivacyNoticeLabel(self)
        self.privacyNoticeLabel.setObjectName("privacyNoticeLabel")
        outer.addWidget(self.privacyNoticeLabel)

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

        self.setTabOrder(self.callTypeBox, self.directionBox)
        self.setTabOrder(self.directionBox, self.callStartButton)
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
                w = item.widget() if item is not None else None
                if w is not None:
                    w.hide()
                    w.setObjectName("")
                    w.deleteLater()
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
