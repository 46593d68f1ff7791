"""Quality on the external retrieval bench in ../shared/bench (evaluation only:
nothing from it is copied into this repository).

    .venv/bin/python -m benchmarks.bench_search_external --split dev    # tune here
    .venv/bin/python -m benchmarks.bench_search_external --split test   # report once

Uses the product's own synonyms (kb/synonyms.yaml). Exits 0 with a message when
the bench folder is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from assist.core.kb.loader import load_synonyms
from assist.core.search import SearchEngine, evaluate, load_eval_kb, load_queries

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench"
BASELINES = "best baselines (TEST): R@5 0.220 (TF-IDF char 1+2-gram), MRR@10 0.149 (BM25 jieba)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "test"), default="dev")
    ap.add_argument("--bench", default=str(BENCH), help="bench folder (default ../shared/bench)")
    ap.add_argument("--no-synonyms", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    bench = Path(args.bench)
    if not (bench / "kb.jsonl").exists():
        print(f"external bench not found at {bench}: skipped (nothing measured)")
        return 0
    docs, _ = load_eval_kb(bench / "kb.jsonl")
    synonyms = [] if args.no_synonyms else load_synonyms(ROOT / "kb")[0]
    raw = [json.loads(x) for x in (bench / f"queries_{args.split}.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    queries = load_queries(bench / f"queries_{args.split}.jsonl")
    t0 = time.perf_counter()
    engine = SearchEngine.build(docs, synonyms=synonyms)
    build_s = time.perf_counter() - t0
    res = evaluate(engine, queries)
    res["build_s"] = round(build_s, 3)
    loose = evaluate(engine, [(r["query"], r.get("relevant_loose") or r["relevant"]) for r in raw], warmup=0)
    res["recall@1_loose"] = loose["recall@1"]
    res["split"] = args.split
    res["kb"] = len(docs)
    if args.json:
        print(json.dumps(res))
        return 0
    print(f"external bench, {args.split.upper()} split: {res['queries']} queries, {len(docs)} KB entries")
    print(f"  Recall@1 {res['recall@1']:.3f} (loose {res['recall@1_loose']:.3f})   Recall@5 {res['recall@5']:.3f}   MRR@10 {res['mrr@10']:.3f}")
    print(f"  latency p50 {res['p50_ms']:.2f} ms  p95 {res['p95_ms']:.2f} ms   index build {res['build_s']:.2f} s")
    print(f"  {BASELINES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
