"""PanelCalls: the call the panel is in — started and ended from the softphone, a button or a
key, shown by the call page (when guidance rules load) and the panel's header line ("In call: …",
wired in :mod:`assist.ui.panel`), and the context a complaint form is prefilled from.

The decisions and the recording are the core's :class:`~assist.core.guidance.session.CallSession`;
this object starts and ends it on the panel's behalf and says so with signals.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from assist.core.guidance.session import CallRecorder, CallSession
from assist.logging_setup import log_event
from assist.services import PanelServices
from assist.ui.tasks import run_in_background

log = logging.getLogger("assist.call")


class PanelCalls(QObject):
    callStarted = Signal(str, str)   # call id, topic (masked): the knowledge tab searches the topic
    callEnded = Signal(str)          # call id

    def __init__(self, services: PanelServices, parent: QObject | None = None):
        super().__init__(parent)
        self.s = services

        def submit(fn: Any, *args: Any) -> None:
            run_in_background(services.lane.submit(fn, *args))

        self.session = CallSession(services.kbs.current.rules, CallRecorder(submit, services.store),
                                   clock=services.clock, kb_version=lambda: services.kb.version)
        services.kbs.subscribe(self._kb_swapped)
        self.page: Any = None            # the call page controller (assist.ui.call_controller), if mounted

    def tr(self, text: str) -> str:  # type: ignore[override]  # context "PanelCalls" for lupdate
        return QCoreApplication.translate("PanelCalls", text)

    @property
    def call_id(self) -> str | None:
        return self.session.call_id

    def start(self, caller: str = "", topic: str = "", call_type: str = "", source: str = "panel",
              caller_full: str = "", customer_name: str = "", direction: str = "") -> str:
        """Start a call. ``direction`` (呼入/外呼): the softphone's; a call started here takes the one
        the agent picked on the call page; without either the core decides (the type's, else inbound)."""
        default = self.page.picked_type() if self.page is not None else ""
        if not direction and source != "ipc" and self.page is not None:
            direction = self.page.picked_direction(call_type)
        call_id = self.session.start(caller, topic, call_type, source, caller_full, customer_name, default_type=default,
                                     direction=direction)
        if self.page is not None:
            self.page.show_started()
        log_event(log, "call started", call_id=call_id, source=source)
        self.callStarted.emit(call_id, self.session.topic)
        return call_id

    def end(self, force: bool = True) -> bool:
        """End the call (from the softphone: ``force``, the missing list stays visible). With the
        call page, an unforced end first lists the missing disclosures."""
        if not self.session.active:
            return False
        if self.page is not None:
            return bool(self.page.end_call(force=force))
        call_id = self.session.call_id or ""
        self.session.end(force=True)
        self.ended(call_id)
        return True

    def label(self) -> str:
        """The header line for the call in progress ("" without one)."""
        if not self.session.active:
            return ""
        return self.tr("In call: {caller} {topic}").format(caller=self.session.caller_masked,
                                                           topic=self.session.topic).strip()

    def ended(self, call_id: str) -> None:
        """The call is over (ended here or on the call page)."""
        log_event(log, "call ended", call_id=call_id)
        self.callEnded.emit(call_id)

    def context(self) -> dict[str, str]:
        """What the bank already holds about the current call, for prefilling forms (Art 13)."""
        return self.session.context(self.s.settings)

    def _kb_swapped(self, _old: Any, new: Any) -> None:
        if new.rules is not None:
            self.session.rules = new.rules
