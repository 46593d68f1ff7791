"""ComplaintController: wires the complaint form to the complaint core. No business rules here:
validation, prefill, risk, deadlines and storage are the core's (``assist.core.complaints``).

Mount it in the panel with :func:`mount_complaints` (see its docstring).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QLocale, QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox, QPlainTextEdit, QWidget

from assist.core.complaints import repo
from assist.core.complaints.deadlines import timeline
from assist.core.complaints.intake import IntakePolicy, receipt_is_the_call
from assist.core.complaints.model import COMPLAINANT_TYPES, Complaint, ComplaintError, documents_needed, label
from assist.core.complaints.risk import assess_risk, escalation_card
from assist.core.complaints.tickets import make_device_id
from assist.core.complaints.validation import BANK_ONLY, prefill, required_fields
from assist.ui.complaint_autosave import DraftKeeper
from assist.ui.complaint_view import CHECKS, COMBOS, LISTS, ORDER, TEXTS, ComplaintView
from assist.ui.tasks import run_in_background

log = logging.getLogger("assist.complaints")
RISK_DEBOUNCE_MS = 250
TYPE_FIELDS = {  # rows shown per complainant type (Art 13-14); see core.complaints.model
    "本人": (),
    "法定代理人": ("relationship", "agent_name", "agent_id_no", "agent_phone"),
    "委托代理人": ("agent_name", "agent_id_no", "agent_phone", "poa_received"),
    "继承人": ("relationship", "deceased_name", "heir_proof_received"),
    "单位": ("org_name", "org_uscc", "org_address", "legal_rep_name", "legal_rep_id_no", "legal_rep_phone", "poa_received"),
}
TYPE_SPECIFIC = frozenset(f for fs in TYPE_FIELDS.values() for f in fs)
_SETTINGS_HELD = ("agent_id", "org_unit", "received_at")
_NOT_SHOWN_HELD = ("call_id",)          # kept with the form, not listed as "held by the bank"
HOTLINE = "客服热线"                     # the receipt of a hotline complaint is the call itself
INSURER_ONLY = ("ins_issue", "ins_line")
ART29 = ("people_count", "in_person", "arising_event", "regulator_designated")


@dataclass
class ComplaintServices:
    lane: Any                                           # assist.core.storage.DbLane
    settings: Any                                       # assist.settings.Settings
    taxonomy: Any                                       # core.complaints.taxonomy.Taxonomy
    clock: Callable[[], dt.datetime]
    cipher_factory: Callable[[], Any]                   # -> FieldCipher | None (no keyring)
    call_context_provider: Callable[[], dict | None]    # what the bank already holds for this call
    card_title: Callable[[str], str | None] | None = None   # KB card id -> title (escalation prompt)


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
        self.held: dict[str, Any] = {}
        self.cursor_field = ""
        self.escalation_card_id: str | None = None
        self._loading = False
        self._started = False
        self._risk_timer = QTimer(self)
        self._risk_timer.setSingleShot(True)
        self._risk_timer.setInterval(RISK_DEBOUNCE_MS)
        self._risk_timer.timeout.connect(self.update_risk)
        self._options()
        view.retranslate()
        self._wire()
        self.reset_form()

    def tr(self, text: str) -> str:
        return QApplication.translate("ComplaintController", text)

    # ---- set-up -------------------------------------------------------------------
    @property
    def policy(self) -> IntakePolicy:
        return IntakePolicy.from_settings(self.s.settings)

    def _code_text(self, dim: str, code: str, lab: str) -> str:
        own = self.tr(" (our own class)") if self.s.taxonomy.is_own(dim, code) else ""
        return f"{code} {lab}{own}"

    def _options(self) -> None:
        v, tax = self.view, self.s.taxonomy
        names = {"本人": self.tr("Consumer (self)"), "法定代理人": self.tr("Legal guardian"), "委托代理人": self.tr("Authorised agent"),
                 "继承人": self.tr("Heir"), "单位": self.tr("Organisation")}
        v.set_options("complainant_type", [(names[t], t) for t in COMPLAINANT_TYPES], blank=False)
        v.set_options("source", [(s, s) for s in tax.options("sources")])
        v.set_options("id_doc_type", [(s, s) for s in tax.options("id_doc_types")])
        for f, dim in (("channel_A", "A_channel"), ("business_B", "B_business"), ("reason_C", "C_reason"),
                       ("ins_issue", "INS_issue"), ("ins_line", "INS_line")):
            v.set_options(f, [(self._code_text(dim, c, lab), c) for c, lab in tax.codes.get(dim, {}).items()])
        v.set_options("demand_D", [(lab, c) for c, lab in tax.codes.get("D_demand", {}).items()])
        self._sub_options()

    def _sub_options(self) -> None:
        """Sub-categories of the chosen business category (B03 → the debit and credit-card sub-classes)."""
        v, tax = self.view, self.s.taxonomy
        keep = v.value("business_B_sub")
        subs = tax.children("B_business_sub", v.value("business_B")) if v.value("business_B") else {}
        v.set_options("business_B_sub", [(self._code_text("B_business_sub", c, lab), c) for c, lab in subs.items()])
        if keep in subs:
            v.set_value("business_B_sub", keep)

    def _wire(self) -> None:
        v = self.view
        for f, w in v.fields.items():
            if f in COMBOS:
                w.currentIndexChanged.connect(lambda _i, f=f: self._edited(f))
            elif f in CHECKS:
                w.toggled.connect(lambda _b, f=f: self._edited(f))
            elif f in LISTS:
                w.itemChanged.connect(lambda _it, f=f: self._edited(f))
            else:
                w.textChanged.connect(lambda *_a, f=f: self._edited(f))
            if f in TEXTS and hasattr(w, "privacyNotice"):
                w.privacyNotice.connect(self._privacy_notice)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        v.actNewComplaint.triggered.connect(self.new_complaint)
        v.actSave.triggered.connect(self.save)
        v.saveComplaintButton.clicked.connect(self.save)
        v.actCancel.triggered.connect(self.cancel)
        v.cancelComplaintButton.clicked.connect(self.cancel)
        v.escalateButton.clicked.connect(lambda: self.escalation_card_id and self.escalationRequested.emit(self.escalation_card_id))
        self.drafts.offered.connect(self._offer_restore)
        self.drafts.restored.connect(self._restored)
        self.drafts.conflict.connect(lambda: self._status(self.tr("Another panel took over this draft; this form now autosaves as a new draft.")))
        self.drafts.failed.connect(lambda err: self._status(self.tr("Could not autosave the draft ({error}); keep the panel open and try saving.").format(error=err)))
        if self.cipher is None:
            self._notice(self.tr("No system keyring is available: the full callback number will not be stored (only its masked form), "
                                 "and drafts are stored masked."))

    # ---- form state ---------------------------------------------------------------
    def _lang_zh(self) -> bool:
        return QLocale().language() == QLocale.Language.Chinese

    def reset_form(self, context: dict | None = None) -> None:
        """Empty form, prefilled from the call context and settings (fields the bank holds)."""
        st = self.s.settings
        defaults = {"agent_id": st.get("agent.staff_id") or "", "org_unit": st.get("org.name") or "",
                    "received_at": self.s.clock().strftime("%Y-%m-%dT%H:%M")}
        form, held = prefill(context or {}, **{k: v for k, v in defaults.items() if v})
        data = form.to_dict()
        if not data.get("source") and HOTLINE in self.s.taxonomy.options("sources"):
            data["source"] = HOTLINE
        self.held = {f: data[f] for f in (*held, *_SETTINGS_HELD) if data.get(f)}
        self.load(data)
        self._started = False

    def load(self, data: dict[str, Any], held: list[str] | None = None) -> None:
        if held is not None:
            self.held = {f: data.get(f) for f in held if data.get(f)}
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

    def _receipt_editable(self) -> bool:
        return not receipt_is_the_call(self.view.value("source"))

    def form_data(self) -> dict[str, Any]:
        v = self.view
        ctype = v.value("complainant_type")
        shown = TYPE_FIELDS.get(ctype, ())
        data = {f: v.value(f) for f in ORDER if f not in TYPE_SPECIFIC or f in shown}
        held = dict(self.held)
        if self._receipt_editable():
            held.pop("received_at", None)
        data.update(held)
        policy = self.policy
        data.update(institution_type=policy.institution_type, receipt_day_counts=policy.receipt_day_counts)
        for f in (BANK_ONLY if policy.institution_type == "保险" else INSURER_ONLY):
            data.pop(f, None)
        if not documents_needed(data):
            data.pop("documents_due_date", None)
        if data.get("received_at") and "T" not in data["received_at"]:
            data["received_at"] = data["received_at"].strip().replace(" ", "T", 1)
        return data

    def snapshot(self) -> tuple[dict[str, Any], str]:
        return {**self.form_data(), "_held": sorted(self.held)}, self.cursor_field

    def _layout_for_type(self) -> None:
        v = self.view
        ctype, source = v.value("complainant_type"), v.value("source")
        kind = self.policy.institution_type
        shown = TYPE_FIELDS.get(ctype, ())
        required = set(required_fields(ctype, source, kind))
        docs = documents_needed(self.form_data())
        hidden_class = BANK_ONLY if kind == "保险" else INSURER_ONLY
        for f in ORDER:
            visible = f not in self.held and (f not in TYPE_SPECIFIC or f in shown) and f not in hidden_class
            if f == "regulator_ref":
                visible = source == "监管转办"
            elif f == "received_at":
                visible = self._receipt_editable()
            elif f == "documents_due_date":
                visible = bool(docs)
            v.set_row_visible(f, visible)
            text = v.names[f]
            if f == "complainant_name" and ctype == "单位":
                text = self.tr("Contact person name")
            elif f == "received_at" and visible:
                text = self.tr("Received at (YYYY-MM-DD HH:MM: when the referral, letter or e-mail reached us)")
            v.set_label(f, text, f in required or (f == "documents_due_date" and bool(docs)))
        if docs and not v.value("documents_due_date"):
            self._loading, was = True, self._loading
            v.set_value("documents_due_date", self.policy.documents_due(self.form_data().get("received_at")))
            self._loading = was
        for f in ("poa_received", "heir_proof_received"):
            v.fields[f].setToolTip(self.tr("Tick when the document has arrived. Without it the complaint is still accepted "
                                           "and its clock runs from receipt (Art 14); set when it is due below."))
        shown_held = {f: val for f, val in self.held.items()
                      if f not in _NOT_SHOWN_HELD and not (f == "received_at" and self._receipt_editable())}
        if shown_held:
            parts = [f"{label(f)[0 if self._lang_zh() else 1]}: {repo.mask_field(f, val)}" for f, val in shown_held.items()]
            v.heldLabel.setText(self.tr("Already held by the bank (not asked again): {items}").format(items="; ".join(parts)))
        v.heldLabel.setVisible(bool(shown_held))

    def _edited(self, field: str) -> None:
        if self._loading:
            return
        self._started = True
        if field == "business_B":
            self._loading = True
            self._sub_options()
            self._loading = False
        if field in ("complainant_type", "source", "poa_received", "heir_proof_received", "complainant_name", "legal_rep_name"):
            self._layout_for_type()
        if field in TEXTS or field in ART29:
            self._risk_timer.start()
        if field in ("received_at", "source", "agreed_due_date", "complainant_type", "poa_received", "heir_proof_received",
                     "documents_due_date"):
            self.update_due()
        if field in ("received_at", "source"):
            self.receiptChanged.emit(self.form_data().get("received_at") or "")
        if self.view.errors[field].isVisible():
            self.view.show_error(field, "")
        self.drafts.touch()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not shiboken6.isValid(self.view) or not self.view.isAncestorOf(new):
            return
        w = new
        while w is not None and w is not self.view:
            f = w.property("formField")
            if f:
                self.cursor_field = str(f)
                return
            w = w.parentWidget()

    def focus_field(self, field: str) -> None:
        if field in self.view.fields:
            self.view.set_row_visible(field, True)
            w = self.view.fields[field]
            self.view.scroll.ensureWidgetVisible(w)
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
        device = st.get("org.device_id") or ""
        if not device:
            device = make_device_id()
            try:
                st.set("org.device_id", device)
                st.save()
            except Exception:  # noqa: BLE001 - the number still works for this session
                log.warning("could not store the device id")
        form = self.form_data()
        self.drafts.enabled = False
        self.drafts.timer.stop()
        now = self.s.clock().replace(tzinfo=None).isoformat(timespec="seconds")
        fut = self.s.lane.submit(repo.save_complaint, form, actor=form.get("agent_id") or "agent", branch=st.get("org.branch_code") or "0000",
                                 device=device, now=now, taxonomy=self.s.taxonomy, draft_id=self.drafts.draft_id, cipher=self.cipher,
                                 policy=self.policy)
        self._status(self.tr("Saving…"))
        run_in_background(fut, self._saved, self._save_failed)

    def _saved(self, saved: Any) -> None:
        self._saving = False
        self.view.saveComplaintButton.setEnabled(True)
        self.last_saved = saved
        v = self.view
        self.drafts.new_draft()
        self.drafts.enabled = True
        v.ticketLabel.setText(self.tr("Saved. Ticket number: {ticket}").format(ticket=saved.ticket_no))
        v.ticketLabel.setVisible(True)
        if saved.due_date:
            due = dt.date.fromisoformat(saved.due_date)
            left = (due - self.s.clock().date()).days
            if saved.due_basis == "agreed":
                text = self.tr("Reply due {date} (the date agreed with the customer, Art 21): {days} day(s) left").format(
                    date=due.isoformat(), days=left)
            else:
                text = self.tr("Reply due {date}: {days} day(s) left (calendar days from receipt)").format(date=due.isoformat(), days=left)
            if left <= 3:
                text = self.tr("Warning: only {days} day(s) left. ").format(days=left) + text
            v.deadlineLabel.setStyleSheet("color:#b71c1c;font-weight:bold" if left <= 3 else "")
            v.deadlineLabel.setText(text)
            v.deadlineLabel.setVisible(True)
        self._status(self.tr("Complaint saved."))
        if saved.notices:
            self._notice(self.tr("No system keyring is available: the full callback number was NOT stored, only its masked form. "
                                 "Confirm the number with the customer at callback."))
        reminders = [r.split(" / ")[0 if self._lang_zh() else -1] for r in saved.reminders]
        v.remindersLabel.setText("\n".join("※ " + r for r in reminders))
        v.remindersLabel.setVisible(bool(reminders))
        self.reset_form(self.s.call_context_provider() or {})
        v.duePreviewLabel.setVisible(False)
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
        self._status(self.tr("{n} field(s) to fix; the first one has the focus.").format(n=len(by_field)))
        first = next((f for f in ORDER if f in by_field), None)
        if first:
            self.focus_field(first)

    # ---- due date -----------------------------------------------------------------
    def update_due(self) -> None:
        """The reply due date the form's values give, from the deadline engine (before saving)."""
        v = self.view
        data = self.form_data()
        try:
            tl = timeline(data, self.s.clock().date())
        except Exception:  # noqa: BLE001 - a half-typed date: no preview, the save says what is wrong
            tl = None
        if tl is None or tl.due is None:
            v.duePreviewLabel.setVisible(False)
            return
        if tl.basis == "agreed":
            text = self.tr("Reply due {date}: the date agreed with the customer (Art 21); the Art 18 limit is {limit}").format(
                date=tl.due.isoformat(), limit=tl.statutory_due.isoformat() if tl.statutory_due else "—")
        else:
            text = self.tr("Reply due {date} (15 calendar days from receipt, Art 18)").format(date=tl.due.isoformat())
        text += " · " + (self.tr("the day of receipt counts as day 1") if tl.receipt_day_counts
                         else self.tr("counting starts the day after receipt"))
        if tl.documents_pending:
            text += "\n" + self.tr("Documents pending ({docs}): the complaint is accepted now and the clock runs from receipt "
                                   "(Art 14); they are due {date}.").format(docs="、".join(tl.documents_pending),
                                                                          date=tl.documents_due.isoformat() if tl.documents_due else "—")
        v.duePreviewLabel.setText(text)
        v.duePreviewLabel.setVisible(True)

    # ---- risk ---------------------------------------------------------------------
    def update_risk(self) -> None:
        v = self.view
        text = "\n".join(v.value(f) for f in TEXTS)
        facts = repo.risk_facts(Complaint.from_dict({f: v.value(f) for f in ART29}))
        has_facts = bool(facts.people_count or facts.in_person or facts.arising_event.strip() or facts.regulator_designated)
        r = assess_risk(text, facts=facts) if text.strip() or has_facts else None
        if r is None:
            v.riskLabel.setVisible(False)
            v.escalationLabel.setVisible(False)
            v.escalateButton.setVisible(False)
            self.escalation_card_id = None
            return
        names = {"普通": self.tr("normal"), "复杂": self.tr("complex"), "重大": self.tr("major")}
        flags = "; ".join(f"{f}: {'、'.join(ev)}" for f, ev in r.flags)
        majors = "; ".join(f"{m}: {'、'.join(ev)}" for m, ev in r.major)
        v.riskLabel.setText(self.tr("Risk: {level}").format(level=names.get(r.level, r.level))
                            + f" · {r.level_reason}" + (f" · {flags}" if flags else "") + (f" · {majors}" if majors else "")
                            + "".join(f"\n{h}" for h in r.hints))
        v.riskLabel.setToolTip("\n".join(f"{f}：{r.reasons.get(f, '')}" for f, _ in r.flags))
        v.riskLabel.setStyleSheet({"普通": "color:#2e7d32", "复杂": "background:#fff3e0;color:#e65100",
                                   "重大": "background:#ffebee;color:#b71c1c;font-weight:bold"}[r.level] + ";padding:3px")
        v.riskLabel.setVisible(True)
        card = escalation_card(r)
        self.escalation_card_id = card
        if card:
            title = (self.s.card_title(card) if self.s.card_title else None) or card
            v.escalationLabel.setText(self.tr("High risk: escalate per the card “{title}” ({card}) before ending the call.").format(title=title, card=card))
        v.escalationLabel.setVisible(bool(card))
        v.escalateButton.setVisible(bool(card))

    # ---- restore ------------------------------------------------------------------
    def check_restore(self) -> None:
        """Call once after the panel is shown: offers drafts left by a crashed panel."""
        self.drafts.check_restore()

    def _offer_restore(self, drafts: list) -> None:
        self.restoreOffered.emit(len(drafts))
        newest = drafts[0]
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Restore complaint draft?"),
                          self.tr("A complaint draft from {when} was not saved (the panel closed unexpectedly). Restore it?").format(
                              when=newest.updated_at[:16].replace("T", " ")),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.view.window())
        box.setObjectName("restoreDraftBox")
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(lambda b: box.standardButton(b) == QMessageBox.StandardButton.Yes and self.accept_restore())
        self.restore_box = box
        box.open()

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
