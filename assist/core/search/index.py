"""In-memory inverted index with BM25 weights over character n-grams and pinyin initials.

Keys (plain strings):

* ``X`` / ``XY``      character unigram / bigram of the folded text (CJK, letters, digits);
* ``^xy`` / ``^xyk``  initial bigram / trigram of the title (``xykgs``), from the readings
  in common use (银行 yh or yx, 提示 ts only: see :mod:`assist.core.search.tables`).

Full-pinyin and homophone queries need no keys of their own: the query side expands
a syllable to the characters with that reading (see :mod:`assist.core.search.query`).

Fields: title + aliases ("name", weight 3), tags (1.5) and body (1, bigrams of its
first BODY_CHARS characters). A document counts once per key and field (no term
frequency: keeps the build fast); each field is length-normalised and saturated
(BM25 k1, b) separately and the field scores add up. Each field keeps its postings in
one flat array of document numbers, sorted by weight within a key, so a query can read
only their best part, and the whole index is a handful of arrays (cheap to store and load).
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from assist.core.search.pinyin import initials, readings
from assist.core.search.text import is_cjk

K1 = 1.2
B = 0.75
W_NAME, W_TAGS, W_BODY = 3.0, 1.5, 1.0
BODY_CHARS = 400  # body characters indexed (the rest is still shown in snippets)
CAP_SHARE = {"name": 1.0, "tags": 0.15, "body": 0.25}  # share of a query's posting cap read per field

_add = str.__add__


def char_keys(s: str) -> list[str]:
    keys = list(s)
    keys += map(_add, s, s[1:])
    return keys


def _initials(c: str) -> str:
    return initials(c) or "#"


def initial_keys(s: str) -> list[str]:
    """``^`` + initials of every 2 and 3 consecutive CJK characters."""
    ini = list(map(_initials, s))
    if all(len(x) == 1 for x in ini):
        j = "".join(ini)
        keys = list(map(_add, map(_add, "^" * max(0, len(j) - 1), j), j[1:]))
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


def ids_code(n_docs: int) -> str:
    """Array type code of document numbers: two bytes each up to 65,535 documents."""
    return "H" if n_docs <= 0xFFFF else "i"


def key_code(key: str) -> int:
    """A one- or two-character key as one integer (-1 for any other key): how the tags and
    body fields keep their keys, in a sorted array instead of a dict of strings (the body
    field of the starter KB alone has about 20,000 distinct bigrams)."""
    if len(key) == 1:
        return ord(key)
    if len(key) == 2:
        return 1 << 42 | ord(key[0]) << 21 | ord(key[1])
    return -1


class Field:
    """One field's postings: key → a stretch of ``ids`` (best-weighted first) and the key's idf.

    A document counts once per key (set semantics: titles and tags are short, and it keeps
    the build to one append per key and document); its weight is ``idf * sat(weight / length
    norm)``, the same for every key of that document, so visiting documents in decreasing
    ``sat`` order leaves every posting sorted. Keys are numbered through a dict (``keys``, the
    name field: looked up often while expanding pinyin) or through a sorted array of
    :func:`key_code` (``codes``: tags and body, whose keys are single characters and bigrams).
    """

    def __init__(self, cap_share: float, sat: array[float], starts: array[int], ids: array[int], idf: array[float],
                 keys: list[str] | None = None, codes: array[int] | None = None) -> None:
        self.cap_share = cap_share
        self.sat = sat  # 'd', per document
        self.keys = keys  # key number → key (dict-numbered fields)
        self.codes = codes  # 'Q', key number → key_code, ascending (code-numbered fields)
        self.number = dict(zip(keys, range(len(keys)))) if keys is not None else None
        self.starts = starts  # 'I', key number → first posting (+ one past the last key)
        self.ids = ids  # 'H' or 'i' (ids_code), document numbers
        self.idf = idf  # 'd', key number → idf

    @classmethod
    def build(cls, weight: float, cap_share: float, lengths: Sequence[int],
              keys_of: Callable[[int], Iterable[str]], coded: bool = False) -> Field:
        n = len(lengths)
        avg = (sum(lengths) / n if n else 1.0) or 1.0
        sat = array("d", (_sat(weight / (1 - B + B * ln / avg)) for ln in lengths))
        raw: dict[str, array[int]] = {}
        get = raw.get
        code = ids_code(n)
        for d in sorted(range(n), key=sat.__getitem__, reverse=True):
            for k in set(keys_of(d)):
                ids = get(k)
                if ids is None:
                    raw[k] = ids = array(code)
                ids.append(d)
        keys = sorted(raw, key=key_code) if coded else list(raw)
        if coded and keys and key_code(keys[0]) < 0:
            raise ValueError(f"field key {keys[0]!r} cannot be coded")
        starts, flat, idf = array("I", [0]), array(code), array("d")
        for k in keys:
            post = raw.pop(k)
            flat.extend(post)
            starts.append(len(flat))
            idf.append(math.log(1 + (n - len(post) + 0.5) / (len(post) + 0.5)))
        if coded:
            return cls(cap_share, sat, starts, flat, idf, codes=array("Q", map(key_code, keys)))
        return cls(cap_share, sat, starts, flat, idf, keys=keys)

    def _at(self, key: str) -> int | None:
        if self.number is not None:
            return self.number.get(key)
        codes, c = self.codes, key_code(key)
        assert codes is not None  # a field is numbered by a dict or by codes
        i = bisect_left(codes, c)
        return i if c >= 0 and i < len(codes) and codes[i] == c else None

    def get(self, key: str, cap: int = 0) -> tuple[array[int], float] | None:
        """The best ``cap`` postings of ``key`` (all with cap 0) and its idf, None if no document has it."""
        i = self._at(key)
        if i is None:
            return None
        a, b = self.starts[i], self.starts[i + 1]
        return self.ids[a:b if not cap or b - a <= cap else a + cap], self.idf[i]

    def idf_of(self, key: str) -> float | None:
        i = self._at(key)
        return None if i is None else self.idf[i]

    def df(self, key: str) -> int:
        i = self._at(key)
        return 0 if i is None else self.starts[i + 1] - self.starts[i]

    def __contains__(self, key: str) -> bool:
        return self._at(key) is not None

    def parts(self) -> dict[str, Any]:
        return {"keys": self.keys, "codes": self.codes, "sat": self.sat, "starts": self.starts, "ids": self.ids,
                "idf": self.idf}


class Index:
    def __init__(self, name: Field, tags: Field, body: Field, n_docs: int) -> None:
        self.n_docs = n_docs
        self.name, self.tags, self.body = name, tags, body
        self.fields = (name, tags, body)
        self.max_idf = math.log(1 + (n_docs + 0.5) / 0.5)  # idf of a key no document has
        syl: dict[str, list[str]] = {}
        for k in name.keys or ():
            if len(k) == 1 and is_cjk(k):
                for r in readings(k):
                    syl.setdefault(r, []).append(k)
        for chars in syl.values():
            chars.sort(key=lambda c: (-name.df(c), c))
        self.syl_chars = syl

    @classmethod
    def build(cls, names: list[list[str]], tags: list[list[str]], bodies: list[str]) -> Index:
        """Per document: normalised title + aliases, tags, body."""

        def name_keys(d: int) -> list[str]:
            keys: list[str] = []
            for t in names[d]:
                keys += char_keys(t)
            if names[d]:
                keys += initial_keys(names[d][0])  # title only: initials are typed for titles
            return keys

        def tag_keys(d: int) -> list[str]:
            keys: list[str] = []
            for t in tags[d]:
                keys += char_keys(t)
            return keys

        def body_keys(d: int) -> Iterable[str]:
            b = bodies[d][:BODY_CHARS]
            return map(_add, b, b[1:])

        name = Field.build(W_NAME, CAP_SHARE["name"], [sum(map(len, x)) for x in names], name_keys)
        tag = Field.build(W_TAGS, CAP_SHARE["tags"], [sum(map(len, x)) for x in tags], tag_keys, coded=True)
        body = Field.build(W_BODY, CAP_SHARE["body"], [min(len(b), BODY_CHARS) for b in bodies], body_keys, coded=True)
        return cls(name, tag, body, len(names))

    def parts(self) -> dict[str, Any]:
        return {"n_docs": self.n_docs, "name": self.name.parts(), "tags": self.tags.parts(), "body": self.body.parts()}

    @classmethod
    def from_parts(cls, parts: dict[str, Any]) -> Index:
        def field(name: str) -> Field:
            p = parts[name]
            return Field(CAP_SHARE[name], p["sat"], p["starts"], p["ids"], p["idf"], keys=p.get("keys"), codes=p.get("codes"))

        return cls(field("name"), field("tags"), field("body"), parts["n_docs"])

    def has(self, key: str) -> bool:
        return key in self.name

    def accumulate(
        self, qkeys: dict[str, float], cap: int, acc: dict[int, float] | None = None, name_only: bool = False
    ) -> dict[int, float]:
        """Sum over fields of query weight × idf × the document's field weight, reading
        at most ``cap`` postings a key and field (the best-weighted ones)."""
        if acc is None:
            acc = {}
        get = acc.get
        for f in (self.name,) if name_only else self.fields:
            sat = f.sat
            fcap = max(50, int(cap * f.cap_share))
            for k, qw in qkeys.items():
                p = f.get(k, fcap)
                if p is None:
                    continue
                ids, idf = p
                c = qw * idf
                for d in ids:
                    acc[d] = get(d, 0.0) + c * sat[d]
        return acc
