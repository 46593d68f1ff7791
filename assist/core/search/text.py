"""Text normalisation for search: width and case folding, Traditional → Simplified (the
single-character map in :mod:`assist.core.search.tables`), punctuation and spaces dropped,
agent shorthand expanded.

Two entry points share one per-character fold table:

* :func:`normalize` - fast whole-string path used when indexing;
* :func:`normalize_map` - same result plus, for every output character, the index
  of the source character it came from (used for highlights).
"""

from __future__ import annotations

import re
import unicodedata

from assist.core.search import tables

# Common agent / customer shorthand, applied to queries only (after folding).
SHORTHAND: dict[str, str] = {
    "信卡": "信用卡",
    "借卡": "借记卡",
    "储卡": "储蓄卡",
    "手银": "手机银行",
    "网银": "网上银行",
    "身份证号": "身份证",
    "密码锁了": "密码锁定",
    "卡吞了": "吞卡",
    "卡被吞": "吞卡",
    "转错账": "转账错误",
    "转错了": "转账错误",
    "销卡": "注销",
}

_FOLD: dict[str, str] = {}


def fold_char(ch: str) -> str:
    """Fold one source character to zero or more search characters."""
    out = _FOLD.get(ch)
    if out is None:
        simplified = tables.current().simplified
        s = unicodedata.normalize("NFKC", ch).lower()
        s = "".join(simplified(c) for c in s if c.isalnum())
        _FOLD[ch] = out = s
    return out


class _Table(dict[int, str]):
    """str.translate table filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        self[code] = out = fold_char(chr(code))
        return out


_TABLE = _Table()


def _reset() -> None:
    _FOLD.clear()
    _TABLE.clear()


tables.on_install(_reset)


def normalize(text: str) -> str:
    """Folded text: NFKC, lower case, simplified Chinese, letters/digits/CJK only."""
    # The table applies NFKC, lower case and 繁→简 character by character.
    return text.translate(_TABLE)


def normalize_map(text: str) -> tuple[str, list[int]]:
    """Like :func:`normalize`, and the source index of every output character."""
    fold = _FOLD
    try:
        parts = [fold[c] for c in text]
    except KeyError:
        parts = [fold_char(c) for c in text]
    norm = "".join(parts)
    if len(norm) == len(text):
        return norm, list(range(len(text)))
    return norm, [i for i, p in enumerate(parts) for _ in p]


_CHATTER_RE = re.compile(r"^(?:你好|您好|请问|亲爱的|亲|哈喽|hello|hi)+|(?:呢|吗|啊|呀|嘛|哦|哈|吧|啦|么)+$")


def strip_chatter(norm: str) -> str:
    """Drop a leading greeting and trailing modal particles from a long query."""
    if len(norm) < 6:
        return norm
    out = _CHATTER_RE.sub("", norm)
    return out or norm


_SHORT_RE: re.Pattern[str] | None = None


def expand_shorthand(norm: str) -> str:
    """Replace agent shorthand in already-normalised text."""
    global _SHORT_RE
    if _SHORT_RE is None:
        keys = sorted(SHORTHAND, key=len, reverse=True)
        _SHORT_RE = re.compile("|".join(re.escape(k) for k in keys))
    return _SHORT_RE.sub(lambda m: SHORTHAND[m.group(0)], norm)


def is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def is_latin(ch: str) -> bool:
    return "a" <= ch <= "z"
