"""Turn a normalised query into weighted index keys, and align query units with a
document's characters (for the pinyin rerank feature and for highlights)."""

from __future__ import annotations

from dataclasses import dataclass

from assist.core.search.pinyin import Unit, query_units, unit_matches

# Query key weights (tuned on the type-ahead benchmark and the DEV split only).
W_CHAR = 1.0  # character unigram
W_BIGRAM = 1.0  # character bigram
W_HOMOPHONE = 0.5  # syllable bigram of two typed characters
W_SYL = 1.0  # typed full syllable (unigram)
W_SYL_BIGRAM = 1.0  # syllable bigram involving typed pinyin
W_INI2 = 0.7  # initial bigram involving typed pinyin
W_INI3 = 1.0  # initial trigram involving typed pinyin


def _put(keys: dict[str, float], k: str, w: float) -> None:
    if w > keys.get(k, 0.0):
        keys[k] = w


def _syls(u: Unit) -> frozenset[str]:
    # A one-letter initial stands for dozens of syllables: use initial keys for it.
    return u.syls if (u.char or len(u.prefix) != 1) else frozenset()


def keys_for(norm: str, units: tuple[Unit, ...], scale: float = 1.0, into: dict[str, float] | None = None) -> dict[str, float]:
    keys: dict[str, float] = {} if into is None else into
    for c in norm:
        _put(keys, c, W_CHAR * scale)
    for i in range(len(norm) - 1):
        _put(keys, norm[i : i + 2], W_BIGRAM * scale)
    n = len(units)
    for i, u in enumerate(units):
        su = _syls(u)
        if u.latin and su:
            w = W_SYL * scale / max(1, len(su)) ** 0.5
            for s in su:
                _put(keys, "~" + s, w)
        if i + 1 >= n:
            continue
        v = units[i + 1]
        sv = _syls(v)
        latin2 = u.latin or v.latin
        if su and sv and len(su) * len(sv) <= 16:
            w = (W_SYL_BIGRAM if latin2 else W_HOMOPHONE) * scale
            for a in su:
                for b in sv:
                    _put(keys, "~" + a + "_" + b, w)
        if latin2:
            iu, iv = u.initials, v.initials
            for a in iu:
                for b in iv:
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
    def parse(cls, norm: str, alternatives: list[str]) -> "Query":
        units = query_units(norm)
        alts = [(a, query_units(a)) for a in alternatives if a and a != norm]
        return cls(norm, units, alts, any(u.latin for u in units))

    def keys(self, alt_scale: float = 0.6) -> dict[str, float]:
        keys = keys_for(self.norm, self.units)
        for a, units in self.alternatives:
            keys_for(a, units, alt_scale, keys)
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
        n = len(self.units)
        if not n or not text:
            return 0.0, []
        prev = [0.0] * (n + 1)
        prevlen = [0] * (n + 1)
        best = 0.0
        spans: list[tuple[int, int]] = []
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
                        spans.append((j - ln + 1, j + 1))
            prev, prevlen = cur, curlen
        return best, spans
