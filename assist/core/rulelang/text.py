"""Text helpers for the matcher: a length-preserving normalisation, clause boundaries, numbers.

Everything here is linear in the text: one ``str.translate`` pass, one prefix-count pass and
one ``finditer`` over simple character classes (each character is consumed once).
"""

from __future__ import annotations

import re
from bisect import bisect_left

# full-width ASCII → ASCII, ideographic space → space, A-Z → a-z (one character each, so
# offsets into the normalised text are offsets into the original)
_TABLE = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_TABLE[0x3000] = 0x20
_TABLE.update({c: c + 32 for c in range(ord("A"), ord("Z") + 1)})
_TABLE.update({c + 0xFEE0: c + 32 for c in range(ord("A"), ord("Z") + 1)})

HARD_BOUNDARY = "。！？!?；;\n"
SOFT_BOUNDARY = "，,"
_HARD = re.compile("[" + re.escape(HARD_BOUNDARY) + "]")
# a comma, or in typed notes a space between two Chinese characters ("客户太笨 讲了三遍")
_SOFT = re.compile("[" + re.escape(SOFT_BOUNDARY) + "]|(?<=[\u2e80-\U0010ffff])[ \t\u3000](?=[\u2e80-\U0010ffff])")
_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿几"
NUMBER_RUN = re.compile(rf"[0-9]+(?:\.[0-9]+)?|[{_CN_DIGITS}]+")
AMOUNT_UNITS = ("万元", "千元", "元", "块钱", "块", "万", "毛", "角")
PERCENT_AFTER = ("%", "个点", "厘")
_AFTER_FIRST = frozenset(w[0] for w in AMOUNT_UNITS + PERCENT_AFTER)


def cn_number(s: str) -> int:
    """'20' → 20, '二十' → 20, '三十' → 30, '一百' → 100, '几十' → 20 (at least), '十' → 10, '3.5' → 3."""
    if s.replace(".", "", 1).isdigit():
        return int(float(s))
    s = s.replace("两", "二").replace("几", "二").replace("〇", "零")
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    units = {"十": 10, "百": 100, "千": 1000}
    total, section, cur = 0, 0, 0
    for ch in s:
        if ch in digits:
            cur = digits[ch]
        elif ch in units:
            section += (cur or 1) * units[ch]
            cur = 0
        elif ch in "万亿":
            total += (section + cur) * (10000 if ch == "万" else 100000000)
            section, cur = 0, 0
    return total + section + cur


def norm(text: str) -> str:
    return text.translate(_TABLE)


class Boundaries:
    """Positions of clause boundaries, sorted: the last boundary before an offset is a binary search."""

    def __init__(self, text: str):
        self.hard = [m.start() for m in _HARD.finditer(text)]
        self.clause = sorted(self.hard + [m.start() for m in _SOFT.finditer(text)])

    def last_before(self, pos: int, span: str) -> int:
        """Offset of the last boundary before ``pos`` that a match of this span may not cross (-1: none)."""
        arr = self.clause if span == "clause" else self.hard
        k = bisect_left(arr, pos) - 1
        return arr[k] if k >= 0 else -1

    def first_at_or_after(self, pos: int, span: str) -> int:
        """Offset of the first boundary at or after ``pos`` (len(text)+1 if none)."""
        arr = self.clause if span == "clause" else self.hard
        k = bisect_left(arr, pos)
        return arr[k] if k < len(arr) else 1 << 62

    def crosses(self, a: int, b: int, span: str) -> bool:
        """True if text[a:b] holds a boundary that a match of this span may not cross."""
        return b > a and self.last_before(b, span) >= a


def numbers(text: str) -> dict[str, list[tuple[int, int]]]:
    """Spans of the built-in classes ``数字``, ``金额`` (number + unit) and ``百分比``."""
    num: list[tuple[int, int]] = []
    amount: list[tuple[int, int]] = []
    percent: list[tuple[int, int]] = []
    n = len(text)
    for m in NUMBER_RUN.finditer(text):
        s, e = m.span()
        if e - s == 1 and text[s] in "万亿千百十":  # a lone unit character is not a number
            continue
        num.append((s, e))
        j = e + 1 if e < n and text[e] == " " else e
        if j < n and text[j] in _AFTER_FIRST:
            for unit in AMOUNT_UNITS:
                if text.startswith(unit, j):
                    amount.append((s, j + len(unit)))
                    break
            for tail in PERCENT_AFTER:
                if text.startswith(tail, j):
                    percent.append((s, j + len(tail)))
                    break
        if s >= 3 and text[s - 1] == "之" and text[s - 3:s] == "百分之":
            percent.append((s - 3, e))
    return {"数字": num, "金额": amount, "百分比": percent}
