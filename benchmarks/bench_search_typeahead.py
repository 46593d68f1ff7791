"""Type-ahead robustness on our own KB: generated queries per card, Recall@5 per kind.

Kinds: ``frag`` (2–4 characters of the title), ``initials`` (pinyin initials of the
first 4 characters of the title), ``pinyin`` (their full pinyin), ``homophone`` (one
character of the title swapped for another with the same reading), ``drop`` (one
character left out), ``alias`` (one of the card's aliases).

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
    if args.show_misses:
        for m in misses:
            print("MISS", *m, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
