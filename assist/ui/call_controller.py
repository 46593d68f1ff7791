"""CallController: wires the call page (CallView) to a Call (assist.core.guidance.calls).

Every step (start, type, stages, ticks, overrides, placeholder answers, script uses, end) is
recorded by the Call model and persisted in order on the DB lane. Nothing typed is stored
unmasked; rendered scripts go to the clipboard through ``privacy.mask``.

A complaint saved during the call (or opened from the records and linked to it, a follow-up)
is shown under the call info, and its ticket number and due date fill ``{受理编号}`` and
``{答复期限}`` in every script, the close-out included. Before it is saved, ``{答复期限}`` is the
deadline engine's date for the earliest known receipt (the call start, or an earlier time typed
in the complaint form, e.g. a regulator referral). The link itself is written by the core
(``repo.save_complaint`` / ``repo.link_call``) into both records.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QListWidgetItem

from assist.core.guidance import placeholders as ph
from assist.core.guidance.calls import Call, CallError
from assist.core.kb.model import CALL_STAGES, Card
from assist.core.privacy import mask, mask_with_report
from assist.logging_setup import log_event
from assist.ui.call_support import CallRecorder, CallServices, ScriptEntry, build_entries, call_deadline, find_topic_cards
from assist.ui.privacy_notice import PrivacyNotice

__all__ = ["CallController", "CallServices"]

log = logging.getLogger("assist.call")
ROLE = Qt.ItemDataRole.UserRole


class CallController(QObject):
    callStarted = Signal(str)  # call id
    callEnded = Signal(str, list)  # call id, ids of missing disclosures
    complaintFormRequested = Signal()  # the agent wants the complaint form for this call

    def __init__(self, view, services: CallServices):
        super().__init__(view)
        self.view, self.s = view, services
        self.call: Call | None = None
        self.card: Card | None = None
        self.topic = ""
        self._topic_cards: list[Card] = []
        self._entries: list[ScriptEntry] = []
        self._recorder = CallRecorder(services.lane, services.store)
        self._note_added = ""
        self.complaint: dict | None = None   # the complaint linked to this call (masked record)
        self.receipt_hint = ""               # the complaint form's receipt time, before it is saved
        self._reviewing = False
        self._pending_copy = False
        self._building = False
        for name, ct in services.rules.call_types.items():
            view.callTypeBox.addItem(name if ct.label == name else f"{name} · {ct.label}", name)
        view.notesEdit.set_rules(services.rules)
        self._wire()
        self.retranslate()
        self._refresh()
        from assist.ui import qa_summary  # issue 16 hook: the after-call quality summary (logic in assist.core.qa)
        self.qa_summary = qa_summary.mount(self)

    def tr(self, text: str) -> str:  # context "CallController" for lupdate
        return QCoreApplication.translate("CallController", text)

    @property
    def clipboard(self):
        return self.s.clipboard if self.s.clipboard is not None else QGuiApplication.clipboard()

    def _wire(self) -> None:
        v = self.view
        v.callStartButton.clicked.connect(lambda: self.start_call(source="button"))
        v.complaintFormButton.clicked.connect(self.complaintFormRequested.emit)
        v.endCallButton.clicked.connect(lambda: self.end_call())
        v.callTypeBox.activated.connect(lambda _i: self._type_picked())
        v.nextStageButton.clicked.connect(self.next_stage)
        v.prevStageButton.clicked.connect(self.previous_stage)
        v.actNextStage.triggered.connect(self.next_stage)
        v.actPrevStage.triggered.connect(self.previous_stage)
        v.actCopyScript.triggered.connect(self.copy_selected_script)
        v.copyScriptButton.clicked.connect(self.copy_selected_script)
        v.checklistView.itemChanged.connect(self._item_changed)
        v.scriptsView.currentRowChanged.connect(lambda _r: self._build_prompts())
        v.scriptsView.itemActivated.connect(lambda _i: self.copy_selected_script())
        v.overrideButton.clicked.connect(self.request_override)
        v.overrideReasonEdit.returnPressed.connect(lambda: self.confirm_override(v.overrideReasonEdit.text()))
        v.notesEdit.privacyNotice.connect(v.privacyNoticeLabel.show_notice)
        v.notesEdit.explained.connect(self._show_explanation)

    def retranslate(self) -> None:
        v = self.view
        v.callTypeBox.setAccessibleName(self.tr("Call type"))
        v.callStartButton.setText(self.tr("Start call"))
        v.callStartButton.setAccessibleName(self.tr("Start call"))
        v.endCallButton.setAccessibleName(self.tr("End call"))
        v.prevStageButton.setAccessibleName(self.tr("Previous stage (Ctrl+Left)"))
        v.prevStageButton.setToolTip(self.tr("Previous stage (Ctrl+Left)"))
        v.nextStageButton.setAccessibleName(self.tr("Next stage (Ctrl+Right)"))
        v.nextStageButton.setToolTip(self.tr("Next stage (Ctrl+Right)"))
        v.checklistView.setAccessibleName(self.tr("Checklist for this stage (Space ticks the item)"))
        v.scriptsView.setAccessibleName(self.tr("Approved scripts for this stage"))
        v.copyScriptButton.setText(self.tr("Copy script (Ctrl+Enter)"))
        v.copyScriptButton.setAccessibleName(self.tr("Copy the selected script"))
        v.overrideButton.setText(self.tr("Override with a reason…"))
        v.overrideButton.setAccessibleName(self.tr("Override the identity check"))
        v.overrideReasonEdit.setPlaceholderText(self.tr("Reason for the override, then Enter"))
        v.overrideReasonEdit.setAccessibleName(self.tr("Reason for the override"))
        v.complaintFormButton.setText(self.tr("Fill in the complaint form (Ctrl+N)"))
        v.complaintFormButton.setAccessibleName(self.tr("Open the complaint form for this call"))
        v.notesEdit.setPlaceholderText(self.tr("Scratch notes for this call, not saved (they count for the required "
                                               "disclosures; personal numbers are masked as you type; F2 explains a "
                                               "marked phrase). Put complaint details in the complaint form (Ctrl+N)."))
        v.notesEdit.setAccessibleName(self.tr("Call notes"))
        v.missingDisclosuresView.setAccessibleName(self.tr("Missing disclosures"))
        v.statusLabel.setAccessibleName(self.tr("Call status"))
        v.actNextStage.setText(self.tr("Next stage"))
        v.actPrevStage.setText(self.tr("Previous stage"))
        v.actCopyScript.setText(self.tr("Copy script"))
        self._refresh()

    # ---- call lifecycle ------------------------------------------------------------------
    def start_call(self, caller_masked: str = "", topic: str = "", call_type: str = "", source: str = "panel") -> str:
        """Start a call (the panel calls this on IPC ``call_start``). Returns the call id."""
        if self.call is not None:
            self.end_call(force=True)
        name = self._known_type(call_type) or self.view.callTypeBox.currentData()
        self.call = Call(self.s.rules, name, clock=self.s.clock, kb_version=self._kb_version(), source=source)
        self.view.callTypeBox.setCurrentIndex(max(0, self.view.callTypeBox.findData(self.call.type.name)))
        self.topic, self._note_added, self._reviewing = topic or "", "", False
        self.complaint, self.receipt_hint = None, ""
        self._show_link()
        by_id = self.s.kb.by_id()
        approved = [by_id[c] for c in getattr(self.call.type, "cards", ()) if c in by_id]  # rules/call_types.yaml
        found = find_topic_cards(self.s.kb, topic, self.s.search) if topic else []
        self._topic_cards = approved + [c for c in found if c not in approved]
        self.view.notesEdit.clear()
        self.view.notesEdit.set_call_type(self.call.type.name)
        self.view.missingDisclosuresView.clear()
        caller = mask(caller_masked) if caller_masked else ""
        self.view.callInfoLabel.setText(self.tr("In call: {caller} {topic}").format(caller=caller, topic=topic).strip())
        self._recorder.start(self.call, caller, topic, source)
        log_event(log, "call started", call_id=self.call.call_id, source=source)
        self._refresh()
        self.view.checklistView.setFocus()
        self.callStarted.emit(self.call.call_id)
        return self.call.call_id

    def end_call(self, force: bool = False) -> bool:
        """End the call. Missing disclosures are listed first and a second end (or ``force``,
        e.g. the softphone hung up) closes it. Returns True when the call was closed."""
        call = self.call
        if call is None:
            return False
        self._add_notes()
        missing = call.missing_disclosures()
        self._show_missing(missing, ended=False)
        if missing and not force and not self._reviewing:
            self._reviewing = True
            self.view.endCallButton.setText(self.tr("End anyway"))
            self.view.missingDisclosuresView.setFocus()
            return False
        missing = call.end()
        self._flush()
        self._show_missing(missing, ended=True)
        self.call, self.card, self._reviewing = None, None, False
        self.complaint, self.receipt_hint = None, ""
        self._show_link()
        self.view.statusLabel.setText(self.tr("Call ended."))
        log_event(log, "call ended", call_id=call.call_id, missing=len(missing))
        self._refresh()
        self.callEnded.emit(call.call_id, [m.id for m in missing])
        return True

    def _add_notes(self) -> None:
        notes = self.view.notesEdit
        notes.run_privacy(idle=True)
        text = notes.toPlainText().strip()
        if text and text != self._note_added and self.call is not None:
            self.call.add_note(mask(text))
            self._note_added = text

    def _show_missing(self, missing: list, ended: bool) -> None:
        v = self.view
        v.missingDisclosuresView.clear()
        for m in missing:
            it = QListWidgetItem(f"{m.label}：{m.example}" if m.example else m.label)
            it.setData(ROLE, m.id)
            v.missingDisclosuresView.addItem(it)
        if ended:
            head = self.tr("The call ended without these disclosures:")
        else:
            head = self.tr("Not yet said in this call (say it, or press End again to close):")
        v.missingLabel.setText(head)
        v.missingLabel.setVisible(bool(missing))
        v.missingDisclosuresView.setVisible(bool(missing))

    # ---- the complaint of this call --------------------------------------------------------
    def link_complaint(self, record: dict | None) -> None:
        """The complaint saved during this call, or opened as its follow-up (a masked record)."""
        if self.call is None or not record:
            return
        self.complaint = record
        self._show_link()
        self._refresh_scripts()

    def set_receipt_hint(self, received_at: str) -> None:
        """The receipt time typed in the complaint form (before it is saved): an earlier receipt
        than the call start (a referral) makes ``{答复期限}`` earlier, never later."""
        if self.call is not None and received_at != self.receipt_hint:
            self.receipt_hint = received_at or ""
            self._refresh_scripts()

    def _show_link(self) -> None:
        lab, rec = self.view.complaintLinkLabel, self.complaint
        if rec is None or self.call is None:
            lab.setVisible(False)
            return
        due = call_deadline(self.call, self.s.settings, self.s.clock().date(), rec)
        text = self.tr("Complaint {ticket} · reply due {date}").format(ticket=rec.get("ticket_no", ""),
                                                                       date=due.isoformat() if due else "—")
        if rec.get("agreed_due_date"):
            text += " " + self.tr("(date agreed with the customer)")
        lab.setText(text)
        lab.setAccessibleName(text)
        lab.setVisible(True)

    # ---- type and stages ------------------------------------------------------------------
    def _known_type(self, name: str) -> str | None:
        try:
            return self.s.rules.call_type(name).name if name else None
        except ValueError:
            log_event(log, "unknown call type", length=len(name))
            return None

    def _type_picked(self) -> None:
        if self.call is not None:
            self.call.set_call_type(self.view.callTypeBox.currentData())
            self.view.notesEdit.set_call_type(self.call.type.name)
            self._flush()
            self._refresh()

    def next_stage(self) -> None:
        if self.call is not None and self.call.ended_at is None:
            self.call.next_stage()
            self._after_stage()

    def previous_stage(self) -> None:
        if self.call is not None and self.call.ended_at is None:
            self.call.previous_stage()
            self._after_stage()

    def _after_stage(self) -> None:
        self._flush()
        self._refresh()

    # ---- checklist ------------------------------------------------------------------------
    def tick(self, item_id: str, on: bool = True) -> None:
        if self.call is None:
            return
        self.call.tick(item_id) if on else self.call.untick(item_id)
        self._flush()
        self._refresh()

    def _item_changed(self, item: QListWidgetItem) -> None:
        call = self.call
        if self._building or call is None:
            return
        item_id = item.data(ROLE)
        call.tick(item_id) if item.checkState() == Qt.CheckState.Checked else call.untick(item_id)
        self._flush()
        self._building = True
        item.setText(self._item_text(next(it for it, _ in call.checklist() if it.id == item_id), call.ticks.get(item_id)))
        self._building = False
        self._refresh_scripts()  # ticking the identity check unfolds gated scripts

    def _item_text(self, item, at: dt.datetime | None) -> str:
        return item.label + (self.tr(" ✓ {time}").format(time=at.strftime("%H:%M:%S")) if at else "")

    # ---- cards and scripts ----------------------------------------------------------------
    def set_card(self, card: Card | None) -> None:
        """The panel calls this when the agent opens a card (None when it is closed)."""
        self.card = card
        self._refresh_scripts()

    def _refresh_scripts(self) -> None:
        v = self.view
        row = max(0, v.scriptsView.currentRow())
        self._entries = build_entries(self.call, self.card, self._topic_cards, self.s.settings,
                                      self.s.clock().date(), self.topic, self.complaint, self.receipt_hint)
        v.scriptsView.clear()
        for e in self._entries:
            body = ("※ " + self.tr("Verify the caller's identity first")) if e.folded else e.text
            it = QListWidgetItem(f"{e.card.title} · {e.name}\n{body}")
            it.setToolTip(body)
            v.scriptsView.addItem(it)
        if self._entries:
            v.scriptsView.setCurrentRow(min(row, len(self._entries) - 1))
        folded = any(e.folded for e in self._entries)
        v.gateLabel.setText(self.tr("Verify the caller's identity first: scripts of cards marked C2/C3 stay "
                                    "folded until the identity check is ticked."))
        v.gateLabel.setVisible(folded)
        v.overrideButton.setVisible(folded)
        if not folded:
            v.overrideReasonEdit.setVisible(False)
        self._build_prompts()

    def selected_entry(self) -> ScriptEntry | None:
        r = self.view.scriptsView.currentRow()
        return self._entries[r] if 0 <= r < len(self._entries) else None

    def _build_prompts(self) -> None:
        v = self.view
        v.clear_prompts()
        e = self.selected_entry()
        if e is None or e.folded:
            return
        choices = {p.name: p.choices for p in ph.parse(e.template)}
        for name in e.missing:
            w = v.add_prompt(name, choices.get(name, ()))
            if isinstance(w, QComboBox):
                w.addItem(self.tr("Choose…"), "")
                for c in choices[name]:
                    w.addItem(c, c)
                w.activated.connect(lambda i, n=name, box=w: self.set_value(n, box.itemData(i)) if i > 0 else None)
            else:
                w.setPlaceholderText(self.tr("Type the value, then Enter"))
                w.returnPressed.connect(lambda n=name, le=w: self.set_value(n, le.text()))
            w.setAccessibleName(self.tr("Value for {name}").format(name=name))

    def set_value(self, name: str, value: str) -> None:
        """Keep a placeholder answer for the rest of the call and re-render the scripts."""
        value = mask((value or "").strip())
        if self.call is None or not value:
            return
        self.call.set_value(name, value)
        self._flush()
        self._refresh_scripts()
        e = self.selected_entry()
        if e is not None and e.missing:
            self.view.promptLayout.itemAt(0, self.view.promptLayout.ItemRole.FieldRole).widget().setFocus()
        elif self._pending_copy:
            self.copy_selected_script()
        else:
            self.view.scriptsView.setFocus()

    def copy_selected_script(self) -> str | None:
        """Copy the selected rendered script (masked) and record its use. Returns the copied text."""
        e, v = self.selected_entry(), self.view
        if e is None or self.call is None:
            return None
        if e.folded:
            v.statusLabel.setText(self.tr("Verify the caller's identity first"))
            return None
        if e.missing:
            self._pending_copy = True
            v.statusLabel.setText(self.tr("Fill in first: {names}").format(names="、".join(e.missing)))
            v.promptLayout.itemAt(0, v.promptLayout.ItemRole.FieldRole).widget().setFocus()
            return None
        self._pending_copy = False
        text, spans = mask_with_report(e.text)
        self.clipboard.setText(text)
        if spans:
            v.privacyNoticeLabel.show_notice(PrivacyNotice.describe(spans, copied=True))
        self.call.use_script(e.card.id, e.name, text, self._kb_version())
        self._flush()
        v.statusLabel.setText(self.tr("Copied “{name}” to the clipboard.").format(name=e.name))
        v.scriptsView.setFocus()
        return text

    # ---- identity gate ------------------------------------------------------------------------
    def request_override(self) -> None:
        self.view.overrideReasonEdit.setVisible(True)
        self.view.overrideReasonEdit.setFocus()

    def confirm_override(self, reason: str) -> bool:
        """Unfold gated scripts (for the selected card, or the whole call) with a non-empty reason."""
        if self.call is None:
            return False
        reason = (reason or "").strip()
        if not reason:
            self.view.statusLabel.setText(self.tr("An override needs a reason."))
            return False
        e = self.selected_entry()
        card_id = e.card.id if e is not None and e.folded else None
        try:
            self.call.override_identity_gate(mask(reason), card_id)
        except CallError:
            return False
        self._flush()
        self.view.overrideReasonEdit.clear()
        self.view.overrideReasonEdit.setVisible(False)
        self.view.statusLabel.setText(self.tr("Identity check overridden; the reason was recorded."))
        self._refresh_scripts()
        self.view.scriptsView.setFocus()
        return True

    # ---- display -----------------------------------------------------------------------------
    def _refresh(self) -> None:
        v, call = self.view, self.call
        live = call is not None
        v.endCallButton.setEnabled(live)
        if not self._reviewing:
            v.endCallButton.setText(self.tr("End call"))
        for w in (v.prevStageButton, v.nextStageButton, v.copyScriptButton, v.notesEdit):
            w.setEnabled(live)
        v.complaintFormButton.setVisible(live and call.type.name == "投诉")
        if not live:
            v.callInfoLabel.setText(self.tr("No call in progress. Pick the call type and start the call."))
        stage = call.stage if live else ""
        parts = [f"<b>[{s}]</b>" if s == stage else s for s in CALL_STAGES]
        v.stageLabel.setText(" → ".join(parts))
        v.stageLabel.setAccessibleName(self.tr("Stage: {stage} ({n} of {total})").format(
            stage=stage, n=CALL_STAGES.index(stage) + 1, total=len(CALL_STAGES)) if live else self.tr("No call"))
        self._building = True
        row = v.checklistView.currentRow()
        v.checklistView.clear()
        for item, at in (call.checklist(call.stage) if live else []):
            it = QListWidgetItem(self._item_text(item, at))
            it.setData(ROLE, item.id)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Checked if at else Qt.CheckState.Unchecked)
            v.checklistView.addItem(it)
        if v.checklistView.count():
            v.checklistView.setCurrentRow(min(max(row, 0), v.checklistView.count() - 1))
        self._building = False
        self._refresh_scripts()

    def _show_explanation(self, text: str) -> None:
        self.view.lintLabel.setText(text)
        self.view.lintLabel.setVisible(bool(text))

    # ---- persistence --------------------------------------------------------------------------
    def _kb_version(self) -> str:
        return self.s.kb_version or getattr(self.s.kb, "version", "dev")

    def _flush(self) -> None:
        if self.call is not None:
            self._recorder.flush(self.call)
