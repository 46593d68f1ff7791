"""Rule files in ``kb/rules/``: forbidden phrases, required disclosures, call types.

:func:`load_rules` reads and checks all three; any problem raises a
:class:`RulesError` whose text is ``path:line: message``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from assist.core.guidance._yaml import LDict, LList, RulesError, line_of, load_yaml
from assist.core.kb.model import CALL_STAGES

CATEGORIES = ("服务禁语", "营销红线")
SEVERITIES = ("error", "warning")
ALL_CALLS = "*"
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")


@dataclass(frozen=True)
class ForbiddenRule:
    id: str
    category: str
    severity: str
    regex: re.Pattern
    reason: str
    suggestion: str
    negatable: bool = True  # a negation before the phrase ("不保本") cancels it
    exceptions: tuple[re.Pattern, ...] = ()  # spans where the phrase is allowed
    call_types: tuple[str, ...] = ()  # empty = every call
    label: str = ""
    line: int = 0


@dataclass(frozen=True)
class Disclosure:
    id: str
    label: str
    call_types: tuple[str, ...]  # ("*",) = every call
    regex: re.Pattern
    example: str = ""
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


@dataclass(frozen=True)
class RuleSet:
    forbidden: tuple[ForbiddenRule, ...] = ()
    disclosures: tuple[Disclosure, ...] = ()
    call_types: dict[str, CallType] = field(default_factory=dict)

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


# ---- loading ---------------------------------------------------------------------

class _File:
    def __init__(self, path: Path, shown: str):
        self.path, self.shown = path, shown
        self.data = load_yaml(path, shown)

    def fail(self, container, key, message: str):
        raise RulesError(self.shown, line_of(container, key), message)

    def items(self, key: str) -> LList:
        if not isinstance(self.data, LDict) or key not in self.data:
            raise RulesError(self.shown, 1, f"the file must have a top-level list '{key}:'")
        val = self.data[key]
        if not isinstance(val, LList):
            self.fail(self.data, key, f"'{key}' must be a list of entries ('- id: …')")
        return val

    def entry(self, seq: LList, i: int, allowed: set[str], required: tuple[str, ...]) -> LDict:
        e = seq[i]
        if not isinstance(e, LDict):
            self.fail(seq, i, "each entry must be a mapping of fields (id: …, label: …)")
        for k in e:
            if k not in allowed:
                self.fail(e, k, f"unknown field '{k}'; allowed: {', '.join(sorted(allowed))}")
        for k in required:
            if k not in e or e[k] in (None, "", []):
                self.fail(seq, i, f"entry is missing the field '{k}'")
        return e

    def text(self, e: LDict, key: str, default: str = "") -> str:
        v = e.get(key, default)
        if v is None:
            return default
        if not isinstance(v, (str, int, float)) or isinstance(v, bool):
            self.fail(e, key, f"field '{key}' must be text")
        return str(v).strip()

    def strings(self, e: LDict, key: str) -> tuple[str, ...]:
        v = e.get(key)
        if v is None:
            return ()
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(x, (str, int)) and not isinstance(x, bool) for x in v):
            self.fail(e, key, f"field '{key}' must be a list of texts, e.g. {key}: [甲, 乙]")
        return tuple(str(x) for x in v if str(x).strip())

    def check_patterns(self, e: LDict, key: str) -> None:
        """Compile each regex of ``e[key]``; a bad one fails on its own line."""
        seq = e.get(key)
        items = seq if isinstance(seq, list) else [seq]
        for i, p in enumerate(items):
            if not isinstance(p, str):
                continue
            try:
                re.compile(p)
            except re.error as exc:
                where = (seq, i) if isinstance(seq, LList) else (e, key)
                self.fail(*where, f"bad pattern {p!r} in '{key}': {exc}")

    def regex(self, e: LDict, key: str, parts: list[str]) -> re.Pattern:
        self.check_patterns(e, "patterns")
        self.check_patterns(e, "exceptions")
        # longest alternatives first so '稳赚不赔' wins over '稳赚'
        parts = sorted(set(parts), key=len, reverse=True)
        return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)

    def ident(self, e: LDict, seen: set[str], key: str = "id") -> str:
        v = self.text(e, key)
        if not _ID_RE.match(v):
            self.fail(e, key, f"bad id '{v}': use lowercase a-z, 0-9 and '-'")
        if v in seen:
            self.fail(e, key, f"duplicate id '{v}'")
        seen.add(v)
        return v


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
        e = f.entry(seq, i, {"name", "code", "label", "identity_required", "checklist", "cards"}, ("name", "checklist"))
        name = f.text(e, "name")
        if name in out:
            f.fail(e, "name", f"duplicate call type '{name}'")
        code = f.text(e, "code")
        if code and not _ID_RE.match(code):
            f.fail(e, "code", f"bad code '{code}': use lowercase a-z, 0-9 and '-'")
        ident = e.get("identity_required", True)
        if not isinstance(ident, bool):
            f.fail(e, "identity_required", "identity_required must be true or false")
        items, seen = [], set()
        cl = e["checklist"]
        if not isinstance(cl, LList):
            f.fail(e, "checklist", "checklist must be a list of items")
        for j in range(len(cl)):
            it = f.entry(cl, j, {"id", "stage", "label", "disclosure"}, ("id", "stage", "label"))
            stage = f.text(it, "stage")
            if stage not in CALL_STAGES:
                f.fail(it, "stage", f"unknown stage '{stage}'; use one of {'/'.join(CALL_STAGES)}")
            items.append(ChecklistItem(f.ident(it, seen), stage, f.text(it, "label"), f.text(it, "disclosure")))
        order = {s: k for k, s in enumerate(CALL_STAGES)}
        items.sort(key=lambda x: order[x.stage])  # stable: keeps file order within a stage
        cards = e.get("cards", [])
        if not isinstance(cards, list) or not all(isinstance(x, str) for x in cards):
            f.fail(e, "cards", "cards must be a list of card ids, e.g. [tip-greeting, idv-minimum-check]")
        out[name] = CallType(name, code, f.text(e, "label") or name, tuple(items), ident, e.line, tuple(cards))
    return out


def _load_forbidden(f: _File, call_types: dict[str, CallType]) -> tuple[ForbiddenRule, ...]:
    allowed = {"id", "label", "category", "severity", "phrases", "patterns", "reason", "suggestion",
               "negatable", "exceptions", "call_types"}
    out, seen = [], set()
    seq = f.items("rules")
    for i in range(len(seq)):
        e = f.entry(seq, i, allowed, ("id", "category", "severity", "reason", "suggestion"))
        rid = f.ident(e, seen)
        cat, sev = f.text(e, "category"), f.text(e, "severity")
        if cat not in CATEGORIES:
            f.fail(e, "category", f"unknown category '{cat}'; use {' or '.join(CATEGORIES)}")
        if sev not in SEVERITIES:
            f.fail(e, "severity", f"unknown severity '{sev}'; use {' or '.join(SEVERITIES)}")
        parts = [re.escape(p) for p in f.strings(e, "phrases")] + list(f.strings(e, "patterns"))
        if not parts:
            f.fail(seq, i, f"rule '{rid}' has neither phrases nor patterns")
        neg = e.get("negatable", cat == "营销红线")
        if not isinstance(neg, bool):
            f.fail(e, "negatable", "negatable must be true or false")
        exc = tuple(f.regex(e, "exceptions", [p]) for p in f.strings(e, "exceptions"))
        cts = f.strings(e, "call_types")
        for ct in cts:
            if ct not in call_types:
                f.fail(e, "call_types", f"unknown call type '{ct}' (see call_types.yaml)")
        out.append(ForbiddenRule(rid, cat, sev, f.regex(e, "patterns" if "patterns" in e else "phrases", parts),
                                 f.text(e, "reason"), f.text(e, "suggestion"), neg, exc, cts,
                                 f.text(e, "label"), e.line))
    return tuple(out)


def _load_disclosures(f: _File, call_types: dict[str, CallType]) -> tuple[Disclosure, ...]:
    out, seen = [], set()
    seq = f.items("disclosures")
    for i in range(len(seq)):
        e = f.entry(seq, i, {"id", "label", "call_types", "phrases", "patterns", "example"}, ("id", "label", "call_types"))
        did = f.ident(e, seen)
        cts = f.strings(e, "call_types")
        for ct in cts:
            if ct != ALL_CALLS and ct not in call_types:
                f.fail(e, "call_types", f"unknown call type '{ct}' (see call_types.yaml; '*' = every call)")
        parts = [re.escape(p) for p in f.strings(e, "phrases")] + list(f.strings(e, "patterns"))
        if not parts:
            f.fail(seq, i, f"disclosure '{did}' has neither phrases nor patterns")
        out.append(Disclosure(did, f.text(e, "label"), cts,
                              f.regex(e, "patterns" if "patterns" in e else "phrases", parts),
                              f.text(e, "example"), e.line))
    return tuple(out)


def load_rules(kb_dir: str | Path) -> RuleSet:
    """Load ``<kb_dir>/rules/{call_types,forbidden,disclosures}.yaml`` (or a rules folder itself)."""
    d = _rules_dir(kb_dir)
    cf = _File(d / "call_types.yaml", _shown(d / "call_types.yaml"))
    call_types = _load_call_types(cf)
    forbidden = _load_forbidden(_File(d / "forbidden.yaml", _shown(d / "forbidden.yaml")), call_types)
    df = _File(d / "disclosures.yaml", _shown(d / "disclosures.yaml"))
    disclosures = _load_disclosures(df, call_types)
    ids = {x.id for x in disclosures}
    for ct in call_types.values():
        for it in ct.checklist:
            if it.disclosure and it.disclosure not in ids:
                raise RulesError(cf.shown, ct.line, f"checklist item '{it.id}' of {ct.name} names unknown disclosure '{it.disclosure}'")
    return RuleSet(forbidden, disclosures, call_types)
