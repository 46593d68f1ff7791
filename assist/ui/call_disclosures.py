"""CallDisclosures: the disclosures a call still owes, shown LIVE on the call page.

During the call the list holds those due by now (their checklist item's stage is the current one
or past; :meth:`~assist.core.guidance.calls.Call.pending_disclosures` decides), each with its
example sentence filled from the call's values and the linked complaint (ticket number, reply due
date: :func:`~assist.core.guidance.scripts.disclosure_lines`); the ones of later stages wait for
their stage (their checklist items are there). It follows ticks, stages, copied scripts and the notes as they are typed (the notes count
without being stored). At the end the same list holds every missing disclosure: a first End
shows them and keeps the call open, a second End closes it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import QListWidgetItem

from assist.core.guidance.calls import PendingDisclosure
from assist.core.guidance.lint import MissingDisclosure
from assist.core.guidance.scripts import DisclosureLine, disclosure_lines

ROLE = Qt.ItemDataRole.UserRole
NOTES_IDLE_MS = 250   # the notes are checked again once typing pauses this long


class CallDisclosures(QObject):
    def __init__(self, view: Any, session: Any, scripts: Any, today: Any):
        super().__init__(view)
        self.view, self.session, self.scripts, self.today = view, session, scripts, today
        self.reviewing = False     # the first End listed what is missing; the call is still open
        self.lines: list[DisclosureLine] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTES_IDLE_MS)
        self._timer.timeout.connect(self.refresh)
        view.notesEdit.textChanged.connect(self._timer.start)
        scripts.changed.connect(self.refresh)

    def tr(self, text: str) -> str:  # type: ignore[override]  # context "CallDisclosures" for lupdate
        return QCoreApplication.translate("CallDisclosures", text)

    def notes(self) -> str:
        return self.view.notesEdit.toPlainText().strip()

    def refresh(self) -> None:
        """The live list: what is due by now and not said, ticked or noted yet."""
        call = self.session.call
        if call is None or call.ended_at is not None:
            return
        pending = call.pending_disclosures(extra_texts=[self.notes()])
        if self.reviewing:   # after a first End: every missing one, as at the end
            pending = [PendingDisclosure(p.missing, p.stage, True) for p in pending]
        self._show(self._lines(pending), ended=False)

    def show_end(self, missing: list[MissingDisclosure], ended: bool) -> None:
        """At the end: every missing disclosure (``ended``: the call is closed)."""
        self._show(self._lines([PendingDisclosure(m, "", True) for m in missing]), ended, at_end=True)

    def clear(self) -> None:
        self.reviewing = False
        self._timer.stop()
        self._show([], ended=False)

    def _lines(self, pending: list[PendingDisclosure]) -> list[DisclosureLine]:
        vals, deadline = self.scripts.values()
        return disclosure_lines(pending, vals, self.today(), deadline)

    def _show(self, lines: list[DisclosureLine], ended: bool, at_end: bool = False) -> None:
        v = self.view
        self.lines = lines
        due = [d for d in lines if d.due]
        v.missingDisclosuresView.clear()
        for d in due:
            it = QListWidgetItem(f"{d.label}：{d.example}" if d.example else d.label)
            it.setData(ROLE, d.id)
            it.setToolTip(d.example)
            v.missingDisclosuresView.addItem(it)
        v.missingDisclosuresView.fit()
        if ended:
            head = self.tr("The call ended without these disclosures:")
        elif at_end or self.reviewing:
            head = self.tr("Not yet said in this call (say it, or press End again to close):")
        else:
            head = self.tr("Still to say now ({n}):").format(n=len(due))
        v.missingLabel.setText(head)
        v.missingLabel.setVisible(bool(due))
        v.missingDisclosuresView.setVisible(bool(due))
