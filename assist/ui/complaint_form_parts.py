"""Parts of the complaint form's controller (:mod:`assist.ui.complaint_controller`):

- :func:`fill_options`: the form's choices from the active KB's taxonomy.
- :func:`show_saved`: what the form says after a save (ticket, due date, reminders), once.
- :func:`held_text`: what the bank already holds (not asked again), labelled and masked.
- :class:`FormPreview`: what the form tells the agent before saving — the reply due date from the
  deadline engine, and the risk level, flags and escalation card from the active KB's risk rules
  (the same rules ``assist complaints risk`` and the save use).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from assist.core.complaints import repo
from assist.core.complaints.casefile import when
from assist.core.complaints.deadlines import timeline
from assist.core.complaints.masking import mask_field
from assist.core.complaints.model import COMPLAINANT_TYPES, Complaint, label
from assist.core.complaints.risk import assess_risk, escalation_card
from assist.core.complaints.taxonomy import Taxonomy
from assist.ui.complaint_view import ORDER, TEXTS, ComplaintView

if TYPE_CHECKING:
    from assist.ui.complaint_controller import ComplaintServices

log = logging.getLogger("assist.complaints")
ART29 = ("people_count", "in_person", "arising_event", "regulator_designated")
LEVEL_STYLE = {"普通": "color:#2e7d32", "复杂": "background:#fff3e0;color:#e65100",
               "重大": "background:#ffebee;color:#b71c1c;font-weight:bold"}


def _code_text(tax: Taxonomy, dim: str, code: str, lab: str) -> str:
    # literal translate calls: lupdate files them under the form's context
    own = QApplication.translate("ComplaintController", " (our own class)") if tax.is_own(dim, code) else ""
    return f"{code} {lab}{own}"


def fill_options(view: ComplaintView, tax: Taxonomy) -> None:
    """The choices of every list field, from ``tax`` (the values shown are kept where still offered)."""
    names = {"本人": QApplication.translate("ComplaintController", "Consumer (self)"),
             "法定代理人": QApplication.translate("ComplaintController", "Legal guardian"),
             "委托代理人": QApplication.translate("ComplaintController", "Authorised agent"),
             "继承人": QApplication.translate("ComplaintController", "Heir"),
             "单位": QApplication.translate("ComplaintController", "Organisation")}
    view.set_options("complainant_type", [(names[t], t) for t in COMPLAINANT_TYPES], blank=False)
    view.set_options("source", [(s, s) for s in tax.options("sources")])
    view.set_options("id_doc_type", [(s, s) for s in tax.options("id_doc_types")])
    for f, dim in (("channel_A", "A_channel"), ("business_B", "B_business"), ("reason_C", "C_reason"),
                   ("ins_issue", "INS_issue"), ("ins_line", "INS_line")):
        view.set_options(f, [(_code_text(tax, dim, c, lab), c) for c, lab in tax.codes.get(dim, {}).items()])
    view.set_options("demand_D", [(lab, c) for c, lab in tax.codes.get("D_demand", {}).items()])
    fill_sub_options(view, tax)


def refill_options(view: ComplaintView, tax: Taxonomy) -> None:
    """Another KB's taxonomy: its choices, keeping the values chosen where still offered."""
    fields = ("source", "id_doc_type", "channel_A", "business_B", "reason_C", "ins_issue", "ins_line", "demand_D")
    values = {f: view.value(f) for f in (*fields, "business_B_sub")}
    fill_options(view, tax)
    for f in fields:
        view.set_value(f, values[f])
    fill_sub_options(view, tax)
    view.set_value("business_B_sub", values["business_B_sub"])


def fill_sub_options(view: ComplaintView, tax: Taxonomy) -> None:
    """Sub-categories of the chosen business category (B03 → the debit and credit-card sub-classes)."""
    keep = view.value("business_B_sub")
    subs = tax.children("B_business_sub", view.value("business_B")) if view.value("business_B") else {}
    view.set_options("business_B_sub", [(_code_text(tax, "B_business_sub", c, lab), c) for c, lab in subs.items()])
    if keep in subs:
        view.set_value("business_B_sub", keep)


def held_text(held: Mapping[str, Any], zh: bool) -> str:
    """What the bank already holds, in form order: labels in the UI's language, values masked,
    times as ``YYYY-MM-DD HH:MM``."""
    order = {f: i for i, f in enumerate(ORDER)}
    return "; ".join(f"{label(f)[0 if zh else 1]}: {when(v) if f.endswith('_at') else mask_field(f, v)}"
                     for f, v in sorted(held.items(), key=lambda kv: order.get(kv[0], len(order))))


def show_saved(view: ComplaintView, saved: Any, today: dt.date, zh: bool) -> str:
    """Show a save's result on the form, once: the ticket, the due date with the days left, the
    reminders and (no keyring) what was not kept. Returns the note the saved case shows first.
    (Literal translate calls: lupdate files them under the form's context.)"""
    ticket = QApplication.translate("ComplaintController", "Saved. Ticket number: {ticket}").format(ticket=saved.ticket_no)
    view.ticketLabel.setText(ticket)
    view.ticketLabel.setVisible(True)
    view.deadlineLabel.setVisible(bool(saved.due_date))
    if saved.due_date:
        due = dt.date.fromisoformat(saved.due_date)
        left = (due - today).days
        if saved.due_basis == "agreed":
            text = QApplication.translate("ComplaintController", "Reply due {date} (the date agreed with the customer, Art 21): "
                                          "{days} day(s) left").format(date=due.isoformat(), days=left)
        else:
            text = QApplication.translate("ComplaintController", "Reply due {date}: {days} day(s) left (calendar days from "
                                          "receipt)").format(date=due.isoformat(), days=left)
        if left <= 3:
            text = QApplication.translate("ComplaintController", "Warning: only {days} day(s) left. ").format(days=left) + text
        view.deadlineLabel.setStyleSheet("color:#b71c1c;font-weight:bold" if left <= 3 else "")
        view.deadlineLabel.setText(text)
    note = [ticket]
    if saved.notices:
        keyring = QApplication.translate("ComplaintController", "No system keyring is available: the full callback number was "
                                         "NOT stored, only its masked form. Confirm the number with the customer at callback.")
        view.noticeLabel.setText(keyring)
        view.noticeLabel.setVisible(True)
        note.append(keyring)
    reminders = [r.split(" / ")[0 if zh else -1] for r in saved.reminders]
    view.remindersLabel.setText("\n".join("※ " + r for r in reminders))
    view.remindersLabel.setVisible(bool(reminders))
    return "\n".join(note)


class FormPreview(QObject):
    def __init__(self, view: ComplaintView, services: ComplaintServices, form_data: Callable[[], dict[str, Any]]):
        super().__init__(view)
        self.view, self.s, self.form_data = view, services, form_data
        self.escalation_card_id: str | None = None

    def tr(self, text: str) -> str:  # type: ignore[override]  # context "FormPreview" for lupdate
        return QApplication.translate("FormPreview", text)

    # ---- due date -----------------------------------------------------------------
    def update_due(self) -> None:
        """The reply due date the form's values give, from the deadline engine (before saving)."""
        v = self.view
        try:
            tl = timeline(self.form_data(), self.s.clock().date())
        except Exception:  # noqa: BLE001 - a half-typed date: no preview yet, the save says what is wrong
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
        r = assess_risk(text, self.s.kbs.current.risk_rules, facts=facts) if text.strip() or has_facts else None
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
        v.riskLabel.setStyleSheet(LEVEL_STYLE[r.level] + ";padding:3px")
        v.riskLabel.setVisible(True)
        card = escalation_card(r)
        self.escalation_card_id = card
        if card:
            title = (self.s.card_title(card) if self.s.card_title else None) or card
            v.escalationLabel.setText(self.tr("High risk: escalate per the card “{title}” ({card}) before ending the call.").format(
                title=title, card=card))
        v.escalationLabel.setVisible(bool(card))
        v.escalateButton.setVisible(bool(card))
