"""Turn a normalised query into weighted index keys, and align query units with a
document's characters (for the pinyin rerank feature and for highlights)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from assist.core.search.pinyin import Unit, query_units, unit_matches

if TYPE_CHECKING:
    from assist.core.search.index import Index

# Query key weights (tuned on the type-ahead benchmark and the DEV split only).
W_CHAR = 1.0  # character unigram
W_BIGRAM = 1.0  # character bigram
W_HOMOPHONE = 0.5  # syllable bigram of two typed characters
W_SYL = 1.0  # typed full syllable (unigram)
W_SYL_BIGRAM = 1.0  # syllable bigram involving typed pinyin
W_INI2 = 0.7  # initial bigram involving typed pinyin
W_INI3 = 1.0  # initial trigram involving typed pinyin
MAX_CHARS = 24  # characters a typed syllable expands to (most frequent first)
MAX_HOMOPHONES = 10  # homophones tried for a typed character


class Keys(dict[str, float]):
    """key → weight; ``expanded`` holds keys found through pinyin expansion
    (read with a smaller posting cap)."""

    def __init__(self) -> None:
        super().__init__()
        self.expanded: dict[str, float] = {}


def _put(keys: dict[str, float], k: str, w: float) -> None:
    if w > keys.get(k, 0.0):
        keys[k] = w


def _syls(u: Unit) -> frozenset[str]:
    # A one-letter initial stands for dozens of syllables: use initial keys for it.
    return u.syls if (u.char or len(u.prefix) != 1) else frozenset()


def keys_for(
    norm: str,
    units: tuple[Unit, ...],
    index: Index,
    scale: float = 1.0,
    into: Keys | None = None,
) -> Keys:
    keys = Keys() if into is None else into
    exp = keys.expanded
    for c in norm:
        _put(keys, c, W_CHAR * scale)
    for i in range(len(norm) - 1):
        _put(keys, norm[i : i + 2], W_BIGRAM * scale)
    has = index.has
    syl_chars = index.syl_chars

    def chars(u: Unit) -> list[str]:
        out: list[str] = [u.char] if u.char else []
        m = MAX_CHARS if u.latin else MAX_HOMOPHONES
        for s in sorted(_syls(u)):
            out.extend(syl_chars.get(s, ())[:m])
        return list(dict.fromkeys(out))

    n = len(units)
    cs = [chars(u) for u in units]
    for i, u in enumerate(units):
        if u.latin:
            for c in cs[i]:
                _put(exp, c, W_SYL * scale)
        if i + 1 >= n:
            continue
        v = units[i + 1]
        latin2 = u.latin or v.latin
        if cs[i] and cs[i + 1]:
            w = (W_SYL_BIGRAM if latin2 else W_HOMOPHONE) * scale
            for a in cs[i]:
                for b in cs[i + 1]:
                    k = a + b
                    if k not in keys and has(k):
                        _put(exp, k, w)
        if latin2:
            for a in u.initials:
                for b in v.initials:
                    _put(keys, "^" + a + b, W_INI2 * scale)
        if i + 2 < n:
            x = units[i + 2]
            if u.latin or v.latin or x.latin:
                for a in u.initials:
                    for b in v.initials:
                        for c in x.initials:
                            _put(keys, "^" + a + b + c, W_INI3 * scale)
    return keys


@dataclass
class Query:
    """A parsed query: the folded text, its units, and alternative spellings."""

    norm: str
    units: tuple[Unit, ...]
    alternatives: list[tuple[str, tuple[Unit, ...]]]
    has_latin: bool

    @classmethod
    def parse(cls, norm: str, alternatives: list[str]) -> Query:
        units = query_units(norm)
        alts = [(a, query_units(a)) for a in alternatives if a and a != norm]
        return cls(norm, units, alts, any(u.latin for u in units))

    @property
    def aligner(self) -> Aligner:
        al = self.__dict__.get("_aligner")
        if al is None:
            al = self.__dict__["_aligner"] = Aligner(self.units)
        return al

    def keys(self, index: Index, alt_scale: float = 0.6) -> Keys:
        keys = keys_for(self.norm, self.units, index)
        for a, units in self.alternatives:
            keys_for(a, units, index, alt_scale, keys)
        return keys


class Aligner:
    """Longest runs where consecutive query units match consecutive characters."""

    def __init__(self, units: tuple[Unit, ...]) -> None:
        self.units = units
        self._cache: dict[str, tuple[float, ...]] = {}

    def _row(self, ch: str) -> tuple[float, ...]:
        r = self._cache.get(ch)
        if r is None:
            self._cache[ch] = r = tuple(unit_matches(u, ch) for u in self.units)
        return r

    def runs(self, text: str, min_len: int) -> tuple[float, list[tuple[int, int]]]:
        """(best run score, [(start, end)] of text ranges in runs ≥ min_len)."""
        best, found = self.matches(text, min_len)
        return best, [(t0, t1) for _u0, _u1, t0, t1 in found]

    def matches(self, text: str, min_len: int) -> tuple[float, list[tuple[int, int, int, int]]]:
        """(best run score, [(first unit, end unit, start, end)] of every run ≥ min_len): query
        units ``first..end-1`` match text characters ``start..end-1`` one to one."""
        n = len(self.units)
        if not n or not text:
            return 0.0, []
        prev = [0.0] * (n + 1)
        prevlen = [0] * (n + 1)
        best = 0.0
        found: list[tuple[int, int, int, int]] = []
        for j, ch in enumerate(text):
            row = self._row(ch)
            cur = [0.0] * (n + 1)
            curlen = [0] * (n + 1)
            for i in range(n):
                m = row[i]
                if m:
                    cur[i + 1] = prev[i] + m
                    ln = curlen[i + 1] = prevlen[i] + 1
                    if cur[i + 1] > best:
                        best = cur[i + 1]
                    if ln >= min_len:
                        found.append((i + 1 - ln, i + 1, j - ln + 1, j + 1))
            prev, prevlen = cur, curlen
        return best, found
