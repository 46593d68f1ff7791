"""CallScripts: the scripts pane of the call page — the approved scripts of the call type, the
topic's and the opened card's, rendered with the call's values (:mod:`assist.core.guidance.scripts`
decides which, for which stage and direction, and how), grouped under a heading per card (drawn by
:class:`~assist.ui.call_delegate.ScriptDelegate`: bold titles, separators, plain text only), the
prompts for missing placeholder values, one-key copy (masked, and recorded as a script use), and
the identity gate: scripts of C2/C3 cards are ONE line ("3 scripts shown after the identity check")
until the identity check is ticked or overridden with a reason (recorded; for the opened card
when it is one of them, else for the call)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QListWidgetItem

from assist.core.guidance import placeholders as ph
from assist.core.guidance.calls import Call, CallError
from assist.core.guidance.scripts import (
    ScriptEntry,
    arrange,
    build_entries,
    script_values,
)
from assist.core.guidance.session import CallSession
from assist.core.kb.model import Card
from assist.core.privacy import mask, mask_with_report
from assist.services import PanelServices
from assist.ui.call_delegate import BODY_ROLE, HEADING, KIND_ROLE, SCRIPT, TITLE_ROLE
from assist.ui.privacy_notice import PrivacyNotice


class CallScripts(QObject):
    changed = Signal()   # the scripts were rebuilt or one was used: what the call has said may differ

    def __init__(self, view: Any, services: PanelServices, session: CallSession):
        super().__init__(view)
        self.view, self.s, self.session = view, services, session
        self.card: Card | None = None            # the card the agent opened
        self.topic = ""
        self.topic_cards: list[Card] = []        # the call type's approved cards, then the topic's
        self.complaint: dict | None = None       # the complaint linked to this call (masked record)
        self.receipt_hint = ""                   # the complaint form's receipt time, before it is saved
        self._entries: list[ScriptEntry] = []
        self._rows: list[ScriptEntry | None] = []   # per list row: its script (None: a heading)
        self._stage = ""
        self._pending_copy = False

    def tr(self, text: str) -> str:  # type: ignore[override]  # context "CallScripts" for lupdate
        return QCoreApplication.translate("CallScripts", text)

    @property
    def call(self) -> Call | None:
        return self.session.call

    @property
    def clipboard(self) -> Any:
        return self.s.clipboard if self.s.clipboard is not None else QGuiApplication.clipboard()

    def reset(self, topic: str = "", topic_cards: list[Card] | None = None) -> None:
        """A call started (or ended: no topic): forget the previous call's card, link and values."""
        self.topic, self.topic_cards = topic, list(topic_cards or [])
        self.card, self.complaint, self.receipt_hint = None, None, ""

    def set_card(self, card: Card | None) -> None:
        """The panel calls this when the agent opens a card (None when it is closed)."""
        self.card = card
        self.refresh()

    def values(self) -> tuple[dict[str, str], Any]:
        """The call's placeholder values and ``{答复期限}`` date (also for the disclosures' examples)."""
        return script_values(self.call, self.s.settings, self.s.clock().date(), self.topic, self.complaint, self.receipt_hint)

    def refresh(self) -> None:
        v = self.view
        stage = self.call.stage if self.call is not None else ""
        kept = self.selected_entry() if stage == self._stage else None   # a new stage starts at its first script
        self._stage = stage
        self._entries = build_entries(self.call, self.card, self.topic_cards, self.s.settings,
                                      self.s.clock().date(), self.topic, self.complaint, self.receipt_hint)
        groups, folded = arrange(self._entries)
        v.scriptsView.clear()
        self._rows = []
        for g in groups:
            title = g.card.title if g.current else self.tr("{card} · other stages").format(card=g.card.title)
            self._add_row(HEADING, title, "", None)
            for e in g.entries:
                self._add_row(SCRIPT, e.name if e.current else f"[{e.stage}] {e.name}", ph.as_fields(e.text), e)
        rows = [i for i, e in enumerate(self._rows) if e is not None]
        same = [i for i, e in enumerate(self._rows) if e is not None and kept is not None
                and (e.card.id, e.name, e.current) == (kept.card.id, kept.name, kept.current)]   # the same script stays selected
        if rows:
            v.scriptsView.setCurrentRow((same or rows)[0])
        n = len(folded)
        cards = list(dict.fromkeys(e.card.title for e in folded))
        line = self.tr("{n} script(s) shown after the identity check").format(n=n)
        v.gateLabel.setText("※ " + line)
        v.gateLabel.setToolTip("\n".join(cards))
        v.gateLabel.setAccessibleName(line + ": " + "、".join(cards))
        v.gateLabel.setVisible(bool(folded))
        v.overrideButton.setVisible(bool(folded))
        if not folded:
            v.overrideReasonEdit.setVisible(False)
        self.build_prompts()
        self.changed.emit()

    def _add_row(self, kind: str, title: str, body: str, entry: ScriptEntry | None) -> None:
        it = QListWidgetItem(f"{title}\n{body}" if body else title)   # what a screen reader reads: plain text
        it.setData(KIND_ROLE, kind)
        it.setData(TITLE_ROLE, title)
        it.setData(BODY_ROLE, body)
        if entry is None:
            it.setFlags(Qt.ItemFlag.NoItemFlags)   # a heading: not selectable, skipped by the arrow keys
        else:
            it.setToolTip(body)
        self.view.scriptsView.addItem(it)
        self._rows.append(entry)

    def entries(self) -> list[ScriptEntry]:
        """The scripts the call offers now (the folded ones included), in order."""
        return list(self._entries)

    def row_of(self, entry: ScriptEntry) -> int:
        """The list row that shows ``entry`` (-1: not shown, e.g. folded)."""
        return next((i for i, e in enumerate(self._rows) if e is entry), -1)

    def selected_entry(self) -> ScriptEntry | None:
        r = self.view.scriptsView.currentRow()
        return self._rows[r] if 0 <= r < len(self._rows) else None

    def build_prompts(self) -> None:
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
        self.session.flush()
        self.refresh()
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
        self.call.use_script(e.card.id, e.name, text, self.s.kb.version)
        self.session.flush()
        v.statusLabel.setText(self.tr("Copied “{name}” to the clipboard.").format(name=e.name))
        v.scriptsView.setFocus()
        self.changed.emit()   # a copied script counts for the disclosures
        return text

    # ---- identity gate ------------------------------------------------------------------------
    def request_override(self) -> None:
        self.view.overrideReasonEdit.setVisible(True)
        self.view.overrideReasonEdit.setFocus()

    def confirm_override(self, reason: str) -> bool:
        """Unfold gated scripts with a non-empty reason: the opened card's when it is behind the
        gate (the agent chose that card), else every card's for the rest of the call."""
        if self.call is None:
            return False
        reason = (reason or "").strip()
        if not reason:
            self.view.statusLabel.setText(self.tr("An override needs a reason."))
            return False
        card = self.card
        card_id = card.id if card is not None and any(e.folded and e.card.id == card.id for e in self._entries) else None
        try:
            self.call.override_identity_gate(mask(reason), card_id)
        except CallError:
            return False
        self.session.flush()
        self.view.overrideReasonEdit.clear()
        self.view.overrideReasonEdit.setVisible(False)
        self.view.statusLabel.setText(self.tr("Identity check overridden; the reason was recorded."))
        self.refresh()
        self.view.scriptsView.setFocus()
        return True
