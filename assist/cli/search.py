"""``assist search QUERY`` and ``assist kb eval`` (registered by the kb command)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("search", help="search the knowledge base (same engine as the panel)")
    p.add_argument("query", metavar="QUERY", help="text, pinyin (xykgs, guashi) or a mix")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="at most N results (default 10)")
    p.add_argument("--json", action="store_true", help='print a JSON list of {"id","title","score","highlights"}')
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Any) -> int:
    from assist.core.search import SearchEngine, docs_from_kb

    if args.limit < 1:
        print("assist search: --limit must be at least 1", file=sys.stderr)
        return 2
    kb = ctx.load_kb()
    engine = SearchEngine.build(docs_from_kb(kb), synonyms=kb.synonyms)
    hits = engine.search(args.query, limit=args.limit)
    if args.json:
        print(json.dumps([h.as_json() for h in hits], ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print(f"没有找到与“{args.query}”相关的卡片 (no results)")
        return 0
    for i, h in enumerate(hits, 1):
        badge = " [已过期]" if h.expired else ""
        print(f"{i:>2}. {_mark(h.title, h.highlights.get('title', []))}{badge}  ({h.id}, {h.score:.3f})")
        if h.snippet:
            print(f"    {_mark(h.snippet, h.highlights.get('snippet', []))}")
    return 0


def _mark(text: str, ranges: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for s, e in ranges:
        out.append(text[pos:s] + "【" + text[s:e] + "】")
        pos = e
    return "".join(out) + text[pos:]


def register_kb_eval(kb_subparsers: argparse._SubParsersAction) -> None:
    """Add ``eval`` under the ``kb`` command (called by the kb command module)."""
    p = kb_subparsers.add_parser("eval", help="measure search quality on a KB and a query file")
    p.add_argument("--kb", dest="eval_kb", required=True, metavar="FILE",
                   help='KB folder, or JSONL of {"id","text"} / {"id","title","body"}')
    p.add_argument("--queries", required=True, metavar="FILE", help='JSONL of {"query","relevant":[ids]}')
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run_eval)


def run_eval(args: argparse.Namespace, ctx: Any = None) -> int:
    from assist.core.search.evaluate import EvalInputError, evaluate, load_eval_kb, load_queries

    try:
        docs, synonyms = load_eval_kb(args.eval_kb)
        queries = load_queries(args.queries)
    except EvalInputError as exc:
        print(f"assist kb eval: {exc}", file=sys.stderr)
        return 2
    result = evaluate(docs, queries, synonyms)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    print(f"queries      {result['queries']}")
    print(f"Recall@1     {result['recall@1']:.3f}")
    print(f"Recall@5     {result['recall@5']:.3f}")
    print(f"MRR@10       {result['mrr@10']:.3f}")
    print(f"latency p50  {result['p50_ms']:.2f} ms")
    print(f"latency p95  {result['p95_ms']:.2f} ms")
    print(f"index build  {result['build_s']:.2f} s")
    return 0
