"""Acceptance: the sync fault suite passes 5 times in a row (fresh seeds each run).

    .venv/bin/python -m benchmarks.bench_sync_faults [--runs 5]

Runs tests/sync/test_sync_faults.py (SQLite and PostgreSQL variants) in a subprocess
per run and prints the outcome and duration of each; exit 1 if any run failed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    failed = 0
    for i in range(1, args.runs + 1):
        env = {**os.environ, "ASSIST_FAULT_SEED": str(1000 + i)}
        t0 = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "tests/sync/test_sync_faults.py"],
                           cwd=REPO, env=env, capture_output=True, text=True)
        took = time.perf_counter() - t0
        last = (r.stdout.strip().splitlines() or ["?"])[-1]
        print(f"run {i}/{args.runs}: {'PASS' if r.returncode == 0 else 'FAIL'} in {took:.1f}s — {last}", flush=True)
        if r.returncode != 0:
            failed += 1
            print(r.stdout[-3000:], r.stderr[-2000:], sep="\n")
    print(f"fault suite: {args.runs - failed}/{args.runs} runs passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
