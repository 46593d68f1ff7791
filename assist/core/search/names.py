"""Per-card name data the engine keeps: normalised names and tags, and the initials of the
title, its parts and its aliases for ranking typed initials (``ds`` → 盗刷 first)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import islice, product

from assist.core.search.pinyin import initials
from assist.core.search.text import normalize

MAX_VARIANTS = 8  # spellings in initials kept per name (characters with two common readings)
_PARTS = re.compile(r"[\W_]+")  # punctuation and spaces split a title into parts (盗刷/非本人交易处理)


def _letters(norm: str) -> list[str]:
    """Per character of a normalised name: the initials it may be typed as."""
    return [initials(c) or c for c in norm]


def spellings(norm: str) -> list[str]:
    """The ways a normalised name may be typed as initials (银行 → yh, yx), at most MAX_VARIANTS."""
    if not norm:
        return []
    return ["".join(p) for p in islice(product(*_letters(norm)), MAX_VARIANTS)]


def _delimited(names: Sequence[str]) -> str:
    out = [v for n in names for v in spellings(n)]
    return "|" + "|".join(out) + "|" if out else ""


def initial_strings(title: str, aliases: Sequence[str], tags: Sequence[str] = ()) -> tuple[str, str, str, str]:
    """``|``-delimited initials of the whole title, of its parts (when it has more than one), of
    its aliases and of its tags, e.g. 盗刷/非本人交易处理 → ``|dsfbrjycl|``, ``|ds|fbrjycl|``."""
    parts = [p for p in (normalize(x) for x in _PARTS.split(title)) if p]
    whole = _delimited([normalize(title)])
    segments = _delimited(parts) if len(parts) > 1 else ""
    return whole, segments, _delimited([normalize(a) for a in aliases]), _delimited([normalize(t) for t in tags])
