"""Compact character tables for search: the toneless pinyin readings of every CJK character
(all of them, most common first), which of them are common enough to count for typed initials,
and the single-character Traditional → Simplified map.

A reading counts for initials when it is the character's first reading or when pypinyin's
phrase list uses it in at least ``COMMON_MIN`` phrases and ``COMMON_SHARE`` of the character's
phrases: 行 háng (银行) and 重 chóng (重置) count, 提 dī (提防) and 投 dòu do not, so ``bds`` is
not taken for 保提示 and ``ds`` not for 投诉.

They are built from pypinyin and zhconv, which are needed at build time only: importing
pypinyin costs about 56 MB of resident memory (its phrase dictionaries), zhconv's dictionary
about 19 MB. The built table is about 0.3 MB; it is stored with the compiled KB index
(:mod:`assist.core.finder`), so a panel that starts from a built index never imports either.
Code that needs the table before one was installed (tests, the CLI without an index) builds it
on first use.
"""

from __future__ import annotations

import bisect
import json
import os
import struct
import sys
import unicodedata
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field

FORMAT = 2
MAGIC = b"ASCT"
COMMON_MIN = 3  # phrases that use a reading, at least
COMMON_SHARE = 0.1  # of the phrases with the character, at least
RANGES = ((0x3400, 0xA000), (0xF900, 0xFB00))  # the CJK characters search reads (text.is_cjk)
_SPAN = sum(b - a for a, b in RANGES)


def _slot(cp: int) -> int:
    """Position of a code point in the table, -1 outside ``RANGES``."""
    base = 0
    for a, b in RANGES:
        if a <= cp < b:
            return base + cp - a
        base += b - a
    return -1


def _codepoint(slot: int) -> int:
    for a, b in RANGES:
        if slot < b - a:
            return a + slot
        slot -= b - a
    raise IndexError(slot)


def toneless(s: str) -> str:
    """``lǘ`` → ``lv``, ``hǎo`` → ``hao``: tone marks dropped, ü written v (as typed)."""
    d = unicodedata.normalize("NFD", s.strip()).replace("u\u0308", "v").replace("ü", "v")
    return "".join(c for c in d if not unicodedata.combining(c))


@dataclass(frozen=True)
class CharTable:
    syllables: tuple[str, ...]  # every toneless syllable, sorted
    starts: array[int]  # 'I': per table slot (+ 1 at the end), where its syllable numbers start in ``ids``
    ids: array[int]  # 'H': syllable numbers, a character's readings in pypinyin's order
    common: array[int]  # 'B': per table slot, bit i set when reading i counts for initials
    t2s_from: str  # Traditional characters, sorted
    t2s_to: str  # their Simplified forms, same positions
    memo_readings: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    memo_initials: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    memo_common: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    def readings(self, ch: str) -> tuple[str, ...]:
        """Toneless readings of one CJK character, most common first; () for anything else."""
        r = self.memo_readings.get(ch)
        if r is None:
            i = _slot(ord(ch)) if len(ch) == 1 else -1
            if i < 0:
                r = ()
            else:
                syl = self.syllables
                r = tuple(syl[n] for n in self.ids[self.starts[i]:self.starts[i + 1]])
            self.memo_readings[ch] = r
        return r

    def initials(self, ch: str) -> str:
        """First letters of the readings that count for initials, sorted ("" for non-CJK)."""
        r = self.memo_initials.get(ch)
        if r is None:
            self.memo_initials[ch] = r = "".join(sorted({x[0] for x in self.common_readings(ch)}))
        return r

    def common_readings(self, ch: str) -> tuple[str, ...]:
        """The readings of ``ch`` that count for initials (the first one always)."""
        r = self.memo_common.get(ch)
        if r is None:
            i = _slot(ord(ch)) if len(ch) == 1 else -1
            rs = self.readings(ch)
            mask = self.common[i] if i >= 0 else 0
            self.memo_common[ch] = r = tuple(x for n, x in enumerate(rs) if n == 0 or (n < 8 and mask >> n & 1))
        return r

    def simplified(self, ch: str) -> str:
        """The Simplified form of one Traditional character (itself if there is none)."""
        keys = self.t2s_from
        i = bisect.bisect_left(keys, ch)
        return self.t2s_to[i] if i < len(keys) and keys[i] == ch else ch

    # ---------------------------------------------------------------- bytes
    def to_bytes(self) -> bytes:
        head = json.dumps({"format": FORMAT, "syllables": list(self.syllables), "t2s_from": self.t2s_from,
                           "t2s_to": self.t2s_to, "n_ids": len(self.ids)}, ensure_ascii=False).encode()
        return MAGIC + struct.pack("<I", len(head)) + head + self.starts.tobytes() + self.common.tobytes() + self.ids.tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> CharTable:
        """Read :meth:`to_bytes` output; ValueError if it is not a whole, valid table."""
        try:
            if data[:4] != MAGIC:
                raise ValueError("not a character table")
            (n,) = struct.unpack_from("<I", data, 4)
            head = json.loads(data[8:8 + n].decode())
            if head.get("format") != FORMAT:
                raise ValueError("character table of another format")
            starts, common, ids = array("I"), array("B"), array("H")
            pos = 8 + n
            starts.frombytes(data[pos:pos + (_SPAN + 1) * starts.itemsize])
            pos += (_SPAN + 1) * starts.itemsize
            common.frombytes(data[pos:pos + _SPAN])
            pos += _SPAN
            if (len(data) - pos) % ids.itemsize:
                raise ValueError("character table cut short")
            ids.frombytes(data[pos:])
            syllables = tuple(head["syllables"])
            t2s_from, t2s_to = head["t2s_from"], head["t2s_to"]
        except (KeyError, TypeError, struct.error) as exc:  # (bad JSON or UTF-8 is a ValueError already)
            raise ValueError(f"broken character table: {exc}") from exc
        if (len(starts) != _SPAN + 1 or len(common) != _SPAN or len(ids) != head.get("n_ids") or starts[-1] != len(ids)
                or len(t2s_from) != len(t2s_to) or (len(ids) and max(ids) >= len(syllables))):
            raise ValueError("broken character table: sizes do not match")
        return cls(syllables, starts, ids, common, t2s_from, t2s_to)


def _installed_version(dist: str) -> str:
    """The version in the name of ``dist``'s ``.dist-info`` folder on sys.path ("?" if none):
    neither the library nor importlib.metadata (4–5 MB with the email package) is imported."""
    head = dist + "-"
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for name in names:
            if name.startswith(head) and name.endswith(".dist-info"):
                return name[len(head):-len(".dist-info")]
    return "?"


def source_key() -> str:
    """What a built table depends on: its format, the rule for common readings and the library
    versions."""
    versions = ",".join(f"{dist}={_installed_version(dist)}" for dist in ("pypinyin", "zhconv"))
    return f"chartable{FORMAT}:{COMMON_MIN}/{COMMON_SHARE}:{versions}"


def build() -> CharTable:
    """Build the table from pypinyin and zhconv (imports both: build time only)."""
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT
    from zhconv import zhconv

    used: dict[tuple[str, str], int] = {}
    for phrase, pys in PHRASES_DICT.items():
        if len(phrase) == len(pys):
            for ch, py in zip(phrase, pys):
                key = (ch, toneless(py[0]))
                used[key] = used.get(key, 0) + 1
    per_slot: list[tuple[str, ...]] = [()] * _SPAN
    every: set[str] = set()
    for cp, value in PINYIN_DICT.items():
        rs = tuple(dict.fromkeys(t for t in (toneless(x) for x in value.split(",")) if t.isalpha() and t.isascii()))
        every.update(rs)
        i = _slot(cp)
        if i >= 0:
            per_slot[i] = rs
    syllables = tuple(sorted(every))
    number = {s: i for i, s in enumerate(syllables)}
    starts, ids, common = array("I", [0]), array("H"), array("B")
    for i, rs in enumerate(per_slot):
        ids.extend(number[s] for s in rs)
        starts.append(len(ids))
        ch = chr(_codepoint(i))
        counts = [used.get((ch, r), 0) for r in rs]
        total = sum(counts)
        common.append(sum(1 << n for n, c in enumerate(counts[:8])
                          if n == 0 or (c >= COMMON_MIN and c >= COMMON_SHARE * total)))
    pairs = sorted((k, v) for k, v in zhconv.getdict("zh-cn").items() if len(k) == 1 and len(v) == 1 and k != v)
    return CharTable(syllables, starts, ids, common, "".join(k for k, _ in pairs), "".join(v for _, v in pairs))


_current: list[CharTable] = []
_listeners: list[Callable[[], None]] = []


def current() -> CharTable:
    """The installed table; built (importing pypinyin and zhconv) if none was installed."""
    if not _current:
        install(build())
    return _current[0]


def installed() -> bool:
    return bool(_current)


def install(table: CharTable) -> None:
    """Use ``table`` from now on (caches derived from the previous one are dropped)."""
    _current[:] = [table]
    for reset in _listeners:
        reset()


def on_install(reset: Callable[[], None]) -> None:
    """Call ``reset()`` whenever another table is installed (modules caching derived values)."""
    _listeners.append(reset)
