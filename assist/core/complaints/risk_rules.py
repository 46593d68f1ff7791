"""The complaint risk rules of a KB (``rules/risk.yaml``; domain.md §6, Art 29 of 原银保监会令2020年第3号):
the flags with their level, reason, pattern and examples, the Art 29 text cues for 重大, and the
combinations. :func:`load_risk_rules` reads them (``path:line: message`` on any problem); the
assessment is :func:`assist.core.complaints.risk.assess_risk`. The rule file uses the same rule
language as the linter (:mod:`assist.core.rulelang`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from assist.core.rulelang import Lexicon, Matcher, Pattern, Scope, SpecReader, load_lexicon
from assist.core.rulelang.lexicon import read_cues
from assist.core.rulelang.scope import ScopeCues
from assist.core.yamlfile import Example, LDict, LList, RulesError, line_of, load_yaml

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


# ---- loading ---------------------------------------------------------------------------------

def load_risk_rules(path: str | Path) -> RiskRules:
    """Read ``risk.yaml`` (a file, or a KB / rules folder holding ``rules/risk.yaml``)."""
    p = Path(path)
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


