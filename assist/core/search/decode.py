"""Typed pinyin spelled out in the KB's own words, for queries that mix pinyin with Chinese or
string several pinyin words together: ``tousu乱收费`` → 投诉乱收费, ``xykdaoshua`` → 信用卡盗刷.

Each run of typed Latin units is matched against the names (title and aliases) of the cards its
own keys find best; the name stretches that spell two or more consecutive units (three when
they are all initials: ``zz`` could be anything) are its spellings, the most frequent first. The query with its runs replaced by their spellings becomes
one more alternative of the query, searched like typed Chinese: its characters are looked up in
every field (pinyin keys reach titles and aliases only), count for the coverage gate, and are
highlighted.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence
from operator import itemgetter

from assist.core.search.index import Index
from assist.core.search.pinyin import Unit
from assist.core.search.query import Aligner, keys_for

NAMES_READ = 8  # best cards whose names are read for each run
POSTINGS_READ = 100  # postings read per key to find them
MIN_INITIALS = 3  # a stretch of typed initials only is spelled when it is at least this long (zz is anything)


def unit_text(u: Unit) -> str:
    """What was typed for one unit (a character, an initial, a syllable or its start)."""
    if u.char:
        return u.char
    if u.prefix:
        return u.prefix
    return next(iter(u.syls)) if u.syls else ""


def _latin_runs(units: Sequence[Unit]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(units):
        if units[i].latin:
            j = i
            while j < len(units) and units[j].latin:
                j += 1
            if j - i >= 2:
                out.append((i, j))
            i = j
        else:
            i += 1
    return out


def spellings(units: Sequence[Unit], index: Index, names: Sequence[str]) -> dict[tuple[int, int], Counter[str]]:
    """(first unit, end unit) → name stretches spelling those units, with how often they occur."""
    found: dict[tuple[int, int], Counter[str]] = {}
    for a, b in _latin_runs(units):
        run = tuple(units[a:b])
        keys = keys_for("", run, index)
        acc = index.accumulate({**keys, **keys.expanded}, POSTINGS_READ, name_only=True)
        aligner = Aligner(run)
        for d, _s in heapq.nlargest(NAMES_READ, acc.items(), key=itemgetter(1)):
            text = names[d]
            for u0, u1, t0, t1 in aligner.matches(text, 2)[1]:
                if u1 - u0 < MIN_INITIALS and all(u.prefix and len(u.prefix) <= 2 for u in run[u0:u1]):
                    continue
                found.setdefault((a + u0, a + u1), Counter())[text[t0:t1]] += 1
    return found


def spelled(units: Sequence[Unit], index: Index, names: Sequence[str]) -> str:
    """The query with each run of typed pinyin replaced by its best spelling (longest stretches
    first). "" unless every typed Latin unit was spelled: a partial spelling (``g人被投记录`` for
    ``grptjil``) would only lend weight to letters that match nothing."""
    found = spellings(units, index, names)
    if not found:
        return ""
    chosen: dict[int, tuple[int, str]] = {}
    taken: set[int] = set()
    for (u0, u1), counts in sorted(found.items(), key=lambda kv: (kv[0][0] - kv[0][1], -max(kv[1].values()), kv[0])):
        if taken.isdisjoint(range(u0, u1)):
            word = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
            chosen[u0] = (u1, word)
            taken.update(range(u0, u1))
    if any(u.latin and i not in taken for i, u in enumerate(units)):
        return ""
    out: list[str] = []
    i = 0
    while i < len(units):
        if i in chosen:
            end, word = chosen[i]
            out.append(word)
            i = end
        else:
            out.append(unit_text(units[i]))
            i += 1
    return "".join(out)
