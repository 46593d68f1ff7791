"""Keystroke-to-results time in the real panel (offscreen Qt) at N synthetic cards.

    .venv/bin/python -m benchmarks.bench_panel_keystroke [--cards 20000]

For each keystroke the clock starts when the key event is sent and stops when the
result model has been reset with the new results (the 30 ms debounce included,
since that is what the agent sees). The same run also times the engine alone on
the same queries, as the baseline the panel adds to.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

QUERIES = ["xykgs", "guashi", "shoujiyinhang", "tuikuan", "nianfei", "dongjie"]


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cards", type=int, default=20000)
    args = ap.parse_args()
    kb_dir = Path(tempfile.gettempdir()) / f"assist-bench-kb-{args.cards}"
    if not kb_dir.exists():
        subprocess.run([sys.executable, "-m", "benchmarks.gen_kb", str(args.cards), str(kb_dir)], check=True)

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from assist.app import build_context, build_panel_services
    from assist.paths import Paths
    from assist.ui.panel import build_window

    app = QApplication.instance() or QApplication([])
    base = Path(tempfile.mkdtemp(prefix="assist-bench-"))
    ctx = build_context(paths=Paths.from_basedir(base).ensure(), kb=str(kb_dir))
    t0 = time.perf_counter()
    services = build_panel_services(ctx)
    build_s = time.perf_counter() - t0
    view, panel = build_window(services)
    view.show()
    app.processEvents()

    panel_ms: list[float] = []
    engine_ms: list[float] = []
    for q in QUERIES:
        view.searchBox.clear()
        app.processEvents()
        QTest.qWait(50)
        for i, ch in enumerate(q):
            loop = QEventLoop()
            done = {"t": 0.0}

            def finished(done: dict = done, loop: QEventLoop = loop) -> None:
                done["t"] = time.perf_counter()
                loop.quit()

            panel.knowledge.model.modelReset.connect(finished)
            guard = QTimer()
            guard.setSingleShot(True)
            guard.timeout.connect(loop.quit)
            guard.start(2000)
            start = time.perf_counter()
            QTest.keyClick(view.searchBox, ch)
            loop.exec()
            panel.knowledge.model.modelReset.disconnect(finished)
            panel_ms.append((done["t"] - start) * 1000 if done["t"] else float("nan"))
            t = time.perf_counter()
            services.search.search(q[: i + 1], limit=50)
            engine_ms.append((time.perf_counter() - t) * 1000)
    ok = [x for x in panel_ms if x == x]
    print(f"cards: {len(services.kb.cards)}  services build (KB load + index): {build_s:.2f} s")
    print(f"keystrokes: {len(panel_ms)} (timeouts: {len(panel_ms) - len(ok)})  debounce: 30 ms")
    print(f"panel keystroke-to-results  p50 {statistics.median(ok):.1f} ms  p95 {pct(ok, 95):.1f} ms  max {max(ok):.1f} ms")
    print(f"engine alone (baseline)     p50 {statistics.median(engine_ms):.1f} ms  p95 {pct(engine_ms, 95):.1f} ms")
    status = Path("/proc/self/status").read_text(encoding="ascii", errors="replace") if Path("/proc/self/status").exists() else ""
    mem = {ln.split(":")[0]: int(ln.split()[1]) / 1024 for ln in status.splitlines() if ln.startswith(("VmRSS", "VmHWM"))}
    print(f"resident memory (this process: panel + benchmark) {mem.get('VmRSS', 0):.0f} MB, peak {mem.get('VmHWM', 0):.0f} MB")
    services.lane.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
