"""Package size and start-up time of the frozen app.

    python -m benchmarks.bench_package [--runs 5] [--exe /usr/bin/assist]

Prints the .deb size (limit: < 90 MB; exit 1 above it), the one-folder size, the portable
archive size, and — each as the median of --runs runs — the time of `assist --version`,
`assist doctor --json`, and the panel's time from process start to its "panel started" log
line under Xvfb, on an empty profile (first start: creates the database, builds the KB index)
and on a used one (warm start). Uses the installed /usr/bin/assist when the .deb is installed,
else packaging/out/dist/assist/assist (run packaging/build.sh first).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "packaging" / "out"
DEB_LIMIT = 90 * 1024 * 1024


def mb(n: float) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def tree_size(p: Path) -> int:
    return sum(f.lstat().st_size for f in p.rglob("*") if f.is_file() and not f.is_symlink())


def median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.0f} ms (median of {len(samples)}; min {min(samples) * 1000:.0f}, max {max(samples) * 1000:.0f})"


def timed(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, env=env, cwd="/")
    dt_ = time.perf_counter() - t0
    if r.returncode not in (0, 1):  # doctor exits 1 when something is missing; still timed
        raise SystemExit(f"{' '.join(cmd)} failed ({r.returncode}): {r.stderr.decode()[-500:]}")
    return dt_


class Xvfb:
    """A private X server for the panel runs (none needed when $DISPLAY is set)."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.display = os.environ.get("DISPLAY")

    def __enter__(self) -> Xvfb:
        if self.display:
            return self
        if not shutil.which("Xvfb"):
            raise SystemExit("Xvfb not found (apt-get install xvfb) and no $DISPLAY")
        r, w = os.pipe()
        self.proc = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                     pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(w)
        with os.fdopen(r) as fh:
            num = fh.readline().strip()
        if not num:
            raise SystemExit("Xvfb did not start")
        self.display = f":{num}"
        return self

    def __exit__(self, *exc) -> None:
        if self.proc:
            self.proc.terminate()
            self.proc.wait(10)


def panel_start(exe: str, base: Path, env: dict[str, str], timeout: float = 60) -> float:
    """Seconds from spawning the panel to its "panel started" log line (the log's own timestamp)."""
    log = base / "logs" / "assist.log.jsonl"
    seen = log.read_text(encoding="utf-8").count('"panel started"') if log.exists() else 0
    t0 = time.time()
    p = subprocess.Popen([exe, "--basedir", str(base)], env=env, cwd="/", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if p.poll() is not None:
                raise SystemExit(f"panel exited early ({p.returncode}): {p.stderr.read().decode()[-500:]}")
            if log.exists():
                lines = [ln for ln in log.read_text(encoding="utf-8").splitlines() if '"panel started"' in ln]
                if len(lines) > seen:
                    ts = json.loads(lines[-1])["ts"]
                    started = dt.datetime.fromisoformat(ts.replace("Z", "+00:00")).timestamp()
                    return started - t0
            time.sleep(0.02)
        raise SystemExit(f"no 'panel started' line in {log} after {timeout} s")
    finally:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(15)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--exe", help="the assist executable (default: /usr/bin/assist if installed, else the build output)")
    ap.add_argument("--no-panel", action="store_true", help="skip the panel start-up runs")
    args = ap.parse_args()

    print("== package sizes ==")
    over = False
    debs = sorted(OUT.glob("assist_*.deb"))
    for deb in debs:
        size = deb.stat().st_size
        over |= size >= DEB_LIMIT
        print(f".deb               {deb.name}: {mb(size)} ({size} bytes)  {'OK' if size < DEB_LIMIT else 'OVER'} (limit 90 MB)")
    if not debs:
        print(".deb               not built (packaging/build.sh deb)")
    dist = OUT / "dist" / "assist"
    if dist.is_dir():
        print(f"one-folder app     {dist.relative_to(ROOT)}: {mb(tree_size(dist))}")
    if Path("/opt/assist").is_dir():
        print(f"installed          /opt/assist: {mb(tree_size(Path('/opt/assist')))}")
    for arc in sorted(OUT.glob("*-portable.tar.gz")):
        print(f"portable archive   {arc.name}: {mb(arc.stat().st_size)}")

    exe = args.exe or ("/usr/bin/assist" if Path("/opt/assist/assist").exists() and shutil.which("assist") == "/usr/bin/assist"
                       else str(dist / "assist"))
    if not Path(exe).exists():
        print(f"\n{exe} not found: build with packaging/build.sh (or install the .deb)")
        return 1 if over else 0
    env = {k: v for k, v in os.environ.items() if k not in ("ASSIST_BASEDIR", "ASSIST_KB", "QT_QPA_PLATFORM")}
    print(f"\n== start-up: {exe} ==")
    with tempfile.TemporaryDirectory(prefix="assist-bench-") as tmp:
        base = Path(tmp) / "base"
        timed([exe, "--version"], env)  # warm the page cache once
        print(f"assist --version         {median_ms([timed([exe, '--version'], env) for _ in range(args.runs)])}")
        print(f"assist doctor --json     {median_ms([timed([exe, '--basedir', str(base), 'doctor', '--json'], env) for _ in range(args.runs)])}")
        if not args.no_panel:
            with Xvfb() as x:
                penv = dict(env, DISPLAY=x.display)
                first = []
                for i in range(args.runs):
                    first.append(panel_start(exe, Path(tmp) / f"fresh{i}", penv))
                warm_base = Path(tmp) / "warm"
                panel_start(exe, warm_base, penv)  # creates the DB and the KB index
                warm = [panel_start(exe, warm_base, penv) for _ in range(args.runs)]
            print(f"panel, first start       {median_ms(first)}   (empty profile: DB created, KB index built)")
            print(f"panel, warm start        {median_ms(warm)}   (to the 'panel started' log line)")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
