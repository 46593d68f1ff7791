"""The phrase linter: forbidden phrases in free text and missing disclosures in a call.

    rules = load_rules("kb")
    for f in lint("放心，稳赚不赔", rules):
        print(f.start, f.end, f.rule, f.message, f.suggestion)

The same rules serve the panel (live marking), ``assist lint`` and ``assist kb check``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from assist.core.guidance import context as ctx
from assist.core.guidance._yaml import RulesError
from assist.core.guidance.rules import ForbiddenRule, RuleSet, load_rules

__all__ = ["Finding", "MissingDisclosure", "RuleSet", "RulesError", "check_disclosures", "lint", "load_rules"]


@dataclass(frozen=True)
class Finding:
    rule: str
    start: int  # character offsets into the linted text (Python str indices)
    end: int
    severity: str  # "error" | "warning"
    message: str  # the rule's reason
    suggestion: str  # alternative wording
    text: str = ""  # the matched phrase
    category: str = ""

    def to_json(self) -> dict:
        d = asdict(self)
        return {k: d[k] for k in ("rule", "start", "end", "severity", "message", "suggestion")}


@dataclass(frozen=True)
class MissingDisclosure:
    id: str
    label: str
    example: str = ""


def _suppressed(rule: ForbiddenRule, text: str, start: int, end: int) -> bool:
    if ctx.in_quotes(text, start) or ctx.in_reported_speech(text, start):
        return True
    for rx in rule.exceptions:
        lo = max(0, start - 20)
        for m in rx.finditer(text, lo, min(len(text), end + 20)):
            if m.start() <= start and end <= m.end():
                return True
    if rule.negatable and (ctx.is_negated(text, start, end) or ctx.is_question(text, start, end)):
        return True
    return False


def _rule_applies(rule: ForbiddenRule, call_type: str | None) -> bool:
    return not rule.call_types or call_type is None or call_type in rule.call_types


def lint(text: str, rules: RuleSet, call_type: str | None = None) -> list[Finding]:
    """Forbidden phrases in ``text``, sorted by position. ``call_type`` must be known to ``rules``."""
    name = rules.call_type(call_type).name if call_type else None
    out: list[Finding] = []
    for rule in rules.forbidden:
        if not _rule_applies(rule, name):
            continue
        taken: list[tuple[int, int]] = []
        for m in rule.regex.finditer(text):
            s, e = m.span()
            if s == e or any(a < e and s < b for a, b in taken):
                continue
            if _suppressed(rule, text, s, e):
                continue
            taken.append((s, e))
            out.append(Finding(rule.id, s, e, rule.severity, rule.reason, rule.suggestion, m.group(), rule.category))
    out.sort(key=lambda f: (f.start, -f.end, f.rule))
    return out


def disclosure_present(disclosure, texts: list[str]) -> bool:
    return any(disclosure.regex.search(t or "") for t in texts)


def check_disclosures(texts: list[str], rules: RuleSet, call_type: str | None) -> list[MissingDisclosure]:
    """Disclosures required for ``call_type`` (plus those for every call) not found in ``texts``."""
    return [MissingDisclosure(d.id, d.label, d.example)
            for d in rules.disclosures_for(call_type) if not disclosure_present(d, texts)]
