"""In-memory inverted index with BM25 weights over character n-grams and pinyin initials.

Keys (plain strings):

* ``X`` / ``XY``      character unigram / bigram of the folded text (CJK, letters, digits);
* ``^xy`` / ``^xyk``  initial bigram / trigram of the title (``xykgs``).

Full-pinyin and homophone queries need no keys of their own: the query side expands
a syllable to the characters with that reading (see :mod:`assist.core.search.query`).

Fields: title + aliases ("name", weight 3), tags (1.5) and body (1, bigrams of its
first BODY_CHARS characters). A document counts once per key and field (no term
frequency: keeps the build fast); each field is length-normalised and saturated
(BM25 k1, b) separately and the field scores add up. Postings are sorted by weight
so a query can read only their best part.
"""

from __future__ import annotations

import math
from array import array
from itertools import islice

from assist.core.search.pinyin import readings
from assist.core.search.text import is_cjk

K1 = 1.2
B = 0.75
W_NAME, W_TAGS, W_BODY = 3.0, 1.5, 1.0
BODY_CHARS = 400  # body characters indexed (the rest is still shown in snippets)
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


class Field:
    """One field's postings: key → doc numbers (best-weighted first) and the key's idf.

    A document counts once per key (set semantics: titles and tags are short, and
    it keeps the build to one append per key and document); its weight is
    ``idf * sat(weight / length norm)``, the same for every key of that document,
    so visiting documents in decreasing ``sat`` order leaves every posting sorted.
    """

    def __init__(self, weight: float, key_sets: list[set[str]], lengths: list[int], cap_share: float = 1.0) -> None:
        self.cap_share = cap_share  # share of the query's posting cap read in this field
        n = len(key_sets)
        avg = (sum(lengths) / n if n else 1.0) or 1.0
        self.sat = [_sat(weight / (1 - B + B * ln / avg)) for ln in lengths]
        order = sorted(range(n), key=self.sat.__getitem__, reverse=True)
        raw: dict[str, list[int]] = {}
        for d in order:
            for k in key_sets[d]:
                try:
                    raw[k].append(d)
                except KeyError:
                    raw[k] = [d]
        self.postings: dict[str, tuple[array, float]] = {
            k: (array("i", ids), math.log(1 + (n - len(ids) + 0.5) / (len(ids) + 0.5))) for k, ids in raw.items()
        }


class Index:
    def __init__(self, names: list[list[str]], tags: list[list[str]], bodies: list[str]) -> None:
        """Per document: normalised title + aliases, tags, body."""
        self.n_docs = len(names)
        name_keys = []
        for ts in names:
            keys: list[str] = []
            for t in ts:
                keys += char_keys(t)
            if ts:
                keys += initial_keys(ts[0])  # title only: initials are typed for titles
            name_keys.append(set(keys))
        self.name = Field(W_NAME, name_keys, [sum(map(len, x)) for x in names])
        tag_keys = []
        for ts in tags:
            keys = []
            for t in ts:
                keys += char_keys(t)
            tag_keys.append(set(keys))
        self.tags = Field(W_TAGS, tag_keys, [sum(map(len, x)) for x in tags], 0.15)
        bodies = [b[:BODY_CHARS] for b in bodies]
        self.body = Field(W_BODY, [set(map(_add, b, b[1:])) for b in bodies], list(map(len, bodies)), 0.25)
        self.fields = (self.name, self.tags, self.body)
        n = self.n_docs
        self.max_idf = math.log(1 + (n + 0.5) / 0.5)  # idf of a key no document has
        syl: dict[str, list[str]] = {}
        for k in self.name.postings:
            if len(k) == 1 and is_cjk(k):
                for r in readings(k):
                    syl.setdefault(r, []).append(k)
        for chars in syl.values():
            chars.sort(key=lambda c: (-len(self.name.postings[c][0]), c))
        self.syl_chars = syl

    @classmethod
    def build(cls, names: list[list[str]], tags: list[list[str]], bodies: list[str]) -> Index:
        return cls(names, tags, bodies)

    def has(self, key: str) -> bool:
        return key in self.name.postings

    def accumulate(
        self, qkeys: dict[str, float], cap: int, acc: dict[int, float] | None = None, name_only: bool = False
    ) -> dict[int, float]:
        """Sum over fields of query weight × idf × the document's field weight, reading
        at most ``cap`` postings a key and field (the best-weighted ones)."""
        if acc is None:
            acc = {}
        get = acc.get
        for f in (self.name,) if name_only else self.fields:
            post = f.postings
            sat = f.sat
            fcap = max(50, int(cap * f.cap_share))
            for k, qw in qkeys.items():
                p = post.get(k)
                if p is None:
                    continue
                ids, idf = p
                c = qw * idf
                for d in islice(ids, fcap) if len(ids) > fcap else ids:
                    acc[d] = get(d, 0.0) + c * sat[d]
        return acc
