"""Resident memory and start-up time of the real panel process (offscreen Qt).

    .venv/bin/python -m benchmarks.bench_panel_memory [--kb DIR] [--runs 3] [--cards N]

Each run spawns ``python -m assist --basedir B [--kb DIR]`` with ``QT_QPA_PLATFORM=offscreen``
from the current directory (so a checkout of another commit can be measured with the same
script), waits for the panel's "panel started" log line, and reads ``VmRSS`` from
``/proc/PID/status`` a second later ("start"); then it forwards a few queries over the
panel's socket, waits again and reads ``VmRSS`` and the peak ``VmHWM`` ("searched"). The
first run of a base folder is cold (no compiled KB index yet), the others warm. Time is
process spawn to the "panel started" line (the log's own timestamp). One more warm run with
``-X importtime`` (slower, so not in the figures) tells whether the panel imported pypinyin or
zhconv. With ``--cards N`` a synthetic KB of N cards (benchmarks.gen_kb) is used instead of the
starter KB.
Prints figures only; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

QUERIES = ["xykgs", "挂失", "tousu乱收费", "信用卡年费怎么收", "ds"]


def status_mb(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM (peak) of a process, in MB."""
    text = Path(f"/proc/{pid}/status").read_text(encoding="ascii", errors="replace")
    out = {}
    for key in ("VmRSS", "VmHWM"):
        m = re.search(rf"^{key}:\s+(\d+) kB", text, re.M)
        out[key] = int(m.group(1)) / 1024 if m else float("nan")
    return out


def _started_at(log: Path, seen: int) -> float | None:
    if not log.exists():
        return None
    lines = [ln for ln in log.read_text(encoding="utf-8").splitlines() if '"panel started"' in ln]
    if len(lines) <= seen:
        return None
    ts = json.loads(lines[-1])["ts"]
    return dt.datetime.fromisoformat(ts.replace("Z", "+00:00")).timestamp()


def one_run(base: Path, kb: str | None, settle: float = 1.0, timeout: float = 120, imports: bool = False) -> dict[str, Any]:
    from assist.ipc import send

    log = base / "logs" / "assist.log.jsonl"
    seen = log.read_text(encoding="utf-8").count('"panel started"') if log.exists() else 0
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    cmd = [sys.executable, *(["-X", "importtime"] if imports else []), "-m", "assist", "--basedir", str(base)]
    cmd += ["--kb", kb] if kb else []
    t0 = time.time()
    err = tempfile.TemporaryFile()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err)
    try:
        deadline = t0 + timeout
        started = None
        while started is None:
            if p.poll() is not None:
                err.seek(0)
                raise SystemExit(f"panel exited early ({p.returncode}): {err.read().decode()[-800:]}")
            if time.time() > deadline:
                raise SystemExit(f"no 'panel started' line in {log} after {timeout} s")
            time.sleep(0.02)
            started = _started_at(log, seen)
        time.sleep(settle)
        at_start = status_mb(p.pid)
        runtime = base / "runtime"
        for q in QUERIES:
            send(runtime, {"v": 1, "cmd": "open", "query": q})
            time.sleep(0.2)
        time.sleep(settle)
        searched = status_mb(p.pid)
        send(runtime, {"v": 1, "cmd": "quit"})
        p.wait(30)
        err.seek(0)
        imported = {ln.rsplit("|", 1)[-1].strip().split(".")[0] for ln in err.read().decode(errors="replace").splitlines()
                    if ln.startswith("import time:")}
        return {"start_s": started - t0, "rss_start": at_start["VmRSS"], "rss_searched": searched["VmRSS"],
                "peak": searched["VmHWM"], "imported": sorted(imported & {"pypinyin", "zhconv"})}
    finally:
        if p.poll() is None:
            p.terminate()
            try:
                p.wait(15)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kb", help="KB folder (default: the panel's own, the bundled starter KB)")
    ap.add_argument("--cards", type=int, help="use a synthetic KB of this many cards")
    ap.add_argument("--runs", type=int, default=3, help="runs per base folder: 1 cold + the rest warm")
    ap.add_argument("--settle", type=float, default=1.0, help="seconds to wait before each reading")
    a = ap.parse_args(argv)
    kb = a.kb
    if a.cards:
        kb_dir = Path(tempfile.gettempdir()) / f"assist-bench-kb-{a.cards}"
        if not kb_dir.exists():
            subprocess.run([sys.executable, "-m", "benchmarks.gen_kb", str(a.cards), str(kb_dir)], check=True)
        kb = str(kb_dir)
    base = Path(tempfile.mkdtemp(prefix="assist-mem-"))
    print(f"panel: {sys.executable} -m assist (cwd {Path.cwd()}), KB {kb or 'bundled'}")
    print(f"{'run':>5} {'start s':>8} {'RSS start MB':>13} {'RSS searched MB':>16} {'peak MB':>8}")
    warm: list[dict[str, float]] = []
    for i in range(max(1, a.runs)):
        r = one_run(base, kb, a.settle)
        label = "cold" if i == 0 else "warm"
        if i:
            warm.append(r)
        print(f"{label:>5} {r['start_s']:>8.2f} {r['rss_start']:>13.1f} {r['rss_searched']:>16.1f} {r['peak']:>8.1f}")
    if warm:
        med = {k: statistics.median(float(r[k]) for r in warm) for k in ("start_s", "rss_start", "rss_searched", "peak")}
        print(f"{'warm median':>11} start {med['start_s']:.2f} s, RSS {med['rss_start']:.1f} MB at start, "
              f"{med['rss_searched']:.1f} MB after searching, peak {med['peak']:.1f} MB")
    found = one_run(base, kb, a.settle, imports=True)["imported"]
    print(f"warm panel imported pypinyin/zhconv: {', '.join(found) if found else 'neither'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
