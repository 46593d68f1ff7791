"""Compliance judgement on our labelled data: linter recall per category, false alarms per kind,
risk flags and levels per corpus.

    .venv/bin/python -m benchmarks.bench_lint_quality [--show]

Targets (issue 12): linter ≥ 95 % flagged, ≤ 2 % false alarms; risk ≥ 90 % right (flags and level)
and no text raised to 重大 without Art 29 grounds. The corpora live in tests/core/data; each was
written blind to the rules (see the test modules). ``--show`` lists every miss and false alarm.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import yaml

from assist.core.complaints.risk import RiskFacts, assess_risk, load_risk_rules
from assist.core.guidance import load_rules
from assist.core.guidance.evaluate import evaluate, load_corpus

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "core" / "data"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="list misses and false alarms")
    args = ap.parse_args()
    rules = load_rules(ROOT / "kb")
    print(f"linter: {len(rules.forbidden)} rules in {len({r.category for r in rules.forbidden})} categories")
    for name in ("lint_corpus.yaml", "lint_corpus_heldout.yaml", "lint_corpus_heldout2.yaml"):
        rep = evaluate(rules, load_corpus(DATA / name))
        print(f"\n== {name}")
        for line in rep.lines():
            print("  " + line)
        if args.show:
            for it in rep.misses:
                print(f"  MISS [{it.get('category')}] {it['text']}")
            for it, found in rep.false_alarms:
                print(f"  FALSE ALARM [{it.get('kind')}] {it['text']} <- {', '.join(f.rule for f in found)}")
    risk = load_risk_rules(ROOT / "kb" / "rules" / "risk.yaml")
    print(f"\nrisk cues: {len(risk.flags)} flags, {len(risk.major)} Art 29 grounds")
    for name in ("risk_corpus.yaml", "risk_corpus_heldout.yaml", "risk_corpus_heldout2.yaml"):
        cases = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
        both = level = flags = false_major = 0
        per: Counter = Counter()
        per_ok: Counter = Counter()
        for c in cases:
            facts = RiskFacts(**c["facts"]) if c.get("facts") else None
            r = assess_risk(c["text"], risk, facts)
            got, exp = set(r.flag_names()), set(c["flags"])
            level += r.level == c["level"]
            flags += got == exp
            both += r.level == c["level"] and got == exp
            false_major += r.level == "重大" and c["level"] != "重大"
            for f in got | exp:
                per[f] += 1
                per_ok[f] += (f in got) == (f in exp)
            if args.show and (r.level != c["level"] or got != exp):
                print(f"  WRONG {c['level']} {sorted(exp)} -> {r.level} {sorted(got)} | {c['text']}")
        n = len(cases)
        print(f"== {name}: n={n} level {level / n:.3f}, flags {flags / n:.3f}, both {both / n:.3f}, "
              f"raised to 重大 without grounds: {false_major}")
        print("   per flag (right/seen): " + ", ".join(f"{f} {per_ok[f]}/{per[f]}" for f in sorted(per)))


if __name__ == "__main__":
    main()
