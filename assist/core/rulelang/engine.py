"""Find every match of many patterns in one pass over a text, in linear time.

    m = Matcher({"sec-otp": pattern, ...})
    for key, cands in m.candidates(text).items(): ...

1. The text is normalised (full-width → ASCII, A-Z → a-z; same length, same offsets).
2. One Aho-Corasick automaton holds every literal of every part; one pass yields all
   occurrences (``O(n + hits)``). Built-in classes come from one scan of number runs.
3. Each sequence is joined part by part: an occurrence of part *i* continues a chain that
   ended at most ``window`` characters before it (``+`` parts: directly before it) with no
   boundary in between. Chains are kept per end offset (the latest start wins: the
   shortest match), so each step costs ``O(occurrences × window)``.
4. ``unless`` patterns are matched the same way; a candidate they overlap is dropped.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import ahocorasick

from assist.core.rulelang.spec import Part, Pattern, Sequence
from assist.core.rulelang.text import NUMBER_RUN, Boundaries, cn_number, norm, numbers

Span = tuple[int, int]
MAX_NUMBER = 24      # characters a number may take in a match (a longer digit run is not a quantity)
MAX_REACH = 160      # upper bound on how far a match extends from its anchor
SAMPLE = 20_000      # characters probed to decide whether anchors are worth finding


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    parts: tuple[Span, ...]        # the span of each part, in order

    def gaps(self) -> list[Span]:
        return [(a[1], b[0]) for a, b in zip(self.parts, self.parts[1:]) if b[0] > a[1]]


class Matcher:
    def __init__(self, patterns: dict[Hashable, Pattern]):
        self.patterns = dict(patterns)
        self._part_ids: dict[tuple[tuple[str, ...], tuple[str, ...], tuple[str, int] | None], int] = {}
        words: dict[str, set[int]] = {}
        for pat in self.patterns.values():
            for seq in (*pat.sequences, *pat.unless):
                for part in seq.parts:
                    pid = self._part_ids.setdefault(part.key, len(self._part_ids))
                    for w in part.words:
                        words.setdefault(w, set()).add(pid)
        self._has_builtins = any(key[1] for key in self._part_ids)
        self._automaton = ahocorasick.Automaton()
        for w, pids in words.items():
            self._automaton.add_word(w, (len(w), tuple(sorted(pids)), w[0].isdigit(), w[-1].isdigit()))
        self._empty = not words
        if not self._empty:
            self._automaton.make_automaton()
        # Anchors: every match holds an occurrence of its sequence's rarest-looking part (the one
        # whose shortest word is longest). A first pass looks only for those; the full matcher then
        # runs on the text around them. Ordinary notes have few anchors, so most text is skipped.
        anchors: set[str] = set()
        self._number_anchor = False
        reach = 0
        for pat in self.patterns.values():
            for seq in pat.sequences:
                best = max(seq.parts, key=lambda p: (min((len(w) for w in p.words), default=0), -len(p.words)))
                if best.words and not best.builtins:
                    anchors.update(best.words)
                else:
                    anchors.update(best.words)
                    self._number_anchor = self._number_anchor or bool(best.builtins)
            for seq in (*pat.sequences, *pat.unless):
                extent = sum(max((len(w) for w in p.words), default=0) + (MAX_NUMBER if p.builtins else 0)
                             for p in seq.parts) + sum(_gap(p, pat) for p in seq.parts[1:])
                reach = max(reach, extent)
        self._reach = min(reach, MAX_REACH)
        self._anchors = ahocorasick.Automaton()
        for w in anchors:
            self._anchors.add_word(w, len(w))
        self._no_anchor = not anchors
        if anchors:
            self._anchors.make_automaton()

    # ---- occurrences ---------------------------------------------------------------------------
    def _occurrences(self, text: str) -> dict[int, list[Span]]:
        occ: dict[int, list[Span]] = {}
        if not self._empty:
            n = len(text)
            get = occ.get
            for end, (length, pids, digit_first, digit_last) in self._automaton.iter(text):
                start = end + 1 - length
                # a number written as a word (12378, 15) never matches inside a longer number
                if (digit_first and start > 0 and text[start - 1].isdigit()) or \
                        (digit_last and end + 1 < n and text[end + 1].isdigit()):
                    continue
                span = (start, end + 1)
                for pid in pids:
                    lst = get(pid)
                    if lst is None:
                        occ[pid] = [span]
                    else:
                        lst.append(span)
        if not self._has_builtins:
            return occ
        nums = numbers(text)
        for (_words, builtins, compare), pid in self._part_ids.items():
            if builtins:
                spans = [sp for b in builtins for sp in nums[b]]
                if compare is not None:
                    spans = [sp for sp in spans if _holds(cn_number(_digits(text[sp[0]:sp[1]])), compare)]
                occ[pid] = occ.get(pid, []) + spans
        return occ

    def _sorted(self, text: str) -> dict[int, _Occ]:
        """Occurrences per part, indexed for window queries from either side."""
        return {pid: _Occ(spans) for pid, spans in self._occurrences(text).items()}

    def _join(self, seq: Sequence, pat: Pattern, occ: dict[int, _Occ], bounds: Boundaries) -> list[Candidate]:
        """Matches of one sequence: start from the part with the fewest occurrences in this text
        and extend to the left and to the right inside the window. Work is proportional to that
        part's occurrences (times a bounded number of neighbours), never to the busiest part's."""
        parts = seq.parts
        lists = [occ.get(self._part_ids[p.key]) for p in parts]
        if any(x is None or not x.spans for x in lists):
            return []
        a = min(range(len(parts)), key=lambda i: len(lists[i].spans))  # type: ignore[union-attr]
        # a chain: (start, end, part spans)
        chains: dict[Span, tuple[Span, ...]] = {(s, e): ((s, e),) for s, e in lists[a].spans}  # type: ignore[union-attr]
        for i in range(a - 1, -1, -1):                     # leftwards: part i ends before the chain starts
            gap = _gap(parts[i + 1], pat)
            nxt: dict[Span, tuple[Span, ...]] = {}
            for (cs, ce), ps in chains.items():
                stop = bounds.last_before(cs, pat.span) + 1   # part i must end at or after this
                for s, e in lists[i].ending_in(max(cs - gap, stop), cs):  # type: ignore[union-attr]
                    key = (s, ce)
                    if key not in nxt:
                        nxt[key] = ((s, e), *ps)
            chains = nxt
            if not chains:
                return []
        for i in range(a + 1, len(parts)):                 # rightwards: part i starts after the chain ends
            gap = _gap(parts[i], pat)
            nxt = {}
            for (cs, ce), ps in chains.items():
                hi = min(ce + gap, bounds.first_at_or_after(ce, pat.span))
                for s, e in lists[i].starting_in(ce, hi):  # type: ignore[union-attr]
                    key = (cs, e)
                    if key not in nxt:
                        nxt[key] = (*ps, (s, e))
            chains = nxt
            if not chains:
                return []
        # per end, the latest start (the shortest match); a one-word pattern keeps its longest word
        longest = len(parts) == 1
        best: dict[int, tuple[int, tuple[Span, ...]]] = {}
        for (cs, ce), ps in chains.items():
            old = best.get(ce)
            if old is None or (cs < old[0] if longest else cs > old[0]):
                best[ce] = (cs, ps)
        return [Candidate(cs, ce, ps) for ce, (cs, ps) in best.items()]

    def _match(self, pat: Pattern, seqs: Iterable[Sequence], occ: dict[int, _Occ],
               bounds: Boundaries) -> list[Candidate]:
        out: dict[Span, Candidate] = {}
        for seq in seqs:
            for c in self._join(seq, pat, occ, bounds):
                key = (c.start, c.end)
                if key not in out:
                    out[key] = c
        return sorted(out.values(), key=lambda c: (c.start, -c.end))

    def windows(self, t: str) -> list[Span]:
        """Stretches of the (normalised) text that can hold a match: around each anchor, merged."""
        n = len(t)
        hits: list[Span] = []
        if n > 4 * SAMPLE:  # a long text dense with anchors is matched whole: do not pay for the anchor pass
            probe = self.windows(t[:SAMPLE])
            if sum(b - a for a, b in probe) * 2 > SAMPLE:
                return [(0, n)]
        if not self._no_anchor:
            hits = [(end + 1 - length, end + 1) for end, length in self._anchors.iter(t)]
        if self._number_anchor:
            hits += [m.span() for m in NUMBER_RUN.finditer(t)]
        if not hits:
            return []
        hits.sort()
        out: list[list[int]] = []
        r = self._reach
        for s, e in hits:
            a, b = max(0, s - r), min(n, e + r)
            if out and a <= out[-1][1]:
                out[-1][1] = max(out[-1][1], b)
            else:
                out.append([a, b])
        # never cut a number or a run of Latin letters in two (its value or word would change)
        for w in out:
            k = 0
            while w[0] > 0 and k < MAX_NUMBER and ((t[w[0] - 1].isalnum() and t[w[0] - 1] < "\u2e80") or t[w[0] - 1] in _CN_NUM):
                w[0] -= 1
                k += 1
            k = 0
            while w[1] < n and k < MAX_NUMBER and ((t[w[1]].isalnum() and t[w[1]] < "\u2e80") or t[w[1]] in _CN_NUM):
                w[1] += 1
                k += 1
        merged: list[Span] = []
        for a, b in out:
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        return merged

    def candidates(self, text: str, keys: Iterable[Hashable] | None = None,
                   dropped: dict[Hashable, list[Candidate]] | None = None,
                   windows: list[Span] | None = None) -> dict[Hashable, list[Candidate]]:
        """Matches of each pattern (or of ``keys`` only), sorted by start; ``unless`` applied.
        Matches an ``unless`` pattern cancelled go to ``dropped`` when it is given (explanations).
        ``windows`` limits the search to those stretches (default: around this matcher's anchors)."""
        t = norm(text)
        spans = self.windows(t) if windows is None else windows
        if sum(b - a for a, b in spans) * 2 > len(t):
            spans = [(0, len(t))]            # dense text: one pass over the whole of it
        out: dict[Hashable, list[Candidate]] = {}
        wanted = list(self.patterns if keys is None else keys)
        for a, b in spans:
            sub = t[a:b]
            occ = self._sorted(sub)
            bounds = Boundaries(sub)
            for key in wanted:
                pat = self.patterns[key]
                found = self._match(pat, pat.sequences, occ, bounds)
                if found and pat.unless:
                    blocked = self._match(pat, pat.unless, occ, bounds)
                    if blocked:
                        kept = _drop_overlapped(found, blocked)
                        if dropped is not None and len(kept) < len(found):
                            dropped.setdefault(key, []).extend(_shift(c, a) for c in found if c not in kept)
                        found = kept
                if found:
                    out.setdefault(key, []).extend(_shift(c, a) for c in found)
        return out


def _gap(part: Part, pat: Pattern) -> int:
    return 0 if part.adjacent else (part.gap if part.gap is not None else pat.window)


_CN_NUM = frozenset("零〇一二两三四五六七八九十百千万亿几.")


def _shift(c: Candidate, by: int) -> Candidate:
    if not by:
        return c
    return Candidate(c.start + by, c.end + by, tuple((s + by, e + by) for s, e in c.parts))


class _Occ:
    """One part's occurrences, sorted by start and by end (built on first use), for window queries."""

    __slots__ = ("_by_end", "_ends", "_starts", "spans")

    def __init__(self, spans: list[Span]):
        spans.sort()
        self.spans = spans
        self._starts: list[int] | None = None
        self._by_end: list[Span] | None = None
        self._ends: list[int] | None = None

    def starting_in(self, lo: int, hi: int) -> list[Span]:
        """Occurrences whose start is in [lo, hi]."""
        if self._starts is None:
            self._starts = [s for s, _ in self.spans]
        i = bisect_left(self._starts, lo)
        j = bisect_left(self._starts, hi + 1, i)
        return self.spans[i:j]

    def ending_in(self, lo: int, hi: int) -> list[Span]:
        """Occurrences whose end is in [lo, hi]."""
        if self._by_end is None:
            self._by_end = sorted(self.spans, key=lambda sp: sp[1])
            self._ends = [e for _, e in self._by_end]
        assert self._ends is not None
        i = bisect_left(self._ends, lo)
        j = bisect_left(self._ends, hi + 1, i)
        return self._by_end[i:j]


def _digits(s: str) -> str:
    """The number inside a matched amount or percentage ('3万元' → '3万', '百分之五' → '五')."""
    m = NUMBER_RUN.search(s.replace("百分之", "", 1) if s.startswith("百分之") else s)
    if m is None:
        return "0"
    run = m.group()
    rest = s[m.end():]
    return run + "万" if rest.startswith("万") and not run.endswith("万") else run


def _holds(value: int, compare: tuple[str, int]) -> bool:
    op, n = compare
    return {">=": value >= n, "<=": value <= n, ">": value > n, "<": value < n, "=": value == n}[op]


def _drop_overlapped(found: list[Candidate], blocked: list[Candidate]) -> list[Candidate]:
    """Candidates that no blocked span overlaps (both lists sorted by start; linear sweep)."""
    keep: list[Candidate] = []
    blocked = sorted(blocked, key=lambda c: c.start)
    j = 0
    reach = -1          # furthest end among blocked spans that start before the candidate's end
    for c in sorted(found, key=lambda c: c.end):
        while j < len(blocked) and blocked[j].start < c.end:
            reach = max(reach, blocked[j].end)
            j += 1
        # a blocked span overlaps c iff some blocked span with start < c.end has end > c.start;
        # `reach` is the max end of those, so one comparison decides
        if reach > c.start:
            continue
        keep.append(c)
    return sorted(keep, key=lambda c: (c.start, -c.end))
