"""Helpers of the call page (no widgets, no texts): services, script entries, recording.

- ``find_topic_cards`` / ``build_entries``: the approved scripts for the current stage, from the
  opened card and the call's topic, rendered with placeholder values, folded behind the gate.
- ``call_deadline``: the date ``{答复期限}`` promises, from the deadline engine (the linked complaint's
  due date, or before it is saved the earliest known receipt: the call start or the form's time).
- ``CallRecorder``: persists a Call's events in order on the DB lane (start, every step, end).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable

from assist.core.complaints.deadlines import script_due
from assist.core.guidance import placeholders as ph
from assist.core.guidance.calls import Call
from assist.core.kb.model import Card
from assist.ui.tasks import run_in_background

MAX_TOPIC_CARDS = 5


@dataclass
class CallServices:
    """What the call page needs; built by assist.app (composition root)."""

    kb: Any  # KnowledgeBase
    rules: Any  # guidance RuleSet
    settings: Any  # .get(key)
    lane: Any  # DbLane
    store: Any  # assist.core.storage.panel
    clipboard: Any = None  # .setText(str); None = QGuiApplication.clipboard()
    clock: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now().astimezone())
    kb_version: str = ""  # "" = kb.version
    search: Any = None  # optional: .search(query, limit=N) -> hits with .id (scripts for the topic)


@dataclass
class ScriptEntry:
    card: Card
    name: str
    template: str
    folded: bool  # behind the identity gate: text not shown
    text: str = ""  # rendered
    missing: list[str] = field(default_factory=list)  # placeholders to ask the agent for


def find_topic_cards(kb: Any, topic: str, search: Any = None, limit: int = MAX_TOPIC_CARDS) -> list[Card]:
    """Cards with scripts for the call's topic: the search service's best hits, else a plain match."""
    topic = (topic or "").strip()
    if not topic:
        return []
    by_id = kb.by_id()
    if search is not None:
        cards = [by_id[h.id] for h in search.search(topic, limit=limit * 3) if h.id in by_id]
    else:
        cards = [c for c in kb.cards if topic in c.title or any(topic in x for x in (*c.aliases, *c.tags))]
    return [c for c in cards if c.scripts][:limit]


def placeholder_values(settings: Any, call: Call | None, topic: str = "", complaint: dict | None = None) -> dict[str, str]:
    get = settings.get
    vals = {"工号": get("agent.staff_id"), "坐席姓名": get("agent.name"), "机构名称": get("org.name")}
    if topic:
        vals["来电事由"] = topic
    if call is not None:
        vals.update(call.values)
    if complaint and complaint.get("ticket_no"):
        vals["受理编号"] = complaint["ticket_no"]   # the saved ticket wins over anything typed before the save
    return {k: v for k, v in vals.items() if v}


def call_deadline(call: Call | None, settings: Any, today: dt.date, complaint: dict | None = None,
                  receipt_hint: str = "") -> dt.date | None:
    """``{答复期限}`` for this call: the deadline engine's date, never later than the real one."""
    if call is None:
        return None
    return script_due(complaint, (call.started_at, receipt_hint), today=today,
                      receipt_day_counts=bool(settings.get("complaints.receipt_day_counts")))


def build_entries(call: Call | None, card: Card | None, topic_cards: list[Card], settings: Any,
                  today: dt.date, topic: str = "", complaint: dict | None = None,
                  receipt_hint: str = "") -> list[ScriptEntry]:
    """Scripts of the current stage (the opened card first), rendered; C2/C3 folded until the gate opens."""
    if call is None:
        return []
    cards = [card] if card else []
    cards += [c for c in topic_cards if c not in cards]
    vals = placeholder_values(settings, call, topic, complaint)
    deadline = call_deadline(call, settings, today, complaint, receipt_hint)
    if deadline is not None:
        vals.pop(ph.DEADLINE, None)   # the engine's date, not a date typed earlier in the call
    out = []
    for c in cards:
        for b in c.scripts:
            if b.stage and b.stage != call.stage:
                continue
            r = ph.render(b.text, vals, today=today, deadline=deadline)
            out.append(ScriptEntry(c, b.name or c.title, b.text, not call.gate_open(c.privacy_level, c.id), r.text, r.missing))
    return out


class CallRecorder:
    """Writes a call to SQLite (calls, call_events) through the one DB lane, in order."""

    def __init__(self, lane: Any, store: Any):
        self.lane, self.store = lane, store
        self._sent = 0

    def _submit(self, fn, *args) -> None:
        run_in_background(self.lane.submit(fn, *args))

    def start(self, call: Call, caller_masked: str, topic: str, source: str) -> None:
        """The ``calls`` row and its 'start' event (stands for the model's call_start)."""
        self._submit(self.store.start_call, call.call_id, call.started_at.isoformat(), caller_masked, topic,
                     call.type.name, source)
        self._sent = 1

    def flush(self, call: Call) -> None:
        """Persist the events the Call recorded since the last flush (details hold no free text)."""
        events = call.events()
        for ev in events[self._sent:]:
            self._submit(self.store.add_call_event, ev["call_id"], ev["at"], ev["kind"], ev["detail"])
            if ev["kind"] == "call_end":
                self._submit(self.store.end_call, ev["call_id"], ev["at"])
        self._sent = len(events)
