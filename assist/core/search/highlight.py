"""Highlights (character ranges in the original text) and snippets."""

from __future__ import annotations

import re

from assist.core.search.query import Aligner, Query
from assist.core.search.text import normalize, normalize_map

Range = tuple[int, int]
SNIPPET_CHARS = 80
SNIPPET_LEAD = 12
_LATIN_RUN = re.compile(r"[a-z0-9]{2,}")


def _merge(spans: list[Range]) -> list[Range]:
    out: list[Range] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


class Highlighter:
    def __init__(self, query: Query) -> None:
        self.query = query
        self.aligners = [query.aligner] + [Aligner(u) for _a, u in query.alternatives]
        self.literals = _LATIN_RUN.findall(query.norm)
        self.probes = [query.norm] + [a for a, _u in query.alternatives]
        n = len(query.units)
        if n and all(u.latin and len(u.prefix) == 1 for u in query.units):
            self.min_len = n  # initials only: highlight the whole sequence, not stray pairs
        else:
            self.min_len = 1 if n <= 1 else 2

    def ranges(self, text: str, literal: bool = False) -> list[Range]:
        """Ranges of ``text`` (original indices, end exclusive) that the query matched.
        ``literal``: only exact substrings (fast, for snippets of CJK queries). Without
        it, CJK queries still try exact substrings first and align through pinyin only
        when those do not cover the query (homophones)."""
        norm, where = normalize_map(text)
        if not norm:
            return []
        spans: list[Range] = []
        if not literal and not self.query.has_latin:
            spans = self._literal(norm)
            if sum(e - s for s, e in _merge(spans)) >= len(self.query.norm):
                return _merge([(where[s], where[e - 1] + 1) for s, e in spans])
            spans = []
        if literal:
            spans = self._literal(norm)
        else:
            for al in self.aligners:
                spans.extend(al.runs(norm, min(self.min_len, len(al.units) or 1))[1])
        for lit in self.literals:
            start = norm.find(lit)
            while start >= 0:
                spans.append((start, start + len(lit)))
                start = norm.find(lit, start + 1)
        return _merge([(where[s], where[e - 1] + 1) for s, e in spans])

    def _literal(self, norm: str) -> list[Range]:
        spans: list[Range] = []
        for p in self.probes:
            grams = [p[i : i + 2] for i in range(len(p) - 1)] or [p]
            for g in grams:
                start = norm.find(g)
                while start >= 0:
                    spans.append((start, start + len(g)))
                    start = norm.find(g, start + 1)
        return spans

    def snippet(self, body: str) -> tuple[str, list[Range]]:
        """A window of the body around the first match, and its highlight ranges."""
        body = " ".join(body.split())
        if not body:
            return "", []
        start = self._first_match(body)
        lo = max(0, start - SNIPPET_LEAD) if start is not None else 0
        text = body[lo : lo + SNIPPET_CHARS]
        prefix = "…" if lo > 0 else ""
        suffix = "…" if lo + SNIPPET_CHARS < len(body) else ""
        shift = len(prefix)
        literal = not self.query.has_latin
        ranges = [(s + shift, e + shift) for s, e in self.ranges(text, literal)]
        return prefix + text + suffix, ranges

    def _first_match(self, body: str) -> int | None:
        norm = normalize(body)
        probes = self.probes
        best: int | None = None
        for p in probes:
            grams = [p[i : i + 2] for i in range(len(p) - 1)] or [p]
            for g in grams:
                pos = norm.find(g)
                if pos >= 0 and (best is None or pos < best):
                    best = pos
                    break
        # Approximate source position (window has a lead, exactness is not needed).
        return int(best * len(body) / len(norm)) if best is not None else None
