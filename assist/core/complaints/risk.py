"""Complaint risk cues from ``kb/rules/risk.yaml`` (domain.md §6; Art 29 of 原银保监会令2020年第3号).

    r = assess_risk(text, rules, facts)
    r.level            普通 | 复杂 | 重大
    r.level_reason     why that level, always filled
    r.flags            [(flag, [words that triggered it])], in FLAGS order
    r.reasons          {flag: why the flag matters}
    r.major            [(Art 29 ground, [evidence])]
    r.negated          {flag: [words]}: mentions that were denied ("我不会去找媒体"); no flag, no level
    r.hints            what the agent should check on the form

Level: 重大 only on an Art 29 ground: the form's structured facts (head count in person, the
event the complaint arises from, a regulator designation) or, where the form says nothing, the
text cues of ``major:`` in the rule file (a head count is never read from an age). Otherwise
复杂 when a flag whose level is 复杂 is present, or a ``combine:`` rule holds; else 普通.
The rule file uses the same rule language as the linter (:mod:`assist.core.rulelang`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assist.core.complaints.risk_rules import FLAGS, LEVELS, RiskRules, canonical_flag, load_risk_rules
from assist.core.rulelang.text import NUMBER_RUN, norm
from assist.core.rulelang.text import cn_number as _cn_number
from assist.core.yamlfile import RulesError

__all__ = ["FLAGS", "LEVELS", "RiskFacts", "RiskResult", "RiskRules", "assess_risk", "canonical_flag",
           "check_risk_examples", "escalation_card", "load_risk_rules"]


def cn_number(s: str) -> int:
    return _cn_number(s)


@dataclass(frozen=True)
class RiskFacts:
    """Structured Art 29 facts recorded on the complaint form (never guessed from free text).

    ``people_count`` complainants, ``in_person`` (现场), ``arising_event``: the disaster, safety
    accident or public-health event the complaint ARISES from (empty = none), and
    ``regulator_designated``: the regulator designated it major.
    """

    people_count: int | None = None
    in_person: bool = False
    arising_event: str = ""
    regulator_designated: bool = False


@dataclass
class RiskResult:
    level: str
    flags: list[tuple[str, list[str]]] = field(default_factory=list)
    major: list[tuple[str, list[str]]] = field(default_factory=list)   # Art 29 grounds
    negated: dict[str, list[str]] = field(default_factory=dict)        # denied mentions
    reasons: dict[str, str] = field(default_factory=dict)
    level_reason: str = ""
    hints: list[str] = field(default_factory=list)

    @property
    def high(self) -> bool:
        return self.level != "普通"

    def flag_names(self) -> list[str]:
        return [f for f, _ in self.flags]

    def to_json(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "level_reason": self.level_reason,
            "flags": [{"flag": f, "evidence": ev, "reason": self.reasons.get(f, "")} for f, ev in self.flags],
            "major": [{"ground": g, "evidence": ev} for g, ev in self.major],
            "negated": [{"flag": f, "evidence": ev} for f, ev in self.negated.items()],
            "hints": list(self.hints),
        }

    def lines(self) -> list[str]:
        """Readable lines for people (``assist complaints risk``)."""
        out = [f"等级 {self.level}：{self.level_reason}"]
        for f, ev in self.flags:
            out.append(f"  提示 {f}：{'、'.join(ev)}（{self.reasons.get(f, '')}）")
        for g, ev in self.major:
            out.append(f"  重大 {g}：{'、'.join(ev)}")
        for f, ev in self.negated.items():
            out.append(f"  已否定（不设提示）{f}：{'、'.join(ev)}")
        for h in self.hints:
            out.append(f"  请核对：{h}")
        return out


# ---- assessment ------------------------------------------------------------------------------

def assess_risk(text: str, rules: RiskRules, facts: RiskFacts | None = None) -> RiskResult:
    """Flags and level of a complaint text under ``rules`` (those of the active KB:
    ``KbServices.risk_rules``); ``facts`` (the form's structured Art 29 fields) are the grounds
    for 重大 that free text can only hint at."""
    text = text or ""
    found = rules.matcher.candidates(text)
    t = rules.scope.prepare(norm(text), [(c.start, c.end) for cands in found.values() for c in cands])
    hits: dict[str, list[str]] = {}
    neg: dict[str, list[str]] = {}
    for fr in rules.flags:
        for c in found.get(("flag", fr.name), []):
            word = text[c.start:c.end]
            if rules.scope.why(t, c, ("negation",)):
                if word not in neg.setdefault(fr.name, []):
                    neg[fr.name].append(word)
            elif word not in hits.setdefault(fr.name, []):
                hits[fr.name].append(word)
    flags = [(f, hits[f]) for f in FLAGS if hits.get(f)]
    names = {f for f, _ in flags}
    reasons = {fr.name: fr.reason for fr in rules.flags if fr.name in names}

    major: list[tuple[str, list[str]]] = []
    hints: list[str] = []
    text_major = {m.id: [text[c.start:c.end] for c in found.get(("major", m.id), [])
                         if not rules.scope.why(t, c, ("negation",))] for m in rules.major}
    by_id = {m.id: m for m in rules.major}

    def ground(mid: str, fallback: str) -> str:
        m = by_id.get(mid)
        return f"{m.ground}（{m.article}）" if m and m.article else (m.ground if m else fallback)

    facts = facts or RiskFacts()
    # Art 29(2): the form's head count decides; text cues only when the form has none
    if facts.people_count is not None:
        if facts.people_count >= rules.group_in_person_min and facts.in_person:
            major.append((ground("group-in-person", "20人以上集体到现场投诉"), [f"表单：{facts.people_count}人，现场投诉"]))
        elif text_major.get("group-in-person"):
            hints.append(f"文本提到“{text_major['group-in-person'][0]}”，与表单人数/是否现场不一致，请核对（第二十九条）")
    elif text_major.get("group-in-person"):
        major.append((ground("group-in-person", "20人以上集体到现场投诉"), text_major["group-in-person"]))
        hints.append("请在表单填写投诉人数并勾选“现场投诉”（第二十九条第（二）项）")
    # Art 29(1)
    if facts.arising_event.strip():
        major.append((ground("arising-event", "因重大自然灾害、安全事故、公共卫生事件引发"), [f"表单：{facts.arising_event.strip()}"]))
    elif text_major.get("arising-event"):
        major.append((ground("arising-event", "因重大自然灾害、安全事故、公共卫生事件引发"), text_major["arising-event"]))
        hints.append("请在表单“引发事件”中写明引发投诉的灾害、事故或公共卫生事件（第二十九条第（一）项）")
    # Art 29(3)
    if facts.regulator_designated:
        major.append((ground("designation", "监管部门认定为重大消费投诉"), ["表单：监管认定"]))
    elif text_major.get("designation"):
        major.append((ground("designation", "监管部门认定为重大消费投诉"), text_major["designation"]))
        hints.append("请在表单勾选“监管认定重大”并记录认定文件（第二十九条第（三）项）")

    if not major and "群体" in names:
        counts = [_cn_number(m.group()) for w in dict(flags)["群体"] for m in NUMBER_RUN.finditer(w)]
        if any(n >= rules.group_in_person_min for n in counts):
            hints.append(f"人数达到{rules.group_in_person_min}人：如集体到现场投诉，即属重大消费投诉（第二十九条第（二）项），"
                         "请启动应急预案并在表单填写人数、勾选“现场投诉”")
    raising = [fr.name for fr in rules.flags if fr.name in names and fr.level == "复杂"]
    combo = next((cb for cb in rules.combine if set(cb.flags) <= names and cb.level == "复杂"), None)
    if major:
        level, why = "重大", "重大消费投诉：" + "；".join(g for g, _ in major)
    elif raising:
        level, why = "复杂", "风险提示：" + "、".join(raising)
    elif combo is not None:
        level, why = "复杂", combo.reason + "（" + "+".join(combo.flags) + "）"
    elif flags:
        level, why = "普通", "仅作提示：" + "、".join(f for f, _ in flags)
    else:
        level, why = "普通", "未发现风险提示"
    negated = {f: ws for f, ws in neg.items() if ws and f not in names}
    return RiskResult(level, flags, major, negated, reasons, why, hints)


def check_risk_examples(rules: RiskRules) -> list[RulesError]:
    """Every example of every flag and major ground, run; one error per example that goes the wrong way."""
    problems: list[RulesError] = []
    for fr in rules.flags:
        for ex in fr.must:
            r = assess_risk(ex.text, rules)
            if fr.name not in r.flag_names():
                extra = f" (denied: {'、'.join(r.negated[fr.name])})" if fr.name in r.negated else ""
                problems.append(RulesError(rules.path, ex.line, f"flag '{fr.name}' is not raised by its example "
                                                               f"'{ex.text}'{extra}; fix the pattern or the example"))
        for ex in fr.must_not:
            r = assess_risk(ex.text, rules)
            if fr.name in r.flag_names():
                ev = "、".join(dict(r.flags)[fr.name])
                problems.append(RulesError(rules.path, ex.line, f"flag '{fr.name}' is raised by its 'pass' example "
                                                               f"'{ex.text}' at 「{ev}」; add an 'unless' pattern or fix the pattern"))
    for m in rules.major:
        for ex in m.must:
            if not rules.matcher.candidates(ex.text, [("major", m.id)]):
                problems.append(RulesError(rules.path, ex.line, f"major ground '{m.id}' does not match its example "
                                                               f"'{ex.text}'; fix the pattern or the example"))
        for ex in m.must_not:
            if rules.matcher.candidates(ex.text, [("major", m.id)]):
                problems.append(RulesError(rules.path, ex.line, f"major ground '{m.id}' matches its 'pass' example "
                                                               f"'{ex.text}'; narrow the pattern"))
    return problems


# Escalation card per flag (kb/cards/升级处理/escalate-*.md), most specific first.
ESCALATION_CARDS: dict[str, str] = {
    "灾害": "escalate-disaster", "群体": "escalate-group", "过激": "escalate-self-harm",
    "监管": "escalate-regulator", "舆情": "escalate-media", "司法": "escalate-legal",
    "信访": "escalate-petition", "特殊身份": "escalate-special-identity", "催收": "collection-harassment",
    "销售误导": "wealth-misselling-complaint", "特殊群体": "escalate-vulnerable", "重复投诉": "escalate-repeat",
}


def escalation_card(result: RiskResult) -> str | None:
    """The KB card to show for a high-risk result (None for 普通)."""
    if not result.high:
        return None
    grounds = " ".join(r for r, _ in result.major)
    if "灾害" in grounds or "事故" in grounds:
        return ESCALATION_CARDS["灾害"]
    if "现场" in grounds:
        return ESCALATION_CARDS["群体"]
    names = result.flag_names()
    for flag, card in ESCALATION_CARDS.items():
        if flag in names:
            return card
    return "escalate-overview"
