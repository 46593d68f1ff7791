"""Scope rules: when a match does NOT count, and why (shown to whoever asks).

- ``negation``: a negation shortly before the match in the same clause (不保本, 我们不会索要),
  inside the match between its parts (收益是没法保证的), or a rejection right after it
  (保本的说法是错误的). Words that hold a negation character but do not negate
  (不管, 不错, 不用担心) are ignored, and so is a negation that belongs to a condition
  (再不还钱就……: 就 comes between the negation and the match).
- ``warning``: the agent warns the customer (请不要告诉任何人验证码, 凡是索要验证码的都是诈骗).
- ``reported``: reported speech (客户称…/据客户反映…/催收员说…) or a quotation, up to where the
  agent's own answer starts (我已告知…). "跟客户说" is the agent speaking, not reported speech.
- ``rule_statement``: a statement of a rule (催收人员不得…, 严禁…).
- ``question``: the clause is a question (这款产品保本吗？).

Speed: every cue word of every scope rule is found in ONE pass over the text (a
:class:`~assist.core.rulelang.engine.Matcher` of its own), and clause boundaries are indexed
once (:class:`ScopeText`). Checking a match is then a few binary searches over bounded windows,
so checking all matches of a text stays (n log n) in its length.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from assist.core.rulelang.engine import Candidate, Matcher
from assist.core.rulelang.spec import Part, Pattern, Sequence
from assist.core.rulelang.text import HARD_BOUNDARY, SOFT_BOUNDARY, norm

SCOPES = ("negation", "warning", "reported", "rule_statement", "question")
SCOPE_LABELS = {"negation": "否定", "warning": "提醒客户", "reported": "转述他人的话", "rule_statement": "陈述规定",
                "question": "问句"}
LOOKBACK = 40          # characters before a match searched for a sentence-level cue
REPORT_LOOKBACK = 80
QUOTE_REACH = 200
AFTER_REACH = 12
_QUOTES = {"“": "”", "「": "」", "『": "』", "‘": "’"}
_OBJECT_MARKERS = "跟对向给和同替帮诉让叫"
_HARD_RX = re.compile("[" + re.escape(HARD_BOUNDARY) + "]")
_SOFT_RX = re.compile("[" + re.escape(SOFT_BOUNDARY) + "]|(?<=[\u2e80-\U0010ffff])[ \t\u3000](?=[\u2e80-\U0010ffff])")
_QUOTE_RX = re.compile('[“”「」『』‘’"]')


@dataclass(frozen=True)
class ScopeCues:
    """The cue words of each scope rule (``scope:`` in ``lexicon.yaml``, or a file's own)."""

    negation: tuple[str, ...] = ()
    not_negation: tuple[str, ...] = ()
    negation_window: int = 12
    reject_after: tuple[str, ...] = ()
    warning: tuple[str, ...] = ()
    warning_after: tuple[str, ...] = ()
    speaker: tuple[str, ...] = ()
    reported_marker: tuple[str, ...] = ()
    speech: tuple[str, ...] = ()
    agent_turn: tuple[str, ...] = ()
    rule_modal: tuple[str, ...] = ()
    question_tail: tuple[str, ...] = ()
    condition_break: tuple[str, ...] = ()


_LISTS = ("negation", "not_negation", "reject_after", "warning", "warning_after", "agent_turn", "rule_modal",
          "question_tail", "condition_break")


def _cue_matcher(c: ScopeCues) -> Matcher:
    pats: dict[Hashable, Pattern] = {}
    for name in _LISTS:
        words = tuple(dict.fromkeys(norm(w) for w in getattr(c, name) if w))
        if words:
            pats[name] = Pattern((Sequence((Part(words, shown=name),)),), window=0, span="sentence")
    seqs = []
    if c.speaker and c.speech:
        sp = Part(tuple(dict.fromkeys(norm(w) for w in c.speaker)), shown="speaker")
        sv = Part(tuple(dict.fromkeys(norm(w) for w in c.speech)), shown="speech")
        seqs.append(Sequence((sp, sv)))      # 客户称, 催收员在电话里说 (at most 4 characters between)
    if c.reported_marker:
        seqs.append(Sequence((Part(tuple(dict.fromkeys(norm(w) for w in c.reported_marker)), shown="marker"),)))
    if seqs:
        pats["reported"] = Pattern(tuple(seqs), window=4, span="sentence")
    return Matcher(pats)


class _Hits:
    """Cue occurrences of one kind, sorted by start, with O(log n) window queries."""

    def __init__(self, cands: list[Candidate]):
        self.items = sorted((c.start, c.end) for c in cands)
        self.starts = [s for s, _ in self.items]

    def within(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """Occurrences lying entirely inside [lo, hi)."""
        out = []
        k = bisect_left(self.starts, lo)
        items = self.items
        while k < len(items) and items[k][0] < hi:
            if items[k][1] <= hi:
                out.append(items[k])
            k += 1
        return out

    def covering(self, s: int, e: int, reach: int = 12) -> bool:
        """Is [s, e) inside one occurrence (one starting at most ``reach`` before it)?"""
        k = bisect_left(self.starts, s - reach)
        items = self.items
        while k < len(items) and items[k][0] <= s:
            if items[k][1] >= e:
                return True
            k += 1
        return False


class ScopeText:
    """A normalised text prepared for scope checks: clause boundaries and every cue, indexed once.

    Soft boundaries are commas and, in typed notes, a space between two Chinese characters."""

    def __init__(self, text: str, matcher: Matcher | None = None, around: list[tuple[int, int]] | None = None):
        self.text = text
        self.hard = [m.start() for m in _HARD_RX.finditer(text)]
        self.soft = sorted(self.hard + [m.start() for m in _SOFT_RX.finditer(text)])
        found = {}
        if matcher is not None:
            windows: list[tuple[int, int]] | None = None
            if around is not None:  # cues are looked for only near the matches that will be checked
                windows = []
                for s, e in sorted(around):
                    a, b = max(0, s - QUOTE_REACH), min(len(text), e + 2 * AFTER_REACH + 8)
                    if windows and a <= windows[-1][1]:
                        windows[-1] = (windows[-1][0], max(windows[-1][1], b))
                    else:
                        windows.append((a, b))
            found = matcher.candidates(text, windows=windows)
        self.hits = {name: _Hits(found.get(name, [])) for name in (*_LISTS, "reported")}
        self.quotes = [(m.start(), m.group()) for m in _QUOTE_RX.finditer(text)]
        self.quote_starts = [p for p, _ in self.quotes]

    def clause_start(self, pos: int, reach: int, soft: bool = True) -> int:
        arr = self.soft if soft else self.hard
        k = bisect_left(arr, pos) - 1
        return max(arr[k] + 1 if k >= 0 else 0, pos - reach, 0)

    def clause_end(self, pos: int, reach: int, soft: bool = True) -> int:
        arr = self.soft if soft else self.hard
        k = bisect_left(arr, pos)
        return min(arr[k] if k < len(arr) else len(self.text), pos + reach)

    def word(self, span: tuple[int, int]) -> str:
        return self.text[span[0]:span[1]]


class Scope:
    """Applies the scope rules a rule opted into; ``why(...)`` names the first that cancels."""

    def __init__(self, cues: ScopeCues):
        self.cues = cues
        self.matcher = _cue_matcher(cues)
        self._checks: dict[str, Callable[[ScopeText, Candidate], str]] = {
            "negation": self.negation, "warning": self.warning, "reported": self.reported,
            "rule_statement": self.rule_statement, "question": self.question,
        }

    def prepare(self, normalised_text: str, around: list[tuple[int, int]] | None = None) -> ScopeText:
        """Index the cues of a text once; ``around`` (match spans) limits the work to their surroundings."""
        return ScopeText(normalised_text, self.matcher, around)

    def why(self, text: ScopeText | str, cand: Candidate, scopes: tuple[str, ...]) -> str:
        """'' if the match counts, else e.g. '否定：「不会」'. ``text`` is normalised
        (:func:`~assist.core.rulelang.text.norm`); pass a prepared :class:`ScopeText` when
        checking many matches of one text."""
        st = text if isinstance(text, ScopeText) else self.prepare(text)
        for name in scopes:
            cue = self._checks[name](st, cand)
            if cue:
                return f"{SCOPE_LABELS[name]}：「{cue}」"
        return ""

    # ---- the rules -------------------------------------------------------------------------------
    def _negations(self, st: ScopeText, lo: int, hi: int) -> list[tuple[int, int]]:
        blank = st.hits["not_negation"]
        return [h for h in st.hits["negation"].within(lo, hi) if not blank.covering(h[0], h[1])]

    def negation(self, st: ScopeText, cand: Candidate) -> str:
        lo = max(st.clause_start(cand.start, LOOKBACK), cand.start - self.cues.negation_window)
        before = self._negations(st, lo, cand.start)
        if before:
            last = max(before, key=lambda h: (h[1], h[1] - h[0]))
            # "再不还钱就……": the negation belongs to a condition, not to what follows 就
            if not st.hits["condition_break"].within(last[1], cand.start):
                return st.word(last)
        for a, b in cand.gaps():
            inside = self._negations(st, a, b)
            if inside:
                return st.word(inside[0])
        after = st.hits["reject_after"].within(cand.end, st.clause_end(cand.end, AFTER_REACH))
        return st.word(after[0]) if after else ""

    def warning(self, st: ScopeText, cand: Candidate) -> str:
        hits = st.hits["warning"].within(st.clause_start(cand.start, LOOKBACK, soft=False), cand.start)
        if hits:
            return st.word(hits[0])
        after = st.hits["warning_after"].within(cand.end, st.clause_end(cand.end, 20, soft=False))
        return st.word(after[0]) if after else ""

    def reported(self, st: ScopeText, cand: Candidate) -> str:
        q = self._quoted(st, cand.start)
        if q:
            return q
        lo = st.clause_start(cand.start, REPORT_LOOKBACK, soft=False)
        last = None
        for h in st.hits["reported"].within(lo, cand.end):
            if h[0] >= cand.start:     # a verb of speech may open the match itself ("对方索要验证码")
                break
            # "跟客户说" / "告诉客户" / "向客户解释": the customer is spoken TO; the agent speaks
            if h[0] > 0 and st.text[h[0] - 1] in _OBJECT_MARKERS:
                continue
            last = h
        if last is None:
            return ""
        if st.hits["agent_turn"].within(last[1], cand.end):   # the agent's answer may open the match itself
            return ""
        return st.word(last)

    def _quoted(self, st: ScopeText, start: int) -> str:
        """Inside quotation marks opened earlier in the same paragraph (at most QUOTE_REACH back)."""
        lo = max(0, start - QUOTE_REACH)
        j = bisect_left(st.quote_starts, start)
        if j == 0 or st.quote_starts[j - 1] < lo:
            return ""                                    # no quotation mark nearby (the usual case)
        k = bisect_left(st.hard, start) - 1
        while k >= 0 and st.hard[k] >= lo and st.text[st.hard[k]] != "\n":
            k -= 1
        if k >= 0 and st.hard[k] >= lo:
            lo = st.hard[k] + 1
        i = bisect_left(st.quote_starts, lo)
        marks = [q for _, q in st.quotes[i:j]]
        for o, c in _QUOTES.items():
            opened = max((n for n, q in enumerate(marks) if q == o), default=-1)
            closed = max((n for n, q in enumerate(marks) if q == c), default=-1)
            if opened > closed:
                return o
        return '"' if marks.count('"') % 2 == 1 else ""

    def rule_statement(self, st: ScopeText, cand: Candidate) -> str:
        hits = st.hits["rule_modal"].within(st.clause_start(cand.start, LOOKBACK, soft=False), cand.start)
        return st.word(hits[0]) if hits else ""

    def question(self, st: ScopeText, cand: Candidate) -> str:
        end = st.clause_end(cand.end, 30)
        if end < len(st.text) and st.text[end] in "？?":
            return st.text[end]
        hits = st.hits["question_tail"].within(cand.end, end)
        return st.word(hits[0]) if hits else ""
