"""Rule files in ``kb/rules/``: lint rules, required disclosures, call types, the lexicon.

    kb/rules/lexicon.yaml        word classes ($索要, $验证码 …) and scope cues
    kb/rules/lint/*.yaml         what an agent must not say or write, one file per category
    kb/rules/disclosures.yaml    what each call type must say
    kb/rules/call_types.yaml     call types, stage checklists and approved script cards

:func:`load_rules` reads and checks them all; any problem raises a :class:`RulesError` whose
text is ``path:line: message``. Every lint rule and disclosure carries examples (at least
three that must match and three near-misses that must not); :func:`check_examples` runs them
(``assist kb check``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assist.core.kb.model import CALL_STAGES, DIRECTIONS
from assist.core.rulelang import SCOPES, Lexicon, Matcher, Pattern, Scope, SpecReader, load_lexicon
from assist.core.rulelang.lexicon import words
from assist.core.yamlfile import Example, LDict, LList, RulesError, line_of, load_yaml, text_field

SEVERITIES = ("error", "warning")
TEXT_KINDS = ("script", "note", "complaint")   # KB scripts, the agent's own notes, complaint form text
ALL_CALLS = "*"
MIN_EXAMPLES = 3
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")
_RULE_FIELDS = {"id", "label", "severity", "match", "unless", "window", "span", "scope", "reason", "basis",
                "suggestion", "call_types", "texts", "examples"}
_DEFAULT_FIELDS = {"severity", "window", "span", "scope", "call_types", "texts"}


@dataclass(frozen=True)
class ForbiddenRule:
    id: str
    category: str                       # shown to agents, e.g. 索要敏感信息
    severity: str
    pattern: Pattern
    reason: str
    suggestion: str
    scopes: tuple[str, ...] = SCOPES    # scope rules that cancel a match
    call_types: tuple[str, ...] = ()    # empty = every call
    texts: tuple[str, ...] = TEXT_KINDS
    label: str = ""
    basis: str = ""                     # the regulation behind the red line (or "unverified: …")
    category_code: str = ""
    must: tuple[Example, ...] = ()      # examples that must be flagged
    must_not: tuple[Example, ...] = ()  # near-misses that must not be flagged
    path: str = ""
    line: int = 0


@dataclass(frozen=True)
class Disclosure:
    id: str
    label: str
    call_types: tuple[str, ...]         # ("*",) = every call
    pattern: Pattern
    example: str = ""                   # recommended wording, shown when missing
    scopes: tuple[str, ...] = ("negation",)
    basis: str = ""
    must: tuple[Example, ...] = ()      # sentences that make the disclosure
    must_not: tuple[Example, ...] = ()  # sentences that do not
    path: str = ""
    line: int = 0


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    stage: str
    label: str
    disclosure: str = ""  # id of a disclosure this item stands for (optional)


@dataclass(frozen=True)
class CallType:
    name: str
    code: str
    label: str
    checklist: tuple[ChecklistItem, ...]
    identity_required: bool = True
    line: int = 0
    cards: tuple[str, ...] = ()  # ids of cards whose scripts are approved for this call type
    direction: str = ""           # 呼入 | 外呼 | "" (both)
    complaint_form: bool = False  # the call page offers the complaint form (投诉)


@dataclass(frozen=True)
class RuleSet:
    forbidden: tuple[ForbiddenRule, ...] = ()
    disclosures: tuple[Disclosure, ...] = ()
    call_types: dict[str, CallType] = field(default_factory=dict)
    lexicon: Lexicon = field(default_factory=Lexicon)
    lint_matcher: Matcher = field(default_factory=lambda: Matcher({}))
    disclosure_matcher: Matcher = field(default_factory=lambda: Matcher({}))
    scope: Scope = field(default_factory=lambda: Scope(Lexicon().cues))

    def call_type(self, name: str) -> CallType:
        """Look a call type up by its name (投诉) or code (complaint); ValueError if unknown."""
        if name in self.call_types:
            return self.call_types[name]
        for ct in self.call_types.values():
            if ct.code and ct.code == name:
                return ct
        known = ", ".join(f"{n} ({c.code})" if c.code else n for n, c in self.call_types.items())
        raise ValueError(f"unknown call type '{name}'; known: {known}")

    def disclosures_for(self, call_type: str | None) -> tuple[Disclosure, ...]:
        name = self.call_type(call_type).name if call_type else None
        return tuple(d for d in self.disclosures if ALL_CALLS in d.call_types or (name and name in d.call_types))

    def rule(self, rule_id: str) -> ForbiddenRule:
        for r in self.forbidden:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)


# ---- loading ---------------------------------------------------------------------

class _File:
    def __init__(self, path: Path, shown: str, classes: dict[str, tuple[str, ...]] | None = None):
        self.path, self.shown = path, shown
        self.data = load_yaml(path, shown)
        self.spec = SpecReader(shown, classes or {})

    def fail(self, container: Any, key: Any, message: str) -> RulesError:
        return RulesError(self.shown, line_of(container, key), message)

    def top(self, allowed: set[str]) -> LDict:
        if not isinstance(self.data, LDict):
            raise RulesError(self.shown, 1, f"the file must be a mapping with {', '.join(sorted(allowed))}")
        for k in self.data:
            if k not in allowed:
                raise self.fail(self.data, k, f"unknown section '{k}'; allowed: {', '.join(sorted(allowed))}")
        return self.data

    def items(self, key: str) -> LList:
        if not isinstance(self.data, LDict) or key not in self.data:
            raise RulesError(self.shown, 1, f"the file must have a top-level list '{key}:'")
        val = self.data[key]
        if not isinstance(val, LList):
            raise self.fail(self.data, key, f"'{key}' must be a list of entries ('- id: …')")
        return val

    def entry(self, seq: LList, i: int, allowed: set[str], required: tuple[str, ...]) -> LDict:
        e = seq[i]
        if not isinstance(e, LDict):
            raise self.fail(seq, i, "each entry must be a mapping of fields (id: …, label: …)")
        for k in e:
            if k not in allowed:
                raise self.fail(e, k, f"unknown field '{k}'; allowed: {', '.join(sorted(allowed))}")
        for k in required:
            if k not in e or e[k] in (None, "", []):
                raise self.fail(seq, i, f"entry is missing the field '{k}'")
        return e

    def text(self, e: LDict, key: str, default: str = "") -> str:
        return text_field(self.shown, e, key, default)

    def strings(self, e: LDict, key: str) -> tuple[str, ...]:
        v = e.get(key)
        if v is None:
            return ()
        return words(self.shown, e, key, v, f"field '{key}'")

    def ident(self, e: LDict, seen: set[str], key: str = "id") -> str:
        v = self.text(e, key)
        if not _ID_RE.match(v):
            raise self.fail(e, key, f"bad id '{v}': use lowercase a-z, 0-9 and '-'")
        if v in seen:
            raise self.fail(e, key, f"duplicate id '{v}'")
        seen.add(v)
        return v

    def scopes(self, e: LDict, default: tuple[str, ...]) -> tuple[str, ...]:
        if "scope" not in e:
            return default
        v = e["scope"]
        if not isinstance(v, LDict):
            raise self.fail(e, "scope", "scope must be a mapping, e.g. scope: {negation: true, question: false}")
        on = set(default)
        for k, flag in v.items():
            if k not in SCOPES:
                raise self.fail(v, k, f"unknown scope rule '{k}'; known: {', '.join(SCOPES)}")
            if not isinstance(flag, bool):
                raise self.fail(v, k, f"scope '{k}' must be true or false")
            (on.add if flag else on.discard)(k)
        return tuple(s for s in SCOPES if s in on)

    def examples(self, e: LDict, must_key: str, not_key: str, what: str) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
        ex = e.get("examples")
        if not isinstance(ex, LDict):
            raise self.fail(e, "examples" if "examples" in e else "id",
                            f"{what} needs examples: {{{must_key}: [...], {not_key}: [...]}} with at least "
                            f"{MIN_EXAMPLES} sentences each")
        out = []
        for key in (must_key, not_key):
            for k in ex:
                if k not in (must_key, not_key):
                    raise self.fail(ex, k, f"unknown example list '{k}'; use {must_key} and {not_key}")
            seq = ex.get(key)
            if not isinstance(seq, LList) or len(seq) < MIN_EXAMPLES:
                raise self.fail(ex, key if key in ex else must_key,
                                f"{what} needs at least {MIN_EXAMPLES} '{key}' examples")
            items = []
            for i, s in enumerate(seq):
                if not isinstance(s, (str, int)) or isinstance(s, bool) or not str(s).strip():
                    raise self.fail(seq, i, "an example must be a sentence (text)")
                items.append(Example(str(s), line_of(seq, i)))
            out.append(tuple(items))
        return out[0], out[1]


def _rules_dir(kb_dir: str | Path) -> Path:
    p = Path(kb_dir)
    return p / "rules" if (p / "rules").is_dir() else p


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _load_call_types(f: _File) -> dict[str, CallType]:
    out: dict[str, CallType] = {}
    seq = f.items("call_types")
    for i in range(len(seq)):
        e = f.entry(seq, i, {"name", "code", "label", "identity_required", "checklist", "cards", "direction",
                             "complaint_form"}, ("name", "checklist"))
        name = f.text(e, "name")
        if name in out:
            raise f.fail(e, "name", f"duplicate call type '{name}'")
        code = f.text(e, "code")
        if code and not _ID_RE.match(code):
            raise f.fail(e, "code", f"bad code '{code}': use lowercase a-z, 0-9 and '-'")
        ident = e.get("identity_required", True)
        if not isinstance(ident, bool):
            raise f.fail(e, "identity_required", "identity_required must be true or false")
        form = e.get("complaint_form", False)
        if not isinstance(form, bool):
            raise f.fail(e, "complaint_form", "complaint_form must be true or false")
        direction = f.text(e, "direction")
        if direction not in ("", *DIRECTIONS):
            raise f.fail(e, "direction", "direction must be 呼入 (inbound) or 外呼 (outbound), or left out for both")
        items: list[Any] = []
        seen: set[str] = set()
        cl = e["checklist"]
        if not isinstance(cl, LList):
            raise f.fail(e, "checklist", "checklist must be a list of items")
        for j in range(len(cl)):
            it = f.entry(cl, j, {"id", "stage", "label", "disclosure"}, ("id", "stage", "label"))
            stage = f.text(it, "stage")
            if stage not in CALL_STAGES:
                raise f.fail(it, "stage", f"unknown stage '{stage}'; use one of {'/'.join(CALL_STAGES)}")
            items.append(ChecklistItem(f.ident(it, seen), stage, f.text(it, "label"), f.text(it, "disclosure")))
        order = {s: k for k, s in enumerate(CALL_STAGES)}
        items.sort(key=lambda x: order[x.stage])  # stable: keeps file order within a stage
        cards = e.get("cards", [])
        if not isinstance(cards, list) or not all(isinstance(x, str) for x in cards):
            raise f.fail(e, "cards", "cards must be a list of card ids, e.g. [tip-greeting, idv-minimum-check]")
        out[name] = CallType(name, code, f.text(e, "label") or name, tuple(items), ident, e.line, tuple(cards), direction,
                             form)
    return out


def _call_types_of(f: _File, e: LDict, call_types: dict[str, CallType], allow_all: bool) -> tuple[str, ...]:
    cts = f.strings(e, "call_types")
    for ct in cts:
        if ct == ALL_CALLS and allow_all:
            continue
        if ct not in call_types:
            hint = "; '*' = every call" if allow_all else ""
            raise f.fail(e, "call_types", f"unknown call type '{ct}' (see call_types.yaml{hint})")
    return cts


def _texts_of(f: _File, e: LDict, default: tuple[str, ...]) -> tuple[str, ...]:
    if "texts" not in e:
        return default
    kinds = f.strings(e, "texts")
    for k in kinds:
        if k not in TEXT_KINDS:
            raise f.fail(e, "texts", f"unknown text kind '{k}'; use {', '.join(TEXT_KINDS)}")
    return kinds


def _load_lint_file(f: _File, call_types: dict[str, CallType], seen: set[str]) -> list[ForbiddenRule]:
    top = f.top({"category", "code", "defaults", "rules"})
    category = f.text(top, "category")
    if not category:
        raise RulesError(f.shown, 1, "the file must name its category, e.g. category: 索要敏感信息")
    code = f.text(top, "code")
    d = top.get("defaults") or LDict()
    if not isinstance(d, LDict):
        raise f.fail(top, "defaults", "defaults must be a mapping (severity, scope, window, span, call_types, texts)")
    for k in d:
        if k not in _DEFAULT_FIELDS:
            raise f.fail(d, k, f"unknown default '{k}'; allowed: {', '.join(sorted(_DEFAULT_FIELDS))}")
    d_sev = f.text(d, "severity", "error")
    if d_sev not in SEVERITIES:
        raise f.fail(d, "severity", f"unknown severity '{d_sev}'; use {' or '.join(SEVERITIES)}")
    d_window = f.spec.window(d, 6)
    d_span = f.spec.span(d, "clause")
    d_scopes = f.scopes(d, tuple(s for s in SCOPES if s != "question"))
    d_calls = _call_types_of(f, d, call_types, False)
    d_texts = _texts_of(f, d, TEXT_KINDS)
    out = []
    seq = f.items("rules")
    for i in range(len(seq)):
        e = f.entry(seq, i, _RULE_FIELDS, ("id", "match", "reason", "suggestion"))
        rid = f.ident(e, seen)
        sev = f.text(e, "severity", d_sev)
        if sev not in SEVERITIES:
            raise f.fail(e, "severity", f"unknown severity '{sev}'; use {' or '.join(SEVERITIES)}")
        pattern = f.spec.pattern(e, window=d_window, span=d_span)
        must, must_not = f.examples(e, "flag", "pass", f"rule '{rid}'")
        out.append(ForbiddenRule(
            rid, category, sev, pattern, f.text(e, "reason"), f.text(e, "suggestion"), f.scopes(e, d_scopes),
            _call_types_of(f, e, call_types, False) or d_calls, _texts_of(f, e, d_texts), f.text(e, "label"),
            f.text(e, "basis"), code, must, must_not, f.shown, e.line))
    return out


def _load_disclosures(f: _File, call_types: dict[str, CallType]) -> tuple[Disclosure, ...]:
    out: list[Disclosure] = []
    seen: set[str] = set()
    seq = f.items("disclosures")
    allowed = {"id", "label", "call_types", "match", "unless", "window", "span", "scope", "example", "basis", "examples"}
    for i in range(len(seq)):
        e = f.entry(seq, i, allowed, ("id", "label", "call_types", "match"))
        did = f.ident(e, seen)
        cts = _call_types_of(f, e, call_types, True)
        pattern = f.spec.pattern(e, window=f.spec.window(e, 6), span="clause")
        must, must_not = f.examples(e, "present", "absent", f"disclosure '{did}'")
        out.append(Disclosure(did, f.text(e, "label"), cts, pattern, f.text(e, "example"),
                              f.scopes(e, ("negation",)), f.text(e, "basis"), must, must_not, f.shown, e.line))
    return tuple(out)


def load_rules(kb_dir: str | Path) -> RuleSet:
    """Load ``<kb_dir>/rules/`` (or a rules folder itself)."""
    d = _rules_dir(kb_dir)
    lex_path = d / "lexicon.yaml"
    lexicon = load_lexicon(lex_path, _shown(lex_path))
    cf = _File(d / "call_types.yaml", _shown(d / "call_types.yaml"))
    call_types = _load_call_types(cf)
    lint_dir = d / "lint"
    files = sorted(lint_dir.glob("*.yaml")) if lint_dir.is_dir() else []
    if not files:
        raise RulesError(_shown(lint_dir), 1, "no lint rule files: put one YAML file per category in rules/lint/")
    forbidden: list[ForbiddenRule] = []
    seen: set[str] = set()
    for p in files:
        forbidden.extend(_load_lint_file(_File(p, _shown(p), lexicon.classes), call_types, seen))
    df = _File(d / "disclosures.yaml", _shown(d / "disclosures.yaml"), lexicon.classes)
    disclosures = _load_disclosures(df, call_types)
    ids = {x.id for x in disclosures}
    for ct in call_types.values():
        for it in ct.checklist:
            if it.disclosure and it.disclosure not in ids:
                raise RulesError(cf.shown, ct.line, f"checklist item '{it.id}' of {ct.name} names unknown disclosure '{it.disclosure}'")
    return RuleSet(tuple(forbidden), disclosures, call_types, lexicon,
                   Matcher({r.id: r.pattern for r in forbidden}),
                   Matcher({x.id: x.pattern for x in disclosures}),
                   Scope(lexicon.cues))
