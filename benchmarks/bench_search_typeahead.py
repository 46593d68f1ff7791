"""Type-ahead robustness on our own KB: generated queries per card, Recall@5 per kind.

Kinds: ``frag`` (2–4 characters of the title), ``initials`` (pinyin initials of the
first 4 characters of the title), ``pinyin`` (their full pinyin), ``homophone`` (one
character of the title swapped for another with the same reading), ``drop`` (one
character left out), ``alias`` (one of the card's aliases).

Extra kinds, reported apart (not in ``overall``, so the figure stays comparable with earlier
runs): ``mixed`` (full pinyin of the first two characters, then the next two as typed
characters: ``xinyong卡挂``), ``mixed_ini`` (initials of the first two or three, then two
characters: ``xyk挂失``), and ``nonsense``: the share of random 5–7 letter strings that find
anything at all (lower is better).

    .venv/bin/python -m benchmarks.bench_search_typeahead [--kb kb] [--json] [--show-misses]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict

from pypinyin import Style, lazy_pinyin

from assist.core.kb import load_kb
from assist.core.search import SearchEngine, docs_from_kb
from assist.core.search.model import Doc
from assist.core.search.pinyin import readings
from assist.core.search.text import is_cjk

KINDS = ("frag", "initials", "pinyin", "homophone", "drop", "alias")
EXTRA = ("mixed", "mixed_ini")


def _cjk_prefix(title: str, n: int) -> str:
    return "".join(c for c in title if is_cjk(c))[:n]


def generate(docs: list[Doc], seed: int = 4) -> list[tuple[str, str, str]]:
    """(kind, query, card id) triples, deterministic for a seed."""
    rnd = random.Random(seed)
    homo: dict[str, list[str]] = defaultdict(list)
    for ch in sorted({c for d in docs for c in d.title + d.body if is_cjk(c)}):
        for r in readings(ch)[:1]:
            homo[r].append(ch)
    out: list[tuple[str, str, str]] = []
    for d in docs:
        t = d.title
        cjk = "".join(c for c in t if is_cjk(c))
        if len(cjk) >= 2:
            k = rnd.randint(2, min(4, len(cjk)))
            s = rnd.randrange(len(cjk) - k + 1)
            out.append(("frag", cjk[s : s + k], d.id))
            head = _cjk_prefix(t, 4)
            out.append(("initials", "".join(lazy_pinyin(head, style=Style.FIRST_LETTER)), d.id))
            out.append(("pinyin", "".join(lazy_pinyin(head)), d.id))
            base = cjk[:6]
            spots = [i for i, c in enumerate(base) if len([h for h in homo[(readings(c) or ("",))[0]] if h != c]) > 0]
            if spots:
                i = rnd.choice(spots)
                alts = [h for h in homo[readings(base[i])[0]] if h != base[i]]
                out.append(("homophone", base[:i] + rnd.choice(alts) + base[i + 1 :], d.id))
        if len(cjk) >= 3:
            base = cjk[:8]
            i = rnd.randrange(len(base))
            out.append(("drop", base[:i] + base[i + 1 :], d.id))
        if d.aliases:
            out.append(("alias", rnd.choice(d.aliases), d.id))
    return out


def generate_extra(docs: list[Doc], seed: int = 4) -> list[tuple[str, str, str]]:
    """The ``mixed`` and ``mixed_ini`` kinds (deterministic for a seed)."""
    rnd = random.Random(seed)
    out: list[tuple[str, str, str]] = []
    for d in docs:
        cjk = _cjk_prefix(d.title, 5)
        if len(cjk) >= 4:
            out.append(("mixed", "".join(lazy_pinyin(cjk[:2])) + cjk[2:4], d.id))
            k = rnd.choice((2, 3)) if len(cjk) >= 5 else 2
            out.append(("mixed_ini", "".join(lazy_pinyin(cjk[:k], style=Style.FIRST_LETTER)) + cjk[k:k + 2], d.id))
    return out


def nonsense_rate(engine: SearchEngine, n: int = 300, seed: int = 4) -> float:
    """Share of random 5–7 letter strings that find anything."""
    rnd = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    found = sum(1 for _ in range(n) if engine.search("".join(rnd.choice(letters) for _ in range(rnd.randint(5, 7)))))
    return round(found / n, 4)


def run(engine: SearchEngine, queries: list[tuple[str, str, str]]) -> tuple[dict, list]:
    hits: dict[str, list[int]] = defaultdict(list)
    misses = []
    for kind, q, cid in queries:
        ids = [h.id for h in engine.search(q, limit=5, boosts={"expired_last": False})]
        ok = cid in ids
        hits[kind].append(ok)
        if not ok:
            misses.append((kind, q, cid, ids[:3]))
    per = {k: round(sum(v) / len(v), 4) for k, v in hits.items()}
    allv = [x for v in hits.values() for x in v]
    per["overall"] = round(sum(allv) / max(1, len(allv)), 4)
    per["queries"] = len(allv)
    return per, misses


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kb", default="kb")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args(argv)
    kb = load_kb(args.kb)
    docs = docs_from_kb(kb)
    t0 = time.perf_counter()
    engine = SearchEngine.build(docs, synonyms=kb.synonyms)
    build = time.perf_counter() - t0
    per, misses = run(engine, generate(docs))
    extra, extra_misses = run(engine, generate_extra(docs))
    per.update({f"{k}": extra[k] for k in EXTRA if k in extra})
    per["nonsense"] = nonsense_rate(engine)
    misses += extra_misses
    per["cards"] = len(docs)
    per["build_s"] = round(build, 3)
    if args.json:
        print(json.dumps(per, ensure_ascii=False))
    else:
        print(f"type-ahead Recall@5 on {args.kb} ({len(docs)} cards, {per['queries']} queries)")
        for k in KINDS:
            if k in per:
                print(f"  {k:<10} {per[k]:.3f}")
        print(f"  {'overall':<10} {per['overall']:.3f}")
        print("  extra (not in overall):")
        for k in EXTRA:
            if k in per:
                print(f"  {k:<10} {per[k]:.3f}")
        print(f"  {'nonsense':<10} {per['nonsense']:.3f}   (share of random letter strings that find anything; lower is better)")
    if args.show_misses:
        for m in misses:
            print("MISS", *m, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
