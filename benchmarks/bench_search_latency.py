"""Search engine latency on synthetic KBs: per-query p50/p95 (wall and CPU time),
index build time and memory.

    .venv/bin/python -m benchmarks.bench_search_latency [--sizes 1000,20000,100000] [--json]

CPU time (``time.process_time``) is printed next to wall time because the machine is
shared: wall time includes waiting for a core. Each query runs ``--repeat`` times and
its fastest run counts (``--repeat 1`` for single-shot figures). The search character table
is made ready before the build is timed (the panel loads it from the compiled index); ``RSS``
is the process's resident memory after the queries, ``+`` what the build added to it.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
import tracemalloc

from assist.core.search import SearchEngine, tables
from benchmarks.synth import make_docs, make_queries


def rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            return next(int(ln.split()[1]) for ln in fh if ln.startswith("VmRSS:")) / 1024
    except (OSError, StopIteration):
        return float("nan")


def _pct(v: list[float], q: float) -> float:
    s = sorted(v)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


def measure(n: int, n_queries: int = 400, trace_memory: bool = True, repeat: int = 3) -> dict:
    docs = make_docs(n)
    queries = make_queries(docs, n_queries)
    tables.current()
    gc.collect()
    rss0 = rss_mb()
    if trace_memory:
        tracemalloc.start()
    t0, c0 = time.perf_counter(), time.process_time()
    engine = SearchEngine.build(docs)
    build_wall, build_cpu = time.perf_counter() - t0, time.process_time() - c0
    rss_build = rss_mb() - rss0
    mem = 0.0
    if trace_memory:
        mem = tracemalloc.get_traced_memory()[0] / 2**20
        tracemalloc.stop()
    for q in queries[:30]:
        engine.search(q)
    wall = [float("inf")] * len(queries)
    cpu = [float("inf")] * len(queries)
    for _ in range(max(1, repeat)):
        for i, q in enumerate(queries):
            t0, c0 = time.perf_counter(), time.process_time()
            engine.search(q, limit=10)
            wall[i] = min(wall[i], (time.perf_counter() - t0) * 1000)
            cpu[i] = min(cpu[i], (time.process_time() - c0) * 1000)
    return {
        "cards": n,
        "queries": len(queries),
        "repeat": repeat,
        "p50_ms": round(_pct(wall, 0.5), 2),
        "p95_ms": round(_pct(wall, 0.95), 2),
        "cpu_p50_ms": round(_pct(cpu, 0.5), 2),
        "cpu_p95_ms": round(_pct(cpu, 0.95), 2),
        "build_s": round(build_wall, 2),
        "build_cpu_s": round(build_cpu, 2),
        "index_mib": round(mem, 1),
        "rss_mb": round(rss_mb(), 1),
        "build_rss_mb": round(rss_build, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,20000,100000")
    ap.add_argument("--queries", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=3, help="runs per query; the fastest counts")
    ap.add_argument("--no-memory", action="store_true", help="skip tracemalloc (it slows the build)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    rows = []
    for n in (int(x) for x in args.sizes.split(",")):
        r = measure(n, args.queries, not args.no_memory, args.repeat)
        rows.append(r)
        if not args.json:
            print(
                f"{r['cards']:>7} cards: p50 {r['p50_ms']:6.2f} ms  p95 {r['p95_ms']:6.2f} ms  "
                f"(cpu p50 {r['cpu_p50_ms']:.2f}, p95 {r['cpu_p95_ms']:.2f})  "
                f"build {r['build_s']:.2f} s (cpu {r['build_cpu_s']:.2f})  RSS {r['rss_mb']:.0f} MB "
                f"(build +{r['build_rss_mb']:.0f})" + (f"  index {r['index_mib']:.0f} MiB" if not args.no_memory else ""),
                flush=True,
            )
    if args.json:
        print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
