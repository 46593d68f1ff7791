"""In-memory inverted index with BM25 weights over character n-grams and pinyin initials.

Keys (plain strings):

* ``X`` / ``XY``      character unigram / bigram of the folded text (CJK, letters, digits);
* ``^xy`` / ``^xyk``  initial bigram / trigram of the title and aliases (``xykgs``).

Full-pinyin and homophone queries need no keys of their own: the query side expands
a syllable to the characters with that reading (see :mod:`assist.core.search.query`).

Fields: title + aliases ("name", weight 3), tags (1.5) and body (1, bigrams only, no
term frequency: keeps the build fast). Each field is length-normalised (BM25, k1, b)
and saturated separately; the scores add up. Long postings are sorted by weight so
a query can read only their best part.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from itertools import islice

from assist.core.search.pinyin import readings
from assist.core.search.text import is_cjk

K1 = 1.2
B = 0.75
W_NAME, W_TAGS, W_BODY = 3.0, 1.5, 1.0
SORT_OVER = 500
MAX_READINGS = 2  # readings per character used in initial n-grams


_add = str.__add__
_INI: dict[str, str] = {}


def char_keys(s: str) -> list[str]:
    keys = list(s)
    keys += map(_add, s, s[1:])
    return keys


def _initials(c: str) -> str:
    r = _INI.get(c)
    if r is None:
        _INI[c] = r = "".join(sorted({x[0] for x in readings(c)[:MAX_READINGS]})) or "#"
    return r


def initial_keys(s: str) -> list[str]:
    """``^`` + initials of every 2 and 3 consecutive CJK characters."""
    ini = list(map(_initials, s))
    if all(len(x) == 1 for x in ini):
        j = "".join(ini)
        keys = list(map(_add, map(_add, "^" * (len(j) - 1), j), j[1:]))
        keys += map(_add, keys, j[2:])
        return [k for k in keys if "#" not in k]
    keys = []
    for i in range(len(s) - 1):
        a, b = ini[i], ini[i + 1]
        keys += ["^" + x + y for x in a for y in b]
        if i + 2 < len(s):
            keys += ["^" + x + y + z for x in a for y in b for z in ini[i + 2]]
    return [k for k in keys if "#" not in k]


def _sat(t: float) -> float:
    return t * (K1 + 1) / (t + K1)


class Index:
    def __init__(self) -> None:
        self.postings: dict[str, tuple[array, array]] = {}  # name + tags: ids, weights
        self.body: dict[str, tuple[array, float]] = {}  # body bigram: ids, idf
        self.body_sat: list[float] = []
        self.n_docs = 0
        self.syl_chars: dict[str, list[str]] = {}  # syllable → indexed chars, most frequent first

    @classmethod
    def build(cls, names: list[list[str]], tags: list[list[str]], bodies: list[str]) -> "Index":
        """Per document: normalised title + aliases, tags, body."""
        self = cls()
        n = self.n_docs = len(names)
        ln_name = [sum(map(len, x)) for x in names]
        ln_tags = [sum(map(len, x)) for x in tags]
        ln_body = [len(x) for x in bodies]
        avg_n = (sum(ln_name) / n if n else 1.0) or 1.0
        avg_t = (sum(ln_tags) / n if n else 1.0) or 1.0
        avg_b = (sum(ln_body) / n if n else 1.0) or 1.0
        raw: dict[str, tuple[list[int], list[float]]] = {}
        braw: dict[str, list[int]] = {}
        for d in range(n):
            keys: list[str] = []
            for t in names[d]:
                keys += char_keys(t)
            if names[d]:
                keys += initial_keys(names[d][0])  # title only: initials are typed for titles
            s = W_NAME / (1 - B + B * ln_name[d] / avg_n)
            combined = {k: tf * s for k, tf in Counter(keys).items()}
            if tags[d]:
                tkeys: list[str] = []
                for t in tags[d]:
                    tkeys += char_keys(t)
                s = W_TAGS / (1 - B + B * ln_tags[d] / avg_t)
                for k, tf in Counter(tkeys).items():
                    combined[k] = combined.get(k, 0.0) + tf * s
            for k, t in combined.items():
                try:
                    p = raw[k]
                    p[0].append(d)
                    p[1].append(t)
                except KeyError:
                    raw[k] = ([d], [t])
            b = bodies[d]
            for k in set(map(_add, b, b[1:])):
                try:
                    braw[k].append(d)
                except KeyError:
                    braw[k] = [d]
        self.body_sat = [_sat(W_BODY / (1 - B + B * x / avg_b)) for x in ln_body]
        for k, (ids, tfs) in raw.items():
            idf = self._idf(len(ids))
            ws = [idf * _sat(t) for t in tfs]
            if len(ids) > SORT_OVER:
                order = sorted(range(len(ids)), key=ws.__getitem__, reverse=True)
                ids = [ids[i] for i in order]
                ws = [ws[i] for i in order]
            self.postings[k] = (array("i", ids), array("f", ws))
        bs = self.body_sat
        for k, ids in braw.items():
            if len(ids) > SORT_OVER:
                ids.sort(key=bs.__getitem__, reverse=True)
            self.body[k] = (array("i", ids), self._idf(len(ids)))
        syl: dict[str, list[str]] = {}
        for k in self.postings:
            if len(k) == 1 and is_cjk(k):
                for r in readings(k):
                    syl.setdefault(r, []).append(k)
        for r, chars in syl.items():
            chars.sort(key=lambda c: (-len(self.postings[c][0]), c))
        self.syl_chars = syl
        return self

    def _idf(self, df: int) -> float:
        return math.log(1 + (self.n_docs - df + 0.5) / (df + 0.5))

    def accumulate(self, qkeys: dict[str, float], cap: int) -> dict[int, float]:
        """Sum of query weight × posting weight, reading at most ``cap`` postings a key."""
        acc: dict[int, float] = {}
        get = acc.get
        post = self.postings
        body = self.body
        bs = self.body_sat
        for k, qw in qkeys.items():
            p = post.get(k)
            if p is not None:
                ids, ws = p
                it = zip(islice(ids, cap), islice(ws, cap)) if len(ids) > cap else zip(ids, ws)
                for d, w in it:
                    acc[d] = get(d, 0.0) + qw * w
            if len(k) == 2 and k[0] != "^":
                pb = body.get(k)
                if pb is not None:
                    ids, idf = pb
                    c = qw * idf
                    for d in islice(ids, cap) if len(ids) > cap else ids:
                        acc[d] = get(d, 0.0) + c * bs[d]
        return acc
