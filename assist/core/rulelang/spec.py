"""Patterns as compliance staff write them, parsed into :class:`Pattern` objects.

In YAML a pattern is a list whose items are sequences::

    match:
      - [$索要, $验证码]            # an ask verb, then (within the window) a secret code
      - [$验证码, 念|报|发]          # or the other way round
      - 短信验证码发给我             # a single part: a literal phrase
    unless:
      - [不要, $索要]                # cancels a match it overlaps

A part is a literal, alternatives joined by ``|``, a word class ``$名称`` (from
``lexicon.yaml`` or built in: ``$数字``, ``$金额``, ``$百分比``; a number may carry a
comparison, ``$数字>=60``), or any of these joined with ``|``; a leading ``+`` means "directly
after the previous part", a leading ``~N `` "at most N characters after it" (instead of the window). There is no "optional
part": the window between parts already lets a few characters through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assist.core.rulelang.text import norm
from assist.core.yamlfile import LDict, LList, RulesError, line_of

BUILTINS = ("数字", "金额", "百分比")
_COMPARE = re.compile(r"^(数字|金额|百分比)\s*(>=|<=|>|<|=|≥|≤)\s*(\d+)$")
_OPS = {"≥": ">=", "≤": "<="}
_GAP = re.compile(r"^~(\d+)\s+")
SPANS = ("clause", "sentence")
DEFAULT_WINDOW = 6
MAX_WINDOW = 30
MAX_PARTS = 8


@dataclass(frozen=True)
class Part:
    words: tuple[str, ...] = ()     # normalised literals
    builtins: tuple[str, ...] = ()  # built-in classes (BUILTINS) that also match here
    adjacent: bool = False          # '+': no gap after the previous part
    shown: str = ""                 # as written, for explanations
    compare: tuple[str, int] | None = None  # ('>=', 60): the number matched must satisfy it
    gap: int | None = None          # '~N ': at most N characters after the previous part (default: the window)

    @property
    def key(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, int] | None]:
        return self.words, self.builtins, self.compare


@dataclass(frozen=True)
class Sequence:
    parts: tuple[Part, ...]

    def shown(self) -> str:
        return " … ".join(p.shown for p in self.parts)


@dataclass(frozen=True)
class Pattern:
    sequences: tuple[Sequence, ...]
    unless: tuple[Sequence, ...] = ()
    window: int = DEFAULT_WINDOW
    span: str = "clause"            # clause: commas stop a match; sentence: only 。！？；and line breaks


class SpecReader:
    """Reads patterns from one rule file; every problem is a :class:`RulesError` with a line."""

    def __init__(self, shown: str, classes: dict[str, tuple[str, ...]]):
        self.shown = shown
        self.classes = classes

    def fail(self, container: Any, key: Any, message: str) -> RulesError:
        return RulesError(self.shown, line_of(container, key), message)

    # ---- parts -----------------------------------------------------------------------------
    def part(self, raw: Any, container: Any, key: Any) -> Part:
        if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
            raise self.fail(container, key, f"a pattern part must be text, got {raw!r}; "
                                            "write e.g. 验证码, 保证|确保 or $索要")
        text = str(raw).strip()
        gap: int | None = None
        m_gap = _GAP.match(text)
        if m_gap:
            gap = int(m_gap.group(1))
            if gap > MAX_WINDOW:
                raise self.fail(container, key, f"'~{gap}' is too wide; at most ~{MAX_WINDOW}")
            text = text[m_gap.end():]
        adjacent = text.startswith("+")
        text = "|".join(a.strip().lstrip("+").strip() for a in text.split("|"))  # '+' on any alternative
        if not text:
            raise self.fail(container, key, "empty pattern part; remove it or write a word")
        words: list[str] = []
        builtins: list[str] = []
        compare: tuple[str, int] | None = None
        alts = [a.strip() for a in text.split("|")]
        for alt in alts:
            if not alt:
                raise self.fail(container, key, f"empty alternative in {raw!r}: check the '|' signs")
            if alt.startswith("$"):
                name = alt[1:]
                m = _COMPARE.match(name)
                if m:
                    if len(alts) > 1:
                        raise self.fail(container, key, f"a number with a comparison ({alt}) must be a part of its own")
                    op = _OPS.get(m.group(2), m.group(2))
                    builtins.append(m.group(1))
                    compare = (op, int(m.group(3)))
                    continue
                if name in BUILTINS:
                    builtins.append(name)
                    continue
                if name not in self.classes:
                    known = ", ".join("$" + n for n in [*BUILTINS, *sorted(self.classes)])
                    raise self.fail(container, key, f"unknown word class '${name}'; known: {known} "
                                                    "(word classes are defined in rules/lexicon.yaml)")
                words.extend(self.classes[name])
            else:
                words.append(alt)
        normed = tuple(dict.fromkeys(norm(w) for w in words if w))
        return Part(normed, tuple(dict.fromkeys(builtins)), adjacent, str(raw).strip(), compare, gap)

    def sequence(self, raw: Any, container: Any, key: Any) -> Sequence:
        if isinstance(raw, list):
            if not raw:
                raise self.fail(container, key, "empty sequence []; write at least one part")
            if len(raw) > MAX_PARTS:
                raise self.fail(container, key, f"a sequence may have at most {MAX_PARTS} parts")
            parts = tuple(self.part(p, raw, i) for i, p in enumerate(raw))
        else:
            parts = (self.part(raw, container, key),)
        if parts[0].adjacent:
            p0 = parts[0]
            parts = (Part(p0.words, p0.builtins, False, p0.shown, p0.compare, None), *parts[1:])
        return Sequence(parts)

    def sequences(self, entry: LDict, key: str, required: bool = True) -> tuple[Sequence, ...]:
        val = entry.get(key)
        if val is None:
            if required:
                raise self.fail(entry, key, f"missing '{key}:' (a list of patterns, e.g. {key}: [[$索要, $验证码]])")
            return ()
        if not isinstance(val, list):
            val = LList([val])
            val.line, val.lines = line_of(entry, key), [line_of(entry, key)]
        if required and not val:
            raise self.fail(entry, key, f"'{key}' is empty; write at least one pattern")
        return tuple(self.sequence(item, val, i) for i, item in enumerate(val))

    def pattern(self, entry: LDict, *, window: int = DEFAULT_WINDOW, span: str = "clause",
                key: str = "match") -> Pattern:
        window = self.window(entry, window)
        span = self.span(entry, span)
        return Pattern(self.sequences(entry, key), self.sequences(entry, "unless", required=False), window, span)

    def window(self, entry: LDict, default: int) -> int:
        w = entry.get("window", default)
        if isinstance(w, bool) or not isinstance(w, int) or not 0 <= w <= MAX_WINDOW:
            raise self.fail(entry, "window", f"window must be a whole number of characters from 0 to {MAX_WINDOW}")
        return w

    def span(self, entry: LDict, default: str) -> str:
        s = entry.get("span", default)
        if s not in SPANS:
            raise self.fail(entry, "span", "span must be 'clause' (a comma ends the match) or 'sentence'")
        return str(s)


def is_mapping(v: Any) -> bool:
    return isinstance(v, (dict, LDict))
