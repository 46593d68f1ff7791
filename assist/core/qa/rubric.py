"""``kb/rules/qa.yaml``: the after-call quality rubric that QA and compliance staff edit.

    rubric = load_rubric("kb")          # RulesError "path:line: message" on a bad file
    rubric.items                        # RubricItem: id, label, check, weight, red_line, card, params

Each item names one built-in *check* (what it looks at in the recorded call, see
:data:`CHECKS`), its weight (points deducted once when the check finds anything), whether a
finding is a red line (the call goes to the 复听 queue and cannot be 合格), the card that
explains it to the agent, and its examples: small call fixtures the item must pass and must
fail. ``assist kb check`` runs every example (:func:`assist.core.qa.fixtures.check_qa_examples`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assist.core.rulelang import Pattern, SpecReader
from assist.core.yamlfile import LDict, LList, RulesError, line_of, load_yaml, text_field

# check name -> allowed params
CHECKS: dict[str, frozenset[str]] = {
    "stages": frozenset({"stages"}),
    "checklist": frozenset({"stages"}),
    "identity_before_content": frozenset(),
    "identity_override": frozenset(),
    "disclosures": frozenset({"only", "except", "cards"}),
    "red_lines": frozenset({"texts", "severity"}),
    "complaint_registered": frozenset(),
    "callback": frozenset({"promise", "unless", "window", "span", "schedule_values"}),
}
TEXTS = ("note", "complaint")
SEVERITIES = ("error", "warning")
VERDICTS = ("红线", "合格", "待改进")
MIN_EXAMPLES = 2
FILE = "qa.yaml"
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")
_ITEM_FIELDS = {"id", "label", "check", "weight", "red_line", "card", "basis", "call_types", "params", "examples",
                "advice"}


@dataclass(frozen=True)
class Fixture:
    """One example call: its type and steps (see :mod:`assist.core.qa.fixtures`)."""

    call_type: str
    steps: tuple[tuple[str, Any], ...]
    line: int


@dataclass(frozen=True)
class RubricItem:
    id: str
    label: str
    check: str
    weight: int
    red_line: bool
    card: str = ""                        # the card that explains the item to the agent
    basis: str = ""
    advice: str = ""                      # one line for the agent: what to do next time
    call_types: tuple[str, ...] = ()      # empty = every call
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    promise: Pattern | None = field(default=None, compare=False, hash=False)   # callback: what counts as a promise
    must_pass: tuple[Fixture, ...] = ()
    must_fail: tuple[Fixture, ...] = ()
    path: str = ""
    line: int = 0

    def applies(self, call_type: str) -> bool:
        return not self.call_types or call_type in self.call_types


@dataclass(frozen=True)
class Rubric:
    items: tuple[RubricItem, ...]
    version: str = "1"
    pass_mark: int = 80
    path: str = ""

    def item(self, item_id: str) -> RubricItem:
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def cards(self) -> set[str]:
        """Every card id the rubric refers to (kb check makes sure they exist)."""
        out = {it.card for it in self.items if it.card}
        for it in self.items:
            out.update(str(v) for v in (it.params.get("cards") or {}).values())
        return out


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def rubric_path(kb_dir: str | Path) -> Path:
    p = Path(kb_dir)
    return (p / "rules" / FILE) if (p / "rules").is_dir() else p / FILE


class _Reader:
    def __init__(self, shown: str, classes: dict[str, tuple[str, ...]], call_types: set[str] | None):
        self.shown, self.call_types = shown, call_types
        self.spec = SpecReader(shown, classes)

    def fail(self, container: Any, key: Any, message: str) -> RulesError:
        return RulesError(self.shown, line_of(container, key), message)

    def text(self, e: LDict, key: str, default: str = "") -> str:
        return text_field(self.shown, e, key, default)

    def strings(self, e: LDict, key: str) -> tuple[str, ...]:
        v = e.get(key)
        if v is None:
            return ()
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(x, (str, int)) and not isinstance(x, bool) for x in v):
            raise self.fail(e, key, f"field '{key}' must be a list of names, e.g. {key}: [投诉, 理财]")
        return tuple(str(x).strip() for x in v)

    def fixture(self, seq: LList, i: int) -> Fixture:
        raw = seq[i]
        where = line_of(seq, i)
        if not isinstance(raw, LDict):
            raise RulesError(self.shown, where, "an example must be a mapping: {call_type: 投诉, steps: [...]}")
        for k in raw:
            if k not in ("call_type", "steps"):
                raise self.fail(raw, k, f"unknown example field '{k}'; use call_type and steps")
        ct = self.text(raw, "call_type", "咨询")
        if self.call_types is not None and ct not in self.call_types:
            raise self.fail(raw, "call_type", f"unknown call type '{ct}' (see call_types.yaml)")
        steps_raw = raw.get("steps", LList())
        if steps_raw is None:
            steps_raw = LList()
        if not isinstance(steps_raw, list):
            raise self.fail(raw, "steps", "steps must be a list, e.g. steps: [{tick: verify-identity}, {note: ……}]")
        from assist.core.qa.fixtures import STEP_KINDS

        steps = []
        for j, st in enumerate(steps_raw):
            if not isinstance(st, dict) or len(st) != 1:
                raise RulesError(self.shown, line_of(steps_raw, j, where),
                                 f"a step is one action: {{tick: ID}}; known actions: {', '.join(STEP_KINDS)}")
            (kind, value), = st.items()
            if kind not in STEP_KINDS:
                raise RulesError(self.shown, line_of(steps_raw, j, where),
                                 f"unknown step '{kind}'; known actions: {', '.join(STEP_KINDS)}")
            steps.append((str(kind), value))
        return Fixture(ct, tuple(steps), where)

    def examples(self, e: LDict, rid: str) -> tuple[tuple[Fixture, ...], tuple[Fixture, ...]]:
        ex = e.get("examples")
        if not isinstance(ex, LDict):
            raise self.fail(e, "examples" if "examples" in e else "id",
                            f"item '{rid}' needs examples: {{pass: [...], fail: [...]}}, at least {MIN_EXAMPLES} "
                            "call fixtures each (the checker runs them)")
        for k in ex:
            if k not in ("pass", "fail"):
                raise self.fail(ex, k, f"unknown example list '{k}'; use pass and fail")
        out = []
        for key in ("pass", "fail"):
            seq = ex.get(key)
            if not isinstance(seq, LList) or len(seq) < MIN_EXAMPLES:
                raise self.fail(ex, key if key in ex else "pass", f"item '{rid}' needs at least {MIN_EXAMPLES} '{key}' examples")
            out.append(tuple(self.fixture(seq, i) for i in range(len(seq))))
        return out[0], out[1]

    def params(self, e: LDict, check: str) -> tuple[dict[str, Any], Pattern | None]:
        raw = e.get("params", LDict())
        if raw is None:
            raw = LDict()
        if not isinstance(raw, LDict):
            raise self.fail(e, "params", "params must be a mapping, e.g. params: {only: [wealth-not-guaranteed]}")
        allowed = CHECKS[check]
        for k in raw:
            if k not in allowed:
                raise self.fail(raw, k, f"check '{check}' has no parameter '{k}'; "
                                        f"allowed: {', '.join(sorted(allowed)) or 'none'}")
        out: dict[str, Any] = {}
        for k in ("stages", "only", "except", "schedule_values"):
            if k in raw:
                out[k] = self.strings(raw, k)
        if "stages" in out:
            from assist.core.kb.model import CALL_STAGES

            for s in out["stages"]:
                if s not in CALL_STAGES:
                    raise self.fail(raw, "stages", f"unknown stage '{s}'; use {'/'.join(CALL_STAGES)}")
        if "texts" in raw:
            out["texts"] = self.strings(raw, "texts")
            for t in out["texts"]:
                if t not in TEXTS:
                    raise self.fail(raw, "texts", f"unknown text '{t}'; use {', '.join(TEXTS)}")
        if "severity" in raw:
            out["severity"] = self.strings(raw, "severity")
            for s in out["severity"]:
                if s not in SEVERITIES:
                    raise self.fail(raw, "severity", f"unknown severity '{s}'; use {' or '.join(SEVERITIES)}")
        if "cards" in raw:
            cards = raw["cards"]
            if not isinstance(cards, LDict) or not all(isinstance(v, str) for v in cards.values()):
                raise self.fail(raw, "cards", "cards must map a disclosure id to a card id, e.g. {staff-id: idv-opening-staff-id}")
            out["cards"] = {str(k): str(v) for k, v in cards.items()}
        promise = None
        if check == "callback":
            if "promise" not in raw:
                raise self.fail(e, "params", "check 'callback' needs params.promise: the patterns of a callback promise")
            promise = self.spec.pattern(raw, window=self.spec.window(raw, 8), span="clause", key="promise")
        return out, promise


def load_rubric(kb_dir: str | Path, *, classes: dict[str, tuple[str, ...]] | None = None,
                call_types: set[str] | None = None, path: Path | None = None) -> Rubric:
    """Load ``<kb_dir>/rules/qa.yaml``. ``classes`` are the lexicon's word classes (for the
    callback promise patterns) and ``call_types`` the known call types (checked if given)."""
    p = path or rubric_path(kb_dir)
    shown = _shown(p)
    if classes is None:
        from assist.core.rulelang import load_lexicon

        lex = p.parent / "lexicon.yaml"
        classes = load_lexicon(lex, _shown(lex)).classes if lex.is_file() else {}
    data = load_yaml(p, shown)
    r = _Reader(shown, classes, call_types)
    if not isinstance(data, LDict):
        raise RulesError(shown, 1, "the file must be a mapping with version, pass_mark and items")
    for k in data:
        if k not in ("version", "pass_mark", "items"):
            raise r.fail(data, k, f"unknown section '{k}'; allowed: version, pass_mark, items")
    mark = data.get("pass_mark", 80)
    if isinstance(mark, bool) or not isinstance(mark, int) or not 0 <= mark <= 100:
        raise r.fail(data, "pass_mark", "pass_mark must be a whole number from 0 to 100")
    seq = data.get("items")
    if not isinstance(seq, LList) or not seq:
        raise r.fail(data, "items" if "items" in data else "version", "the file needs a non-empty list 'items:'")
    items, seen = [], set()
    for i, e in enumerate(seq):
        if not isinstance(e, LDict):
            raise RulesError(shown, line_of(seq, i), "each item must be a mapping (id: …, check: …)")
        for k in e:
            if k not in _ITEM_FIELDS:
                raise r.fail(e, k, f"unknown field '{k}'; allowed: {', '.join(sorted(_ITEM_FIELDS))}")
        for k in ("id", "label", "check", "weight"):
            if k not in e or e[k] in (None, ""):
                raise RulesError(shown, line_of(seq, i), f"item is missing the field '{k}'")
        rid = r.text(e, "id")
        if not _ID_RE.match(rid):
            raise r.fail(e, "id", f"bad id '{rid}': use lowercase a-z, 0-9 and '-'")
        if rid in seen:
            raise r.fail(e, "id", f"duplicate id '{rid}'")
        seen.add(rid)
        check = r.text(e, "check")
        if check not in CHECKS:
            raise r.fail(e, "check", f"unknown check '{check}'; known: {', '.join(CHECKS)}")
        weight = e["weight"]
        if isinstance(weight, bool) or not isinstance(weight, int) or not 0 <= weight <= 100:
            raise r.fail(e, "weight", "weight must be a whole number of points from 0 to 100")
        red = e.get("red_line", False)
        if not isinstance(red, bool):
            raise r.fail(e, "red_line", "red_line must be true or false")
        cts = r.strings(e, "call_types")
        if call_types is not None:
            for ct in cts:
                if ct not in call_types:
                    raise r.fail(e, "call_types", f"unknown call type '{ct}' (see call_types.yaml)")
        params, promise = r.params(e, check)
        must_pass, must_fail = r.examples(e, rid)
        items.append(RubricItem(rid, r.text(e, "label"), check, weight, red, r.text(e, "card"), r.text(e, "basis"),
                                r.text(e, "advice"), cts, params, promise, must_pass, must_fail, shown, e.line))
    return Rubric(tuple(items), r.text(data, "version", "1") or "1", mark, shown)
