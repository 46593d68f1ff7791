"""Never lose a draft: debounced autosave through the DB lane, and restore after a crash.

``DraftKeeper`` belongs to a ComplaintController. ``touch()`` (every edit) restarts a
300 ms single-shot timer (but never defers a save more than 700 ms past the first unsaved edit); when it fires the form dict and the focused field name go to
``drafts.save_draft`` on the DB lane (never on the GUI thread). At most one save is in
flight; edits meanwhile are coalesced into one more save. The draft id is per panel
instance (``owner`` = host:pid:token). A ``DraftConflict`` (another panel took this draft
over) moves this form to a fresh draft id, so neither panel overwrites the other.

``check_restore()`` lists drafts of dead panels (``drafts.orphaned_drafts``) and offers the
newest (``offered`` signal; the controller shows the prompt); ``accept(draft)`` claims it
(only if still owned by the dead panel) and hands it to ``restored``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from assist.core.clock import local_minute
from assist.core.complaints import drafts
from assist.core.complaints.drafts import DraftConflict
from assist.ui.tasks import run_in_background

log = logging.getLogger("assist.complaints")
AUTOSAVE_MS = 300
MAX_WAIT_MS = 700   # continuous typing (no 300 ms pause) still saves at least this often


class DraftKeeper(QObject):
    saved = Signal(int)          # save counter of this draft
    failed = Signal(str)         # error class name (never the text typed)
    conflict = Signal()          # moved to a fresh draft id
    offered = Signal(list)       # [Draft] of dead panels, newest first
    restored = Signal(object)    # Draft (claimed)

    def __init__(self, lane: Any, cipher: Any, snapshot: Callable[[], tuple[dict, str]], parent: QObject | None = None):
        super().__init__(parent)
        self.lane, self.cipher, self.snapshot = lane, cipher, snapshot
        self.owner = drafts.new_owner_id()
        self.draft_id = drafts.new_draft_id()
        self.enabled = True
        self.offers: list = []
        self._inflight = False
        self._again = False
        self._dirty_since: float | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.save_now)

    # ---- autosave ----------------------------------------------------------------
    def touch(self) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if self._dirty_since is None:
            self._dirty_since = now
        if (now - self._dirty_since) * 1000 >= MAX_WAIT_MS:
            self.save_now()
        else:
            self.timer.start()

    def pending(self) -> bool:
        return self.timer.isActive() or self._inflight

    def save_now(self) -> None:
        self.timer.stop()
        if not self.enabled:
            return
        if self.lane.closed:   # the panel is quitting: finish_work saved the draft before the lane closed
            log.info("draft autosave after the database closed: skipped")
            return
        if self._inflight:
            self._again = True
            return
        form, cursor = self.snapshot()
        self._dirty_since = None
        self._inflight = True
        fut = self.lane.submit(drafts.save_draft, self.draft_id, self.owner, form, cursor, cipher=self.cipher)
        run_in_background(fut, self._done, self._failed)

    def _done(self, seq: int) -> None:
        self._inflight = False
        self.saved.emit(int(seq))
        if self._again:
            self._again = False
            self.save_now()

    def _failed(self, exc: BaseException) -> None:
        self._inflight = False
        if isinstance(exc, DraftConflict):
            self.draft_id = drafts.new_draft_id()
            self.conflict.emit()
            self.save_now()
            return
        log.warning("draft autosave failed", extra={"fields": {"error": type(exc).__name__}})
        self.failed.emit(type(exc).__name__)

    def new_draft(self) -> None:
        """After a save: the next form gets a fresh draft id."""
        self.timer.stop()
        self._again = False
        self.draft_id = drafts.new_draft_id()

    def discard(self) -> None:
        self.timer.stop()
        self.lane.submit(drafts.discard_draft, self.draft_id)
        self.draft_id = drafts.new_draft_id()

    # ---- restore -----------------------------------------------------------------
    def check_restore(self) -> None:
        run_in_background(self.lane.submit(drafts.orphaned_drafts, cipher=self.cipher), self._orphans, self._failed)

    def _orphans(self, drafts: list) -> None:
        self.offers = [d for d in drafts if d.form or d.state == "sealed"]
        if self.offers:
            self.offered.emit(list(self.offers))

    def accept(self, draft: Any) -> None:
        fut = self.lane.submit(drafts.claim_draft, draft.draft_id, self.owner, cipher=self.cipher, expected_owner=draft.owner)
        run_in_background(fut, self._claimed, self._failed)

    def _claimed(self, draft: Any) -> None:
        if draft is None:
            self.failed.emit("AlreadyClaimed")
            return
        self.offers = [d for d in self.offers if d.draft_id != draft.draft_id]
        self.timer.stop()
        self.draft_id = draft.draft_id
        self.restored.emit(draft)


def restore_prompt(parent: QWidget, draft: Any, accept: Callable[[], None]) -> QMessageBox:
    """The "restore this draft?" box (open, not modal-blocking); Yes calls ``accept``."""
    # literal translate calls: lupdate files them under the form's context
    box = QMessageBox(QMessageBox.Icon.Question, QApplication.translate("ComplaintController", "Restore complaint draft?"),
                      QApplication.translate("ComplaintController", "A complaint draft from {when} was not saved (the panel "
                                             "closed unexpectedly). Restore it?").format(when=local_minute(draft.updated_at)),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setObjectName("restoreDraftBox")
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    def clicked(button: Any) -> None:
        if box.standardButton(button) == QMessageBox.StandardButton.Yes:
            accept()

    box.buttonClicked.connect(clicked)
    box.open()
    return box
