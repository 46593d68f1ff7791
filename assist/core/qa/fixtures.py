"""Rubric examples as small calls: each fixture drives a real :class:`~assist.core.guidance.calls.Call`
(the model the call page uses) step by step, ends it, and assesses the recorded events.

A fixture in ``qa.yaml``::

    - call_type: 投诉
      steps:
        - tick: verify-identity            # a checklist item of the call type
        - stage: 业务处理                   # go to a stage;  stages: [身份核验, 业务处理] walks several
        - script: complaint-intake-fields  # a card's script (its first, or card-id/脚本名)
        - override: 客户已在IVR验证       # the identity gate overridden with this reason (whole call)
        - note: 请您把短信验证码念一下      # the agent's notes (linted as the panel does)
        - value: 回电时间                   # a placeholder answered
        - type: 理财                        # the call type changed
        - complaint: {facts: ……}            # a complaint saved in this call (the masked record)

The call ends after the last step (missing disclosures are computed as at a real end).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from assist.core.kb.model import Card
from assist.core.qa.assess import CallRecord, QaContext, run_item
from assist.core.qa.rubric import Fixture, Rubric, RubricItem
from assist.core.yamlfile import RulesError

STEP_KINDS = ("tick", "untick", "stage", "stages", "script", "override", "note", "value", "type", "complaint")
T0 = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


class FixtureError(ValueError):
    """A step that cannot be run (unknown card, item…): the message says which and why."""


def _script(cards: dict[str, Card], ref: str) -> tuple[Card, str, str]:
    cid, _, name = str(ref).partition("/")
    card = cards.get(cid.strip())
    if card is None:
        raise FixtureError(f"script: no card '{cid}' in the KB")
    if not card.scripts:
        raise FixtureError(f"script: card '{cid}' has no script")
    for b in card.scripts:
        if not name or b.name == name.strip():
            return card, b.name, b.text
    raise FixtureError(f"script: card '{cid}' has no script named '{name}'; it has {', '.join(b.name for b in card.scripts)}")


def run_fixture(fx: Fixture, rules: Any, cards: dict[str, Card]) -> CallRecord:
    """Play the fixture on a real Call and return what it recorded."""
    from assist.core.guidance.calls import Call, CallError

    tick = [T0]

    def clock() -> dt.datetime:
        tick[0] += dt.timedelta(seconds=5)
        return tick[0]

    try:
        call = Call(rules, fx.call_type, call_id="example", clock=clock, kb_version="example", source="example")
    except ValueError as exc:
        raise FixtureError(str(exc)) from None
    complaints: list[dict[str, Any]] = []
    extra: list[dict[str, Any]] = []
    try:
        for kind, value in fx.steps:
            if kind == "tick":
                call.tick(str(value))
            elif kind == "untick":
                call.untick(str(value))
            elif kind == "stage":
                call.go_to(str(value))
            elif kind == "stages":
                for s in (value if isinstance(value, list) else [value]):
                    call.go_to(str(s))
            elif kind == "script":
                card, name, text = _script(cards, value)
                call.use_script(card.id, name, text)
            elif kind == "override":
                call.override_identity_gate(str(value))
            elif kind == "note":
                call.add_note(str(value))
            elif kind == "value":
                call.set_value(str(value), "示例")
            elif kind == "type":
                call.set_call_type(str(value))
            elif kind == "complaint":
                rec = dict(value) if isinstance(value, dict) else {}
                rec.setdefault("ticket_no", "EXAMPLE-0001")
                complaints.append(rec)
                extra.append({"at": clock().isoformat(), "kind": "complaint_link",
                              "detail": {"complaint_id": "example", "ticket_no": rec["ticket_no"], "role": "intake"}})
        call.end()
    except (CallError, ValueError) as exc:
        raise FixtureError(str(exc)) from None
    events = [{"at": e["at"], "kind": e["kind"], "detail": e["detail"]} for e in call.events()]
    events = sorted(events + extra, key=lambda e: e["at"])
    return CallRecord.from_events(call.call_id, fx.call_type, events, complaints)


def check_item_examples(item: RubricItem, rules: Any, cards: dict[str, Card]) -> list[RulesError]:
    problems: list[RulesError] = []
    ctx = QaContext(cards=cards, rules=rules)
    for expect_pass, fixtures in ((True, item.must_pass), (False, item.must_fail)):
        for fx in fixtures:
            try:
                rec = run_fixture(fx, rules, cards)
            except FixtureError as exc:
                problems.append(RulesError(item.path, fx.line, f"item '{item.id}': example cannot be run: {exc}"))
                continue
            if not item.applies(rec.call_type):
                problems.append(RulesError(item.path, fx.line, f"item '{item.id}' does not apply to call type "
                                                               f"'{rec.call_type}' of its example; use one of {', '.join(item.call_types)}"))
                continue
            found = run_item(rec, item, ctx)
            if expect_pass and found:
                problems.append(RulesError(item.path, fx.line, f"item '{item.id}' finds something in its 'pass' example: "
                                                               f"{found[0].detail}; fix the example or the item"))
            elif not expect_pass and not found:
                problems.append(RulesError(item.path, fx.line, f"item '{item.id}' finds nothing in its 'fail' example; "
                                                               "fix the example or the item"))
    return problems


def check_qa_examples(rubric: Rubric, rules: Any, cards: dict[str, Card]) -> list[RulesError]:
    """Run every example of every rubric item (``assist kb check``); also that every card the
    rubric names exists. One error per example that goes the wrong way, at its own line."""
    problems: list[RulesError] = []
    for it in rubric.items:
        for cid in [it.card, *(it.params.get("cards") or {}).values()]:
            if cid and cid not in cards:
                problems.append(RulesError(it.path, it.line, f"item '{it.id}' names card '{cid}', which does not exist"))
        problems += check_item_examples(it, rules, cards)
    return problems
