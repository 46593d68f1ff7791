"""The complaint case view: layout only (``ComplaintCaseController`` in ``complaint_case.py`` wires it).

Shows one saved complaint for people: its ticket, status and level, the due date and days left
with D-3 / overdue / rule warnings, then labelled sections that fold (``show_sections``:
受理信息, 投诉人, 诉求与事实, 被投诉与分类, 时限, 答复与核查; built by
``core.complaints.casefile``), the actions (``caseActionBox``: change status, extend, pause,
resume, repeat complaint, agreed reply date, documents received, handler, major-complaint
report; ``caseApplyButton`` or Ctrl+Return applies, ``caseMessageLabel`` says what happened or
why it was refused) and 处理记录, one line per action (``caseHistoryView``).
``caseSavedLabel`` greets a complaint just saved from the form; ``caseLinkCallButton`` links
the complaint to the call in progress. Esc (``actCaseBack``) goes back to the list. Every
widget has a stable objectName; the wheel scrolls the page (``WheelGuard``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from assist.ui.complaint_fold import FoldSection, WheelGuard
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
        self.scrollArea = scroll = QScrollArea(self)
        scroll.setObjectName("caseScroll")
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer.addWidget(scroll)
        body = QWidget()
        body.setObjectName("caseBody")
        scroll.setWidget(body)
        v = QVBoxLayout(body)
        v.setSpacing(4)
        self.labels: dict[str, QLabel] = {}
        self.titleLabel = self._label(v, "caseTitleLabel", "font-weight:bold;font-size:110%")
        self.dueLabel = self._label(v, "caseDueLabel", "font-weight:bold")
        self.alertsLabel = self._label(v, "caseAlertsLabel", "color:#b71c1c")
        self.savedLabel = self._label(v, "caseSavedLabel", "background:#e8f5e9;color:#1b5e20;padding:3px")
        self.savedLabel.setVisible(False)
        self.linkCallButton = QPushButton(body)
        self.linkCallButton.setObjectName("caseLinkCallButton")
        self.linkCallButton.setVisible(False)
        v.addWidget(self.linkCallButton)
        self.sectionsBox = QVBoxLayout()
        self.sectionsBox.setSpacing(4)
        v.addLayout(self.sectionsBox)
        self.sections: dict[str, FoldSection] = {}
        self.section_rows: dict[str, list[tuple[str, QLabel, QLabel]]] = {}
        self.actionsSection = FoldSection("caseActionsSection", body)
        v.addWidget(self.actionsSection)
        av = QVBoxLayout(self.actionsSection.body)
        av.setContentsMargins(4, 2, 0, 4)
        self.actionBox = QComboBox(body)
        self.actionBox.setObjectName("caseActionBox")
        av.addWidget(self.actionBox)
        self.actionStack = QStackedWidget(body)
        self.actionStack.setObjectName("caseActionStack")
        av.addWidget(self.actionStack)
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
        self.actionStack.currentChanged.connect(self._fit_stack)
        self._fit_stack(0)
        self.applyButton = QPushButton(body)
        self.applyButton.setObjectName("caseApplyButton")
        av.addWidget(self.applyButton)
        self.messageLabel = self._label(av, "caseMessageLabel")
        self.historySection = FoldSection("caseHistorySection", body)
        v.addWidget(self.historySection)
        hv = QVBoxLayout(self.historySection.body)
        hv.setContentsMargins(4, 2, 0, 4)
        self.historyView = QListWidget(body)
        self.historyView.setObjectName("caseHistoryView")
        self.historyView.setWordWrap(True)
        self.historyView.setMinimumHeight(160)
        hv.addWidget(self.historyView, 1)
        v.addStretch(1)
        self.backButton = QPushButton(self)
        self.backButton.setObjectName("caseBackButton")
        outer.addWidget(self.backButton)
        self.actCaseBack = self._action("actCaseBack", "Esc")
        self.actCaseApply = self._action("actCaseApply", "Ctrl+Return")
        for box in self.findChildren(QComboBox):   # long choices never widen the panel past 400 px
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(12)
        self.wheelGuard = WheelGuard(scroll)
        self.wheelGuard.guard({self.historyView, *self.findChildren(QComboBox)})

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

    def _fit_stack(self, index: int) -> None:
        """The action area is as tall as the action shown (not the tallest one): no gap at 400 px."""
        for i in range(self.actionStack.count()):
            pol = QSizePolicy.Policy.Preferred if i == index else QSizePolicy.Policy.Ignored
            page = self.actionStack.widget(i)
            if page is not None:
                page.setSizePolicy(pol, pol)
        self.actionStack.adjustSize()

    # ---- the record, in sections ----------------------------------------------------
    def show_sections(self, sections: list[tuple[str, str, list[tuple[str, str, str]]]]) -> None:
        """``[(key, title, [(field, label, value)])]`` in order; a section keeps its fold state
        from one complaint to the next; one not given is hidden."""
        for key, title, rows in sections:
            sec = self.sections.get(key) or self._new_section(key)
            form = sec.body.layout()
            assert isinstance(form, QFormLayout)
            while form.rowCount():
                form.removeRow(0)
            self.section_rows[key] = []
            for field, text, value in rows:
                lab, val = QLabel(text, sec.body), QLabel(value, sec.body)
                lab.setObjectName(f"case_{field}_label")
                lab.setStyleSheet("color:#546e7a")
                lab.setWordWrap(True)
                val.setObjectName(f"case_{field}_value")
                for w in (lab, val):
                    w.setTextFormat(Qt.TextFormat.PlainText)
                    w.setWordWrap(True)
                val.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                val.setAccessibleName(text)
                form.addRow(lab, val)
                self.section_rows[key].append((field, lab, val))
            sec.set_title(title)
            sec.setVisible(True)
        given = {key for key, _t, _r in sections}
        for key, sec in self.sections.items():
            if key not in given:
                sec.setVisible(False)

    def _new_section(self, key: str) -> FoldSection:
        sec = FoldSection(f"case{key[:1].upper()}{key[1:]}Section")
        form = QFormLayout(sec.body)
        form.setContentsMargins(4, 2, 0, 4)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        previous = list(self.sections.values())[-1].header if self.sections else self.linkCallButton
        self.sectionsBox.addWidget(sec)
        self.sections[key] = sec
        QWidget.setTabOrder(previous, sec.header)   # headers in page order, before the actions
        return sec

    def section_text(self, key: str) -> str:
        """One section as ``label: value`` lines (tests, and what a screen reader is given)."""
        return "\n".join(f"{lab.text()}: {val.text()}" for _f, lab, val in self.section_rows.get(key, []))

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
        self.actionBox.setAccessibleName(self.tr("Action"))
        self.actionStack.setAccessibleName(self.tr("Action details"))
        self.applyButton.setText(self.tr("Apply (Ctrl+Enter)"))
        self.applyButton.setAccessibleName(self.tr("Apply the action"))
        self.messageLabel.setAccessibleName(self.tr("Result"))
        self.alertsLabel.setAccessibleName(self.tr("Deadline warnings"))
        self.dueLabel.setAccessibleName(self.tr("Due date"))
        self.actionsSection.set_title(self.tr("Take an action"))
        self.historySection.set_title(self.tr("Handling record"))
        self.historyView.setAccessibleName(self.tr("Handling record: one line per action"))
        self.savedLabel.setAccessibleName(self.tr("Saved"))
        self.backButton.setText(self.tr("← Back to my complaints (Esc)"))
        self.actCaseBack.setText(self.tr("Back to my complaints"))
        self.actCaseApply.setText(self.tr("Apply the action"))
