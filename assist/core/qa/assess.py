"""The after-call quality check: a recorded call against the rubric (Qt-free, pure).

    record = CallRecord.from_events(call_id, call_type, events, complaints)
    result = assess(record, rubric, QaContext(cards=kb.by_id(), rules=rules))
    result.score, result.verdict, result.findings   # each finding names its item, card and detail

Only what the panel recorded is used (``call_events``: stages, ticks, overrides with their
reason, scripts used by card id, placeholder names answered, the rule ids a note tripped, the
disclosures missing at the end, complaint links) plus the linked complaints (masked) and the
KB (a card's privacy level, a script's template). Nothing the agent said aloud is known: a
promise made in the agent's own words is not seen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from assist.core.kb.model import CALL_STAGES, Card
from assist.core.qa.rubric import Rubric, RubricItem

GATED = ("C2", "C3")
IDENTITY_STAGE = "身份核验"
COMPLAINT_TEXT_FIELDS = ("request", "facts", "basis", "decision", "decision_basis")


@dataclass(frozen=True)
class QaFinding:
    item: str
    label: str
    red_line: bool
    weight: int
    detail: str                 # what was missed, for the agent and QA (never unmasked personal data)
    card: str = ""              # the card that explains it
    rule: str = ""              # a lint rule id or a disclosure id, when the finding comes from one
    text: str = ""              # the (masked) words a red-line rule matched

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class QaResult:
    call_id: str
    call_type: str
    score: int
    verdict: str                # 红线 | 合格 | 待改进
    red_line: bool
    findings: tuple[QaFinding, ...]
    rubric_version: str
    assessed_at: str            # UTC ISO 8601
    passed: tuple[str, ...] = ()    # ids of the items that applied and found nothing

    def to_json(self) -> dict[str, Any]:
        return {"call_id": self.call_id, "call_type": self.call_type, "score": self.score, "verdict": self.verdict,
                "red_line": self.red_line, "findings": [f.to_json() for f in self.findings],
                "rubric_version": self.rubric_version, "assessed_at": self.assessed_at, "passed": list(self.passed)}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> QaResult:
        return cls(str(d["call_id"]), str(d.get("call_type", "")), int(d["score"]), str(d["verdict"]), bool(d["red_line"]),
                   tuple(QaFinding(**f) for f in d.get("findings", [])), str(d.get("rubric_version", "")),
                   str(d.get("assessed_at", "")), tuple(d.get("passed", [])))


@dataclass
class CallRecord:
    """What the panel recorded about one call, in order."""

    call_id: str
    call_type: str                                   # the type at the end (after any change)
    events: list[dict[str, Any]]                     # {"at", "kind", "detail"}
    complaints: list[dict[str, Any]] = field(default_factory=list)   # linked complaints (masked records)

    @classmethod
    def from_events(cls, call_id: str, call_type: str, events: list[dict[str, Any]],
                    complaints: list[dict[str, Any]] | None = None) -> CallRecord:
        ct = call_type
        for e in events:
            d = e.get("detail") or {}
            if e["kind"] in ("call_start", "start") and d.get("call_type"):
                ct = d["call_type"]
            elif e["kind"] == "call_type" and d.get("new"):
                ct = d["new"]
        return cls(call_id, ct, list(events), list(complaints or []))

    def of(self, *kinds: str) -> list[dict[str, Any]]:
        return [e for e in self.events if e["kind"] in kinds]

    @property
    def ended(self) -> dict[str, Any] | None:
        ends = self.of("call_end")
        return ends[-1]["detail"] if ends else None


@dataclass
class QaContext:
    cards: dict[str, Card]                 # the KB by id
    rules: Any                             # guidance RuleSet (call types, disclosures, linter)
    clock: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now(dt.UTC))


def _ct(ctx: QaContext, name: str) -> Any:
    try:
        return ctx.rules.call_type(name)
    except ValueError:
        return None


# ---- checks: each returns a list of (detail, card, rule, text) --------------------------------

Hit = tuple[str, str, str, str]


def _stages(rec: CallRecord, it: RubricItem, ctx: QaContext) -> list[Hit]:
    wanted = it.params.get("stages") or CALL_STAGES
    seen = {CALL_STAGES[0]}
    for e in rec.of("stage"):
        seen.add(e["detail"].get("new", ""))
    missed = [s for s in wanted if s not in seen]
    return [(f"未经过阶段：{'、'.join(missed)}", it.card, "", "")] if missed else []


def _said(rec: CallRecord) -> set[str] | None:
    end = rec.ended
    return None if end is None else set(end.get("missing") or [])


def _checklist(rec: CallRecord, it: RubricItem, ctx: QaContext) -> list[Hit]:
    ct = _ct(ctx, rec.call_type)
    if ct is None:
        return []
    ticked: set[str] = set()
    for e in rec.of("tick", "untick"):
        (ticked.add if e["kind"] == "tick" else ticked.discard)(e["detail"].get("item", ""))
    missing_disclosures = _said(rec) or set()
    stages = it.params.get("stages")
    out = []
    for item in ct.checklist:
        if stages and item.stage not in stages:
            continue
        done = item.id in ticked or (item.disclosure and rec.ended is not None and item.disclosure not in missing_disclosures)
        if not done:
            out.append((f"清单未完成：{item.label}（{item.stage}）", it.card, item.id, ""))
    return out


def _gated_uses(rec: CallRecord, ctx: QaContext) -> list[tuple[dict[str, Any], bool, list[dict[str, Any]]]]:
    """Each use of a C2/C3 card's script: (event, identity verified before it, overrides before it)."""
    verified = False
    overrides: list[dict[str, Any]] = []
    out = []
    for e in rec.events:
        d = e.get("detail") or {}
        if e["kind"] == "tick" and d.get("stage") == IDENTITY_STAGE:
            verified = True
        elif e["kind"] == "identity_override":
            overrides.append(d)
        elif e["kind"] == "script_use":
            card = ctx.cards.get(d.get("card_id", ""))
            if card is not None and card.privacy_level in GATED:
                covering = [o for o in overrides if not o.get("card_id") or o.get("card_id") == card.id]
                out.append((d, verified, covering))
    return out


def _card_title(ctx: QaContext, cid: str) -> str:
    c = ctx.cards.get(cid)
    return c.title if c else cid


def _identity_before_content(rec: CallRecord, it: RubricItem, ctx: QaContext) -> list[Hit]:
    ct = _ct(ctx, rec.call_type)
    if ct is not None and not ct.identity_required:
        return []
    return [(f"未核验身份即使用{ctx.cards[d['card_id']].privacy_level}话术：{_card_title(ctx, d['card_id'])} · {d.get('script', '')}",
             it.card, d["card_id"], "")
            for d, verified, overrides in _gated_uses(rec, ctx) if not verified and not overrides]


def _identity_override(rec: CallRecord, it: RubricItem, ctx: QaContext) -> list[Hit]:
    out = []
    for e in rec.of("identity_override"):
        d = e["detail"]
        scope = f"卡片 {_card_title(ctx, d['card_id'])}" if d.get("card_id") else "整通电话"
        out.append((f"跳过身份核验（{scope}），原因：{d.get('reason', '')}", it.card, "", ""))
    return out


def _disclosures(rec: CallRecord, it: RubricItem, ctx: QaContext) -> list[Hit]:
    end = rec.ended
    if end is None:
        return []
    only, skip = it.params.get("only"), set(it.params.get("except") or ())
    cards = it.params.get("cards") or {}
    labels = {d.id: d for d in getattr(ctx.rules, "disclosures", ())}
    out = []
    for did in end.get("missing") or []:
        if (only and did not in only) or did in skip:
            continue
        d = labels.get(did)
        label = d.label if d else did
        example = f"（可以这样说：{d.example}）" if d is not None and d.example else ""
        out.append((f"缺少告知：{label}{example}", cards.get(did, it.card), did, ""))
    return out


def _lint_complaint(rec: CallRecord, ctx: QaContext) -> list[dict[str, Any]]:
    from assist.core.guidance.lint import lint

    out = []
    for c in rec.complaints:
        text = "\n".join(str(c.get(k) or "") for k in COMPLAINT_TEXT_FIELDS if c.get(k))
        if not text:
            continue
        for f in lint(text, ctx.rules, text_kind="complaint"):
            out.append({"rule": f.rule, "severity": f.severity, "text": f.text, "where": f"投诉单 {c.get('ticket_no', '')}"})
    return out


def _red_lines(rec: CallRecord, it: RubricItem, ctx: QaContext) -> list[Hit]:
    from assist.core.privacy import mask

    texts = it.params.get("texts") or ("note",)
    sev = it.params.get("severity") or ("error",)
    found: list[dict[str, Any]] = []
    if "note" in texts:
        for e in rec.of("note"):
            found += [{**f, "where": "通话备注"} for f in e["detail"].get("findings") or []]
    if "complaint" in texts:
        found += _lint_complaint(rec, ctx)
    by_id = {r.id: r for r in getattr(ctx.rules, "forbidden", ())}
    out = []
    for f in found:
        rule = by_id.get(f.get("rule", ""))
        severity = f.get("severity") or (rule.severity if rule else "error")
        if severity not in sev:
            continue
        label = rule.label or rule.category if rule else f.get("rule", "")
        why = f"：{rule.reason}" if rule and rule.reason else ""
        say = f" 建议说法：{rule.suggestion}" if rule and rule.suggestion else ""
        words = mask(str(f.get("text") or ""))[:40]
        out.append((f"{f.get('where', '')}「{words}」{label}{why}{say}", it.card, f.get("rule", ""), words))
    return out


def _complaint_registered(rec: CallRecord, it: RubricItem, ctx: QaContext) -> list[Hit]:
    if rec.of("complaint_link") or rec.complaints:
        return []
    return [("投诉来电未登记投诉单（也未关联已有投诉）", it.card, "", "")]


def _promises(rec: CallRecord, it: RubricItem, ctx: QaContext) -> list[str]:
    """Scripts used in the call whose approved text promises a callback (from the KB)."""
    if it.promise is None:
        return []
    from assist.core.rulelang import Matcher
    from assist.core.rulelang.text import norm

    m = Matcher({"p": it.promise})
    out = []
    for e in rec.of("script_use"):
        d = e["detail"]
        card = ctx.cards.get(d.get("card_id", ""))
        if card is None:
            continue
        for b in card.scripts:
            if b.name == d.get("script") or (not d.get("script") and b is card.scripts[0]):
                cands = m.candidates(b.text, ["p"]).get("p", [])
                if cands:
                    t = ctx.rules.scope.prepare(norm(b.text), [(c.start, c.end) for c in cands])
                    if any(not ctx.rules.scope.why(t, c, ("negation",)) for c in cands):
                        out.append(f"{card.title} · {b.name}")
    return out


def _callback(rec: CallRecord, it: RubricItem, ctx: QaContext) -> list[Hit]:
    promised = _promises(rec, it, ctx)
    if not promised:
        return []
    names = set(it.params.get("schedule_values") or ("回电时间",))
    scheduled = any(e["detail"].get("name") in names for e in rec.of("value")) or bool(rec.of("complaint_link") or rec.complaints)
    if scheduled:
        return []
    return [(f"承诺回电/答复（{'、'.join(dict.fromkeys(promised))}）但未约定时间，也未登记投诉单", it.card, "", "")]


CHECK_FUNCS: dict[str, Callable[[CallRecord, RubricItem, QaContext], list[Hit]]] = {
    "stages": _stages,
    "checklist": _checklist,
    "identity_before_content": _identity_before_content,
    "identity_override": _identity_override,
    "disclosures": _disclosures,
    "red_lines": _red_lines,
    "complaint_registered": _complaint_registered,
    "callback": _callback,
}


def run_item(rec: CallRecord, it: RubricItem, ctx: QaContext) -> list[QaFinding]:
    if not it.applies(rec.call_type):
        return []
    return [QaFinding(it.id, it.label, it.red_line, it.weight, detail, card, rule, text)
            for detail, card, rule, text in CHECK_FUNCS[it.check](rec, it, ctx)]


def assess(rec: CallRecord, rubric: Rubric, ctx: QaContext) -> QaResult:
    """Every rubric item that applies to the call's type; score = 100 − the weight of each item
    that found something (once per item), never below 0. Verdict: 红线 when a red-line item
    found something, else 合格 at or above ``pass_mark``, else 待改进."""
    findings: list[QaFinding] = []
    passed: list[str] = []
    lost = 0
    for it in rubric.items:
        if not it.applies(rec.call_type):
            continue
        got = run_item(rec, it, ctx)
        if got:
            findings += got
            lost += it.weight
        else:
            passed.append(it.id)
    score = max(0, 100 - lost)
    red = any(f.red_line for f in findings)
    verdict = "红线" if red else ("合格" if score >= rubric.pass_mark else "待改进")
    at = ctx.clock().astimezone(dt.UTC).isoformat(timespec="seconds")
    return QaResult(rec.call_id, rec.call_type, score, verdict, red, tuple(findings), rubric.version, at, tuple(passed))
