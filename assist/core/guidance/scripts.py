"""The scripts the call page offers (Qt-free): which cards, which scripts of the current stage and
the call's direction, rendered with the placeholder values the call knows, folded behind the
identity gate, grouped per card; and the missing disclosures with their example sentences filled.

- ``find_topic_cards``: cards with scripts for the call's topic (the search's best hits).
- ``placeholder_values`` / ``call_deadline``: what fills ``{工号}``, ``{受理编号}``, ``{答复期限}`` …
  (``{答复期限}`` is the deadline engine's date: the linked complaint's due date, or before it is
  saved the earliest known receipt, the call start or the form's time; never later than the real one).
- ``build_entries``: the scripts of the current stage (the opened card first), then the opened
  card's scripts of the other stages, rendered; a script for the other direction is left out.
- ``arrange``: the unfolded entries grouped per card (current stage first) and the folded ones,
  which the page shows as ONE line until the identity check or an override opens the gate.
- ``disclosure_lines``: the missing disclosures, each with its example filled from the same values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from assist.core.complaints.deadlines import script_due
from assist.core.guidance import placeholders as ph
from assist.core.guidance.calls import Call, PendingDisclosure
from assist.core.kb.model import CALL_STAGES, Card

MAX_TOPIC_CARDS = 5


@dataclass
class ScriptEntry:
    card: Card
    name: str
    template: str
    folded: bool  # behind the identity gate: text not shown
    text: str = ""  # rendered
    missing: list[str] = field(default_factory=list)  # placeholders to ask the agent for
    stage: str = ""  # the script's stage
    current: bool = True  # for the call's current stage (else one of the opened card's other stages)


@dataclass(frozen=True)
class ScriptGroup:
    """The shown (unfolded) scripts of one card, under one heading."""

    card: Card
    entries: tuple[ScriptEntry, ...]
    current: bool  # scripts of the current stage (else: the opened card's other stages)


@dataclass(frozen=True)
class DisclosureLine:
    """A disclosure not yet made, as the page lists it."""

    id: str
    label: str
    example: str  # filled with the call's values; an unknown value reads 【受理编号】
    stage: str    # the stage of its checklist item ("" = none)
    due: bool     # its stage is now or past (at the end of the call, every one)


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


def placeholder_values(settings: Any, call: Call | None, topic: str = "", complaint: dict[str, Any] | None = None) -> dict[str, str]:
    get = settings.get
    vals = {"工号": get("agent.staff_id"), "坐席姓名": get("agent.name"), "机构名称": get("org.name")}
    if topic:
        vals["来电事由"] = topic
    if call is not None:
        vals.update(call.values)
    if complaint and complaint.get("ticket_no"):
        vals["受理编号"] = complaint["ticket_no"]   # the saved ticket wins over anything typed before the save
    return {k: v for k, v in vals.items() if v}


def call_deadline(call: Call | None, settings: Any, today: dt.date, complaint: dict[str, Any] | None = None,
                  receipt_hint: str = "") -> dt.date | None:
    """``{答复期限}`` for this call: the deadline engine's date, never later than the real one."""
    if call is None:
        return None
    return script_due(complaint, (call.started_at, receipt_hint), today=today,
                      receipt_day_counts=bool(settings.get("complaints.receipt_day_counts")))


def script_values(call: Call | None, settings: Any, today: dt.date, topic: str = "", complaint: dict[str, Any] | None = None,
                  receipt_hint: str = "") -> tuple[dict[str, str], dt.date | None]:
    """The placeholder values and the ``{答复期限}`` date every script and example of the call uses."""
    vals = placeholder_values(settings, call, topic, complaint)
    deadline = call_deadline(call, settings, today, complaint, receipt_hint)
    if deadline is not None:
        vals.pop(ph.DEADLINE, None)   # the engine's date, not a date typed earlier in the call
    return vals, deadline


def build_entries(call: Call | None, card: Card | None, topic_cards: list[Card], settings: Any,
                  today: dt.date, topic: str = "", complaint: dict[str, Any] | None = None,
                  receipt_hint: str = "") -> list[ScriptEntry]:
    """Scripts of the current stage (the opened card first), then the opened card's scripts of the
    other stages, rendered; scripts for the other direction left out; C2/C3 folded until the gate opens."""
    if call is None:
        return []
    cards = [card] if card else []
    cards += [c for c in topic_cards if c not in cards]
    vals, deadline = script_values(call, settings, today, topic, complaint, receipt_hint)
    order = {s: i for i, s in enumerate(CALL_STAGES)}

    def entry(c: Card, b: Any, current: bool) -> ScriptEntry:
        r = ph.render(b.text, vals, today=today, deadline=deadline)
        return ScriptEntry(c, b.name or c.title, b.text, not call.gate_open(c.privacy_level, c.id), r.text, r.missing,
                           b.stage, current)

    def fits(b: Any) -> bool:
        return not b.direction or b.direction == call.direction

    out = [entry(c, b, True) for c in cards for b in c.scripts if (not b.stage or b.stage == call.stage) and fits(b)]
    if card:
        others = [b for b in card.scripts if b.stage and b.stage != call.stage and fits(b)]
        out += [entry(card, b, False) for b in sorted(others, key=lambda b: order.get(b.stage, 0))]
    return out


def arrange(entries: list[ScriptEntry]) -> tuple[list[ScriptGroup], list[ScriptEntry]]:
    """The unfolded entries grouped per card in order (the current stage's first), and the folded ones."""
    groups: list[ScriptGroup] = []
    for e in entries:
        if e.folded:
            continue
        if groups and groups[-1].card.id == e.card.id and groups[-1].current == e.current:
            last = groups.pop()
            groups.append(ScriptGroup(last.card, (*last.entries, e), last.current))
        else:
            groups.append(ScriptGroup(e.card, (e,), e.current))
    groups.sort(key=lambda g: not g.current)   # stable: keeps the order within each part
    return groups, [e for e in entries if e.folded]


def disclosure_lines(pending: list[PendingDisclosure], vals: dict[str, str], today: dt.date,
                     deadline: dt.date | None = None) -> list[DisclosureLine]:
    """The missing disclosures as the page lists them, the examples filled (see :func:`script_values`)."""
    out = []
    for p in pending:
        m = p.missing
        example = ph.render(m.example, vals, today=today, deadline=deadline, unfilled=ph.slot).text if m.example else ""
        out.append(DisclosureLine(m.id, m.label, example, p.stage, p.due))
    return out
