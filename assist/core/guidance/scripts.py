"""The scripts the call page offers (Qt-free): which cards, which scripts of the current stage,
rendered with the placeholder values the call knows, folded behind the identity gate.

- ``find_topic_cards``: cards with scripts for the call's topic (the search's best hits).
- ``placeholder_values`` / ``call_deadline``: what fills ``{工号}``, ``{受理编号}``, ``{答复期限}`` …
  (``{答复期限}`` is the deadline engine's date: the linked complaint's due date, or before it is
  saved the earliest known receipt, the call start or the form's time; never later than the real one).
- ``build_entries``: the scripts of the current stage (the opened card first), rendered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from assist.core.complaints.deadlines import script_due
from assist.core.guidance import placeholders as ph
from assist.core.guidance.calls import Call
from assist.core.kb.model import Card

MAX_TOPIC_CARDS = 5


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


def topic_cards(call: Call, topic: str, kb: Any, search: Any = None) -> list[Card]:
    """The cards a call shows scripts of: its type's approved cards (``rules/call_types.yaml``),
    then the topic's (:func:`find_topic_cards`)."""
    by_id = kb.by_id()
    approved = [by_id[c] for c in call.type.cards if c in by_id]
    found = find_topic_cards(kb, topic, search) if topic else []
    return approved + [c for c in found if c not in approved]


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
