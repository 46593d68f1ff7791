"""KB start-up: plain parse vs compiled index, cold and warm, with and without the search
engine; time and resident memory side by side.

    .venv/bin/python -m benchmarks.bench_kb_startup [--sizes 1000 20000] [--workdir /tmp/assist-kb-bench] [--trace]

For each size a synthetic KB is generated (benchmarks.gen_kb) and its files are aged
one hour (a deployed KB; files changed within 2 s of indexing are always re-hashed).
Every measurement runs in a fresh subprocess, modules imported first (their time is shown
apart); ``cpu s`` is the process's CPU time for the same work (less sensitive than wall time to a
busy machine). Modes: ``plain`` (parse every file), ``cold`` (empty index), ``warm`` (index built);
``+search`` adds what the panel does next: the Finder, i.e. the search engine ready for the first
keystroke (built cold; loaded from the index warm). ``RSS`` is the process's resident memory
(VmRSS) when done, ``peak`` its high-water mark (VmHWM); both include the interpreter and the
imports. ``parsed`` counts calls to parse_card: warm start-up must show 0; ``pinyin`` says
whether pypinyin was imported. ``--trace`` adds a second run per mode for the peak of Python
allocations (tracemalloc, which slows the run and inflates RSS: earlier figures that put RSS
next to it were taken that way). Prints figures only; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

MODES = ("plain", "cold", "warm", "cold+search", "warm+search")


def status_mb() -> dict[str, float]:
    text = Path("/proc/self/status").read_text(encoding="ascii", errors="replace")
    return {k: int(m.group(1)) / 1024 if (m := re.search(rf"^{k}:\s+(\d+) kB", text, re.M)) else float("nan")
            for k in ("VmRSS", "VmHWM")}


def child(mode: str, kb: str, index: str, trace: bool) -> None:
    import tracemalloc

    t_imp = time.perf_counter()
    from assist.core import finder
    from assist.core.kb import index as kb_index
    from assist.core.kb import loader

    imports = time.perf_counter() - t_imp
    calls = [0]
    real = loader.parse_card

    def counting(text, rel):  # type: ignore[no-untyped-def]
        calls[0] += 1
        return real(text, rel)

    kb_index.parse_card = counting
    loader.parse_card = counting
    if trace:
        tracemalloc.start()
    t0, c0 = time.perf_counter(), time.process_time()
    result = loader.load_kb(kb) if mode == "plain" else kb_index.load_compiled(kb, index)
    if mode.endswith("+search"):
        finder.Finder(result)
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    mem = status_mb()
    print(json.dumps({"secs": secs, "cpu": cpu, "imports": imports, "peak_py_mb": peak / 2**20, "rss_mb": mem["VmRSS"],
                      "hwm_mb": mem["VmHWM"], "parsed": calls[0], "cards": len(result.cards),
                      "pinyin": "pypinyin" in sys.modules}))


def run_child(mode: str, kb: Path, index: Path, trace: bool) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_kb_startup", "--child", mode, str(kb), str(index)] + (["--trace"] if trace else []),
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(mode: str, kb: Path, index: Path, trace: bool) -> dict:
    def clear() -> None:
        if mode.startswith("cold"):
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{index}{suffix}").unlink(missing_ok=True)

    clear()
    timed = run_child(mode, kb, index, trace=False)
    if trace:
        clear()  # the traced run must be cold too
        timed["peak_py_mb"] = run_child(mode, kb, index, trace=True)["peak_py_mb"]
    return timed


def prepare(n: int, workdir: Path) -> Path:
    from benchmarks.gen_kb import generate

    kb = workdir / f"kb-{n}"
    if not (kb / "VERSION").exists() or len(list((kb / "cards").rglob("*.md"))) != n:
        generate(n, kb)
    t = time.time() - 3600
    for p in kb.rglob("*.md"):
        if p.stat().st_mtime > t:  # age only new files: re-aging all would make the next warm run re-hash them
            os.utime(p, (t, t))
    return kb


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="KB start-up benchmark")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 20000])
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/assist-kb-bench"))
    ap.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    ap.add_argument("--trace", action="store_true", help="also the peak of Python allocations (a second, traced run)")
    ap.add_argument("--child", nargs=3, metavar=("MODE", "KB", "INDEX"), help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        child(*a.child, trace=a.trace)
        return 0
    a.workdir.mkdir(parents=True, exist_ok=True)
    print(f"code: {Path.cwd()}")
    print(f"{'cards':>6} {'mode':>12} {'time s':>7} {'cpu s':>6} {'RSS MB':>7} {'peak MB':>8} {'imports s':>9}"
          f"{' py peak MB' if a.trace else ''} {'parsed':>7} {'loaded':>7} {'pinyin':>6}")
    for n in a.sizes:
        kb = prepare(n, a.workdir)
        index = a.workdir / f"index-{n}.sqlite3"
        for mode in a.modes:
            r = measure(mode, kb, index, a.trace)
            traced = f" {r['peak_py_mb']:>10.1f}" if a.trace else ""
            print(f"{n:>6} {mode:>12} {r['secs']:>7.3f} {r['cpu']:>6.3f} {r['rss_mb']:>7.1f} {r['hwm_mb']:>8.1f} {r['imports']:>9.3f}"
                  f"{traced} {r['parsed']:>7} {r['cards']:>7} {'yes' if r['pinyin'] else 'no':>6}")
        print(f"{'':>6} index file {index.stat().st_size / 2**20:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
