"""The complaint intake form (投诉受理登记): layout only. ComplaintController wires it.

Every field widget is in ``fields`` (form field name -> widget) with a stable objectName
(``complainantTypeBox``, ``requestEdit``, ``factsEdit`` …), a label in ``labels`` and an
error label in ``errors`` (``<name>Error``) right under it. The rows sit in folding sections
(``sections``: 受理信息, 投诉人, 被投诉与分类, 诉求与事实, 重大投诉与时限; ``core.complaints.form.
FORM_SECTIONS``): a header folds with Space/Enter, Alt+1…Alt+5 go to a section. The mouse wheel
scrolls the form, never an unfocused combo box, list or text area (:class:`WheelGuard`).
Actions: ``actNewComplaint`` (Ctrl+N; the panel adds it to its window so it works panel-wide),
``actSave`` (Ctrl+S), ``actCancel`` (Esc).
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assist.core.complaints.form import FORM_ORDER, FORM_SECTIONS
from assist.ui.complaint_fold import FoldSection, WheelGuard
from assist.ui.widgets.labels import MaskedCopy, info_label

# the shared free-text field (live lint + live PII masking); never a plain fallback
from assist.ui.widgets.textfield import SmartTextEdit as FreeTextEdit

COMBOS = ("complainant_type", "source", "id_doc_type", "channel_A", "business_B", "business_B_sub", "reason_C",
          "ins_issue", "ins_line")
CHECKS = ("poa_received", "heir_proof_received", "conflict_of_interest", "in_person", "regulator_designated")
TEXTS = ("request", "facts", "basis")
LISTS = ("demand_D",)
# Form order = Tab order = the order errors are looked at for the first one (core: the sections).
ORDER = FORM_ORDER
SECTIONS = FORM_SECTIONS
_SUFFIX = {**{f: "Box" for f in COMBOS}, **{f: "Check" for f in CHECKS}, **{f: "List" for f in LISTS}}


def _camel(field: str) -> str:
    head, *rest = field.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def object_name(field: str) -> str:
    return _camel(field) + _SUFFIX.get(field, "Edit")


class _CheckLabel(QLabel):
    """A check box's text beside it, wrapping; a click on it ticks the box, as on a box's own text."""

    def mousePressEvent(self, event) -> None:
        box = self.buddy()
        if isinstance(box, QCheckBox) and event.button() == Qt.MouseButton.LeftButton:
            box.toggle()
            box.setFocus(Qt.FocusReason.MouseFocusReason)
        else:
            super().mousePressEvent(event)


class ComplaintView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complaintForm")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        self.titleLabel = self._label("titleLabel", outer, "font-weight:bold")
        self.noticeLabel = self._label("privacyNoticeLabel", outer, "background:#fff8e1;color:#6d4c00;padding:3px")
        self.heldLabel = self._label("heldLabel", outer, "color:#555")
        self.scrollArea = QScrollArea(self)
        self.scrollArea.setObjectName("complaintScroll")
        self.scrollArea.setWidgetResizable(True)
        self.scrollArea.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body = QWidget()
        body.setObjectName("complaintFormBody")
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 4, 0)
        column.setSpacing(4)
        self.fields: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self.sections: dict[str, FoldSection] = {}
        self.section_of: dict[str, str] = {}
        for key, fields in SECTIONS:
            sec = FoldSection(key + "Section", body)
            rows = QVBoxLayout(sec.body)   # a label over its field, the full width (long labels wrap)
            rows.setContentsMargins(4, 2, 0, 6)
            rows.setSpacing(6)
            self.sections[key] = sec
            for f in fields:
                self.section_of[f] = key
                self._add_row(f, sec.body)
            column.addWidget(sec)
        column.addStretch(1)
        self.scrollArea.setWidget(body)
        outer.addWidget(self.scrollArea, 1)
        self.wheelGuard = WheelGuard(self.scrollArea)
        self.wheelGuard.guard(w for f, w in self.fields.items() if f in COMBOS or f in TEXTS or f in LISTS)

        self.riskLabel = self._label("riskLabel", outer, "padding:3px")
        esc = QHBoxLayout()
        self.escalationLabel = QLabel(self)
        self.escalationLabel.setObjectName("escalationLabel")
        self.escalationLabel.setWordWrap(True)
        self.escalationLabel.setStyleSheet("background:#ffebee;color:#b71c1c;padding:3px")
        self.escalateButton = QPushButton(self)
        self.escalateButton.setObjectName("escalateButton")
        esc.addWidget(self.escalationLabel, 1)
        esc.addWidget(self.escalateButton)
        outer.addLayout(esc)
        self.duePreviewLabel = self._label("duePreviewLabel", outer, "color:#1b5e20")
        self.statusLabel = self._label("complaintStatusLabel", outer, "")
        self.ticketLabel = self._label("ticketLabel", outer, "font-weight:bold")
        self.deadlineLabel = self._label("deadlineLabel", outer, "")
        buttons = QHBoxLayout()
        self.saveComplaintButton = QPushButton(self)
        self.saveComplaintButton.setObjectName("saveComplaintButton")
        self.saveComplaintButton.setDefault(False)
        self.cancelComplaintButton = QPushButton(self)
        self.cancelComplaintButton.setObjectName("cancelComplaintButton")
        buttons.addWidget(self.saveComplaintButton, 1)
        buttons.addWidget(self.cancelComplaintButton)
        outer.addLayout(buttons)
        self.remindersLabel = self._label("remindersLabel", outer, "background:#fff8e1;color:#6d4c00;padding:3px")
        for w in (self.riskLabel, self.escalationLabel, self.escalateButton, self.ticketLabel, self.deadlineLabel,
                  self.statusLabel, self.noticeLabel, self.heldLabel, self.duePreviewLabel, self.remindersLabel):
            w.setVisible(False)

        self.actNewComplaint = QAction(self)
        self.actNewComplaint.setObjectName("actNewComplaint")
        self.actNewComplaint.setShortcut(QKeySequence("Ctrl+N"))
        self.actNewComplaint.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.actSave = QAction(self)
        self.actSave.setObjectName("actSaveComplaint")
        self.actSave.setShortcut(QKeySequence("Ctrl+S"))
        self.actCancel = QAction(self)
        self.actCancel.setObjectName("actCancelComplaint")
        self.actCancel.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.sectionActions: dict[str, QAction] = {}
        for n, (key, _fields) in enumerate(SECTIONS, 1):
            act = QAction(self)
            act.setObjectName(f"actGoTo{key[:1].upper()}{key[1:]}Section")
            act.setShortcut(QKeySequence(f"Alt+{n}"))
            act.triggered.connect(lambda _c=False, key=key: self.go_to_section(key))
            self.sectionActions[key] = act
        for a in (self.actSave, self.actCancel, *self.sectionActions.values()):
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(a)
        self._tab_order()

    def _label(self, name: str, layout, style: str) -> QLabel:
        return info_label(self, layout, name, style)

    def _add_row(self, f: str, body: QWidget) -> None:
        w: QWidget
        if f in COMBOS:
            w = combo = QComboBox(body)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)   # a long class name never widens the form past 400 px (the list shows it whole)
        elif f in CHECKS:
            w = QCheckBox(body)
        elif f in TEXTS:
            w = FreeTextEdit(body)
            w.setTabChangesFocus(True)
            w.setMinimumHeight(56)
            w.setMaximumHeight(110)
        elif f in LISTS:
            w = QListWidget(body)
            w.setMaximumHeight(110)
        else:
            w = QLineEdit(body)
            MaskedCopy.install(w)  # names, ID and phone numbers: a copy is masked like everywhere else
        w.setObjectName(object_name(f))
        w.setProperty("formField", f)
        box = QWidget(body)   # the row: label, field, error
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(1)
        lab = _CheckLabel(box) if f in CHECKS else QLabel(box)
        lab.setBuddy(w)
        lab.setWordWrap(True)
        if f in CHECKS:   # [☐] then its (wrapping) text: a long check text never widens the form
            line = QHBoxLayout()
            line.addWidget(w, 0, Qt.AlignmentFlag.AlignTop)
            line.addWidget(lab, 1)
            v.addLayout(line)
        else:
            v.addWidget(lab)
            v.addWidget(w)
        err = QLabel(box)
        err.setObjectName(_camel(f) + "Error")
        err.setWordWrap(True)
        err.setStyleSheet("color:#b71c1c")
        err.setVisible(False)
        v.addWidget(err)
        _layout(body).addWidget(box)
        self.fields[f], self.labels[f], self.errors[f] = w, lab, err

    def _tab_order(self) -> None:
        chain: list[QWidget] = []
        for key, fields in SECTIONS:
            chain += [self.sections[key].header, *(self.fields[f] for f in fields)]
        chain += [self.escalateButton, self.saveComplaintButton, self.cancelComplaintButton]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

    def retranslate(self) -> None:
        names = {
            "complainant_type": self.tr("Complainant type"), "agent_id": self.tr("Agent ID"),
            "org_unit": self.tr("Receiving unit"), "received_at": self.tr("Received at (YYYY-MM-DD HH:MM)"),
            "source": self.tr("Source"), "regulator_ref": self.tr("Regulator referral number"),
            "documents_due_date": self.tr("Documents due by (YYYY-MM-DD; Art 14: the complaint is accepted now)"),
            "handler": self.tr("Handler (no direct interest in the matter, Art 17)"),
            "conflict_of_interest": self.tr("I have an interest in this matter: someone else handles it (Art 17)"),
            "business_B_sub": self.tr("Sub-category"), "ins_issue": self.tr("Insurance issue"),
            "ins_line": self.tr("Insurance line"),
            "people_count": self.tr("Number of complainants (Art 29)"),
            "in_person": self.tr("Complaining in person (Art 29)"),
            "arising_event": self.tr("Disaster, accident or public-health event it arises from (Art 29)"),
            "regulator_designated": self.tr("Designated major by the regulator (Art 29)"),
            "agreed_due_date": self.tr("Reply date agreed with the customer (YYYY-MM-DD, Art 21)"),
            "agreement_evidence_ref": self.tr("Evidence of the agreement (recording id, SMS)"),
            "complainant_name": self.tr("Complainant name"), "id_doc_type": self.tr("ID document type"),
            "id_doc_no": self.tr("ID number"), "contact_phone": self.tr("Callback phone"),
            "contact_address": self.tr("Contact address"), "relationship": self.tr("Relationship to the consumer"),
            "agent_name": self.tr("Representative name"), "agent_id_no": self.tr("Representative ID number"),
            "agent_phone": self.tr("Representative phone"), "poa_received": self.tr("Power of attorney received"),
            "deceased_name": self.tr("Name of the deceased"), "heir_proof_received": self.tr("Proof of inheritance received"),
            "org_name": self.tr("Organisation name"), "org_uscc": self.tr("Unified social credit code"),
            "org_address": self.tr("Organisation address"), "legal_rep_name": self.tr("Legal representative"),
            "legal_rep_id_no": self.tr("Legal representative ID number"), "legal_rep_phone": self.tr("Legal representative phone"),
            "respondent_org": self.tr("Institution complained about"), "respondent_staff": self.tr("Staff complained about"),
            "respondent_staff_unit": self.tr("Staff member's unit"), "request": self.tr("Request (投诉请求)"),
            "facts": self.tr("Main facts (主要事实)"), "basis": self.tr("Basis (相关依据)"),
            "channel_A": self.tr("Channel (A)"), "business_B": self.tr("Business category (B)"),
            "reason_C": self.tr("Reason (C)"), "demand_D": self.tr("Demands (D): Space ticks"),
            "amount_involved": self.tr("Amount involved (CNY)"), "product_name": self.tr("Product"),
        }
        self.names = names
        self.section_titles = {"intake": self.tr("Intake"), "complainant": self.tr("Complainant"),
                               "respondent": self.tr("Respondent and classification"),
                               "request": self.tr("Request and facts"), "major": self.tr("Major complaint and deadline")}
        for n, (key, _fields) in enumerate(SECTIONS, 1):
            self.sections[key].set_title(self.section_titles[key])
            self.sectionActions[key].setText(self.tr("Go to section {n}: {title}").format(n=n, title=self.section_titles[key]))
        for f, w in self.fields.items():
            w.setAccessibleName(names[f])
        self.titleLabel.setText(self.tr("New complaint (Ctrl+S saves, Esc leaves; the draft is kept)"))
        self.saveComplaintButton.setText(self.tr("Save complaint (Ctrl+S)"))
        self.saveComplaintButton.setAccessibleName(self.tr("Save complaint"))
        self.cancelComplaintButton.setText(self.tr("Cancel (Esc)"))
        self.cancelComplaintButton.setAccessibleName(self.tr("Cancel complaint entry"))
        self.escalateButton.setText(self.tr("Open card"))
        self.escalateButton.setAccessibleName(self.tr("Open the escalation card"))
        self.riskLabel.setAccessibleName(self.tr("Risk assessment"))
        self.ticketLabel.setAccessibleName(self.tr("Ticket number"))
        self.deadlineLabel.setAccessibleName(self.tr("Deadline"))
        self.duePreviewLabel.setAccessibleName(self.tr("Reply due date"))
        self.remindersLabel.setAccessibleName(self.tr("Reminders"))
        self.actNewComplaint.setText(self.tr("New complaint"))
        self.actSave.setText(self.tr("Save complaint"))
        self.actCancel.setText(self.tr("Cancel complaint entry"))

    def set_label(self, field: str, text: str, required: bool) -> None:
        self.labels[field].setText(text + (" *" if required else ""))

    def set_row_visible(self, field: str, visible: bool) -> None:
        """Shown by the layout (a folded section keeps its rows' state); a section without a
        shown row is hidden, header included."""
        _row(self.fields[field]).setVisible(visible)
        key = self.section_of[field]
        self.sections[key].setVisible(any(self.row_visible(f) for f in dict(SECTIONS)[key]))

    def row_visible(self, field: str) -> bool:
        return not _row(self.fields[field]).isHidden()

    # ---- sections -----------------------------------------------------------------------
    def set_section_state(self, required: frozenset[str] | set[str]) -> None:
        """Each header says how many required fields are still empty, and while folded how many are filled."""
        for key, fields in SECTIONS:
            shown = [f for f in fields if self.row_visible(f)]
            filled = sum(1 for f in shown if self.value(f) not in ("", [], False, None))
            missing = sum(1 for f in shown if f in required and self.value(f) in ("", [], False, None))
            self.sections[key].set_title(self.section_titles[key],
                                         self.tr("{n} required empty").format(n=missing) if missing else "",
                                         self.tr("{n} filled").format(n=filled) if filled else "")

    def unfold_section_of(self, field: str) -> None:
        sec = self.sections[self.section_of[field]]
        if not sec.is_unfolded():
            sec.set_unfolded(True)
            _relayout(sec.body, self.scrollArea.widget())

    def go_to_section(self, key: str) -> None:
        """Alt+1…: unfold the section, show it at the top and focus its first shown field (else its header)."""
        sec = self.sections[key]
        if sec.isHidden():
            return
        sec.set_unfolded(True)
        _relayout(sec.body, self.scrollArea.widget())
        self.scrollArea.verticalScrollBar().setValue(sec.y())
        first = next((self.fields[f] for f in dict(SECTIONS)[key] if self.row_visible(f)), None)
        (first or sec.header).setFocus(Qt.FocusReason.ShortcutFocusReason)

    # ---- values (widget plumbing only) -------------------------------------------------
    def set_options(self, field: str, options: list[tuple[str, str]], blank: bool = True) -> None:
        w = self.fields[field]
        if isinstance(w, QListWidget):
            w.clear()
            for text, data in options:
                item = QListWidgetItem(text, w)
                item.setData(Qt.ItemDataRole.UserRole, data)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
            return
        assert isinstance(w, QComboBox), f"{field}: options need a list or a combo box"
        w.blockSignals(True)
        w.clear()
        if blank:
            w.addItem("", "")
        for text, data in options:
            w.addItem(text, data)
        w.blockSignals(False)

    def value(self, field: str):
        w = self.fields[field]
        if isinstance(w, QComboBox):
            return w.currentData() or ""
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QListWidget):
            return [w.item(i).data(Qt.ItemDataRole.UserRole) for i in range(w.count())
                    if w.item(i).checkState() == Qt.CheckState.Checked]
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        assert isinstance(w, QLineEdit), f"{field}: unexpected widget {type(w).__name__}"
        return w.text()

    def set_value(self, field: str, v) -> None:
        w = self.fields[field]
        if isinstance(w, QComboBox):
            i = w.findData(v if v is not None else "")
            w.setCurrentIndex(max(i, 0))
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(v))
        elif isinstance(w, QListWidget):
            chosen = set(v or [])
            for i in range(w.count()):
                it = w.item(i)
                it.setCheckState(Qt.CheckState.Checked if it.data(Qt.ItemDataRole.UserRole) in chosen else Qt.CheckState.Unchecked)
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(v or "")
        elif isinstance(w, QLineEdit):
            w.setText("" if v is None else str(v))

    def show_error(self, field: str, text: str) -> None:
        err = self.errors[field]
        err.setText(text)
        err.setVisible(bool(text))
        self.fields[field].setAccessibleDescription(text)

    def clear_errors(self) -> None:
        for f in self.errors:
            self.show_error(f, "")


def _layout(w: QWidget) -> QLayout:
    lay = w.layout()
    assert lay is not None, f"{w.objectName()} has no layout"
    return lay


def _row(field: QWidget) -> QWidget:
    """The widget holding a field's row (label, field, error)."""
    box = field.parentWidget()
    assert box is not None, f"{field.objectName()} is not in a row"
    return box


def _relayout(*widgets: QWidget | None) -> None:
    for w in widgets:
        lay = w.layout() if w is not None else None
        if lay is not None:
            lay.activate()
