"""Measure the linter against labelled sentences: recall per category, false alarms per kind.

A labelled file (YAML) has two lists::

    flag:      # a compliance officer must see these flagged
      - {text: 请把验证码念一下, category: secrets, call_type: null}
    must_not:  # near-misses that must stay clean
      - {text: 请不要把验证码告诉任何人, kind: warning}

``assist lint --eval FILE`` prints the figures; the test suite and
``benchmarks/bench_lint_quality.py`` use the same function.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assist.core.guidance.lint import Finding, lint
from assist.core.guidance.rules import RuleSet
from assist.core.yamlfile import RulesError, load_yaml


@dataclass
class LintReport:
    flagged: Counter[str] = field(default_factory=Counter)       # category -> sentences flagged
    flag_total: Counter[str] = field(default_factory=Counter)    # category -> sentences
    right_category: Counter[str] = field(default_factory=Counter)
    alarms: Counter[str] = field(default_factory=Counter)        # kind -> near-misses flagged
    clean_total: Counter[str] = field(default_factory=Counter)
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[tuple[dict[str, Any], list[Finding]]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        n = sum(self.flag_total.values())
        return sum(self.flagged.values()) / n if n else 1.0

    @property
    def false_alarm_rate(self) -> float:
        n = sum(self.clean_total.values())
        return sum(self.alarms.values()) / n if n else 0.0

    def lines(self) -> list[str]:
        out = ["category        flagged      recall   right category"]
        for c in sorted(self.flag_total):
            out.append(f"{c:14}  {self.flagged[c]:3}/{self.flag_total[c]:<3}    {self.flagged[c] / self.flag_total[c]:6.3f}   "
                       f"{self.right_category[c]}")
        out.append(f"{'ALL':14}  {sum(self.flagged.values()):3}/{sum(self.flag_total.values()):<3}    {self.recall:6.3f}")
        out.append("kind            false alarms")
        for k in sorted(self.clean_total):
            out.append(f"{k:14}  {self.alarms[k]:3}/{self.clean_total[k]:<3}")
        out.append(f"{'ALL':14}  {sum(self.alarms.values()):3}/{sum(self.clean_total.values()):<3}    rate {self.false_alarm_rate:.3f}")
        return out


class CorpusError(ValueError):
    pass


def load_corpus(path: str | Path) -> dict[str, list[dict[str, Any]]]:
    p = Path(path)
    try:
        data = load_yaml(p)
    except RulesError as exc:
        raise CorpusError(f"cannot read the labelled sentences: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("flag", []), list) or not isinstance(data.get("must_not", []), list):
        raise CorpusError(f"{p}: expected two lists, 'flag:' and 'must_not:', of {{text: ..., category/kind: ...}}")
    for key in ("flag", "must_not"):
        for i, it in enumerate(data.get(key) or []):
            if not isinstance(it, dict) or not isinstance(it.get("text"), str) or not it["text"].strip():
                raise CorpusError(f"{p}: {key} item {i + 1} has no 'text'")
    return {"flag": data.get("flag") or [], "must_not": data.get("must_not") or []}


def evaluate(rules: RuleSet, corpus: dict[str, list[dict[str, Any]]]) -> LintReport:
    codes = {r.id: r.category_code for r in rules.forbidden}
    rep = LintReport()
    for it in corpus["flag"]:
        cat = str(it.get("category") or "?")
        found = lint(it["text"], rules, it.get("call_type"))
        rep.flag_total[cat] += 1
        if found:
            rep.flagged[cat] += 1
            if any(codes.get(f.rule) == cat for f in found):
                rep.right_category[cat] += 1
        else:
            rep.misses.append(it)
    for it in corpus["must_not"]:
        kind = str(it.get("kind") or "?")
        found = lint(it["text"], rules, it.get("call_type"))
        rep.clean_total[kind] += 1
        if found:
            rep.alarms[kind] += 1
            rep.false_alarms.append((it, found))
    return rep
