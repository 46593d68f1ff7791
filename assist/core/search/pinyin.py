"""Pinyin for search: toneless readings of a character (all of them, so 银行 is
found as yinhang and yinxing), and splitting a typed Latin run into pinyin units
(``xykgs`` → x y k g s, ``guashi`` → gua shi, ``xinyon`` → xin + prefix yon).

Readings come from the compact table in :mod:`assist.core.search.tables` (pypinyin is
needed only to build it)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from assist.core.search import tables

_READINGS: dict[str, tuple[str, ...]] = {}  # the installed table's caches, bound once (hot path)
_COMMON: dict[str, tuple[str, ...]] = {}


def readings(ch: str) -> tuple[str, ...]:
    """Toneless pinyin readings of one (simplified) CJK character, most common first; () for others."""
    r = _READINGS.get(ch)
    return r if r is not None else _bind().readings(ch)


def common_readings(ch: str) -> tuple[str, ...]:
    """The readings that count for typed initials (see :mod:`assist.core.search.tables`)."""
    r = _COMMON.get(ch)
    return r if r is not None else _bind().common_readings(ch)


def initials(ch: str) -> str:
    """First letters of :func:`common_readings`, sorted; "" for a non-CJK character."""
    return tables.current().initials(ch)


def _bind() -> tables.CharTable:
    global _READINGS, _COMMON
    t = tables.current()
    _READINGS, _COMMON = t.memo_readings, t.memo_common
    return t


class _Canon(dict[int, str]):
    """translate table: CJK character → one private-use character per main reading."""

    def __missing__(self, code: int) -> str:
        r = readings(chr(code))
        out = syllable_char(r[0]) if r else chr(code)
        self[code] = out
        return out


SYL_BASE = 0xF0000  # syllable n is written chr(SYL_BASE + n) in sound strings


def syllable_char(s: str) -> str:
    """The private-use character that stands for a toneless syllable in sound strings."""
    return chr(SYL_BASE + _syl_no()[s])


def char_syllable(c: str) -> str:
    """Inverse of :func:`syllable_char` ("" for an ordinary character)."""
    n = ord(c) - SYL_BASE
    syl = tables.current().syllables
    return syl[n] if 0 <= n < len(syl) else ""


@lru_cache(maxsize=1)
def _syl_no() -> dict[str, int]:
    return {s: i for i, s in enumerate(tables.current().syllables)}


_CANON = _Canon()


def sound(norm: str) -> str:
    """Normalised text with every CJK character replaced by its main reading, so
    homophones compare equal (花被 == 花呗)."""
    return norm.translate(_CANON)


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """Every toneless syllable the table knows (about 420)."""
    return frozenset(tables.current().syllables)


@lru_cache(maxsize=1)
def _prefixes() -> dict[str, frozenset[str]]:
    """prefix → syllables that start with it (for prefixes of length ≥ 1)."""
    acc: dict[str, set[str]] = {}
    for s in syllables():
        for i in range(1, len(s) + 1):
            acc.setdefault(s[:i], set()).add(s)
    return {k: frozenset(v) for k, v in acc.items()}


def syllables_with_prefix(prefix: str) -> frozenset[str]:
    return _prefixes().get(prefix, frozenset())


def _reset() -> None:
    global _READINGS, _COMMON
    _READINGS, _COMMON = {}, {}
    _CANON.clear()
    _syl_no.cache_clear()
    syllables.cache_clear()
    _prefixes.cache_clear()
    segment.cache_clear()


@dataclass(frozen=True)
class Unit:
    """One query position: a typed character, a full syllable or a syllable prefix."""

    char: str = ""  # the typed character (CJK, digit or letter kept literally)
    syls: frozenset[str] = frozenset()  # full syllables this unit stands for
    prefix: str = ""  # typed letters when the unit is an initial / partial syllable
    latin: bool = False  # came from typed Latin letters

    @property
    def initials(self) -> frozenset[str]:
        if self.prefix:
            return frozenset(self.prefix[0])
        return frozenset(s[0] for s in self.syls)


_INITIAL2 = ("zh", "ch", "sh")


@lru_cache(maxsize=4096)
def segment(latin: str) -> tuple[Unit, ...]:
    """Split a run of a-z into pinyin units: fewest units, then most full syllables.

    Single letters are initials; zh/ch/sh too; the last unit may be any syllable
    prefix (the agent is still typing)."""
    sy = syllables()
    pre = _prefixes()
    n = len(latin)
    inf = (10**9, 0)
    best: list[tuple[tuple[int, int], list[Unit]]] = [(inf, [])] * (n + 1)
    best[0] = ((0, 0), [])
    for i in range(n):
        cost, units = best[i]
        if cost == inf:
            continue
        for j in range(i + 1, min(n, i + 6) + 1):
            piece = latin[i:j]
            if piece in sy:
                unit = Unit(syls=frozenset([piece]), latin=True)
                full = 1
            elif len(piece) == 1 or piece in _INITIAL2 or (j == n and piece in pre):
                unit = Unit(prefix=piece, syls=pre.get(piece, frozenset()) if len(piece) > 1 else frozenset(), latin=True)
                full = 0
            else:
                continue
            cand = (cost[0] + 1, cost[1] - full)
            if cand < best[j][0]:
                best[j] = (cand, units + [unit])
    return tuple(best[n][1])


def query_units(norm: str) -> tuple[Unit, ...]:
    """Units for a normalised query: CJK characters keep their readings, Latin runs
    are split into pinyin units, digits stay literal."""
    out: list[Unit] = []
    i, n = 0, len(norm)
    while i < n:
        c = norm[i]
        if "a" <= c <= "z":
            j = i
            while j < n and "a" <= norm[j] <= "z":
                j += 1
            out.extend(segment(norm[i:j]))
            i = j
            continue
        out.append(Unit(char=c, syls=frozenset(readings(c))))
        i += 1
    return tuple(out)


def unit_matches(u: Unit, ch: str) -> float:
    """How well a query unit matches one document character (0 = not at all)."""
    if u.char:
        if u.char == ch:
            return 1.0
        if u.syls and not u.syls.isdisjoint(readings(ch)):
            return 0.8  # homophone
        return 0.0
    if u.prefix:  # an initial or a syllable being typed: only readings in common use count
        p = u.prefix
        return 1.0 if any(r.startswith(p) for r in common_readings(ch)) else 0.0
    rs = readings(ch)
    if not rs:
        return 0.0
    if not u.syls.isdisjoint(rs):
        return 1.0
    if u.latin:  # a typed 'n' or 'm' is also an initial (年, 密), not only the syllable 嗯/呣
        ones = tuple(s for s in u.syls if len(s) == 1)
        if ones and any(r.startswith(ones) for r in rs):
            return 1.0
    return 0.0


tables.on_install(_reset)
