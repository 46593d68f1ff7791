"""SearchEngine: build once from Docs, then ``search()`` per keystroke.

Pipeline: normalise → query keys (characters, pinyin, synonyms) → BM25F candidates
from the inverted index → rerank the best few hundred with rapidfuzz and a pinyin
alignment score → boosts (pinned, usage, expired last) → highlights and snippets.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import repeat
from operator import itemgetter
from typing import Any

from rapidfuzz import fuzz

from assist.core.search.highlight import Highlighter
from assist.core.search.index import Index
from assist.core.search.model import Boosts, Doc, Filters, Hit
from assist.core.search.pinyin import sound
from assist.core.search.query import Query
from assist.core.search.text import expand_shorthand, normalize, strip_chatter

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
# Typed queries must be covered: a card is shown only if enough of the query's units occur in it
# (title/aliases/tags homophone-aware, body literally). Function words do not count.
STOP_CHARS = frozenset("的了吗呢么啊呀吧哦嗯我你您他她是在有和就都也还要想请问怎办什为啥能可以会一下个这那")
BODY_SCAN = 600  # body characters checked for coverage (the indexed part and a little more)
GATED_QUERY = 6  # units: up to here (or with typed Latin) a query is typed keywords and is gated


_ASCII_WORD = re.compile(r"[0-9a-z]{2,}", re.IGNORECASE)


def _in_body(norm: str, body: str) -> set[int]:
    """Positions of query characters that occur in ``body`` inside a query bigram (one
    common character scattered through a card is no evidence)."""
    if len(norm) == 1:
        return {0} if norm in body else set()
    out: set[int] = set()
    for i in range(len(norm) - 1):
        if norm[i:i + 2] in body:
            out.update((i, i + 1))
    return out


def allowed_misses(n: int) -> int:
    """Units of a typed query that may be missing (typo tolerance without flooding)."""
    return 0 if n <= 2 else 1 if n <= 5 else 2


class SearchEngine:
    def __init__(self, docs: list[Doc], index: Index, synonyms: dict[str, list[str]], names: list[list[str]]) -> None:
        self.docs = docs
        self.index = index
        self.synonyms = synonyms
        self._titles = names
        self._sounds = [[sound(t) for t in ts] for ts in names]
        self._joined = ["|".join(ts) for ts in names]
        self._jsounds = ["|".join(ts) for ts in self._sounds]
        self._by_id = {d.id: i for i, d in enumerate(docs)}
        self._tagtext = [normalize("|".join(d.tags)) for d in docs]
        self._filter_cache: dict[Filters, bytearray] = {}

    # ----------------------------------------------------------------- build
    @classmethod
    def build(cls, docs: Iterable[Doc], synonyms: Iterable[Sequence[str]] = ()) -> SearchEngine:
        docs = list(docs)
        names = [[normalize(d.title)] + [normalize(a) for a in d.aliases] for d in docs]
        tags = [[normalize(t) for t in d.tags] for d in docs]
        bodies = [normalize(d.body) for d in docs]
        syn: dict[str, list[str]] = {}
        for group in synonyms:
            words = list(dict.fromkeys(w for w in (normalize(str(x)) for x in group) if w))
            for w in words:
                syn.setdefault(w, []).extend(x for x in words if x != w and x not in syn.get(w, ()))
        return cls(docs, Index.build(names, tags, bodies), syn, names)

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
        return Query.parse(norm, list(dict.fromkeys(alts))[:8])

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
        keys = q.keys(self.index)
        acc = self.index.accumulate(keys, POSTING_CAP)
        self.index.accumulate({k: w for k, w in keys.expanded.items() if k not in keys}, EXPANDED_CAP, acc, name_only=True)
        if flt is not None:
            ok = self._allowed(flt)
            acc = {d: s for d, s in acc.items() if ok[d]}
        if not acc:
            return []
        n_cand = CANDIDATES if len(q.units) > LONG_QUERY else SHORT_CANDIDATES
        if len(acc) > 4 * n_cand:
            cut = max(acc.values()) * 0.2
            acc = {d: s for d, s in acc.items() if s >= cut} or acc
        top = heapq.nlargest(n_cand, acc.items(), key=itemgetter(1))
        scored = self._rerank(q, top)
        if q.has_latin or len(q.units) <= GATED_QUERY:
            scored = [(d, sc) for d, sc in scored if self._covers(q, d)]
            if not scored:
                return []
        return self._finish(q, scored, limit, bst)

    def _covers(self, q: Query, d: int) -> bool:
        """Enough of a typed query occurs in card ``d``: its characters inside query bigrams found
        in the title, aliases, tags or body, or a contiguous pinyin/homophone-aware run in the
        title, aliases or tags. Up to ``allowed_misses`` units may be missing;
        function words do not count; typed ASCII words (ATM, APP, CVV) count when found literally."""
        n = sum(1 for u in q.units if not (u.char and u.char in STOP_CHARS))
        if n == 0:
            return True
        need = n - allowed_misses(n)
        body = self.docs[d].body[:BODY_SCAN]
        head = self._joined[d] + "|" + self._tagtext[d]
        lower = (head + "|" + body).lower()
        words = _ASCII_WORD.findall(q.norm)
        literal = bool(words) and all(w.lower() in lower for w in words)
        if literal and q.norm.isascii():
            return True  # a literal word such as ATM, APP, CVV
        found = _in_body(q.norm, head + "|" + body)
        single = sum(1 for u in q.units if u.char) == 1
        exact, pos = 0, 0
        for u in q.units:  # character units in order; map each to its position in q.norm
            if not u.char:
                continue
            at = q.norm.find(u.char, pos)
            pos = at + 1 if at >= 0 else pos
            if u.char not in STOP_CHARS and (at in found or (single and u.char in head)):
                exact += 1
        if literal:
            exact += sum(1 for u in q.units if u.latin)
        if exact >= need:
            return True
        run = q.aligner.runs(head, 99)[0]  # 1 per exact unit, 0.8 per homophone / pinyin match
        if run >= 0.8 * need - 1e-9:
            return True
        budget = n - need  # the typed query's miss budget also bounds its synonym expansions
        for alt, _units in q.alternatives:  # a synonym or shorthand expansion found this card
            hits = _in_body(alt, head + "|" + body)
            counted = [i for i, c in enumerate(alt) if c not in STOP_CHARS]
            if counted and sum(1 for i in counted if i not in hits) <= budget:
                return True
        return False

    def _rerank(self, q: Query, top: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """BM25 share of the best + rapidfuzz similarity to title/aliases (also on
        homophone-folded text) + pinyin alignment for typed Latin letters."""
        s_top = top[0][1] or 1.0
        qn = q.norm
        qs = sound(qn)
        homophones = qs != qn
        out: list[tuple[int, float]] = []
        if len(q.units) > GATED_QUERY and not q.has_latin:  # a customer's sentence
            return self._rerank_sentence(q, top, s_top, qs if homophones else None)
        if len(q.units) > LONG_QUERY:  # a customer's sentence: whole-string similarity
            for d, s in top:
                fz = max(map(LONG_FUZZ, repeat(qn), self._titles[d]))
                if homophones:
                    fz = max(fz, W_SOUND * max(map(LONG_FUZZ, repeat(qs), self._sounds[d])))
                out.append((d, s / s_top + W_FUZZ * (fz / 100.0) ** 2))
            return out
        # Pinyin alignment only where characters alone cannot tell (typed Latin letters).
        aligner = q.aligner if q.has_latin else None
        nq = max(1, len(q.units))
        joined, jsound = self._joined, self._jsounds
        for rank, (d, s) in enumerate(top):
            fz = FUZZ(qn, joined[d])
            if homophones:
                fz = max(fz, W_SOUND * FUZZ(qs, jsound[d]))
            score = s / s_top + W_FUZZ * (fz / 100.0) ** 2
            if aligner is not None and rank < ALIGN_TOP:
                best = aligner.runs(joined[d], 99)[0]  # '|' between names never matches
                score += W_ALIGN * (best / nq) ** 2
            out.append((d, score))
        return out

    def query_coverage(self, qn: str) -> dict[str, float]:
        """IDF (title/alias field) of each distinct character of ``qn``; unseen ones get the
        largest IDF."""
        post = self.index.name.postings
        top = self.index.max_idf
        return {c: (p[1] if (p := post.get(c)) is not None else top) for c in set(qn)}

    def _rerank_sentence(
        self, q: Query, top: list[tuple[int, float]], s_top: float, qs: str | None
    ) -> list[tuple[int, float]]:
        qn = q.norm
        idf = self.query_coverage(qn)
        total = sum(idf.values()) or 1.0
        items = tuple(idf.items())
        out: list[tuple[int, float]] = []
        for d, s in top:
            names = self._titles[d]
            fz = max(map(LONG_FUZZ, repeat(qn), names))
            if qs is not None:
                fz = max(fz, W_SOUND * max(map(LONG_FUZZ, repeat(qs), self._sounds[d])))
            cover = max(sum(w for c, w in items if c in t) for t in names) if names else 0.0
            out.append((d, s / s_top + W_SENT_FUZZ * (fz / 100.0) ** 2 + W_COVER * cover / total))
        return out

    def _finish(self, q: Query, scored: list[tuple[int, float]], limit: int, bst: Boosts) -> list[Hit]:
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
        best = max(s for _d, s in adj)
        adj = [(d, s) for d, s in adj if s >= FLOOR * best]
        if bst.expired_last:
            adj.sort(key=lambda x: (self.docs[x[0]].expired, -x[1], self.docs[x[0]].id))
        else:
            adj.sort(key=lambda x: (-x[1], self.docs[x[0]].id))
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
