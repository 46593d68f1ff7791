"""The complaint case view: layout only (``ComplaintCaseController`` in ``complaint_case.py`` wires it).

Shows one saved complaint (masked), its status, due date (and what it rests on) and days left
with D-3 / overdue / rule warnings, and its history; an action picker (``caseActionBox``: change
status, extend, pause, resume, repeat complaint, agreed reply date, documents received, handler,
major-complaint report) selects a page in ``caseActionStack``; ``caseLinkCallButton`` links the
complaint to the call in progress (a follow-up); ``caseApplyButton`` (or
Ctrl+Return) applies it; ``caseMessageLabel`` says what happened or why it was refused.
Esc (``actCaseBack``) goes back to the list. Every widget has a stable objectName.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QPushButton, QScrollArea,
    QStackedWidget, QVBoxLayout, QWidget,
)

from assist.ui.widgets.labels import info_label

ACTIONS = ("status", "extend", "pause", "resume", "repeat", "agree", "documents", "assign", "report")
REMEDIES = {"核查": "caseRemedyReviewCheck", "调解": "caseRemedyMediationCheck", "仲裁": "caseRemedyArbitrationCheck",
            "诉讼": "caseRemedyLitigationCheck"}


class ComplaintCaseView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complaintCase")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setObjectName("caseScroll")
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        v = QVBoxLayout(body)
        self.labels: dict[str, QLabel] = {}
        self.titleLabel = self._label(v, "caseTitleLabel", "font-weight:bold")
        self.dueLabel = self._label(v, "caseDueLabel")
        self.alertsLabel = self._label(v, "caseAlertsLabel", "color:#b71c1c")
        self.linkCallButton = QPushButton(body)
        self.linkCallButton.setObjectName("caseLinkCallButton")
        self.linkCallButton.setVisible(False)
        v.addWidget(self.linkCallButton)
        self.recordView = QPlainTextEdit(body)
        self.recordView.setObjectName("caseRecordView")
        self.recordView.setReadOnly(True)
        self.recordView.setMaximumHeight(150)
        v.addWidget(self.recordView)
        self.actionBox = QComboBox(body)
        self.actionBox.setObjectName("caseActionBox")
        v.addWidget(self.actionBox)
        self.actionStack = QStackedWidget(body)
        self.actionStack.setObjectName("caseActionStack")
        v.addWidget(self.actionStack)
        # change status
        self.statusForm = self._page()
        self.statusToBox = self._row(self.statusForm, "statusTo", QComboBox(), "caseStatusToBox")
        self.eventAtEdit = self._row(self.statusForm, "eventAt", QLineEdit(), "caseEventAtEdit")
        self.reasonEdit = self._row(self.statusForm, "reason", QLineEdit(), "caseReasonEdit")
        self.decisionEdit = self._row(self.statusForm, "decision", QLineEdit(), "caseDecisionEdit")
        self.basisEdit = self._row(self.statusForm, "basis", QLineEdit(), "caseBasisEdit")
        self.remedyChecks: dict[str, QCheckBox] = {}
        for r, name in REMEDIES.items():
            self.remedyChecks[r] = self._row(self.statusForm, name, QCheckBox(r), name)
        self.noticeMethodBox = self._row(self.statusForm, "noticeMethod", QComboBox(), "caseNoticeMethodBox")
        self.noticeSentAtEdit = self._row(self.statusForm, "noticeSentAt", QLineEdit(), "caseNoticeSentAtEdit")
        self.evidenceEdit = self._row(self.statusForm, "evidence", QLineEdit(), "caseEvidenceEdit")
        self.unreachableCheck = self._row(self.statusForm, "unreachable", QCheckBox(), "caseUnreachableCheck")
        self.reviewerEdit = self._row(self.statusForm, "reviewer", QLineEdit(), "caseReviewerEdit")
        self.reviewDecidedAtEdit = self._row(self.statusForm, "reviewDecidedAt", QLineEdit(), "caseReviewDecidedAtEdit")
        # extend
        f = self._page()
        self.extendDaysBox = self._row(f, "extendDays", QComboBox(), "caseExtendDaysBox")
        self.extendReasonEdit = self._row(f, "extendReason", QLineEdit(), "caseExtendReasonEdit")
        self.approverRoleBox = self._row(f, "approverRole", QComboBox(), "caseApproverRoleBox")
        self.approverNameEdit = self._row(f, "approverName", QLineEdit(), "caseApproverNameEdit")
        self.extensionNotifiedEdit = self._row(f, "extensionNotified", QLineEdit(), "caseExtensionNotifiedEdit")
        # pause
        f = self._page()
        self.pauseTypeBox = self._row(f, "pauseType", QComboBox(), "casePauseTypeBox")
        self.pauseBodyEdit = self._row(f, "pauseBody", QLineEdit(), "casePauseBodyEdit")
        self.pauseFromEdit = self._row(f, "pauseFrom", QLineEdit(), "casePauseFromEdit")
        self.pauseToEdit = self._row(f, "pauseTo", QLineEdit(), "casePauseToEdit")
        self.pauseNotifiedEdit = self._row(f, "pauseNotified", QLineEdit(), "casePauseNotifiedEdit")
        # resume
        f = self._page()
        self.resumeDateEdit = self._row(f, "resumeDate", QLineEdit(), "caseResumeDateEdit")
        # repeat complaint
        f = self._page()
        self.repeatReceivedEdit = self._row(f, "repeatReceived", QLineEdit(), "caseRepeatReceivedEdit")
        self.repeatNewFactsCheck = self._row(f, "repeatNewFacts", QCheckBox(), "caseRepeatNewFactsCheck")
        # agreed reply date (Art 21)
        f = self._page()
        self.agreedDateEdit = self._row(f, "agreedDate", QLineEdit(), "caseAgreedDateEdit")
        self.agreementEvidenceEdit = self._row(f, "agreementEvidence", QLineEdit(), "caseAgreementEvidenceEdit")
        self.agreedAtEdit = self._row(f, "agreedAt", QLineEdit(), "caseAgreedAtEdit")
        # documents received (Art 14)
        f = self._page()
        self.documentsReceivedEdit = self._row(f, "documentsReceived", QLineEdit(), "caseDocumentsReceivedEdit")
        # handler (Art 17)
        f = self._page()
        self.handlerEdit = self._row(f, "handler", QLineEdit(), "caseHandlerEdit")
        self.conflictCheck = self._row(f, "conflict", QCheckBox(), "caseConflictCheck")
        # report of a major complaint (Art 29)
        f = self._page()
        self.reportToEdit = self._row(f, "reportTo", QLineEdit(), "caseReportToEdit")
        self.reportAtEdit = self._row(f, "reportAt", QLineEdit(), "caseReportAtEdit")
        self.applyButton = QPushButton(body)
        self.applyButton.setObjectName("caseApplyButton")
        v.addWidget(self.applyButton)
        self.messageLabel = self._label(v, "caseMessageLabel")
        self.historyLabel = self._label(v, "caseHistoryLabel")
        self.historyView = QListWidget(body)
        self.historyView.setObjectName("caseHistoryView")
        self.historyView.setWordWrap(True)
        self.historyView.setMinimumHeight(160)
        v.addWidget(self.historyView, 1)
        self.backButton = QPushButton(body)
        self.backButton.setObjectName("caseBackButton")
        v.addWidget(self.backButton)
        self.actCaseBack = self._action("actCaseBack", "Esc")
        self.actCaseApply = self._action("actCaseApply", "Ctrl+Return")

    def _action(self, name: str, keys: str) -> QAction:
        act = QAction(self)
        act.setObjectName(name)
        act.setShortcut(QKeySequence(keys))
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(act)
        return act

    def _label(self, layout: QVBoxLayout, name: str, style: str = "") -> QLabel:
        return info_label(self, layout, name, style)

    def _page(self) -> QFormLayout:
        page = QWidget()
        page.setObjectName(f"casePage{self.actionStack.count()}")
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.actionStack.addWidget(page)
        return form

    def _row(self, form: QFormLayout, key: str, widget, name: str):
        widget.setObjectName(name)
        lab = QLabel()
        lab.setObjectName(name + "Label")
        lab.setBuddy(widget)
        form.addRow(lab, widget)
        self.labels[key] = lab
        return widget

    def set_row_visible(self, widget: QWidget, visible: bool) -> None:
        self.statusForm.setRowVisible(widget, visible)

    def retranslate(self) -> None:
        texts = {
            "statusTo": self.tr("New status"), "eventAt": self.tr("When (received / requested)"),
            "reason": self.tr("Reason"), "decision": self.tr("Decision"), "basis": self.tr("Basis and reasons"),
            "noticeMethod": self.tr("Notice method"), "noticeSentAt": self.tr("Notice sent at"),
            "evidence": self.tr("Notice evidence"), "unreachable": self.tr("Could not be reached"),
            "extendDays": self.tr("Extend to"), "approverRole": self.tr("Approved by"),
            "approverName": self.tr("Approver's name"), "extensionNotified": self.tr("Complainant told on"),
            "pauseType": self.tr("Pause for"), "pauseFrom": self.tr("Paused from"), "pauseTo": self.tr("Paused until"),
            "pauseNotified": self.tr("Complainant told on"), "resumeDate": self.tr("Resumed on"),
            "repeatReceived": self.tr("Repeat received on"), "repeatNewFacts": self.tr("Brings new facts or reasons"),
            "reviewer": self.tr("Reviewer at the superior institution (Art 20)"),
            "reviewDecidedAt": self.tr("Review decided on"),
            "extendReason": self.tr("Reason for the extension (Art 18)"),
            "pauseBody": self.tr("External body (appraiser, tester, valuer or mediation organisation)"),
            "agreedDate": self.tr("Reply date agreed with the customer"),
            "agreementEvidence": self.tr("Evidence of the agreement (recording id, SMS)"),
            "agreedAt": self.tr("Agreed on"), "documentsReceived": self.tr("Documents received on"),
            "handler": self.tr("Handler (staff id or name)"),
            "conflict": self.tr("The agent who took it has an interest in the matter"),
            "reportTo": self.tr("Reported to (e.g. head-office consumer protection)"), "reportAt": self.tr("Reported at"),
        }
        remedy = {"核查": self.tr("Told: review (核查)"), "调解": self.tr("Told: mediation (调解)"),
                  "仲裁": self.tr("Told: arbitration (仲裁)"), "诉讼": self.tr("Told: litigation (诉讼)")}
        for r, name in REMEDIES.items():
            texts[name] = remedy[r]
        for key, text in texts.items():
            self.labels[key].setText(text)
            self.labels[key].buddy().setAccessibleName(text)
        for e in (self.eventAtEdit, self.extensionNotifiedEdit, self.pauseFromEdit, self.pauseToEdit,
                  self.pauseNotifiedEdit, self.resumeDateEdit, self.repeatReceivedEdit, self.reviewDecidedAtEdit,
                  self.agreedDateEdit, self.agreedAtEdit, self.documentsReceivedEdit):
            e.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.noticeSentAtEdit.setPlaceholderText(self.tr("YYYY-MM-DD HH:MM"))
        self.reportAtEdit.setPlaceholderText(self.tr("YYYY-MM-DD HH:MM"))
        self.linkCallButton.setText(self.tr("Link to the call in progress (follow-up)"))
        self.linkCallButton.setAccessibleName(self.tr("Link this complaint to the call in progress"))
        self.recordView.setAccessibleName(self.tr("Complaint record (masked)"))
        self.actionBox.setAccessibleName(self.tr("Action"))
        self.actionStack.setAccessibleName(self.tr("Action details"))
        self.applyButton.setText(self.tr("Apply (Ctrl+Enter)"))
        self.applyButton.setAccessibleName(self.tr("Apply the action"))
        self.messageLabel.setAccessibleName(self.tr("Result"))
        self.alertsLabel.setAccessibleName(self.tr("Deadline warnings"))
        self.dueLabel.setAccessibleName(self.tr("Due date"))
        self.historyLabel.setText(self.tr("History"))
        self.historyView.setAccessibleName(self.tr("Complaint history"))
        self.backButton.setText(self.tr("← Back to my complaints (Esc)"))
        self.actCaseBack.setText(self.tr("Back to my complaints"))
        self.actCaseApply.setText(self.tr("Apply the action"))
