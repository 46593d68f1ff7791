"""CallController: wires the call page (CallView) to a Call (assist.core.guidance.calls).

The page shows the call's direction (呼入/外呼: the softphone's, or the call type's, else inbound;
the agent may switch it, and the opening scripts follow), the stages, the stage's checklist one
line per item, the scripts (:class:`~assist.ui.call_scripts.CallScripts`) and the disclosures
still owed, live (:class:`~assist.ui.call_disclosures.CallDisclosures`). The caller is shown once,
in the panel's header line, not again on the page.

The call itself is the panel's :class:`~assist.core.guidance.session.CallSession` (started and
ended through :class:`~assist.ui.panel_calls.PanelCalls`); every step (start, type, stages,
ticks, overrides, placeholder answers, script uses, end) is recorded by its Call model and
persisted in order on the DB lane by its one recorder. Nothing typed is stored unmasked;
rendered scripts go to the clipboard through ``privacy.mask``. Which scripts, rendered how, is
the core's (:mod:`assist.core.guidance.scripts`).

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
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QListWidgetItem

from assist.core.guidance.calls import INBOUND, OUTBOUND, Call
from assist.core.guidance.rules import RuleSet
from assist.core.guidance.scripts import call_deadline, topic_cards
from assist.core.kb.model import CALL_STAGES, Card
from assist.core.privacy import mask
from assist.services import PanelServices
from assist.ui.call_disclosures import CallDisclosures
from assist.ui.call_scripts import CallScripts

__all__ = ["CallController"]

log = logging.getLogger("assist.call")
ROLE = Qt.ItemDataRole.UserRole


class CallController(QObject):
    callEnded = Signal(str, list)  # call id, ids of missing disclosures
    complaintFormRequested = Signal()  # the agent wants the complaint form for this call

    def __init__(self, view: Any, services: PanelServices, calls: Any):
        super().__init__(view)
        self.view, self.s, self.calls = view, services, calls   # calls: assist.ui.panel_calls.PanelCalls
        calls.page = self
        self.scripts = CallScripts(view, services, calls.session)
        self.disclosures = CallDisclosures(view, calls.session, self.scripts, lambda: self.s.clock().date())
        self._note_added = ""
        self._building = False
        for name, ct in self.rules.call_types.items():
            view.callTypeBox.addItem(name if ct.label == name else f"{name} · {ct.label}", name)
        view.notesEdit.set_rules(self.rules)
        self._wire()
        self.retranslate()
        self._refresh()

    def tr(self, text: str) -> str:  # type: ignore[override]  # context "CallController" for lupdate
        return QCoreApplication.translate("CallController", text)

    def stage_names(self) -> dict[str, str]:
        """The call stages (kb.model.CALL_STAGES, the names cards use) in the UI's language."""
        return {"开场": self.tr("Opening"), "身份核验": self.tr("Identity check"), "业务处理": self.tr("Business"),
                "风险提示": self.tr("Risk notice"), "结束": self.tr("Closing")}

    @property
    def call(self) -> Call | None:
        return self.calls.session.call

    @property
    def rules(self) -> RuleSet:
        rules = self.calls.session.rules
        assert rules is not None, "the call page is mounted only when the guidance rules load"
        return rules

    @property
    def clipboard(self) -> Any:
        return self.s.clipboard if self.s.clipboard is not None else QGuiApplication.clipboard()

    def _wire(self) -> None:
        v = self.view
        v.callStartButton.clicked.connect(lambda: self.calls.start(source="button"))
        v.complaintFormButton.clicked.connect(self.complaintFormRequested.emit)
        v.endCallButton.clicked.connect(lambda: self.end_call())
        v.callTypeBox.activated.connect(lambda _i: self._type_picked())
        v.directionBox.activated.connect(lambda _i: self._direction_picked())
        v.nextStageButton.clicked.connect(self.next_stage)
        v.prevStageButton.clicked.connect(self.previous_stage)
        v.actNextStage.triggered.connect(self.next_stage)
        v.actPrevStage.triggered.connect(self.previous_stage)
        sc = self.scripts
        v.actCopyScript.triggered.connect(sc.copy_selected_script)
        v.copyScriptButton.clicked.connect(sc.copy_selected_script)
        v.checklistView.itemChanged.connect(self._item_changed)
        v.scriptsView.currentRowChanged.connect(lambda _r: sc.build_prompts())
        v.scriptsView.itemActivated.connect(lambda _i: sc.copy_selected_script())
        v.overrideButton.clicked.connect(sc.request_override)
        v.overrideReasonEdit.returnPressed.connect(lambda: sc.confirm_override(v.overrideReasonEdit.text()))
        v.notesEdit.privacyNotice.connect(v.privacyNoticeLabel.show_notice)
        v.notesEdit.explained.connect(self._show_explanation)

    def retranslate(self) -> None:
        v = self.view
        v.callTypeBox.setAccessibleName(self.tr("Call type"))
        picked = v.directionBox.currentData()
        v.directionBox.clear()
        v.directionBox.addItem(self.tr("Inbound"), INBOUND)
        v.directionBox.addItem(self.tr("Outbound"), OUTBOUND)
        v.directionBox.setCurrentIndex(max(0, v.directionBox.findData(picked)))
        v.directionBox.setAccessibleName(self.tr("Call direction (picks the opening scripts)"))
        v.directionBox.setToolTip(self.tr("Inbound: the customer called. Outbound: we called the customer."))
        v.callStartButton.setText(self.tr("Start call"))
        v.callStartButton.setAccessibleName(self.tr("Start call"))
        v.endCallButton.setAccessibleName(self.tr("End call"))
        v.prevStageButton.setAccessibleName(self.tr("Previous stage (Ctrl+Left)"))
        v.prevStageButton.setToolTip(self.tr("Previous stage (Ctrl+Left)"))
        v.nextStageButton.setAccessibleName(self.tr("Next stage (Ctrl+Right)"))
        v.nextStageButton.setToolTip(self.tr("Next stage (Ctrl+Right)"))
        v.checklistView.setAccessibleName(self.tr("Checklist for this stage (Space ticks the item)"))
        v.scriptsView.setAccessibleName(self.tr("Approved scripts for this stage"))
        v.copyScriptButton.setText(self.tr("Copy (Ctrl+Enter)"))
        v.copyScriptButton.setAccessibleName(self.tr("Copy the selected script"))
        v.overrideButton.setText(self.tr("Skip with a reason…"))
        v.overrideButton.setAccessibleName(self.tr("Override the identity check"))
        v.overrideReasonEdit.setPlaceholderText(self.tr("Reason for the override, then Enter"))
        v.overrideReasonEdit.setAccessibleName(self.tr("Reason for the override"))
        v.complaintFormButton.setText(self.tr("Complaint form (Ctrl+N)"))
        v.complaintFormButton.setAccessibleName(self.tr("Open the complaint form for this call"))
        v.notesEdit.setPlaceholderText(self.tr("Scratch notes, not saved: they count for the disclosures; numbers are "
                                               "masked; F2 explains a marked phrase. Complaint details: the form (Ctrl+N)."))
        v.notesEdit.setAccessibleName(self.tr("Call notes"))
        v.missingDisclosuresView.setAccessibleName(self.tr("Missing disclosures"))
        v.statusLabel.setAccessibleName(self.tr("Call status"))
        v.actNextStage.setText(self.tr("Next stage"))
        v.actPrevStage.setText(self.tr("Previous stage"))
        v.actCopyScript.setText(self.tr("Copy script"))
        self._refresh()

    # ---- call lifecycle ------------------------------------------------------------------
    def start_call(self, caller: str = "", topic: str = "", call_type: str = "", source: str = "panel",
                   direction: str = "") -> str:
        """Start a call through the panel (as the softphone or the button would). Returns its id."""
        return self.calls.start(caller, topic, call_type, source, direction=direction)

    def picked_type(self) -> str:
        """The call type chosen in the box (a call started without one gets it)."""
        return str(self.view.callTypeBox.currentData() or "")

    def picked_direction(self, call_type: str = "") -> str:
        """The direction the agent chose before starting the call ("" when it is the call type's own)."""
        picked = str(self.view.directionBox.currentData() or "")
        return "" if picked == self.calls.session.default_direction(call_type or self.picked_type()) else picked

    def show_started(self) -> None:
        """The panel started a call: show it here (the approved scripts, the topic's cards)."""
        call, session = self.call, self.calls.session
        if call is None:
            return
        self.view.callTypeBox.setCurrentIndex(max(0, self.view.callTypeBox.findData(call.type.name)))
        self._show_direction()
        self._note_added = ""
        self.disclosures.clear()
        self.scripts.reset(session.topic, topic_cards(call, session.topic, self.s.kb, self.s.search))
        self._show_link()
        self.view.notesEdit.clear()
        self.view.notesEdit.set_call_type(call.type.name)
        self.view.statusLabel.setText("")
        self._refresh()
        (self.view.checklistView if self.view.checklistView.count() else self.view.scriptsView).setFocus()

    def end_call(self, force: bool = False) -> bool:
        """End the call. Missing disclosures are listed first and a second end (or ``force``,
        e.g. the softphone hung up) closes it. Returns True when the call was closed."""
        call = self.call
        if call is None:
            return False
        self._add_notes()
        missing = call.missing_disclosures()
        if missing and not force and not self.disclosures.reviewing:
            self.disclosures.reviewing = True
            self.disclosures.show_end(missing, ended=False)
            self.view.endCallButton.setText(self.tr("End anyway"))
            self.view.missingDisclosuresView.setFocus()
            return False
        self.disclosures.show_end(missing, ended=True)    # the examples filled while the call's values are there
        missing = self.calls.session.end(force=True)
        self.disclosures.reviewing = False
        self.scripts.reset()
        self._show_link()
        self._show_direction()    # the next call starts with its type's direction, not this one's
        self.view.statusLabel.setText(self.tr("Call ended."))
        self._refresh()
        self.calls.ended(call.call_id)
        self.callEnded.emit(call.call_id, [m.id for m in missing])
        return True

    def _add_notes(self) -> None:
        notes = self.view.notesEdit
        notes.run_privacy(idle=True)
        text = notes.toPlainText().strip()
        if text and text != self._note_added and self.call is not None:
            self.call.add_note(mask(text))
            self._note_added = text

    # ---- the complaint of this call --------------------------------------------------------
    def link_complaint(self, record: dict | None) -> None:
        """The complaint saved during this call, or opened as its follow-up (a masked record)."""
        if self.call is None or not record:
            return
        self.scripts.complaint = record
        self._show_link()
        self.scripts.refresh()

    def set_receipt_hint(self, received_at: str) -> None:
        """The receipt time typed in the complaint form (before it is saved): an earlier receipt
        than the call start (a referral) makes ``{答复期限}`` earlier, never later."""
        if self.call is not None and received_at != self.scripts.receipt_hint:
            self.scripts.receipt_hint = received_at or ""
            self.scripts.refresh()

    def _show_link(self) -> None:
        lab, rec = self.view.complaintLinkLabel, self.scripts.complaint
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
    def _type_picked(self) -> None:
        if self.call is None:     # before a call: show the direction this type starts with
            self._show_direction()
            return
        self.call.set_call_type(self.view.callTypeBox.currentData())
        self.view.notesEdit.set_call_type(self.call.type.name)
        self._show_direction()
        self._flush()
        self._refresh()

    def _direction_picked(self) -> None:
        if self.call is not None and self.call.ended_at is None:
            self.call.set_direction(self.view.directionBox.currentData())
            self._flush()
            self.scripts.refresh()

    def set_direction(self, direction: str) -> None:
        """Switch the call's direction (as the agent does with the direction box)."""
        self.view.directionBox.setCurrentIndex(max(0, self.view.directionBox.findData(direction)))
        self._direction_picked()

    def _show_direction(self) -> None:
        d = self.call.direction if self.call is not None else self.calls.session.default_direction(self.picked_type())
        self.view.directionBox.setCurrentIndex(max(0, self.view.directionBox.findData(d)))

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
        self.scripts.refresh()  # ticking the identity check unfolds gated scripts; the disclosures follow

    def _item_text(self, item, at: dt.datetime | None) -> str:
        return item.label + (self.tr(" ✓ {time}").format(time=at.strftime("%H:%M:%S")) if at else "")

    # ---- cards and scripts (assist.ui.call_scripts) -------------------------------------
    def set_card(self, card: Card | None) -> None:
        """The panel calls this when the agent opens a card (None when it is closed)."""
        self.scripts.set_card(card)

    # ---- display -----------------------------------------------------------------------------
    def _refresh(self) -> None:
        v, call = self.view, self.call
        live = call is not None
        v.endCallButton.setEnabled(live)
        if not self.disclosures.reviewing:
            v.endCallButton.setText(self.tr("End call"))
        for w in (v.prevStageButton, v.nextStageButton, v.copyScriptButton, v.notesEdit):
            w.setEnabled(live)
        v.complaintFormButton.setVisible(live and self.calls.session.offers_complaint_form())
        # the call itself (caller, topic) is the panel's header line; here only the hint without a call
        v.callInfoLabel.setText("" if live else self.tr("No call in progress. Pick the call type and start the call."))
        stage = call.stage if call is not None else ""
        names = self.stage_names()
        parts = [f"<b>[{names[s]}]</b>" if s == stage else names[s] for s in CALL_STAGES]
        v.stageLabel.setText(" → ".join(parts))
        v.stageLabel.setAccessibleName(self.tr("Stage: {stage} ({n} of {total})").format(
            stage=names[stage], n=CALL_STAGES.index(stage) + 1, total=len(CALL_STAGES)) if live else self.tr("No call"))
        self._building = True
        row = v.checklistView.currentRow()
        v.checklistView.clear()
        for item, at in (call.checklist(call.stage) if call is not None else []):
            it = QListWidgetItem(self._item_text(item, at))
            it.setData(ROLE, item.id)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Checked if at else Qt.CheckState.Unchecked)
            v.checklistView.addItem(it)
        if v.checklistView.count():
            v.checklistView.setCurrentRow(min(max(row, 0), v.checklistView.count() - 1))
        v.checklistView.fit()
        v.checklistView.setVisible(bool(v.checklistView.count()))
        self._building = False
        self.scripts.refresh()

    def _show_explanation(self, text: str) -> None:
        self.view.lintLabel.setText(text)
        self.view.lintLabel.setVisible(bool(text))

    # ---- persistence --------------------------------------------------------------------------
    def _kb_version(self) -> str:
        return self.s.kb.version

    def _flush(self) -> None:
        self.calls.session.flush()
