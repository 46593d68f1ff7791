"""Complaint risk assessment from ``kb/rules/risk_words.yaml`` (domain.md §6, Art 29).

``assess_risk(text) -> RiskResult(level, flags=[(flag, evidence words)])``.
Level: 重大 per Art 29 (≥ N people in person, regulator designation, major disaster);
else 复杂 when a flag whose ``level`` is 复杂 has a non-negated hit; else 普通.
Negated hits ("不会去找媒体") still set the flag (see the YAML header for why).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from assist.core.complaints.yamlsrc import SourceError, compose, construct, line, mapping_items

FLAGS = ("监管", "舆情/媒体", "司法", "信访", "群体", "过激/极端", "特殊群体", "重复投诉")
LEVELS = ("普通", "复杂", "重大")
_CLAUSE_END = re.compile(r"[，。！？；,.!?;\n]")
_NUM = "零一二两三四五六七八九十百几"
_PEOPLE = re.compile(rf"(\d+|[{_NUM}]+)\s*(?:多|余|来)?\s*(?:个|位|名|户)?\s*(?:人|客户|业主|储户|投资者|投资人|老人|家庭)")


class RiskRulesError(SourceError):
    pass


@dataclass(frozen=True)
class FlagRule:
    name: str
    level: str
    regex: re.Pattern[str] | None


@dataclass(frozen=True)
class RiskRules:
    flags: tuple[FlagRule, ...]
    negation: re.Pattern[str] | None
    window: int
    group_min: int
    group_in_person_min: int
    in_person: re.Pattern[str] | None
    designation: tuple[re.Pattern[str], ...]
    disaster: re.Pattern[str] | None


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
    major: list[tuple[str, list[str]]] = field(default_factory=list)   # Art 29 reasons
    negated: dict[str, list[str]] = field(default_factory=dict)        # hits in a negated clause

    @property
    def high(self) -> bool:
        return self.level != "普通"

    def flag_names(self) -> list[str]:
        return [f for f, _ in self.flags]

    def to_json(self) -> dict[str, Any]:
        return {"level": self.level, "flags": [{"flag": f, "evidence": ev} for f, ev in self.flags]}


def _alternation(words: list[str], patterns: list[str]) -> re.Pattern[str] | None:
    parts = [rf"(?<!\d){re.escape(w)}(?!\d)" if w.isdigit() else re.escape(w)
             for w in sorted(set(words), key=len, reverse=True)]
    parts += patterns
    return re.compile("|".join(parts)) if parts else None


def default_path() -> Path:
    from assist.paths import _bundle_root

    return _bundle_root() / "kb" / "rules" / "risk_words.yaml"


def load_risk_rules(path: str | Path | None = None) -> RiskRules:
    p = Path(path) if path else default_path()
    return _load(str(p), p.stat().st_mtime_ns if p.exists() else 0)


def _str_list(p: Path, node: Any, what: str, problems: list[str]) -> list[str]:
    val = construct(node) if node is not None else []
    if not isinstance(val, list) or not all(isinstance(v, (str, int)) and str(v).strip() for v in val):
        problems.append(f"{p}:{line(node)}: {what} must be a list of non-empty words, e.g. [媒体, 记者]")
        return []
    return [str(v) for v in val]


def _regexes(p: Path, node: Any, what: str, problems: list[str]) -> list[str]:
    out = []
    for rx in _str_list(p, node, what, problems):
        try:
            re.compile(rx)
            out.append(rx)
        except re.error as exc:
            problems.append(f"{p}:{line(node)}: {what}: bad regular expression {rx!r}: {exc}")
    return out


@lru_cache(maxsize=8)
def _load(path: str, _mtime: int) -> RiskRules:
    p = Path(path)
    root, problems = compose(p)
    if root is None:
        raise RiskRulesError(problems or [f"{p}:1: file is empty"])
    top = {str(k.value): v for k, v in mapping_items(p, root, "the file", problems)}
    flags: list[FlagRule] = []
    for k, v in mapping_items(p, top.get("flags", root), "flags", problems) if "flags" in top else []:
        name = str(k.value)
        if name not in FLAGS:
            problems.append(f"{p}:{line(k)}: unknown flag {name!r}; known: {', '.join(FLAGS)}")
            continue
        body = {str(a.value): b for a, b in mapping_items(p, v, f"flag {name}", problems)}
        level = str(getattr(body.get("level"), "value", "复杂"))
        if level not in ("普通", "复杂"):
            problems.append(f"{p}:{line(v)}: flag {name}: level must be 普通 or 复杂 (重大 comes from Art 29 rules)")
        words = _str_list(p, body["words"], f"flag {name} words", problems) if "words" in body else []
        pats = _regexes(p, body["patterns"], f"flag {name} patterns", problems) if "patterns" in body else []
        flags.append(FlagRule(name, level, _alternation(words, pats)))
    if "flags" not in top:
        problems.append(f"{p}:1: missing section 'flags'")
    major = {str(a.value): b for a, b in mapping_items(p, top["major"], "major", problems)} if "major" in top else {}
    cues = _str_list(p, top["negation_cues"], "negation_cues", problems) if "negation_cues" in top else []

    def _int(node: Any, default: int) -> int:
        if node is None:
            return default
        if not str(node.value).isdigit():
            problems.append(f"{p}:{line(node)}: expected a whole number, got {node.value!r}")
            return default
        return int(node.value)

    rules = RiskRules(
        flags=tuple(sorted(flags, key=lambda f: FLAGS.index(f.name))),
        negation=_alternation(cues, []),
        window=_int(top.get("negation_window"), 5),
        group_min=_int(major.get("group_min"), 5),
        group_in_person_min=_int(major.get("group_in_person_min"), 20),
        in_person=_alternation(_str_list(p, major["in_person_words"], "in_person_words", problems) if "in_person_words" in major else [], []),
        designation=tuple(re.compile(rx) for rx in (_regexes(p, major["regulator_designation"], "regulator_designation", problems) if "regulator_designation" in major else [])),
        disaster=_alternation(_str_list(p, major["disaster"], "disaster", problems) if "disaster" in major else [], []),
    )
    if problems:
        raise RiskRulesError(problems)
    return rules


def cn_number(s: str) -> int:
    """'20' → 20, '二十' → 20, '三十' → 30, '一百' → 100, '几十' → 20 (at least), '十' → 10."""
    if s.isdigit():
        return int(s)
    s = s.replace("两", "二").replace("几", "二")
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    total, cur = 0, 0
    for ch in s:
        if ch in digits:
            cur = digits[ch]
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        elif ch == "百":
            total += (cur or 1) * 100
            cur = 0
    return total + cur


def _negated(text: str, start: int, rules: RiskRules) -> bool:
    if rules.negation is None:
        return False
    before = text[max(0, start - rules.window):start]
    parts = _CLAUSE_END.split(before)
    return bool(rules.negation.search(parts[-1]))


def assess_risk(text: str, rules: RiskRules | None = None, facts: RiskFacts | None = None) -> RiskResult:
    """Flags and level of a complaint text; ``facts`` (the form's structured Art 29 fields) are
    the grounds for 重大 that free text can only hint at."""
    rules = rules or load_risk_rules()
    text = text or ""
    hits: dict[str, list[str]] = {}
    neg: dict[str, list[str]] = {}
    raising: set[str] = set()
    for fr in rules.flags:
        if fr.regex is None:
            continue
        for m in fr.regex.finditer(text):
            word = m.group(0)
            ev = hits.setdefault(fr.name, [])
            if word not in ev:
                ev.append(word)
            if _negated(text, m.start(), rules):
                if word not in neg.setdefault(fr.name, []):
                    neg[fr.name].append(word)
            elif fr.level == "复杂":
                raising.add(fr.name)
    major: list[tuple[str, list[str]]] = []
    people = [(m.group(0), cn_number(m.group(1))) for m in _PEOPLE.finditer(text)]
    big = [w for w, n in people if n >= rules.group_min]
    if big:
        ev = hits.setdefault("群体", [])
        ev.extend(w for w in big if w not in ev)
        raising.add("群体")
    crowd = [w for w, n in people if n >= rules.group_in_person_min]
    where = [m.group(0) for m in rules.in_person.finditer(text)] if rules.in_person else []
    if crowd and where:
        major.append(("群体现场投诉≥%d人" % rules.group_in_person_min, crowd + list(dict.fromkeys(where))))
    designated = [m.group(0) for rx in rules.designation for m in rx.finditer(text)]
    if designated:
        major.append(("监管认定重大", designated))
        ev = hits.setdefault("监管", [])
        ev.extend(w for w in designated if w not in ev)
    disaster = list(dict.fromkeys(m.group(0) for m in rules.disaster.finditer(text))) if rules.disaster else []
    if disaster:
        major.append(("重大灾害/事故/公共卫生事件", disaster))
    if facts is not None:
        if facts.people_count is not None and facts.people_count >= rules.group_in_person_min and facts.in_person:
            major.append(("群体现场投诉≥%d人" % rules.group_in_person_min, [f"{facts.people_count}人现场投诉（表单）"]))
        if facts.arising_event.strip():
            major.append(("重大灾害/事故/公共卫生事件", [facts.arising_event.strip()]))
        if facts.regulator_designated:
            major.append(("监管认定重大", ["监管认定重大（表单）"]))
    level = "重大" if major else ("复杂" if raising else "普通")
    flags = [(f, hits[f]) for f in FLAGS if hits.get(f)]
    negated = {f: ws for f, ws in neg.items() if ws and f not in raising}
    return RiskResult(level=level, flags=flags, major=major, negated=negated)


# Escalation card per flag (kb/cards/升级处理/escalate-*.md), most specific first.
ESCALATION_CARDS: dict[str, str] = {
    "灾害": "escalate-disaster", "群体": "escalate-group", "过激/极端": "escalate-self-harm",
    "监管": "escalate-regulator", "舆情/媒体": "escalate-media", "司法": "escalate-legal",
    "信访": "escalate-petition", "特殊群体": "escalate-vulnerable", "重复投诉": "escalate-repeat",
}


def escalation_card(result: RiskResult) -> str | None:
    """The KB card to show for a high-risk result (None for 普通)."""
    if not result.high:
        return None
    reasons = " ".join(r for r, _ in result.major)
    for key in ("灾害", "群体"):
        if key in reasons:
            return ESCALATION_CARDS[key]
    names = result.flag_names()
    for flag, card in ESCALATION_CARDS.items():
        if flag in names:
            return card
    return "escalate-overview"
