"""SearchEngine: build once from Docs (or load a stored build, :mod:`assist.core.search.store`),
then ``search()`` per keystroke.

Pipeline: normalise → query keys (characters, pinyin, synonyms, typed pinyin spelled in the KB's
words) → BM25F candidates from the inverted index → rerank the best few dozen with rapidfuzz and
a pinyin alignment score → coverage gate for typed queries (:mod:`assist.core.search.gate`) →
boosts (pinned, usage, expired last) → highlights and snippets. Two or three typed initials rank
by how exactly a title spells them and show at most a screenful.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from itertools import repeat
from operator import itemgetter
from typing import Any

from rapidfuzz import fuzz

from assist.core.search.decode import spelled
from assist.core.search.gate import (
    GATED_QUERY,
    SCREENFUL,
    allowed_misses,
    covers,
    initial_tier,
    initials_only,
    tiered_initials,
)
from assist.core.search.highlight import Highlighter
from assist.core.search.index import Index
from assist.core.search.model import Boosts, Doc, Filters, Hit
from assist.core.search.names import initial_strings
from assist.core.search.pinyin import query_units, sound
from assist.core.search.query import Query
from assist.core.search.text import expand_shorthand, normalize, strip_chatter

__all__ = ["SCREENFUL", "SearchEngine", "allowed_misses"]

CANDIDATES = 150  # BM25 candidates reranked (a customer's sentence)
SHORT_CANDIDATES = 80  # BM25 candidates reranked (typed keywords, pinyin)
ALIGN_TOP = 25  # of which this many get the pinyin alignment feature
POSTING_CAP = 2000  # postings read per key and field (best-weighted first)
EXPANDED_CAP = 300  # for keys reached through pinyin / homophone expansion
W_FUZZ = 0.8  # rapidfuzz partial_ratio against title/aliases
W_ALIGN = 0.5  # contiguous run of query units in title/aliases (pinyin aware)
FUZZ = fuzz.partial_ratio  # long queries use fuzz.ratio (see _rerank)
LONG_FUZZ = fuzz.ratio
LONG_QUERY = 8  # units; from here on a query is a customer's sentence
W_SOUND = 0.95  # same fuzzy score on homophone-folded text, slightly discounted
# A customer's sentence (untyped: more than GATED_QUERY units, no Latin) is reranked on
# BM25 share + W_SENT_FUZZ * ratio² + W_COVER * IDF-weighted share of the query's distinct
# characters found in the title/aliases. Chatter characters (的了吗我…) occur everywhere, so
# their IDF, hence their weight in the share, is small: no stop list needed.
# Tuned on the DEV split only (two-fold check on DEV halves picked the same weights).
W_SENT_FUZZ = 1.6
W_COVER = 0.75
FLOOR = 0.12  # drop results scoring under this share of the best one


def synonym_map(synonyms: Iterable[Sequence[str]]) -> dict[str, list[str]]:
    """phrase → the other phrases of its groups (normalised)."""
    syn: dict[str, list[str]] = {}
    for group in synonyms:
        words = list(dict.fromkeys(w for w in (normalize(str(x)) for x in group) if w))
        for w in words:
            syn.setdefault(w, []).extend(x for x in words if x != w and x not in syn.get(w, ()))
    return syn


class SearchEngine:
    def __init__(self, docs: list[Doc], index: Index, synonyms: dict[str, list[str]], joined: list[str],
                 tagtext: list[str], initials: list[tuple[str, str, str, str]]) -> None:
        """Per document: names (title first) and tags, normalised and ``|``-joined, and the
        initials of the title, its parts, its aliases and its tags (``names.initial_strings``)."""
        self.docs = docs
        self.index = index
        self.synonyms = synonyms
        self._joined = joined
        self._tagtext = tagtext
        self._initials = initials
        self._by_id = {d.id: i for i, d in enumerate(docs)}
        self._filter_cache: dict[Filters, bytearray] = {}

    # ----------------------------------------------------------------- build
    @classmethod
    def build(cls, docs: Iterable[Doc], synonyms: Iterable[Sequence[str]] = ()) -> SearchEngine:
        docs = list(docs)
        names = [[normalize(d.title)] + [normalize(a) for a in d.aliases] for d in docs]
        tags = [[normalize(t) for t in d.tags] for d in docs]
        index = Index.build(names, tags, [normalize(d.body) for d in docs])
        return cls(docs, index, synonym_map(synonyms), ["|".join(ts) for ts in names],
                   ["|".join(ts) for ts in tags], [initial_strings(d.title, d.aliases, d.tags) for d in docs])

    def __len__(self) -> int:
        return len(self.docs)

    # ---------------------------------------------------------------- search
    def parse(self, text: str) -> Query:
        norm = strip_chatter(normalize(text))
        alts: list[str] = []
        short = expand_shorthand(norm)
        if short != norm:
            alts.append(short)
        for phrase, others in self.synonyms.items():
            if phrase in norm:
                alts.extend(norm.replace(phrase, o) for o in others[:6])
        q = Query.parse(norm, list(dict.fromkeys(alts))[:8])
        if q.has_latin and any(u.char for u in q.units):  # mixed: tousu乱收费
            self._spell(q)
        return q

    def _spell(self, q: Query) -> bool:
        """Add the query's typed pinyin spelled in the KB's words as an alternative (tousu乱收费 →
        投诉乱收费, xykdaoshua → 信用卡盗刷); False when there is nothing new."""
        word = spelled(q.units, self.index, self._joined)
        if not word or word == q.norm or any(a == word for a, _u in q.alternatives):
            return False
        q.alternatives.append((word, query_units(word)))
        return True

    def search(
        self,
        query: str,
        limit: int = 10,
        filters: Filters | Mapping[str, Any] | None = None,
        boosts: Boosts | Mapping[str, Any] | None = None,
    ) -> list[Hit]:
        flt = Filters.coerce(filters)
        bst = Boosts.coerce(boosts)
        q = self.parse(query)
        if not q.norm:
            return self._empty(limit, flt, bst)
        if len(q.units) == 1 and initials_only(q):
            return []  # one initial (d, zh) could be anything: wait for the next letter
        hits = self._search(q, limit, flt, bst)
        if not hits and q.has_latin and not initials_only(q) and not any(u.char for u in q.units) and self._spell(q):
            hits = self._search(q, limit, flt, bst)  # pinyin words typed together: xykdaoshua
        return hits

    def _search(self, q: Query, limit: int, flt: Filters | None, bst: Boosts) -> list[Hit]:
        keys = q.keys(self.index)
        acc = self.index.accumulate(keys, POSTING_CAP)
        self.index.accumulate({k: w for k, w in keys.expanded.items() if k not in keys}, EXPANDED_CAP, acc, name_only=True)
        if flt is not None:
            ok = self._allowed(flt)
            acc = {d: s for d, s in acc.items() if ok[d]}
        if not acc:
            return []
        letters = tiered_initials(q)
        if letters:
            return self._search_initials(q, letters, acc, limit, bst)
        n_cand = CANDIDATES if len(q.units) > LONG_QUERY else SHORT_CANDIDATES
        if len(acc) > 4 * n_cand:
            cut = max(acc.values()) * 0.2
            acc = {d: s for d, s in acc.items() if s >= cut} or acc
        top = heapq.nlargest(n_cand, acc.items(), key=itemgetter(1))
        scored = self._rerank(q, top)
        if q.has_latin or len(q.units) <= GATED_QUERY:
            scored = [(d, sc) for d, sc in scored if covers(q, self._head(d), self.docs[d].body, self._initials[d])]
            if not scored:
                return []
        return self._finish(q, scored, limit, bst)

    def _head(self, d: int) -> str:
        return self._joined[d] + "|" + self._tagtext[d]

    def _search_initials(self, q: Query, letters: str, acc: dict[int, float], limit: int, bst: Boosts) -> list[Hit]:
        """Two or three typed initials: titles spelled exactly so first, then titles (or their
        parts) that start so, then anywhere in a title; aliases after titles at each step.
        At most a screenful."""
        ini = self._initials
        tiers: dict[int, int] = {}
        for d in acc:
            t = initial_tier(letters, *ini[d])  # tags do not rank
            if t is not None:
                tiers[d] = t
        if not tiers:
            return []
        top = heapq.nsmallest(SHORT_CANDIDATES, tiers, key=lambda d: (tiers[d], -acc[d], d))
        scored = self._rerank(q, [(d, acc[d]) for d in top])
        return self._finish(q, scored, min(limit, SCREENFUL), bst, tiers)

    def _rerank(self, q: Query, top: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """BM25 share of the best + rapidfuzz similarity to title/aliases (also on
        homophone-folded text) + pinyin alignment for typed Latin letters."""
        s_top = max(s for _d, s in top) or 1.0
        qn = q.norm
        qs = sound(qn)
        homophones = qs != qn
        out: list[tuple[int, float]] = []
        if len(q.units) > GATED_QUERY and not q.has_latin:  # a customer's sentence
            return self._rerank_sentence(q, top, s_top, qs if homophones else None)
        if len(q.units) > LONG_QUERY:  # a customer's sentence: whole-string similarity
            for d, s in top:
                fz = max(map(LONG_FUZZ, repeat(qn), self._joined[d].split("|")))
                if homophones:
                    fz = max(fz, W_SOUND * max(map(LONG_FUZZ, repeat(qs), sound(self._joined[d]).split("|"))))
                out.append((d, s / s_top + W_FUZZ * (fz / 100.0) ** 2))
            return out
        # Pinyin alignment only where characters alone cannot tell (typed Latin letters).
        aligner = q.aligner if q.has_latin else None
        nq = max(1, len(q.units))
        joined = self._joined
        for rank, (d, s) in enumerate(top):
            fz = FUZZ(qn, joined[d])
            if homophones:
                fz = max(fz, W_SOUND * FUZZ(qs, sound(joined[d])))
            score = s / s_top + W_FUZZ * (fz / 100.0) ** 2
            if aligner is not None and rank < ALIGN_TOP:
                best = aligner.runs(joined[d], 99)[0]  # '|' between names never matches
                score += W_ALIGN * (best / nq) ** 2
            out.append((d, score))
        return out

    def query_coverage(self, qn: str) -> dict[str, float]:
        """IDF (title/alias field) of each distinct character of ``qn``; unseen ones get the
        largest IDF."""
        idf_of = self.index.name.idf_of
        top = self.index.max_idf
        return {c: (i if (i := idf_of(c)) is not None else top) for c in set(qn)}

    def _rerank_sentence(
        self, q: Query, top: list[tuple[int, float]], s_top: float, qs: str | None
    ) -> list[tuple[int, float]]:
        qn = q.norm
        idf = self.query_coverage(qn)
        total = sum(idf.values()) or 1.0
        items = tuple(idf.items())
        out: list[tuple[int, float]] = []
        for d, s in top:
            names = self._joined[d].split("|")
            fz = max(map(LONG_FUZZ, repeat(qn), names))
            if qs is not None:
                fz = max(fz, W_SOUND * max(map(LONG_FUZZ, repeat(qs), sound(self._joined[d]).split("|"))))
            cover = max(sum(w for c, w in items if c in t) for t in names) if names else 0.0
            out.append((d, s / s_top + W_SENT_FUZZ * (fz / 100.0) ** 2 + W_COVER * cover / total))
        return out

    def _finish(self, q: Query, scored: list[tuple[int, float]], limit: int, bst: Boosts,
                tiers: dict[int, int] | None = None) -> list[Hit]:
        """Boosts, then order: expired last (when asked), by ``tiers`` when given, by score."""
        pinned = set(bst.pinned)
        umax = max(bst.usage.values(), default=0.0)
        adj: list[tuple[int, float]] = []
        for d, s in scored:
            doc = self.docs[d]
            if doc.id in pinned:
                s *= bst.pinned_factor
            if umax > 0:
                s *= 1.0 + bst.usage_weight * max(0.0, bst.usage.get(doc.id, 0.0)) / umax
            adj.append((d, s))
        tier = tiers.__getitem__ if tiers is not None else (lambda _d: 0)
        if tiers is None:
            best = max(s for _d, s in adj)
            adj = [(d, s) for d, s in adj if s >= FLOOR * best]
        docs = self.docs
        adj.sort(key=lambda x: (bst.expired_last and docs[x[0]].expired, tier(x[0]), -x[1], docs[x[0]].id))
        hl = Highlighter(q)
        return [self._hit(d, s, hl, pinned) for d, s in adj[:limit]]

    def _hit(self, d: int, score: float, hl: Highlighter | None, pinned: set[str]) -> Hit:
        doc = self.docs[d]
        if hl is None:
            snippet = " ".join(doc.body.split())[:80]
            highlights: dict[str, list[tuple[int, int]]] = {"title": [], "snippet": []}
        else:
            snippet, sn_ranges = hl.snippet(doc.body)
            highlights = {"title": hl.ranges(doc.title), "snippet": sn_ranges}
        return Hit(doc.id, doc.title, score, highlights, snippet, doc.category, doc.expired, doc.id in pinned)

    # ------------------------------------------------------------ empty query
    def _empty(self, limit: int, flt: Filters | None, bst: Boosts) -> list[Hit]:
        order: list[int] = []
        seen: set[int] = set()
        for cid in bst.pinned:
            d = self._by_id.get(cid)
            if d is not None and d not in seen:
                order.append(d)
                seen.add(d)
        used = sorted((s, cid) for cid, s in bst.usage.items() if s > 0 and cid in self._by_id)
        for _s, cid in sorted(used, key=lambda x: (-x[0], x[1])):
            d = self._by_id[cid]
            if d not in seen:
                order.append(d)
                seen.add(d)
        if flt is not None:
            order = [d for d in order if flt.accepts(self.docs[d])]
        n_pinned = len([d for d in order if self.docs[d].id in set(bst.pinned)])
        if bst.expired_last:
            head, tail = order[:n_pinned], order[n_pinned:]
            order = head + [d for d in tail if not self.docs[d].expired] + [d for d in tail if self.docs[d].expired]
        pinned = set(bst.pinned)
        total = len(order)
        return [self._hit(d, float(total - i), None, pinned) for i, d in enumerate(order[:limit])]

    def _allowed(self, flt: Filters) -> bytearray:
        ok = self._filter_cache.get(flt)
        if ok is None:
            ok = bytearray(1 if flt.accepts(doc) else 0 for doc in self.docs)
            if len(self._filter_cache) > 32:
                self._filter_cache.clear()
            self._filter_cache[flt] = ok
        return ok
