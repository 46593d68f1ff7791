"""A call in progress (Qt-free): type, direction, stage, checklist ticks, identity gate, script use.

The direction (呼入 inbound / 外呼 outbound) picks the opening scripts (a script block's
``direction=``): the one the softphone or the agent gave, else the call type's (``direction:`` in
call_types.yaml), else inbound. Until someone gives one, a change of call type brings its direction.

Everything that happens is appended to an event list; :meth:`Call.events` returns plain
dicts ``{"call_id", "at", "kind", "detail"}`` ready for the ``call_events`` table. Events
never hold free text the agent typed or a rendered script (those may carry personal data):
only ids, names, labels, lengths, the override reason and, for a note, the ids of the red-line
rules it trips with the few (masked) words each matched (the after-call quality check,
:mod:`assist.core.qa`, reads them).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from assist.core.guidance.lint import MissingDisclosure, check_disclosures, lint
from assist.core.guidance.rules import CallType, ChecklistItem, RuleSet
from assist.core.kb.model import CALL_STAGES, DIRECTIONS
from assist.core.privacy import mask

Clock = Callable[[], dt.datetime]
GATED_LEVELS = ("C2", "C3")
IDENTITY_STAGE = "身份核验"
INBOUND, OUTBOUND = DIRECTIONS
_DIRECTION_WORDS = {"呼入": INBOUND, "inbound": INBOUND, "in": INBOUND, "外呼": OUTBOUND, "outbound": OUTBOUND,
                    "out": OUTBOUND}


def normalize_direction(value: str | None) -> str:
    """呼入 / 外呼 from what a softphone or a command line may send (inbound, outbound…); "" if unknown."""
    return _DIRECTION_WORDS.get((value or "").strip().lower(), "")


class CallError(RuntimeError):
    """An action that does not fit the call's state (ended, unknown item, empty reason…)."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).astimezone()


@dataclass(frozen=True)
class PendingDisclosure:
    """A required disclosure not made yet, with the stage its checklist item belongs to ("" = none:
    it is due by the end). ``due``: that stage is the current one or already past."""

    missing: MissingDisclosure
    stage: str
    due: bool


@dataclass(frozen=True)
class ScriptUse:
    card_id: str
    script: str
    kb_version: str
    stage: str
    at: dt.datetime


class Call:
    def __init__(self, rules: RuleSet, call_type: str, *, call_id: str | None = None,
                 clock: Clock = _now, kb_version: str = "dev", source: str = "button", direction: str = ""):
        self.rules = rules
        self.call_id = call_id or uuid.uuid4().hex
        self._clock = clock
        self.kb_version = kb_version
        self.type: CallType = rules.call_type(call_type)
        self.stage = CALL_STAGES[0]
        self.ticks: dict[str, dt.datetime] = {}
        self.overrides: list[tuple[str, str | None]] = []  # (reason, card_id or None = whole call)
        self.uses: list[ScriptUse] = []
        self.values: dict[str, str] = {}  # placeholder answers kept for the rest of the call
        self._texts: list[str] = []  # rendered scripts and notes, for the disclosure check
        self._events: list[dict[str, Any]] = []
        self.ended_at: dt.datetime | None = None
        told = normalize_direction(direction)
        self.direction_told = bool(told)   # given by the softphone or the agent (a type change keeps it)
        self.direction = told or self.type.direction or INBOUND
        self.started_at = self._log("call_start", call_type=self.type.name, stage=self.stage,
                                    kb_version=kb_version, source=source, direction=self.direction)

    # ---- events ------------------------------------------------------------------
    def _log(self, kind: str, **detail: Any) -> dt.datetime:
        at = self._clock()
        self._events.append({"call_id": self.call_id, "at": at.isoformat(), "kind": kind, "detail": detail})
        return at

    def events(self) -> list[dict[str, Any]]:
        return [dict(e, detail=dict(e["detail"])) for e in self._events]

    def _live(self) -> None:
        if self.ended_at is not None:
            raise CallError("the call has ended")

    # ---- type and stages ---------------------------------------------------------
    def set_call_type(self, name: str) -> None:
        self._live()
        new = self.rules.call_type(name)
        if new.name != self.type.name:
            self._log("call_type", old=self.type.name, new=new.name)
            self.type = new
            if not self.direction_told:
                self._set_direction(new.direction or INBOUND)

    def set_direction(self, direction: str) -> None:
        """The agent (or the softphone) says which way the call goes: 呼入 or 外呼."""
        self._live()
        new = normalize_direction(direction)
        if not new:
            raise CallError(f"unknown direction '{direction}'; use {' or '.join(DIRECTIONS)}")
        self.direction_told = True
        self._set_direction(new)

    def _set_direction(self, new: str) -> None:
        if new != self.direction:
            self._log("direction", old=self.direction, new=new)
            self.direction = new

    def go_to(self, stage: str) -> None:
        self._live()
        if stage not in CALL_STAGES:
            raise CallError(f"unknown stage '{stage}'")
        if stage != self.stage:
            self._log("stage", old=self.stage, new=stage)
            self.stage = stage

    def next_stage(self) -> str:
        i = CALL_STAGES.index(self.stage)
        if i + 1 < len(CALL_STAGES):
            self.go_to(CALL_STAGES[i + 1])
        return self.stage

    def previous_stage(self) -> str:
        i = CALL_STAGES.index(self.stage)
        if i > 0:
            self.go_to(CALL_STAGES[i - 1])
        return self.stage

    # ---- checklist ---------------------------------------------------------------
    def checklist(self, stage: str | None = None) -> list[tuple[ChecklistItem, dt.datetime | None]]:
        """Items of the call type (of one stage if given) with the time each was ticked."""
        return [(it, self.ticks.get(it.id)) for it in self.type.checklist if stage is None or it.stage == stage]

    def _item(self, item_id: str) -> ChecklistItem:
        for it in self.type.checklist:
            if it.id == item_id:
                return it
        raise CallError(f"no checklist item '{item_id}' for call type {self.type.name}")

    def tick(self, item_id: str) -> dt.datetime:
        self._live()
        it = self._item(item_id)
        if item_id not in self.ticks:
            self.ticks[item_id] = self._log("tick", item=it.id, label=it.label, stage=it.stage)
        return self.ticks[item_id]

    def untick(self, item_id: str) -> None:
        self._live()
        it = self._item(item_id)
        if self.ticks.pop(item_id, None) is not None:
            self._log("untick", item=it.id, label=it.label, stage=it.stage)

    # ---- identity gate -----------------------------------------------------------
    @property
    def identity_verified(self) -> bool:
        """True once a checklist item of the 身份核验 stage is ticked."""
        return any(it.stage == IDENTITY_STAGE and it.id in self.ticks for it in self.type.checklist)

    def override_identity_gate(self, reason: str, card_id: str | None = None) -> None:
        """Unfold gated scripts before identity is verified (for one card, or the whole call)."""
        self._live()
        reason = (reason or "").strip()
        if not reason:
            raise CallError("an override needs a reason")
        self.overrides.append((reason, card_id))
        self._log("identity_override", reason=reason, card_id=card_id, stage=self.stage)

    def gate_open(self, privacy_level: str, card_id: str | None = None) -> bool:
        """May scripts of a card with this privacy level be shown unfolded now?"""
        if privacy_level not in GATED_LEVELS or self.identity_verified:
            return True
        return any(c is None or c == card_id for _r, c in self.overrides)

    # ---- scripts, values, notes ---------------------------------------------------
    def set_value(self, name: str, value: str) -> None:
        """Remember a placeholder answer for the rest of the call (the value is not logged)."""
        self._live()
        self.values[name] = value
        self._log("value", name=name)

    def use_script(self, card_id: str, script: str, text: str = "", kb_version: str | None = None) -> ScriptUse:
        """Record a copied script; ``text`` (rendered) counts towards the required disclosures."""
        self._live()
        at = self._log("script_use", card_id=card_id, script=script,
                       kb_version=kb_version or self.kb_version, stage=self.stage)
        use = ScriptUse(card_id, script, kb_version or self.kb_version, self.stage, at)
        self.uses.append(use)
        if text:
            self._texts.append(text)
        return use

    def add_note(self, text: str) -> None:
        """The agent's notes (already masked by the caller); the red lines they trip are recorded
        by rule id with the matched words masked again (never the note itself)."""
        self._live()
        self._texts.append(text)
        found = [{"rule": f.rule, "severity": f.severity, "text": mask(f.text)[:40]}
                 for f in lint(text, self.rules, self.type.name, "note")]
        self._log("note", chars=len(text), findings=found)

    # ---- disclosures and end -----------------------------------------------------
    def missing_disclosures(self, count_ticks: bool = True, extra_texts: Sequence[str] = ()) -> list[MissingDisclosure]:
        """Required disclosures not found in used scripts and notes (nor ticked, if ``count_ticks``).
        ``extra_texts``: texts that count without being kept, e.g. the notes as they are being typed."""
        done = {it.disclosure for it in self.type.checklist if count_ticks and it.disclosure and it.id in self.ticks}
        texts = [*self._texts, *(t for t in extra_texts if t)]
        return [m for m in check_disclosures(texts, self.rules, self.type.name) if m.id not in done]

    def pending_disclosures(self, extra_texts: Sequence[str] = ()) -> list[PendingDisclosure]:
        """The missing disclosures in the order of the call, each with its stage (that of its
        checklist item; none: the end) and whether it is due now (that stage is current or past)."""
        stage_of: dict[str, str] = {}
        for it in self.type.checklist:
            if it.disclosure:
                stage_of.setdefault(it.disclosure, it.stage)
        order = {s: i for i, s in enumerate(CALL_STAGES)}
        now = order[self.stage]
        out = []
        for m in self.missing_disclosures(extra_texts=extra_texts):
            stage = stage_of.get(m.id, "")
            out.append(PendingDisclosure(m, stage, order.get(stage, len(CALL_STAGES) - 1) <= now))
        return sorted(out, key=lambda p: order.get(p.stage, len(CALL_STAGES) - 1))

    # ---- end ---------------------------------------------------------------------

    def end(self, count_ticks: bool = True) -> list[MissingDisclosure]:
        self._live()
        missing = self.missing_disclosures(count_ticks)
        unticked = [it.id for it, at in self.checklist() if at is None]
        self.ended_at = self._log("call_end", stage=self.stage, missing=[m.id for m in missing], unticked=unticked)
        return missing
