"""The call the panel is in (Qt-free): one object the UI asks instead of deciding itself.

    session = CallSession(rules, recorder, clock=..., kb_version=...)
    session.start(caller="13812345678", topic="信用卡", call_type="投诉", source="ipc", direction="呼入")
    session.caller_masked          # "138****5678": what is shown and recorded
    session.context()              # what the bank already holds, for the complaint form (Art 13)
    session.end(force=True)        # -> missing disclosures

It holds the call id, the masked caller, the caller's full number (in memory only: it prefills
the complaint's callback number, which is then stored encrypted), the call context and the
:class:`~assist.core.guidance.calls.Call` model with ONE recorder. Without guidance rules (a
broken rules folder) there is no Call model, but the start and the end are still recorded.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any, Protocol

from assist.core.clock import utc_stamp
from assist.core.complaints.intake import call_context_defaults
from assist.core.guidance.calls import INBOUND, Call
from assist.core.guidance.lint import MissingDisclosure
from assist.core.guidance.rules import RuleSet
from assist.core.privacy import mask

Clock = Callable[[], dt.datetime]


class Store(Protocol):
    """The call functions of ``assist.core.storage.panel`` (each takes a Database first)."""

    def start_call(self, db: Any, call_id: str, at: str, caller_masked: str, topic: str, call_type: str = "",
                   source: str = "panel", direction: str = "") -> None: ...

    def end_call(self, db: Any, call_id: str, at: str) -> None: ...

    def add_call_event(self, db: Any, call_id: str, at: str, kind: str, detail: dict[str, Any]) -> None: ...


Submit = Callable[..., None]     # submit(fn, *args): run fn(db, *args) on the DB lane, in order


def utc_iso(at: dt.datetime) -> str:
    """Stored times are UTC (ISO 8601 with +00:00); the screen shows local time."""
    return utc_stamp(at, timespec="auto")


class CallRecorder:
    """Writes a call to SQLite (``calls``, ``call_events``) through the one DB lane, in order."""

    def __init__(self, submit: Submit, store: Store):
        self.submit, self.store = submit, store
        self._sent = 0

    def start(self, call_id: str, at: dt.datetime, caller_masked: str, topic: str, call_type: str, source: str,
              direction: str = "") -> None:
        self.submit(self.store.start_call, call_id, utc_iso(at), caller_masked, topic, call_type, source, direction)
        self._sent = 1          # the Call model's own 'call_start' event is the row written here

    def flush(self, call: Call) -> None:
        """Persist the events the Call recorded since the last flush (details hold no free text)."""
        events = call.events()
        for ev in events[self._sent:]:
            at = utc_iso(dt.datetime.fromisoformat(ev["at"]))
            self.submit(self.store.add_call_event, ev["call_id"], at, ev["kind"], ev["detail"])
            if ev["kind"] == "call_end":
                self.submit(self.store.end_call, ev["call_id"], at)
        self._sent = len(events)

    def end(self, call_id: str, at: dt.datetime) -> None:
        self.submit(self.store.end_call, call_id, utc_iso(at))


class CallSession:
    def __init__(self, rules: RuleSet | None, recorder: CallRecorder, *, clock: Clock,
                 kb_version: Callable[[], str] = lambda: "dev"):
        self.rules = rules
        self.recorder = recorder
        self.clock = clock
        self.kb_version = kb_version
        self.call_id: str | None = None
        self.call: Call | None = None          # the guidance model (None without rules)
        self.caller_masked = ""
        self.topic = ""
        self.started_at: dt.datetime | None = None
        self._context: dict[str, str] = {}     # memory only: the full number never reaches disk here

    @property
    def active(self) -> bool:
        return self.call_id is not None

    def start(self, caller: str = "", topic: str = "", call_type: str = "", source: str = "panel",
              caller_full: str = "", customer_name: str = "", default_type: str = "", direction: str = "") -> str:
        """Start a call; an open one is ended first. ``caller`` may be masked already; it is
        masked again either way (what the softphone sends is free text). ``direction`` (呼入/外呼,
        or inbound/outbound): as the softphone or the agent said; without it the call type's, else
        inbound (:class:`~assist.core.guidance.calls.Call`). Returns the call id."""
        if self.active:
            self.end(force=True)
        raw = caller or caller_full
        self.caller_masked = mask(raw) if raw else ""
        self.topic = mask(topic) if topic else ""
        now = self.clock()
        self.started_at = now
        self._context = call_context_defaults(now, phone=caller_full, customer_name=customer_name)
        if self.rules is not None:
            name = self.known_type(call_type) or default_type or next(iter(self.rules.call_types))
            self.call = Call(self.rules, name, clock=self.clock, kb_version=self.kb_version(), source=source,
                             direction=direction)
            self.call_id = self.call.call_id
            self.started_at = self.call.started_at
            self.recorder.start(self.call_id, self.call.started_at, self.caller_masked, self.topic, self.call.type.name, source,
                                self.call.direction)
        else:
            self.call = None
            self.call_id = uuid.uuid4().hex
            self.recorder.start(self.call_id, now, self.caller_masked, self.topic, call_type, source)
        return self.call_id

    def known_type(self, name: str) -> str | None:
        """The call type ``name`` names (name or code), or None (unknown or no rules)."""
        if not name or self.rules is None:
            return None
        try:
            return self.rules.call_type(name).name
        except ValueError:
            return None

    def default_direction(self, call_type: str) -> str:
        """The direction a call of this type starts with when nobody says one (呼入 without rules)."""
        name = self.known_type(call_type)
        return (self.rules.call_type(name).direction if name and self.rules is not None else "") or INBOUND

    def flush(self) -> None:
        if self.call is not None:
            self.recorder.flush(self.call)

    def missing_disclosures(self) -> list[MissingDisclosure]:
        return self.call.missing_disclosures() if self.call is not None else []

    def end(self, force: bool = False) -> list[MissingDisclosure]:
        """End the call; returns the disclosures it ended without."""
        if not self.active:
            return []
        missing: list[MissingDisclosure] = []
        if self.call is not None:
            missing = self.call.end()
            self.recorder.flush(self.call)
        else:
            self.recorder.end(self.call_id or "", self.clock())
        self.call_id, self.call, self._context = None, None, {}
        self.caller_masked = self.topic = ""
        return missing

    def offers_complaint_form(self) -> bool:
        """A complaint call offers the complaint form (the call type says so in call_types.yaml)."""
        return self.call is not None and self.call.type.complaint_form

    def context(self, settings: Any = None) -> dict[str, str]:
        """What the bank already holds about this call, for prefilling forms (Art 13): the agent
        and unit from the settings, and while a call is live its start, source, channel, the
        caller's number and name (in memory only) and the call id."""
        ctx: dict[str, str] = {}
        if settings is not None:
            ctx = {"staff_id": settings.get("agent.staff_id") or "", "org_unit": settings.get("org.name") or ""}
        if self.active:
            ctx.update(self._context, call_id=self.call_id or "")
        return {k: v for k, v in ctx.items() if v}
