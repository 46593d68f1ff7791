"""In-memory inverted index with BM25F weights over character n-grams and pinyin keys.

Keys (all plain strings, kept apart by their first character):

* ``X`` / ``XY``    character unigram / bigram of the folded text (CJK, letters, digits);
* ``~hua``          a syllable of a character (every reading: 行 → xing, hang, heng);
* ``~hua_bei``      a syllable bigram (finds the homophone typo 花被 → 花呗);
* ``^xy`` / ``^xyk`` initial bigram / trigram (finds ``xykgs`` → 信用卡挂失).

Title, aliases and tags get every key; the body gets character bigrams only (keeps
the index small and fast; one- and two-character queries still hit titles).
Weights: ``idf * tf'(k1 + 1) / (tf' + k1)`` where ``tf'`` is the BM25F field-weighted,
length-normalised term frequency. Postings longer than :data:`SORT_OVER` are sorted
by weight so a query can read only their best part.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from itertools import islice

from assist.core.search.pinyin import readings

K1 = 1.2
B = 0.75
FIELD_WEIGHTS = {"title": 3.0, "aliases": 2.5, "tags": 1.5, "body": 1.0}
SORT_OVER = 1000


def char_keys(s: str, unigrams: bool = True) -> list[str]:
    keys = list(s) if unigrams else []
    keys.extend(s[i : i + 2] for i in range(len(s) - 1))
    return keys


def pinyin_keys(s: str) -> list[str]:
    rs = [readings(c) for c in s]
    ini = [{r[0] for r in x} for x in rs]
    keys: list[str] = []
    n = len(s)
    for i in range(n):
        r = rs[i]
        if not r:
            continue
        keys.extend("~" + x for x in r)
        if i + 1 < n and rs[i + 1]:
            r2 = rs[i + 1]
            keys.extend("~" + a + "_" + b for a in r for b in r2)
            i2 = ini[i + 1]
            keys.extend("^" + a + b for a in ini[i] for b in i2)
            if i + 2 < n and rs[i + 2]:
                i3 = ini[i + 2]
                keys.extend("^" + a + b + c for a in ini[i] for b in i2 for c in i3)
    return keys


def field_keys(texts: list[str], body: bool = False) -> list[str]:
    keys: list[str] = []
    for t in texts:
        if body:
            keys.extend(char_keys(t, unigrams=False))
        else:
            keys.extend(char_keys(t))
            keys.extend(pinyin_keys(t))
    return keys


class Index:
    """Postings: key → (doc numbers, weights), weights sorted descending when long."""

    def __init__(self) -> None:
        self.postings: dict[str, tuple[array, array]] = {}
        self.n_docs = 0

    @classmethod
    def build(cls, fields: list[dict[str, list[str]]]) -> "Index":
        """``fields[i]`` maps field name → list of normalised texts of document i."""
        self = cls()
        n = self.n_docs = len(fields)
        totals = dict.fromkeys(FIELD_WEIGHTS, 0)
        for f in fields:
            for name in FIELD_WEIGHTS:
                totals[name] += sum(len(t) for t in f.get(name, ()))
        avg = {k: (v / n if n and v else 1.0) for k, v in totals.items()}
        raw: dict[str, tuple[list[int], list[float]]] = {}
        for doc_no, f in enumerate(fields):
            combined: dict[str, float] = {}
            for name, weight in FIELD_WEIGHTS.items():
                texts = f.get(name)
                if not texts:
                    continue
                length = sum(len(t) for t in texts)
                scale = weight / (1 - B + B * length / avg[name])
                for k, tf in Counter(field_keys(texts, body=name == "body")).items():
                    combined[k] = combined.get(k, 0.0) + tf * scale
            for k, t in combined.items():
                p = raw.get(k)
                if p is None:
                    raw[k] = p = ([], [])
                p[0].append(doc_no)
                p[1].append(t)
        k1p = K1 + 1
        for k, (ids, tfs) in raw.items():
            df = len(ids)
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            ws = [idf * t * k1p / (t + K1) for t in tfs]
            if df > SORT_OVER:
                order = sorted(range(df), key=ws.__getitem__, reverse=True)
                ids = [ids[i] for i in order]
                ws = [ws[i] for i in order]
            self.postings[k] = (array("i", ids), array("f", ws))
        return self

    def idf(self, key: str) -> float:
        p = self.postings.get(key)
        df = len(p[0]) if p else 0
        return math.log(1 + (self.n_docs - df + 0.5) / (df + 0.5))

    def accumulate(self, qkeys: dict[str, float], cap: int) -> dict[int, float]:
        """Sum of query weight × posting weight, reading at most ``cap`` postings a key."""
        acc: dict[int, float] = {}
        get = acc.get
        post = self.postings
        for k, qw in qkeys.items():
            p = post.get(k)
            if p is None:
                continue
            ids, ws = p
            if len(ids) > cap:
                it = zip(islice(ids, cap), islice(ws, cap))
            else:
                it = zip(ids, ws)
            for d, w in it:
                acc[d] = get(d, 0.0) + qw * w
        return acc
