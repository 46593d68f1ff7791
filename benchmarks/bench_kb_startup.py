"""KB start-up: plain parse vs compiled index (cold = empty index, warm = index built).

    .venv/bin/python -m benchmarks.bench_kb_startup [--sizes 1000 20000] [--workdir /tmp/assist-kb-bench]

For each size a synthetic KB is generated (benchmarks.gen_kb) and its files are aged
one hour (a deployed KB; files changed within 2 s of indexing are always re-hashed).
Every measurement runs in a fresh subprocess: wall time without tracing, then peak
Python memory (tracemalloc) and process peak RSS (ru_maxrss) in a second run.
``parsed`` counts calls to parse_card: warm start-up must show 0.
Prints figures only; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

MODES = ("plain", "cold", "warm")


def child(mode: str, kb: str, index: str, trace: bool) -> None:
    import tracemalloc

    from assist.core.kb import index as kb_index
    from assist.core.kb import loader

    calls = [0]
    real = loader.parse_card

    def counting(text, rel):
        calls[0] += 1
        return real(text, rel)

    kb_index.parse_card = counting
    loader.parse_card = counting
    if trace:
        tracemalloc.start()
    t0 = time.perf_counter()
    if mode == "plain":
        result = loader.load_kb(kb)
    else:
        result = kb_index.load_compiled(kb, index)
    secs = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss_mb = rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024
    print(json.dumps({"secs": secs, "peak_mb": peak / 2**20, "rss_mb": rss_mb, "parsed": calls[0], "cards": len(result.cards)}))


def run_child(mode: str, kb: Path, index: Path, trace: bool) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_kb_startup", "--child", mode, str(kb), str(index)] + (["--trace"] if trace else []),
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(mode: str, kb: Path, index: Path) -> dict:
    if mode == "cold":
        for suffix in ("", "-journal"):
            Path(f"{index}{suffix}").unlink(missing_ok=True)
    timed = run_child(mode, kb, index, trace=False)
    if mode == "cold":  # the traced run must be cold too
        Path(index).unlink(missing_ok=True)
    traced = run_child(mode, kb, index, trace=True)
    return {**timed, "peak_mb": traced["peak_mb"], "rss_mb": traced["rss_mb"]}


def prepare(n: int, workdir: Path) -> Path:
    from benchmarks.gen_kb import generate

    kb = workdir / f"kb-{n}"
    if not (kb / "VERSION").exists() or len(list((kb / "cards").rglob("*.md"))) != n:
        generate(n, kb)
    t = time.time() - 3600
    for p in kb.rglob("*.md"):
        os.utime(p, (t, t))
    return kb


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="KB start-up benchmark")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 20000])
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/assist-kb-bench"))
    ap.add_argument("--child", nargs=3, metavar=("MODE", "KB", "INDEX"), help=argparse.SUPPRESS)
    ap.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        child(*a.child, trace=a.trace)
        return 0
    a.workdir.mkdir(parents=True, exist_ok=True)
    print(f"{'cards':>6} {'mode':>5} {'time s':>8} {'py peak MB':>10} {'RSS MB':>7} {'parsed':>7} {'loaded':>7}")
    for n in a.sizes:
        kb = prepare(n, a.workdir)
        index = a.workdir / f"index-{n}.sqlite3"
        for mode in MODES:
            r = measure(mode, kb, index)
            print(f"{n:>6} {mode:>5} {r['secs']:>8.3f} {r['peak_mb']:>10.1f} {r['rss_mb']:>7.1f} {r['parsed']:>7} {r['cards']:>7}")
        print(f"{'':>6} index file {index.stat().st_size / 2**20:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
