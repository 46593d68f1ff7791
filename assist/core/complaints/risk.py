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
from functools import lru_cache
from pathlib import Path
from typing import Any

from assist.core.rulelang import Lexicon, Matcher, Pattern, Scope, SpecReader, load_lexicon
from assist.core.rulelang.lexicon import read_cues
from assist.core.rulelang.scope import ScopeCues
from assist.core.rulelang.text import cn_number as _cn_number
from assist.core.rulelang.text import NUMBER_RUN, norm
from assist.core.yamlfile import LDict, LList, RulesError, line_of, load_yaml

FLAGS = ("监管", "信访", "特殊身份", "舆情", "司法", "群体", "过激", "催收", "销售误导", "重复投诉", "特殊群体")
LEVELS = ("普通", "复杂", "重大")
MIN_EXAMPLES = 3
# names used by 0.1.0 records; shown and counted under the current name
FLAG_ALIASES = {"舆情/媒体": "舆情", "过激/极端": "过激"}
_FLAG_FIELDS = {"name", "level", "reason", "match", "unless", "window", "span", "examples", "scope"}
_MAJOR_FIELDS = {"id", "ground", "article", "match", "unless", "window", "span", "examples"}


class RiskRulesError(RulesError):
    """A bad risk rule file: ``path:line: message`` (``problems`` keeps the old list form)."""

    @property
    def problems(self) -> list[str]:
        return [str(self)]


def canonical_flag(name: str) -> str:
    return FLAG_ALIASES.get(name, name)


def cn_number(s: str) -> int:
    return _cn_number(s)


@dataclass(frozen=True)
class Example:
    text: str
    line: int


@dataclass(frozen=True)
class FlagRule:
    name: str
    level: str
    reason: str
    pattern: Pattern
    must: tuple[Example, ...] = ()
    must_not: tuple[Example, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class MajorRule:
    id: str
    ground: str
    article: str
    pattern: Pattern
    must: tuple[Example, ...] = ()
    must_not: tuple[Example, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Combination:
    flags: tuple[str, ...]
    level: str
    reason: str


@dataclass(frozen=True)
class RiskRules:
    flags: tuple[FlagRule, ...]
    major: tuple[MajorRule, ...]
    combine: tuple[Combination, ...]
    matcher: Matcher
    scope: Scope
    path: str = ""
    group_in_person_min: int = 20

    def flag(self, name: str) -> FlagRule:
        for f in self.flags:
            if f.name == name:
                return f
        raise KeyError(name)


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


# ---- loading ---------------------------------------------------------------------------------

def default_path() -> Path:
    from assist.paths import _bundle_root

    return _bundle_root() / "kb" / "rules" / "risk.yaml"


def load_risk_rules(path: str | Path | None = None) -> RiskRules:
    """Read ``risk.yaml`` (a file, or a KB / rules folder holding ``rules/risk.yaml``)."""
    p = Path(path) if path else default_path()
    if p.is_dir():
        p = p / "rules" / "risk.yaml" if (p / "rules").is_dir() else p / "risk.yaml"
    lex = p.parent / "lexicon.yaml"
    stamp = tuple(x.stat().st_mtime_ns if x.exists() else 0 for x in (p, lex))
    return _load(str(p), stamp)


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _fail(shown: str, container: Any, key: Any, msg: str) -> RiskRulesError:
    return RiskRulesError(shown, line_of(container, key), msg)


def _examples(shown: str, e: LDict, what: str) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    ex = e.get("examples")
    if not isinstance(ex, LDict):
        raise _fail(shown, e, "examples" if "examples" in e else "match",
                    f"{what} needs examples: {{flag: [...], pass: [...]}} with at least {MIN_EXAMPLES} sentences each")
    out = []
    for k in ex:
        if k not in ("flag", "pass"):
            raise _fail(shown, ex, k, f"unknown example list '{k}'; use flag and pass")
    for key in ("flag", "pass"):
        seq = ex.get(key)
        if not isinstance(seq, LList) or len(seq) < MIN_EXAMPLES:
            raise _fail(shown, ex, key if key in ex else "flag", f"{what} needs at least {MIN_EXAMPLES} '{key}' examples")
        if not all(isinstance(s, str) and s.strip() for s in seq):
            raise _fail(shown, ex, key, "an example must be a sentence (text)")
        out.append(tuple(Example(str(s), line_of(seq, i)) for i, s in enumerate(seq)))
    return out[0], out[1]


def _entries(shown: str, top: LDict, key: str) -> LList:
    val = top.get(key)
    if not isinstance(val, LList):
        raise _fail(shown, top, key if key in top else "version", f"'{key}:' must be a list of entries (- name: …)")
    return val


def _text(shown: str, e: LDict, key: str, required: bool = True) -> str:
    v = e.get(key)
    if v is None or (isinstance(v, str) and not v.strip()):
        if required:
            raise _fail(shown, e, key if key in e else next(iter(e), key), f"missing '{key}:'")
        return ""
    if not isinstance(v, (str, int)) or isinstance(v, bool):
        raise _fail(shown, e, key, f"'{key}' must be text")
    return str(v).strip()


@lru_cache(maxsize=8)
def _load(path: str, _stamp: tuple[int, ...]) -> RiskRules:
    p = Path(path)
    shown = _shown(p)
    lex_path = p.parent / "lexicon.yaml"
    lexicon = load_lexicon(lex_path, _shown(lex_path)) if lex_path.is_file() else Lexicon()
    try:
        top = load_yaml(p, shown)
    except RulesError as exc:
        raise RiskRulesError(exc.path, exc.line, exc.message) from None
    if not isinstance(top, LDict):
        raise RiskRulesError(shown, 1, "risk.yaml must be a mapping with flags:, major: and combine:")
    allowed = {"version", "scope", "defaults", "flags", "major", "combine"}
    for k in top:
        if k not in allowed:
            raise _fail(shown, top, k, f"unknown section '{k}'; allowed: {', '.join(sorted(allowed))}")
    try:
        cues = read_cues(shown, top["scope"], ScopeCues()) if "scope" in top else ScopeCues()
        spec = SpecReader(shown, lexicon.classes)
        d = top.get("defaults") or LDict()
        d_window = spec.window(d, 8) if isinstance(d, LDict) else 8
        d_span = spec.span(d, "sentence") if isinstance(d, LDict) else "sentence"
        flags: list[FlagRule] = []
        seq = _entries(shown, top, "flags")
        for i, e in enumerate(seq):
            if not isinstance(e, LDict):
                raise _fail(shown, seq, i, "each flag must be a mapping (name:, level:, reason:, match:, examples:)")
            for k in e:
                if k not in _FLAG_FIELDS:
                    raise _fail(shown, e, k, f"unknown field '{k}'; allowed: {', '.join(sorted(_FLAG_FIELDS))}")
            name = canonical_flag(_text(shown, e, "name"))
            if name not in FLAGS:
                raise _fail(shown, e, "name", f"unknown flag '{name}'; known: {', '.join(FLAGS)}")
            if any(f.name == name for f in flags):
                raise _fail(shown, e, "name", f"flag '{name}' is defined twice")
            level = _text(shown, e, "level", required=False) or "复杂"
            if level not in ("普通", "复杂"):
                raise _fail(shown, e, "level", "a flag's level must be 普通 or 复杂 (重大 comes only from major:, Art 29)")
            must, must_not = _examples(shown, e, f"flag '{name}'")
            flags.append(FlagRule(name, level, _text(shown, e, "reason"), spec.pattern(e, window=d_window, span=d_span),
                                  must, must_not, e.line))
        majors: list[MajorRule] = []
        if "major" in top:
            mseq = _entries(shown, top, "major")
            for i, e in enumerate(mseq):
                if not isinstance(e, LDict):
                    raise _fail(shown, mseq, i, "each major ground must be a mapping (id:, ground:, match:, examples:)")
                for k in e:
                    if k not in _MAJOR_FIELDS:
                        raise _fail(shown, e, k, f"unknown field '{k}'; allowed: {', '.join(sorted(_MAJOR_FIELDS))}")
                mid = _text(shown, e, "id")
                must, must_not = _examples(shown, e, f"major ground '{mid}'")
                majors.append(MajorRule(mid, _text(shown, e, "ground"), _text(shown, e, "article", required=False),
                                        spec.pattern(e, window=d_window, span=d_span), must, must_not, e.line))
        combos: list[Combination] = []
        if "combine" in top:
            cseq = _entries(shown, top, "combine")
            for i, e in enumerate(cseq):
                if not isinstance(e, LDict) or not isinstance(e.get("flags"), list) or len(e["flags"]) < 2:
                    raise _fail(shown, cseq, i, "a combination needs flags: [甲, 乙] (two or more), level: and reason:")
                names = tuple(canonical_flag(str(x)) for x in e["flags"])
                for n in names:
                    if n not in FLAGS:
                        raise _fail(shown, e, "flags", f"unknown flag '{n}'; known: {', '.join(FLAGS)}")
                level = _text(shown, e, "level")
                if level not in ("普通", "复杂"):
                    raise _fail(shown, e, "level", "a combination's level must be 普通 or 复杂")
                combos.append(Combination(names, level, _text(shown, e, "reason")))
    except RiskRulesError:
        raise
    except RulesError as exc:
        raise RiskRulesError(exc.path, exc.line, exc.message) from None
    flags.sort(key=lambda f: FLAGS.index(f.name))
    patterns: dict[Any, Pattern] = {("flag", f.name): f.pattern for f in flags}
    patterns.update({("major", m.id): m.pattern for m in majors})
    return RiskRules(tuple(flags), tuple(majors), tuple(combos), Matcher(patterns), Scope(cues), shown)


# ---- assessment ------------------------------------------------------------------------------

def assess_risk(text: str, rules: RiskRules | None = None, facts: RiskFacts | None = None) -> RiskResult:
    """Flags and level of a complaint text; ``facts`` (the form's structured Art 29 fields) are
    the grounds for 重大 that free text can only hint at."""
    rules = rules or load_risk_rules()
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
