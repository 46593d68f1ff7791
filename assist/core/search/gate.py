"""Which cards a typed query may show (the coverage gate), and how two or three typed initials
rank: exact initials of a title first, at most a screenful.

Typed queries must be covered: a card is shown only if enough of the query's units occur in it
(title/aliases/tags homophone-aware, body literally). Function words do not count. Queries of
typed initials only (``xykgs``) must be found as one unbroken run in the title, aliases or tags:
a single letter is weak evidence, so scattered letters (``zzzzqqq``) find nothing.
"""

from __future__ import annotations

import re

from assist.core.search.pinyin import Unit
from assist.core.search.query import Query

STOP_CHARS = frozenset("的了吗呢么啊呀吧哦嗯我你您他她是在有和就都也还要想请问怎办什为啥能可以会一下个这那")
BODY_SCAN = 600  # body characters checked for coverage (the indexed part and a little more)
GATED_QUERY = 6  # units: up to here (or with typed Latin) a query is typed keywords and is gated
SCREENFUL = 8  # results for two or three typed initials: what the panel shows without scrolling
INITIAL2 = ("zh", "ch", "sh")
_ASCII_WORD = re.compile(r"[0-9a-z]{2,}", re.IGNORECASE)


def allowed_misses(n: int) -> int:
    """Units of a typed query that may be missing (typo tolerance without flooding)."""
    return 0 if n <= 2 else 1 if n <= 5 else 2


def initial_misses(n: int) -> int:
    """Letters of a query of initials only that may be missing from the unbroken run."""
    return 0 if n <= 4 else 1


def _initial(u: Unit) -> str:
    """The letter(s) of a typed initial (``x``, ``zh``; ``n``/``a`` typed amid initials too), else ""."""
    if not u.latin or u.char:
        return ""
    typed = u.prefix or (next(iter(u.syls)) if len(u.syls) == 1 else "")
    return typed if len(typed) == 1 or typed in INITIAL2 else ""


def initials_only(q: Query) -> bool:
    """Every unit is a typed initial (``xykgs``, ``zhb``, ``flnxsk``)."""
    return bool(q.units) and all(map(_initial, q.units))


def tiered_initials(q: Query) -> str:
    """The letters of a query of two or three initials (ranked by :func:`initial_tier`), else ""."""
    if 2 <= len(q.units) <= 3 and initials_only(q) and q.norm.isalpha():
        return "".join(_initial(u)[0] for u in q.units)
    return ""


def initial_tier(letters: str, whole: str, segments: str, aliases: str, _tags: str = "") -> int | None:
    """0 the title's (or one of its parts') initials are exactly ``letters``, 1 an alias's; 2 the
    title or a part starts with them, 3 an alias does; 4 they occur inside the title, 5 inside an
    alias; None: nowhere (tags do not count). Arguments are ``|``-delimited initials
    (``names.initial_strings``)."""
    exact, start = f"|{letters}|", f"|{letters}"
    if exact in whole or exact in segments:
        return 0
    if exact in aliases:
        return 1
    if start in whole or start in segments:
        return 2
    if start in aliases:
        return 3
    if letters in whole:
        return 4
    if letters in aliases:
        return 5
    return None


def in_text(norm: str, text: str) -> set[int]:
    """Positions of query characters that occur in ``text`` inside a query bigram (one
    common character scattered through a card is no evidence)."""
    if len(norm) == 1:
        return {0} if norm in text else set()
    out: set[int] = set()
    for i in range(len(norm) - 1):
        if norm[i:i + 2] in text:
            out.update((i, i + 1))
    return out


def initials_run(q: Query, initials: tuple[str, ...]) -> bool:
    """A query of initials only occurs as one unbroken run (one letter may be missing from five
    up) in a card's names or tags, given as ``names.initial_strings``."""
    letters = "".join(_initial(u)[0] for u in q.units)
    n = len(letters)
    need = n - initial_misses(n)
    return any(letters[i:i + need] in s for i in range(n - need + 1) for s in initials)


def covers(q: Query, head: str, body: str, initials: tuple[str, ...] = ()) -> bool:
    """Enough of a typed query occurs in a card (``head``: names and tags, ``|``-separated;
    ``body``: its plain text; ``initials``: its ``names.initial_strings``): its characters inside
    query bigrams found in the head or body, or a contiguous pinyin/homophone-aware run in the
    head, or one of the query's alternatives (synonyms, shorthand, its pinyin spelled out) found
    in head or body. Up to ``allowed_misses`` units may be missing; function words do not count;
    typed ASCII words (ATM, APP, CVV) count when found literally; initials only must be one run
    (:func:`initials_run`)."""
    n = sum(1 for u in q.units if not (u.char and u.char in STOP_CHARS))
    if n == 0:
        return True
    body = body[:BODY_SCAN]
    text = head + "|" + body
    words = _ASCII_WORD.findall(q.norm)
    literal = bool(words) and all(w.lower() in text.lower() for w in words)
    if literal and q.norm.isascii():
        return True  # a literal word such as ATM, APP, CVV, USSD
    if initials_only(q):
        if initials:
            return initials_run(q, initials)
        return q.aligner.runs(head, 99)[0] >= n - initial_misses(n) - 1e-9
    need = n - allowed_misses(n)
    found = in_text(q.norm, text)
    single = sum(1 for u in q.units if u.char) == 1
    exact, pos = 0, 0
    for u in q.units:  # character units in order; map each to its position in q.norm
        if not u.char:
            continue
        at = q.norm.find(u.char, pos)
        pos = at + 1 if at >= 0 else pos
        if u.char not in STOP_CHARS and (at in found or (single and u.char in head)):
            exact += 1
    if literal:
        exact += sum(1 for u in q.units if u.latin)
    if exact >= need:
        return True
    run = q.aligner.runs(head, 99)[0]  # 1 per exact unit, 0.8 per homophone / pinyin match
    if run >= 0.8 * need - 1e-9:
        return True
    budget = n - need  # the typed query's miss budget also bounds its alternatives
    for alt, _units in q.alternatives:  # a synonym, shorthand or spelled-out pinyin found this card
        hits = in_text(alt, text)
        counted = [i for i, c in enumerate(alt) if c not in STOP_CHARS]
        if counted and sum(1 for i in counted if i not in hits) <= budget:
            return True
    return False
