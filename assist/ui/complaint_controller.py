"""ComplaintController: wires the complaint form to the complaint core. No business rules here:
the form's layout (rows shown and required per complainant type, source and institution type),
prefill, validation, risk, deadlines and storage are the core's (``assist.core.complaints``);
the taxonomy and the risk rules are those of the active KB (``services.kbs``), as for the CLI.

Mount it in the panel with :func:`assist.ui.complaint_mount.mount_complaints`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

import shiboken6
from PySide6.QtCore import QLocale, QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit, QListWidget, QMessageBox, QPlainTextEdit, QWidget

from assist.core.complaints import form as form_rules
from assist.core.complaints import repo
from assist.core.complaints.intake import IntakePolicy
from assist.core.complaints.model import ComplaintError
from assist.core.complaints.taxonomy import Taxonomy
from assist.core.complaints.tickets import device_id
from assist.services import KbHolder, SettingsLike
from assist.ui import complaint_form_parts as parts
from assist.ui.complaint_autosave import DraftKeeper, restore_prompt
from assist.ui.complaint_view import CHECKS, LISTS, ORDER, TEXTS, ComplaintView
from assist.ui.tasks import run_in_background

log = logging.getLogger("assist.complaints")
RISK_DEBOUNCE_MS = 250
DUE_FIELDS = frozenset({"received_at", "source", "agreed_due_date", "complainant_type", "poa_received",
                        "heir_proof_received", "documents_due_date"})


@dataclass
class ComplaintServices:
    lane: Any                                           # assist.core.storage.DbLane
    settings: SettingsLike
    kbs: KbHolder                                       # the active KB's taxonomy and risk rules
    clock: Callable[[], dt.datetime]
    cipher_factory: Callable[[], Any]                   # -> FieldCipher | None (no keyring)
    call_context_provider: Callable[[], dict | None]    # what the bank already holds for this call
    card_title: Callable[[str], str | None] | None = None   # KB card id -> title (escalation prompt)

    @property
    def taxonomy(self) -> Taxonomy:
        return self.kbs.current.taxonomy


class ComplaintController(QObject):
    showRequested = Signal()       # the panel shows the form page
    closed = Signal()              # Esc confirmed: the panel goes back (draft kept)
    saved = Signal(object)         # repo.Saved
    receiptChanged = Signal(str)   # the form's receipt time (the call page's {答复期限} before the save)
    escalationRequested = Signal(str)   # KB card id to open
    restoreOffered = Signal(int)   # number of drafts left by a dead panel

    def __init__(self, view: ComplaintView, services: ComplaintServices):
        super().__init__(view)
        self.view, self.s = view, services
        try:
            self.cipher = services.cipher_factory()
        except Exception as exc:  # noqa: BLE001 - a broken keyring means masked-only, said aloud
            log.warning("keyring unusable", extra={"fields": {"error": type(exc).__name__}})
            self.cipher = None
        self.drafts = DraftKeeper(services.lane, self.cipher, self.snapshot, self)
        self.confirm: Callable[[str, str], bool] = self._confirm_box
        self.restore_box: QMessageBox | None = None
        self.last_saved: Any = None
        self.saved_note = ""           # what the saved case shows first (ticket, keyring notice)
        self.held: dict[str, Any] = {}
        self.required: frozenset[str] = frozenset()
        self.topic: Any = None         # the business class the call topic suggested (core.complaints.topics)
        self.cursor_field = ""
        self._loading = False
        self._started = False
        self.preview = parts.FormPreview(view, services, self.form_data)
        self._risk_timer = QTimer(self)
        self._risk_timer.setSingleShot(True)
        self._risk_timer.setInterval(RISK_DEBOUNCE_MS)
        self._risk_timer.timeout.connect(self.update_risk)
        services.kbs.subscribe(self._kb_swapped)
        parts.fill_options(view, services.taxonomy)
        view.retranslate()
        self._wire()
        self.reset_form()

    def tr(self, text: str) -> str:  # type: ignore[override]
        return QApplication.translate("ComplaintController", text)

    # ---- set-up -------------------------------------------------------------------
    @property
    def policy(self) -> IntakePolicy:
        return IntakePolicy.from_settings(self.s.settings)

    def _sub_options(self) -> None:
        parts.fill_sub_options(self.view, self.s.taxonomy)

    def _wire(self) -> None:
        v = self.view
        for f, w in v.fields.items():
            if isinstance(w, QComboBox):
                w.currentIndexChanged.connect(lambda _i, f=f: self._edited(f))
            elif isinstance(w, QCheckBox):
                w.toggled.connect(lambda _b, f=f: self._edited(f))
            elif isinstance(w, QListWidget):
                w.itemChanged.connect(lambda _it, f=f: self._edited(f))
            elif isinstance(w, (QLineEdit, QPlainTextEdit)):
                w.textChanged.connect(lambda *_a, f=f: self._edited(f))
            if f in TEXTS and hasattr(w, "privacyNotice"):
                w.privacyNotice.connect(self._privacy_notice)
        cast(QApplication, QApplication.instance()).focusChanged.connect(self._focus_changed)
        v.actNewComplaint.triggered.connect(self.new_complaint)
        v.actSave.triggered.connect(self.save)
        v.saveComplaintButton.clicked.connect(self.save)
        v.actCancel.triggered.connect(self.cancel)
        v.cancelComplaintButton.clicked.connect(self.cancel)
        v.escalateButton.clicked.connect(self._escalate)
        self.drafts.offered.connect(self._offer_restore)
        self.drafts.restored.connect(self._restored)
        self.drafts.conflict.connect(lambda: self._status(self.tr("Another panel took over this draft; this form now autosaves as a new draft.")))
        self.drafts.failed.connect(lambda err: self._status(
            self.tr("Could not autosave the draft ({error}); keep the panel open and try saving.").format(error=err)))
        if self.cipher is None:
            self._notice(self.tr("No system keyring is available: the full callback number will not be stored (only its masked form), "
                                 "and drafts are stored masked."))

    # ---- form state ---------------------------------------------------------------
    def _lang_zh(self) -> bool:
        return QLocale().language() == QLocale.Language.Chinese

    def reset_form(self, context: dict | None = None) -> None:
        """Empty form, prefilled from the call context and settings (fields the bank holds); the
        business category from the call's topic, when the taxonomy's ``topics:`` name one."""
        data, self.held = form_rules.new_form(context or {}, self.policy, self.s.clock(), self.s.taxonomy)
        self.topic = form_rules.topic_business(context or {}, self.policy, self.s.taxonomy)
        self.load(data)
        self._started = False

    def load(self, data: dict[str, Any], held: list[str] | None = None) -> None:
        if held is not None:   # a restored draft: its own held values, and no call topic of this panel's
            self.held, self.topic = {f: data.get(f) for f in held if data.get(f)}, None
        self._loading = True
        try:
            for f in ORDER:
                if f == "business_B_sub":
                    self._sub_options()
                self.view.set_value(f, data.get(f, [] if f in LISTS else False if f in CHECKS else ""))
        finally:
            self._loading = False
        self.view.clear_errors()
        self._layout_for_type()
        self.update_risk()
        self.update_due()

    def form_data(self) -> dict[str, Any]:
        """What a save submits (the core decides which rows count: ``form.form_record``)."""
        return form_rules.form_record(ORDER, {f: self.view.value(f) for f in ORDER}, self.held, self.policy)

    def snapshot(self) -> tuple[dict[str, Any], str]:
        return {**self.form_data(), "_held": sorted(self.held)}, self.cursor_field

    def _layout_for_type(self) -> None:
        v = self.view
        layout = form_rules.form_layout(ORDER, {f: v.value(f) for f in ORDER}, self.held, self.policy)
        for f in ORDER:
            v.set_row_visible(f, layout.is_shown(f))
            text = v.names[f]
            if f == "complainant_name" and layout.name_is_contact:
                text = self.tr("Contact person name")
            elif f == "received_at" and layout.receipt_editable:
                text = self.tr("Received at (YYYY-MM-DD HH:MM: when the referral, letter or e-mail reached us)")
            v.set_label(f, text, f in layout.required)
        self.required = layout.required
        self._topic_hint()
        due = form_rules.documents_due_default(self.form_data(), self.policy)
        if due:
            self._loading, was = True, self._loading
            v.set_value("documents_due_date", due)
            self._loading = was
        for f in ("poa_received", "heir_proof_received"):
            v.fields[f].setToolTip(self.tr("Tick when the document has arrived. Without it the complaint is still accepted "
                                           "and its clock runs from receipt (Art 14); set when it is due below."))
        if layout.held:
            items = parts.held_text(layout.held, self._lang_zh())
            v.heldLabel.setText(self.tr("Already held by the bank (not asked again): {items}").format(items=items))
        v.heldLabel.setVisible(bool(layout.held))
        v.set_section_state(self.required)

    def _topic_hint(self) -> None:
        """Say so next to 业务类别 while it is the class the call's topic suggested."""
        v, t = self.view, self.topic
        from_topic = t is not None and v.value("business_B") == t.business_B
        text = v.names["business_B"] + (" " + self.tr("(from the call topic “{word}”: check it)").format(word=t.word) if from_topic else "")
        v.set_label("business_B", text, "business_B" in self.required)

    def _edited(self, field: str) -> None:
        if self._loading:
            return
        self._started = True
        if field == "business_B":
            self._loading = True
            self._sub_options()
            self._loading = False
            self._topic_hint()
        if field in form_rules.LAYOUT_FIELDS:
            self._layout_for_type()
        if field in TEXTS or field in parts.ART29:
            self._risk_timer.start()
        if field in DUE_FIELDS:
            self.update_due()
        if field in ("received_at", "source"):
            self.receiptChanged.emit(self.form_data().get("received_at") or "")
        if self.view.errors[field].isVisible():
            self.view.show_error(field, "")
        self.view.set_section_state(self.required)
        self.drafts.touch()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not shiboken6.isValid(self.view) or not self.view.isAncestorOf(new):
            return
        w: QWidget | None = new
        while w is not None and w is not self.view:
            f = w.property("formField")
            if f:
                self.cursor_field = str(f)
                return
            w = w.parentWidget()

    def focus_field(self, field: str) -> None:
        if field in self.view.fields:
            self.view.set_row_visible(field, True)
            self.view.unfold_section_of(field)
            w = self.view.fields[field]
            self.view.scrollArea.ensureWidgetVisible(w)
            self.view.window().activateWindow()
            w.setFocus()
            if isinstance(w, QPlainTextEdit):
                w.moveCursor(QTextCursor.MoveOperation.End)
            self.cursor_field = field

    # ---- commands -----------------------------------------------------------------
    def new_complaint(self) -> None:
        """Ctrl+N: show the form; a fresh one is prefilled from the current call."""
        if not self._started:
            self.reset_form(self.s.call_context_provider() or {})
            for lab in (self.view.ticketLabel, self.view.deadlineLabel, self.view.remindersLabel):
                lab.setVisible(False)   # the last save's: its case shows them
        self.showRequested.emit()
        self.view.show()
        first = self.cursor_field or next((f for f in ORDER if self.view.row_visible(f)), "complainant_type")
        self.focus_field(first)

    def cancel(self) -> None:
        """Esc: leave the form after confirmation; the draft stays (saved now if pending)."""
        if self._started and not self.confirm(self.tr("Leave the complaint form?"),
                                              self.tr("The draft is kept and offered again. Leave the form?")):
            return
        if self._started:
            self.drafts.save_now()
        self.closed.emit()

    def _confirm_box(self, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.view.window())
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def save(self) -> None:
        if getattr(self, "_saving", False):
            return  # a second Ctrl+S while the first save runs would create a second complaint
        self._saving = True
        self.view.saveComplaintButton.setEnabled(False)
        st = self.s.settings
        device = device_id(st)
        form = self.form_data()
        self.drafts.enabled = False
        self.drafts.timer.stop()
        now = self.s.clock().isoformat(timespec="seconds")   # wall clock with its offset; stored stamps are UTC
        kb = self.s.kbs.current   # the active KB's rules, as `assist complaints add`
        fut = self.s.lane.submit(repo.save_complaint, form, taxonomy=kb.taxonomy, risk_rules=kb.risk_rules,
                                 actor=form.get("agent_id") or "agent", branch=st.get("org.branch_code") or "0000",
                                 device=device, now=now, draft_id=self.drafts.draft_id, cipher=self.cipher, policy=self.policy)
        self._status(self.tr("Saving…"))
        run_in_background(fut, self._saved, self._save_failed)

    def _saved(self, saved: Any) -> None:
        """One message (ticket and due date; the keyring notice), then a fresh form; the panel
        opens the saved case (``saved``) with :attr:`saved_note` on top."""
        self._saving = False
        self.view.saveComplaintButton.setEnabled(True)
        self.last_saved = saved
        self.drafts.new_draft()
        self.drafts.enabled = True
        self._status("")
        self.saved_note = parts.show_saved(self.view, saved, self.s.clock().date(), self._lang_zh())
        self.reset_form(self.s.call_context_provider() or {})
        self.view.duePreviewLabel.setVisible(False)
        self.saved.emit(saved)

    def _save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self.view.saveComplaintButton.setEnabled(True)
        self.drafts.enabled = True
        if isinstance(exc, ComplaintError) and exc.errors:
            self.show_errors(exc.errors)
            return
        log.warning("complaint save failed", extra={"fields": {"error": type(exc).__name__}})
        self._status(self.tr("Not saved: {reason}").format(reason=str(exc)))

    def show_errors(self, errors: list) -> None:
        v, zh = self.view, self._lang_zh()
        v.clear_errors()
        by_field: dict[str, list[str]] = {}
        for e in errors:
            by_field.setdefault(e.field if e.field in v.fields else "complainant_type", []).append(e.message if zh else e.message_en or e.message)
        for f, msgs in by_field.items():
            v.show_error(f, "\n".join(msgs))
            v.unfold_section_of(f)
        self._status(self.tr("{n} field(s) to fix; the first one has the focus.").format(n=len(by_field)))
        first = next((f for f in ORDER if f in by_field), None)
        if first:
            self.focus_field(first)

    # ---- previews -----------------------------------------------------------------
    def update_due(self) -> None:
        self.preview.update_due()

    def update_risk(self) -> None:
        self.preview.update_risk()

    @property
    def escalation_card_id(self) -> str | None:
        return self.preview.escalation_card_id

    def _escalate(self) -> None:
        if self.preview.escalation_card_id:
            self.escalationRequested.emit(self.preview.escalation_card_id)

    def _kb_swapped(self, _old: Any, _new: Any) -> None:
        """A new KB is active: its taxonomy gives the form's options, its rules judge the risk."""
        self._loading, was = True, self._loading
        try:
            parts.refill_options(self.view, self.s.taxonomy)
        finally:
            self._loading = was
        self.update_risk()

    # ---- restore ------------------------------------------------------------------
    def check_restore(self) -> None:
        """Call once after the panel is shown: offers drafts left by a crashed panel."""
        self.drafts.check_restore()

    def _offer_restore(self, drafts: list) -> None:
        self.restoreOffered.emit(len(drafts))
        self.restore_box = restore_prompt(self.view.window(), drafts[0], self.accept_restore)

    def accept_restore(self, draft_id: str | None = None) -> None:
        """Restore the offered draft (the newest, or ``draft_id``)."""
        if self.restore_box is not None:
            box, self.restore_box = self.restore_box, None
            box.done(0)
            box.deleteLater()
        offer = next((d for d in self.drafts.offers if draft_id in (None, d.draft_id)), None)
        if offer is not None:
            self.drafts.accept(offer)

    def _restored(self, draft: Any) -> None:
        form = dict(draft.form)
        held = form.pop("_held", None)
        self.load(form, held=list(held) if isinstance(held, list) else [])
        self._started = True
        self.showRequested.emit()
        self.view.show()
        self.focus_field(draft.cursor_field or "complainant_type")
        QTimer.singleShot(0, lambda: self.focus_field(draft.cursor_field or "complainant_type"))  # after the prompt closed
        if draft.state == "masked":
            self._notice(self.tr("This draft was stored without a keyring, so numbers and names in it are masked; re-enter them."))
        elif draft.state == "sealed":
            self._notice(self.tr("This draft is encrypted with a key that is not available here; it cannot be shown."))
        self._status(self.tr("Draft restored."))

    # ---- messages -----------------------------------------------------------------
    def _status(self, text: str) -> None:
        self.view.statusLabel.setText(text)
        self.view.statusLabel.setVisible(bool(text))

    def _notice(self, text: str) -> None:
        self.view.noticeLabel.setText(text)
        self.view.noticeLabel.setVisible(True)

    def _privacy_notice(self, text: str) -> None:
        self._status(text)
