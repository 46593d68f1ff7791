"""The phrase linter: red lines in free text and missing disclosures in a call.

    rules = load_rules("kb")
    for f in lint("请把短信验证码念一下", rules):
        print(f.start, f.end, f.rule, f.message, f.suggestion)

The same rules serve the panel (live marking), ``assist lint`` and ``assist kb check`` (which
also runs every rule's examples through :func:`check_examples`). Linear in the text.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import asdict, dataclass
from typing import Any

from assist.core.guidance.rules import Disclosure, ForbiddenRule, RuleSet, load_rules
from assist.core.rulelang.engine import Candidate
from assist.core.rulelang.text import norm
from assist.core.yamlfile import RulesError

__all__ = ["Finding", "MissingDisclosure", "RuleSet", "RulesError", "check_disclosures", "check_examples",
           "explain", "lint", "load_rules"]


@dataclass(frozen=True)
class Finding:
    rule: str
    start: int  # character offsets into the linted text (Python str indices)
    end: int
    severity: str  # "error" | "warning"
    message: str  # the rule's reason
    suggestion: str  # alternative wording
    text: str = ""  # the matched words
    category: str = ""
    label: str = ""
    basis: str = ""

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        return {k: d[k] for k in ("rule", "start", "end", "severity", "message", "suggestion", "text", "category",
                                  "label", "basis")}

    def explanation(self) -> str:
        """One paragraph for the agent: what, why (with the basis), what to say instead."""
        head = f"「{self.text}」{self.label or self.category}"
        why = self.message + (f"（依据：{self.basis}）" if self.basis else "")
        return f"{head}：{why}" + (f"\n建议说法：{self.suggestion}" if self.suggestion else "")


@dataclass(frozen=True)
class MissingDisclosure:
    id: str
    label: str
    example: str = ""


@dataclass(frozen=True)
class Considered:
    """A match the linter saw, and why it did not count ('' = it counted)."""

    rule: str
    start: int
    end: int
    text: str
    cancelled_by: str


def _applies(rule: ForbiddenRule, call_type: str | None, text_kind: str | None) -> bool:
    if rule.call_types and call_type is not None and call_type not in rule.call_types:
        return False
    return text_kind is None or text_kind in rule.texts


def _considered(text: str, rules: RuleSet, keys: list[str],
                with_unless: bool = False) -> list[tuple[ForbiddenRule, Candidate, str]]:
    out: list[tuple[ForbiddenRule, Candidate, str]] = []
    dropped: dict[Hashable, list[Candidate]] | None = {} if with_unless else None
    found = rules.lint_matcher.candidates(text, keys, dropped)
    t = rules.scope.prepare(norm(text), [(c.start, c.end) for cands in found.values() for c in cands])
    by_id: dict[Hashable, ForbiddenRule] = {r.id: r for r in rules.forbidden}
    for rid, cands in found.items():
        rule = by_id[rid]
        for c in cands:
            out.append((rule, c, rules.scope.why(t, c, rule.scopes)))
    for rid, cands in (dropped or {}).items():
        out.extend((by_id[rid], c, "unless 排除") for c in cands)
    return out


def lint(text: str, rules: RuleSet, call_type: str | None = None, text_kind: str | None = None) -> list[Finding]:
    """Red lines in ``text``, sorted by position. ``call_type`` must be known to ``rules``;
    ``text_kind`` is one of ``script``, ``note``, ``complaint`` (None = any)."""
    name = rules.call_type(call_type).name if call_type else None
    keys = [r.id for r in rules.forbidden if _applies(r, name, text_kind)]
    out: list[Finding] = []
    counted: dict[tuple[str, int], list[int]] = {}    # (rule, start) -> ends of matches that count
    by_id = {r.id: r for r in rules.forbidden}
    for rule, c, why in _considered(text, rules, keys):
        if not why:
            counted.setdefault((rule.id, c.start), []).append(c.end)
    taken: dict[str, int] = {}
    for (rid, start), ends in sorted(counted.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if taken.get(rid, -1) > start:    # overlaps the rule's previous finding
            continue
        # the shortest match at this start, stretched to a longer word ending right after it
        # ("稳赚" → "稳赚不赔", "验证码念" → "验证码念一下"), never to a far-away second match
        end = min(ends)
        end = max(e for e in ends if e <= end + 4)
        taken[rid] = end
        rule = by_id[rid]
        out.append(Finding(rid, start, end, rule.severity, rule.reason, rule.suggestion,
                           text[start:end], rule.category, rule.label, rule.basis))
    out.sort(key=lambda f: (f.start, -f.end, f.rule))
    return out


def explain(text: str, rules: RuleSet, rule_ids: list[str] | None = None) -> list[Considered]:
    """Every match of the given rules (all if None), including those a scope rule cancelled."""
    keys = rule_ids if rule_ids is not None else [r.id for r in rules.forbidden]
    return [Considered(r.id, c.start, c.end, text[c.start:c.end], why)
            for r, c, why in sorted(_considered(text, rules, keys, with_unless=True), key=lambda x: (x[1].start, x[0].id))]


def disclosure_present(disclosure: Disclosure, texts: list[str], rules: RuleSet) -> bool:
    for t in texts:
        if not t:
            continue
        cands = rules.disclosure_matcher.candidates(t, [disclosure.id]).get(disclosure.id, [])
        if not cands:
            continue
        nt = rules.scope.prepare(norm(t), [(c.start, c.end) for c in cands])
        if any(not rules.scope.why(nt, c, disclosure.scopes) for c in cands):
            return True
    return False


def check_disclosures(texts: list[str], rules: RuleSet, call_type: str | None) -> list[MissingDisclosure]:
    """Disclosures required for ``call_type`` (plus those for every call) not found in ``texts``."""
    return [MissingDisclosure(d.id, d.label, d.example)
            for d in rules.disclosures_for(call_type) if not disclosure_present(d, texts, rules)]


def check_examples(rules: RuleSet) -> list[RulesError]:
    """Run every example of every rule and disclosure; one error per example that goes the wrong way."""
    problems: list[RulesError] = []
    for r in rules.forbidden:
        for ex in r.must:
            if not any(f.rule == r.id for f in lint(ex.text, rules)):
                seen = [c for c in explain(ex.text, rules, [r.id]) if c.cancelled_by]
                why = f" (matched 「{seen[0].text}」 but {seen[0].cancelled_by} cancelled it)" if seen else \
                    " (no pattern of the rule matches it)"
                problems.append(RulesError(r.path, ex.line, f"rule '{r.id}' does not flag its example "
                                                           f"'{ex.text}'{why}; fix the pattern or the example"))
        for ex in r.must_not:
            hits = [f for f in lint(ex.text, rules) if f.rule == r.id]
            if hits:
                problems.append(RulesError(r.path, ex.line, f"rule '{r.id}' flags its near-miss example '{ex.text}' "
                                                           f"at 「{hits[0].text}」; add an 'unless' pattern, a scope "
                                                           "rule or fix the pattern"))
    for d in rules.disclosures:
        for ex in d.must:
            if not disclosure_present(d, [ex.text], rules):
                problems.append(RulesError(d.path, ex.line, f"disclosure '{d.id}' is not found in its example "
                                                           f"'{ex.text}'; fix the pattern or the example"))
        for ex in d.must_not:
            if disclosure_present(d, [ex.text], rules):
                problems.append(RulesError(d.path, ex.line, f"disclosure '{d.id}' is found in its 'absent' example "
                                                           f"'{ex.text}'; narrow the pattern"))
    return problems
