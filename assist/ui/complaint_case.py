"""ComplaintCaseController: one saved complaint as a case, opened from the records list
(Enter / double-click) or right after a save from the form. Wires :class:`ComplaintCaseView` to
:mod:`assist.core.complaints.case`; no business rules here: the core decides, refuses with the
rule's message, and records the change (revision + audit). What the case shows is the core's
too: the sections (``casefile.case_sections``, codes named from the active KB's taxonomy) and one
line per action (``summary()["actions"]``), in the UI's language. All database work goes through
the DB lane (``lane.submit`` + ``run_in_background``), never on the GUI thread.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLocale, QObject, Signal

from assist.core.complaints import case
from assist.core.complaints.casefile import case_sections, level_words, status_words
from assist.core.complaints.clocks import APPROVER_ROLES, PAUSE_TYPES
from assist.core.complaints.lifecycle import (
    NOTICE_METHODS,
    DecisionNotice,
    ReviewDecision,
    status_inputs,
)
from assist.ui.complaint_case_view import ACTIONS, ComplaintCaseView
from assist.ui.tasks import run_in_background


class ComplaintCaseController(QObject):
    closed = Signal()            # back to the list
    changed = Signal(str)        # complaint id: an action was saved
    loaded = Signal(str)         # complaint id: the case is shown
    callLinked = Signal(dict)    # the (masked) record, linked to the call in progress

    def __init__(self, view: ComplaintCaseView, lane: Any, actor: Callable[[], str],
                 today: Callable[[], dt.date] = dt.date.today, current_call: Callable[[], str | None] = lambda: None,
                 taxonomy: Callable[[], Any] = lambda: None):
        super().__init__(view)
        self.view, self.lane, self.actor, self.today = view, lane, actor, today
        self.current_call = current_call
        self.taxonomy = taxonomy       # the active KB's: names the A/B/C/D codes
        self.info: dict[str, Any] | None = None
        self.busy = False
        view.retranslate()
        names = {"status": self.tr("Change status"), "extend": self.tr("Extend the deadline"),
                 "pause": self.tr("Pause the clock (appraisal, testing, valuation, mediation)"),
                 "resume": self.tr("End the pause"), "repeat": self.tr("Repeat complaint"),
                 "agree": self.tr("Reply date agreed with the customer (Art 21)"),
                 "documents": self.tr("Documents received (Art 14)"), "assign": self.tr("Handler (Art 17 recusal)"),
                 "report": self.tr("Report a major complaint (Art 29)")}
        for a in ACTIONS:
            view.actionBox.addItem(names[a], a)
        view.extendDaysBox.addItem(self.tr("30 days (complex)"), 30)
        view.extendDaysBox.addItem(self.tr("60 days (approver and notice required)"), 60)
        view.approverRoleBox.addItem(self.tr("(none)"), "")
        for r in APPROVER_ROLES:
            view.approverRoleBox.addItem(r, r)
        for p in PAUSE_TYPES:
            view.pauseTypeBox.addItem(p, p)
        for m in NOTICE_METHODS:
            view.noticeMethodBox.addItem(m, m)
        view.actionBox.currentIndexChanged.connect(view.actionStack.setCurrentIndex)
        view.statusToBox.currentIndexChanged.connect(lambda _i: self._status_rows())
        view.applyButton.clicked.connect(self.apply)
        view.actCaseApply.triggered.connect(self.apply)
        view.backButton.clicked.connect(self.closed.emit)
        view.actCaseBack.triggered.connect(self.closed.emit)
        view.linkCallButton.clicked.connect(self.link_call)

    # ---- loading ------------------------------------------------------------------
    def open(self, ref: str, note: str = "") -> None:
        """Show complaint ``ref`` (id or ticket); fields reset for a fresh action. ``note``: what
        the form said on saving it (the ticket, the keyring notice), shown on top."""
        self.view.messageLabel.clear()
        self.view.savedLabel.setText(note)
        self.view.savedLabel.setVisible(bool(note))
        self.view.scrollArea.verticalScrollBar().setValue(0)   # the ticket and the due date first
        self._reset_inputs()
        self.reload(ref)

    def reload(self, ref: str | None = None) -> None:
        ref = ref or (self.info or {}).get("id")
        if ref:
            run_in_background(self.lane.submit(case.summary, ref, self.today()), self._show, self._failed)

    def _reset_inputs(self) -> None:
        v, today = self.view, self.today().isoformat()
        for e in (v.eventAtEdit, v.reasonEdit, v.decisionEdit, v.basisEdit, v.noticeSentAtEdit, v.evidenceEdit,
                  v.approverNameEdit, v.extensionNotifiedEdit, v.pauseToEdit, v.pauseNotifiedEdit, v.extendReasonEdit,
                  v.pauseBodyEdit, v.reviewerEdit, v.agreedDateEdit, v.agreementEvidenceEdit, v.handlerEdit,
                  v.reportToEdit):
            e.clear()
        for e in (v.pauseFromEdit, v.resumeDateEdit, v.repeatReceivedEdit, v.reviewDecidedAtEdit, v.agreedAtEdit,
                  v.documentsReceivedEdit):
            e.setText(today)
        v.reportAtEdit.setText(dt.datetime.combine(self.today(), dt.datetime.now().time()).strftime("%Y-%m-%d %H:%M"))
        for c in (*v.remedyChecks.values(), v.unreachableCheck, v.repeatNewFactsCheck):
            c.setChecked(False)
        v.approverRoleBox.setCurrentIndex(0)

    def _show(self, info: dict[str, Any]) -> None:
        v, self.info = self.view, info
        zh = QLocale().language() == QLocale.Language.Chinese
        v.titleLabel.setText(self.tr("{ticket} · {status} · {level}").format(
            ticket=info["ticket_no"], status=status_words(info["status"]).pick(zh), level=level_words(info["level"]).pick(zh)))
        v.dueLabel.setText(self._due_text(info))
        v.alertsLabel.setText("\n".join(("※ " if a["kind"] != "info" else "○ ") + (a["message"] if zh else a.get("message_en") or a["message"])
                                        for a in info["alerts"]))
        v.alertsLabel.setVisible(bool(info["alerts"]))
        v.show_sections([(s.key, s.title.pick(zh), [(r.field, r.label.pick(zh), r.value.pick(zh)) for r in s.rows])
                         for s in case_sections(info, self.taxonomy())])
        v.conflictCheck.setChecked(bool(info["conflict_of_interest"]))
        if not v.handlerEdit.text():
            v.handlerEdit.setText(info["handler"] or "")
        call = self.current_call()
        linked = {c["call_id"] for c in info["calls"]}
        v.linkCallButton.setVisible(bool(call) and call not in linked)
        current = v.statusToBox.currentData()
        v.statusToBox.blockSignals(True)
        v.statusToBox.clear()
        for s in info["next_statuses"]:
            v.statusToBox.addItem(status_words(s).pick(zh), s)
        if current in info["next_statuses"]:
            v.statusToBox.setCurrentIndex(v.statusToBox.findData(current))
        v.statusToBox.blockSignals(False)
        self._status_rows()
        v.historyView.clear()
        for a in info["actions"]:
            v.historyView.addItem(f"{a['at']}  {a['actor']}  {a['zh' if zh else 'en']}")
        v.historyView.scrollToBottom()
        self.loaded.emit(info["id"])

    def _due_text(self, info: dict[str, Any]) -> str:
        if not info["due_date"]:
            return self.tr("No due date (no time received)")
        if info["due_basis"] == "agreed":
            text = self.tr("Due {date} (agreed with the customer, Art 21; the {limit}-day limit is {statutory})").format(
                date=info["due_date"], limit=info["limit"], statutory=info["statutory_due_date"])
        else:
            text = self.tr("Due {date} ({limit}-day limit)").format(date=info["due_date"], limit=info["limit"])
        left = info["days_left"]
        if left is not None:
            text += " · " + (self.tr("{n} day(s) left").format(n=left) if left >= 0 else self.tr("{n} day(s) overdue").format(n=-left))
        if info["paused"]:
            text += " · " + self.tr("clock paused")
        if info["due_projected"] and info["days_left"] is not None:
            text += " · " + self.tr("the earliest date, while the pause lasts")
        return text

    # ---- the call in progress -----------------------------------------------------
    def link_call(self) -> None:
        """A follow-up: link this complaint and the call in progress (both records), then the
        call page fills {受理编号} and {答复期限} from it."""
        call, actor = self.current_call(), (self.actor() or "").strip()
        if self.info is None or not call or self.busy:
            return
        if not actor:
            self._message(self.tr("Set your staff number (agent.staff_id) in the settings first: every change records who made it."), True)
            return
        self.busy = True
        fut = self.lane.submit(case.link_call, self.info["id"], call, actor=actor)
        run_in_background(fut, self._linked, self._failed)

    def _linked(self, res: Any) -> None:
        self._done(res)
        run_in_background(self.lane.submit(case.load, res.saved.id), self.callLinked.emit)

    def _status_rows(self) -> None:
        v, to = self.view, self.view.statusToBox.currentData()
        need = status_inputs((self.info or {}).get("status") or "受理", to or "")   # the core decides what is asked
        for w in (v.basisEdit, *v.remedyChecks.values()):
            v.set_row_visible(w, need.notice)
        for w in (v.decisionEdit, v.noticeMethodBox, v.noticeSentAtEdit, v.evidenceEdit, v.unreachableCheck):
            v.set_row_visible(w, need.decision)
        for w in (v.reviewerEdit, v.reviewDecidedAtEdit):
            v.set_row_visible(w, need.review)
        v.set_row_visible(v.reasonEdit, need.reason)
        v.set_row_visible(v.eventAtEdit, need.event_date)
        if need.event_date_today and not v.eventAtEdit.text():
            v.eventAtEdit.setText(self.today().isoformat())
        v.statusToBox.setEnabled(v.statusToBox.count() > 0)

    # ---- actions ------------------------------------------------------------------
    def _call(self) -> tuple[Callable, tuple, dict] | None:
        v, act = self.view, self.view.actionBox.currentData()
        text = lambda e: e.text().strip() or None  # noqa: E731
        if act == "status":
            to = v.statusToBox.currentData()
            if not to:
                return None
            if to == "核查中":
                return case.request_review, (text(v.eventAtEdit) or "",), {}
            notice = review = None
            need = status_inputs((self.info or {}).get("status") or "受理", to)
            if need.review:
                review = ReviewDecision(v.reviewerEdit.text(), v.decisionEdit.text(), v.reviewDecidedAtEdit.text().strip(),
                                        v.noticeMethodBox.currentData() or "", v.noticeSentAtEdit.text().strip(),
                                        v.evidenceEdit.text().strip(), unreachable=v.unreachableCheck.isChecked())
            if need.notice:
                notice = DecisionNotice(v.decisionEdit.text(), v.basisEdit.text(),
                                        tuple(r for r, c in v.remedyChecks.items() if c.isChecked()),
                                        v.noticeMethodBox.currentData() or "", v.noticeSentAtEdit.text().strip(),
                                        v.evidenceEdit.text().strip(), unreachable=v.unreachableCheck.isChecked())
            return case.change_status, (to,), {"at": text(v.eventAtEdit), "reason": v.reasonEdit.text(), "notice": notice,
                                               "review": review}
        if act == "extend":
            return case.extend, (v.extendDaysBox.currentData(),), {
                "approver_role": v.approverRoleBox.currentData() or "", "approver": v.approverNameEdit.text(),
                "notified_at": text(v.extensionNotifiedEdit), "reason": v.extendReasonEdit.text()}
        if act == "pause":
            return case.pause, (v.pauseTypeBox.currentData(), v.pauseFromEdit.text(), text(v.pauseToEdit)), {
                "notified_at": text(v.pauseNotifiedEdit), "body": v.pauseBodyEdit.text()}
        if act == "resume":
            return case.resume, (v.resumeDateEdit.text(),), {}
        if act == "agree":
            return case.agree, (v.agreedDateEdit.text(), v.agreementEvidenceEdit.text()), {"agreed_at": text(v.agreedAtEdit)}
        if act == "documents":
            return case.documents_received, (v.documentsReceivedEdit.text(),), {}
        if act == "assign":
            return case.assign_handler, (v.handlerEdit.text(),), {"conflict_of_interest": v.conflictCheck.isChecked()}
        if act == "report":
            return case.report_major, (v.reportToEdit.text(), v.reportAtEdit.text().strip().replace(" ", "T", 1)), {}
        return case.repeat, (v.repeatReceivedEdit.text(), v.repeatNewFactsCheck.isChecked()), {}

    def apply(self) -> None:
        if self.info is None or self.busy:
            return
        actor = (self.actor() or "").strip()
        if not actor:
            self._message(self.tr("Set your staff number (agent.staff_id) in the settings first: every change records who made it."), True)
            return
        call = self._call()
        if call is None:
            self._message(self.tr("This complaint is closed: its status can no longer change."), True)
            return
        fn, args, kw = call
        self.busy = True
        self.view.applyButton.setEnabled(False)
        self._message(self.tr("Saving…"), False)
        fut = self.lane.submit(fn, self.info["id"], *args, actor=actor, **kw)
        run_in_background(fut, self._done, self._failed)

    def _done(self, res: Any) -> None:
        self._idle()
        text = self.tr("Saved (revision {n}).").format(n=res.saved.revision)
        self._message("\n".join((text, *res.notes)), False)
        self._reset_inputs()
        self.reload()
        self.changed.emit(res.saved.id)

    def _failed(self, exc: BaseException) -> None:
        self._idle()
        if isinstance(exc, ValueError):   # refused by the rules: the core's message says why and how to fix it
            self._message(self.tr("Refused: {reason}").format(reason=exc), True)
        else:
            self._message(self.tr("Could not save ({error}); try again.").format(error=type(exc).__name__), True)

    def _idle(self) -> None:
        self.busy = False
        self.view.applyButton.setEnabled(True)

    def _message(self, text: str, error: bool) -> None:
        lab = self.view.messageLabel
        lab.setStyleSheet("color:#b71c1c" if error else "color:#1b5e20")
        lab.setText(text)
        lab.setProperty("error", error)


__all__ = ["ComplaintCaseController", "ComplaintCaseView"]
